"""What every kind of block answers: measure(width, size) -> height; place(...) -> marks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Protocol, TypeVar

from .ink import Ink
from .marks import Mark

T = TypeVar("T")


def per_width(method: Callable[..., T]) -> Callable[..., T]:
    """Remember a block's layout for each (width, size): auto-fit asks the same question many
    times while it searches the size and the columns.  The block keeps the answers in ``_cache``."""
    name = method.__name__

    @wraps(method)
    def remembered(self, width: float, size_pt: float) -> T:
        key = (name, round(width, 2), size_pt)
        cache = self._cache
        if key not in cache:
            cache[key] = method(self, width, size_pt)
        return cache[key]

    return remembered


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
