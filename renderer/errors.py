"""One error family for every input problem, with its place in the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class InputError(Exception):
    """A problem with an input file: where, what, and how to fix it."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""
    source_line: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"

    def render(self) -> str:
        """The full message: place, the offending line with a caret, the hint."""
        out = [str(self)]
        text = self.source_line
        if text is None:
            text = read_line(self.file, self.line)
        if text is not None:
            text = text.rstrip("\n")
            out.append("  " + text)
            col = max(1, self.col)
            out.append("  " + caret_pad(text, col - 1) + "^")
        if self.hint:
            out.append("hint: " + self.hint)
        return "\n".join(out)


@dataclass
class Notice:
    """A warning with a place: printed, never fatal (unless --strict)."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: warning: {self.message}"


class FitError(InputError):
    """The content cannot be placed on the page at the smallest allowed size."""


def caret_pad(text: str, index: int) -> str:
    """Spaces that put a caret under character ``index`` in a terminal."""
    from wcwidth import wcswidth

    width = wcswidth(text[:index])
    return " " * max(0, width)


def read_line(file: str, line: int) -> str | None:
    try:
        lines = Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None
