"""The lean font subsets of the PDF: every glyph drawn is embedded as it is in its font, the text
stays extractable, the page looks the same as with matplotlib's own subsets, and the subsets made
once per process are the same bytes every time."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from cheatsheet import pdf_fonts
from cheatsheet.compose.text.fonts import vendored_font_files
from cheatsheet.export import PDF_METADATA, figure_for, pdf_bytes, png_size
from cheatsheet.pdf_fonts import LAYOUT_TABLES, fonts_in_name_order, lean_subsets, subset_font
from cheatsheet.raster import pdf_page_png
from cheatsheet.render import compose
from tests.conftest import ROOT

# a page with every face of the chains: Nanum Pen, Noto Emoji, DejaVu Sans and Mono, Noto Sans KR, STIX
PROMPT = ROOT / "tests" / "prompts" / "typography_ko.md"
RASTER_DPI = 40


@pytest.fixture(scope="module")
def figure():
    _, page = compose(PROMPT)
    return figure_for(page.marks, RASTER_DPI)


@pytest.fixture(scope="module")
def lean_pdf(figure) -> bytes:
    pdf_fonts.clear_cache()
    return pdf_bytes(figure)


@pytest.fixture(scope="module")
def matplotlib_pdf(figure) -> bytes:
    """The same page with matplotlib's own subsets (its fonts in the order pdf_bytes writes them)."""
    buf = io.BytesIO()
    with fonts_in_name_order():
        figure.savefig(buf, format="pdf", metadata=PDF_METADATA)
    return buf.getvalue()


