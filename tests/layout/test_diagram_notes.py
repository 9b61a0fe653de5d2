"""What authors write inside a diagram for the drawer, not for the page: shares of the page ([8%],
├── 35% ──┤, (좌 40%)), arrow notes (← 핵심! 가장 넓게), position hints; titles over two lines; and the
title band's least height when no ratio is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet import theme
from cheatsheet.boxes import char_widths
from cheatsheet.layout.place import banner_height, usable_rect
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from cheatsheet.sources.titles import hint_percent, split_heading
from tests.layout.prompts import layout_of, texts, write_prompt

X0, Y0, W, H = usable_rect()


def heights(layout) -> list[float]:
    return [round(b.rect[3] / H * 100, 4) for b in layout.bands]


def widths(band) -> list[float]:
    return [round(c.rect[2] / W * 100, 4) for c in band.children]


@pytest.mark.parametrize("heading, want", [
    ("🍌 TITLE  [8%]", ("🍌", "TITLE", "8%")),
    ("📊 데이터 (좌 40%)", ("📊", "데이터", "좌 40%")),
    ("⚡ 핵심 영역   ← 핵심! 가장 넓게", ("⚡", "핵심 영역", "핵심! 가장 넓게")),
    ("⚡ LLM TRAINING PIPELINE (이 섹션이 가장 넓어야 함!)", ("⚡", "LLM TRAINING PIPELINE", "이 섹션이 가장 넓어야 함!")),
    ("📦 Box (40%)", ("📦", "Box", "40%")),
    ("⚡ 토큰화 과정 (핵심!)", ("⚡", "토큰화 과정", "핵심!")),
    ("🎯 Title (top)", ("🎯", "Title", "top")),
    ("🧠 Models (left column, 40%)", ("🧠", "Models", "left column, 40%")),
    ("📌 Summary <- key point", ("📌", "Summary", "key point")),
    ("🍌 NANO BANANA [10%] 🍌", ("🍌", "NANO BANANA 🍌", "10%")),
    # words in parentheses that are part of a title stay
    ("1. 🗺️ Topic Overview (Mind Map)", ("🗺️", "Topic Overview (Mind Map)", "")),
    ("✅ 올바른 사용법 (Best Practices)", ("✅", "올바른 사용법 (Best Practices)", "")),
    ("🎯 KEY TAKEAWAYS (핵심 요약)", ("🎯", "KEY TAKEAWAYS (핵심 요약)", "")),
    ("📈 Growth (Side Effects)", ("📈", "Growth (Side Effects)", "")),
    ("A → B", ("", "A → B", "")),
])
def test_notes_in_a_heading_are_hints(heading: str, want: tuple[str, str, str]) -> None:
    assert split_heading(heading) == want


@pytest.mark.parametrize("hint, pct", [("8%", 8), ("좌 40%", 40), ("~30 %", 30), ("top", None), ("0%", None)])
def test_the_share_a_hint_gives(hint: str, pct: float | None) -> None:
    assert hint_percent(hint) == pct


def test_shares_written_on_band_lines_and_rules_set_the_heights(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────┐
        │  🍌 TITLE  [8%]                           │
        ├──────────────── 35% ─────────────────────┤
        │  📖 FIRST                                 │
        ├──────────────────────────────────────────┤
        │  ⚡ SECOND (57%)                          │
        │  words                                    │
        └──────────────────────────────────────────┘
    """)
    assert heights(layout) == [8, 35, 57]
    assert [b.label for b in layout.bands] == ["🍌 TITLE", "📖 FIRST", "⚡ SECOND"]
    assert not layout.notices


def test_bands_without_a_share_split_what_is_left_by_their_drawn_lines(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────┐
        │  🍌 TITLE  [10%]                          │
        ├──────────────────────────────────────────┤
        │  📖 ONE LINE                              │
        ├──────────────────────────────────────────┤
        │  ⚡ THREE LINES                           │
        │  a                                        │
        │  b                                        │
        └──────────────────────────────────────────┘
    """)
    assert heights(layout) == [10, 22.5, 67.5]


def test_a_ratio_spec_wins_over_shares_in_the_diagram(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────┐
        │  🍌 TITLE  [8%]                           │
        ├──────────────── 35% ─────────────────────┤
        │  📖 FIRST                                 │
        └──────────────────────────────────────────┘
    """, ["상단 (20%)", "하단 (80%)"])
    assert heights(layout) == [20, 80]


