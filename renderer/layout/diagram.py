"""Parse a hand-typed box-drawing diagram into bands and the boxes inside them.

Heavy, double, rounded and ASCII lines are redrawn in light lines first
(cheatsheet.boxes.normalize); error messages still show the line as it was typed.
Real diagrams drift: a right border may sit a few columns off from the line
above, a line may be indented a column or two more than the others and a line
may lack a border.  Columns are terminal columns (Hangul and emoji count 2),
and borders are matched to where the box's top line put them within a
tolerance, never by exact column.  On each line the borders of the boxes open
there are found together (left to right, each character used once), so that
two boxes a column apart never share a border.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..boxes import (
    BOX_CHARS,
    CORNERS_BOTTOM,
    CORNERS_BOTTOM_RIGHT,
    CORNERS_TOP,
    CORNERS_TOP_RIGHT,
    HLINE,
    VLINE,
    Row,
    normalize,
)
from ..errors import InputError, Notice
from ..model import LayoutSource
from ..sources.titles import hint_percent

BORDER_TOL = 4  # columns a border may drift from where the box's top put it
LEFT_TOL = 2  # the frame's left border and the first box's left border drift less
MAX_TOL = 8  # drift adds up along a line: later boxes get one more column each, up to this
MAX_OVERHANG = 12  # a line may run this far past the frame's right border
RULE = "├"  # a band rule's left end
RULE_END = "┤"  # ... and its right end
LEFT_BORDER = VLINE + RULE + CORNERS_BOTTOM
RIGHT_BORDER = VLINE + RULE_END + CORNERS_BOTTOM_RIGHT + "┴"
CROSSING = "┼"
FRAME_LEFT = VLINE + RULE + CORNERS_BOTTOM
MISS = 50.0  # cost of a border not found on a line (more than any drift)
MAX_RUN = 48  # borders aligned together at most (24 boxes side by side, 1 column apart); more go greedily


@dataclass
class DiagramBox:
    """A top-level box inside a band, with the rows written inside it."""

    left: int
    right: int
    top_line: int
    bottom_line: int = 0
    rows: list[Row] = field(default_factory=list)
    top_col: int = 0  # 0-based index of its ┌ in the file line


@dataclass
class DiagramBand:
    """The lines between two ``├───┤`` rules of the outer frame."""

    top_line: int
    bottom_line: int
    heading: list[Row] = field(default_factory=list)  # text above the first box
    boxes: list[DiagramBox] = field(default_factory=list)
    loose: list[Row] = field(default_factory=list)  # text beside or below the boxes
    percent: float | None = None  # a share written on the rule above it (├── 35% ──┤)
    split_rows: list[Row] = field(default_factory=list)  # its lines as written, when a ┬ rule splits it


@dataclass
class Diagram:
    left: int
    right: int
    bands: list[DiagramBand]
    notices: list[Notice] = field(default_factory=list)
    bottom_line: int = 0  # file line of the frame's bottom └───┘


def _err(src: LayoutSource, line: int, col: int, msg: str, hint: str) -> InputError:
    """An error at 0-based character ``col`` of file line ``line`` of the diagram."""
    idx = line - src.first_line
    text = src.diagram[idx] if 0 <= idx < len(src.diagram) else None
    return InputError(src.file, line, col + 1, msg, hint, text)


def _first_text(text: str) -> int:
    return next((i for i, ch in enumerate(text) if not ch.isspace()), len(text))


def _rebase(row: Row, left: int, right: int) -> Row:
    """A line indented a little more or less than the frame's top: shift it back under the frame.

    A shift of up to LEFT_TOL columns is always taken back; a larger one (up to
    BORDER_TOL) only when the line's last border shows the same shift, so that
    a line lacking its left border is not mistaken for a shifted one.
    """
    s = _first_text(row.text)
    if s >= len(row.text) or row.text[s] not in FRAME_LEFT:
        return row
    shift = row.cols[s] - left
    if shift == 0 or abs(shift) > BORDER_TOL:
        return row
    if abs(shift) > LEFT_TOL:
        end = len(row.text.rstrip())
        last = row.cols[end - 1] if end else 0
        if row.text[end - 1] not in VLINE + RULE_END + CORNERS_BOTTOM_RIGHT or abs(last - right - shift) > 1:
            return row
    return Row(row.line, row.text, tuple(c - shift for c in row.cols), row.offset)


def parse_diagram(src: LayoutSource) -> Diagram:
    """Frame -> bands -> top-level boxes (nested boxes stay as text rows)."""
    lines = list(src.diagram)
    if not lines or not any(ln.strip() for ln in lines):
        raise InputError(
            src.file, src.first_line, 1, "the layout diagram is empty",
            "draw the page as a box-drawing diagram: ┌───┐ … └───┘", lines[0] if lines else "",
        )
    rows = [Row.of(src.first_line + i, ln) for i, ln in enumerate(normalize(lines))]
    first = rows[0]
    start = _first_text(first.text)
    if start >= len(first.text) or first.text[start] not in CORNERS_TOP:
        raise _err(
            src, first.line, min(start, max(0, len(first.text) - 1)),
            "the layout diagram does not start with a box corner ┌",
            "the diagram's first line must be the top of the outer frame: ┌────┐",
        )
    left = first.cols[start]
    right_i = max((i for i, ch in enumerate(first.text) if ch in CORNERS_TOP_RIGHT), default=-1)
    if right_i < 0:
        end = len(first.text.rstrip())
        raise _err(
            src, first.line, max(0, end - 1), "the outer frame's top line has no ┐",
            "end the frame's top line with ┐",
        )
    right = first.cols[right_i]
    if right - left < 2:
        raise _err(src, first.line, right_i, "the outer frame is too narrow to hold anything",
                   "draw the frame's top line as ┌────┐ across the whole page")
    rows = [rows[0]] + [_rebase(r, left, right) for r in rows[1:]]
    bottom = -1
    for k in range(len(rows) - 1, 0, -1):
        i = rows[k].find_near(left, CORNERS_BOTTOM, LEFT_TOL)
        if (i >= 0 and rows[k].text[:i].strip() == "") or _is_rule(rows[k], left, right, CORNERS_BOTTOM_RIGHT):
            bottom = k
            break
    if bottom < 0:
        last = rows[-1]
        raise _err(
            src, first.line, start, "the outer frame is never closed",
            f"close the frame with a bottom line └────┘ under its left corner (the diagram ends at line {last.line})",
        )
    _check_frame_lines(src, rows, left, right, bottom)

    diagram = Diagram(left, right, [], [], rows[bottom].line)
    band = DiagramBand(first.line + 1, first.line, percent=rule_percent(first.text))
    tees = _tees(first, left, right)
    for row in rows[1:bottom]:
        li = row.find_near(left, RULE + VLINE, LEFT_TOL)
        if (li >= 0 and row.text[li] in RULE and row.text[:li].strip() == "") or _is_rule(row, left, right, RULE_END):
            _close_band(src, diagram, band, row.line - 1)
            band = DiagramBand(row.line + 1, row.line, percent=rule_percent(row.text))
            tees = _tees(row, left, right)
            continue
        band.bottom_line = row.line
        inner = _strip_frame(row, left, right, li)
        if tees:
            band.split_rows.append(inner)
            _feed_split(band, inner, left, right, tees)
        else:
            _feed(src, band, inner)
    _close_band(src, diagram, band, rows[bottom].line - 1)
    for b in diagram.bands:
        for box in b.boxes:
            if box.bottom_line == 0:
                raise _err(
                    src, box.top_line, box.top_col, "this box is never closed",
                    f"close it with └───┘ under its top-left corner before its band ends (line {b.bottom_line})",
                )
    if not diagram.bands:
        raise _err(
            src, first.line, start, "the outer frame holds no lines",
            "write the page's bands between the frame's top ┌───┐ and bottom └───┘",
        )
    return diagram


def _tees(rule: Row, left: int, right: int) -> list[int]:
    """Columns where a band's top rule (or the frame's top) branches down (``├────┬────┤``): the band
    below is one frame split into boxes side by side by ``│`` lines from there to its ``┴`` rule."""
    return [c for ch, c in zip(rule.text, rule.cols) if ch in "┬┼" and left + 2 < c < right - 2]


def _feed_split(band: DiagramBand, row: Row, left: int, right: int, tees: list[int]) -> None:
    """One line of a band split by ``┬ … ┴``: the part between two split lines goes to that box (a
    line lacking a split line is cut at the column where the line runs)."""
    edges = [left] + tees + [right]
    if not band.boxes:
        top = band.top_line - 1  # the rule the split hangs from
        band.boxes = [DiagramBox(a, b, top, top_col=a) for a, b in zip(edges, edges[1:])]
    cuts: list[int] = []
    lo = 0
    drift = 0  # wide characters push each split line further right than the rule put it
    for k, t in enumerate(tees):
        i = row.find_near(t + drift, VLINE + "┼├┤", min(MAX_TOL, BORDER_TOL + k), lo=lo)
        if i < 0:
            i = next((j for j in range(lo, len(row.text)) if row.cols[j] >= t + drift), len(row.text))
            cuts.append(i)
            lo = i
        else:
            drift = row.cols[i] - t
            cuts.append(i)
            lo = i + 1
    starts = [0] + [c + 1 if c < len(row.text) and row.text[c] in VLINE + "┼├┤" else c for c in cuts]
    ends = cuts + [len(row.text)]
    for box, a, b in zip(band.boxes, starts, ends):
        box.rows.append(row.slice(a, b))
        box.bottom_line = row.line + 1  # the rule (or frame bottom) under the band closes it


def rule_percent(text: str) -> float | None:
    """The share written on a rule or on the frame's top line (``├──── 35% ────┤``), else None."""
    note = "".join(c for c in text if c not in BOX_CHARS).strip()
    return hint_percent(note) if note and len(note) <= 24 else None


