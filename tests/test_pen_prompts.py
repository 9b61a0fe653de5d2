"""Whole prompts as other authors write them, rendered end to end: diagrams in heavy, double, rounded and
ASCII lines, ratios written in the diagram, in a table or on one line, bold glued to Korean particles,
an English prompt whose plan asks for a mind map and for bullet points."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet.layout.place import usable_rect
from cheatsheet.render import lay_out, render
from cheatsheet.sources import read_input

PROMPTS = Path(__file__).parent / "prompts"
X0, Y0, W, H = usable_rect()

EXPECTED = {
    # name: (band heights in %, column widths in % per band with columns, a few words of the page)
    "pen_heavy": ([15, 45, 40], {1: [40, 60]}, ["원자단위", "바이트(256개)로시작", "15496,995"]),
    "pen_double": ([10, 40, 50], {1: [45, 55]}, ["죄송하지만", "그럴듯하게", "<SEARCH_START>", "라벨러의"]),
    "pen_rounded": ([15, 55, 30], {1: [100 / 3] * 3}, ["턴시작", "<|im_start|>", "WhyLLMscan'tspell"]),
    "pen_ascii": ([12, 48, 40], {1: [40, 60]}, ["정답이있는문제를", "채점", "RL로긴추론을"]),
    "pen_english": ([12, 30, 38, 20], {1: [45, 55]}, ["8,000tokens", "NeuralNetwork", "mathematicalexpression"]),
}


def _text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout(name: str) -> None:
    heights, widths, _ = EXPECTED[name]
    layout = lay_out(read_input(PROMPTS / f"{name}.md"))
    assert [round(b.rect[3] / H * 100, 3) for b in layout.bands] == pytest.approx(heights, abs=0.01)
    for k, want in widths.items():
        assert [c.rect[2] / W * 100 for c in layout.bands[k].children] == pytest.approx(want, abs=0.01)
    assert all(p.how == "title" for p in layout.placements), [(p.section.title, p.how) for p in layout.placements]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_render(name: str) -> None:
    r = render(PROMPTS / f"{name}.md", dpi=40)
    assert all(f.fits for f in r.page.fits.values())
    text = _text(r.pdf)
    flat = re.sub(r"\s+", "", text)
    for word in EXPECTED[name][2]:
        assert word in flat, word
    assert not re.search(r"[\u2500-\u257f]", text)
    assert "**" not in text and "`" not in text and "|---" not in text and "+---" not in text
    assert "summarizing" not in text and "Mermaid" not in text and "Use Bold" not in text
    assert "[10%]" not in text and "핵심!" not in text
