"""What every kind of block answers: measure(width, size) -> height; place(...) -> marks."""

from __future__ import annotations

from typing import Protocol

from .ink import Ink
from .marks import Mark


class Block(Protocol):
    line: int  # source line, for messages
    keep_with_next: bool  # a lead-in line stays in the same column as what follows

    def measure(self, width: float, size_pt: float) -> float:
        """Height in mm at this width and body size."""

    def min_width(self, size_pt: float) -> float:
        """The narrowest width this block can be set in without overflowing sideways."""

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        """Marks inside the rectangle (x, y, width, measure(width, size_pt))."""

    def texts(self) -> list[str]:
        """Every string this block writes on the page (for the font-coverage check)."""
