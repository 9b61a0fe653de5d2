"""A box drawing inside a region or a section, redrawn by hand on its own character grid.

Every box (any depth) becomes a wobbly rectangle, ``├──┤`` rules become lines,
``→ ↓ ← ↑`` become drawn arrows, lines between boxes (``───►``, ``│``/``▼``, ``└───┘``) become
lines and arrows running from box to box, and the words stay where the author typed
them, scaled from terminal columns to millimetres.  No box-drawing character
is ever written as text.  Heavy, double, rounded and ASCII lines are read as
light ones (cheatsheet.boxes); the grid is read in ``grid.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ..ink import Ink
from ..marks import ArrowMark, Mark, StrokeMark
from ..text.inline import Run, parse_inline, plain_text
from ..text.linebreak import set_lines
from ..text.setting import line_marks
from .grid import Grid, GridText, parse_grid


@dataclass(eq=False)
class DrawingBlock:
    lines: list[str]
    line: int
    keep_with_next: bool = False
    _grid: Grid | None = field(default=None, repr=False)

    @property
    def grid(self) -> Grid:
        if self._grid is None:
            self._grid = parse_grid(self.lines)
        return self._grid

    def _label_runs(self, t) -> tuple[list[Run], bool]:
        label = t.text.strip()
        boxed = len(label) > 2 and label[0] == "[" and label[-1] == "]" and "]" not in label[1:-1]
        if boxed:
            label = label[1:-1].strip()
        return [r for ln in parse_inline(label) for r in ln], boxed

    def _col_unit(self, size_pt: float) -> float:
        """Width (mm) of one terminal column of the diagram at ``size_pt``: half an em, or more where
        a label written at that size needs more room than its columns give (the handwriting is wider
        than a terminal's cells), so that every label keeps the drawing's size."""
        em = size_pt * theme.PT_MM
        unit = theme.DRAWING_COL_EM * em
        for t in self.grid.texts:
            runs, _ = self._label_runs(t)
            lines = set_lines(runs, 1e6, size_pt)
            real = lines[0].width if lines else 0.0
            cols = t.end - t.col + t.room - theme.DRAWING_LABEL_SLACK
            if real > 0 and cols > 0:
                unit = max(unit, real / cols)
        return unit

    def _text_size(self, width: float, size_pt: float) -> float:
        """Text size (pt) of the drawing: the body size, smaller (the whole drawing alike, never
        below the body's floor, which min_width keeps room for) when the grid is wider than ``width``."""
        need = self.grid.ncols * self._col_unit(size_pt)
        if need <= width:
            return size_pt
        return max(min(size_pt, theme.BODY_PT_MIN), size_pt * width / need)

    def _row_heights(self, s_pt: float) -> list[float]:
        em = s_pt * theme.PT_MM
        per = {"text": theme.DRAWING_TEXT_ROW_EM, "rule": theme.DRAWING_RULE_ROW_EM, "blank": theme.DRAWING_BLANK_ROW_EM}
        return [per[k] * em for k in self.grid.kinds]

    def measure(self, width: float, size_pt: float) -> float:
        return sum(self._row_heights(self._text_size(width, size_pt))) + theme.BLOCK_INK_ROOM

    def min_width(self, size_pt: float) -> float:
        return self.grid.ncols * self._col_unit(min(size_pt, theme.BODY_PT_MIN))

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        g = self.grid
        s = self._text_size(width, size_pt)
        em = s * theme.PT_MM
        cw = min(self._col_unit(s), width / g.ncols)
        x0 = x + max(0.0, (width - g.ncols * cw) / 2)
        hs = self._row_heights(s)
        tops = [y + theme.BLOCK_INK_TOP]
        for h in hs:
            tops.append(tops[-1] + h)

        def mid(r: int) -> float:
            return tops[r] + hs[r] / 2

        out: list[Mark] = []
        for b in g.boxes:
            bx0, bx1 = x0 + (b.left + 0.5) * cw, x0 + (b.right + 0.5) * cw
            by0, by1 = mid(b.top), mid(b.bottom)
            inner = not any(o is not b and b.left <= o.left and o.right <= b.right and b.top <= o.top
                            and o.bottom <= b.bottom for o in g.boxes)
            outer = len(g.boxes) > 1 and not inner
            out.append(StrokeMark(((bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)),
                                  ink.pen if outer else ink.accent, theme.BOX_WIDTH_PT * theme.DRAWING_BOX_WIDTH, closed=True,
                                  fill=None if outer else ink.marker, fill_alpha=theme.DRAWING_BOX_FILL_ALPHA))
            for r in b.rules:
                out.append(StrokeMark(((bx0, mid(r)), (bx1, mid(r))), ink.pen, theme.THIN_WIDTH_PT))
        def gy(v: float) -> float:
            """A row position in mm: a whole number is a row's middle, a half the edge between two rows."""
            k = max(0, min(len(hs) - 1, int(v // 1)))
            f = v - k
            if abs(f - 0.5) < 1e-9:
                return tops[k + 1]
            if f <= 0:
                return mid(k) + f * hs[k]
            nxt = mid(k + 1) if k + 1 < len(hs) else tops[-1]
            return mid(k) + f * (nxt - mid(k))

        for r, c, ch in g.slopes:
            xa, xb, ya, yb = x0 + c * cw, x0 + (c + 1) * cw, tops[r], tops[r] + hs[r]
            if ch == "‾":
                out.append(StrokeMark(((xa, ya), (xb, ya)), ink.accent, theme.THIN_WIDTH_PT))
            if ch in "╱╳":
                out.append(StrokeMark(((xa, yb), (xb, ya)), ink.accent, theme.THIN_WIDTH_PT))
            if ch in "╲╳":
                out.append(StrokeMark(((xa, ya), (xb, yb)), ink.accent, theme.THIN_WIDTH_PT))
        gap = theme.GRAPH_ARROW_GAP
        for ln in g.lines:
            (ax, ay), (bx, by) = (x0 + ln.a[0] * cw, gy(ln.a[1])), (x0 + ln.b[0] * cw, gy(ln.b[1]))
            if not ln.head:
                out.append(StrokeMark(((ax, ay), (bx, by)), ink.accent, theme.PEN_WIDTH_PT))
                continue
            length = max(1e-6, abs(bx - ax) + abs(by - ay))
            tip = (bx - (bx - ax) / length * gap, by - (by - ay) / length * gap)
            out.append(ArrowMark((ax, ay), tip, ink.accent, theme.PEN_WIDTH_PT, theme.DRAWING_DOWN_HEAD_EM * em))
        # words first: where each label is written (and how wide it really is), so that an arrow
        # across is drawn in the room between the words and borders of its row, never over them
        placed: list[tuple[GridText, list, bool, float, float]] = []  # text, lines, boxed, x, top
        for t in g.texts:
            runs, boxed = self._label_runs(t)
            lines = set_lines(runs, 1e6, s)
            top = tops[t.row] + (hs[t.row] - s * theme.PT_MM) / 2 - theme.DRAWING_LABEL_RAISE_EM * em
            tx = x0 + t.col * cw
            if boxed and lines:
                tx += max(0.0, ((t.end - t.col) * cw - lines[0].width) / 2)
            placed.append((t, lines, boxed, tx, top))
        clear = theme.DRAWING_ARROW_CLEAR_EM * em
        least = theme.DRAWING_ARROW_LEAST_EM * em
        tag = theme.DRAWING_TAG_PAD_EM * em
        for a in g.arrows:
            if a.dy == 0:
                xa, xb = x0 + a.col * cw, x0 + max(a.end, a.col + theme.DRAWING_ARROW_MIN_COLS) * cw
                borders = [x0 + (c + 0.5) * cw for bx in g.boxes if bx.top <= a.row <= bx.bottom
                           for c in (bx.left, bx.right)]
                row = [k for k, p in enumerate(placed) if p[0].row == a.row]

                def right_end(k: int) -> float:
                    _, lines, boxed, tx, _top = placed[k]
                    return tx + (lines[0].width if lines else 0.0) + (tag if boxed else 0.0)

                lo = max([right_end(k) + clear for k in row if placed[k][0].col < a.col]
                         + [c + clear for c in borders if c <= xa + cw / 2], default=x)
                after = [k for k in row if placed[k][0].col >= a.end]
                hi_words = min((placed[k][3] - (tag if placed[k][2] else 0.0) - clear for k in after), default=x + width)
                hi_border = min((c - clear for c in borders if c > xa + cw / 2), default=x + width)
                start, end = max(xa, lo), min(xb, hi_words, hi_border)
                if end - start < least:  # too little room: the words after the arrow move right
                    want = min(start + least, hi_border)
                    push = max(0.0, want - hi_words)
                    if push and max((right_end(k) for k in after), default=0.0) + push <= min(hi_border + clear, x + width):
                        for k in after:
                            t, lines, boxed, tx, top = placed[k]
                            placed[k] = (t, lines, boxed, tx + push, top)
                        hi_words += push
                    end = min(want, hi_words, hi_border)
                if a.dx < 0:
                    start, end = end, start
                out.append(ArrowMark((start, mid(a.row)), (end, mid(a.row)), ink.accent,
                                     theme.PEN_WIDTH_PT * theme.DRAWING_ARROW_WIDTH, theme.DRAWING_ARROW_HEAD_EM * em))
            else:
                cx = x0 + (a.col + 0.5) * cw
                ya, yb = tops[a.row] + theme.DRAWING_DOWN_INSET_EM * em, tops[a.row] + hs[a.row] - theme.DRAWING_DOWN_INSET_EM * em
                if a.dy < 0:
                    ya, yb = yb, ya
                out.append(ArrowMark((cx, ya), (cx, yb), ink.accent, theme.PEN_WIDTH_PT, theme.DRAWING_DOWN_HEAD_EM * em))
        for _t, lines, boxed, tx, top in placed:
            ts = s
            if boxed and lines:
                pad = theme.DRAWING_TAG_PAD_EM * em
                out.append(StrokeMark(((tx - pad, top - theme.DRAWING_TAG_ABOVE_EM * em), (tx + lines[0].width + pad, top - theme.DRAWING_TAG_ABOVE_EM * em),
                                       (tx + lines[0].width + pad, top + theme.DRAWING_TAG_BELOW_EM * ts * theme.PT_MM),
                                       (tx - pad, top + theme.DRAWING_TAG_BELOW_EM * ts * theme.PT_MM)), ink.accent, theme.THIN_WIDTH_PT,
                                      closed=True, fill=ink.marker, fill_alpha=theme.DRAWING_TAG_FILL_ALPHA))
            for ln in lines:
                out.extend(line_marks(ln, tx, top, ts, ink))
        return out

    def texts(self) -> list[str]:
        return [plain_text([r for ln in parse_inline(t.text.strip().strip("[]")) for r in ln]) for t in self.grid.texts]


LABELS = re.compile(r"\S {3,}\S")  # captions typed in columns above a drawing

