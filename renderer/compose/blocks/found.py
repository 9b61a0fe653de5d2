"""What a kind's recogniser is handed (``Scan``: a region's lines and the writing read so far) and what it
answers (``Found``: the lines it takes and the blocks they make).  ``compose/parse.py`` asks each kind in
turn at each line; the first that answers takes its lines, and lines no kind takes are read as markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...errors import Notice

if TYPE_CHECKING:
    from .base import Block


@dataclass
class Ctx:
    """What every reader of a region shares: the prompt's emphasis list, the notices, the file, and the
    reader itself (a panel's or a frame's lines are read again as a region's are)."""

    emphasis: tuple[str, ...]
    notices: list[Notice]
    file: str
    reader: Callable[..., list[Block]]

    def read(self, markdown: str, line0: int) -> list[Block]:
        """The blocks of ``markdown`` whose first line is ``line0``."""
        return self.reader(markdown, line0, self.emphasis, self.notices, self.file)


@dataclass
class Scan:
    """A region's lines as a recogniser sees them (it changes none of them)."""

    lines: list[str]  # as written (requests dropped)
    drawn: list[str]  # the same lines with every box drawing in light lines (cheatsheet.boxes)
    line0: int  # file line of lines[0]
    ctx: Ctx
    held: list[str] = field(default_factory=list)  # writing read so far that no kind took


def nothing() -> list[Block]:
    return []


@dataclass(frozen=True)
class Found:
    """Lines a kind takes: up to ``end``, from the line it was asked at (or from ``start``, before it, when
    it takes lines back from the writing above).  ``make`` gives the blocks once the writing above them is
    read.  ``lead_in``: the line it was asked at stays writing, above its blocks; ``written``: the lines
    are writing as they stand, read as markdown with the rest."""

    end: int
    make: Callable[[], list[Block]] = nothing
    start: int | None = None
    lead_in: bool = False
    written: bool = False


def taken(pair: tuple[Block, int] | None, **how) -> Found | None:
    """A kind's (block, its last line) as lines taken, or None."""
    if pair is None:
        return None
    block, end = pair
    return Found(end, lambda: [block], **how)
