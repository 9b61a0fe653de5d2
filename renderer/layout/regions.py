"""Bands and boxes of a parsed diagram -> the region tree (before any millimetres).

Regions are the title, the bands, the boxes side by side in a band (columns)
and the boxes stacked in a column (rows).  Boxes drawn inside a region's box
stay text rows of that region: they are a drawing, not regions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..boxes import BOX_CHARS, Row, char_widths
from ..sources.titles import hint_percent, split_heading, strip_notes
from .diagram import Diagram, DiagramBand, DiagramBox

Rect = tuple[float, float, float, float]  # x, y, w, h in mm from the page's top-left


@dataclass
class Region:
    id: str
    kind: str  # title | band | column | row
    title: str
    icon: str = ""
    hint: str = ""
    line: int = 0
    col: int = 0
    weight: float = 1.0  # drawn size along the parent's split direction
    rows: list[Row] = field(default_factory=list)  # diagram text inside the region
    children: list[Region] = field(default_factory=list)
    heading_outside: bool = False  # a band title written above its box, on the paper
    subtitle: str = ""
    rect: Rect = (0.0, 0.0, 0.0, 0.0)
    heading_h: float = 0.0  # height of the band heading above its box, once placed (heading_outside)
    lines: tuple[int, int] = (0, 0)  # first and last file line of the region in the diagram
    span: tuple[int, int] = (0, 0)  # first and last terminal column of its box in the diagram
    percent: float | None = None  # a share of the page written in the diagram ([8%], (좌 40%), ├─ 35% ─┤)

    @property
    def label(self) -> str:
        return f"{self.icon} {self.title}".strip()

    def describe(self) -> str:
        """What a person sees of the region: its title, else its boxes' titles, else its first words ("" if none)."""
        if self.label:
            return self.label
        kids = [d for d in (c.describe() for c in self.children) if d]
        if kids:
            return " + ".join(kids)
        text = next((r.text.strip() for r in self.rows if r.text.strip()), "")
        return text if len(text) <= 40 else text[:39] + "…"

    def leaves(self) -> list[Region]:
        if not self.children:
            return [self]
        out: list[Region] = []
        for c in self.children:
            out.extend(c.leaves())
        return out

    def walk(self) -> list[Region]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


def _text_rows(rows: list[Row]) -> list[Row]:
    return [r for r in rows if r.text.strip()]


def _clean(rows: list[Row]) -> list[Row]:
    """Rows with the notes to the drawer (``[8%]``, ``← 핵심! 가장 넓게``) blanked out."""
    out = []
    for r in rows:
        text = strip_notes(r.text)
        out.append(r if text == r.text else Row(r.line, text, r.cols, r.offset))
    return out


TITLE_GO_ON_MAX = 24  # columns: a second title line is short
_NOT_TITLE = frozenset("→←↑↓⇒⬇\"“”'‘’[]<>=$|•·✓✔☑□✅❌⛔*#`")


def _start(r: Row) -> int:
    """Index of the first non-blank character of a row."""
    return len(r.text) - len(r.text.lstrip())


def _goes_on(first: Row, icon: str, second: Row, after: Row | None) -> bool:
    """``second`` carries on the title written on ``first``: a short line of words under the title's
    words or centred under the title (not back under its icon, where the box's text starts), with a
    blank line below it before the box's text."""
    t = second.text.strip()
    if not t or after is None or (after.text.strip() and not any(c in BOX_CHARS for c in after.text)):
        return False
    if any(c in _NOT_TITLE or c in BOX_CHARS for c in t) or t[0].isdigit() or t.startswith("- ") or t.endswith(":"):
        return False
    if split_heading(t)[0] or sum(char_widths(t)) > TITLE_GO_ON_MAX:
        return False
    a, b = _start(first), _start(second)
    words = a + len(icon)
    while words < len(first.text) and first.text[words] == " ":
        words += 1
    if b >= len(second.cols) or words >= len(first.cols):
        return False
    # columns from each row's own left border: the border itself may drift from row to row
    at_a, at_words = first.cols[a] - first.cols[0], first.cols[words] - first.cols[0]
    at_b = second.cols[b] - second.cols[0]
    mid_a = at_a + sum(char_widths(first.text.strip())) / 2
    mid_b = at_b + sum(char_widths(t)) / 2
    under_words = at_b >= at_words - 1 if icon else at_b >= at_a + 2
    centred = abs(mid_a - mid_b) <= 2 and at_b > at_a + 1
    return under_words or centred


def _title_of(rows: list[Row], two_lines: bool = True) -> tuple[str, str, str, int, int, list[Row]]:
    """(icon, title, hint, line, col, remaining rows) from a box's first text row (and the second, when the
    title goes on there); notes to the drawer are left out of the remaining rows."""
    for k, r in enumerate(rows):
        t = r.text.strip()
        if not t:
            continue
        if any(c in BOX_CHARS for c in t):
            break
        icon, title, hint = split_heading(t)
        start = _start(r)
        col = r.cols[start] if start < len(r.cols) else 0
        rest = rows[k + 1 :]
        if two_lines and rest and _goes_on(r, icon, rest[0], rest[1] if len(rest) > 1 else None):
            _, more, more_hint = split_heading(rest[0].text.strip())
            title, hint = f"{title} {more}".strip(), " ".join(h for h in (hint, more_hint) if h)
            rest = rest[1:]
        return icon, title, hint, r.line, col, _clean(rest)
    return "", "", "", rows[0].line if rows else 0, 0, _clean(rows)


