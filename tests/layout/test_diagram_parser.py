"""The diagram parser and layout engine on small hand-typed diagrams: drift, wide characters,
columns, rows, band headings, the title band and nested boxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.boxes import char_widths
from cheatsheet.layout.diagram import parse_diagram
from cheatsheet.layout.place import heading_height, usable_rect
from tests.layout.prompts import FIRST_LINE, layout_of, source, texts, tree

X0, Y0, W, H = usable_rect()

DRIFT = """
┌──────────────────────────────────────────┐
│ 🍌 DRIFT 🍌                               │
├──────────────────────────────────────────┤
│ ┌─────────────────┐ ┌──────────────────┐ │
│ │ 📖 LEFT BOX     │ │ 👥 RIGHT BOX     │ │
│ │ one              │ │ two              │ │
│ │ three             │ │ four              │  │
│ │ five            │ │ six            │   │
│ │ seven           │ │ eight            │
│ │ nine              ten                │ │
│ │ eleven          │ │ twelve
│ └─────────────────┘ └──────────────────┘ │
└──────────────────────────────────────────┘
"""


def test_right_borders_drifting_from_line_to_line(tmp_path: Path) -> None:
    """Borders 1-3 columns off, a frame border missing, a box border missing: every word stays in its box."""
    layout = layout_of(tmp_path, DRIFT, ["상단 (20%): 타이틀", "하단 (80%): 좌우"])
    assert tree(layout) == [
        ("band1", "title", "🍌 DRIFT 🍌"),
        ("band2", "band", ""),
        ("band2.col1", "column", "📖 LEFT BOX"),
        ("band2.col2", "column", "👥 RIGHT BOX"),
    ]
    left, right = layout.bands[1].children
    assert texts(left) == ["one", "three", "five", "seven", "nine", "eleven"]
    assert texts(right) == ["two", "four", "six", "eight", "ten", "twelve"]
    for region in (left, right):
        assert not any(c in "│┤├" for r in region.rows for c in r.text)


def test_a_line_lacking_its_right_borders_keeps_its_text(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────┐
        │ TITLE                        │
        ├──────────────────────────────┤
        │ 📊 BAND                      │
        │ text without a border
        │ text with one                │
        └──────────────────────────────┘
    """, ["상단 (20%)", "하단 (80%)"])
    band = layout.bands[1]
    assert band.label == "📊 BAND"
    assert texts(band) == ["text without a border", "text with one"]


