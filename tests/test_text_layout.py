"""The PDF's text shaped once per process: a save inside ``shared_text_layout()`` writes the bytes
matplotlib writes without it, on the first save and on every later one, for every face and size;
only the PDF renderer's own shaping is remembered, and matplotlib's functions are put back."""

from __future__ import annotations

import io

import pytest
from matplotlib import _text_helpers
from matplotlib.backends.backend_pdf import RendererPdf

from cheatsheet import text_layout
from cheatsheet.export import PDF_METADATA, figure_for, pdf_bytes
from cheatsheet.pdf_fonts import fonts_in_name_order, lean_subsets
from cheatsheet.render import compose
from cheatsheet.text_metrics import shared_text_metrics
from tests.conftest import ROOT

# a page with every face of the chains (Nanum Pen, Noto Emoji, DejaVu Sans and Mono, Noto Sans KR, STIX),
# bold text and emoji sequences
PROMPT = ROOT / "tests" / "prompts" / "typography_ko.md"


@pytest.fixture(scope="module")
def figure():
    _, page = compose(PROMPT)
    return figure_for(page.marks, 40)


def _saved(fig, shared: bool) -> bytes:
    buf = io.BytesIO()
    with lean_subsets(), fonts_in_name_order(), shared_text_metrics():
        if shared:
            with text_layout.shared_text_layout() as active:
                assert active
                fig.savefig(buf, format="pdf", metadata=PDF_METADATA)
        else:
            fig.savefig(buf, format="pdf", metadata=PDF_METADATA)
    return buf.getvalue()


def test_the_first_and_every_later_save_write_matplotlibs_own_bytes(figure) -> None:
    theirs = _saved(figure, shared=False)
    text_layout.clear_cache()
    first = _saved(figure, shared=True)
    assert text_layout._cache  # the layouts were kept
    kept = len(text_layout._cache)
    again = _saved(figure, shared=True)
    assert len(text_layout._cache) == kept  # every text found its layout
    assert first == again == theirs
    assert pdf_bytes(figure) == theirs


def test_the_same_string_at_other_sizes_is_shaped_at_each(figure) -> None:
    from matplotlib.figure import Figure

    from cheatsheet import theme

    fig = Figure(figsize=(4, 3))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    for k, size in enumerate((6, 9, 6, 14, 9)):
        ax.text(0.1, 0.1 + 0.15 * k, "사전학습 AVAV WAVE", fontsize=size, family=[theme.HAND, "DejaVu Sans"])
    theirs = _saved(fig, shared=False)
    text_layout.clear_cache()
    assert _saved(fig, shared=True) == theirs
    assert len(text_layout._cache) == 3  # one layout per size


def test_only_the_pdf_renderers_shaping_of_a_text_it_writes_is_kept() -> None:
    from matplotlib.font_manager import FontProperties

    renderer = object.__new__(RendererPdf)  # _get_font_ttf needs no file
    text_layout.clear_cache()
    with text_layout.shared_text_layout():
        font = RendererPdf._get_font_ttf(renderer, FontProperties(family="DejaVu Sans", size=12))
        items = list(_text_helpers.layout("AV", font))  # not draw_text asking: matplotlib's own
        assert [i.glyph_index for i in items] and not text_layout._cache


def test_matplotlibs_functions_are_put_back_after_nested_blocks() -> None:
    layout, font_ttf = _text_helpers.layout, RendererPdf._get_font_ttf
    with text_layout.shared_text_layout():
        with text_layout.shared_text_layout():
            assert _text_helpers.layout is not layout and RendererPdf._get_font_ttf is not font_ttf
        assert _text_helpers.layout is not layout
    assert _text_helpers.layout is layout and RendererPdf._get_font_ttf is font_ttf


def test_matplotlib_internals_that_differ_are_left_alone(monkeypatch: pytest.MonkeyPatch, figure) -> None:
    theirs = _saved(figure, shared=False)
    monkeypatch.setattr(text_layout, "_matplotlib_pdf", lambda: None)
    layout = _text_helpers.layout
    with text_layout.shared_text_layout() as active:
        assert not active
        assert _text_helpers.layout is layout
    assert pdf_bytes(figure) == theirs


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch, figure) -> None:
    monkeypatch.setattr(text_layout, "LAYOUT_CACHE_SIZE", 5)
    text_layout.clear_cache()
    pdf_bytes(figure)
    assert len(text_layout._cache) == 5
    text_layout.clear_cache()
