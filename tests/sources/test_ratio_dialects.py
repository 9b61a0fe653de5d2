"""Ratio specs as authors write them: marks (배치 비율, Layout Ratios, ## Ratios, 비율), bullets in either
order, tables, one line, and column splits in every wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.errors import InputError
from cheatsheet.layout.place import usable_rect
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from cheatsheet.sources.ratios import _columns
from tests.layout.prompts import layout_of
from tests.layout.test_ratio_spec import SPEC_LINE, THREE_BANDS

X0, Y0, W, H = usable_rect()

DRAWN = ([100 * 11 / 38, 100 * 27 / 38], [100 * 7 / 36, 100 * 15 / 36, 100 * 14 / 36])


def heights(layout) -> list[float]:
    return [round(b.rect[3] / H * 100, 6) for b in layout.bands]


def widths(band) -> list[float]:
    return [round(c.rect[2] / W * 100, 6) for c in band.children]


@pytest.mark.parametrize("spec", [
    # bullets under every kind of mark
    "**배치 비율**:\n- 상단 (10%): 타이틀\n- 중앙 (50%): 좌 40% / 우 60%\n- 하단 (40%): 3등분",
    "## 배치 비율\n\n- 타이틀: 10%\n- 중앙: 50% (좌 40 : 우 60)\n- 하단: 40%, 3등분",
    "**Layout Ratios**\n- Title band: 10%\n- Middle: 50% (left 40% / right 60%)\n- Bottom: 40% (3 equal columns)",
    "## Layout\n\n* Title: 10%\n* Middle: 50%, left 40% / right 60%\n* Bottom: 40%, three equal parts",
    "## Ratios\n1. Title 10%\n2. Middle 50% — 40:60\n3. Bottom 40% — 3 equal columns",
    "**비율**\n- 타이틀 10%\n- 중앙 50% (좌 40% / 우 60%)\n- 하단 40% (3등분)",
    # columns in bullets under their band
    "**배치 비율**:\n- 상단 (10%)\n- 중앙 (50%)\n  - 좌 40%\n  - 우 60%\n- 하단 (40%): 3등분",
    # a table, English headers
    "## Layout Ratios\n\n| Band | Share | Columns |\n|---|---|---|\n| Title | 10% | |\n"
    "| Middle | 50% | left 40% / right 60% |\n| Bottom | 40% | 3 equal columns |",
    # one line, on the mark's line or under it
    "**배치 비율**: 타이틀 10% / 중앙 50% (좌 40 : 우 60) / 하단 40% (3등분)",
    "**비율**\n타이틀 10% / 중앙 50% (좌 40 : 우 60) / 하단 40% (3등분)",
    "Layout: title 10%, middle 50% (left 40% / right 60%), bottom 40% (3 equal columns)",
    # one band per line of a paragraph
    "## 배치 비율\n\n타이틀 10%\n중앙 50% 좌 40% / 우 60%\n하단 40% 3등분",
], ids=["bullets", "label-first", "english", "layout-heading", "numbered", "bold-비율", "nested-columns", "table",
        "one-line", "one-line-under", "english-one-line", "lines"])
def test_ratio_dialects(tmp_path: Path, spec: str) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, spec=spec + "\n")
    assert heights(layout) == pytest.approx([10, 50, 40])
    assert widths(layout.bands[1]) == pytest.approx([40, 60])
    assert widths(layout.bands[2]) == pytest.approx([100 / 3] * 3)
    assert not layout.notices


def test_one_line_spec_places(tmp_path: Path) -> None:
    layout_of(tmp_path, THREE_BANDS, spec="**배치 비율**: 타이틀 10% / 중앙 50% / 하단 40%\n")
    spec = read_input(tmp_path / "prompt.md").layout.ratio_spec
    line = "**배치 비율**: 타이틀 10% / 중앙 50% / 하단 40%"
    assert spec.line == SPEC_LINE
    assert [(r.percent, r.line, r.col, r.label) for r in spec.ratios] == [
        (10, SPEC_LINE, line.index("10") + 1, "타이틀"), (50, SPEC_LINE, line.index("50") + 1, "중앙"),
        (40, SPEC_LINE, line.index("40") + 1, "하단")]


def test_a_one_line_percentage_that_is_not_a_number(tmp_path: Path) -> None:
    line = "**배치 비율**: 타이틀 10% / 중앙 반% / 하단 40%"
    with pytest.raises(InputError) as exc:
        layout_of(tmp_path, THREE_BANDS, spec=line + "\n")
    assert (exc.value.line, exc.value.col) == (SPEC_LINE, line.index("반") + 1)
    assert "'반%' is not a number" in exc.value.message


def test_a_layout_heading_over_prose_is_no_ratio_spec(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, spec="## Layout\n\nDraw it neatly, by hand.\n")
    assert read_input(tmp_path / "prompt.md").layout.ratio_spec is None
    assert widths(layout.bands[1]) == pytest.approx(DRAWN[0])


def test_a_band_named_center_is_no_column(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", "중앙 (50%): 좌 30% / 우 70%", "하단 (40%)"])
    assert widths(layout.bands[1]) == pytest.approx([30, 70])


@pytest.mark.parametrize("text, want", [
    ("좌 40% / 우 60%", (40, 60)),
    ("(좌 40 : 우 60)", (40, 60)),
    ("좌 (40%) / 우 (60%)", (40, 60)),
    ("좌측 35% | 우측 65%", (35, 65)),
    ("left 40% / right 60%", (40, 60)),
    ("Left: 25%, Center: 50%, Right: 25%", (25, 50, 25)),
    ("좌 30% / 중앙 40% / 우 30%", (30, 40, 30)),
    ("40:60", (40, 60)),
    ("1 : 1 : 2", (1, 1, 2)),
    ("3등분", (100 / 3,) * 3),
    ("**좌우 2등분**", (50, 50)),
    ("4분할", (25,) * 4),
    ("3 equal columns", (100 / 3,) * 3),
    ("two equal parts", (50, 50)),
    # no split
    ("좌우 분할", ()),
    ("3 columns", ()),
    ("중앙 (45%): 가장 넓게", ()),
    ("1000000000등분", ()),
    ("좌 40%", ()),
])
def test_column_splits(text: str, want: tuple) -> None:
    assert _columns(text) == pytest.approx(want)


def test_a_mark_with_nothing_under_it_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        layout_of(tmp_path, THREE_BANDS, spec="**Layout Ratios**: small title, big body\n")
    assert (exc.value.line, exc.value.col) == (SPEC_LINE, 3)
    assert "no list or table of percentages" in exc.value.message


def test_an_english_prompt(tmp_path: Path) -> None:
    text = """---
