"""A render in a warm process (as ``cheatsheet watch`` makes them) re-uses what it worked out before:
line settings, inline markdown, box drawings, the QR code, wobbly strokes, text sizes and shapes, and
font subsets.  The bytes are the same as on cold caches, and what a caller gets can be changed
without changing what is remembered."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from cheatsheet import pdf_fonts, text_layout, text_metrics
from cheatsheet.boxes import dialects as boxchars
from cheatsheet.compose import qr
from cheatsheet.compose.text import inline, linebreak
from cheatsheet.compose.text.inline import Run, parse_inline
from cheatsheet.compose.text.linebreak import set_lines
from cheatsheet.draw import wobble
from cheatsheet.render import render
from tests.test_check import MINI

DPI = 40


def clear_caches() -> None:
    pdf_fonts.clear_cache()
    text_metrics.clear_cache()
    text_layout.clear_cache()
    for fn in (linebreak._set_lines, inline._parse_inline, boxchars._normalize, qr.qr_modules,
               wobble._wobbly_path, wobble._sketchy_sides):
        fn.cache_clear()


@pytest.fixture
def prompt(tmp_path: Path) -> Path:
    p = tmp_path / "mini.txt"
    p.write_text(MINI, encoding="utf-8")
    return p


def test_a_second_render_is_byte_identical_and_the_same_as_on_cold_caches(prompt: Path) -> None:
    clear_caches()
    cold = render(prompt, dpi=DPI)
    # something was remembered
    assert linebreak._set_lines.cache_info().currsize and pdf_fonts._cache and text_layout._cache
    assert {key[0][0] for key in text_metrics._cache} == {"pdf"}  # the PDF's sizes (the PNG is the PDF rasterised)
    warm = render(prompt, dpi=DPI)
    assert warm.pdf == cold.pdf and warm.png == cold.png
    assert warm.page.marks == cold.page.marks
    clear_caches()
    again = render(prompt, dpi=DPI)
    assert again.pdf == cold.pdf and again.png == cold.png


def test_a_changed_word_renders_as_on_cold_caches(prompt: Path) -> None:
    render(prompt, dpi=DPI)  # warm
    prompt.write_text(MINI.replace("둘째 항목", "둘째 항목은 더 길다"), encoding="utf-8")
    warm = render(prompt, dpi=DPI)
    clear_caches()
    cold = render(prompt, dpi=DPI)
    assert warm.pdf == cold.pdf and warm.png == cold.png


def test_set_lines_gives_new_lines_every_time() -> None:
    runs = [Run("사전학습 다음에 미세조정을 한다 "), Run("SFT", "code"), Run(" 그리고 강화학습", "bold")]
    first = set_lines(runs, 20.0, 9.0)
    assert len(first) > 1
    expected = [(list(ln.pieces), ln.width) for ln in first]
    first[0].pieces.clear()
    first[0].width = -1.0
    first.append(first[0])
    assert [(list(ln.pieces), ln.width) for ln in set_lines(runs, 20.0, 9.0)] == expected


def test_parse_inline_gives_new_lists_every_time() -> None:
    text = "**굵게** 쓰고 `code` 도\n다음 줄"
    first = parse_inline(text)
    expected = [list(line) for line in first]
    first[0].append(Run("덧붙임"))
    first.append([])
    assert parse_inline(text) == expected
    assert parse_inline(text, ("쓰고",)) != expected  # the emphasis phrases are part of what is remembered


def test_normalize_gives_a_new_list_every_time() -> None:
    lines = ["+------+", "| box  |", "+------+"]
    first = boxchars.normalize(lines)
    assert first == ["┌──────┐", "│ box  │", "└──────┘"]
    first[0] = "changed"
    assert boxchars.normalize(tuple(lines))[0] == "┌──────┐"


def test_wobbly_strokes_are_new_arrays_every_time() -> None:
    pts = ((0.0, 0.0), (30.0, 0.0), (30.0, 10.0))
    first = wobble.wobbly_path(pts, True, 1.0, 7)
    expected = first.copy()
    first[:] = 0.0
    assert np.array_equal(wobble.wobbly_path([list(p) for p in pts], True, 1.0, 7), expected)
    sides = wobble.sketchy_sides(pts + ((0.0, 10.0),), 1.0, 7)
    kept = [s.copy() for s in sides]
    sides[0][:] = 0.0
    assert all(np.array_equal(a, b) for a, b in zip(wobble.sketchy_sides(pts + ((0.0, 10.0),), 1.0, 7), kept))


def test_text_sizes_are_kept_only_for_plain_text_in_the_pdf_and_agg_renderers() -> None:
    import matplotlib.text
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.font_manager import FontProperties

    original = matplotlib.text._get_text_metrics_with_cache
    agg = RendererAgg(100, 100, 72)
    prop = FontProperties(family=["DejaVu Sans"], size=10)
    text_metrics.clear_cache()
    with text_metrics.shared_text_metrics() as shared:
        assert shared and matplotlib.text._get_text_metrics_with_cache is not original
        measured = matplotlib.text._get_text_metrics_with_cache(agg, "Hello", prop, False, 72)
        assert measured == original(agg, "Hello", prop, False, 72)
        assert len(text_metrics._cache) == 1
        other = RendererAgg(100, 100, 144)  # another Agg at another dpi: measured, not taken from the first
        assert matplotlib.text._get_text_metrics_with_cache(other, "Hello", prop, False, 144)[0] > measured[0]
        matplotlib.text._get_text_metrics_with_cache(agg, "x^2", prop, True, 72)  # math text: not kept
        assert len(text_metrics._cache) == 2
    assert matplotlib.text._get_text_metrics_with_cache is original
    assert text_metrics._renderer_kind(RendererSVG(100, 100, io.StringIO())) is None


def test_matplotlib_internals_that_differ_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.text

    def other_shape(renderer, text, fontprop, ismath):
        raise AssertionError("never called here")

    monkeypatch.setattr(matplotlib.text, "_get_text_metrics_with_cache", other_shape)
    with text_metrics.shared_text_metrics() as shared:
        assert not shared
        assert matplotlib.text._get_text_metrics_with_cache is other_shape
