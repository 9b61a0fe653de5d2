"""Korean line breaking: at spaces, between syllables only for a too-long word, kinsoku."""

from __future__ import annotations

from renderer.compose import fonts
from renderer.compose.inline import Run, parse_inline
from renderer.compose.linebreak import NO_END, NO_START, set_lines


def _text(line) -> str:
    out = ""
    last_end = None
    for x, p in line.pieces:
        if last_end is not None and x - last_end > 0.05:
            out += " "
        out += p.text
        last_end = x + p.width
    return out


def test_breaks_at_spaces_and_keeps_every_word() -> None:
    text = "사전학습된 Base Model을 대화 데이터셋으로 추가 학습시키는 과정"
    lines = set_lines([Run(text)], 30.0, 10.0)
    assert len(lines) > 1
    assert " ".join(_text(ln) for ln in lines) == text
    for ln in lines:
        assert ln.width <= 30.0 + 1e-6


def test_a_word_wider_than_the_line_breaks_between_syllables() -> None:
    word = "가나다라마바사아자차카타파하" * 2
    lines = set_lines([Run(word)], 15.0, 10.0)
    assert len(lines) > 1
    assert "".join(_text(ln) for ln in lines) == word
    assert all(ln.width <= 15.0 + 1e-6 for ln in lines)


def test_never_starts_a_line_with_a_closer_nor_ends_with_an_opener() -> None:
    text = "(사전학습) 인터넷, 문서. 학습 (지도학습 미세조정) 대화 데이터, 결과. " * 4
    for width in (12.0, 18.0, 25.0, 33.0):
        for ln in set_lines([Run(text)], width, 9.0):
            t = _text(ln)
            assert t and t[0] not in NO_START
            assert t[-1] not in NO_END


def test_fits_a_width_measured_from_the_font_tables() -> None:
    w = fonts.width("Helpful 도움", 12.0)
    assert len(set_lines([Run("Helpful 도움")], w + 0.01, 12.0)) == 1
    assert len(set_lines([Run("Helpful 도움")], w - 1.0, 12.0)) == 2


def test_chips_are_not_split_when_they_fit() -> None:
    runs = parse_inline("`<|im_start|>`user`<|im_sep|>`What is 2+2?`<|im_end|>`")[0]
    lines = set_lines(runs, 40.0, 9.0)
    for ln in lines:
        for _, p in ln.pieces:
            if p.run.chip:
                assert p.text in {r.text for r in runs}