def _is_rule(row: Row, left: int, right: int, ends: str) -> bool:
    """A line of ─ across the whole frame whose left end is missing (or a │): ``────┤``, ``│────┘``."""
    s = _first_text(row.text)
    e = len(row.text.rstrip())
    if e - s < 3:
        return False
    if row.text[s] in VLINE:
        s += 1
    if row.text[e - 1] not in ends:
        return False
    mid = row.text[s : e - 1]
    return (bool(mid) and all(c in HLINE + "┬┴┼" for c in mid)
            and row.cols[s] <= left + LEFT_TOL + 1 and row.cols[e - 1] >= right - BORDER_TOL)


def _close_band(src: LayoutSource, diagram: Diagram, band: DiagramBand, last_line: int) -> None:
    """End a band at ``last_line``; a band with no line at all (two rules in a row) is dropped.  A band
    split by a ``┬`` rule whose parts hold boxes of their own is read as those boxes."""
    if band.split_rows and any(next((r.text.strip() for r in b.rows if r.text.strip()), "").startswith(CORNERS_TOP)
                               for b in band.boxes):
        rows, band.boxes, band.split_rows = band.split_rows, [], []
        for row in rows:
            _feed(src, band, row)
    if band.top_line > last_line:
        diagram.notices.append(Notice(
            src.file, band.top_line, 1, "two band rules with no line between them: the empty band is left out",
        ))
        return
    band.bottom_line = last_line
    diagram.bands.append(band)


