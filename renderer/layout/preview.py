"""Empty boxes with their titles: what ``cheatsheet layout --png`` draws."""

from __future__ import annotations

from .. import theme
from ..compose.marks import Mark, StrokeMark, TextMark
from .engine import Layout


def preview_marks(layout: Layout) -> list[Mark]:
    out: list[Mark] = []
    for band in layout.bands:
        for r in band.walk():
            x, y, w, h = r.rect
            g = theme.GUTTER / 2
            color = theme.PEN if not r.children else theme.ACCENTS[0]
            out.append(StrokeMark(((x + g, y + g), (x + w - g, y + g), (x + w - g, y + h - g), (x + g, y + h - g)),
                                  color, theme.PEN_WIDTH_PT, closed=True))
            label = f"{r.id} {r.kind}: {r.title}" if r.title else f"{r.id} {r.kind}"
            out.append(TextMark(x + g + 1.5, y + g + 5.0, label, 12.0, theme.HAND, color))
    return out
