"""Auto-fit: the largest size that fits, newspaper columns, bands grown (with a warning) only
when a region cannot fit at 7 pt, and a clear error when the page cannot hold the content."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.compose.page import compose_page
from renderer.compose.region import SIZES
from renderer.errors import FitError
from renderer.layout.engine import layout_chapter
from renderer.sources import read_input

DIAGRAM = """┌──────────────────────────────────────────────┐
│  📘 TITLE 📘                                   │
├──────────────────────────────────────────────┤
│ ┌──────────────────┐ ┌─────────────────────┐ │
│ │ 🍎 LEFT          │ │ 🍌 RIGHT            │ │
│ └──────────────────┘ └─────────────────────┘ │
├──────────────────────────────────────────────┤
│ ┌──────────────────────────────────────────┐ │
│ │ 🌊 BOTTOM                                 │ │
│ └──────────────────────────────────────────┘ │
└──────────────────────────────────────────────┘"""


def prompt(tmp_path: Path, left: str, right: str, bottom: str, ratios=(10, 45, 45)) -> Path:
    text = (
        "# Source Text\n---\ntitle: \"T\"\nchapter: 1\n---\n\n# Layout Structure\n\n" + DIAGRAM
        + "\n\n**배치 비율**:\n" + "".join(f"- 밴드 ({r}%): x\n" for r in ratios)
        + "\n# Content Details\n\n## 🍎 LEFT\n\n" + left + "\n\n## 🍌 RIGHT\n\n" + right
        + "\n\n## 🌊 BOTTOM\n\n" + bottom + "\n"
    )
    p = tmp_path / "p.md"
    p.write_text(text, encoding="utf-8")
    return p


def compose(path: Path, strict: bool = False):
    ch = read_input(path)
    lay = layout_chapter(ch)
    return lay, compose_page(ch, lay, strict=strict)


def bullets(n: int, word: str = "내용") -> str:
    return "\n".join(f"- {word} {k} 설명이 조금 긴 항목입니다 Pre-training SFT" for k in range(n))


def test_little_content_gets_the_largest_size(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, "- 하나", "- 둘", "- 셋"))
    assert all(f.size == SIZES[0] for f in page.fits.values())


def test_the_size_is_the_largest_that_fits(tmp_path: Path) -> None:
    lay, page = compose(prompt(tmp_path, bullets(14), "- 둘", "- 셋"))
    comp_fit = page.fits["band2.col1"]
    assert 7.0 <= comp_fit.size < SIZES[0]
    from renderer.compose.page import _composers

    ch = read_input(tmp_path / "p.md")
    comp = _composers(ch, lay, [])["band2.col1"]
    k = SIZES.index(comp_fit.size)
    bigger = SIZES[k - 1]
    _, _, w, h = comp._body(bigger)
    assert not any(comp.flow(bigger, n, w, h).fits for n in range(1, comp.max_cols(w) + 1))


def test_wide_regions_flow_into_columns(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, "- a", "- b", bullets(24)))
    assert page.fits["band3"].ncols >= 2


def test_a_neighbouring_column_gives_room_first(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, bullets(40), "- 둘", "- 셋", ratios=(10, 30, 60)))
    assert [n.message for n in page.notices] == ['band 2: columns widened so that "🍎 LEFT" fits']
    assert all(f.fits for f in page.fits.values())


def test_a_band_grows_with_a_warning_and_strict_refuses(tmp_path: Path) -> None:
    p = prompt(tmp_path, bullets(40), bullets(40), "- 셋", ratios=(10, 30, 60))
    lay, page = compose(p)
    msgs = [n.message for n in page.notices]
    assert any(m.startswith("band 2: 30% -> ") and "LEFT" in m for m in msgs), msgs
    assert all(f.fits for f in page.fits.values())
    with pytest.raises(FitError) as err:
        compose(p, strict=True)
    assert "--strict" in err.value.message


def test_a_page_that_cannot_hold_the_content_names_the_sections(tmp_path: Path) -> None:
    with pytest.raises(FitError) as err:
        compose(prompt(tmp_path, bullets(200), bullets(200), bullets(300)))
    msg = err.value.message
    assert "7 pt" in msg and "mm" in msg and "LEFT" in msg
