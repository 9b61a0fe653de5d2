"""Box drawings in every pen people use: heavy, double, rounded, dashed, plain ASCII and mixtures read
like the same drawing in light lines; ASCII characters that are words or tables stay words."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.boxes import char_widths, light, normalize
from cheatsheet.compose.diagrams.grid import parse_grid
from cheatsheet.compose.parse import parse_blocks
from tests.layout.prompts import layout_of, texts, tree

LIGHT = """
┌────────────────────────────────────────────┐
│  🍌 펜 테스트 PEN TEST 🍌                    │
├────────────────────────────────────────────┤
│  ┌──────────────────┐  ┌────────────────┐  │
│  │ 📖 왼쪽 LEFT     │  │ 👥 RIGHT       │  │
│  │  첫 줄            │  │  second        │  │
│  └──────────────────┘  └────────────────┘  │
├────────────────────────────────────────────┤
│  ⚡ 아래 BOTTOM                              │
│  ┌──────────────────────────────────────┐  │
│  │  Pre-training → Base Model            │  │
│  └──────────────────────────────────────┘  │
└────────────────────────────────────────────┘
"""
RATIOS = ["상단 (20%): 타이틀", "중앙 (40%): 좌우", "하단 (40%)"]

HEAVY = str.maketrans("┌─┐│├┤└┘", "┏━┓┃┣┫┗┛")
DOUBLE = str.maketrans("┌─┐│├┤└┘", "╔═╗║╠╣╚╝")
ROUNDED = str.maketrans("┌┐└┘", "╭╮╰╯")
DASHED = str.maketrans("─│", "┄┆")


def _outer_only(diagram: str, table: dict) -> str:
    """The outer frame (the lines' first and last characters, and the frame's rows) in another pen."""
    lines = diagram.strip("\n").split("\n")
    out = []
    for k, ln in enumerate(lines):
        if k == 0 or k == len(lines) - 1 or ln.startswith("├"):
            out.append(ln.translate(table))
        else:
            out.append(ln[0].translate(table) + ln[1:-1] + ln[-1].translate(table))
    return "\n".join(out)


def _widths(lines: list[str]) -> list[list[int]]:
    return [char_widths(s) for s in lines]


@pytest.mark.parametrize("table", [HEAVY, DOUBLE, ROUNDED, DASHED], ids=["heavy", "double", "rounded", "dashed"])
def test_each_unicode_pen_reads_as_light_lines(table: dict) -> None:
    drawn = LIGHT.translate(table).strip("\n").split("\n")
    assert normalize(drawn) == LIGHT.strip("\n").split("\n")


@pytest.mark.parametrize("pen, want", [
    ("┏┳┓┣╋┫┗┻┛━┃", "┌┬┐├┼┤└┴┘─│"),
    ("╔╦╗╠╬╣╚╩╝═║", "┌┬┐├┼┤└┴┘─│"),
    ("╒╤╕╞╪╡╘╧╛", "┌┬┐├┼┤└┴┘"),  # single-double joints
    ("╓╥╖╟╫╢╙╨╜", "┌┬┐├┼┤└┴┘"),
    ("┍┎┑┒┕┖┙┚┝┠┥┨┯┰┷┸┿╂", "┌┌┐┐└└┘┘├├┤┤┬┬┴┴┼┼"),  # heavy-light joints
    ("╭╮╰╯", "┌┐└┘"),
    ("┄┅┈┉╌╍╴╶╸╺╼╾", "────────────"),
    ("┆┇┊┋╎╏╵╷╹╻╽╿", "││││││││││││"),
])
def test_every_joint_maps_by_the_ways_it_runs(pen: str, want: str) -> None:
    assert "".join(light(c) for c in pen) == want


def test_diagonals_and_blocks_are_not_lines() -> None:
    assert [light(c) for c in "╱╲╳▀█░"] == list("╱╲╳▀█░")


@pytest.mark.parametrize("pen", ["light", "heavy", "double", "rounded", "double frame, light boxes",
                                 "heavy frame, light boxes"])
def test_a_diagram_in_any_pen_gives_the_same_regions(tmp_path: Path, pen: str) -> None:
    diagram = {
        "light": LIGHT, "heavy": LIGHT.translate(HEAVY), "double": LIGHT.translate(DOUBLE),
        "rounded": LIGHT.translate(ROUNDED), "double frame, light boxes": _outer_only(LIGHT, DOUBLE),
        "heavy frame, light boxes": _outer_only(LIGHT, HEAVY),
    }[pen]
    layout = layout_of(tmp_path, diagram, RATIOS)
    assert tree(layout) == [
        ("band1", "title", "🍌 펜 테스트 PEN TEST 🍌"),
        ("band2", "band", ""),
        ("band2.col1", "column", "📖 왼쪽 LEFT"),
        ("band2.col2", "column", "👥 RIGHT"),
        ("band3", "band", "⚡ 아래 BOTTOM"),
    ]
    assert texts(layout.bands[1].children[0]) == ["첫 줄"]
    assert texts(layout.bands[2]) == ["Pre-training → Base Model"]


ASCII = """
+--------------------------------------------+
|  🍌 ASCII 시트 🍌                            |
+============================================+
|  +------------------+  +----------------+  |
|  | 📖 왼쪽 LEFT      |  | 👥 RIGHT        |  |
|  |  Pre-training    |  |  a -> b        |  |
|  |  <|im_start|>    |  |  x-y, C++      |  |
|  +------------------+  +----------------+  |
|--------------------------------------------|
|  ⚡ 아래 BOTTOM                              |
|  +--------------------------------------+  |
|  |  | 입력 | 출력 |                     |  |
|  |  |------|------|                     |  |
|  +--------------------------------------+  |
+--------------------------------------------+
"""


def test_ascii_lines_become_light_lines_and_words_stay_words() -> None:
    lines = ASCII.strip("\n").split("\n")
    out = normalize(lines)
    assert _widths(out) == _widths(lines)
    assert [len(s) for s in out] == [len(s) for s in lines]
    assert out[0] == "┌" + "─" * 44 + "┐"
    assert out[2] == "├" + "─" * 44 + "┤"
    assert out[3].startswith("│  ┌───") and out[3].endswith("─┐  │")
    assert "│ 📖 왼쪽 LEFT      │" in out[4]
    assert "Pre-training" in out[5] and "a -> b" in out[5]
    assert "<|im_start|>" in out[6] and "x-y, C++" in out[6]
    assert out[8] == "├" + "─" * 44 + "┤"
    # a markdown table inside a box: its pipes are no border
    assert "| 입력 | 출력 |" in out[11] and "|------|------|" in out[12]
    assert out[-1] == "└" + "─" * 44 + "┘"


def test_an_ascii_diagram_gives_the_regions_of_its_light_twin(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, ASCII, RATIOS)
    assert tree(layout) == [
        ("band1", "title", "🍌 ASCII 시트 🍌"),
        ("band2", "band", ""),
        ("band2.col1", "column", "📖 왼쪽 LEFT"),
        ("band2.col2", "column", "👥 RIGHT"),
        ("band3", "band", "⚡ 아래 BOTTOM"),
    ]
    left, right = layout.bands[1].children
    assert texts(left) == ["Pre-training", "<|im_start|>"]
    assert texts(right) == ["a -> b", "x-y, C++"]
    assert texts(layout.bands[2]) == ["| 입력 | 출력 |", "|------|------|"]


def test_ascii_borders_drifting_after_wide_words_are_still_borders(tmp_path: Path) -> None:
    """Typed in an editor that shows Hangul one column wide: every border after a Korean word is off."""
    layout = layout_of(tmp_path, """
        +------------------------------------------+
        | 🍌 드리프트 DRIFT                        |
        +------------------------------------------+
        | +-----------------+ +------------------+ |
        | | 📖 왼쪽 상자     | | 👥 오른쪽 상자    | |
        | | 한글 한 줄      | | 두 번째 한글 줄  | |
        | | plain line      | | plain line       | |
        | +-----------------+ +------------------+ |
        +------------------------------------------+
    """, ["상단 (20%)", "하단 (80%)"])
    left, right = layout.bands[1].children
    assert (left.label, texts(left)) == ("📖 왼쪽 상자", ["한글 한 줄", "plain line"])
    assert (right.label, texts(right)) == ("👥 오른쪽 상자", ["두 번째 한글 줄", "plain line"])
    for region in (left, right):
        assert not any(c in "|+" for r in region.rows for c in r.text)


def test_equals_lines_and_a_percentage_on_a_rule(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
        +==================================+
        | TITLE                            |
        +============= 30% ================+
        | 📊 ONE                           |
        +----------------------------------+
        | 📈 TWO                           |
        +==================================+
    """, ["상단 (20%)", "중앙 (40%)", "하단 (40%)"])
    assert [b.label for b in layout.bands] == ["TITLE", "📊 ONE", "📈 TWO"]


