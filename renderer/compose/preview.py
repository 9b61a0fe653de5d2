"""Empty boxes with their titles: what ``cheatsheet layout --png`` draws."""

from __future__ import annotations

from .. import theme
from ..layout.engine import Layout
from .marks import Mark, StrokeMark
from .text.setting import text_marks


def preview_marks(layout: Layout) -> list[Mark]:
    out: list[Mark] = []
    for band in layout.bands:
        for r in band.walk():
            x, y, w, h = r.rect
            g = theme.GUTTER / 2
            color = theme.PEN if not r.children else theme.PREVIEW_PARENT_INK
            out.append(StrokeMark(((x + g, y + g), (x + w - g, y + g), (x + w - g, y + h - g), (x + g, y + h - g)),
                                  color, theme.PEN_WIDTH_PT, closed=True))
            if r.children and not r.heading_outside:
                continue  # its children's labels sit where its own would
            label = f"{r.id} {r.kind}: {r.title}" if r.title else f"{r.id} {r.kind}"
            out.extend(text_marks(x + g + theme.PREVIEW_LABEL_X, y + g + theme.PREVIEW_LABEL_BASE, label,
                                  theme.PREVIEW_LABEL_PT, color))
    return out
