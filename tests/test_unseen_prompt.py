"""A prompt of the same kind as the seeds, written for the tests: stacked rows in a column,
column splits from the ratio spec, a mermaid flowchart (with a self-loop and a dashed edge)
and a mermaid mindmap."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet.compose.diagrams.graph import GraphBlock
from cheatsheet.compose.diagrams.mindmap import MindMapBlock
from cheatsheet.compose.page import _composers
from cheatsheet.render import lay_out, render
from cheatsheet.sources import read_input

PROMPT = Path(__file__).parent / "prompts" / "ch05_tokenization.md"


def test_layout_of_the_unseen_prompt() -> None:
    layout = lay_out(read_input(PROMPT))
    ids = [r.id for b in layout.bands for r in b.walk()]
    assert "band2.col2.row1" in ids and "band2.col2.row2" in ids
    band4 = layout.bands[3]
    a, b = band4.children
    assert a.rect[2] / (a.rect[2] + b.rect[2]) == pytest.approx(0.4, abs=0.01)


def test_mermaid_blocks_become_pictures() -> None:
    chapter = read_input(PROMPT)
    layout = lay_out(chapter)
    comps = _composers(chapter, layout, [])
    kinds = {rid: [type(b) for b in c.blocks] for rid, c in comps.items()}
    assert GraphBlock in kinds["band3"]
    assert MindMapBlock in kinds["band4.col1"]


def test_renders_with_every_word() -> None:
    r = render(PROMPT, dpi=50)
    assert all(f.fits for f in r.page.fits.values())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.pdf)).pages).replace(" ", "")
    for word in ("UTF-8바이트", "BPE병합", "토큰ID시퀀스", "신경망입력", "반복", "어휘100K", "병합규칙",
                 "숫자·철자작업에약함", "공백도토큰!"):
        assert word in text, word