def build_regions(diagram: Diagram) -> list[Region]:
    """The top-level regions: the title band first, then one per band."""
    out: list[Region] = []
    for n, band in enumerate(diagram.bands, start=1):
        out.append(_band_region(band, n, diagram.right - diagram.left))
    return out


def _band_region(band: DiagramBand, n: int, width: int) -> Region:
    region = _band_tree(band, n, width)
    region.lines = (band.top_line, band.bottom_line)
    return region


def _band_tree(band: DiagramBand, n: int, width: int) -> Region:
    bid = f"band{n}"
    height = band.bottom_line - band.top_line + 1
    if n == 1 and not band.boxes:
        rows = _text_rows(band.heading + band.loose)
        # a banner's second line is its subtitle, never more title
        icon, title, hint, line, col, rest = _title_of(rows, two_lines=False)
        sub = " / ".join(r.text.strip() for r in rest)
        return Region(bid, "title", title, icon, hint, line, col, height, subtitle=sub,
                      percent=_share(hint, band.percent))
    heading = _text_rows(band.heading)
    if not band.boxes:
        icon, title, hint, line, col, rest = _title_of(heading + band.loose)
        return Region(bid, "band", title, icon, hint, line, col, height, rows=rest, percent=_share(hint, band.percent))
    columns = _columns(band.boxes)
    h_icon, h_title, h_hint, h_line, h_col, h_rest = _title_of(heading) if heading else ("", "", "", 0, 0, [])
    written = bool(h_title or h_icon)  # a heading row holding only a note ("[30%]") writes no heading
    if len(columns) == 1 and len(columns[0]) == 1:
        box = columns[0][0]
        if heading and written:
            box_hint = split_heading(next((r.text for r in box.rows if r.text.strip()), ""))[2]
            region = Region(bid, "band", h_title, h_icon, h_hint, h_line, h_col, height,
                            rows=h_rest + _clean(box.rows), heading_outside=True,
                            percent=_share(h_hint, _share(box_hint, band.percent)))
        else:
            icon, title, hint, line, col, rest = _title_of(box.rows)
            region = Region(bid, "band", title, icon, hint, line, col, height, rows=h_rest + rest,
                            percent=_share(hint, _share(h_hint, band.percent)))
        region.rows += _clean(band.loose)
        return region
    band_region = Region(bid, "band", h_title, h_icon, h_hint, h_line, h_col, height,
                         rows=h_rest, heading_outside=written, percent=_share(h_hint, band.percent))
    if len(columns) == 1:
        band_region.children = [_box_region(f"{bid}.row{k}", "row", b) for k, b in enumerate(columns[0], 1)]
    else:
        for k, boxes in enumerate(columns, 1):
            cid = f"{bid}.col{k}"
            w = max(b.right for b in boxes) - min(b.left for b in boxes)
            if len(boxes) == 1:
                col_region = _box_region(cid, "column", boxes[0])
                col_region.weight = w
            else:
                col_region = Region(cid, "column", "", weight=w, line=boxes[0].top_line, col=boxes[0].left,
                                    lines=(boxes[0].top_line, boxes[-1].bottom_line),
                                    span=(min(b.left for b in boxes), max(b.right for b in boxes)))
                col_region.children = [_box_region(f"{cid}.row{j}", "row", b) for j, b in enumerate(boxes, 1)]
            band_region.children.append(col_region)
    _give_loose(band_region, band.loose)
    return band_region


def _share(hint: str, otherwise: float | None = None) -> float | None:
    p = hint_percent(hint)
    return p if p is not None else otherwise


def _box_region(rid: str, kind: str, box: DiagramBox) -> Region:
    icon, title, hint, line, col, rest = _title_of(box.rows)
    if not title:
        line, col = box.top_line, box.left
    return Region(rid, kind, title, icon, hint, line, col, box.bottom_line - box.top_line + 1, rows=rest,
                  lines=(box.top_line, box.bottom_line), span=(box.left, box.right), percent=_share(hint))


def _columns(boxes: list[DiagramBox]) -> list[list[DiagramBox]]:
    """Group boxes whose column spans overlap (stacked) into columns, left to right."""
    cols: list[list[DiagramBox]] = []
    spans: list[tuple[int, int]] = []  # each column's leftmost left and rightmost right
    for b in sorted(boxes, key=lambda b: (b.left, b.top_line)):
        for k, (c_lo, c_hi) in enumerate(spans):
            if min(c_hi, b.right) - max(c_lo, b.left) > 2:
                cols[k].append(b)
                spans[k] = (min(c_lo, b.left), max(c_hi, b.right))
                break
        else:
            cols.append([b])
            spans.append((b.left, b.right))
    for c in cols:
        c.sort(key=lambda b: b.top_line)
    return cols


def _give_loose(region: Region, loose: list[Row]) -> None:
    """Text written beside or below the boxes goes to the box whose columns hold it."""
    for row in _clean(loose):
        start = len(row.text) - len(row.text.lstrip())
        col = row.cols[start] if start < len(row.cols) else 0
        target = region.children[-1]
        for child in region.children:
            if child.span[0] - 2 <= col:
                target = child
        while target.children:
            target = target.children[-1]
        target.rows.append(row)
