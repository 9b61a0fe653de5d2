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
        return place(self.file, self.line, self.col) + f"error: {self.message}"

    def render(self) -> str:
        """The full message: place, the offending line with a caret, the hint."""
        return diagnostic(ERROR, self.message, self.file, self.line, self.col, self.hint, self.source_line)


@dataclass
class Notice:
    """A warning with a place: printed, never fatal (unless --strict)."""

    file: str
    line: int
    col: int
    message: str
    kind: str = ""  # what it is about, when something reads notices ("uncovered": a character no font has)
    hint: str = ""  # what to do; by default the one hints.py gives its message

    def __post_init__(self) -> None:
        if not self.hint:
            from .hints import hint_for

            self.hint = hint_for(self.message)

    @property
    def headline(self) -> str:
        """The first line: place, ``warning:``, the message."""
        return shown(place(self.file, self.line, self.col) + f"warning: {self.message}")

    def __str__(self) -> str:
        """As every diagnostic: the headline, then ``hint: what to do``."""
        return diagnostic(WARNING, self.message, self.file, self.line, self.col, self.hint, show_line=False)


def with_note(text: str, note: str) -> str:
    """A diagnostic with `` (note)`` at the end of its first line (before the caret and hint lines)."""
    first, nl, rest = text.partition("\n")
    return f"{first} ({note}){nl}{rest}"


ERROR, WARNING = "error", "warning"


def place(file: str = "", line: int = 0, col: int = 0) -> str:
    """``file:line:col: `` where the position is known, ``file: `` where only the file is, and
    ``cheatsheet: `` for a problem of no file (the way compilers name themselves)."""
    if not file:
        return "cheatsheet: "
    if line <= 0:
        return f"{file}: "
    return f"{file}:{line}:{col}: " if col > 0 else f"{file}:{line}: "


def diagnostic(severity: str, message: str, file: str = "", line: int = 0, col: int = 0, hint: str = "",
               source_line: str | None = None, show_line: bool = True) -> str:
    """The one form of every diagnostic of every command::

        FILE:LINE:COL: error|warning: MESSAGE
          the line itself
          ^ under the column
        hint: what to do

    The line and caret only where there is a real line (never for a problem of the whole file),
    the hint only where there is one."""
    out = [shown(place(file, line, col) + f"{severity}: {message}")]
    if show_line and line > 0:
        text = source_line if source_line is not None else read_line(file, line)
        if text is not None:  # an empty line too: the caret then marks its end
            text = text.rstrip("\n")
            before = shown(text[: max(1, col) - 1])  # control characters shown escaped, the caret still under
            out.append("  " + shown(text))
            out.append("  " + caret_pad(before, len(before)) + "^")
    if hint:
        out.append("hint: " + shown(hint))
    return "\n".join(out)


def os_error(exc: OSError, file: str = "") -> str:
    """A file that cannot be read or written, as a diagnostic: what, which file, what to do (never
    the operating system's raw ``[Errno N]`` text)."""
    why = (exc.strerror or str(exc)).lower()
    target = exc.filename or ""
    if str(exc).startswith("cannot write into the folder"):  # export.OutputFolderError says it all
        message, _, hint = str(exc).partition("; ")
        return diagnostic(ERROR, message, file, hint=hint)
    what = f"cannot write or read {target}" if target else "a file operation failed"
    hints = {"permission denied": "make the file or its folder writable, or choose another output with -o",
             "no space left on device": "free some space, or choose another output folder with -o DIR",
             "read-only file system": "choose another output folder with -o DIR"}
    return diagnostic(ERROR, f"{what}: {why}", file, hint=hints.get(why, "check the path and its permissions"))


class FitError(InputError):
    """The content cannot be placed on the page at the smallest allowed size."""

    over: tuple[tuple[str, float], ...] = ()  # (region id, mm it needs beyond its box), most first
    pages: float = 0.0  # when known: how many pages the content would cover at the hard floor (an estimate)


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
