"""Cost comparison: ``사전학습: $$$$$`` / ``후속학습: $`` lines as a tiny hand-drawn bar chart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import theme
from .block import per_width
from .ink import Ink
from .inline import Run, parse_inline, plain_text
from .linebreak import natural_width, set_lines, widest_word
from .marks import Mark, StrokeMark
from .text import line_marks, pitch, text_marks

COST_LINE = re.compile(r"^\s*(?:[-*•]\s+)?([^:$|]{1,40}?)\s*:\s*(\$+)\s*(.*?)\s*$")
UNIT_EM = 1.6  # one $ of bar at most, in ems


@dataclass
class CostRow:
    label: str
    dollars: int
    note: str


def cost_rows(lines: list[str]) -> list[CostRow] | None:
    rows = []
    for ln in lines:
        m = COST_LINE.match(ln)
        if not m:
            return None
        rows.append(CostRow(m.group(1).strip(), len(m.group(2)), m.group(3).strip()))
    return rows if len(rows) >= 2 else None


@dataclass(eq=False)
class CostBarsBlock:
    rows: list[CostRow]
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def _label_w(self, size_pt: float) -> float:
        return max(natural_width([Run(r.label)], size_pt) for r in self.rows) + 0.6 * size_pt * theme.PT_MM

    def _unit(self, width: float, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        most = max(r.dollars for r in self.rows)
        room = width - self._label_w(size_pt) - 4.5 * em
        return max(0.5, min(UNIT_EM * em, room / most))

    @per_width
    def _notes(self, width: float, size_pt: float):
        em = size_pt * theme.PT_MM
        unit = self._unit(width, size_pt)
        out = []
        for r in self.rows:
            room = width - self._label_w(size_pt) - r.dollars * unit - 4.5 * em
            runs = [x for ln in parse_inline(r.note) for x in ln]
            out.append(set_lines(runs, max(room, 10.0), size_pt) if r.note else [])
        return out

    def measure(self, width: float, size_pt: float) -> float:
        notes = self._notes(width, size_pt)
        return sum(max(1, len(n)) * pitch(size_pt) * 1.25 for n in notes) + 0.6

    def min_width(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        return self._label_w(size_pt) + max(r.dollars for r in self.rows) * 0.5 + 4.5 * em + min(
            max((widest_word([Run(r.note)], size_pt) for r in self.rows), default=0.0), 20.0)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        em = size_pt * theme.PT_MM
        unit = self._unit(width, size_pt)
        lw = self._label_w(size_pt)
        notes = self._notes(width, size_pt)
        out: list[Mark] = []
        cy = y + 0.3
        most = max(r.dollars for r in self.rows)
        for k, (r, note) in enumerate(zip(self.rows, notes)):
            h = max(1, len(note)) * pitch(size_pt) * 1.25
            base = cy + 0.2 * em + 0.78 * em
            out.extend(text_marks(x, base, r.label, size_pt, ink.pen))
            bx, by, bh = x + lw, cy + 0.18 * em, 0.9 * em
            bw = r.dollars * unit
            color = theme.ACCENTS[3] if r.dollars == most else theme.ACCENTS[1]
            out.append(StrokeMark(((bx, by), (bx + bw, by), (bx + bw, by + bh), (bx, by + bh)), ink.pen,
                                  theme.PEN_WIDTH_PT, closed=True, fill=color, fill_alpha=0.35))
            for j in range(1, r.dollars):
                sx = bx + j * unit
                out.append(StrokeMark(((sx - 0.25 * unit, by + bh), (sx + 0.25 * unit, by)), color,
                                      theme.THIN_WIDTH_PT, wobble=0.2))
            out.extend(text_marks(bx + bw + 0.4 * em, base, "$" * r.dollars, size_pt, color, bold=True))
            nx = bx + bw + 0.4 * em + natural_width([Run("$" * r.dollars)], size_pt) + 0.6 * em
            for j, ln in enumerate(note):
                out.extend(line_marks(ln, nx, cy + 0.2 * em + j * pitch(size_pt), size_pt, ink))
            cy += h
            del k
        return out

    def texts(self) -> list[str]:
        return [t for r in self.rows for t in (r.label, "$" * r.dollars, plain_text([Run(r.note)]))]