def test_a_line_indented_one_column_more_is_taken_back(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────┐
        │ TITLE                        │
        ├──────────────────────────────┤
        │ ┌────────────┐ ┌───────────┐ │
        │ │ A          │ │ B         │ │
         │ │ shifted    │ │ right     │ │
        │ └────────────┘ └───────────┘ │
        └──────────────────────────────┘
    """, ["상단 (20%)", "하단 (80%)"])
    a, b = layout.bands[1].children
    assert (a.title, texts(a)) == ("A", ["shifted"])
    assert (b.title, texts(b)) == ("B", ["right"])


WIDE = """
┌────────────────────────────────────┐
│ 🍌 넓은 글자 🍌                    │
├────────────────────────────────────┤
│ ┌────────────────┐ ┌─────────────┐ │
│ │ ⚠️ 주의 사항   │ │ 📖 설명     │ │
│ │ 한글 텍스트    │ │ 🤖 + 👤     │ │
│ │ ✅ 완료        │ │ 가나다라마  │ │
│ └────────────────┘ └─────────────┘ │
└────────────────────────────────────┘
"""


def test_wide_characters_count_two_columns() -> None:
    assert char_widths("한") == [2]
    assert char_widths("📖") == [2]
    assert char_widths("⚠️") == [2, 0]  # U+26A0 is one column; U+FE0F makes it an emoji, two
    assert char_widths("✅") == [2]
    assert sum(char_widths("│ │ ⚠️ 주의 사항   │")) == sum(char_widths("│ ┌────────────────┐"))


def test_hangul_and_emoji_inside_boxes_do_not_shift_the_borders(tmp_path: Path) -> None:
    """The lines hold 26-34 characters but all are 38 columns wide: borders are matched by column."""
    lines = WIDE.strip("\n").split("\n")
    assert len({len(ln) for ln in lines}) > 1  # a character count would misalign them
    diagram = parse_diagram(source(WIDE))
    boxes = diagram.bands[1].boxes
    assert [(b.left, b.right) for b in boxes] == [(2, 19), (21, 35)]
    layout = layout_of(tmp_path, WIDE, ["상단 (10%)", "하단 (90%)"])
    left, right = layout.bands[1].children
    assert (left.icon, left.title) == ("⚠️", "주의 사항")
    assert (right.icon, right.title) == ("📖", "설명")
    assert texts(left) == ["한글 텍스트", "✅ 완료"]
    assert texts(right) == ["🤖 + 👤", "가나다라마"]
    assert layout.bands[0].title == "넓은 글자 🍌" and layout.bands[0].icon == "🍌"


SIDE_BY_SIDE = """
┌─────────────────────────────────────────────┐
│ TITLE                                       │
├─────────────────────────────────────────────┤
│ ┌──────────┐ ┌──────────────────────────┐   │
│ │ 📖 NARROW │ │ 👥 WIDE                  │   │
│ └──────────┘ └──────────────────────────┘   │
├─────────────────────────────────────────────┤
│ ┌──────┐ ┌──────────────┐ ┌─────────────┐   │
│ │ 💰 A │ │ 💬 B         │ │ 📌 C        │   │
│ └──────┘ └──────────────┘ └─────────────┘   │
└─────────────────────────────────────────────┘
"""


def test_two_and_three_boxes_side_by_side_are_columns(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, SIDE_BY_SIDE, ["상단 (10%)", "중앙 (50%)", "하단 (40%)"])
    assert tree(layout) == [
        ("band1", "title", "TITLE"),
        ("band2", "band", ""),
        ("band2.col1", "column", "📖 NARROW"),
        ("band2.col2", "column", "👥 WIDE"),
        ("band3", "band", ""),
        ("band3.col1", "column", "💰 A"),
        ("band3.col2", "column", "💬 B"),
        ("band3.col3", "column", "📌 C"),
    ]
    for band, drawn in ((layout.bands[1], [11, 27]), (layout.bands[2], [7, 15, 14])):
        widths = [c.rect[2] for c in band.children]
        assert sum(widths) == pytest.approx(W)
        for w, d in zip(widths, drawn, strict=True):
            assert w == pytest.approx(W * d / sum(drawn))
        xs = [c.rect[0] for c in band.children]
        assert xs[0] == pytest.approx(X0)
        for c, nxt in zip(band.children, band.children[1:]):
            assert c.rect[0] + c.rect[2] == pytest.approx(nxt.rect[0])  # columns tile the band
        for c in band.children:
            assert (c.rect[1], c.rect[3]) == pytest.approx((band.rect[1], band.rect[3]))


STACKED = """
┌────────────────────────────────────────┐
│ TITLE                                  │
├────────────────────────────────────────┤
│ ┌──────────────┐ ┌───────────────────┐ │
│ │ 🅰️ TOP       │ │ 📚 TALL           │ │
│ │ a            │ │                   │ │
│ └──────────────┘ │                   │ │
│ ┌──────────────┐ │                   │ │
│ │ 🅱️ BOTTOM    │ │                   │ │
│ │ b            │ │                   │ │
│ │ c            │ │                   │ │
│ └──────────────┘ └───────────────────┘ │
├────────────────────────────────────────┤
│ ┌────────────────────────────────────┐ │
│ │ ONE                                │ │
│ └────────────────────────────────────┘ │
│ ┌────────────────────────────────────┐ │
│ │ TWO                                │ │
│ │ more                               │ │
│ │ more                               │ │
│ └────────────────────────────────────┘ │
└────────────────────────────────────────┘
"""


def test_boxes_stacked_in_a_column_are_rows(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, STACKED, ["상단 (10%)", "중앙 (50%)", "하단 (40%)"])
    assert tree(layout) == [
        ("band1", "title", "TITLE"),
        ("band2", "band", ""),
        ("band2.col1", "column", ""),
        ("band2.col1.row1", "row", "🅰️ TOP"),
        ("band2.col1.row2", "row", "🅱️ BOTTOM"),
        ("band2.col2", "column", "📚 TALL"),
        ("band3", "band", ""),
        ("band3.row1", "row", "ONE"),
        ("band3.row2", "row", "TWO"),
    ]
    col1 = layout.find("band2.col1")
    top, bottom = col1.children
    assert texts(top) == ["a"] and texts(bottom) == ["b", "c"]
    # rows share their column's height as drawn: 4 lines and 5 lines
    assert top.rect[3] == pytest.approx(col1.rect[3] * 4 / 9)
    assert bottom.rect[1] == pytest.approx(top.rect[1] + top.rect[3])
    assert bottom.rect[1] + bottom.rect[3] == pytest.approx(col1.rect[1] + col1.rect[3])
    assert top.rect[2] == col1.rect[2]
    one, two = layout.bands[2].children
    assert one.rect[3] == pytest.approx(layout.bands[2].rect[3] * 3 / 8)
    assert one.rect[2] == pytest.approx(W)


def test_a_band_heading_above_its_box(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌────────────────────────────────────┐
        │ TITLE                              │
        ├────────────────────────────────────┤
        │ ⚡ 대화의 토큰화 (Tokenization)    │
        │ ┌────────────────────────────────┐ │
        │ │ inside the box                 │ │
        │ └────────────────────────────────┘ │
        ├────────────────────────────────────┤
        │ 📊 TWO BOXES UNDER ONE HEADING     │
        │ ┌──────────────┐ ┌───────────────┐ │
        │ │ 📖 LEFT      │ │ 👥 RIGHT      │ │
        │ └──────────────┘ └───────────────┘ │
        └────────────────────────────────────┘
    """, ["상단 (10%)", "중앙 (45%)", "하단 (45%)"])
    single = layout.bands[1]
    assert (single.kind, single.icon, single.title) == ("band", "⚡", "대화의 토큰화 (Tokenization)")
    assert single.heading_outside and not single.children
    assert texts(single) == ["inside the box"]
    two = layout.bands[2]
    assert two.heading_outside and two.label == "📊 TWO BOXES UNDER ONE HEADING"
    assert [c.label for c in two.children] == ["📖 LEFT", "👥 RIGHT"]
    for c in two.children:  # the boxes sit below the heading, inside the band
        assert c.rect[1] == pytest.approx(two.rect[1] + heading_height())
        assert c.rect[1] + c.rect[3] == pytest.approx(two.rect[1] + two.rect[3])