def _font_files() -> dict[str, Path]:
    """PostScript name -> file, for the vendored faces and matplotlib's bundled ones."""
    import matplotlib

    files = list(vendored_font_files()) + sorted((Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("*.ttf"))
    out: dict[str, Path] = {}
    for f in files:
        with TTFont(f, lazy=True) as font:
            out.setdefault(font["name"].getDebugName(6), f)
    return out


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """CID -> text, from the bfrange lines matplotlib writes (``<start> <end> [<hex> ...]``)."""
    out: dict[int, str] = {}
    for start, _end, values in re.findall(rb"<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]", cmap):
        for k, hexstr in enumerate(re.findall(rb"<([0-9a-f]*)>", values)):
            out[int(start, 16) + k] = bytes.fromhex(hexstr.decode()).decode("utf-16-be")
    return out


def _outline(font: TTFont, gid: int) -> tuple:
    glyf = font["glyf"]
    name = font.getGlyphOrder()[gid]
    coords, ends, flags = glyf[name].getCoordinates(glyf)
    return list(coords), list(ends), [f & 1 for f in flags], font["hmtx"][name][0]


def _embedded_fonts(pdf: bytes) -> list[tuple[str, bytes, bytes, bytes]]:
    """(PostScript name, font file, CIDToGIDMap, ToUnicode) of every font of the page."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    out = []
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        assert font["/Subtype"] == "/Type0"
        cid = font["/DescendantFonts"][0].get_object()
        name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[1]
        out.append((name, cid["/FontDescriptor"]["/FontFile2"].get_data(), cid["/CIDToGIDMap"].get_data(),
                    font["/ToUnicode"].get_data()))
    return out


def test_every_glyph_drawn_is_embedded_as_it_is_in_its_font(lean_pdf: bytes) -> None:
    files = _font_files()
    embedded = _embedded_fonts(lean_pdf)
    assert {"NanumPen-Regular", "NotoEmoji-Regular", "DejaVuSans", "DejaVuSansMono",
            "NotoSansKR-Regular"} <= {name for name, *_ in embedded}
    checked = 0
    for name, data, cid_to_gid, to_unicode in embedded:
        sub = TTFont(io.BytesIO(data))
        assert not set(LAYOUT_TABLES) & set(sub.keys())  # no layout tables
        with TTFont(files[name]) as src:
            cmap = src.getBestCmap()
            for cid, text in _to_unicode(to_unicode).items():
                if len(text) != 1 or ord(text) not in cmap:
                    continue  # a shaped sequence (an emoji with a variation selector): no one glyph to compare
                gid = int.from_bytes(cid_to_gid[2 * cid: 2 * cid + 2], "big")
                assert gid, f"{name}: {text!r} has no glyph in the subset"
                assert _outline(sub, gid) == _outline(src, src.getGlyphID(cmap[ord(text)])), (name, text)
                checked += 1
    assert checked > 100


def test_the_text_stays_extractable(lean_pdf: bytes, matplotlib_pdf: bytes) -> None:
    lean = PdfReader(io.BytesIO(lean_pdf)).pages[0].extract_text()
    theirs = PdfReader(io.BytesIO(matplotlib_pdf)).pages[0].extract_text()
    assert lean == theirs
    for words in ("모든 글자", "學習 (학습)", "θ, α, λ, σ", "👨‍💻 개발자"):  # Hangul, Hanja, maths, an emoji sequence
        assert words in lean


def test_smaller_than_matplotlibs_subsets(lean_pdf: bytes, matplotlib_pdf: bytes) -> None:
    assert len(lean_pdf) < len(matplotlib_pdf)


def test_the_page_looks_the_same_as_with_matplotlibs_subsets(lean_pdf: bytes, matplotlib_pdf: bytes) -> None:
    """Both PDFs rasterised by PDFium, as the PNG is made: the same pixels."""
    size = png_size(100)
    assert pdf_page_png(lean_pdf, size, 100, 1) == pdf_page_png(matplotlib_pdf, size, 100, 1)


def test_a_subset_is_made_once_and_is_the_same_bytes_when_made_again() -> None:
    font = next(f for f in vendored_font_files() if "Nanum" in f.name)
    with TTFont(font, lazy=True) as src:
        cmap = src.getBestCmap()
        gids = {src.getGlyphID(cmap[ord(c)]) for c in "사전학습 abc"}
    pdf_fonts.clear_cache()
    first = subset_font(font, gids)
    assert subset_font(font, sorted(gids)) is first  # the same glyph set, in any order: remembered
    assert {g for g, _ in first.glyph_index_map} >= gids
    pdf_fonts.clear_cache()
    assert subset_font(font, gids) == first  # made again: the same bytes


@pytest.mark.parametrize("face", ["Nanum", "NotoSansKR"])
def test_a_faces_glyph_names_are_made_once_and_change_no_subset(face: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On fontTools' way (a face truetype does not cut): a second glyph set of a face reuses the glyph
    names the first one made, and gets the bytes a process that never subset the face makes."""
    monkeypatch.setattr(pdf_fonts, "_face", lambda path, face_index: None)
    font = next(f for f in vendored_font_files() if face in f.name)
    with TTFont(font, lazy=True) as src:
        cmap = src.getBestCmap()
        first_set = {src.getGlyphID(cmap[ord(c)]) for c in "사전학습 abc"}
        second_set = {src.getGlyphID(cmap[ord(c)]) for c in "후속학습 데이터 xyz"}
    pdf_fonts.clear_cache()
    pdf_fonts._glyph_orders.clear()
    fresh = subset_font(font, second_set)
    pdf_fonts.clear_cache()
    pdf_fonts._glyph_orders.clear()
    subset_font(font, first_set)
    assert len(pdf_fonts._glyph_orders) == 1
    pdf_fonts.clear_cache()  # the subsets go; the names stay
    assert len(pdf_fonts._glyph_orders) == 1
    assert subset_font(font, second_set) == fresh
    pdf_fonts.clear_cache()


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_fonts, "SUBSET_CACHE_SIZE", 2)
    pdf_fonts.clear_cache()
    font = next(f for f in vendored_font_files() if "Emoji" in f.name)
    for gid in (1, 2, 3, 4):
        subset_font(font, {gid})
    assert len(pdf_fonts._cache) == 2
    pdf_fonts.clear_cache()


def test_matplotlib_gets_a_real_font_that_saves_as_the_subset() -> None:
    from matplotlib.backends import _backend_pdf_ps
    from matplotlib.font_manager import FontPath

    font = next(f for f in vendored_font_files() if "Emoji" in f.name)
    with lean_subsets() as lean:
        assert lean
        with _backend_pdf_ps.get_glyphs_subset(FontPath(str(font), 0), {5, 9}) as result:
            saved = _backend_pdf_ps.font_as_file(result.font).getvalue()
            assert set(result.glyph_index_map) >= {5, 9}
    assert saved == subset_font(font, {5, 9}).data


def test_matplotlibs_own_subsetter_is_put_back() -> None:
    from matplotlib.backends import _backend_pdf_ps

    original = _backend_pdf_ps.get_glyphs_subset
    with lean_subsets():
        with lean_subsets():  # nested saves
            assert _backend_pdf_ps.get_glyphs_subset is not original
        assert _backend_pdf_ps.get_glyphs_subset is not original
    assert _backend_pdf_ps.get_glyphs_subset is original


def test_matplotlib_internals_that_differ_keep_its_own_subsetter(monkeypatch: pytest.MonkeyPatch, figure,
                                                                 matplotlib_pdf: bytes) -> None:
    from matplotlib.backends import _backend_pdf_ps

    original = _backend_pdf_ps.get_glyphs_subset

    def other_shape(fontfile, glyphs, options=None):
        return original(fontfile, glyphs)

    monkeypatch.setattr(_backend_pdf_ps, "get_glyphs_subset", other_shape)
    with lean_subsets() as lean:
        assert not lean
        assert _backend_pdf_ps.get_glyphs_subset is other_shape
    assert pdf_bytes(figure) == matplotlib_pdf


