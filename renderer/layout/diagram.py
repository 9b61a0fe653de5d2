"""Parse a hand-typed box-drawing diagram into bands and the boxes inside them.

Real diagrams drift: a right border may sit a few columns off from the line
above and a line may lack its border.  Borders are therefore matched to the
nearest column within a tolerance, never by exact column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..model import LayoutSource
from .columns import (
    BOX_CHARS,
    CORNERS_BOTTOM,
    CORNERS_BOTTOM_RIGHT,
    CORNERS_TOP,
    CORNERS_TOP_RIGHT,
    HLINE,
    VLINE,
    Row,
)

BORDER_TOL = 4  # columns a border may drift from where the box's top put it
LEFT_TOL = 2
MAX_OVERHANG = 12  # a line may run this far past the frame's right border


@dataclass
class DiagramBox:
    """A top-level box inside a band, with the rows written inside it."""

    left: int
    right: int
    top_line: int
    bottom_line: int = 0
    rows: list[Row] = field(default_factory=list)


@dataclass
class DiagramBand:
    """The lines between two ``├───┤`` rules of the outer frame."""

    top_line: int
    bottom_line: int
    heading: list[Row] = field(default_factory=list)  # text above the first box
    boxes: list[DiagramBox] = field(default_factory=list)
    loose: list[Row] = field(default_factory=list)  # text beside or below the boxes


@dataclass
class Diagram:
    left: int
    right: int
    bands: list[DiagramBand]


def _err(src: LayoutSource, line: int, col: int, msg: str, hint: str) -> InputError:
    idx = line - src.first_line
    text = src.diagram[idx] if 0 <= idx < len(src.diagram) else None
    return InputError(src.file, line, col + 1, msg, hint, text)


def _index_col(row: Row, i: int) -> int:
    """Character index ``i`` of a row as a 0-based character offset in its line."""
    return i


def parse_diagram(src: LayoutSource) -> Diagram:
    """Frame -> bands -> top-level boxes (nested boxes stay as text rows)."""
    lines = list(src.diagram)
    if not lines:
        raise InputError(
            src.file, src.first_line, 1, "the layout diagram is empty",
            "draw the page as a box-drawing diagram: ┌───┐ … └───┘",
        )
    rows = [Row.of(src.first_line + i, ln) for i, ln in enumerate(lines)]
    first = rows[0]
    start = next((i for i, ch in enumerate(first.text) if not ch.isspace()), 0)
    if not first.text or first.text[start] not in CORNERS_TOP:
        raise _err(
            src, first.line, start, "the layout diagram does not start with a box corner ┌",
            "the diagram's first line must be the top of the outer frame: ┌────┐",
        )
    left = first.cols[start]
    right_i = max((i for i, ch in enumerate(first.text) if ch in CORNERS_TOP_RIGHT), default=-1)
    if right_i < 0:
        raise _err(
            src, first.line, len(first.text.rstrip()), "the outer frame's top line has no ┐",
            "end the frame's top line with ┐",
        )
    right = first.cols[right_i]
    bottom = -1
    for k in range(len(rows) - 1, 0, -1):
        i = rows[k].find_near(left, CORNERS_BOTTOM, LEFT_TOL)
        if i >= 0 and rows[k].text[:i].strip() == "":
            bottom = k
            break
    if bottom < 0:
        raise _err(
            src, first.line, start, "the outer frame is never closed",
            "close the frame with a bottom line └────┘ under its left corner",
        )
    for row in rows[: bottom + 1]:
        end = len(row.text.rstrip())
        if end and row.cols[end - 1] > right + MAX_OVERHANG:
            raise _err(
                src, row.line, end - 1,
                f"this line runs {row.cols[end - 1] - right} columns past the frame's right border",
                f"keep every line inside the frame (the frame's right border is at column {right + 1})",
            )

    bands: list[DiagramBand] = []
    band = DiagramBand(first.line + 1, first.line + 1)
    for row in rows[1:bottom]:
        li = row.find_near(left, "├┣╞" + VLINE, LEFT_TOL)
        if li >= 0 and row.text[li] in "├┣╞":
            band.bottom_line = row.line - 1
            bands.append(band)
            band = DiagramBand(row.line + 1, row.line + 1)
            continue
        inner = _strip_frame(row, left, right, li)
        _feed(src, band, inner)
    band.bottom_line = rows[bottom].line - 1
    bands.append(band)
    for b in bands:
        for box in b.boxes:
            if box.bottom_line == 0:
                raise _err(
                    src, box.top_line, box.left, "this box is never closed",
                    "close it with └───┘ under its top-left corner, inside its band",
                )
    return Diagram(left, right, bands)


def _strip_frame(row: Row, left: int, right: int, li: int) -> Row:
    """The part of a frame line between the frame's left and right borders."""
    lo = li + 1 if li >= 0 else 0
    if li < 0:
        lo = next((i for i, c in enumerate(row.cols) if c > left), len(row.text))
    hi = len(row.text.rstrip())
    if hi > lo and row.text[hi - 1] in VLINE + "┤┫" and row.cols[hi - 1] >= right - BORDER_TOL:
        hi -= 1
    return row.slice(lo, hi)


