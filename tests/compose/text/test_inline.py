"""Inline markup: bold on marker, code and special-token chips, token sequences, cost tags, ticks."""

from __future__ import annotations

import pytest

from cheatsheet import theme
from cheatsheet.compose.text.inline import parse_inline, plain_text


def test_bold_and_code() -> None:
    (line,) = parse_inline("a **핵심** 개념 `code` 끝")
    assert [(r.text, r.style) for r in line] == [("a ", "plain"), ("핵심", "bold"), (" 개념 ", "plain"),
                                                  ("code", "code"), (" 끝", "plain")]


def test_softbreaks_are_lines() -> None:
    assert len(parse_inline("하나\n둘\n셋")) == 3


def test_special_tokens_are_token_chips_and_glued_text_becomes_chips() -> None:
    (line,) = parse_inline("<|im_start|>user<|im_sep|>What is 2+2?<|im_end|>")
    assert [(r.text, r.style) for r in line] == [
        ("<|im_start|>", "token"), ("user", "code"), ("<|im_sep|>", "token"), ("What is 2+2?", "code"),
        ("<|im_end|>", "token")]


def test_a_single_special_token_in_a_sentence_stays_a_chip_in_text() -> None:
    (line,) = parse_inline("`<|im_start|>`: 턴 시작")
    assert line[0].style == "token" and line[1].style == "plain"


def test_cost_tags_and_ticks() -> None:
    (line,) = parse_inline("사전학습: $$$$$ ✅ 후속 ❌")
    tags = [r for r in line if r.text == "$$$$$"]
    assert tags and tags[0].color == theme.CROSS_RED
    assert next(r for r in line if r.text == "✅").color == theme.TICK_GREEN
    assert next(r for r in line if r.text == "❌").color == theme.CROSS_RED
    assert plain_text(line) == "사전학습: $$$$$ ✅ 후속 ❌"


def test_emphasis_phrases_go_on_marker() -> None:
    (line,) = parse_inline("ChatGPT = Trust but Verify 원칙", ("Trust but Verify",))
    assert ("Trust but Verify", "bold") in [(r.text, r.style) for r in line]


def _styled(text: str) -> list[tuple[str, str]]:
    (line,) = parse_inline(text)
    return [(r.text, r.style) for r in line]


@pytest.mark.parametrize("text, bold, rest", [
    ('**"죄송하지만"**로 답한다', '"죄송하지만"', "로 답한다"),
    ("**LLM**은 다음 토큰을 예측", "LLM", "은 다음 토큰을 예측"),
    ("이것은 **(중요)**입니다", "(중요)", "입니다"),
    ("**「토큰」**이란", "「토큰」", "이란"),
    ("**RLHF(인간 피드백)**를 쓴다", "RLHF(인간 피드백)", "를 쓴다"),
    ("모델은**확률**로 답한다", "확률", "로 답한다"),
])
def test_bold_glued_to_korean_particles(text: str, bold: str, rest: str) -> None:
    runs = _styled(text)
    assert (bold, "bold") in runs
    assert runs[-1] == (rest, "plain")
    assert "*" not in plain_text(parse_inline(text)[0])


@pytest.mark.parametrize("text, want", [
    ("5 * 3 * 2", [("5 * 3 * 2", "plain")]),
    ("snake_case_name", [("snake_case_name", "plain")]),
    ("a **b** c", [("a ", "plain"), ("b", "bold"), (" c", "plain")]),
    ("**unclosed bold", [("unclosed bold", "plain")]),
    ("a lone ` backtick", [("a lone  backtick", "plain")]),
])
def test_latin_emphasis_is_commonmark_and_stray_marks_are_dropped(text: str, want: list) -> None:
    assert _styled(text) == want
