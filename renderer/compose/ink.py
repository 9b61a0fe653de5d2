"""A section's inks: the pen, its accent and its highlighter colour."""

from __future__ import annotations

from dataclasses import dataclass

from .. import theme


@dataclass(frozen=True)
class Ink:
    accent: str
    marker: str
    pen: str = theme.PEN

    @classmethod
    def nth(cls, k: int) -> Ink:
        return cls(theme.ACCENTS[k % len(theme.ACCENTS)], theme.MARKERS[k % len(theme.MARKERS)])
