"""Region tree + ratios -> millimetre rectangles on the A4 landscape page."""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme
from ..errors import InputError, Notice
from ..model import LayoutSource
from .regions import Rect, Region

MIN_SHARE = 5.0  # percent: the least a band or column without a written share is left
MAX_BANNER = 0.4  # the banner's need never takes more than this of the page's height


@dataclass
class Split:
    """The page's proportions: band heights and each band's column widths (fractions)."""

    bands: list[float]
    columns: dict[str, list[float]]  # band id -> column fractions
    heading_pt: float = theme.BAND_HEADING_PT  # the size band headings are written at under this split


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


def banner_height(subtitle: bool, qr: bool) -> float:
    """Height the title band needs for its banner at the normal sizes: the title (and subtitle) at
    TITLE_PT, the QR code at QR_SIZE (compose draws the banner inside the band's gutter)."""
    words = theme.TITLE_PT * theme.PT_MM * (theme.BANNER_TITLE_EM + (theme.BANNER_SUB_EM if subtitle else 0.0))
    code = theme.QR_SIZE + theme.QR_PAD if qr else 0.0
    return max(words + theme.BANNER_PAD, code) + theme.GUTTER


def initial_split(src: LayoutSource, bands: list[Region], notices: list[Notice], qr: bool = False) -> Split:
    """Band fractions from the ratio spec (scaled to 100, with a warning), else from the shares written
    in the diagram and the drawn heights; ``qr``: the banner holds a QR code."""
    spec = src.ratio_spec
    if spec is None or not spec.ratios:
        fr = _drawn_bands(src.file, bands, notices, qr)
        return Split(fr, _column_fracs(bands, None, src.file, notices))
    ratios = spec.ratios
    if len(ratios) != len(bands):
        return _miscounted(spec, bands, notices)
    total = sum(r.percent for r in ratios)
    if total <= 0:
        raise InputError(spec.file, ratios[0].line, ratios[0].col, "the ratios add up to 0%",
                         "give each band a positive percentage")
    if abs(total - 100.0) > 0.01:
        notices.append(Notice(spec.file, spec.line, 1,
                              f"the ratios add up to {total:g}%, not 100%: scaled to 100%"))
    return Split([r.percent / total for r in ratios], _column_fracs(bands, ratios, spec.file, notices))


def _miscounted(spec, bands: list[Region], notices: list[Notice]) -> Split:
    """A ratio spec that lists more or fewer bands than the diagram draws: its ratios go to the bands
    top to bottom, surplus ones are left out, and bands without one share what is left by their
    drawn height (at least MIN_SHARE each); the whole is scaled to 100, with a warning naming the bands."""
    ratios = list(spec.ratios)
    if len(ratios) > len(bands):
        extra = ratios[len(bands)]
        line, col = extra.line, extra.col
        what = f"ratio {len(bands) + 1} on has no band: left out"
        ratios = ratios[: len(bands)]
    else:
        line, col = spec.line, 1
        missing = len(bands) - len(ratios)
        what = (f"band {len(ratios) + 1} has no ratio" if missing == 1
                else f"bands {len(ratios) + 1}-{len(bands)} have no ratio") + ": shared out by drawn height"
    notices.append(Notice(spec.file, line, col,
                          f"the ratio spec lists {len(spec.ratios)} bands but the diagram has {len(bands)} ({what}); "
                          "the diagram's bands: " + bands_found(bands)))
    given = [r.percent for r in ratios]
    rest = bands[len(ratios):]
    left = max(100.0 - sum(given), MIN_SHARE * len(rest))
    drawn = sum(b.weight for b in rest) or 1.0
    pct = given + [left * b.weight / drawn for b in rest]
    total = sum(pct) or 1.0
    padded = tuple(ratios) + (None,) * len(rest)
    return Split([p / total for p in pct], _column_fracs(bands, padded, spec.file, notices))


