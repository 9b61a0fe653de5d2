"""A box that its content fills little of is spaced out as a hand spaces its ideas: more room between
ideas (never inside one), newspaper columns starting level, the rest by lowering the column towards
the middle; and band headings written at the sheet's header size, their underline clear of the box."""

from __future__ import annotations

from pathlib import Path

from cheatsheet import theme
from cheatsheet.compose.marks import StrokeMark, TextMark
from cheatsheet.compose.region import box_rect
from cheatsheet.layout.place import heading_height
from tests.compose.test_fit import DIAGRAM, bullets, compose, prompt

SPARSE = "- 첫째 생각\n  └─ 첫째의 세부\n- 둘째 생각\n- 셋째 생각\n  └─ 셋째의 세부"


def _texts_in(page, rect) -> list[TextMark]:
    x, y, w, h = rect
    return sorted((m for m in page.marks if isinstance(m, TextMark) and x <= m.x <= x + w and y <= m.y <= y + h),
                  key=lambda m: (m.y, m.x))


def _baselines(page, rid: str, word: str) -> float:
    rect = box_rect(page.layout.find(rid))
    return next(m.y for m in _texts_in(page, rect) if word in m.text)


def test_a_sparse_box_beside_a_dense_one_is_spaced_out_to_fill_it(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, SPARSE, bullets(26), bullets(4)))
    rect = box_rect(page.layout.find("band2.col1"))
    lowest = max(m.y for m in _texts_in(page, rect))
    assert (lowest - rect[1]) / rect[3] >= theme.FILL_MIN
    # the room went between ideas: an item and its sub-item stay one line apart
    pitch = page.fits["band2.col1"].size * theme.PT_MM * theme.LINE_GAP
    first, its_sub = _baselines(page, "band2.col1", "첫째 생각"), _baselines(page, "band2.col1", "첫째의 세부")
    second = _baselines(page, "band2.col1", "둘째 생각")
    assert its_sub - first == pytest_approx(pitch)
    assert second - its_sub > pitch * 1.5
    # ...and each idea got the same room
    third = _baselines(page, "band2.col1", "셋째 생각")
    assert (third - second) - pitch == pytest_approx((second - its_sub) - pitch)


def test_a_full_box_is_not_spaced_out(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, SPARSE, bullets(26), bullets(4)))
    pitch = page.fits["band2.col2"].size * theme.PT_MM * theme.LINE_GAP
    gap = theme.BLOCK_GAP * page.fits["band2.col2"].size * theme.PT_MM
    a, b = _baselines(page, "band2.col2", "내용 3 "), _baselines(page, "band2.col2", "내용 4 ")
    assert b - a <= pitch + gap + 0.01


def test_newspaper_columns_start_level(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, "- a", "- b", bullets(9) + "\n\n**정리:**\n- 하나"))
    fit = page.fits["band3"]
    assert fit.ncols >= 2
    rect = box_rect(page.layout.find("band3"))
    header = next(m.y for m in _texts_in(page, rect) if "BOTTOM" in m.text)
    texts = [m for m in _texts_in(page, rect) if m.y > header + 1.0]
    colw = rect[2] / fit.ncols
    tops = []
    for k in range(fit.ncols):
        col = [m for m in texts if rect[0] + k * colw <= m.x < rect[0] + (k + 1) * colw]
        tops.append(min(m.y for m in col))
    assert max(tops) - min(tops) < 0.5
    # and spaced alike: the same room between items in every column
    pitches = []
    for k in range(fit.ncols):
        ys = sorted({round(m.y, 2) for m in texts if rect[0] + k * colw <= m.x < rect[0] + (k + 1) * colw
                     and "내용" in m.text})
        pitches += [b - a for a, b in zip(ys, ys[1:])]
    assert max(pitches) - min(pitches) < 0.05


def pytest_approx(v: float):
    import pytest

    return pytest.approx(v, abs=0.05)


SEP = "├──────────────────────────────────────────────┤\n"
HEADED = DIAGRAM.replace(SEP + "│ ┌", SEP + "│  ⚡ PIPELINE HEADING                           │\n│ ┌", 1)


ONE_BOX = """┌──────────────────────────────────────────────┐
│  📘 TITLE 📘                                   │
├──────────────────────────────────────────────┤
│  ⚡ PIPELINE HEADING                           │
│ ┌──────────────────────────────────────────┐ │
│ │ 🍎 LEFT                                   │ │
│ └──────────────────────────────────────────┘ │
├──────────────────────────────────────────────┤
│ ┌──────────────────┐ ┌─────────────────────┐ │
│ │ 🍌 RIGHT         │ │ 🌊 BOTTOM           │ │
│ └──────────────────┘ └─────────────────────┘ │
└──────────────────────────────────────────────┘"""


def _headed(tmp_path: Path, left: str, diagram: str = HEADED) -> Path:
    text = ("# Source Text\n---\ntitle: \"T\"\nchapter: 1\n---\n\n# Layout Structure\n\n" + diagram
            + "\n\n# Content Details\n\n## 🍎 LEFT\n\n" + left + "\n\n## 🍌 RIGHT\n\n- 오른쪽"
            + "\n\n## 🌊 BOTTOM\n\n- 아래\n")
    p = tmp_path / "h.md"
    p.write_text(text, encoding="utf-8")
    return p


def _heading_marks(page, band):
    x, y, w, _ = band.rect
    room = band.heading_h
    texts = [m for m in page.marks if isinstance(m, TextMark) and y <= m.y <= y + room and "PIPELINE" in m.text]
    lines = [m for m in page.marks if isinstance(m, StrokeMark) and len(m.points) == 2
             and all(y <= py <= y + room for _, py in m.points)]
    return texts, lines


def test_a_band_heading_is_never_smaller_than_the_headers_under_it(tmp_path: Path) -> None:
    for left in ("- 짧게", bullets(30)):  # a sparse sheet (large headers) and a dense one
        lay, page = compose(_headed(tmp_path, left))
        band = lay.bands[1]
        assert band.heading_outside
        texts, _ = _heading_marks(page, band)
        size = texts[0].size_pt
        assert size == theme.band_heading_pt(page.body_pt) >= theme.header_pt(page.body_pt)
        assert size >= theme.BAND_HEADING_PT
        assert band.heading_h == heading_height(size)


def test_a_band_headings_underline_clears_the_box_below(tmp_path: Path) -> None:
    for left, diagram in (("- 짧게", HEADED), (bullets(30), HEADED), ("- 짧게", ONE_BOX), (bullets(30), ONE_BOX)):
        lay, page = compose(_headed(tmp_path, left, diagram))
        band = lay.bands[1]
        assert band.heading_outside and len(band.children) == (0 if diagram is ONE_BOX else 2)
        _, lines = _heading_marks(page, band)
        assert lines, "the heading is underlined"
        underline = max(py for m in lines for _, py in m.points)
        box_top = min(box_rect(c)[1] for c in band.children or [band])
        assert box_top - underline >= 0.5  # mm: a pen line apart, never on the border
