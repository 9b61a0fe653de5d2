"""Read an input (a cheat-sheet prompt or a chapter YAML) into a Chapter."""

from __future__ import annotations

from pathlib import Path

from ..model import Chapter


def read_input(path: str | Path) -> Chapter:
    """A prompt (markdown, any extension) or a chapter YAML, by its extension."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        from .chapter_yaml import read_chapter_yaml

        return read_chapter_yaml(p)
    from .prompt import read_prompt

    return read_prompt(p)