def test_shares_that_leave_no_room_warn_and_the_drawing_is_used(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────┐
        │  🍌 TITLE                                 │
        │  second line                              │
        ├──────────────── 98% ─────────────────────┤
        │  📖 FIRST                                 │
        ├──────────────────────────────────────────┤
        │  📖 SECOND                                │
        └──────────────────────────────────────────┘
    """)
    assert heights(layout) == [50, 25, 25]
    (notice,) = layout.notices
    assert "leave no room" in notice.message and "98%" in notice.message


def test_column_shares_in_box_titles(tmp_path: Path) -> None:
    diagram = """
        ┌──────────────────────────────────────────────┐
        │  🍌 TITLE                                     │
        ├──────────────────────────────────────────────┤
        │ ┌────────────────────┐ ┌───────────────────┐ │
        │ │ 📖 왼쪽 (좌 30%)   │ │ 👥 오른쪽 (우 70%) │ │
        │ │ text               │ │ text              │ │
        │ └────────────────────┘ └───────────────────┘ │
        └──────────────────────────────────────────────┘
    """
    layout = layout_of(tmp_path, diagram, ["상단 (20%)", "하단 (80%)"])
    assert widths(layout.bands[1]) == pytest.approx([30, 70])
    assert [c.label for c in layout.bands[1].children] == ["📖 왼쪽", "👥 오른쪽"]
    # a split in the ratio spec wins
    layout = layout_of(tmp_path, diagram, ["상단 (20%)", "하단 (80%): 좌 50% / 우 50%"])
    assert widths(layout.bands[1]) == pytest.approx([50, 50])


def test_notes_inside_boxes_never_reach_the_page(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────────┐
        │  🍌 TITLE                                     │
        ├──────────────────────────────────────────────┤
        │  ⚡ 핵심 파이프라인   ← 핵심! 가장 넓게         │
        │  ┌────────────────────────────────────────┐  │
        │  │ 사전학습 → SFT → RL    ← 가장 중요!      │  │
        │  │ [35%]                                   │  │
        │  │ 결과 ← 입력                             │  │
        │  └────────────────────────────────────────┘  │
        └──────────────────────────────────────────────┘
    """, ["상단 (20%)", "하단 (80%)"])
    band = layout.bands[1]
    assert band.label == "⚡ 핵심 파이프라인" and band.hint == "핵심! 가장 넓게"
    assert texts(band) == ["사전학습 → SFT → RL", "결과 ← 입력"]


def _pad(text: str, cols: int) -> str:
    return text + " " * (cols - sum(char_widths(text)))


def _two_boxes(left: list[str], right: list[str], inner: int = 22) -> str:
    """A title band and a band of two boxes ``inner`` columns wide holding these lines."""
    width = 2 * inner + 7
    out = ["┌" + "─" * width + "┐", "│" + _pad("  🍌 TITLE", width) + "│", "├" + "─" * width + "┤",
           "│ ┌" + "─" * inner + "┐ ┌" + "─" * inner + "┐ │"]
    for a, b in zip(left, right, strict=True):
        out.append("│ │" + _pad(a, inner) + "│ │" + _pad(b, inner) + "│ │")
    out += ["│ └" + "─" * inner + "┘ └" + "─" * inner + "┘ │", "└" + "─" * width + "┘"]
    return "\n".join(out)


@pytest.mark.parametrize("second", ["    설명 테이블", "      설명 테이블"])
def test_a_box_title_over_two_lines_is_one_title(tmp_path: Path, second: str) -> None:
    diagram = _two_boxes([" 📋 Special Token", second, "", " <|im_start|>"],
                         [" 💡 핵심 통찰", ' "라벨러의 시뮬레이션"', "", " ChatGPT ="])
    layout = layout_of(tmp_path, diagram, ["상단 (20%)", "하단 (80%)"])
    left, right = layout.bands[1].children
    assert left.label == "📋 Special Token 설명 테이블"
    assert texts(left) == ["<|im_start|>"]
    # a second line under the icon, not under the title's words, is the box's text
    assert right.label == "💡 핵심 통찰"
    assert texts(right) == ['"라벨러의 시뮬레이션"', "ChatGPT ="]


