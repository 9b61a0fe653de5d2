"""The whole sheet: grid paper is drawn later; here the title banner, band headings,
every region at its fitted size (growing regions that cannot fit), and the footer."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import theme
from ..errors import FitError, InputError, Notice
from ..layout.engine import Layout
from ..layout.place import Split
from ..layout.place import heading_height as band_heading_height
from ..layout.regions import Region
from ..model import Chapter
from ..sources.titles import words
from . import fonts
from .block import Block
from .frame import FrameBlock
from .ink import Ink
from .inline import Run
from .marks import Mark, StrokeMark
from .parse import parse_blocks
from .qr import qr_mark, video_link
from .region import Fit, RegionComposer, box_rect, header_size
from .text import text_marks
from .text_item import TextItem

MIN_COLUMN_SHARE = 0.15  # a column never gives away more than leaves it this share of its band


@dataclass
class Page:
    marks: list[Mark]
    fits: dict[str, Fit]
    notices: list[Notice] = field(default_factory=list)
    layout: Layout | None = None


def compose_page(chapter: Chapter, layout: Layout, strict: bool = False, overflow_ok: bool = False) -> Page:
    """``overflow_ok``: report regions that cannot fit instead of failing (for ``check``)."""
    notices = list(layout.notices)
    composers = _composers(chapter, layout, notices)
    _check_coverage(composers, chapter, layout)
    try:
        _grow(layout, composers, notices, strict)
    except FitError as exc:
        if not overflow_ok:
            raise
        notices.append(Notice(exc.file, exc.line, exc.col, exc.message))
    marks: list[Mark] = []
    fits: dict[str, Fit] = {}
    marks.extend(_title(chapter, layout))
    for band in layout.bands:
        if band.kind == "title":
            continue
        if band.heading_outside:
            marks.extend(_band_heading(band, _ink_of(band, composers)))
    for rid, comp in composers.items():
        f = comp.fit()
        fits[rid] = f
        marks.extend(comp.place(f))
    marks.extend(_footer(chapter, with_title=layout.bands[0].kind != "title"))
    return Page(marks, fits, notices, layout)


def _composers(chapter: Chapter, layout: Layout, notices: list[Notice]) -> dict[str, RegionComposer]:
    out: dict[str, RegionComposer] = {}
    for k, leaf in enumerate(layout.leaves()):
        blocks: list[Block] = []
        for item in layout.content.get(leaf.id, []):
            blocks.extend(_unframe(parse_blocks(item.markdown, item.line, chapter.emphasis, notices, item.file), leaf))
        show_header = bool(leaf.title) and not leaf.heading_outside
        out[leaf.id] = RegionComposer(leaf, blocks, Ink.nth(k), show_header)
    return out


def _unframe(blocks: list[Block], leaf: Region) -> list[Block]:
    """A section that is one framed box needs no second frame inside its region's box."""
    if len(blocks) != 1 or not isinstance(blocks[0], FrameBlock):
        return blocks
    frame = blocks[0]
    out: list[Block] = []
    if frame.title and words(frame.title) != words(leaf.title):
        out.append(TextItem([Run(frame.title)], frame.line, marker="lead", keep_with_next=True))
    return out + frame.blocks


def _check_coverage(composers: dict[str, RegionComposer], chapter: Chapter, layout: Layout) -> None:
    """Every character drawn must be in a face of the chain: fail naming it and where it came from."""
    for rid, comp in composers.items():
        texts = [(comp.region.title, comp.region.line)] + [(t, b.line) for b in comp.blocks for t in b.texts()]
        for text, line in texts:
            ch = fonts.check_covered(text)
            if ch is not None:
                raise InputError(
                    chapter.source, line, 1,
                    f"no font has the character {ch!r} (U+{ord(ch):04X}) in region '{comp.region.label or rid}'",
                    "replace it with a character the handwriting, Noto Emoji or DejaVu Sans has",
                )
    for band in layout.bands:
        for text in (band.title, band.icon, band.subtitle):
            ch = fonts.check_covered(text)
            if ch is not None:
                raise InputError(chapter.layout.file, band.line, 1,
                                 f"no font has the character {ch!r} (U+{ord(ch):04X}) in a diagram title",
                                 "replace it with a character the handwriting, Noto Emoji or DejaVu Sans has")


def _ink_of(band: Region, composers: dict[str, RegionComposer]) -> Ink:
    leaf = band.leaves()[0]
    return composers[leaf.id].ink if leaf.id in composers else Ink.nth(0)


