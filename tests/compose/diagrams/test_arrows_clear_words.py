"""Arrows never cross writing: on every sheet (the prompts of tests/data/pictures, the bundled
chapters and the corpus's sheets richest in pictures) no arrow's path runs through the box of a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.compose.diagrams.label import crosses
from cheatsheet.compose.marks import ArrowMark, TextMark
from cheatsheet.compose.shapes import bent
from cheatsheet.render import compose
from tests.compose.helpers import extent

ROOT = Path(__file__).resolve().parents[3]
# the sheets written for this test, the bundled chapters and the prompt corpus's pictures-heavy sheets
SHEETS = (sorted((ROOT / "tests" / "data" / "pictures").glob("*.md")) + sorted((ROOT / "chapters").glob("*.yaml"))
          + [ROOT / "tests" / "prompts" / f"{n}.md" for n in ("mermaid_zoo", "ch05_tokenization", "ch18_deepseek_r1")])
INSET = 0.15  # mm: a stroke's wobble may graze a word's box; it may not run through it


def arrow_paths(marks) -> list[tuple[ArrowMark, tuple]]:
    return [(m, bent(m.start, m.end, m.bend)) for m in marks if isinstance(m, ArrowMark)]


def crossings(marks) -> list[tuple[str, ArrowMark]]:
    words = []
    for m in marks:
        if isinstance(m, TextMark) and m.text.strip() and not m.rotation:
            x0, y0, x1, y1 = extent(m)
            if x1 - x0 > 2 * INSET and y1 - y0 > 2 * INSET:
                words.append((m.text, (x0 + INSET, y0 + INSET, x1 - x0 - 2 * INSET, y1 - y0 - 2 * INSET)))
    out = []
    for arrow, path in arrow_paths(marks):
        for text, box in words:
            if any(crosses(box, p, q) for p, q in zip(path, path[1:])):
                out.append((text, arrow))
    return out


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.stem)
def test_no_arrow_crosses_a_word(sheet: Path) -> None:
    _, page = compose(sheet, overflow_ok=True)
    if sheet.stem in ("arrows_over_words", "decision_nodes", "ways_back"):
        assert len(arrow_paths(page.marks)) >= 4  # the sheets written to put arrows beside words
    assert crossings(page.marks) == []


def test_the_check_sees_an_arrow_over_a_word() -> None:
    word = TextMark(10.0, 20.0, "7개", 10.0, "Nanum Pen", "#000")
    over = ArrowMark((5.0, 19.0), (25.0, 19.0), "#000", 1.0, 1.0)
    beside = ArrowMark((5.0, 30.0), (25.0, 30.0), "#000", 1.0, 1.0)
    assert crossings([word, over]) == [("7개", over)]
    assert crossings([word, beside]) == []
