"""What fitting says: the bands and columns it moved, the warning for each band or column moved beyond the tolerance, and the error of a page
that cannot hold its content."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .. import theme
from ..errors import FitError, Notice


@dataclass(frozen=True)
class Move:
    """A band or column whose share of the page changed, for ``layout --fitted`` and the warnings."""

    what: str  # "band 3" or "band 3, column 2"
    region_id: str
    before: float  # share of the page height (bands) or of the band width (columns), 0..1
    after: float
    beyond: bool  # moved further than the tolerance allows (a warning)


def move_notices(moves: list[Move], label_of: Callable[[str], str], title_id: str | None, file: str,
                 line: int) -> list[Notice]:
    """A warning for each move beyond the tolerance (``title_id``: the title band, grown for its banner), each
    message once."""
    out: list[Notice] = []
    for mv in moves:
        if not mv.beyond:
            continue
        label = label_of(mv.region_id)
        if mv.region_id == title_id:
            msg = f'{mv.what}: {mv.before * 100:.0f}% -> {mv.after * 100:.0f}% so that the title banner holds its QR code'
        elif "column" in mv.what:  # a column's share of its band's width, said as it moved
            share = f"{mv.before * 100:.0f}% -> {mv.after * 100:.0f}% of the band's width"
            msg = (f'{mv.what}: {share} so that "{label}" fits' if mv.after > mv.before
                   else f'{mv.what}: {share} to make room for its neighbours')
        elif mv.after > mv.before:
            msg = f'{mv.what}: {mv.before * 100:.0f}% -> {mv.after * 100:.0f}% so that "{label}" fits'
        else:
            msg = f'{mv.what}: {mv.before * 100:.0f}% -> {mv.after * 100:.0f}% to make room'
        if msg not in (x.message for x in out):
            out.append(Notice(file, line, 1, msg))
    return out


def overfull_error(label_of: Callable[[str], str], over: list[tuple[str, float]], file: str, line: int,
                   pages: float = 0.0) -> FitError:
    """The error of a page that cannot hold its content even at the hard floor: each region over its box, by how
    much, and (when known) how many pages the content would cover (``FitError.pages``, for the pager)."""
    names = ", ".join(f'"{label_of(rid)}" by {mm:.1f} mm' if math.isfinite(mm) else
                      f'"{label_of(rid)}" (a picture wider than its box even drawn smallest)' for rid, mm in over)
    exc = FitError(file, line, 1,
                   f"the page cannot hold the content even at {theme.BODY_PT_FLOOR:g} pt: over {names}",
                   "shorten those sections, or give their bands more of the page in the ratio spec")
    exc.over = tuple(over)
    exc.pages = pages
    return exc