# --- growing regions that cannot fit ---------------------------------------------------


def _band_of(layout: Layout, rid: str) -> int:
    for k, b in enumerate(layout.bands):
        if any(r.id == rid for r in b.walk()):
            return k
    return -1


def _deficit(comp: RegionComposer) -> float:
    """mm of box height missing at the smallest size (0 when it fits)."""
    if comp.fit().fits:
        return 0.0
    return max(0.0, comp.need() - box_rect(comp.region)[3])


def _band_slack(layout: Layout, composers: dict[str, RegionComposer], k: int) -> float:
    """mm a band can give up with all its regions still fitting at the smallest size."""
    band = layout.bands[k]
    if band.kind == "title":
        return 0.0
    slack = band.rect[3]
    for leaf in band.leaves():
        comp = composers.get(leaf.id)
        if comp is None:
            continue
        spare = box_rect(leaf)[3] - comp.need()
        slack = min(slack, spare)
    return max(0.0, slack - 1.0)


def _grow(layout: Layout, composers: dict[str, RegionComposer], notices: list[Notice], strict: bool) -> None:
    usable_h = sum(b.rect[3] for b in layout.bands)
    for rid, comp in composers.items():
        if comp.fit().fits:
            continue
        k = _band_of(layout, rid)
        band = layout.bands[k]
        before = list(layout.split.bands)
        moved = _widen_column(layout, composers, band, comp)
        deficit = _deficit(comp)
        if deficit > 0:
            order = sorted((j for j in range(len(layout.bands)) if j != k), key=lambda j: (abs(j - k), j))
            for j in order:
                if deficit <= 0:
                    break
                give = min(_band_slack(layout, composers, j), deficit + 0.5)
                if give <= 0:
                    continue
                fr = list(layout.split.bands)
                fr[j] -= give / usable_h
                fr[k] += give / usable_h
                layout.replace(Split(fr, layout.split.columns))
                deficit = _deficit(comp)
            moved = moved or layout.split.bands != before
        if _deficit(comp) > 0:
            over = [(c.region.label or r, _deficit(c)) for r, c in composers.items() if _deficit(c) > 0]
            names = ", ".join(f'"{n}" by {mm:.1f} mm' for n, mm in over)
            raise FitError(
                layout_file(layout), comp.region.line or layout.spec_line, 1,
                f"the page cannot hold the content at {theme.BODY_PT_MIN:g} pt: over {names}",
                "shorten those sections, or give their bands more of the page in the ratio spec",
            )
        if moved:
            old, new = before[k] * 100, layout.split.bands[k] * 100
            label = comp.region.label or rid
            msg = (f'band {k + 1}: {old:.0f}% -> {new:.0f}% so that "{label}" fits' if abs(new - old) >= 0.5
                   else f'band {k + 1}: columns widened so that "{label}" fits')
            spec = layout_spec(layout)
            notice = Notice(spec[0], spec[1], 1, msg)
            if strict:
                raise FitError(notice.file, notice.line, 1, msg + " (--strict)",
                               "give that band more of the page in the ratio spec, or shorten its content")
            notices.append(notice)


def _widen_column(layout: Layout, composers: dict[str, RegionComposer], band: Region, comp: RegionComposer) -> bool:
    """Take width from a neighbouring column of the same band (nearest first), as little as
    makes the region fit (bisection), and only while the neighbour still fits."""
    cols = [c for c in band.children if c.kind == "column"]
    if len(cols) < 2:
        return False
    idx = next((i for i, c in enumerate(cols) if any(r.id == comp.region.id for r in c.walk())), -1)
    if idx < 0:
        return False
    start = layout.split

    def with_shift(d: int, t: float) -> None:
        fr = list(start.columns[band.id])
        fr[d] -= t
        fr[idx] += t
        cols_map = dict(start.columns)
        cols_map[band.id] = fr
        layout.replace(Split(start.bands, cols_map))

    def donor_fits(d: int) -> bool:
        return all(composers[leaf.id].fit().fits for leaf in cols[d].leaves() if leaf.id in composers)

    for d in sorted((i for i in range(len(cols)) if i != idx), key=lambda i: abs(i - idx)):
        most = start.columns[band.id][d] - MIN_COLUMN_SHARE
        if most <= 0:
            continue
        with_shift(d, most)
        if not comp.fit().fits:
            continue  # even all the neighbour can give is not enough
        lo, hi = 0.0, most
        for _ in range(7):
            mid = (lo + hi) / 2
            with_shift(d, mid)
            if comp.fit().fits:
                hi = mid
            else:
                lo = mid
        with_shift(d, hi)
        if donor_fits(d):
            return True
    layout.replace(start)
    return False


