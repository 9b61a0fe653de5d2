"""Simulated bold is written once in a PDF's text layer (filled and stroked), and still looks drawn
twice in the PNG."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from cheatsheet import theme
from cheatsheet.compose.marks import TextMark
from cheatsheet.export import figure_for, pdf_bytes, png_bytes
from cheatsheet.render import render

PROMPT = Path(__file__).parents[1] / "data" / "text" / "drawn_right.md"


@pytest.fixture(scope="module")
def sheet():
    return render(PROMPT, dpi=100)


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def test_every_bold_word_and_heading_is_in_the_text_layer_once(sheet) -> None:
    text = PdfReader(io.BytesIO(sheet.pdf)).pages[0].extract_text()
    for phrase in ("DRAWN RIGHT", "WHAT IS SFT?", "MARKUP", "Supervised Fine-tuning", "Base Model을"):
        assert text.count(phrase) == 1, (phrase, text)
    for doubled in ("WHATWHAT", "ISIS", "DRAWNDRAWN", "SupervisedSupervised", "BaseBase"):
        assert doubled not in text
    # every word drawn is extracted as often as it is drawn
    drawn: dict[str, int] = {}
    for m in sheet.page.marks:
        if isinstance(m, TextMark):
            for w in _words(m.text):
                drawn[w] = drawn.get(w, 0) + 1
    got = _words(text)
    for w in ("WHAT", "IS", "SFT?", "DRAWN", "RIGHT", "Supervised", "Fine-tuning"):
        assert got.count(w) == drawn[w], w


def _ink(marks: list[TextMark]) -> float:
    fig = figure_for(marks, 200)
    img = np.asarray(Image.open(io.BytesIO(png_bytes(fig, 200))).convert("L"), dtype=float)
    return float((255 - img).sum())


def _content(pdf: bytes) -> bytes:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return page.get_contents().get_data()


def test_bold_is_thicker_in_the_png_and_stroked_in_the_pdf() -> None:
    plain = TextMark(20.0, 30.0, "굵은 말 Bold", 14.0, theme.HAND, theme.PEN)
    bold = TextMark(20.0, 30.0, "굵은 말 Bold", 14.0, theme.HAND, theme.PEN, bold=True)
    paper = _ink([])
    assert _ink([bold]) - paper > 1.15 * (_ink([plain]) - paper)
    fig = figure_for([bold], 200)
    content = _content(pdf_bytes(fig))
    assert content.count(b"2 Tr") == 1 and content.count(b"0 Tr") == 1
    assert b"2 Tr" not in _content(pdf_bytes(figure_for([plain], 200)))
    assert PdfReader(io.BytesIO(pdf_bytes(fig))).pages[0].extract_text().split() == ["굵은", "말", "Bold"]


@pytest.mark.parametrize("name", ["ch09", "ch10", "ch24"])
def test_a_bundled_chapters_text_layer_holds_each_character_drawn_once(name: str) -> None:
    """Every character the page writes is in the PDF's text layer exactly as often as it is written
    (bold and headings drawn twice once made it 7-20 % longer)."""
    from collections import Counter

    from tests.conftest import CHAPTERS

    sheet = render(CHAPTERS / f"{name}.yaml", dpi=40, png=False)
    text = PdfReader(io.BytesIO(sheet.pdf)).pages[0].extract_text()
    got = Counter(c for c in text if not c.isspace())
    drawn = Counter(c for m in sheet.page.marks if isinstance(m, TextMark) for c in m.text if not c.isspace())
    assert got == drawn
