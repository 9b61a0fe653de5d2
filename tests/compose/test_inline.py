"""Inline markup: bold on marker, code and special-token chips, token sequences, cost tags, ticks."""

from __future__ import annotations

from renderer import theme
from renderer.compose.inline import parse_inline, plain_text


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
