"""Reading a prompt's layout section: where the diagram and the ratio spec are found, and what is tolerated."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.render import lay_out
from cheatsheet.sources import read_input

DIAGRAM = [
    "┌──────────────────────┐",
    "│ 🍌 TITLE 🍌           │",
    "├──────────────────────┤",
    "│ 📊 BODY              │",
    "└──────────────────────┘",
]
SPEC = ["**배치 비율**:", "- 상단 (20%): 타이틀", "- 하단 (80%): 본문"]


def _read(tmp_path: Path, lines: list[str], newline: str = "\n", bom: bool = False):
    p = tmp_path / "p.md"
    p.write_bytes((("\ufeff" if bom else "") + newline.join(lines) + newline).encode("utf-8"))
    return read_input(p)


def test_diagram_and_spec_places(tmp_path: Path) -> None:
    chapter = _read(tmp_path, ["# Role", "", "# Layout Structure (이 구조대로)", "", *DIAGRAM, *SPEC, "",
                               "# Content Details", "", "## 📊 BODY", "", "hello"])
    src = chapter.layout
    assert src.first_line == 5 and src.diagram == tuple(DIAGRAM)
    assert src.ratio_spec.line == 10 and [r.line for r in src.ratio_spec.ratios] == [11, 12]
    assert [s.title for s in chapter.sections] == ["BODY"]


def test_crlf_and_a_byte_order_mark_change_nothing(tmp_path: Path) -> None:
    lines = ["# Layout Structure", "", *DIAGRAM, "", *SPEC]
    plain = _read(tmp_path, lines).layout
    other = _read(tmp_path, lines, newline="\r\n", bom=True).layout
    assert (other.first_line, other.diagram, other.ratio_spec.line) == (plain.first_line, plain.diagram,
                                                                      plain.ratio_spec.line)


def test_a_layout_heading_of_level_two(tmp_path: Path) -> None:
    chapter = _read(tmp_path, ["# Cheat sheet", "", "## Layout Structure", "", *DIAGRAM, "", *SPEC])
    assert chapter.layout.first_line == 5
    assert [round(b.rect[3], 3) for b in lay_out(chapter).bands] == [37.6, 150.4]


def test_a_blank_line_inside_a_fenced_diagram(tmp_path: Path) -> None:
    chapter = _read(tmp_path, ["# Layout Structure", "", "```", *DIAGRAM[:3], "", *DIAGRAM[3:], "```", "", *SPEC])
    assert len(chapter.layout.diagram) == len(DIAGRAM) + 1
    assert [b.label for b in lay_out(chapter).bands] == ["🍌 TITLE 🍌", "📊 BODY"]


def test_text_before_the_diagram_is_not_part_of_it(tmp_path: Path) -> None:
    chapter = _read(tmp_path, ["# Layout Structure", "", "**IMPORTANT**: 스타일만 참조.", "", "```", *DIAGRAM,
                               "```", "", "## 배치 비율", "", "| 영역 | 비율 |", "|---|---|", "| 상단 | 25% |",
                               "| 하단 | 75% |"])
    assert chapter.layout.first_line == 6
    assert [r.percent for r in chapter.layout.ratio_spec.ratios] == [25, 75]


def test_a_layout_heading_named_otherwise(tmp_path: Path) -> None:
    for heading in ("# Layout", "# 📐 Page Layout", "## 레이아웃 구조"):
        chapter = _read(tmp_path, ["# Role", "", heading, "", *DIAGRAM, "", "## Ratios", "- Title: 20%",
                                   "- Body: 80%", "", "# Content Details", "", "## 📊 BODY", "", "hello"])
        assert chapter.layout.diagram == tuple(DIAGRAM), heading
        assert [r.percent for r in chapter.layout.ratio_spec.ratios] == [20, 80]