def _check_frame_lines(src: LayoutSource, rows: list[Row], left: int, right: int, bottom: int) -> None:
    """Lines that cannot be part of one frame: too long, a second top, a bottom before the last."""
    for row in rows[1:bottom]:
        s = _first_text(row.text)
        if s < len(row.text) and abs(row.cols[s] - left) <= LEFT_TOL:
            if row.text[s] in CORNERS_TOP:
                raise _err(
                    src, row.line, row.offset + s, "the outer frame's top corner ┌ comes again inside the frame",
                    "a diagram has one outer frame; separate its bands with ├───┤ rules",
                )
            if row.text[s] in CORNERS_BOTTOM:
                raise _err(
                    src, row.line, row.offset + s, "the outer frame is closed here, but the diagram goes on below",
                    f"separate bands with ├───┤; the frame's bottom └───┘ is its last line (line {rows[bottom].line})",
                )
    for row in rows[: bottom + 1]:
        end = len(row.text.rstrip())
        if end and row.cols[end - 1] > right + MAX_OVERHANG:
            border = row.find_near(right, VLINE + RULE_END + CORNERS_TOP_RIGHT + CORNERS_BOTTOM_RIGHT, BORDER_TOL)
            after = right + BORDER_TOL if border < 0 else row.cols[border]
            past = next(i for i in range(end) if row.cols[i] > after and not row.text[i].isspace())
            raise _err(
                src, row.line, row.offset + past,
                f"this line runs {row.cols[end - 1] - right} columns past the frame's right border",
                f"keep every line inside the frame (its right border is at column {right + 1})",
            )


