"""What every kind of block answers: measure(width, size) -> height; place(...) -> marks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Protocol, TypeVar

from ... import theme
from ..ink import Ink
from ..marks import Mark

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


def picture_floor(size_pt: float) -> float:
    """The smallest size a picture is drawn at in a body of ``size_pt``."""
    return max(min(size_pt, theme.TEXT_PT_MIN), size_pt * theme.PICTURE_MIN_SHARE)


def shrinks_to_width(cls: type[T]) -> type[T]:
    """A picture (a chart, a mind map) that cannot be drawn as narrow as a column at the body size
    is drawn a little smaller there, the whole picture alike, by as little as it must and never
    below picture_floor: its min_width is its narrowest drawing at that floor."""
    measure, min_width, place = cls.measure, cls.min_width, cls.place
    used_width = getattr(cls, "used_width", None)

    def size_in(self, width: float, size_pt: float) -> float:
        key = ("size_in", round(width, 2), size_pt)
        cache = self._cache
        if key not in cache:
            lo, hi = picture_floor(size_pt), size_pt
            if min_width(self, hi) <= width + 0.01:
                lo = hi
            elif min_width(self, lo) <= width + 0.01:
                for _ in range(8):
                    mid = (lo + hi) / 2
                    if min_width(self, mid) <= width + 0.01:
                        lo = mid
                    else:
                        hi = mid
            cache[key] = lo
        return cache[key]

    cls.measure = lambda self, width, size_pt: measure(self, width, size_in(self, width, size_pt))
    cls.min_width = lambda self, size_pt: min_width(self, picture_floor(size_pt))
    cls.place = lambda self, x, y, width, size_pt, ink: place(self, x, y, width, size_in(self, width, size_pt), ink)
    if used_width is not None:
        cls.used_width = lambda self, width, size_pt: used_width(self, width, size_in(self, width, size_pt))
    return cls


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