@pytest.mark.parametrize("text", [
    "- Pre-training -> SFT -> RL",
    "| 단계 | 설명 |\n|------|------|\n| a | b |",
    "C++ and a+b, x = y == z, 1 - 2 -- 3",
    "<|im_start|>user<|im_sep|>hi<|im_end|>",
    "a || b, a | b | c",
    "---",
])
def test_text_with_ascii_line_characters_is_left_alone(text: str) -> None:
    lines = text.split("\n")
    assert normalize(lines) == lines


def test_a_mixture_of_pens_in_one_drawing() -> None:
    lines = normalize([
        "╔════════════════════╗",
        "║ ┌──────┐ ╭──────╮  ║",
        "║ │ A    │ │ B    │  ║",
        "║ └──────┘ ╰──────╯  ║",
        "╟────────────────────╢",
        "║ +------+ ┏━━━━━━┓  ║",
        "║ | C    | ┃ D    ┃  ║",
        "║ +------+ ┗━━━━━━┛  ║",
        "╚════════════════════╝",
    ])
    assert lines[0] == "┌" + "─" * 20 + "┐"
    assert lines[1] == "│ ┌──────┐ ┌──────┐  │"
    assert lines[4] == "├" + "─" * 20 + "┤"
    assert lines[5] == "│ ┌──────┐ ┌──────┐  │"
    assert lines[6] == "│ │ C    │ │ D    │  │"
    assert lines[7] == "│ └──────┘ └──────┘  │"


