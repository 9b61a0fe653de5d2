"""What a box's sketch asks of the drawer is read, never written: a kind of picture named in brackets at the end of
a line (plan/sketch.py)."""

from __future__ import annotations

import pytest

from cheatsheet.plan.sketch import read_requests


@pytest.mark.parametrize("line, kept, note", [
    ("vs Few-shot CoT (table)", "vs Few-shot CoT", "(table)"),
    ("RL 개념 지도 (Mind Map)", "RL 개념 지도", "(Mind Map)"),
    ("교과서 비유 (표)", "교과서 비유", "(표)"),
    ("문제 → 풀이 → 채점 (flowchart)", "문제 → 풀이 → 채점", "(flowchart)"),
])
def test_a_kind_in_brackets_at_a_lines_end_is_a_request(line: str, kept: str, note: str) -> None:
    text, read = read_requests(f"Standard vs Zero-shot CoT\n{line}", "Three Ways")
    assert text == f"Standard vs Zero-shot CoT\n{kept}"
    assert note in read


@pytest.mark.parametrize("line", ["GPT-4o (RLHF)", "Pre-training (사전학습)", "표 (table) 만들기 순서", "출력 (chart of costs)"])
def test_brackets_that_are_the_lines_own_words_stay(line: str) -> None:
    assert read_requests(line, "x") == (line, [])
