"""Columns as drawn and as said: a band's split is read in every way authors write it (``좌 20% / 중 20% /
우 60%``, ``20% / 20% / 60%``, ``1:1:2``), a split that cannot be read is a warning at its place, a split in
words wins over shares that are part of what the band is about, and a band drawn as one frame split by a
``┬ … ┴`` rule is boxes side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.layout.place import usable_rect
from tests.layout.prompts import layout_of, ratio_table

X0, Y0, W, H = usable_rect()

THREE = """
┌──────────────────────────────────────────────────────┐
│ 🍌 비율 시험 🍌                                        │
├──────────────────────────────────────────────────────┤
│ ┌─────────────┐ ┌─────────────┐ ┌──────────────────┐ │
│ │ 📖 왼쪽      │ │ 👥 가운데     │ │ ⚡ 오른쪽          │ │
│ └─────────────┘ └─────────────┘ └──────────────────┘ │
├──────────────────────────────────────────────────────┤
│ 📋 아래 상자                                           │
└──────────────────────────────────────────────────────┘
"""


def widths(band) -> list[float]:
    return [round(c.rect[2] / W * 100, 3) for c in band.children]


@pytest.mark.parametrize("split, want", [
    ("좌 20% / 중 20% / 우 60%", [20, 20, 60]),
    ("좌 20% / 중간 20% / 우 60%", [20, 20, 60]),
    ("20% / 20% / 60%", [20, 20, 60]),
    ("20:20:60", [20, 20, 60]),
    ("1:1:2", [25, 25, 50]),
    ("**좌 20% / 중 20% / 우 60%**", [20, 20, 60]),
])
def test_a_column_split_in_the_last_cell_of_a_ratio_table(tmp_path: Path, split: str, want: list[float]) -> None:
    spec = ratio_table([("상단", "10%", "타이틀"), ("중앙", "60%", split), ("하단", "30%", "전체")])
    layout = layout_of(tmp_path, THREE, spec=spec)
    assert widths(layout.bands[1]) == pytest.approx(want, abs=0.01)
    assert not layout.notices


BULLETS = "**배치 비율**:\n- 상단 (10%): 타이틀\n- 중앙 (60%): {}\n- 하단 (30%): 전체\n"


@pytest.mark.parametrize("spec, want", [
    (BULLETS.format("20% / 20% / 60%"), [20, 20, 60]),
    (BULLETS.format("좌 20% / 중 20% / 우 60%"), [20, 20, 60]),
    (BULLETS.format("좌 1/3, 우 2/3"), None),
    ("**배치 비율**: 타이틀 10% / 중앙 60% (좌 1/3, 우 2/3) / 하단 30%\n", None),
], ids=["bare-percent-bullet", "중-bullet", "fractions-bullet", "fractions-one-line"])
def test_a_column_split_in_a_bullet_or_one_line(tmp_path: Path, spec: str, want: list[float] | None) -> None:
    """Read when it can be read; a warning naming it when it cannot (the drawn widths are used)."""
    layout = layout_of(tmp_path, THREE, spec=spec)
    assert [round(b.rect[3] / H * 100, 3) for b in layout.bands] == pytest.approx([10, 60, 30])
    notes = [n.message for n in layout.notices]
    if want is not None:
        assert widths(layout.bands[1]) == pytest.approx(want, abs=0.01)
        assert not notes
    else:
        assert any("band 2" in m and "not understood" in m and "1/3" in m for m in notes), notes


@pytest.mark.parametrize("odd", ["좌 20% / 가온 20% / 우 60%", "좌 1/3, 우 2/3", "20%, 그리고 80%"])
def test_a_split_that_cannot_be_read_is_a_warning_at_its_place(tmp_path: Path, odd: str) -> None:
    spec = ratio_table([("상단", "10%", "타이틀"), ("중앙", "60%", odd), ("하단", "30%", "전체")])
    layout = layout_of(tmp_path, THREE, spec=spec)
    notes = [n for n in layout.notices if "not understood" in n.message]
    assert len(notes) == 1, [n.message for n in layout.notices]
    note = notes[0]
    line = (tmp_path / "prompt.md").read_text(encoding="utf-8").split("\n")[note.line - 1]
    assert line[note.col - 1:].startswith(odd)
    assert "band 2" in note.message and odd in note.message


def test_words_that_say_nothing_of_a_split_are_no_warning(tmp_path: Path) -> None:
    spec = ratio_table([("상단", "10%", "타이틀"), ("중앙", "60%", "세 상자, 좌우 분할"), ("하단", "30%", "전체")])
    assert not layout_of(tmp_path, THREE, spec=spec).notices


def test_a_split_in_words_wins_over_shares_the_band_is_about(tmp_path: Path) -> None:
    rows = ["## 배치 비율", "", "| 영역 | 비율 | 내용 | 배치 |", "|---|---|---|---|",
            "| 상단 | 10% | 타이틀 | 전체 |", "| 중앙 | 60% | 비용 2:1 비교, 영상 1:01:30 | **3등분** |",
            "| 하단 | 30% | 요약 | 전체 |"]
    layout = layout_of(tmp_path, THREE, spec="\n".join(rows) + "\n")
    assert widths(layout.bands[1]) == pytest.approx([100 / 3] * 3, abs=0.01)
    assert not layout.notices


TEES = """
┌────────────────────────────────────────────────┐
│ 🍌 칸 나눔 시험 🍌                                │
├────────────────────────┬───────────────────────┤
│ 📖 왼쪽 상자             │ 👥 오른쪽 상자           │
│ 설명                    │ 예시                   │
├────────────────────────┴───────────────────────┤
│ 📋 아래 상자                                     │
├───────────────┬───────────────┬────────────────┤
│ ⚡ 하나        │ 💡 둘          │ ✅ 셋           │
└───────────────┴───────────────┴────────────────┘
"""


def test_a_band_split_by_a_tee_rule_is_columns(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, TEES, ["상단 (10%): 타이틀", "중앙 (40%): 좌 40% / 우 60%", "중하 (20%): 전체",
                                        "하단 (30%): 3등분"])
    assert not layout.notices, [n.message for n in layout.notices]
    b2, b3, b4 = layout.bands[1:]
    assert [c.kind for c in b2.children] == ["column", "column"]
    assert [c.title for c in b2.children] == ["왼쪽 상자", "오른쪽 상자"]
    assert widths(b2) == pytest.approx([40, 60], abs=0.01)
    assert not b3.children and b3.title == "아래 상자"
    assert [c.title for c in b4.children] == ["하나", "둘", "셋"]
    assert widths(b4) == pytest.approx([100 / 3] * 3, abs=0.01)


def test_a_tee_split_without_ratios_follows_the_drawn_widths(tmp_path: Path) -> None:
    layout = layout_of(tmp_path, TEES)
    b2 = layout.bands[1]
    assert len(b2.children) == 2
    a, b = (c.rect[2] for c in b2.children)
    assert a / (a + b) == pytest.approx(24 / 47, abs=0.03)  # the ┬ sits 24 of 47 columns in


@pytest.mark.parametrize("diagram", [
    """
    ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ 🍌 굵은 펜 🍌                                      ┃
    ┣━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━┫
    ┃ 📖 왼쪽                  ┃ 👥 오른쪽               ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━┻━━━━━━━━━━━━━━━━━━━━━━━┛
    """,
    """
    +------------------------------------------------+
    | TITLE                                          |
    +------------------------+-----------------------+
    | 📖 왼쪽                 | 👥 오른쪽               |
    +------------------------+-----------------------+
    """,
], ids=["heavy", "ascii"])
def test_a_tee_split_in_any_pen(tmp_path: Path, diagram: str) -> None:
    layout = layout_of(tmp_path, diagram, ["상단 (20%): 타이틀", "본문 (80%): 좌 30% / 우 70%"])
    assert [c.title for c in layout.bands[1].children] == ["왼쪽", "오른쪽"]
    assert widths(layout.bands[1]) == pytest.approx([30, 70], abs=0.01)
    assert not layout.notices


def test_a_tee_split_whose_parts_hold_boxes_is_read_as_those_boxes(tmp_path: Path) -> None:
    diagram = """
    ┌────────────────────────────────────────────────┐
    │ 🍌 칸 속 상자 🍌                                  │
    ├────────────────────────┬───────────────────────┤
    │ ┌────────────────────┐ │ ┌───────────────────┐ │
    │ │ 📖 왼쪽             │ │ │ 💡 오른쪽           │ │
    │ └────────────────────┘ │ └───────────────────┘ │
    └────────────────────────┴───────────────────────┘
    """
    layout = layout_of(tmp_path, diagram)
    cols = layout.bands[1].children
    assert [c.kind for c in cols] == ["column", "column"]
    assert cols[0].title == "왼쪽" and not cols[0].rows  # the box's own title, no drawing of a box


def test_a_tee_split_line_pushed_right_by_wide_characters_is_still_found(tmp_path: Path) -> None:
    # each │ sits further right than its ┬ (the words before it are wider than typed)
    diagram = """
    ┌────────────────────────────────────────────────┐
    │ 🍌 고리 시험 🍌                                   │
    ├───────────────┬───────────────┬────────────────┤
    │ 🔁 세로 고리    │ 🔄 가로 고리     │ 🧭 글 고리        │
    └───────────────┴───────────────┴────────────────┘
    """
    layout = layout_of(tmp_path, diagram)
    assert [(c.icon, c.title) for c in layout.bands[1].children] == [
        ("🔁", "세로 고리"), ("🔄", "가로 고리"), ("🧭", "글 고리")]
