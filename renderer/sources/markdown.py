"""The one markdown parser configuration every reader uses."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def inline_text(tokens: list[Token], i: int) -> str:
    """Plain content of the inline token that follows an opening token at ``i``."""
    for t in tokens[i + 1 : i + 3]:
        if t.type == "inline":
            return t.content
    return ""