def test_a_title_band_with_a_subtitle_line(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────────────────────────────┐
        │  🧠 NANO BANANA: LLM 전체 요약 (Summary) 🧠   │
        │  Deep Dive into LLMs - Andrej Karpathy       │
        ├──────────────────────────────────────────────┤
        │ 📊 BODY                                      │
        └──────────────────────────────────────────────┘
    """, ["상단 (15%)", "하단 (85%)"])
    title = layout.bands[0]
    assert title.kind == "title" and title.id == "band1"
    assert (title.icon, title.title) == ("🧠", "NANO BANANA: LLM 전체 요약 (Summary) 🧠")
    assert title.subtitle == "Deep Dive into LLMs - Andrej Karpathy"
    assert title.rect == pytest.approx((X0, Y0, W, H * 0.15))
    assert layout.bands[1].rect == pytest.approx((X0, Y0 + H * 0.15, W, H * 0.85))
    assert [r.id for r in layout.leaves()] == ["band2"]


NESTED = """
┌─────────────────────────────────────────────────┐
│ TITLE                                           │
├─────────────────────────────────────────────────┤
│ ┌─────────────────────────────────────────────┐ │
│ │ ⚡ PIPELINE                                 │ │
│ │  ┌───────────┐    ┌───────────┐             │ │
│ │  │ STAGE 1   │ →  │ STAGE 2   │             │ │
│ │  │ 인터넷    │    │ 대화       │             │ │
│ │  └───────────┘    └───────────┘             │ │
│ │        ↓                                    │ │
│ │  ┌─────────────────────────┐                │ │
│ │  │ ASSISTANT               │                │ │
│ │  └─────────────────────────┘                │ │
│ └─────────────────────────────────────────────┘ │
├─────────────────────────────────────────────────┤
│ ┌──────────────────────┐ ┌────────────────────┐ │
│ │ 📖 LEFT              │ │ 👥 RIGHT           │ │
│ │ ┌──────┐ ┌───────┐   │ │ text               │ │
│ │ │ a    │ │ b     │   │ │                    │ │
│ │ └──────┘ └───────┘   │ │                    │ │
│ └──────────────────────┘ └────────────────────┘ │
└─────────────────────────────────────────────────┘
"""


def test_boxes_inside_a_region_box_stay_its_content(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, NESTED, ["상단 (10%)", "중앙 (50%)", "하단 (40%)"])
    assert tree(layout) == [
        ("band1", "title", "TITLE"),
        ("band2", "band", "⚡ PIPELINE"),
        ("band3", "band", ""),
        ("band3.col1", "column", "📖 LEFT"),
        ("band3.col2", "column", "👥 RIGHT"),
    ]
    pipeline = layout.bands[1]
    assert not pipeline.children
    drawn = texts(pipeline)
    assert drawn[0] == "┌───────────┐    ┌───────────┐"
    assert drawn[1] == "│ STAGE 1   │ →  │ STAGE 2   │"
    assert "│ ASSISTANT               │" in drawn
    left = layout.find("band3.col1")
    assert not left.children and texts(left)[1] == "│ a    │ │ b     │"
    # the drawing is the region's content, with its file line
    content = layout.content["band2"]
    assert content and content[0].markdown.startswith("┌───────────┐")
    assert content[0].line == FIRST_LINE + 5


def test_region_lines_and_spans_point_into_the_diagram() -> None:
    diagram = parse_diagram(source(SIDE_BY_SIDE, first_line=40))
    assert [(b.top_line, b.bottom_line) for b in diagram.bands] == [(41, 41), (43, 45), (47, 49)]
    box = diagram.bands[2].boxes[1]
    assert (box.left, box.right, box.top_line, box.bottom_line) == (11, 26, 47, 49)


def test_empty_band_between_two_rules_is_left_out_with_a_warning(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────┐
        │ TITLE                │
        ├──────────────────────┤
        ├──────────────────────┤
        │ 📊 BODY              │
        └──────────────────────┘
    """, ["상단 (10%)", "하단 (90%)"])
    assert [b.kind for b in layout.bands] == ["title", "band"]
    assert any("empty band" in n.message and n.line == FIRST_LINE + 3 for n in layout.notices)


