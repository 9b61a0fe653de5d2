"""A box drawing inside a region or a section, redrawn by hand on its own character grid.

Every box (any depth) becomes a wobbly rectangle, ``├──┤`` rules become lines,
``→ ↓ ← ↑`` become drawn arrows, lines between boxes (``───►``, ``│``/``▼``, ``└───┘``) become
lines and arrows running from box to box, and the words stay where the author typed
them, scaled from terminal columns to millimetres.  No box-drawing character
is ever written as text.  Heavy, double, rounded and ASCII lines are read as
light ones (renderer.boxes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ...boxes import (
    BOX_CHARS,
    CORNERS_BOTTOM,
    CORNERS_BOTTOM_RIGHT,
    CORNERS_TOP,
    CORNERS_TOP_RIGHT,
    HLINE,
    Row,
    normalize,
)
from ..ink import Ink
from ..marks import ArrowMark, Mark, StrokeMark
from ..text.inline import Run, parse_inline, plain_text
from ..text.linebreak import set_lines
from ..text.setting import line_marks

ARROWS = {"→": (1, 0), "←": (-1, 0), "↓": (0, 1), "↑": (0, -1), "⇒": (1, 0), "⬇": (0, 1)}
HEADS = {"►": (1, 0), "▶": (1, 0), "◄": (-1, 0), "◀": (-1, 0), "▲": (0, -1), "▼": (0, 1)}  # a connector's arrowhead
# which way a line character reaches out of its cell (a head reaches back along its line)
REACH = {"─": "WE", "│": "NS", "┌": "ES", "┐": "WS", "└": "NE", "┘": "NW", "├": "NSE", "┤": "NSW",
         "┬": "WES", "┴": "WEN", "┼": "NSWE", "►": "W", "▶": "W", "◄": "E", "◀": "E", "▲": "S", "▼": "N"}
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
class GridLine:
    """A connector drawn with line characters outside the boxes (``───►``, ``│``/``▼``, ``└────┘``):
    a straight run from ``a`` to ``b`` in grid units (x: columns, y: rows, at cell centres), with an
    arrowhead at ``b`` when the run ends in one (``►◄▲▼``)."""

    a: tuple[float, float]
    b: tuple[float, float]
    head: bool = False


@dataclass
class Grid:
    boxes: list[GridBox]
    texts: list[GridText]
    arrows: list[GridArrow]
    ncols: int
    kinds: list[str]  # per row: text | rule | blank
    lines: list[GridLine] = field(default_factory=list)
    slopes: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, char) of ╱ ╲ ╳ ‾


SLOPES = "╱╲╳‾"  # drawn across (or along the top of) their cell: a chart's slopes and overlines


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
    lines_, heads_used = _connectors(rows, boxes)
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
            if ch.isspace() or ch in BOX_CHARS or ch in SLOPES or (r, i) in heads_used:
                i += 1
                continue
            if ch in HEADS:  # a head on its own: an arrow in its cell, like ↓
                dx, dy = HEADS[ch]
                arrows.append(GridArrow(r, row.cols[i], row.cols[i] + 1, dx, dy))
                has_text = True
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
            while j + 1 < len(t) and t[j + 1] not in BOX_CHARS and t[j + 1] not in SLOPES and t[j + 1] not in ARROWS \
                    and t[j + 1] not in HEADS and not (
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
        elif any((c in BOX_CHARS and c not in "│") or c in HEADS or c in SLOPES for c in t):
            kinds.append("rule")
        else:
            kinds.append("blank")  # nothing, or only lines going down: as low as an empty row
    slopes = [(r, row.cols[i], ch) for r, row in enumerate(rows) for i, ch in enumerate(row.text) if ch in SLOPES]
    return Grid(boxes, [_against_borders(t, rows[t.row], boxes) for t in texts], arrows, ncols, kinds, lines_,
                slopes)


def _outline_cells(rows: list[Row], boxes: list[GridBox]) -> dict[tuple[int, int], float | None]:
    """(row, index) of every character that draws a box (its top and bottom lines, its sides and
    rules): for a side, the column the box's top line draws it at (a row with wide characters puts
    its own walls further right); None for the others."""
    out: dict[tuple[int, int], float | None] = {}
    for b in boxes:
        for r in (b.top, b.bottom, *b.rules):
            row = rows[r]
            li = row.find_near(b.left, CORNERS_TOP + CORNERS_BOTTOM + "├│", 2)
            ri = row.find_near(b.right, CORNERS_TOP_RIGHT + CORNERS_BOTTOM_RIGHT + "┤│", 4)
            if li >= 0 and ri > li:
                out.update(((r, i), None) for i in range(li, ri + 1) if row.text[i] in BOX_CHARS)
    for r, row in enumerate(rows):
        # the walls a row should show, left to right; wide characters push each one further right
        # than the top line put it, so each is looked for where the one before it was found
        want = sorted((col, k) for b in boxes if b.top < r < b.bottom and r not in b.rules
                      for col, k in ((b.left, 0), (b.right, 1)))
        drift = 0
        lo = 0
        for col, k in want:
            i = row.find_near(col + drift, WALLS, 2 if k == 0 else 4, lo=lo)
            if i >= 0:
                out[(r, i)] = float(col)
                drift = row.cols[i] - col
                lo = i + 1
    return out


STEP = {"E": (1, 0), "W": (-1, 0), "S": (0, 1), "N": (0, -1)}  # (columns, rows)
BACK = {"E": "W", "W": "E", "S": "N", "N": "S"}
TOUCH_GAP = 2  # a line's end this many cells or fewer from a box (spaces between) runs on to it


def _connectors(rows: list[Row], boxes: list[GridBox]) -> tuple[list[GridLine], set[tuple[int, int]]]:
    """The lines drawn between boxes with line characters (what is not a box's outline) as straight
    runs, and the (row, index) of the arrowheads they end in.  A run's end next to a box (a space or
    two between) runs on to the box's line; a run in a row with wide characters is measured from
    the box wall to its left, as the words of such a row are."""
    outline = _outline_cells(rows, boxes)
    cells: dict[tuple[int, int], str] = {}  # (row, column) -> character
    where: dict[tuple[int, int], int] = {}  # (row, column) -> index in its row
    walls: dict[tuple[int, int], float | None] = {}  # (row, column) of a box's line -> its drawn column
    for r, row in enumerate(rows):
        for i, ch in enumerate(row.text):
            if (r, i) in outline:
                walls[(r, row.cols[i])] = outline[(r, i)]
            elif ch in REACH:
                cells[(r, row.cols[i])] = ch
                where[(r, row.cols[i])] = i

    def joins(a: tuple[int, int], way: str) -> tuple[int, int] | None:
        dx, dy = STEP[way]
        b = (a[0] + dy, a[1] + dx)
        if b in cells and way in REACH[cells[a]] and BACK[way] in REACH[cells[b]]:
            return b
        return None

    def shift(r: int, c: int) -> float:
        """Columns the row's own walls sit off the boxes' lines, left of column c."""
        left = [(cc, x) for (rr, cc), x in walls.items() if rr == r and cc < c and x is not None]
        if not left:
            return 0.0
        cc, x = max(left)
        return x - cc

    lines: list[GridLine] = []
    heads: set[tuple[int, int]] = set()
    for fwd, bwd in (("E", "W"), ("S", "N")):
        for a in sorted(cells):
            if joins(a, bwd) is not None or (joins(a, fwd) is None and cells[a] not in "─│"):
                continue  # not the first cell of a run (a lone corner or head is no line)
            run = [a]
            while (nxt := joins(run[-1], fwd)) is not None:
                run.append(nxt)
            if len(run) == 1 and (fwd == "E") != (cells[a] == "─"):
                continue  # a lone ─ is a line across, a lone │ one down
            off = shift(*run[0]) if fwd == "E" else 0.0
            ends = []
            for (r, c), way in ((run[0], bwd), (run[-1], fwd)):
                ch = cells[(r, c)]
                x, y = c + 0.5 + off, float(r)
                dx, dy = STEP[way]
                if ch in HEADS or way in REACH[ch]:  # a tip or an open end: on to a box near it
                    reach = 0.5
                    for k in range(1, TOUCH_GAP + 2):
                        spot = (r + dy * k, c + dx * k)
                        if spot in walls:
                            drawn = walls[spot]
                            if dx and drawn is not None:  # the box's side where its top line draws it
                                x, reach = drawn + 0.5, 0.0
                            else:
                                reach = float(k)
                            break
                        if spot in cells or (0 <= spot[0] < len(rows) and _char_at(rows[spot[0]], spot[1]).strip()):
                            break
                    x, y = x + dx * reach, y + dy * reach
                ends.append((x, y, ch in HEADS))
            (xa, ya, ha), (xb, yb, hb) = ends
            if ha and not hb:
                (xa, ya, ha), (xb, yb, hb) = (xb, yb, hb), (xa, ya, ha)
            lines.append(GridLine((xa, ya), (xb, yb), hb))
            heads.update((r, where[(r, c)]) for r, c in (run[0], run[-1]) if cells[(r, c)] in HEADS)
    return lines, heads


def _char_at(row: Row, col: int) -> str:
    i = next((k for k, c in enumerate(row.cols) if c == col), -1)
    return row.text[i] if i >= 0 else " "


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
