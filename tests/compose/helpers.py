"""Small helpers for the compose tests: parse markdown into blocks, place them, check bounds."""

from __future__ import annotations

from cheatsheet import theme
from cheatsheet.compose.ink import Ink
from cheatsheet.compose.marks import ArrowMark, BackingMark, Mark, MarkerMark, StrokeMark, TextMark
from cheatsheet.compose.parse import parse_blocks
from cheatsheet.compose.text import fonts

INK = Ink.nth(0)


def blocks_of(md: str, notices: list | None = None):
    return parse_blocks(md, 1, (), notices, "test.md")


def extent(m: Mark) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 a mark covers (text from its measured width, ascent and descent)."""
    if isinstance(m, TextMark):
        w = fonts.seg_width(m.face, m.text, m.size_pt / fonts.faces()[m.face].scale)
        size = m.size_pt * theme.PT_MM
        x0 = m.x - (w / 2 if m.ha == "center" else w if m.ha == "right" else 0.0)
        return x0, m.y - 0.8 * size, x0 + w, m.y + 0.25 * size
    if isinstance(m, StrokeMark):
        xs = [p[0] for p in m.points]
        ys = [p[1] for p in m.points]
        return min(xs), min(ys), max(xs), max(ys)
    if isinstance(m, ArrowMark):
        xs = (m.start[0], m.end[0])
        ys = (m.start[1], m.end[1])
        return min(xs) - m.head, min(ys) - m.head, max(xs) + m.head, max(ys) + m.head
    assert isinstance(m, (MarkerMark, BackingMark))
    return m.x, m.y, m.x + m.w, m.y + m.h


def within(marks: list[Mark], x: float, y: float, w: float, h: float, slack: float = 1.0) -> list[Mark]:
    """The marks that reach outside the rectangle by more than ``slack`` mm."""
    out = []
    for m in marks:
        x0, y0, x1, y1 = extent(m)
        if x0 < x - slack or y0 < y - slack or x1 > x + w + slack or y1 > y + h + slack:
            out.append(m)
    return out


def texts_overlap(marks: list[Mark]) -> list[tuple[TextMark, TextMark]]:
    """Pairs of text marks whose boxes overlap (a bold second pass is the same mark)."""
    boxes = [(m, extent(m)) for m in marks if isinstance(m, TextMark)]
    out = []
    for i, (a, ea) in enumerate(boxes):
        for b, eb in boxes[i + 1 :]:
            if a.rotation or b.rotation:
                continue
            dx = min(ea[2], eb[2]) - max(ea[0], eb[0])
            dy = min(ea[3], eb[3]) - max(ea[1], eb[1])
            if dx > 0.3 and dy > 0.3 * (a.size_pt * theme.PT_MM):
                out.append((a, b))
    return out