title: "5. Tokenization"
chapter: 5
---

# Role Definition
You make cheat sheets.

# Layout Structure

```
╔═══════════════════════════════════════════╗
║  🍌 TOKENIZATION CHEAT SHEET 🍌             ║
╠═══════════════════════════════════════════╣
║  ┌─────────────────┐  ┌─────────────────┐  ║
║  │ 🎯 What         │  │ 🔢 How          │  ║
║  └─────────────────┘  └─────────────────┘  ║
╚═══════════════════════════════════════════╝
```

**Layout Ratios**
- Title band: 15%
- Body: 85% (left 30% / right 70%)

# Content Details

## 🎯 What (top left)
- A token is a chunk of text

## 🔢 How (top right)
1. Start from bytes
2. Merge frequent pairs

# Instructions
- Use a pen-note style
"""
    p = tmp_path / "english.md"
    p.write_text(text, encoding="utf-8")
    chapter = read_input(p)
    assert [(s.icon, s.title, s.hint) for s in chapter.sections] == [
        ("🎯", "What", "top left"), ("🔢", "How", "top right")]
    layout = lay_out(chapter)
    assert heights(layout) == pytest.approx([15, 85])
    assert widths(layout.bands[1]) == pytest.approx([30, 70])
    where = {p.section.title: (p.region_id, p.how) for p in layout.placements}
    assert where == {"What": ("band2.col1", "title"), "How": ("band2.col2", "title")}
