"""No tofu, ever: a character no face has fails the render, naming it and where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer.compose import fonts
from renderer.compose.page import compose_page
from renderer.errors import InputError
from renderer.layout.engine import layout_chapter
from renderer.sources import read_input

PROMPT = """# Source Text
---
title: "T"
---

# Layout Structure

┌──────────────────────────────┐
│  📘 TITLE 📘                   │
├──────────────────────────────┤
│ ┌──────────────────────────┐ │
│ │ 💡 BOX                    │ │
│ └──────────────────────────┘ │
└──────────────────────────────┘

**배치 비율**:
- 상단 (20%): 타이틀
- 하단 (80%): 박스

# Content Details

## 💡 BOX

- 한글과 English 그리고 → ↓ ✓ □ • ✅ ⛔ 🧀
- {extra}
"""


def _compose(tmp_path: Path, extra: str):
    p = tmp_path / "p.md"
    p.write_text(PROMPT.replace("{extra}", extra), encoding="utf-8")
    ch = read_input(p)
    return compose_page(ch, layout_chapter(ch))


def test_the_chain_covers_the_seeds_symbols(tmp_path: Path) -> None:
    page = _compose(tmp_path, "끝")
    assert page.fits["band2"].fits
    for ch in "가A→↓✓□•✅⛔🧀└─":
        assert fonts.check_covered(ch) is None, ch


def test_an_uncovered_character_names_itself_and_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        _compose(tmp_path, "漢字는 없다")
    e = err.value
    assert "'漢'" in e.message and "U+6F22" in e.message and "BOX" in e.message
    assert e.line == 25
    assert "replace it" in e.hint


def test_a_diagram_without_a_title_band_gets_no_banner(tmp_path: Path) -> None:
    from renderer.compose.marks import TextMark

    p = tmp_path / "n.md"
    p.write_text(
        "# Source Text\n---\ntitle: \"3. 무제\"\nchapter: 3\n---\n\n# Layout Structure\n\n"
        "┌──────────────────────────┐\n│ ┌──────────┐ ┌─────────┐ │\n│ │ 📘 왼쪽    │ │ 📗 오른쪽 │ │\n"
        "│ │ 하나       │ │ 둘       │ │\n│ └──────────┘ └─────────┘ │\n└──────────────────────────┘\n",
        encoding="utf-8",
    )
    ch = read_input(p)
    lay = layout_chapter(ch)
    assert lay.bands[0].kind == "band"
    page = compose_page(ch, lay)
    texts = [m.text for m in page.marks if isinstance(m, TextMark)]
    assert any("3. 무제" in t for t in texts)  # in the footer
    assert all(f.fits for f in page.fits.values())
