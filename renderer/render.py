"""The pipeline in one place: read -> layout -> compose -> draw -> export."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import theme
from .compose.page import Memo, Page, compose_page
from .errors import Notice
from .export import figure_for, pdf_and_png_bytes, pdf_bytes, png_bytes, svg_bytes, write_files_atomic
from .layout.engine import layout_chapter
from .model import Chapter
from .sources import read_input


@dataclass
class Rendered:
    chapter: Chapter
    page: Page
    pdf: bytes | None
    png: bytes | None
    svg: bytes | None = None

    @property
    def notices(self) -> list[Notice]:
        return self.page.notices


def compose(path: str | Path, strict: bool = False, overflow_ok: bool = False, exact: bool = False,
            qr: bool = True, source: str | Path | None = None, memo: Memo | None = None) -> tuple[Chapter, Page]:
    """``source``: a chapter source file giving the chapter's moment in the video (``--source``);
    ``memo``: what an earlier compose of the chapter in this process measured (``watch``)."""
    chapter = read_input(path, source)
    layout = layout_chapter(chapter)
    return chapter, compose_page(chapter, layout, strict=strict, overflow_ok=overflow_ok, exact=exact, qr=qr,
                                 memo=memo)


def render(path: str | Path, dpi: int = theme.DEFAULT_DPI, pdf: bool = True, png: bool = True,
           strict: bool = False, overflow_ok: bool = False, parallel: bool = False, svg: bool = False,
           exact: bool = False, qr: bool = True, source: str | Path | None = None,
           memo: Memo | None = None) -> Rendered:
    """Everything in memory: nothing is written until every output exists.  ``parallel``: save the
    PNG in a second process while the PDF is saved here (see export.pdf_and_png_bytes)."""
    chapter, page = compose(path, strict, overflow_ok, exact, qr, source, memo)
    fig = figure_for(page.marks, dpi)
    svg_data = svg_bytes(fig) if svg else None
    if pdf and png:
        pdf_data, png_data = pdf_and_png_bytes(fig, dpi, parallel)
        return Rendered(chapter, page, pdf_data, png_data, svg_data)
    return Rendered(chapter, page, pdf_bytes(fig) if pdf else None, png_bytes(fig, dpi) if png else None, svg_data)


OUTPUT_SUFFIXES = (".pdf", ".png", ".svg")


def write_outputs(result: Rendered, out_dir: Path, stem: str) -> list[Path]:
    """``DIR/<stem>.pdf``, ``.png`` (and ``.svg``) together: an interruption or failure leaves them
    all as they were."""
    return write_output_files(result, [out_dir / f"{stem}{ext}" for ext in OUTPUT_SUFFIXES])


def write_output_files(result: Rendered, paths: list[Path]) -> list[Path]:
    """Each of ``paths`` that the result has bytes for (by suffix), written as one atomic step."""
    data = {".pdf": result.pdf, ".png": result.png, ".svg": result.svg}
    files = [(p, data[p.suffix.lower()]) for p in paths if data.get(p.suffix.lower()) is not None]
    write_files_atomic(files)
    return [p for p, _ in files]
