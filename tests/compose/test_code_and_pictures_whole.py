"""Code and pictures whole: a code block, a table and a picture are never split across newspaper
columns, and code lines are drawn in the order they were written."""

from __future__ import annotations

import pytest

from cheatsheet import theme
from cheatsheet.compose.blocks.code import CodeBlock
from cheatsheet.compose.blocks.table import TableBlock
from cheatsheet.compose.marks import TextMark
from cheatsheet.compose.region import RegionComposer
from cheatsheet.layout.regions import Region
from tests.compose.helpers import INK, blocks_of

CODE = "\n".join(
    ["from dataclasses import dataclass", "from pathlib import Path", "import json", ""]
    + [f"def step_{k}(path: Path) -> dict:\n    return json.loads(path.read_text())  # {k}" for k in range(14)]
)
TABLE = "| 단계 | 하는 일 |\n|---|---|\n" + "\n".join(f"| 단계 {k} | 파일을 읽고 정답과 비교 {k} |" for k in range(12))
CHART = "```mermaid\nflowchart TD\n" + "\n".join(f"    N{k}[단계 {k}] --> N{k + 1}[단계 {k + 1}]" for k in range(6)) + "\n```"
LIST = "\n".join(f"- 설명 {k}: 풀이를 여러 번 샘플링한다" for k in range(10))


@pytest.mark.parametrize("md", [
    f"샘플을 읽는다.\n\n```python\n{CODE}\n```\n\n{LIST}",
    f"{LIST}\n\n```python\n{CODE}\n```",
    f"{LIST}\n\n{TABLE}\n\n{LIST}",
    f"{LIST}\n\n{CHART}\n\n{LIST}",
], ids=["code-after-a-line", "code-after-a-list", "table", "picture"])
@pytest.mark.parametrize("box", [(170.0, 90.0), (240.0, 70.0), (120.0, 120.0)])
def test_a_block_is_in_one_column(md: str, box: tuple[float, float]) -> None:
    blocks = blocks_of(md)
    region = Region("box", "band", "", rect=(0.0, 0.0, *box))
    comp = RegionComposer(region, blocks, INK, False)
    f = comp.fit()
    placed = [blk for col in f.columns for blk, _ in col]
    assert sorted(map(id, placed)) == sorted(map(id, blocks))  # each block once: nothing cut in two
    whole = [b for b in blocks if isinstance(b, (CodeBlock, TableBlock)) or type(b).__name__ == "GraphBlock"]
    assert whole
    for b in whole:
        assert sum(1 for col in f.columns for blk, _ in col if blk is b) == 1


def test_code_lines_keep_their_order_on_the_page() -> None:
    blocks = blocks_of(f"샘플을 읽는다.\n\n```python\n{CODE}\n```")
    region = Region("box", "band", "", rect=(0.0, 0.0, 240.0, 80.0))
    comp = RegionComposer(region, blocks, INK, False)
    f = comp.fit()
    mono = [m for m in comp.place(f) if isinstance(m, TextMark) and m.face == theme.MONO]
    rows: dict[float, list[TextMark]] = {}
    for m in mono:
        rows.setdefault(round(m.y, 2), []).append(m)
    # one column: every row starts at the panel's text edge or to its right, in one column's width
    colw = (comp._body(f.size)[2] - (f.ncols - 1) * theme.COLUMN_GAP) / f.ncols
    assert max(m.x for m in mono) - min(m.x for m in mono) < colw
    written = ["".join(m.text for m in sorted(ms, key=lambda m: m.x)).strip() for _, ms in sorted(rows.items())]
    heads = [w.split("(")[0] for w in written if w.startswith(("from", "import", "def"))]
    assert heads == ["from dataclasses import dataclass", "from pathlib import Path", "import json"] + [
        f"def step_{k}" for k in range(14)]


def test_an_execution_box_keeps_its_session_as_typed() -> None:
    session = ['>>> model("2+2")', "→ 4", '>>> model("사과 값")', "→$3"]
    width = 28
    box = ["┌" + "─" * width + "┐"] + [f"│ {s:<{width - 1}}│" for s in session] + ["└" + "─" * width + "┘"]
    (frame,) = blocks_of("```\n" + "\n".join(box) + "\n```")
    (code,) = frame.blocks
    assert isinstance(code, CodeBlock)  # not a quote: '>>>' is no markdown here
    assert code.source_lines() == session
