"""The ratio spec (배치 비율): bullets or a table, column splits, scaling to 100 %, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.errors import InputError
from cheatsheet.layout.place import usable_rect
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from tests.layout.prompts import FIRST_LINE, diagram_lines, layout_of, ratio_list, ratio_table, write_prompt

X0, Y0, W, H = usable_rect()

THREE_BANDS = """
┌─────────────────────────────────────────────┐
│ 🍌 TITLE 🍌                                  │
├─────────────────────────────────────────────┤
│ ┌──────────┐ ┌──────────────────────────┐   │
│ │ 📖 LEFT  │ │ 👥 RIGHT                 │   │
│ └──────────┘ └──────────────────────────┘   │
├─────────────────────────────────────────────┤
│ ┌──────┐ ┌──────────────┐ ┌─────────────┐   │
│ │ 💰 A │ │ 💬 B         │ │ 📌 C        │   │
│ └──────┘ └──────────────┘ └─────────────┘   │
└─────────────────────────────────────────────┘
"""
SPEC_LINE = FIRST_LINE + len(diagram_lines(THREE_BANDS)) + 1  # the '**배치 비율**' line after the diagram


def heights(layout) -> list[float]:
    return [round(b.rect[3] / H * 100, 6) for b in layout.bands]


def widths(band) -> list[float]:
    return [round(c.rect[2] / W * 100, 6) for c in band.children]


def test_bullet_list(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%): 타이틀", "중앙 (55%): 좌우 분할", "하단 (35%): 세 칸"])
    assert heights(layout) == [10, 55, 35]
    assert not layout.notices
    spec = read_input(tmp_path / "prompt.md").layout.ratio_spec
    assert spec.line == SPEC_LINE
    assert [(r.percent, r.line, r.col) for r in spec.ratios] == [
        (10, SPEC_LINE + 1, 7), (55, SPEC_LINE + 2, 7), (35, SPEC_LINE + 3, 7)]


def test_table_under_a_heading(tmp_path: Path) -> None:
    spec = ratio_table([("상단", "10%", "전체 너비"), ("중앙", "55%", "**좌우 2등분**"), ("하단", "35%", "**3등분**")])
    layout = layout_of(tmp_path, THREE_BANDS, spec=spec)
    assert heights(layout) == [10, 55, 35]
    assert widths(layout.bands[1]) == pytest.approx([50, 50])
    assert widths(layout.bands[2]) == pytest.approx([100 / 3] * 3)
    ratios = read_input(tmp_path / "prompt.md").layout.ratio_spec.ratios
    assert [(r.line, r.col, r.label) for r in ratios] == [
        (SPEC_LINE + 4, 8, "상단"), (SPEC_LINE + 5, 8, "중앙"), (SPEC_LINE + 6, 8, "하단")]


def test_left_right_percentages_split_a_band(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, [
        "상단 (10%): 타이틀", "중앙 (55%): 좌 40% / 우 60%", "하단 (35%): 세 칸"])
    assert widths(layout.bands[1]) == pytest.approx([40, 60])
    left, right = layout.bands[1].children
    assert right.rect[0] == pytest.approx(X0 + W * 0.4)


def test_n_equal_parts(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", "중앙 (55%): 2등분", "하단 (35%): 3등분"])
    assert widths(layout.bands[1]) == pytest.approx([50, 50])
    assert widths(layout.bands[2]) == pytest.approx([100 / 3] * 3)


def test_without_a_split_widths_follow_the_drawing(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", "중앙 (55%)", "하단 (35%)"])
    assert widths(layout.bands[1]) == pytest.approx([100 * 11 / 38, 100 * 27 / 38])
    assert widths(layout.bands[2]) == pytest.approx([100 * 7 / 36, 100 * 15 / 36, 100 * 14 / 36])


def test_a_split_that_does_not_match_the_boxes_warns_and_keeps_the_drawing(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", "중앙 (55%): 3등분", "하단 (35%)"])
    assert widths(layout.bands[1]) == pytest.approx([100 * 11 / 38, 100 * 27 / 38])
    (notice,) = layout.notices
    assert notice.line == SPEC_LINE + 2 and "split 3 ways" in notice.message and "2 boxes" in notice.message


@pytest.mark.parametrize("ratios, total", [
    (["상단 (10%)", "중앙 (50%)", "하단 (35%)"], 95),
    (["상단 (10%)", "중앙 (60%)", "하단 (35%)"], 105),
])
def test_ratios_not_adding_up_to_100_are_scaled_with_a_warning(tmp_path: Path, ratios: list[str], total: int) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ratios)
    given = [10, 50 if total == 95 else 60, 35]
    assert heights(layout) == pytest.approx([g * 100 / total for g in given])
    assert sum(b.rect[3] for b in layout.bands) == pytest.approx(H)
    (notice,) = layout.notices
    assert (notice.file, notice.line) == (str(tmp_path / "prompt.md"), SPEC_LINE)
    assert str(notice).startswith(f"{tmp_path / 'prompt.md'}:{SPEC_LINE}:1: warning: the ratios add up to {total}%")


@pytest.mark.parametrize("ratios, line, col, words, expected", [
    # one ratio too many: the surplus ratio's line; it is left out
    (["상단 (10%)", "중앙 (40%)", "하단 (30%)", "맨 아래 (20%)"], SPEC_LINE + 4, 9,
     "lists 4 bands but the diagram has 3 (ratio 4 on has no band: left out)", [10 / 0.8, 40 / 0.8, 30 / 0.8]),
    # one too few: the spec's own line; the band without one gets what is left
    (["상단 (10%)", "중앙 (50%)"], SPEC_LINE, 1,
     "lists 2 bands but the diagram has 3 (band 3 has no ratio: shared out by drawn height)", [10, 50, 40]),
])
def test_a_count_that_does_not_match_the_bands_degrades_with_a_warning(
        tmp_path: Path, ratios: list[str], line: int, col: int, words: str, expected: list[float]) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ratios)
    assert heights(layout) == pytest.approx(expected)
    (notice,) = [n for n in layout.notices if "ratio spec lists" in n.message]
    assert (notice.file, notice.line, notice.col) == (str(tmp_path / "prompt.md"), line, col)
    assert words in notice.message
    # the warning lists the bands found, with their lines and what they hold
    assert f"band 1 (line {FIRST_LINE + 1}): 🍌 TITLE 🍌" in notice.message
    assert "band 3" in notice.message and "💰 A + 💬 B + 📌 C" in notice.message


@pytest.mark.parametrize("ratio, col, shown", [
    ("중앙 (열%): 좌우", 5, "열%"),
    ("중앙 (55%): 좌 (절반%) / 우 50%", 14, "절반%"),
    ("중앙 (55 %): 좌 x% / 우 50%", 14, "x%"),
])
def test_a_percentage_that_is_not_a_number(tmp_path: Path, ratio: str, col: int, shown: str) -> None:
    with pytest.raises(InputError) as exc:
        layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", ratio, "하단 (35%)"])
    err = exc.value
    assert (err.line, err.col) == (SPEC_LINE + 2, col + 2)  # col counts characters; "- " comes first
    assert f"'{shown}' is not a number" in err.message
    assert err.source_line == f"- {ratio}"
    assert err.hint


def test_a_percentage_that_is_not_a_number_in_a_table(tmp_path: Path) -> None:
    spec = ratio_table([("상단", "10%", ""), ("중앙", "(열%)", ""), ("하단", "35%", "")])
    with pytest.raises(InputError) as exc:
        layout_of(tmp_path, THREE_BANDS, spec=spec)
    assert (exc.value.line, exc.value.col) == (SPEC_LINE + 5, 9)
    assert "'열%' is not a number" in exc.value.message


@pytest.mark.parametrize("ratio", ["**55%**", "약 55%", "~55%", "55 %", "[55%]"])
def test_ways_of_writing_a_number_that_are_read(tmp_path: Path, ratio: str) -> None:
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", f"중앙 ({ratio})", "하단 (35%)"])
    assert heights(layout) == [10, 55, 35]


@pytest.mark.parametrize("pct", ["0", "150"])
def test_a_band_share_out_of_range(tmp_path: Path, pct: str) -> None:
    with pytest.raises(InputError) as exc:
        layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", f"중앙 ({pct}%)", "하단 (35%)"])
    assert exc.value.line == SPEC_LINE + 2 and "more than 0% and at most 100%" in exc.value.message


def test_no_ratio_spec_follows_the_drawn_heights(tmp_path: Path) -> None:
    layout = lay_out(read_input(write_prompt(tmp_path, THREE_BANDS)))
    assert heights(layout) == pytest.approx([100 / 7, 300 / 7, 300 / 7])
    assert not layout.notices


def test_the_ratio_spec_is_found_after_a_fenced_diagram(tmp_path: Path) -> None:
    text = ("# Layout Structure\n\n```\n" + "\n".join(diagram_lines(THREE_BANDS)) + "\n```\n\n"
            + ratio_list(["상단 (20%)", "중앙 (40%)", "하단 (40%)"]))
    p = tmp_path / "fenced.md"
    p.write_text(text, encoding="utf-8")
    assert heights(lay_out(read_input(p))) == [20, 40, 40]


def test_a_percentage_too_long_to_be_a_number_is_an_error(tmp_path: Path) -> None:
    """400 digits make float('inf'): it used to give NaN heights."""
    with pytest.raises(InputError) as exc:
        layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", f"중앙 ({'9' * 400}%)", "하단 (35%)"])
    assert (exc.value.line, exc.value.col) == (SPEC_LINE + 2, 7)


def test_a_split_into_absurdly_many_parts_is_ignored(tmp_path: Path) -> None:
    """'1000000000등분' used to build a billion-element tuple (MemoryError)."""
    layout = layout_of(tmp_path, THREE_BANDS, ["상단 (10%)", "중앙 (55%): 1000000000등분", "하단 (35%)"])
    assert widths(layout.bands[1]) == pytest.approx([100 * 11 / 38, 100 * 27 / 38])


def test_the_band_list_names_a_band_with_nothing_in_it(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, """
            ┌──────────────────────┐
            │ TITLE                │
            ├──────────────────────┤
            │                      │
            ├──────────────────────┤
            │ ┌──────────────────┐ │
            │ │ ┌────┐           │ │
            │ │ └────┘           │ │
            │ └──────────────────┘ │
            └──────────────────────┘
        """, ["상단 (100%)"])
    (hint,) = [n.message for n in layout.notices if "ratio spec lists" in n.message]
    assert f"band 2 (line {FIRST_LINE + 3}): (nothing written in it)" in hint
    assert f"band 3 (lines {FIRST_LINE + 5}-{FIRST_LINE + 8}): ┌────┐" in hint
