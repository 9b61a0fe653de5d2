"""Text is read in Unicode normal form C: decomposed Hangul (as macOS writes it) is the syllables."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from cheatsheet import theme
from cheatsheet.compose.marks import TextMark
from cheatsheet.render import compose
from cheatsheet.sources.text_file import decode_text

PROMPT = Path(__file__).parents[1] / "data" / "text" / "drawn_right.md"


def test_decomposed_hangul_is_read_as_syllables() -> None:
    typed = unicodedata.normalize("NFD", "맥에서 쓴 한글")
    assert len(typed) > len("맥에서 쓴 한글")
    assert decode_text(typed.encode("utf-8"), "x.md") == "맥에서 쓴 한글"
    assert decode_text("cafe\u0301".encode(), "x.md") == "caf\u00e9"


def test_a_prompt_typed_decomposed_is_written_in_the_handwriting_whole() -> None:
    raw = PROMPT.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFD", "맥에서") in raw  # the test prompt holds it decomposed
    _, page = compose(PROMPT, overflow_ok=True)
    marks = [m for m in page.marks if isinstance(m, TextMark)]
    hangul = [m for m in marks if "맥에서" in m.text]
    assert hangul and all(m.face == theme.HAND for m in hangul)
    assert not any(unicodedata.category(m.text[0]) == "Mn" for m in marks)  # no mark alone
    assert any("x\u0304" in m.text for m in marks)
    jamo = [m for m in marks if any(0x1100 <= ord(c) <= 0x11FF for c in m.text)]
    assert not jamo