def _strip_frame(row: Row, left: int, right: int, li: int) -> Row:
    """The part of a frame line between the frame's left and right borders."""
    if li >= 0 and row.text[:li].strip() == "":
        lo = li + 1
    else:
        lo = next((i for i, c in enumerate(row.cols) if c > left), len(row.text))
    hi = len(row.text.rstrip())
    if hi > lo and row.text[hi - 1] in VLINE + RULE_END and row.cols[hi - 1] >= right - BORDER_TOL:
        hi -= 1
    return row.slice(lo, hi)


@dataclass(frozen=True)
class _Want:
    col: int
    chars: str
    tol: int
    is_left: bool


def _cost(want: _Want, row: Row, i: int) -> float:
    ch = row.text[i]
    if ch not in want.chars and ch not in CROSSING:
        return MISS * 2
    d = row.cols[i] - want.col
    if abs(d) > want.tol:
        return MISS * 2
    # on a tie, a left border is the leftmost candidate and a right border the rightmost:
    # a box's own border lies outside the drawing inside it
    lean = 0.01 if (d > 0 if want.is_left else d < 0) else 0.0
    return abs(d) + lean + (0.5 if ch in CROSSING else 0.0)


def _align(row: Row, wants: list[_Want]) -> list[int]:
    """Index in ``row`` of each wanted border (-1 when the line lacks it), in order, each character used once.

    Wants whose windows (column +- tolerance) do not overlap cannot compete for a character: each run of
    overlapping windows is aligned on its own, so a line with many boxes costs no more than its length.
    """
    cand = [i for i, ch in enumerate(row.text) if ch in LEFT_BORDER or ch in RIGHT_BORDER or ch in CROSSING]
    out: list[int] = []
    a = 0
    while a < len(wants):
        z, hi = a + 1, wants[a].col + wants[a].tol
        while z < len(wants) and wants[z].col - wants[z].tol <= hi:
            hi = max(hi, wants[z].col + wants[z].tol)
            z += 1
        lo = min(w.col - w.tol for w in wants[a:z])
        near = [i for i in cand if lo <= row.cols[i] <= hi]
        run = _align_run if z - a <= MAX_RUN else _align_greedy
        out += run(row, wants[a:z], near)
        a = z
    return out


def _align_greedy(row: Row, wants: list[_Want], cand: list[int]) -> list[int]:
    """Left to right, each want takes the cheapest candidate after the last one taken (for lines with
    very many narrow boxes, where the full alignment would take quadratic time)."""
    out: list[int] = []
    pos = 0
    for w in wants:
        while pos < len(cand) and row.cols[cand[pos]] < w.col - w.tol:
            pos += 1
        best, best_c = -1, MISS
        for j in range(pos, len(cand)):
            if row.cols[cand[j]] > w.col + w.tol:
                break
            c = _cost(w, row, cand[j])
            if c < best_c:
                best, best_c = j, c
        out.append(cand[best] if best >= 0 else -1)
        if best >= 0:
            pos = best + 1
    return out


