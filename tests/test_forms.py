"""Every prompt, in every way the team writes, from prompt to PDF: one page, the written words on it, and
none of the prompt's machinery.

The written words are those of every piece with data (its requests read) and of every box's sketch, as
the plan sees them; at least 97 % of them must be in the PDF's text, each as written or with another ending (a
sketch that a section says is not drawn, so a few of its words may be missing).  The PDF's text must hold no box-drawing
character, no request to the drawer, no placeholder, no layout hint and none of a generating tool's
chat.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet.compose.text.fonts import check_covered
from cheatsheet.plan.sketch import read_requests
from cheatsheet.plan.terms import stem
from cheatsheet.render import Rendered, lay_out, render
from cheatsheet.sources import read_input
from cheatsheet.sources.requests import drop_requests
from tests.conftest import CHAPTERS, seed
from tests.test_corpus import section_words, squeeze

PROMPTS = Path(__file__).parent / "prompts"
SHEETS = [seed(n) for n in ("ch09", "ch10", "ch24")] + sorted(PROMPTS.glob("*.md")) + sorted(CHAPTERS.glob("*.yaml"))
WORDS_ON_PAGE = 0.97
TWO_PAGES = {"form_08_dense_thinking_models"}  # a teacher's handout far beyond one page: it goes on over a second

# what the prompt says to the drawer, never page text
MACHINERY = [
    "Create a", "Flowchart:", "Mind Map:", "Include the following", "Please generate", "이 구조대로",
    "가장 넓어야", "작업 결과 요약", "/Users/", "/home/", "파일이 저장", "[순환 다이어그램]",
    "[비유 다이어그램]", "(전체 너비)", "Root:", "Level 1:", "3-5 bullet", "Mermaid 다이어그램", "Output Structure",
    "Content Details", "Layout Structure", "배치 비율", "IMPORTANT",
]


@cache
def rendered(path: Path) -> Rendered:
    return render(path, dpi=40, png=False)


@cache
def pdf_text(path: Path) -> str:
    data = rendered(path).pdf
    assert data is not None
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def written_words(path: Path) -> list[str]:
    """The words of every piece with data and of every box's sketch, as read for the page."""
    chapter = read_input(path)
    layout = lay_out(chapter)
    texts = []
    for p in layout.placements:
        if p.region_id:
            texts.append(read_requests("\n".join(drop_requests(p.section.body.split("\n"))), p.section.title)[0])
    for items in layout.content.values():
        texts.extend(c.markdown for c in items)
    texts.extend(c.markdown for c in layout.sketches.values())
    seen: dict[str, None] = {}
    for t in texts:
        for w in section_words(t):
            if check_covered(w) is None and len(squeeze(w)) > 1:
                seen.setdefault(w, None)
    return list(seen)


@pytest.mark.parametrize("path", SHEETS, ids=[p.stem for p in SHEETS])
def test_the_sheet_is_one_page(path: Path) -> None:
    r = rendered(path)
    pages = PdfReader(io.BytesIO(r.pdf or b"")).pages
    if path.stem in TWO_PAGES:
        assert len(pages) == 2 and len(r.page.pages()) == 2
        assert any("goes on over page 2" in n.message for n in r.notices)
    else:
        assert len(pages) == 1, [n.message for n in r.notices]


@pytest.mark.parametrize("path", SHEETS, ids=[p.stem for p in SHEETS])
def test_the_written_words_are_on_the_page(path: Path) -> None:
    words = written_words(path)
    assert words
    text = squeeze(pdf_text(path)).lower()  # "Helpful" in a sketch is the section's "HELPFUL"
    # and 글자를 in a sketch is the section's 글자: a sketch the section says is not drawn again (plan.assign)
    missing = [w for w in words if squeeze(w).lower() not in text and stem(squeeze(w).lower()) not in text]
    share = 1 - len(missing) / len(words)
    assert share >= WORDS_ON_PAGE, f"{share:.1%} of {len(words)} words on the page; missing: {' '.join(missing[:40])}"


@pytest.mark.parametrize("path", SHEETS, ids=[p.stem for p in SHEETS])
def test_no_machinery_reaches_the_page(path: Path) -> None:
    text = pdf_text(path)
    assert not re.search("[\u2500-\u257f]", text), re.findall(".{0,20}[\u2500-\u257f].{0,20}", text)[:5]
    found = [m for m in MACHINERY if m in text]
    assert not found, found
