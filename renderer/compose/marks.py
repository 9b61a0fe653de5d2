"""What composing produces and drawing consumes: plain marks in page millimetres."""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class TextMark:
    x: float
    y: float  # baseline, mm from the top of the page
    text: str
    size_pt: float
    face: str  # font family name
    color: str
    bold: bool = False
    ha: str = "left"
    rotation: float = 0.0
    z: int = 0  # above the ordinary text: words written on a backing (LABEL_Z)
    url: str | None = None  # a link's address: the PDF links the words to it


@dataclass(frozen=True)
class StrokeMark:
    """A hand-drawn polyline (closed for shapes); optional fill."""

    points: tuple[Point, ...]
    color: str
    width_pt: float
    closed: bool = False
    fill: str | None = None
    fill_alpha: float = 1.0
    alpha: float = 1.0
    wobble: float = 1.0  # 0 = ruler straight, 1 = the normal hand
    dashed: bool = False
    z: int = 2


@dataclass(frozen=True)
class ArrowMark:
    start: Point
    end: Point
    color: str
    width_pt: float
    head: float  # length of the head's barbs, mm
    bend: float = 0.0  # bulge of the shaft's middle as a fraction of its length; > 0: right of the way it goes
    dashed: bool = False
    z: int = 3


@dataclass(frozen=True)
class MarkerMark:
    """A translucent highlighter stroke behind words."""

    x: float
    y: float
    w: float
    h: float
    color: str
    alpha: float


@dataclass(frozen=True)
class BackingMark:
    """A patch of paper laid over the lines under a label, so that its words stay legible
    where an arrow, a lifeline or a frame passes behind them; the words go on top (``LABEL_Z``)."""

    x: float
    y: float
    w: float
    h: float
    color: str
    z: int = 0  # > 0: over the page's own backings and labels (an overlay's)


LABEL_Z = 3  # a TextMark's z for words written on a backing


@dataclass(frozen=True)
class QRMark:
    """A QR code, ruler-straight so that it scans: dark modules of a square matrix filling
    ``size`` x ``size`` mm at (x, y), on white that reaches ``quiet`` mm beyond them."""

    x: float
    y: float
    size: float
    modules: tuple[tuple[bool, ...], ...]
    color: str
    quiet: float = 0.0

    def dark_runs(self) -> list[tuple[int, int, int]]:
        """(row, first column, column after the last) of every run of dark modules in a row: what a
        drawing fills, one rectangle per run."""
        out = []
        n = len(self.modules)
        for r, row in enumerate(self.modules):
            c = 0
            while c < n:
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < n and row[c]:
                    c += 1
                out.append((r, start, c))
        return out


Mark = TextMark | StrokeMark | ArrowMark | MarkerMark | BackingMark | QRMark