def test_a_centred_title_over_two_lines(tmp_path: Path) -> None:
    diagram = _two_boxes(["     📋 토큰 ID", "       변환 과정", "", " text"], ["    👥 RIGHT", "", " more", ""])
    left, right = layout_of(tmp_path, diagram, ["상단 (20%)", "하단 (80%)"]).bands[1].children
    assert (left.label, texts(left)) == ("📋 토큰 ID 변환 과정", ["text"])
    assert (right.label, texts(right)) == ("👥 RIGHT", ["more"])


def test_a_first_line_of_text_right_under_a_title_is_no_title(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────────┐
        │  🍌 TITLE                                     │
        ├──────────────────────────────────────────────┤
        │ ┌──────────────────┐ ┌─────────────────────┐ │
        │ │ 📋 라벨링 지침   │ │ 📖 순서             │ │
        │ │    ✓ Helpful     │ │    1. 프롬프트      │ │
        │ │    ✓ Truthful    │ │    2. 응답          │ │
        │ └──────────────────┘ └─────────────────────┘ │
        └──────────────────────────────────────────────┘
    """, ["상단 (20%)", "하단 (80%)"])
    left, right = layout.bands[1].children
    assert (left.label, texts(left)) == ("📋 라벨링 지침", ["✓ Helpful", "✓ Truthful"])
    assert (right.label, texts(right)) == ("📖 순서", ["1. 프롬프트", "2. 응답"])


BANNER_FIRST = """
    ┌──────────────────────────────────────────────┐
    │  🍌 TITLE                                     │
    ├──────────────────────────────────────────────┤
    │  📖 ONE                                       │
    │  a                                            │
    │  b                                            │
    │  c                                            │
    │  d                                            │
    │  e                                            │
    │  f                                            │
    │  g                                            │
    │  h                                            │
    │  i                                            │
    │  j                                            │
    │  k                                            │
    │  l                                            │
    └──────────────────────────────────────────────┘
"""


@pytest.mark.parametrize("qr", [False, True])
def test_with_no_ratios_the_title_band_gets_what_its_banner_needs(tmp_path: Path, qr: bool) -> None:
    """One drawn line of fifteen would give the banner 12.5 mm: too little for a 30 pt title or a QR code."""
    extra = "" if not qr else ""
    path = write_prompt(tmp_path, BANNER_FIRST, extra=extra)
    if qr:
        path.write_text(path.read_text(encoding="utf-8").replace(
            "chapter: 1\n", "chapter: 1\nsource_url: \"https://example.com/v\"\n"), encoding="utf-8")
    layout = lay_out(read_input(path))
    title, body = layout.bands
    need = banner_height(False, qr)
    assert title.rect[3] == pytest.approx(need)
    assert need > H / 15
    assert body.rect[3] == pytest.approx(H - need)
    if qr:
        assert need == pytest.approx(theme.QR_SIZE + theme.QR_PAD + theme.GUTTER)


def test_a_heading_row_holding_only_a_note_writes_no_heading(tmp_path: Path) -> None:
    """'[30%]' alone above a band's boxes is a share of the page, not a heading: no heading room, no underline."""
    diagram = """┌──────────────────────────────────────────────┐
│  📘 TITLE                                      │
├──────────────────────────────────────────────┤
│                                        [60%] │
│ ┌──────────────────┐ ┌─────────────────────┐ │
│ │ 🍎 LEFT          │ │ 🍌 RIGHT            │ │
│ └──────────────────┘ └─────────────────────┘ │
└──────────────────────────────────────────────┘"""
    path = write_prompt(tmp_path, diagram)
    band = lay_out(read_input(path)).bands[1]
    assert not band.heading_outside and band.title == "" and band.percent == 60
