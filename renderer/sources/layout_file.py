"""A layout file (``layouts/NAME.txt``): the diagram under ``# Layout Structure`` and its ratio spec."""

from __future__ import annotations

from pathlib import Path

from ..model import LayoutSource
from .markdown import parse
from .prompt import headings, read_layout_section
from .text_file import read_text


def read_layout_file(path: Path) -> LayoutSource:
    text = read_text(path)
    lines = text.split("\n")
    tokens = parse(text)
    return read_layout_section(str(path), lines, tokens, headings(tokens))


def layout_file_text(src: LayoutSource) -> str:
    return "# Layout Structure\n\n" + "\n".join(src.diagram) + "\n\n" + (src.ratio_text + "\n" if src.ratio_text else "")