def _align_run(row: Row, wants: list[_Want], cand: list[int]) -> list[int]:
    m, n = len(wants), len(cand)
    if not m:
        return []
    inf = float("inf")
    f = [[0.0] * (n + 1)] + [[inf] * (n + 1) for _ in range(m)]
    how = [[0] * (n + 1) for _ in range(m + 1)]  # 0: border missing, 1: candidate skipped, 2: matched
    for a in range(1, m + 1):
        for b in range(n + 1):
            best, step = f[a - 1][b] + MISS, 0
            if b:
                if f[a][b - 1] < best:
                    best, step = f[a][b - 1], 1
                c = _cost(wants[a - 1], row, cand[b - 1])
                if c < MISS and f[a - 1][b - 1] + c < best:
                    best, step = f[a - 1][b - 1] + c, 2
            f[a][b], how[a][b] = best, step
    out = [-1] * m
    a, b = m, n
    while a > 0:
        step = how[a][b]
        if step == 2:
            out[a - 1] = cand[b - 1]
            a, b = a - 1, b - 1
        elif step == 1:
            b -= 1
        else:
            a -= 1
    return out


def _is_bottom(row: Row, li: int, ri: int, lo: int) -> bool:
    """The box's bottom line: └ at its left, or ┘ at its right with only ─ between (from ``lo``)."""
    if li >= 0 and row.text[li] in CORNERS_BOTTOM:
        return True
    if ri >= 0 and row.text[ri] in CORNERS_BOTTOM_RIGHT:
        between = row.text[li + 1 if li >= 0 else lo : ri].strip()
        return bool(between) and all(c in HLINE + "┴" for c in between)
    return False


def _crossing(src: LayoutSource, row: Row, i: int) -> InputError:
    return _err(
        src, row.line, row.offset + i, "this box crosses another box",
        "boxes may sit side by side or inside one another, never across",
    )


def _top_inside(src: LayoutSource, row: Row, i: int, other: DiagramBox) -> InputError:
    """A box top ┌───┐ over a box that is still open."""
    col = row.cols[i]
    if abs(col - other.left) <= LEFT_TOL and other.top_line == row.line - 1:
        return _err(src, row.line, row.offset + i, f"this box's top line comes twice (see line {other.top_line})",
                    "remove one of the two lines")
    if abs(col - other.left) <= LEFT_TOL:
        return _err(
            src, row.line, row.offset + i,
            f"a box starts here, but the box above it (line {other.top_line}) is never closed",
            "close the box above with └───┘ before this line",
        )
    return _crossing(src, row, i)


def _stray_corner(src: LayoutSource, band: DiagramBand, row: Row, i: int) -> InputError:
    """A └ or ┘ that closes nothing: a doubled bottom line, or a box whose top line is missing."""
    col = row.cols[i]
    done = [b for b in band.boxes if b.bottom_line and (abs(b.left - col) <= LEFT_TOL or abs(b.right - col) <= LEFT_TOL)]
    if done:
        box = done[-1]
        hint = (f"the box opened on line {box.top_line} is already closed on line {box.bottom_line}: "
                "remove one of the two bottom lines")
    else:
        hint = "is the box's top line ┌───┐ missing? A └ goes under the ┌ of the box it closes (a column or two off is fine)"
    return _err(src, row.line, row.offset + i, "this box corner closes no open box", hint)


def _runs_across(row: Row, col: int) -> int:
    """Index of a horizontal line running through ``col`` out to a corner well past it, else -1."""
    i = next((k for k, c in enumerate(row.cols) if c == col), -1)
    if i < 0 or row.text[i] not in HLINE:
        return -1
    j = i
    while j + 1 < len(row.text) and row.text[j + 1] in HLINE + "┬┴":
        j += 1
    if j + 1 < len(row.text) and row.text[j + 1] in CORNERS_TOP_RIGHT + CORNERS_BOTTOM_RIGHT + "┤":
        if row.cols[j + 1] > col + BORDER_TOL:
            return i
    return -1