def test_a_font_the_lean_way_cannot_subset_is_subset_by_matplotlib(monkeypatch: pytest.MonkeyPatch, figure,
                                                                   matplotlib_pdf: bytes) -> None:
    def fails(*args, **kwargs):
        raise ValueError("cannot subset")

    monkeypatch.setattr(pdf_fonts, "subset_font", fails)
    assert pdf_bytes(figure) == matplotlib_pdf


def test_the_pdf_is_the_same_bytes_wherever_the_fonts_lie(tmp_path: Path) -> None:
    """The checkout's fonts copied to a folder whose path sorts on the other side of matplotlib's own
    fonts (before them when the checkout's sort after, and the reverse): the same PDF, byte for byte.
    (A copy, not a link: matplotlib finds fonts by their real paths.)"""

    import matplotlib

    from cheatsheet import theme
    from cheatsheet.render import render
    from tests.conftest import CHAPTERS

    mpl_fonts = str(Path(matplotlib.get_data_path()) / "fonts")
    here_first = str(theme.FONT_DIR) < mpl_fonts
    moved = tmp_path / "fonts"
    if (str(moved) < mpl_fonts) == here_first:
        # beside matplotlib's data: "0" sorts before its folder names and "~" after them
        moved = Path(matplotlib.get_data_path()).parent / ("~fonts-test" if here_first else "0-fonts-test")
    assert (str(moved) < mpl_fonts) != here_first
    shutil.copytree(theme.FONT_DIR, moved, dirs_exist_ok=True)
    try:
        out = tmp_path / "out"
        p = subprocess.run([sys.executable, "-c",
                            "import sys, pathlib, cheatsheet.theme as t; t.FONT_DIR = pathlib.Path(sys.argv[1]); "
                            "from cheatsheet.cli import main; sys.exit(main(sys.argv[2:]))",
                            str(moved), "render", str(CHAPTERS / "ch10.yaml"), "-o", str(out), "--dpi", "40",
                            "--pdf-only"], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stderr
        assert (out / "ch10.pdf").read_bytes() == render(CHAPTERS / "ch10.yaml", dpi=40).pdf
    finally:
        shutil.rmtree(moved)


def test_a_plain_truetype_face_is_cut_from_its_tables_and_any_other_by_fonttools(monkeypatch: pytest.MonkeyPatch) -> None:
    from cheatsheet import truetype

    font = next(f for f in vendored_font_files() if "Nanum" in f.name)
    gids = frozenset({5, 9, 300})
    pdf_fonts.clear_cache()
    cut = subset_font(font, gids)
    face = truetype.read_face(font)
    assert cut.data == truetype.subset(face, gids)[0]

    def unsupported(path):
        raise truetype.Unsupported("a face of another kind")

    monkeypatch.setattr(truetype, "_faces", {})
    monkeypatch.setattr(truetype, "read_face", unsupported)
    pdf_fonts.clear_cache()
    other = subset_font(font, gids)
    assert other.data == pdf_fonts._fonttools_subset(str(font), 0, gids).data != cut.data
    assert other.glyph_index_map == cut.glyph_index_map  # the same numbering either way
    pdf_fonts.clear_cache()


SUBSETTER_UNUSED = """
import sys
from cheatsheet.render import render
from cheatsheet.export import figure_for, pdf_bytes
result = render(sys.argv[1], dpi=40, png=False)
assert result.pdf.startswith(b"%PDF")
print("loaded after a render:", "fontTools.subset.cff" in sys.modules)
from cheatsheet import pdf_fonts
from cheatsheet.compose.text.fonts import vendored_font_files
font = [f for f in vendored_font_files() if "Nanum" in f.name][0]
made = pdf_fonts._fonttools_subset(str(font), 0, frozenset({5, 9}))  # the face another kind would take
print("fallback works:", len(made.data) > 0, "fontTools.subset.cff" in sys.modules)
"""


def test_a_pdf_is_written_without_running_fonttools_subsetter_which_still_works_when_asked() -> None:
    """matplotlib's PDF backend imports fontTools.subset; pdf_fonts.defer_subsetter makes that
    import lazy, so a process that writes PDFs of the vendored faces never runs it."""
    from tests.conftest import CHAPTERS

    p = subprocess.run([sys.executable, "-c", SUBSETTER_UNUSED, str(CHAPTERS / "ch09.yaml")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines() == ["loaded after a render: False", "fallback works: True True"]
