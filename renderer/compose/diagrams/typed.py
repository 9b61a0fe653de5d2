"""Where a picture typed with line characters starts and ends among a region's lines.

A box drawing (``┌`` and the lines to the ``└…┘`` under it, arrows and captions between its boxes), one
typed inside a fence, and a sketch with no closed box (axes, slopes) are found here; one box holding only
lines is a framed panel (``blocks/frame.py``), anything richer a ``DrawingBlock`` (``drawing.py``).
"""

from __future__ import annotations

import re

from ...boxes import BOX_CHARS, opens_box
from ..blocks.base import Block
from ..blocks.code import fence_end
from ..blocks.found import Ctx, Found, Scan
from ..blocks.frame import framed
from ..blocks.text_item import TREE
from .drawing import LABELS, DrawingBlock
from .flow import is_down_line, structural


def boxed(body: list[str], line: int, ctx: Ctx) -> Block:
    """One box holding only text lines is a framed panel; anything richer is a drawing."""
    return framed(body, line, ctx) or DrawingBlock(body, line)


def fenced_at(scan: Scan, i: int) -> Found | None:
    """A fence: a drawing typed inside it is the drawing, without the fence; anything else fenced is
    read by markdown as it stands (no drawing or flow is looked for in it)."""
    lines, drawn = scan.lines, scan.drawn
    fence = fence_end(lines, i)
    if fence is None:
        return None
    inner = [s for s in drawn[i + 1 : fence] if s.strip()]
    info = lines[i].strip().strip("`~").strip().lower()
    typed = info != "mermaid" and any(ch in BOX_CHARS for s in inner for ch in s)
    if not (inner and (opens_box(inner[0].strip()) or typed)):
        return Found(fence, written=True)

    def make() -> list[Block]:
        body = [s for s in drawn[i + 1 : fence]]
        while body and not body[-1].strip():
            body.pop()
        first = next(k for k, s in enumerate(body) if s.strip())
        body = body[first:]
        indent = min(len(s) - len(s.lstrip()) for s in body if s.strip())
        body = [s[indent:].rstrip() for s in body]
        if opens_box(body[0].strip()):
            return [boxed(body, scan.line0 + i + 1 + first, scan.ctx)]
        # a picture typed with line characters (a tree, a trace, axes): drawn, never typed
        return [DrawingBlock(body, scan.line0 + i + 1 + first)]

    return Found(fence, make)


def drawing_at(scan: Scan, i: int) -> Found | None:
    """A box drawing from its top line, with the captions typed in columns right above it."""
    drawn, held = scan.drawn, scan.held
    if not opens_box(drawn[i].strip()):
        return None
    end = drawing_end(drawn, i)
    start = i
    while i - start < len(held) and LABELS.search(held[len(held) - 1 - (i - start)]) and start > 0:
        start -= 1

    def make() -> list[Block]:
        body = drawn[start : end + 1]
        indent = min(len(s) - len(s.lstrip()) for s in body if s.strip())
        return [boxed([s[indent:].rstrip() for s in body], scan.line0 + start, scan.ctx)]

    return Found(end, make, start=start)


def sketch_at(scan: Scan, i: int) -> Found | None:
    """A chart typed with line characters but no closed box (axes, slopes): kept as the author aligned
    it, in the monospace face, never as loose line characters among words."""
    drawn = scan.drawn
    end = sketch_end(drawn, i)
    if end is None:
        return None

    def make() -> list[Block]:
        body = [s.rstrip() for s in drawn[i : end + 1]]
        indent = min(len(s) - len(s.lstrip()) for s in body if s.strip())
        return [DrawingBlock([s[indent:] for s in body], scan.line0 + i)]

    return Found(end, make)


SKETCH_LINE = re.compile(r"[│┃║╱╲‾]|[─━═]{4,}")  # an axis, a slope, an overline or a long rule


def sketch_end(lines: list[str], i: int) -> int | None:
    """The last line of a sketch starting at line ``i``: two or more lines in a row, each drawing with
    line characters (a tree item's short └─ is not one); None when none starts there."""
    end = i
    while end < len(lines) and lines[end].strip() and SKETCH_LINE.search(lines[end]):
        end += 1
    return end - 1 if end - i >= 2 else None


def drawing_end(lines: list[str], i: int) -> int:
    """Last line of the drawing that starts at line i: box lines, with arrow or caption lines
    between them (a ``↓`` between two boxes belongs to the drawing)."""
    last = i
    gap = 0
    for j in range(i + 1, len(lines)):
        st = lines[j].strip()
        if any(c in BOX_CHARS for c in TREE.sub("", st)) and st[:1] in BOX_CHARS:
            last = j
            gap = 0
            continue
        if st and (is_down_line(lines[j]) or LABELS.search(lines[j])) and not structural(lines[j]):
            last = j
            gap = 0
            continue
        if st and structural(lines[j]):
            break
        gap += 1
        if gap > 2:
            break
    return last
