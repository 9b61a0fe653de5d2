"""The one grammar of box drawings: every reader of a drawing goes through it.

``dialects``: light, heavy, double, rounded, dashed and ASCII lines, and their mixtures, redrawn in
light lines (``normalize``).  ``cells``: the light characters, terminal columns (Hangul and most
emoji are two wide) and ``Row``, a piece of a drawn line with each character's column.

Three readers use it: the layout diagram (``layout/diagram.py``, ``layout/regions.py``), content
(``compose/parse.py`` recognises a drawing among the words) and typed pictures
(``compose/diagrams/drawing.py`` redraws one by hand).  It sits below every stage, so that
``sources/`` may use it as well as ``layout/`` and ``compose/``.
"""

from __future__ import annotations

from .cells import (
    BOX_CHARS,
    CORNERS_BOTTOM,
    CORNERS_BOTTOM_RIGHT,
    CORNERS_TOP,
    CORNERS_TOP_RIGHT,
    HLINE,
    VLINE,
    Row,
    char_widths,
)
from .dialects import directions, light, light_line, normalize


def opens_box(st: str) -> bool:
    """A stripped line (in light lines) that opens a box drawing: ``┌`` and a line going on from it."""
    return st[:1] == CORNERS_TOP and any(c in BOX_CHARS for c in st[1:2])


__all__ = [
    "BOX_CHARS", "CORNERS_BOTTOM", "CORNERS_BOTTOM_RIGHT", "CORNERS_TOP", "CORNERS_TOP_RIGHT", "HLINE", "VLINE",
    "Row", "char_widths", "directions", "light", "light_line", "normalize", "opens_box",
]
