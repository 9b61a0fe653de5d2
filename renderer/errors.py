"""One error family for every input problem, with its place in the file."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .limits import MAX_INPUT_BYTES


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
        """The full message: place, the offending line with a caret, the hint; control characters
        (a terminal's escape sequences among them) shown escaped, the caret still under its column."""
        out = [shown(str(self))]
        text = self.source_line
        if text is None:
            text = read_line(self.file, self.line)
        text = (text or "").rstrip("\n")
        col = max(1, self.col)
        out.append("  " + shown(text))
        before = shown(text[: col - 1])
        out.append("  " + caret_pad(before, len(before)) + "^")
        if self.hint:
            out.append("hint: " + shown(self.hint))
        return "\n".join(out)


@dataclass
class Notice:
    """A warning with a place: printed, never fatal (unless --strict)."""

    file: str
    line: int
    col: int
    message: str
    kind: str = ""  # what it is about, when something reads notices ("uncovered": a character no font has)

    def __str__(self) -> str:
        return shown(f"{self.file}:{self.line}:{self.col}: warning: {self.message}")


class FitError(InputError):
    """The content cannot be placed on the page at the smallest allowed size."""

    over: tuple[tuple[str, float], ...] = ()  # (region id, mm it needs beyond its box), most first


# What a diagnostic never writes raw: C0 and C1 controls (but tab and line feed), DEL, and the
# bidirectional overrides and isolates that reorder what a terminal shows.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """``text`` as a diagnostic may print it: each control character as its escape (``\\x1b``), so
    that an input can neither drive the terminal nor hide what it says."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def caret_pad(text: str, index: int) -> str:
    """What puts a caret under character ``index`` of ``text`` in a terminal.

    Wide characters (Hangul, emoji, an emoji widened by U+FE0F) take two
    spaces; a tab stays a tab, so the caret lines up wherever the terminal's
    tab stops are; control characters take none.
    """
    from wcwidth import wcwidth

    out: list[str] = []
    prev = ""
    for ch in text[:index]:
        if ch == "\t":
            out.append("\t")
        elif ch == "\ufe0f":
            if prev and wcwidth(prev) == 1:
                out.append(" ")
        else:
            out.append(" " * max(0, wcwidth(ch)))
        prev = ch
    return "".join(out)


# Texts that are not files (a prompt read from standard input), by the name messages give them.
_TEXTS: dict[str, str] = {}


def remember_text(name: str, text: str) -> None:
    """Keep ``text`` so that an error in it can show its line, though there is no file to read."""
    _TEXTS[name] = text


def read_line(file: str, line: int) -> str | None:
    """Line ``line`` (1-based) of a file, counted as the readers count: only line feeds end a line."""
    text = _TEXTS.get(file)
    try:
        if text is None:
            p = Path(file)
            if not stat.S_ISREG(p.stat().st_mode):  # never wait on a pipe or read a device
                return None
            with p.open("rb") as f:
                text = f.read(MAX_INPUT_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None
