"""A list stays a list: worked steps with sums of money are list items written as typed; a bar
chart comes only from a whole list that compares amounts (``label: $$$``)."""

from __future__ import annotations

import pytest

from cheatsheet.compose.blocks.costbars import CostBarsBlock
from tests.compose.helpers import blocks_of

WORKED = """1. 오렌지 합계: $2 × 2 = $4
2. 남은 돈 → 7개
3. 사과 합계: $13 − $4 = $9
4. 사과 1개: $9 ÷ 3 = $3"""


def test_worked_steps_with_sums_are_a_list() -> None:
    blocks = blocks_of(WORKED)
    assert not any(isinstance(b, CostBarsBlock) for b in blocks)
    assert [b.texts()[0] for b in blocks] == [
        "오렌지 합계: $2 × 2 = $4", "남은 돈 → 7개", "사과 합계: $13 − $4 = $9", "사과 1개: $9 ÷ 3 = $3"]


@pytest.mark.parametrize("md", [
    "- 사과: $ 13\n- 배: $ 9",
    "- 점심: $12.50\n- 저녁: $30",
    "- 데이터 준비\n- 사전학습: $$$$$\n- 후속학습: $\n- 배포",
    "1. 준비: 끝\n2. 사전학습: $$$$$\n3. 후속학습: $",
], ids=["spaced-sums", "decimal-sums", "inside-a-longer-list", "after-an-item"])
def test_no_chart_from_sums_or_from_a_part_of_a_list(md: str) -> None:
    assert not any(isinstance(b, CostBarsBlock) for b in blocks_of(md))


@pytest.mark.parametrize("md", [
    "- 사전학습: $$$$$ (수백만 달러)\n- 후속학습: $ (훨씬 저렴)",
    "비용 비교:\n\n사전학습: $$$$$\n후속학습: $",
])
def test_a_list_comparing_amounts_is_a_chart(md: str) -> None:
    charts = [b for b in blocks_of(md) if isinstance(b, CostBarsBlock)]
    assert len(charts) == 1
    assert [(r.label, r.dollars) for r in charts[0].rows] == [("사전학습", 5), ("후속학습", 1)]
