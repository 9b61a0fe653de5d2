"""A prompt holding every kind of character an author types (CJK punctuation, Hanja, full-width
forms, Greek and maths, arrows, superscripts, keycaps, ZWJ emoji, skin tones, flags, two
characters no font has) and fenced code blocks: it renders, with a warning for exactly the
characters no font has, and the PDF holds the text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet.check import check
from cheatsheet.compose.blocks.code import CodeBlock
from cheatsheet.compose.page import _composers
from cheatsheet.errors import InputError
from cheatsheet.render import lay_out, render
from cheatsheet.sources import read_input

PROMPT = Path(__file__).parent / "prompts" / "typography_ko.md"
MISSING = {"\ue000": "U+E000", "\U00020000": "U+20000"}


@pytest.fixture(scope="module")
def rendered():
    return render(PROMPT, dpi=50)


def _line_col(ch: str) -> tuple[int, int]:
    for k, line in enumerate(PROMPT.read_text(encoding="utf-8").splitlines(), start=1):
        if ch in line:
            return k, line.index(ch) + 1
    raise AssertionError(ch)


def test_renders_and_fits(rendered) -> None:
    assert rendered.pdf and rendered.png
    assert all(f.fits for f in rendered.page.fits.values())
    assert len(rendered.pdf) < 300_000  # Noto Sans KR is embedded as a subset


def test_warns_for_the_characters_no_font_has_and_only_them(rendered) -> None:
    warned = [n for n in rendered.notices if "no font has" in n.message]
    assert len(warned) == len(MISSING)
    for ch, code in MISSING.items():
        (n,) = [n for n in warned if code in n.message]
        assert n.file == str(PROMPT) and (n.line, n.col) == _line_col(ch)
        assert str(n).startswith(f"{PROMPT}:{n.line}:{n.col}: warning: ")
    assert {u.char for u in rendered.page.uncovered} == set(MISSING)


def test_pdf_text_holds_every_kind_of_character(rendered) -> None:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages)
    flat = re.sub(r"\s+", "", text)
    for piece in ("「학습」", "『딥러닝교과서』", "〈논문〉", "《단행본》", "1〜3장", "※", "사전학습・미세조정", "그리고…",
                  "學習", "人工知能", "ＡＢＣ", "１２３", "（전각괄호）", "θ,α,λ,σ", "∑p(x)=1", "π≈3.14", "손실≤0.5",
                  "3×4=12", "x²+y²=r²", "10³", "√2≈1.414", "n→∞", "eⁿ", "2¹⁰", "⇒", "⟶", "↔", "↺", "⟂",
                  "def attention(q, k, v, mask=None):", '"temperature":', "gantt"):
        assert re.sub(r"\s+", "", piece) in flat, piece
    for ch in MISSING:
        assert ch not in text


def test_fenced_blocks_are_code(rendered) -> None:
    chapter = read_input(PROMPT)
    comps = _composers(chapter, lay_out(chapter), [])
    code = [b for c in comps.values() for b in c.blocks if isinstance(b, CodeBlock)]
    assert sorted(b.lang for b in code) == ["json", "mermaid", "python"]


def test_check_reports_them_as_errors() -> None:
    report = check(PROMPT)
    errors = [f for f in report.findings if f.severity == "error"]
    assert sorted(f.kind for f in errors) == ["uncovered", "uncovered"]
    assert {(f.line, f.col) for f in errors} == {_line_col(ch) for ch in MISSING}
    assert all(f.region == "band3.col1" for f in errors)


def test_strict_render_fails_on_them() -> None:
    with pytest.raises(InputError) as err:
        render(PROMPT, dpi=30, strict=True)
    assert "U+E000" in err.value.message and (err.value.line, err.value.col) == _line_col("\ue000")