def layout_file(layout: Layout) -> str:
    return layout_spec(layout)[0]


def layout_spec(layout: Layout) -> tuple[str, int]:
    return layout.source_file, layout.spec_line


# --- title, band headings, footer ------------------------------------------------------


def _title(chapter: Chapter, layout: Layout) -> list[Mark]:
    """The title banner, when the diagram's first band is one (a diagram that starts with
    boxes has none: the chapter's title then goes in the footer)."""
    band = layout.bands[0]
    if band.kind != "title":
        return []
    x, y, w, h = band.rect
    g = theme.GUTTER / 2
    bx, by, bw, bh = x + g, y + g, w - 2 * g, h - 2 * g
    ink = Ink.nth(2)
    out: list[Mark] = [
        StrokeMark(((bx, by), (bx + bw, by), (bx + bw, by + bh), (bx, by + bh)), theme.PEN, theme.BOX_WIDTH_PT * 1.3,
                   closed=True, fill=theme.MARKERS[0], fill_alpha=0.22),
        StrokeMark(((bx + 0.8, by + 0.8), (bx + bw + 0.8, by + 0.8), (bx + bw + 0.8, by + bh + 0.8),
                    (bx + 0.8, by + bh + 0.8)), theme.PEN, theme.THIN_WIDTH_PT, closed=True, z=1),
    ]
    link = video_link(chapter.meta)
    if link:
        q = min(bh - theme.QR_PAD, theme.QR_SIZE)
        out.append(qr_mark(link, bx + bw - q - 2.0, by + (bh - q) / 2, q, theme.PEN))
        bw -= q + 3.0
    title = band.title or chapter.meta.title_kr or chapter.meta.title
    icon = band.icon
    text = title
    if icon and not text.endswith(icon.replace("\ufe0f", "")):
        text = f"{text} {icon}"
    if icon:
        text = f"{icon} {text}"
    sub = band.subtitle
    size = theme.TITLE_PT
    room_h = bh - theme.BANNER_PAD
    while size > 12:
        th = size * theme.PT_MM * (theme.BANNER_TITLE_EM + (theme.BANNER_SUB_EM if sub else 0.0))
        if fonts.width(text, size) <= bw - 8 and th <= room_h:
            break
        size -= 0.5
    sub_size = size * theme.SUBTITLE_OVER_TITLE
    block_h = size * theme.PT_MM * 0.9 + (sub_size * theme.PT_MM * 1.25 if sub else 0)
    top = by + (bh - block_h) / 2
    base = top + size * theme.PT_MM * 0.72
    out.extend(text_marks(bx + bw / 2, base, text, size, theme.PEN, bold=True, ha="center"))
    if sub:
        out.extend(text_marks(bx + bw / 2, base + sub_size * theme.PT_MM * 1.35, sub, sub_size, ink.pen, ha="center"))
    return out


def _band_heading(band: Region, ink: Ink) -> list[Mark]:
    from .text_item import heading_marks

    x, y, w, h = band.rect
    size = theme.BAND_HEADING_PT_MAX
    hh = band_heading_height()
    while size > 10 and fonts.width(f"{band.icon} {band.title}", size) > w - 10:
        size -= 0.5
    marks, _ = heading_marks(x + theme.GUTTER / 2 + 1.0, y + (hh - size * theme.PT_MM * 1.2) / 2 + 0.4, band.icon,
                             band.title, size, ink, w - theme.GUTTER - 2)
    return marks


def _footer(chapter: Chapter, with_title: bool = False) -> list[Mark]:
    m = chapter.meta
    parts = [p for p in ((m.title_kr or m.title) if with_title else "", m.author, m.lecture) if p]
    if m.chapter is not None:
        parts.append(f"chapter {m.chapter}/{m.total_chapters}" if m.total_chapters else f"chapter {m.chapter}")
    if m.timestamp:
        parts.append(m.timestamp)
    if m.source_url:
        parts.append(m.source_url)
    text = "  ·  ".join(parts)
    y = theme.PAGE_H - theme.MARGIN - 0.6
    return text_marks(theme.MARGIN + 1.0, y, text, theme.FOOTER_PT, theme.PEN_SOFT)


__all__ = ["Page", "compose_page", "header_size"]
