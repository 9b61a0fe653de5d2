"""A table's column widths: ruled across its column when it fits, and, when it must wrap, its narrow
columns written whole where that makes the table lower."""

from __future__ import annotations

import pytest

from cheatsheet import theme
from cheatsheet.compose.blocks.table import TableBlock, pipe_table
from cheatsheet.compose.ink import Ink
from cheatsheet.compose.marks import StrokeMark
from cheatsheet.compose.text.linebreak import natural_width

ARENA = ["| 순위 (2025년 초) | 모델 | 특징 |", "|---|---|---|",
         "| 상위권 | Google Gemini 계열 | 🇺🇸 Proprietary |",
         "| 상위권 | OpenAI GPT-4o / o1 계열 | 🇺🇸 Proprietary |",
         "| 3위권 | DeepSeek-R1 | 🇨🇳 Open Weights (MIT 라이선스) |"]
SIZE = 12.0


def _table(src: list[str]) -> TableBlock:
    return pipe_table(src, 1, ())


def _outline_width(t: TableBlock, width: float) -> float:
    """The width of the table's drawn outline (its second stroke: the first is the header's tint)."""
    marks = [m for m in t.place(0.0, 0.0, width, SIZE, _ink()) if isinstance(m, StrokeMark) and m.closed]
    xs = [x for x, _ in marks[1].points]
    return max(xs) - min(xs)


def _ink() -> Ink:
    return Ink.nth(0)


def test_a_table_that_fits_is_ruled_across_its_column() -> None:
    t = _table(["| a | b |", "|---|---|", "| 1 | 2 |"])
    for width in (60.0, 150.0):
        assert _outline_width(t, width) == pytest.approx(width)
        widths, grid, _ = t._layout(width, SIZE)
        assert all(len(cell) == 1 for row in grid for cell in row)
        assert widths[0] == pytest.approx(widths[1], rel=0.5)  # shared alike, not all to one column


def test_a_wrapping_table_writes_its_narrow_column_whole_when_that_makes_it_lower() -> None:
    t = _table(ARENA)
    pad = 2 * theme.TABLE_PAD_EM * SIZE * theme.PT_MM
    natural = sum(max(natural_width(r[c], SIZE) for r in t._cells()) + pad for c in range(t.ncols))
    assert len(t._widths(natural + 1.0, SIZE)) == 1  # room for every cell on one line: nothing to choose
    width = natural * 0.8
    candidates = t._widths(width, SIZE)
    assert len(candidates) > 1 and all(sum(w) == pytest.approx(width) for w in candidates)
    widths, grid, heights = t._layout(width, SIZE)
    assert len(grid[0][0]) == 1  # "순위 (2025년 초)" on one line
    proportional = TableBlock(t.header, t.rows, t.line)
    proportional._widths = lambda w, s: candidates[:1]  # type: ignore[method-assign]
    assert sum(heights) < sum(proportional._layout(width, SIZE)[2])
    assert t.measure(width, SIZE) < proportional.measure(width, SIZE)


def test_every_word_stays_in_the_table() -> None:
    t = _table(ARENA)
    for width in (t.min_width(SIZE) + 0.5, 80.0, 120.0, 400.0):
        _, grid, _ = t._layout(width, SIZE)
        written = "".join(p.text for row in grid for cell in row for ln in cell for _, p in ln.pieces)
        for word in ("순위", "Gemini", "GPT-4o", "DeepSeek-R1", "Proprietary", "라이선스)"):
            assert word in written, (width, word)