def test_a_rule_lacking_its_left_end_still_separates_bands(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────┐
        │ TITLE                │
        ───────────────────────┤
        │ 📊 BODY              │
        └──────────────────────┘
    """, ["상단 (10%)", "하단 (90%)"])
    assert [(b.kind, b.label) for b in layout.bands] == [("title", "TITLE"), ("band", "📊 BODY")]


def test_a_blank_line_inside_the_diagram_does_not_end_it(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        ┌──────────────────────┐
        │ TITLE                │
        ├──────────────────────┤

        │ 📊 BODY              │
        └──────────────────────┘
    """, ["상단 (10%)", "하단 (90%)"])
    assert [b.label for b in layout.bands] == ["TITLE", "📊 BODY"]


def test_many_narrow_boxes_side_by_side(tmp_path: Path) -> None:
    """30 boxes one column apart: more borders than are aligned all together, so they go left to right."""
    n = 30
    names = [f"{k:02d}" for k in range(n)]
    inner = "".join("┌──┐ " for _ in names)
    diagram = "\n".join([
        "┌" + "─" * (len(inner) + 1) + "┐",
        "│ TITLE" + " " * (len(inner) - 5) + "│",
        "├" + "─" * (len(inner) + 1) + "┤",
        "│" + inner + " │",
        "│" + "".join(f"│{s}│ " for s in names) + " │",
        "│" + "".join(f"│{s[::-1]} │ " if k == 3 else f"│{s}│ " for k, s in enumerate(names))[:-1] + "│",
        "│" + "".join("└──┘ " for _ in names) + " │",
        "└" + "─" * (len(inner) + 1) + "┘",
    ])
    layout = layout_of(tmp_path, diagram, ["상단 (10%)", "하단 (90%)"])
    cols = layout.bands[1].children
    assert [c.title for c in cols] == names
    assert [texts(c) for c in cols[:3]] == [["00"], ["01"], ["02"]]
    assert texts(cols[3]) == ["30"] and texts(cols[-1]) == [names[-1]]