def test_the_drawing_reader_reads_every_pen() -> None:
    light_grid = parse_grid(["┌────┐  ┌────┐", "│ A  │→ │ B  │", "└────┘  └────┘"])
    for lines in (["┏━━━━┓  ╔════╗", "┃ A  ┃→ ║ B  ║", "┗━━━━┛  ╚════╝"],
                  ["+----+  +----+", "| A  |→ | B  |", "+----+  +----+"],
                  ["╭────╮  ╭────╮", "│ A  │→ │ B  │", "╰────╯  ╰────╯"]):
        grid = parse_grid(lines)
        assert [(b.top, b.bottom, b.left, b.right) for b in grid.boxes] == [
            (b.top, b.bottom, b.left, b.right) for b in light_grid.boxes]
        assert [t.text for t in grid.texts] == ["A", "B"]
        assert len(grid.arrows) == 1


def test_a_region_reads_an_ascii_or_double_drawing_as_a_drawing() -> None:
    for md in ("+--------+    +--------+\n| 입력   | -> | 출력   |\n+--------+    +--------+",
               "╔════════╗    ╔════════╗\n║ 입력   ║ →  ║ 출력   ║\n╚════════╝    ╚════════╝"):
        (block,) = parse_blocks(md, 1)
        assert type(block).__name__ == "DrawingBlock"
        assert not any(c in "+|═║" for t in block.texts() for c in t)


def test_a_fenced_drawing_is_a_drawing_and_the_fence_is_gone() -> None:
    blocks = parse_blocks("앞 문장\n```\n┏━━━━━━┓\n┃ 상자 ┃\n┗━━━━━━┛\n```\n뒤 문장", 10)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["TextItem", "FrameBlock", "TextItem"]
    assert blocks[1].line == 12
    assert [r.text for r in blocks[2].runs] == ["뒤 문장"]


def test_fenced_code_is_left_whole() -> None:
    blocks = parse_blocks("```\nA\n↓\nB\n```", 1)
    assert [type(b).__name__ for b in blocks] == ["CodeBlock"]
