"""A box drawing inside a region or a section, redrawn by hand on its own character grid.

Every box (any depth) becomes a wobbly rectangle, ``├──┤`` rules become lines,
``→ ↓ ← ↑`` become drawn arrows and the words stay where the author typed
them, scaled from terminal columns to millimetres.  No box-drawing character
is ever written as text.  Heavy, double, rounded and ASCII lines are read as
light ones (layout.boxchars).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import theme
from ..layout.boxchars import normalize
from ..layout.columns import BOX_CHARS, CORNERS_BOTTOM, CORNERS_BOTTOM_RIGHT, CORNERS_TOP, CORNERS_TOP_RIGHT, HLINE, Row
from .ink import Ink
from .inline import Run, parse_inline, plain_text
from .linebreak import set_lines
from .marks import ArrowMark, Mark, StrokeMark
from .text import line_marks

ARROWS = {"→": (1, 0), "←": (-1, 0), "↓": (0, 1), "↑": (0, -1), "⇒": (1, 0), "⬇": (0, 1)}
RULE_TEXT = re.compile(r"^[-=|:+ ]+$")
WALLS = "│├┤┼"  # a box's side as a row between its top and bottom lines shows it


@dataclass
class GridBox:
    top: int
    bottom: int
    left: int
    right: int
    rules: list[int] = field(default_factory=list)


@dataclass
class GridText:
    row: int
    col: int
    end: int  # column after the last character
    text: str
    room: int  # columns free to its right before a border


@dataclass
class GridArrow:
    row: int
    col: int
    end: int
    dx: int
    dy: int


@dataclass
class Grid:
    boxes: list[GridBox]
    texts: list[GridText]
    arrows: list[GridArrow]
    ncols: int
    kinds: list[str]  # per row: text | rule | blank


def parse_grid(lines: list[str]) -> Grid:
    rows = [Row.of(k, ln) for k, ln in enumerate(normalize(lines))]
    boxes: list[GridBox] = []
    for r, row in enumerate(rows):
        t = row.text
        for i, ch in enumerate(t):
            if ch not in CORNERS_TOP:
                continue
            j = i + 1
            while j < len(t) and t[j] in HLINE + "┬┴":
                j += 1
            if j >= len(t) or t[j] not in CORNERS_TOP_RIGHT:
                continue
            box = GridBox(r, len(rows) - 1, row.cols[i], row.cols[j])
            for r2 in range(r + 1, len(rows)):
                li = rows[r2].find_near(box.left, CORNERS_BOTTOM + "├", 2)
                if li >= 0 and rows[r2].text[li] in CORNERS_BOTTOM:
                    box.bottom = r2
                    ri = rows[r2].find_near(box.right, CORNERS_BOTTOM_RIGHT, 4)
                    if ri >= 0:
                        box.right = max(box.right, rows[r2].cols[ri])
                    break
                if li >= 0:
                    box.rules.append(r2)
            boxes.append(box)
    texts: list[GridText] = []
    arrows: list[GridArrow] = []
    kinds: list[str] = []
    ncols = 1
    for r, row in enumerate(rows):
        t = row.text
        has_text = False
        i = 0
        while i < len(t):
            ch = t[i]
            if ch.isspace() or ch in BOX_CHARS:
                i += 1
                continue
            if ch in ARROWS:
                j = i
                while j + 1 < len(t) and (t[j + 1] == ch or (t[j + 1] == " " and j + 2 < len(t) and t[j + 2] == ch)):
                    j += 1
                dx, dy = ARROWS[ch]
                arrows.append(GridArrow(r, row.cols[i], row.cols[j] + 1, dx, dy))
                has_text = True
                i = j + 1
                continue
            j = i
            while j + 1 < len(t) and t[j + 1] not in BOX_CHARS and t[j + 1] not in ARROWS and not (
                t[j + 1] == " " and (j + 2 >= len(t) or t[j + 2] == " " or t[j + 2] in BOX_CHARS)
            ):
                j += 1
            end = row.cols[j] + 1 + (1 if _wide(t[j]) else 0)
            nxt = next((row.cols[k] for k in range(j + 1, len(t)) if t[k] in BOX_CHARS or t[k] in ARROWS), None)
            room = (nxt - end) if nxt is not None else 4
            word, start = t[i : j + 1], row.cols[i]
            i = j + 1
            if RULE_TEXT.match(word) and ("|" in word or len(word) >= 3):
                continue  # a table rule or a line typed with '-' and '|': never words on the page
            texts.append(GridText(r, start, end, word, max(0, room)))
            has_text = True
        if row.cols:
            ncols = max(ncols, row.cols[-1] + (2 if _wide(t[-1]) else 1))
        if has_text:
            kinds.append("text")
        elif any(c in BOX_CHARS for c in t):
            kinds.append("rule")
        else:
            kinds.append("blank")
    return Grid(boxes, [_against_borders(t, rows[t.row], boxes) for t in texts], arrows, ncols, kinds)


def _against_borders(t: GridText, row: Row, boxes: list[GridBox]) -> GridText:
    """The words placed against the box border to their left as the box's top line draws it.  A
    row with wide characters (Hangul, Hanja) pushes its own borders right of the top line's, by a
    different amount in every row; words written right after a border then land at ragged indents.
    Measured from their own row's border instead, the lines of a box share one left edge."""
    walls = [row.cols[i] for i, ch in enumerate(row.text) if ch in WALLS]
    inside = [b for b in boxes if b.top < t.row < b.bottom]
    edges = sorted([(b.left, 0) for b in inside] + [(b.right, 1) for b in inside])
    left = [k for k, c in enumerate(walls) if c < t.col]
    if len(walls) != len(edges) or not left:
        return t
    k = left[-1]
    shift = edges[k][0] - walls[k]
    return GridText(t.row, t.col + shift, t.end + shift, t.text, t.room)


def _wide(ch: str) -> bool:
    from wcwidth import wcwidth

    return wcwidth(ch) == 2


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