def _feed(src: LayoutSource, band: DiagramBand, row: Row) -> None:
    """Give one line of a band to its open boxes, open new boxes, keep loose text."""
    taken: list[tuple[int, int]] = []  # index spans of the row owned by boxes
    for box in band.boxes:
        if box.bottom_line:
            continue
        li = row.find_near(box.left, VLINE + "├" + CORNERS_BOTTOM, LEFT_TOL)
        if li >= 0 and row.text[li] in CORNERS_BOTTOM:
            ri = row.find_near(box.right, CORNERS_BOTTOM_RIGHT + "┴", BORDER_TOL, lo=li + 1)
            if ri < 0:
                ri = _last_box_char(row, li)
            box.bottom_line = row.line
            taken.append((li, ri + 1))
            continue
        ri = row.find_near(box.right, VLINE + "┤", BORDER_TOL, lo=li + 1 if li >= 0 else 0)
        lo = li + 1 if li >= 0 else _first_index_after(row, box.left)
        hi = ri if ri >= 0 else _first_index_after(row, box.right)
        box.rows.append(row.slice(lo, hi))
        taken.append((li if li >= 0 else lo, ri + 1 if ri >= 0 else hi))
    taken.sort()
    free: list[tuple[int, int]] = []
    pos = 0
    for a, b in taken:
        if a > pos:
            free.append((pos, a))
        pos = max(pos, b)
    free.append((pos, len(row.text)))
    loose_parts: list[Row] = []
    for a, b in free:
        i = a
        while i < b:
            ch = row.text[i]
            if ch in CORNERS_TOP:
                j = i + 1
                while j < b and row.text[j] in HLINE + "┬":
                    j += 1
                if j < b and row.text[j] in CORNERS_TOP_RIGHT and j > i + 1:
                    for other in band.boxes:
                        if not other.bottom_line and other.left <= row.cols[i] <= other.right:
                            raise _err(
                                src, row.line, i, "this box crosses another box",
                                "boxes may sit side by side or inside one another, never across",
                            )
                    band.boxes.append(DiagramBox(row.cols[i], row.cols[j], row.line))
                    if i > a:
                        loose_parts.append(row.slice(a, i))
                    a = j + 1
                    i = j + 1
                    continue
                raise _err(
                    src, row.line, i, "this box's top line has no ┐",
                    "a box top is ┌ followed by ─ and closed by ┐ on the same line",
                )
            if ch in CORNERS_BOTTOM or ch in CORNERS_BOTTOM_RIGHT:
                raise _err(
                    src, row.line, i, "this box corner closes no open box",
                    "put └ under the ┌ of the box it closes (a column or two off is fine)",
                )
            i += 1
        if b > a:
            loose_parts.append(row.slice(a, b))
    text_parts = [p for p in loose_parts if p.text.strip() and not _only_lines(p.text)]
    if not text_parts:
        return
    merged = _merge(row, text_parts)
    if not band.boxes:
        band.heading.append(merged)
    else:
        band.loose.append(merged)


def _merge(row: Row, parts: list[Row]) -> Row:
    text = ""
    cols: list[int] = []
    for p in parts:
        text += p.text
        cols.extend(p.cols)
    return Row(row.line, text, tuple(cols))


def _only_lines(text: str) -> bool:
    return all(c.isspace() or c in VLINE for c in text)


def _first_index_after(row: Row, col: int) -> int:
    return next((i for i, c in enumerate(row.cols) if c > col), len(row.text))


def _last_box_char(row: Row, lo: int) -> int:
    i = lo
    while i + 1 < len(row.text) and row.text[i + 1] in BOX_CHARS:
        i += 1
    return i
