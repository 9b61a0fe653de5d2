"""What the command prints: UTF-8 on any console, colour on a terminal (or as --color says), -q / -v."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from .errors import shown

# rich styles of the message kinds (only written where wants_colour says)
_STYLES = {"error": "bold red", "warning": "yellow", "note": "dim"}


def utf8_streams() -> None:
    """Write stdout and stderr as UTF-8, whatever the console or a redirected stream would use
    (a Windows cp1252 pipe would otherwise raise on the first Hangul syllable)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(encoding="utf-8", errors="backslashreplace")
        except (ValueError, OSError):
            pass


COLOR_MODES = ("auto", "always", "never")
_mode = {"color": "auto"}


def set_colour(mode: str) -> None:
    """``--color``: ``always`` and ``never`` decide; ``auto`` leaves it to the stream (wants_colour)."""
    if mode not in COLOR_MODES:
        raise ValueError(mode)
    _mode["color"] = mode


def wants_colour(stream: TextIO) -> bool:
    """As ``--color`` says; by default (auto) on a terminal only, and never when NO_COLOR is set
    or TERM is dumb."""
    if _mode["color"] != "auto":
        return _mode["color"] == "always"
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@dataclass
class Console:
    """verbosity: 0 quiet (errors only), 1 normal (warnings and the files written), 2 verbose."""

    verbosity: int = 1

    def out(self, text: str) -> None:
        """A result line (a file written): stdout, not in quiet mode."""
        if self.verbosity >= 1:
            print(shown(text), flush=True)

    def warning(self, text: str) -> None:
        if self.verbosity >= 1:
            self._err(text, "warning")

    def error(self, text: str) -> None:
        self._err(text, "error")

    def detail(self, text: str) -> None:
        """What -v adds: how the sheet was fitted."""
        if self.verbosity >= 2:
            self._err(text, "note")

    def _err(self, text: str, kind: str) -> None:
        text = shown(text)  # an input's escape sequences never reach the terminal raw
        if wants_colour(sys.stderr):  # the first line (place, severity, message) in its kind's colour
            from rich.console import Console as RichConsole
            from rich.text import Text

            first, _, rest = text.partition("\n")
            styled = Text()
            styled.append(first, style=_STYLES[kind])
            if rest:
                styled.append("\n" + rest)
            RichConsole(file=sys.stderr, force_terminal=True, color_system="standard", soft_wrap=True,
                        highlight=False).print(styled)
            sys.stderr.flush()
            return
        print(text, file=sys.stderr, flush=True)


def display_pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns: a Hangul syllable or an emoji
    takes two, so that a table of Korean titles stays aligned."""
    from wcwidth import wcswidth

    shown = wcswidth(text)
    if shown < 0:  # a control character: count characters instead
        shown = len(text)
    return text + " " * max(0, width - shown)
