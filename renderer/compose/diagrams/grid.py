"""A box drawing read on its character grid: boxes (any depth), ``├──┤`` rules, arrows typed as
``→ ↓ ← ↑``, lines drawn between boxes (``───►``, ``│``/``▼``, ``└───┘``) and the words where the author
typed them, each at its terminal column and row.  ``drawing.py`` scales that grid to millimetres and draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    walls: dict[int, list[int]] = {}  # per row, measured once: a long row holds many texts
    for tx in texts:
        if tx.row not in walls:
            row = rows[tx.row]
            walls[tx.row] = [row.cols[i] for i, ch in enumerate(row.text) if ch in WALLS]
    return Grid(boxes, [_against_borders(tx, walls[tx.row], boxes) for tx in texts], arrows, ncols, kinds, lines_,
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
            tol = 2 if k == 0 else 4
            i = row.find_near(col + drift, WALLS, tol, lo=lo)
            if i < 0:
                i = _pushed_wall(row, col + drift, tol, lo)
            if i >= 0:
                out[(r, i)] = float(col)
                drift = row.cols[i] - col
                lo = i + 1
    return out


def _pushed_wall(row: Row, col: int, tol: int, lo: int) -> int:
    """A wall that the wide characters before it pushed further right than ``tol``: the first wall
    character from ``col - tol`` on, up to a column further for each wide character between ``lo``
    and it (an author who counts a Hangul syllable as one column pads the line as if it were one),
    or -1."""
    wide = 0
    for i in range(lo, len(row.text)):
        c = row.cols[i]
        if c > col + wide + tol:
            break
        if c >= col - tol and row.text[i] in WALLS:
            return i
        if i + 1 < len(row.cols) and row.cols[i + 1] - c == 2:
            wide += 1
    return -1


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


def _against_borders(t: GridText, walls: list[int], boxes: list[GridBox]) -> GridText:
    """The words placed against the box border to their left as the box's top line draws it.  A
    row with wide characters (Hangul, Hanja) pushes its own borders right of the top line's, by a
    different amount in every row; words written right after a border then land at ragged indents.
    Measured from their own row's border instead, the lines of a box share one left edge.  ``walls``:
    the columns of the row's walls."""
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
