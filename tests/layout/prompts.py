"""Small prompts written for the tests: a diagram and a ratio spec, saved where read_input can read them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cheatsheet.layout.engine import Layout
from cheatsheet.layout.regions import Region
from cheatsheet.model import LayoutSource
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input

FRONT = '---\ntitle: "1. Test"\nchapter: 1\n---\n\n# Layout Structure\n\n'
# the diagram's first line in a prompt made by prompt_text()
FIRST_LINE = FRONT.count("\n") + 1


def diagram_lines(diagram: str) -> list[str]:
    """A diagram written in a triple-quoted string: dedented, blank lines around it dropped."""
    return textwrap.dedent(diagram).strip("\n").split("\n")


def ratio_list(ratios: list[str]) -> str:
    return "**배치 비율**:\n" + "\n".join(f"- {r}" for r in ratios) + "\n"


def ratio_table(rows: list[tuple[str, str, str]]) -> str:
    out = ["## 배치 비율", "", "| 영역 | 비율 | 배치 |", "|------|------|------|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out) + "\n"


def prompt_text(diagram: str, spec: str = "", extra: str = "") -> str:
    return FRONT + "\n".join(diagram_lines(diagram)) + "\n\n" + spec + ("\n" + extra if extra else "")


def write_prompt(folder: Path, diagram: str, spec: str = "", extra: str = "", name: str = "prompt.md") -> Path:
    p = folder / name
    p.write_text(prompt_text(diagram, spec, extra), encoding="utf-8")
    return p


def layout_of(folder: Path, diagram: str, ratios: list[str] | None = None, spec: str = "", extra: str = "") -> Layout:
    if ratios is not None:
        spec = ratio_list(ratios)
    return lay_out(read_input(write_prompt(folder, diagram, spec, extra)))


def source(diagram: str, file: str = "test.md", first_line: int = 1) -> LayoutSource:
    """A LayoutSource straight from a diagram, without a file."""
    return LayoutSource(file, first_line, tuple(diagram_lines(diagram)), None)


def tree(layout: Layout) -> list[tuple[str, str, str]]:
    """(id, kind, label) of every region, top to bottom, depth first."""
    return [(r.id, r.kind, r.label) for b in layout.bands for r in b.walk()]


def texts(region: Region) -> list[str]:
    """The non-blank text rows of a region, stripped."""
    return [r.text.strip() for r in region.rows if r.text.strip()]
