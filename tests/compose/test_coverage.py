"""No tofu, ever: a character no face has is drawn as a red placeholder, with a warning that
names it and where it came from (an error with --strict)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.compose.page import compose_page
from cheatsheet.compose.text import fonts
from cheatsheet.errors import InputError
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input

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
    return compose_page(ch, lay_out(ch))


def test_the_chain_covers_the_seeds_symbols(tmp_path: Path) -> None:
    page = _compose(tmp_path, "끝")
    assert page.fits["band2"].fits
    assert not page.uncovered
    for ch in "가A→↓✓□•✅⛔🧀└─「」『』〈〉《》〜※・…學習ＡＢＣ１２３（）θ∑≈≤×²√∞⇒⟶↔↺ⁿ𝔼⩴⥤":
        assert fonts.check_covered(ch) is None, ch


def test_an_uncovered_character_is_drawn_as_a_placeholder_with_a_warning(tmp_path: Path) -> None:
    from cheatsheet import theme
    from cheatsheet.compose.marks import StrokeMark, TextMark

    page = _compose(tmp_path, "타밀 글자 \u0b95 는 없다")
    (n,) = [n for n in page.notices if n.kind == "uncovered"]
    assert (n.file, n.line, n.col) == (str(tmp_path / "p.md"), 25, 9)
    assert "'\u0b95'" in n.message and "U+0B95" in n.message and "placeholder" in n.message
    assert str(n).startswith(f"{tmp_path / 'p.md'}:25:9: warning: ")
    (u,) = page.uncovered
    assert (u.char, u.region) == ("\u0b95", "band2")
    assert not any("\u0b95" in m.text for m in page.marks if isinstance(m, TextMark))
    red = [m for m in page.marks if isinstance(m, StrokeMark) and m.color == theme.PLACEHOLDER_INK]
    assert len(red) == 2  # a box and its diagonal
    assert page.fits["band2"].fits


def test_strict_makes_an_uncovered_character_an_error(tmp_path: Path) -> None:
    p = tmp_path / "p.md"
    p.write_text(PROMPT.replace("{extra}", "없는 글자 \ue000 하나"), encoding="utf-8")
    ch = read_input(p)
    with pytest.raises(InputError) as err:
        compose_page(ch, lay_out(ch), strict=True)
    e = err.value
    assert "U+E000" in e.message and "--strict" in e.message
    assert (e.line, e.col) == (25, 9)
    assert "replace it" in e.hint


def test_an_uncovered_character_in_a_box_title_is_placed_in_the_diagram(tmp_path: Path) -> None:
    p = tmp_path / "p.md"
    p.write_text(PROMPT.replace("{extra}", "끝").replace("│ │ 💡 BOX                    │ │",
                                                      "│ │ 💡 BOX \u0b95                  │ │"), encoding="utf-8")
    ch = read_input(p)
    page = compose_page(ch, lay_out(ch))
    (u,) = page.uncovered
    assert (u.line, u.col, u.where) == (12, 11, "title")


def test_a_diagram_without_a_title_band_gets_no_banner(tmp_path: Path) -> None:
    from cheatsheet.compose.marks import TextMark

    p = tmp_path / "n.md"
    p.write_text(
        "# Source Text\n---\ntitle: \"3. 무제\"\nchapter: 3\n---\n\n# Layout Structure\n\n"
        "┌──────────────────────────┐\n│ ┌──────────┐ ┌─────────┐ │\n│ │ 📘 왼쪽    │ │ 📗 오른쪽 │ │\n"
        "│ │ 하나       │ │ 둘       │ │\n│ └──────────┘ └─────────┘ │\n└──────────────────────────┘\n",
        encoding="utf-8",
    )
    ch = read_input(p)
    lay = lay_out(ch)
    assert lay.bands[0].kind == "band"
    page = compose_page(ch, lay)
    texts = [m.text for m in page.marks if isinstance(m, TextMark)]
    assert any("3. 무제" in t for t in texts)  # in the footer
    assert all(f.fits for f in page.fits.values())