def _shares(file: str, what: str, regions: list[Region], notices: list[Notice]) -> list[float] | None:
    """Fractions from the shares written in the diagram (``[8%]``, ``├─ 35% ─┤``, ``(좌 40%)``): regions
    without one share what is left in proportion to their drawn size.  None when none is written, or
    when they leave no room (a warning then; the drawn sizes are used)."""
    given = [r.percent for r in regions]
    if all(p is None for p in given):
        return None
    known = sum(p for p in given if p is not None)
    rest = [r for r, p in zip(regions, given) if p is None]
    first = next(r for r, p in zip(regions, given) if p is not None)
    if rest and 100.0 - known < MIN_SHARE * len(rest):
        notices.append(Notice(file, first.line, max(1, first.col + 1),
                              f"the shares written in the diagram's {what} leave no room for the others "
                              f"({known:g}% given): the drawn sizes are used"))
        return None
    if not rest:
        if abs(known - 100.0) > 0.01:
            notices.append(Notice(file, first.line, max(1, first.col + 1),
                                  f"the shares written in the diagram's {what} add up to {known:g}%, "
                                  "not 100%: scaled to 100%"))
        return [p / known for p in given if p is not None]
    left = 100.0 - known
    drawn = sum(r.weight for r in rest) or 1.0
    return [(p if p is not None else left * r.weight / drawn) / 100.0 for r, p in zip(regions, given)]


def _drawn_bands(file: str, bands: list[Region], notices: list[Notice], qr: bool) -> list[float]:
    """Band fractions with no ratio spec: written shares, else drawn heights; a title band sized by its
    drawing never gets less than its banner needs."""
    fr = _shares(file, "bands", bands, notices)
    if fr is None:
        total = sum(b.weight for b in bands) or 1.0
        fr = [b.weight / total for b in bands]
    title = bands[0] if bands else None
    if title is not None and title.kind == "title" and title.percent is None and len(bands) > 1:
        need = min(MAX_BANNER, banner_height(bool(title.subtitle), qr) / usable_rect()[3])
        if fr[0] < need:
            others = sum(fr[1:]) or 1.0
            fr = [need] + [f * (1.0 - need) / others for f in fr[1:]]
    return fr


def _column_fracs(bands: list[Region], ratios: tuple | None, file: str | None,
                  notices: list[Notice]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for k, band in enumerate(bands):
        cols = [c for c in band.children if c.kind == "column"]
        given = ratios[k].columns if ratios and ratios[k] is not None else ()
        if given and len(given) != len(cols) and file is not None:
            r = ratios[k]
            drawn = f"{len(cols)} boxes side by side" if cols else "no boxes side by side"
            notices.append(Notice(file, r.line, r.col,
                                  f"band {k + 1} is split {len(given)} ways here but the diagram draws {drawn}: "
                                  "the drawn widths are used"))
        unread = ratios[k].unread if ratios and ratios[k] is not None else ""
        if unread and file is not None:
            r = ratios[k]
            notices.append(Notice(file, r.line, r.unread_col or r.col,
                                  f'band {k + 1}: the column split "{unread}" is not understood: '
                                  "the drawn widths are used (write it as 좌 40% / 우 60%, 40:60 or 3등분)"))
        if not cols:
            continue
        if len(given) == len(cols):
            weights = list(given)
        else:
            written = _shares(file or "", f"band {k + 1} columns", cols, notices)
            weights = written if written is not None else [c.weight for c in cols]
        total = sum(weights) or 1.0
        out[band.id] = [w / total for w in weights]
    return out


def place(bands: list[Region], split: Split) -> None:
    """Set every region's rect from the split: bands tile the usable height exactly."""
    rects = region_rects(bands, split)
    for band in bands:
        for r in band.walk():
            r.rect = rects[r.id]
            r.heading_h = min(r.rect[3], heading_height(split.heading_pt)) if r.heading_outside else 0.0


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
        top = y + min(h, heading_height(split.heading_pt))
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
        shares = split.columns.get(region.id) or [k.weight / total for k in kids]  # fitting may set them
        cy = top
        for kid, share in zip(kids, shares):
            kh = inner_h * share
            out[kid.id] = (x, cy, w, kh)
            cy += kh
            _place_children(kid, split, out)


def heading_height(size_pt: float = theme.BAND_HEADING_PT) -> float:
    """Room a band heading written above its boxes at ``size_pt`` takes."""
    return size_pt * theme.PT_MM * theme.BAND_HEADING_ROOM_EM
