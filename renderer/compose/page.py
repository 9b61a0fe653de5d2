"""The whole sheet: grid paper is drawn later; here the title banner, band headings,
every region at the page's body size, and the footer.  Composed from what fitting returns (fit.banner_room:
the banner's room; fit.negotiate: the body size, each region's size and final rect, the notices); the
chapter and the layout handed in are never changed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import theme
from ..errors import FitError, Notice
from ..layout.engine import Layout
from ..layout.regions import Region
from ..model import Chapter, Content
from ..sources.titles import words
from .blocks.base import Block
from .blocks.frame import FrameBlock
from .blocks.text_item import TextItem
from .coverage import Uncovered, find_uncovered
from .fit import Fitted, Move, banner_room, negotiate
from .ink import Ink
from .marks import Mark, StrokeMark
from .parse import parse_blocks
from .qr import qr_mark, qr_modules, video_link
from .region import Fit, RegionComposer, header_size
from .repeats import drop_repeats
from .text import fonts
from .text.inline import Run
from .text.setting import text_marks


@dataclass
class Page:
    marks: list[Mark]
    fits: dict[str, Fit]
    notices: list[Notice] = field(default_factory=list)
    layout: Layout | None = None
    body_pt: float = 0.0  # the page's body size (0 when the content could not be fitted)
    moves: list[Move] = field(default_factory=list)  # bands and columns fitting moved
    uncovered: list[Uncovered] = field(default_factory=list)  # characters drawn as placeholders
    continued: Page | None = None  # the next page of the sheet, when the content needed one (overflow.py)

    def pages(self) -> list[Page]:
        """This page and the ones the sheet goes on over."""
        out: list[Page] = [self]
        while out[-1].continued is not None:
            out.append(out[-1].continued)  # type: ignore[arg-type]
        return out


@dataclass
class Memo:
    """What composing learnt about each region (its blocks, their warnings, every size and width it
    was measured at), kept by a long-lived process (``watch``) for the next compose of the chapter:
    a region whose content did not change is not measured again.  The result is the same as
    composing afresh; only the time differs."""

    regions: dict[tuple, tuple[list[Block], list[list[Block]], list[Notice], dict]] = field(default_factory=dict)


def compose_page(chapter: Chapter, layout: Layout, strict: bool = False, overflow_ok: bool = False,
                 exact: bool = False, qr: bool = True, memo: Memo | None = None,
                 give_up_pages: float = theme.HOPELESS_AREA) -> Page:
    """``overflow_ok``: report regions that cannot fit instead of failing (for ``check``);
    ``exact``: keep the bands and columns at the prompt's ratios (within a millimetre);
    ``qr``: draw the QR code of the video's moment in the title banner;
    ``memo``: what an earlier compose of this chapter measured (see Memo);
    ``give_up_pages``: content covering more pages than this at the hard floor fails without a search (fit.negotiate).
    A character no face has is drawn as a placeholder with a warning (an error if ``strict``)."""
    layout = banner_room(layout, banner_height(chapter, layout, qr))  # a new layout when the banner needs room
    notices = list(layout.notices)
    items: list[tuple[str, Content, list[Block]]] = []
    composers = _composers(chapter, layout, notices, items, memo)
    missing = find_uncovered(chapter, layout, items)
    if strict and missing:
        raise missing[0].error()
    notices.extend(u.notice() for u in missing)
    spec_file, spec_line = layout_spec(layout)
    fitted: Fitted | None = None
    try:
        fitted = negotiate(layout, composers, strict, exact, spec_file, spec_line, give_up_pages)
    except FitError as exc:
        if not overflow_ok:
            raise
        notices.append(Notice(exc.file, exc.line, exc.col, exc.message))
    if fitted is not None:  # the page is composed at the rects fitting decided
        layout = fitted.layout
        notices.extend(fitted.notices)
    marks: list[Mark] = []
    fits: dict[str, Fit] = {}
    marks.extend(_title(chapter, layout, qr))
    for band in layout.bands:
        if band.kind == "title":
            continue
        if band.heading_outside:
            marks.extend(_band_heading(band, layout.split.heading_pt, _ink_of(band, composers)))
    for rid, comp in composers.items():
        if fitted is None:
            fits[rid] = comp.fit()
            continue
        size = fitted.sizes[rid]
        # in its final box, with one header size for the sheet
        comp = composers[rid] = replace(comp, region=layout.find(rid), header_pt=header_size(min(size, fitted.body_pt)))
        f = comp.fit_at(size)
        fits[rid] = _tighter(comp, f) if not f.fits else f
    if fitted is not None:
        # a roomy region writes a little larger, but never further above the sheet's smallest region than
        # the one hand's spread
        usual = [f.size for rid, f in fits.items() if fitted.sizes[rid] >= fitted.body_pt]
        ceiling = min(usual, default=fitted.body_pt) + theme.BODY_SPREAD_PT
        for rid, comp in composers.items():
            if fitted.sizes[rid] >= fitted.body_pt and fits[rid].fits:
                fits[rid] = _fuller(comp, fits[rid], ceiling)
    for rid, comp in composers.items():
        marks.extend(comp.place_fitted(fits[rid]))
    banner = layout.bands[0].kind == "title"
    marks.extend(_footer(chapter, with_title=not banner, with_link=not (banner and qr)))
    body = fitted.body_pt if fitted else 0.0
    if fitted is not None:  # a region written tighter than fitting measured sets the sheet's body
        body = min([f.size for rid, f in fits.items() if fitted.sizes[rid] >= fitted.body_pt], default=body)
    return Page(marks, fits, notices, layout, body, fitted.moves if fitted else [], missing)


def _tighter(comp: RegionComposer, f: Fit) -> Fit:
    """A region that fitting measured as fitting but whose final flow in its box does not (a picture that
    just misses a newspaper column's width, a group that just tips over): the largest size within the one
    hand's spread below that holds it, else the flow as it was."""
    size = f.size - theme.BODY_PT_STEP
    while size >= max(theme.BODY_PT_MIN, f.size - theme.BODY_SPREAD_PT) - 1e-9:
        g = comp.fit_at(size)
        if g.fits:
            return g
        size -= theme.BODY_PT_STEP
    return f


def _fuller(comp: RegionComposer, f: Fit, ceiling: float) -> Fit:
    """A region whose content covers less than FILL_MIN of its box at the page's body size writes
    a little larger (up to ``ceiling``: the one hand's spread above the sheet's smallest region), as a
    person fills a roomy box."""
    _, _, _, bh = comp._body(f.size)
    if bh <= 0 or f.height >= theme.FILL_MIN * bh:
        return f
    best = f
    size = f.size + theme.BODY_PT_STEP
    while size <= min(ceiling, theme.BODY_PT_SPARSE_MAX) + 1e-9:
        g = comp.fit_at(size)
        if not g.fits:
            break
        best = g
        _, _, _, bh = comp._body(size)
        if g.height >= theme.FILL_MIN * bh:
            break
        size += theme.BODY_PT_STEP
    return best


def _composers(chapter: Chapter, layout: Layout, notices: list[Notice],
               items: list[tuple[str, Content, list[Block]]] | None = None,
               memo: Memo | None = None) -> dict[str, RegionComposer]:
    """A composer per leaf region; ``items`` (when given) gets each content item with its blocks."""
    out: dict[str, RegionComposer] = {}
    used: set[tuple] = set()
    for k, leaf in enumerate(layout.leaves()):
        content = layout.content.get(leaf.id, [])
        show_header = bool(leaf.title) and not leaf.heading_outside
        key = (leaf.id, leaf.icon, leaf.title, show_header, chapter.emphasis,
               tuple((c.markdown, c.file, c.line) for c in content))
        used.add(key)
        if memo is not None and key in memo.regions:
            blocks, per_item, said, measured = memo.regions[key]
            notices.extend(said)
            if items is not None:
                items.extend((leaf.id, c, bs) for c, bs in zip(content, per_item))
            out[leaf.id] = RegionComposer(leaf, blocks, Ink.nth(k), show_header, _fits=measured)
            continue
        start = len(notices)
        found: list[tuple[Block, str]] = []
        per_item = []
        for item in content:
            item_blocks = _unframe(parse_blocks(item.markdown, item.line, chapter.emphasis, notices, item.file), leaf)
            if items is not None:
                items.append((leaf.id, item, item_blocks))
            per_item.append(item_blocks)
            found.extend((b, item.file) for b in item_blocks)
        blocks = drop_repeats(found, leaf.label or leaf.id, notices)
        out[leaf.id] = RegionComposer(leaf, blocks, Ink.nth(k), show_header)
        if memo is not None:
            memo.regions[key] = (blocks, per_item, notices[start:], out[leaf.id]._fits)
    if memo is not None:  # only what this compose used is kept: the memo never outgrows one sheet
        memo.regions = {k: v for k, v in memo.regions.items() if k in used}
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


def _ink_of(band: Region, composers: dict[str, RegionComposer]) -> Ink:
    leaf = band.leaves()[0]
    return composers[leaf.id].ink if leaf.id in composers else Ink.nth(0)


def layout_file(layout: Layout) -> str:
    return layout_spec(layout)[0]


def layout_spec(layout: Layout) -> tuple[str, int]:
    return layout.source_file, layout.spec_line


# --- title, band headings, footer ------------------------------------------------------


def _qr_quiet(link: str) -> float:
    """The white border of the link's QR code, in mm, when its modules are QR_SIZE wide."""
    return theme.QR_SIZE * theme.QR_QUIET_MODULES / len(qr_modules(link))


def _title_text_height(subtitle: bool) -> float:
    return theme.TITLE_PT_MIN * theme.PT_MM * (theme.BANNER_TITLE_EM + (theme.BANNER_SUB_EM if subtitle else 0.0)) + theme.BANNER_PAD


def banner_height(chapter: Chapter, layout: Layout, qr: bool = True) -> float:
    """The least height of the title band: its title and subtitle at TITLE_PT_MIN and, beside them,
    the QR code at QR_SIZE with its quiet zone and margins (0 for a diagram without a title band)."""
    band = layout.bands[0]
    if band.kind != "title":
        return 0.0
    need = _title_text_height(bool(band.subtitle))
    link = video_link(chapter.meta) if qr else ""
    if link:
        need = max(need, theme.QR_SIZE + 2 * _qr_quiet(link) + 2 * theme.QR_MARGIN)
    return need + theme.GUTTER


def _title(chapter: Chapter, layout: Layout, qr: bool = True) -> list[Mark]:
    """The title banner, when the diagram's first band is one (a diagram that starts with
    boxes has none: the chapter's title then goes in the footer)."""
    band = layout.bands[0]
    if band.kind != "title":
        return []
    x, y, w, h = band.rect
    g = theme.GUTTER / 2
    bx, by, bw, bh = x + g, y + g, w - 2 * g, h - 2 * g
    ink = Ink.nth(2)
    sh = theme.BANNER_SHADOW  # the offset outline under the banner
    out: list[Mark] = [
        StrokeMark(((bx, by), (bx + bw, by), (bx + bw, by + bh), (bx, by + bh)), theme.PEN,
                   theme.BOX_WIDTH_PT * theme.BANNER_LINE_OVER_BOX, closed=True, fill=theme.MARKERS[0],
                   fill_alpha=theme.BANNER_FILL_ALPHA),
        StrokeMark(((bx + sh, by + sh), (bx + bw + sh, by + sh), (bx + bw + sh, by + bh + sh),
                    (bx + sh, by + bh + sh)), theme.PEN, theme.THIN_WIDTH_PT, closed=True, z=1),
    ]
    link = video_link(chapter.meta) if qr else ""
    if link:
        q, quiet = theme.QR_SIZE, _qr_quiet(link)
        out.append(qr_mark(link, bx + bw - theme.QR_MARGIN - quiet - q, by + (bh - q) / 2, q, theme.PEN, quiet))
        bw -= q + 2 * quiet + theme.QR_MARGIN
    title = band.title or chapter.meta.title_kr or chapter.meta.title
    icon = band.icon
    text = title
    if icon and not text.replace("\ufe0f", "").endswith(icon.replace("\ufe0f", "")):
        text = f"{text} {icon}"
    if icon:
        text = f"{icon} {text}"
    sub = band.subtitle
    size = theme.TITLE_PT
    room_h = bh - theme.BANNER_PAD
    while size > theme.TITLE_PT_MIN:
        th = size * theme.PT_MM * (theme.BANNER_TITLE_EM + (theme.BANNER_SUB_EM if sub else 0.0))
        if fonts.width(text, size) <= bw - theme.BANNER_SIDE_ROOM and th <= room_h:
            break
        size -= theme.TITLE_PT_STEP
    sub_size = size * theme.SUBTITLE_OVER_TITLE
    block_h = size * theme.PT_MM * theme.BANNER_TITLE_INK_EM + (
        sub_size * theme.PT_MM * theme.BANNER_SUB_INK_EM if sub else 0)
    top = by + (bh - block_h) / 2
    base = top + size * theme.PT_MM * theme.BANNER_TITLE_BASE_EM
    out.extend(text_marks(bx + bw / 2, base, text, size, theme.PEN, bold=True, ha="center"))
    if sub:
        out.extend(text_marks(bx + bw / 2, base + sub_size * theme.PT_MM * theme.BANNER_SUB_BASE_EM, sub, sub_size,
                              ink.pen, ha="center"))
    return out


def _band_heading(band: Region, size: float, ink: Ink) -> list[Mark]:
    """The band's title written on the paper above its boxes, at the sheet's band-heading size
    (smaller only when it is wider than the page)."""
    from .blocks.text_item import heading_marks

    x, y, w, h = band.rect
    hh = band.heading_h
    while size > theme.HEADER_PT_MIN and fonts.width(f"{band.icon} {band.title}", size) > w - theme.BAND_HEADING_SIDE_ROOM:
        size -= theme.TITLE_PT_STEP
    # the heading's underline (LINE_GAP + 0.1 em below its top) clears the box below it
    top = y + hh - size * theme.PT_MM * (theme.LINE_GAP + theme.HEADING_RULE_BELOW_EM + theme.BAND_HEADING_CLEAR_EM)
    marks, _ = heading_marks(x + theme.GUTTER / 2 + theme.BAND_HEADING_INDENT, top, band.icon, band.title, size, ink,
                             w - theme.GUTTER - 2 * theme.BAND_HEADING_INDENT)
    return marks


def footer_text(chapter: Chapter, with_title: bool = False, with_link: bool = True) -> str:
    """Author, lecture, ``chapter N/M`` and the chapter's moment in the video (the chapter's title
    first when the sheet has no banner; the video's address last when no QR code holds it)."""
    m = chapter.meta
    parts = [p for p in ((m.title_kr or m.title) if with_title else "", m.author, m.lecture) if p]
    if m.chapter is not None:
        parts.append(f"chapter {m.chapter}/{m.total_chapters}" if m.total_chapters else f"chapter {m.chapter}")
    if m.timestamp:
        parts.append(f"video {m.timestamp}")
    link = video_link(m)
    if with_link and link:
        parts.append(link)
    return "  ·  ".join(parts)


def _footer(chapter: Chapter, with_title: bool = False, with_link: bool = True) -> list[Mark]:
    text = footer_text(chapter, with_title, with_link)
    # the baseline sits so that descenders stay above the safe margin
    y = theme.PAGE_H - theme.MARGIN - theme.FOOTER_PT * theme.PT_MM * theme.FOOTER_DESCENT
    return text_marks(theme.MARGIN + theme.FOOTER_INDENT, y, text, theme.FOOTER_PT, theme.PEN_SOFT)


__all__ = ["Page", "compose_page", "header_size"]
