"""Markdown tables on a hand-drawn grid: header row on a pale accent fill, cells wrapped,
column widths from their content."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from ... import theme
from ..ink import Ink
from ..marks import Mark, StrokeMark
from ..text.inline import Run, one_line, plain_text
from ..text.linebreak import Line, line_count, natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch
from .base import per_width


@dataclass(eq=False)
class TableBlock:
    header: list[list[Run]]
    rows: list[list[list[Run]]]
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def ncols(self) -> int:
        return max([len(self.header)] + [len(r) for r in self.rows])

    def _cells(self) -> list[list[list[Run]]]:
        n = self.ncols
        return [(r + [[]] * n)[:n] for r in [self.header] + self.rows]

    def _widths(self, width: float, size_pt: float) -> list[list[float]]:
        """The column widths to try, the first preferred on a tie.  A table that fits its column is ruled across
        it, the room to spare going to every column alike.  One that must wrap gives each column its longest
        word and shares the rest by what each still lacks; and, as a hand would, it may instead write its
        narrowest columns whole (the first k of them by natural width) and wrap only the others."""
        pad = 2 * theme.TABLE_PAD_EM * size_pt * theme.PT_MM
        cells = self._cells()
        nat = [max(natural_width(r[c], size_pt) for r in cells) + pad for c in range(self.ncols)]
        low = [max(widest_word(r[c], size_pt) for r in cells) + pad for c in range(self.ncols)]
        low = [min(lo, width / self.ncols) for lo in low]
        if sum(nat) <= width:
            return [[n * width / sum(nat) for n in nat] if 0 < sum(nat) and math.isfinite(width) else nat]
        out = [_shared(width, low, nat, set())]
        whole: set[int] = set()
        for c in sorted(range(self.ncols), key=lambda c: (nat[c], c))[:-1]:
            whole.add(c)
            if sum(nat[k] for k in whole) + sum(low[k] for k in range(self.ncols) if k not in whole) > width:
                break
            out.append(_shared(width, low, nat, whole))
        return out

    @per_width
    def _plan(self, width: float, size_pt: float) -> tuple[list[float], list[float]]:
        """The column widths of the lowest table among ``_widths``, and its row heights."""
        pad = 2 * theme.TABLE_PAD_EM * size_pt * theme.PT_MM
        cells = [[tuple(cell) for cell in row] for row in self._cells()]
        best: tuple[list[float], list[float]] | None = None
        for widths in self._widths(width, size_pt):
            heights = [max(line_count(cell, max(1.0, w - pad), size_pt) for cell, w in zip(row, widths)) * pitch(size_pt)
                       + theme.TABLE_VPAD_EM * size_pt * theme.PT_MM for row in cells]
            if best is None or sum(heights) < sum(best[1]) - 1e-6:
                best = (widths, heights)
        assert best is not None
        return best

    @per_width
    def _layout(self, width: float, size_pt: float) -> tuple[list[float], list[list[list[Line]]], list[float]]:
        widths, heights = self._plan(width, size_pt)
        pad = 2 * theme.TABLE_PAD_EM * size_pt * theme.PT_MM
        grid = [[set_lines(cell, max(1.0, w - pad), size_pt) for cell, w in zip(row, widths)] for row in self._cells()]
        return (widths, grid, heights)

    def measure(self, width: float, size_pt: float) -> float:
        return sum(self._plan(width, size_pt)[1]) + theme.BLOCK_INK_ROOM

    def min_width(self, size_pt: float) -> float:
        pad = 2 * theme.TABLE_PAD_EM * size_pt * theme.PT_MM
        return sum(max(widest_word(r[c], size_pt) for r in self._cells()) + pad for c in range(self.ncols))

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        widths, grid, heights = self._layout(width, size_pt)
        out: list[Mark] = []
        tw = sum(widths)
        th = sum(heights)
        y += theme.BLOCK_INK_TOP
        padx = theme.TABLE_PAD_EM * size_pt * theme.PT_MM
        hh = heights[0]
        out.append(StrokeMark(((x, y), (x + tw, y), (x + tw, y + hh), (x, y + hh)), ink.accent, 0.0,
                              closed=True, fill=ink.accent, fill_alpha=theme.HEADER_FILL_ALPHA, wobble=theme.TABLE_HEADER_WOBBLE, z=0))
        out.append(StrokeMark(((x, y), (x + tw, y), (x + tw, y + th), (x, y + th)), ink.pen, theme.PEN_WIDTH_PT, closed=True))
        cy = y
        for k, (row, h) in enumerate(zip(grid, heights)):
            if k:
                out.append(StrokeMark(((x, cy), (x + tw, cy)), ink.pen, theme.THIN_WIDTH_PT * (theme.TABLE_HEAD_RULE if k == 1 else 1.0)))
            cx = x
            for c, (lines, w) in enumerate(zip(row, widths)):
                if k == 0 and c:
                    out.append(StrokeMark(((cx, y), (cx, y + th)), ink.pen, theme.THIN_WIDTH_PT))
                for j, ln in enumerate(lines):
                    out.extend(line_marks(ln, cx + padx, cy + 0.5 * theme.TABLE_VPAD_EM * size_pt * theme.PT_MM + j * pitch(size_pt), size_pt, ink,
                                          ink.accent if k == 0 else None))
                cx += w
            cy += h
        return out

    def texts(self) -> list[str]:
        return [plain_text(c) for row in self._cells() for c in row]


_CELL_GUARD = re.compile(r"`[^`]*`|<\|[A-Za-z0-9_]+\|>")


def _shared(width: float, low: list[float], nat: list[float], whole: set[int]) -> list[float]:
    """Column widths within ``width``: the columns of ``whole`` at their natural width, the others at their
    longest word plus a share of the rest by what each still lacks."""
    rest = [c for c in range(len(nat)) if c not in whole]
    spare = max(0.0, width - sum(nat[c] for c in whole) - sum(low[c] for c in rest))
    tot = sum(nat[c] - low[c] for c in rest) or 1.0
    return [nat[c] if c in whole else low[c] + spare * (nat[c] - low[c]) / tot for c in range(len(nat))]


def guard_cell_pipes(line: str) -> str:
    """A table row with its pipes inside code spans and special tokens (``<|im_start|>``) escaped:
    they are part of the cell, not a border between cells."""
    if not line.lstrip().startswith("|") or line.count("|") < 3:
        return line
    return _CELL_GUARD.sub(lambda m: re.sub(r"(?<!\\)\|", r"\\|", m.group(0)), line)


TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def loose_table(src: list[str]) -> tuple[int, int] | None:
    """Lines [a, b) of a paragraph that are a table markdown would not take (its rows and header
    differ in cells): pipe rows around a ``|---|---|`` rule."""
    rule = next((k for k, s in enumerate(src) if "|" in s and TABLE_RULE.match(s)), -1)
    if rule < 0:
        return None
    a = rule
    while a > 0 and "|" in src[a - 1]:
        a -= 1
    b = rule + 1
    while b < len(src) and "|" in src[b]:
        b += 1
    return (a, b) if b - a >= 2 else None


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def pipe_table(src: list[str], line: int, emphasis: tuple[str, ...]) -> TableBlock:
    rows = [[one_line(c, emphasis) for c in _cells(s)] for s in src if not TABLE_RULE.match(s)]
    has_head = len(src) > 1 and bool(TABLE_RULE.match(src[1]))
    header = rows[0] if has_head and rows else []
    return TableBlock(header, rows[1:] if has_head else rows, line)


def table_of(tokens: list[Token], i: int, emphasis: tuple[str, ...]) -> tuple[int, list[list[Run]], list[list[list[Run]]]]:
    header: list[list[Run]] = []
    rows: list[list[list[Run]]] = []
    cur: list[list[Run]] | None = None
    in_head = False
    j = i
    while j < len(tokens) and tokens[j].type != "table_close":
        t = tokens[j]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            cur = []
        elif t.type == "inline" and cur is not None:
            cur.append(one_line(t.content, emphasis))
        elif t.type == "tr_close" and cur is not None:
            if in_head:
                header = cur
            else:
                rows.append(cur)
            cur = None
        j += 1
    return j, header, rows