def _feed(src: LayoutSource, band: DiagramBand, row: Row) -> None:
    """Give one line of a band to its open boxes, open new boxes, keep loose text."""
    open_boxes = sorted((b for b in band.boxes if not b.bottom_line), key=lambda b: b.left)
    wants: list[_Want] = []
    for k, box in enumerate(open_boxes):
        tol = min(MAX_TOL, BORDER_TOL + k)
        wants.append(_Want(box.left, LEFT_BORDER, LEFT_TOL if k == 0 else tol, True))
        wants.append(_Want(box.right, RIGHT_BORDER, tol, False))
    found = _align(row, wants)
    for i in found:
        if i >= 0 and row.text[i] in CROSSING:
            raise _crossing(src, row, i)
    taken: list[tuple[int, int]] = []  # index spans of the row owned by boxes
    prev_end = 0
    for k, box in enumerate(open_boxes):
        li, ri = found[2 * k], found[2 * k + 1]
        if li < 0:  # a box top where this box's left border should be: a top twice, or a bottom missing
            top = row.find_near(box.left, CORNERS_TOP, LEFT_TOL, lo=prev_end)
            if top >= 0:
                raise _top_inside(src, row, top, box)
        if _is_bottom(row, li, ri, prev_end):
            a = li if li >= 0 else max(prev_end, _first_index_after(row, box.left - 1))
            b = ri if ri >= 0 else _last_box_char(row, a)
            box.bottom_line = row.line
            taken.append((a, b + 1))
            prev_end = b + 1
            continue
        if li >= 0:
            lo = li + 1
        elif k:  # no left border: the box's text starts where the box before it ends
            lo = prev_end
        else:
            lo = _first_index_after(row, box.left - 1)
        if ri >= 0:
            hi = ri
        elif k + 1 < len(open_boxes):
            nli = found[2 * k + 2]
            hi = nli if nli >= 0 else _first_index_after(row, box.right)
            cross = _runs_across(row, box.right)
            if cross >= 0:
                raise _crossing(src, row, cross)
        else:
            hi = len(row.text)
            cross = _runs_across(row, box.right)
            if cross >= 0:
                raise _crossing(src, row, cross)
        hi = max(lo, hi)
        box.rows.append(row.slice(lo, hi))
        a = li if li >= 0 else lo
        taken.append((a, ri + 1 if ri >= 0 else hi))
        prev_end = max(prev_end, ri + 1 if ri >= 0 else hi)
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
                while j < len(row.text) and row.text[j] in HLINE + "┬":
                    j += 1
                lo_col = row.cols[i]
                hi_col = row.cols[j] if j < len(row.text) else lo_col + (j - i)
                for other in open_boxes:
                    if other.bottom_line:
                        continue
                    if (other.left <= hi_col and lo_col <= other.right) or abs(lo_col - other.left) <= LEFT_TOL:
                        raise _top_inside(src, row, i, other)
                if j >= b and b < len(row.text) and j > i + 1:  # the top line runs into a box open here
                    raise _crossing(src, row, i)
                if j < b and row.text[j] in CORNERS_TOP_RIGHT and j > i + 1:
                    band.boxes.append(DiagramBox(lo_col, hi_col, row.line, top_col=row.offset + i))
                    if i > a:
                        loose_parts.append(row.slice(a, i))
                    a = j + 1
                    i = j + 1
                    continue
                raise _err(
                    src, row.line, row.offset + i, "this box's top line has no ┐",
                    "a box top is ┌ followed by ─ and closed by ┐ on the same line",
                )
            if ch in CORNERS_BOTTOM or ch in CORNERS_BOTTOM_RIGHT:
                raise _stray_corner(src, band, row, i)
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
    return Row(row.line, text, tuple(cols), parts[0].offset if parts else row.offset)


def _only_lines(text: str) -> bool:
    return all(c.isspace() or c in VLINE for c in text)


def _first_index_after(row: Row, col: int) -> int:
    return next((i for i, c in enumerate(row.cols) if c > col), len(row.text))


def _last_box_char(row: Row, lo: int) -> int:
    i = min(lo, len(row.text) - 1)
    while i + 1 < len(row.text) and row.text[i + 1] in BOX_CHARS:
        i += 1
    return i
