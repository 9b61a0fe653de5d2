"""The author's overlay: the fitted region tree drawn over the sheet (``cheatsheet layout --overlay``).

Every region gets an outline in the overlay ink and a label on a paper backing: its id, kind and
title, its size in millimetres and share of the page, the sections that went there, its body size,
and how far fitting moved it from the prompt's ratios.  A leaf's label sits in its top-left corner;
a region holding others has a dashed outline and its label in its bottom-right corner, so that the
labels of parent and children never sit on each other.  A legend states the page's body size."""

from __future__ import annotations

from .. import theme
from ..layout.engine import Layout
from ..layout.regions import Region
from .marks import LABEL_Z, BackingMark, Mark, StrokeMark
from .page import Page
from .text import fonts
from .text.setting import text_marks

_LINE_MM = theme.OVERLAY_LABEL_PT * theme.PT_MM * theme.LINE_GAP
_ASCENT_MM = theme.OVERLAY_LABEL_PT * theme.PT_MM * theme.OVERLAY_ASCENT_EM


def text_width(text: str, size_pt: float) -> float:
    return sum(fonts.seg_width(f, t, size_pt) for f, t in fonts.segments(text))


def _cut(text: str, width: float, size_pt: float) -> str:
    """``text``, shortened with an ellipsis where it would be wider than ``width`` mm."""
    if text_width(text, size_pt) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + "…", size_pt) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def region_lines(r: Region, page: Page, layout: Layout) -> list[str]:
    """What the overlay writes about a region, one line each."""
    x, y, w, h = r.rect
    title = r.label if len(r.label) <= theme.OVERLAY_TITLE_CHARS else r.label[:theme.OVERLAY_TITLE_CHARS - 1] + "…"
    lines = [f"{r.id} {r.kind}" + (f": {title}" if title else "")]
    share = w * h / (theme.PAGE_W * theme.PAGE_H) * 100
    size = f"{w:.1f} x {h:.1f} mm, {share:.1f}% of the page"
    fit = page.fits.get(r.id)
    if fit is not None:
        size += f", body {fit.size:g} pt" + ("" if fit.fits else " (overfull)")
    lines.append(size)
    placed = [p for p in layout.placements if p.region_id == r.id]
    for p in placed:
        lines.append(f"<- {p.section.icon} {p.section.title}".replace("  ", " ").rstrip() + f" ({p.how})")
    if not placed and layout.content.get(r.id):  # by region id (a chapter YAML) or the diagram's own text
        n = len(layout.content[r.id])
        lines.append(f"holds {n} content item{'' if n == 1 else 's'}")
    for m in page.moves:
        if m.region_id == r.id:
            of = "page height" if "column" not in m.what else "band width"
            lines.append(f"moved {m.before * 100:.1f}% -> {m.after * 100:.1f}% of the {of}"
                         + (" (beyond the tolerance)" if m.beyond else ""))
    return lines


def label_marks(x: float, y: float, lines: list[str], max_w: float, right: bool = False,
                bottom: bool = False) -> list[Mark]:
    """Lines of overlay ink on a paper backing; (x, y) is the label's top-left corner, or with
    ``right`` / ``bottom`` its right / bottom edge.  No line is wider than ``max_w`` mm."""
    size, pad = theme.OVERLAY_LABEL_PT, theme.OVERLAY_LABEL_PAD
    lines = [_cut(ln, max_w - 2 * pad, size) for ln in lines]
    w = max(text_width(ln, size) for ln in lines) + 2 * pad
    h = len(lines) * _LINE_MM + 2 * pad
    left = x - w if right else x
    top = y - h if bottom else y
    out: list[Mark] = [BackingMark(left, top, w, h, theme.OVERLAY_BACKING, z=theme.OVERLAY_Z)]
    for k, ln in enumerate(lines):
        for m in text_marks(left + pad, top + pad + _ASCENT_MM + k * _LINE_MM, ln, size, theme.OVERLAY_INK):
            out.append(_lifted(m))
    return out


def _lifted(m: Mark) -> Mark:
    from dataclasses import replace

    return replace(m, z=LABEL_Z + theme.OVERLAY_Z) if hasattr(m, "z") else m


def overlay_marks(page: Page, layout: Layout) -> list[Mark]:
    """The overlay alone (to be drawn over ``page.marks``)."""
    out: list[Mark] = []
    labels: list[Mark] = []
    g = theme.GUTTER / 2
    for band in layout.bands:
        for r in band.walk():
            x, y, w, h = r.rect
            parent = bool(r.children)
            inset = g / 2 if parent else g
            x0, y0, x1, y1 = x + inset, y + inset, x + w - inset, y + h - inset
            out.append(StrokeMark(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), theme.OVERLAY_INK,
                                  theme.OVERLAY_PARENT_WIDTH_PT if parent else theme.OVERLAY_WIDTH_PT,
                                  closed=True, wobble=0.0, dashed=parent, z=theme.OVERLAY_Z + LABEL_Z))
            lines = region_lines(r, page, layout)
            room = x1 - x0 - 2 * theme.OVERLAY_INSET
            if parent:
                labels.extend(label_marks(x1 - theme.OVERLAY_INSET, y1 - theme.OVERLAY_INSET, lines, room,
                                          right=True, bottom=True))
            else:
                labels.extend(label_marks(x0 + theme.OVERLAY_INSET, y0 + theme.OVERLAY_INSET, lines, room))
    legend = [f"fitted region tree: {sum(len(b.walk()) for b in layout.bands)} regions, "
              f"page body {page.body_pt:g} pt, {len(page.moves)} bands/columns moved from the prompt's ratios"]
    labels.extend(label_marks(theme.PAGE_W - theme.MARGIN, theme.PAGE_H - theme.OVERLAY_LEGEND_BOTTOM, legend,
                              theme.PAGE_W - 2 * theme.MARGIN, right=True, bottom=True))
    return out + labels
