"""Region tree + ratios -> millimetre rectangles on the A4 landscape page."""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme
from ..errors import InputError, Notice
from ..model import LayoutSource
from .regions import Rect, Region


@dataclass
class Split:
    """The page's proportions: band heights and each band's column widths (fractions)."""

    bands: list[float]
    columns: dict[str, list[float]]  # band id -> column fractions


def usable_rect() -> Rect:
    m = theme.MARGIN
    return (m, m, theme.PAGE_W - 2 * m, theme.PAGE_H - 2 * m - theme.FOOTER_H)


def bands_found(bands: list[Region]) -> str:
    """The bands of a diagram, for messages: ``band 2 (lines 103-114): 📖 WHAT IS SFT? + 👥 …``."""
    parts = []
    for k, b in enumerate(bands, 1):
        a, z = b.lines
        where = f"line {a}" if a == z else f"lines {a}-{z}"
        parts.append(f"band {k} ({where}): {b.describe() or '(nothing written in it)'}")
    return "; ".join(parts)


def initial_split(src: LayoutSource, bands: list[Region], notices: list[Notice]) -> Split:
    """Band fractions from the ratio spec (scaled to 100, with a warning) or the drawing."""
    spec = src.ratio_spec
    if spec is None or not spec.ratios:
        total = sum(b.weight for b in bands) or 1.0
        fr = [b.weight / total for b in bands]
        return Split(fr, _column_fracs(bands, None, None, notices))
    ratios = spec.ratios
    if len(ratios) != len(bands):
        if len(ratios) > len(bands):
            extra = ratios[len(bands)]
            line, col = extra.line, extra.col
            where = f"ratio {len(bands) + 1} has no band"
        else:
            line, col = spec.line, 1
            where = f"band {len(ratios) + 1} has no ratio"
        raise InputError(
            spec.file, line, col,
            f"the ratio spec lists {len(ratios)} bands but the diagram has {len(bands)} ({where})",
            "give one percentage per band, top to bottom, title included. The diagram's bands: " + bands_found(bands),
        )
    total = sum(r.percent for r in ratios)
    if total <= 0:
        raise InputError(spec.file, ratios[0].line, ratios[0].col, "the ratios add up to 0%",
                         "give each band a positive percentage")
    if abs(total - 100.0) > 0.01:
        notices.append(Notice(spec.file, spec.line, 1,
                              f"the ratios add up to {total:g}%, not 100%: scaled to 100%"))
    return Split([r.percent / total for r in ratios], _column_fracs(bands, ratios, spec.file, notices))


def _column_fracs(bands: list[Region], ratios: tuple | None, file: str | None,
                  notices: list[Notice]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for k, band in enumerate(bands):
        cols = [c for c in band.children if c.kind == "column"]
        given = ratios[k].columns if ratios else ()
        if given and len(given) != len(cols) and file is not None:
            r = ratios[k]
            drawn = f"{len(cols)} boxes side by side" if cols else "no boxes side by side"
            notices.append(Notice(file, r.line, r.col,
                                  f"band {k + 1} is split {len(given)} ways here but the diagram draws {drawn}: "
                                  "the drawn widths are used"))
        if not cols:
            continue
        weights = list(given) if len(given) == len(cols) else [c.weight for c in cols]
        total = sum(weights) or 1.0
        out[band.id] = [w / total for w in weights]
    return out


def place(bands: list[Region], split: Split) -> None:
    """Set every region's rect from the split: bands tile the usable height exactly."""
    rects = region_rects(bands, split)
    for band in bands:
        for r in band.walk():
            r.rect = rects[r.id]


def region_rects(bands: list[Region], split: Split) -> dict[str, Rect]:
    """Every region's rect under ``split``, by id (nothing is changed)."""
    out: dict[str, Rect] = {}
    x0, y0, w, h = usable_rect()
    y = y0
    for band, frac in zip(bands, split.bands):
        bh = h * frac
        out[band.id] = (x0, y, w, bh)
        _place_children(band, split, out)
        y += bh
    return out


def _place_children(region: Region, split: Split, out: dict[str, Rect]) -> None:
    if not region.children:
        return
    x, y, w, h = out[region.id]
    top = y
    if region.heading_outside:
        top = y + min(h, heading_height())
    inner_h = max(0.0, y + h - top)
    kids = region.children
    if kids[0].kind == "column":
        fracs = split.columns.get(region.id) or [1 / len(kids)] * len(kids)
        cx = x
        for kid, f in zip(kids, fracs):
            out[kid.id] = (cx, top, w * f, inner_h)
            cx += w * f
            _place_children(kid, split, out)
    else:
        total = sum(k.weight for k in kids) or 1.0
        cy = top
        for kid in kids:
            kh = inner_h * kid.weight / total
            out[kid.id] = (x, cy, w, kh)
            cy += kh
            _place_children(kid, split, out)


def heading_height() -> float:
    """Room a band heading written above its boxes takes."""
    return theme.BAND_HEADING_PT_MAX * theme.PT_MM * 1.25
