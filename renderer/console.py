"""What the command prints: UTF-8 on any console, colour only on a terminal, -q / -v."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

from .errors import shown

# ANSI colours of the message kinds (only ever written to a terminal)
_COLOURS = {"error": "\033[1;31m", "warning": "\033[33m", "note": "\033[2m"}
_RESET = "\033[0m"


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


def wants_colour(stream: TextIO) -> bool:
    """Colour on a terminal only, and never when NO_COLOR is set or TERM is dumb."""
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
        if wants_colour(sys.stderr):
            first, _, rest = text.partition("\n")
            text = f"{_COLOURS[kind]}{first}{_RESET}" + (f"\n{rest}" if rest else "")
        print(text, file=sys.stderr, flush=True)
