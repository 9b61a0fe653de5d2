"""The sheet's PNG is its PDF page rasterised: whole pixels at the asked resolution, the same bytes
every time, and the same picture as matplotlib's own drawing of the page (Agg)."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pytest
from PIL import Image, ImageFilter

from cheatsheet.export import figure_for, pdf_bytes, png_bytes, png_from_pdf, png_size
from cheatsheet.raster import PNG_SIGNATURE
from cheatsheet.render import compose, render
from tests.conftest import CHAPTERS

DPI = 100


@pytest.fixture(scope="module")
def ch10() -> tuple[object, bytes]:
    _, page = compose(CHAPTERS / "ch10.yaml")
    fig = figure_for(page.marks, DPI)
    return fig, pdf_bytes(fig)


@pytest.mark.parametrize("dpi", [40, 61, 200])
def test_whole_pixels_at_the_asked_resolution(ch10: tuple[object, bytes], dpi: int) -> None:
    png = png_from_pdf(ch10[1], dpi)
    assert png.startswith(PNG_SIGNATURE)
    im = Image.open(io.BytesIO(png))
    im.load()  # every chunk's checksum and the image data read back
    assert im.size == png_size(dpi) and im.mode == "RGB"
    assert im.info["dpi"] == pytest.approx((dpi, dpi), abs=0.02)  # as pixels per metre


def test_the_same_bytes_every_time(ch10: tuple[object, bytes]) -> None:
    first = png_from_pdf(ch10[1], DPI)
    assert all(png_from_pdf(ch10[1], DPI) == first for _ in range(2))


def test_a_render_gives_its_pdf_rasterised() -> None:
    r = render(CHAPTERS / "ch09.yaml", dpi=40)
    assert r.pdf is not None and r.png == png_from_pdf(r.pdf, 40)


def test_looks_like_matplotlibs_own_drawing(ch10: tuple[object, bytes]) -> None:
    """Pixel for pixel the two differ only at the edges of strokes and letters (anti-aliasing, Agg's
    snapping of straight lines to pixels); blurred over a few pixels they are the same picture, so
    every word is there, in its font, where matplotlib puts it."""
    fig, pdf = ch10
    ours = np.asarray(Image.open(io.BytesIO(png_from_pdf(pdf, DPI))).convert("L").filter(ImageFilter.BoxBlur(2)),
                      dtype=float)
    agg = np.asarray(Image.open(io.BytesIO(png_bytes(fig, DPI))).convert("L").filter(ImageFilter.BoxBlur(2)),
                     dtype=float)
    diff = np.abs(ours - agg)
    # measured on ch10 at 100 dpi: 2.3, 0.08 % and none; with a tenth of the texts left out of Agg's
    # drawing 0.34 % and 0.07 %, with a tenth of them written as boxes 1.9 % and 0.55 %
    assert diff.mean() < 3.0  # mostly the grid's hairlines, which Agg snaps to whole pixels
    assert (diff > 32).mean() < 0.002
    assert (diff > 64).mean() < 0.0002


def test_unfiltered_rows_in_one_image_data_chunk(ch10: tuple[object, bytes]) -> None:
    png = png_from_pdf(ch10[1], 40)
    i = png.index(b"IDAT")
    size = int.from_bytes(png[i - 4:i], "big")
    rows = zlib.decompress(png[i + 4:i + 4 + size])
    w, h = png_size(40)
    assert len(rows) == h * (3 * w + 1)
    assert rows[::3 * w + 1] == bytes(h)  # filter type 0 on every row
