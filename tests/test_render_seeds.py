"""Each bundled chapter renders to an A4 PDF and PNG holding every section's words."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from cheatsheet.render import render
from cheatsheet.sources import read_input
from cheatsheet.sources.requests import drop_requests
from tests.conftest import CHAPTERS

CHAPTER_NAMES = ["ch09", "ch10", "ch24"]


@pytest.fixture(scope="module", params=CHAPTER_NAMES)
def rendered(request: pytest.FixtureRequest):
    return request.param, render(CHAPTERS / f"{request.param}.yaml")


def _pdf_text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_page_sizes(rendered) -> None:
    _, r = rendered
    page = PdfReader(io.BytesIO(r.pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(841.89, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(595.28, abs=0.01)
    assert Image.open(io.BytesIO(r.png)).size == (2339, 1654)


def test_every_region_fits(rendered) -> None:
    _, r = rendered
    assert r.page.fits, "no region was composed"
    for rid, fit in r.page.fits.items():
        assert fit.fits, rid
        assert fit.size >= 7.0


# the prompt's instructions to draw a picture ("- Create a Mermaid mindmap:", "Root:", "Level 1:")
# become the picture itself, and other requests ("- 3-5 bullet points summarizing:") give way to the
# lines under them: none of them are words on the page
INSTRUCTION_WORDS = re.compile(r"(?i)\b(create an?|mermaid|mind ?map|flowchart|root|level \d+)\b:?")


def _words(markdown: str) -> list[str]:
    text = INSTRUCTION_WORDS.sub(" ", "\n".join(drop_requests(markdown.split("\n"))))
    text = re.sub(r"[`*|>#\-─│┌┐└┘├┤]+", " ", text)
    return [w for w in text.split() if len(w) >= 3 and re.search(r"[가-힣A-Za-z]{3}", w)]


def test_pdf_text_holds_titles_and_words(rendered) -> None:
    name, r = rendered
    text = re.sub(r"\s+", "", _pdf_text(r.pdf))
    chapter = read_input(CHAPTERS / f"{name}.yaml")
    for rid, items in chapter.region_content.items():
        words = [w for c in items for w in _words(c.markdown)]
        assert words, f"{name} {rid}: no word to look for"
        missing = [w for w in words if re.sub(r"[^\w가-힣]", "", w) not in re.sub(r"[^\w가-힣]", "", text)]
        assert not missing, f"{name} {rid}: {missing}"


def test_no_box_drawing_or_markdown_in_pdf_text(rendered) -> None:
    _, r = rendered
    text = _pdf_text(r.pdf)
    assert not re.search(r"[\u2500-\u257f]", text)
    assert "**" not in text and "```" not in text and "|---" not in text and "`" not in text
    assert "summarizing" not in text and "bullet points" not in text
