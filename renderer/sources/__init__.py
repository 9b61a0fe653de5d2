"""Read an input (a cheat-sheet prompt or a chapter YAML) into a Chapter."""

from __future__ import annotations

from pathlib import Path

from ..model import Chapter

STDIN = "-"  # the input name that reads a prompt from standard input
STDIN_NAME = "<stdin>"  # how such a prompt is named in messages


def read_input(path: str | Path, source: str | Path | None = None) -> Chapter:
    """A prompt (markdown, any extension) or a chapter YAML, by its extension; ``-`` reads a prompt
    from standard input.  ``source``: a chapter source file giving the chapter's moment in the video
    (see sources/moment.py), used where the input's own front matter gives none."""
    chapter = _read(path)
    if source is None:
        return chapter
    from .moment import read_source, with_moment

    return with_moment(chapter, read_source(Path(source)))


def _read(path: str | Path) -> Chapter:
    if str(path) == STDIN:
        import sys

        from ..errors import remember_text
        from .prompt import read_prompt
        from .text_file import decode_text, read_limited

        text = decode_text(read_limited(sys.stdin.buffer, STDIN_NAME), STDIN_NAME)
        remember_text(STDIN_NAME, text)
        return read_prompt(Path(STDIN_NAME), text)
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        from .chapter_yaml import read_chapter_yaml

        return read_chapter_yaml(p)
    from .prompt import read_prompt

    return read_prompt(p)
