"""Boxes with named anchors (schemdraw style): arrows attach to ``N S E W``, not to raw numbers."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import theme
from .marks import ArrowMark, Mark, StrokeMark

Point = tuple[float, float]


@dataclass(frozen=True)
class NodeBox:
    x: float
    y: float
    w: float
    h: float
    shape: str = "rect"  # rect | round | diamond

    def anchor(self, name: str) -> Point:
        cx, cy = self.x + self.w / 2, self.y + self.h / 2
        return {
            "N": (cx, self.y), "S": (cx, self.y + self.h), "E": (self.x + self.w, cy), "W": (self.x, cy),
            "C": (cx, cy),
        }[name]

    def outline(self) -> tuple[Point, ...]:
        x, y, w, h = self.x, self.y, self.w, self.h
        if self.shape == "diamond":
            return ((x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2))
        if self.shape == "round":
            r = min(h / 2, 2.5)
            pts = []
            for cx, cy, a0 in ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0), (x + r, y + h - r, 90),
                               (x + r, y + r, 180)):
                for k in range(4):
                    a = math.radians(a0 + k * 30)
                    pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
            return tuple(pts)
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))


def node_marks(box: NodeBox, edge: str, fill: str | None, fill_alpha: float = 0.2) -> list[Mark]:
    return [StrokeMark(box.outline(), edge, theme.BOX_WIDTH_PT, closed=True, fill=fill, fill_alpha=fill_alpha)]


def connect(a: NodeBox, b: NodeBox, color: str, head: float, dashed: bool = False, gap: float = 0.6) -> ArrowMark:
    """An arrow between the facing anchors of two boxes."""
    ax, ay = a.anchor("C")
    bx, by = b.anchor("C")
    dx, dy = bx - ax, by - ay
    if abs(dx) * (a.h + b.h) >= abs(dy) * (a.w + b.w):
        s, e = (a.anchor("E"), b.anchor("W")) if dx > 0 else (a.anchor("W"), b.anchor("E"))
    else:
        s, e = (a.anchor("S"), b.anchor("N")) if dy > 0 else (a.anchor("N"), b.anchor("S"))
    length = math.hypot(e[0] - s[0], e[1] - s[1]) or 1.0
    ux, uy = (e[0] - s[0]) / length, (e[1] - s[1]) / length
    return ArrowMark((s[0] + ux * gap, s[1] + uy * gap), (e[0] - ux * gap, e[1] - uy * gap), color,
                     theme.PEN_WIDTH_PT, head, dashed=dashed)
