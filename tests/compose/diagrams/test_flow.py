"""A text flow adapts to its column: a chain too wide to sit side by side at the body size goes
downwards, a node a row, instead of being written smaller."""

from __future__ import annotations

from cheatsheet.compose.diagrams.flow import FlowBlock
from cheatsheet.compose.ink import Ink
from cheatsheet.compose.marks import ArrowMark, TextMark
from cheatsheet.compose.parse import parse_blocks

CHAIN = ("[인터넷 문서] → [토큰화] → [신경망 사전학습] → [베이스 모델] → [후속학습 SFT] → [어시스턴트]\n"
         "        ↓\n"
         "[평가]")


def _flow() -> FlowBlock:
    (block,) = parse_blocks(CHAIN, 1)
    assert isinstance(block, FlowBlock)
    return block


def test_a_chain_that_fits_sits_side_by_side() -> None:
    f = _flow()
    marks = f.place(0, 0, 260.0, 10.0, Ink.nth(0))
    ys = {round(m.y, 1) for m in marks if isinstance(m, TextMark)}
    assert len(ys) == 2  # the chain on one row, 평가 below it
    arrows = [m for m in marks if isinstance(m, ArrowMark)]
    assert sum(abs(m.start[1] - m.end[1]) < 0.01 for m in arrows) == 5


def test_a_chain_too_wide_for_its_column_goes_down_at_the_body_size() -> None:
    f = _flow()
    size, width = 10.0, 45.0
    assert f.min_width(size) <= width  # so it is never drawn smaller
    marks = f.place(0, 0, width, size, Ink.nth(0))
    texts = [m for m in marks if isinstance(m, TextMark)]
    assert {m.size_pt for m in texts} == {size}
    assert len({round(m.y, 1) for m in texts}) >= 7  # a node a row
    arrows = [m for m in marks if isinstance(m, ArrowMark)]
    assert len(arrows) == 6 and all(abs(m.start[0] - m.end[0]) < 0.01 for m in arrows)  # pointing down
    assert f.measure(width, size) > 3 * f.measure(260.0, size)
    assert all(0 <= m.x <= width for m in texts)
