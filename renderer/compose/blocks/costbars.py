"""Cost comparison: ``사전학습: $$$$$`` / ``후속학습: $`` lines as a tiny hand-drawn bar chart."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ..ink import Ink
from ..marks import Mark, StrokeMark
from ..text.inline import Run, parse_inline, plain_text
from ..text.linebreak import natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch, text_marks
from .base import per_width
from .found import Found, Scan

# ``label: $$$`` with an optional note: the run of dollar signs is the amount, so a sum of money
# (``사과 합계: $13 − $4 = $9``, ``$ 13``) is a worked step written as text, never a bar
COST_LINE = re.compile(r"^\s*(?:[-*•]\s+)?([^:$|\s][^:$|]{0,39}?)\s*:\s*(\$+)(?!\s*[\d.,])\s*(.*?)\s*$")


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
        return max(natural_width([Run(r.label)], size_pt) for r in self.rows) + theme.COST_LABEL_GAP_EM * size_pt * theme.PT_MM

    def _unit(self, width: float, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        most = max(r.dollars for r in self.rows)
        room = width - self._label_w(size_pt) - theme.COST_SPARE_EM * em
        return max(theme.COST_UNIT_MIN, min(theme.COST_UNIT_EM * em, room / most))

    @per_width
    def _notes(self, width: float, size_pt: float):
        em = size_pt * theme.PT_MM
        unit = self._unit(width, size_pt)
        out = []
        for r in self.rows:
            room = width - self._label_w(size_pt) - r.dollars * unit - theme.COST_SPARE_EM * em
            runs = [x for ln in parse_inline(r.note) for x in ln]
            out.append(set_lines(runs, max(room, theme.COST_NOTE_MIN_W), size_pt) if r.note else [])
        return out

    def measure(self, width: float, size_pt: float) -> float:
        notes = self._notes(width, size_pt)
        return sum(max(1, len(n)) * pitch(size_pt) * theme.COST_ROW_LINES for n in notes) + theme.BLOCK_INK_ROOM

    def min_width(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        return self._label_w(size_pt) + max(r.dollars for r in self.rows) * theme.COST_UNIT_MIN + theme.COST_SPARE_EM * em + min(
            max((widest_word([Run(r.note)], size_pt) for r in self.rows), default=0.0), theme.COST_NOTE_WORD_MAX)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        em = size_pt * theme.PT_MM
        unit = self._unit(width, size_pt)
        lw = self._label_w(size_pt)
        notes = self._notes(width, size_pt)
        out: list[Mark] = []
        cy = y + theme.BLOCK_INK_TOP
        most = max(r.dollars for r in self.rows)
        for k, (r, note) in enumerate(zip(self.rows, notes)):
            h = max(1, len(note)) * pitch(size_pt) * theme.COST_ROW_LINES
            base = cy + theme.COST_ROW_TOP_EM * em + theme.TEXT_ASCENT_EM * em
            out.extend(text_marks(x, base, r.label, size_pt, ink.pen))
            bx, by, bh = x + lw, cy + theme.COST_BAR_TOP_EM * em, theme.COST_BAR_EM * em
            bw = r.dollars * unit
            color = theme.COST_MOST_INK if r.dollars == most else theme.COST_INK
            out.append(StrokeMark(((bx, by), (bx + bw, by), (bx + bw, by + bh), (bx, by + bh)), ink.pen,
                                  theme.PEN_WIDTH_PT, closed=True, fill=color, fill_alpha=theme.COST_FILL_ALPHA))
            for j in range(1, r.dollars):
                sx = bx + j * unit
                out.append(StrokeMark(((sx - theme.COST_NOTCH * unit, by + bh), (sx + theme.COST_NOTCH * unit, by)), color,
                                      theme.THIN_WIDTH_PT, wobble=theme.COST_NOTCH_WOBBLE))
            out.extend(text_marks(bx + bw + theme.COST_TAG_GAP_EM * em, base, "$" * r.dollars, size_pt, color, bold=True))
            nx = bx + bw + theme.COST_TAG_GAP_EM * em + natural_width([Run("$" * r.dollars)], size_pt) + theme.COST_NOTE_GAP_EM * em
            for j, ln in enumerate(note):
                out.extend(line_marks(ln, nx, cy + theme.COST_ROW_TOP_EM * em + j * pitch(size_pt), size_pt, ink))
            cy += h
            del k
        return out

    def texts(self) -> list[str]:
        return [t for r in self.rows for t in (r.label, "$" * r.dollars, plain_text([Run(r.note)]))]


def buf_cost(buf: list[str]) -> bool:
    return bool(buf) and bool(COST_LINE.match(buf[-1]))


LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+\S")


def found_at(scan: Scan, i: int) -> Found | None:
    """``label: $$$`` lines from line ``i``: a chart compares amounts of one thing, so the whole list,
    never a few items of a longer one (nor the line after writing that ends in one)."""
    lines = scan.lines
    if not (COST_LINE.match(lines[i]) and not buf_cost(scan.held)):
        return None
    end = i
    while end + 1 < len(lines) and COST_LINE.match(lines[end + 1]):
        end += 1
    rows = cost_rows(lines[i : end + 1])
    if rows and not (i > 0 and LIST_ITEM.match(lines[i - 1])) and not (
            end + 1 < len(lines) and LIST_ITEM.match(lines[end + 1])):
        return Found(end, lambda: [CostBarsBlock(rows, scan.line0 + i)])
    return None
