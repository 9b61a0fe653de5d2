"""The pipeline in one place: read -> layout -> compose -> draw -> export."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import theme
from .compose.overflow import compose_sheet
from .compose.page import Memo, Page, compose_page
from .drawing_process import Drawer
from .errors import Notice
from .export import OUTPUT_SUFFIXES, joined_pdf, page_files, write_files_atomic
from .layout.engine import Layout, layout_chapter
from .model import Chapter
from .plan import plan_sheet
from .sources import read_input


@dataclass
class Rendered:
    chapter: Chapter
    page: Page
    pdf: bytes | None  # every page of the sheet
    png: bytes | None  # its first page
    svg: bytes | None = None
    more_png: list[bytes] = field(default_factory=list)  # the pages after the first, when it has more
    more_svg: list[bytes] = field(default_factory=list)

    @property
    def notices(self) -> list[Notice]:
        return [n for p in self.page.pages() for n in p.notices]


def lay_out(chapter: Chapter) -> Layout:
    """The chapter's layout with the plan's content in its boxes."""
    return plan_sheet(chapter, layout_chapter(chapter))


def compose(path: str | Path, strict: bool = False, overflow_ok: bool = False, exact: bool = False,
            qr: bool = True, source: str | Path | None = None, memo: Memo | None = None,
            one_page: bool = False) -> tuple[Chapter, Page]:
    """``source``: a chapter source file giving the chapter's moment in the video (``--source``);
    ``memo``: what an earlier compose of the chapter in this process measured (``watch``);
    ``one_page``: content the page cannot hold is an error instead of a second page."""
    chapter = read_input(path, source)
    layout = lay_out(chapter)
    if overflow_ok:
        return chapter, compose_page(chapter, layout, strict=strict, overflow_ok=True, exact=exact, qr=qr,
                                     memo=memo)
    return chapter, compose_sheet(chapter, layout, strict=strict, exact=exact, qr=qr, memo=memo, one_page=one_page)


def render(path: str | Path, dpi: int = theme.DEFAULT_DPI, pdf: bool = True, png: bool = True,
           strict: bool = False, overflow_ok: bool = False, svg: bool = False,
           exact: bool = False, qr: bool = True, source: str | Path | None = None,
           memo: Memo | None = None, one_page: bool = False, drawer: Drawer | None = None) -> Rendered:
    """Everything in memory: nothing is written until every output exists.  Each page is drawn
    once, to PDF; its PNG is that PDF page rasterised (export.page_files), so a PNG asked for
    alone is made the same way and has the same bytes.  ``drawer``: a drawing process that got
    ready while this one composed (drawing_process); the pages are drawn here when it has none to
    give.  No garbage collection in the middle (collections_held)."""
    with collections_held():
        chapter, page = compose(path, strict, overflow_ok, exact, qr, source, memo, one_page)
        pages = [p.marks for p in page.pages()]
        drawn = drawer.draw(pages, dpi, pdf, png, svg) if drawer is not None else None
        pdfs, pngs, svgs = drawn if drawn is not None else page_files(pages, dpi, pdf, png, svg)
        return Rendered(chapter, page, joined_pdf(pdfs) if pdf else None, pngs[0] if pngs else None,
                        svgs[0] if svgs else None, pngs[1:], svgs[1:])


@contextmanager
def collections_held() -> Iterator[None]:
    """No garbage collection inside the block: a render makes many short-lived objects, and in a
    warm process (imports, fonts and caches all tracked) a full collection costs about a tenth of a
    second.  The collector runs as before afterwards; watch and the build's workers collect
    between renders."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def page_path(path: Path, number: int) -> Path:
    """Where page ``number`` (1-based) of a sheet's PNG or SVG goes: ``ch10.png``, ``ch10-2.png``, …"""
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def write_outputs(result: Rendered, out_dir: Path, stem: str) -> list[Path]:
    """``DIR/<stem>.pdf``, ``.png`` (and ``.svg``) together: an interruption or failure leaves them
    all as they were."""
    return write_output_files(result, [out_dir / f"{stem}{ext}" for ext in OUTPUT_SUFFIXES])


def write_output_files(result: Rendered, paths: list[Path]) -> list[Path]:
    """Each of ``paths`` that the result has bytes for (by suffix), written as one atomic step, with
    the PNG and SVG of every page after the first beside them (``NAME-2.png``); such a page file left
    by an earlier render of a longer sheet is removed."""
    data = {".pdf": result.pdf, ".png": result.png, ".svg": result.svg}
    more = {".png": result.more_png, ".svg": result.more_svg}
    files = [(p, data[p.suffix.lower()]) for p in paths if data.get(p.suffix.lower()) is not None]
    for p, _ in list(files):
        for k, extra in enumerate(more.get(p.suffix.lower(), []), 2):
            files.append((page_path(p, k), extra))
    write_files_atomic(files)  # type: ignore[arg-type]
    for p, _ in [f for f in files if f[0].suffix.lower() in more and f[0] in paths]:
        k = len(more[p.suffix.lower()]) + 2
        while page_path(p, k).exists():
            page_path(p, k).unlink()
            k += 1
    return [p for p, _ in files]
