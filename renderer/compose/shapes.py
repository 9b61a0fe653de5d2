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
    shape: str = "rect"  # rect | round | diamond | hexagon

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
        if self.shape == "hexagon":  # ``{{…}}``: pointed at its left and right
            c = min(w / 2, h * theme.GRAPH_HEX_POINT)
            return ((x + c, y), (x + w - c, y), (x + w, y + h / 2), (x + w - c, y + h), (x + c, y + h), (x, y + h / 2))
        if self.shape == "round":
            r = min(h / 2, theme.NODE_ROUND_MAX)
            pts = []
            for cx, cy, a0 in ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0), (x + r, y + h - r, 90),
                               (x + r, y + r, 180)):
                for k in range(4):
                    a = math.radians(a0 + k * 30)
                    pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
            return tuple(pts)
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))


def node_marks(box: NodeBox, edge: str, fill: str | None, fill_alpha: float = theme.NODE_FILL_ALPHA) -> list[Mark]:
    return [StrokeMark(box.outline(), edge, theme.BOX_WIDTH_PT, closed=True, fill=fill, fill_alpha=fill_alpha)]


OUTWARD = {"N": (0.0, -1.0), "S": (0.0, 1.0), "E": (1.0, 0.0), "W": (-1.0, 0.0)}


def facing(a: NodeBox, b: NodeBox) -> tuple[str, str]:
    """The anchors of a and b that face each other."""
    ax, ay = a.anchor("C")
    bx, by = b.anchor("C")
    dx, dy = bx - ax, by - ay
    if abs(dx) * (a.h + b.h) >= abs(dy) * (a.w + b.w):
        return ("E", "W") if dx > 0 else ("W", "E")
    return ("S", "N") if dy > 0 else ("N", "S")


def sides_out(a: NodeBox, b: NodeBox) -> list[tuple[str, str]]:
    """Every pair of anchors a line from a to b can use: it leaves a outwards and enters b from
    outside.  The facing pair first."""
    out = [facing(a, b)]
    for sa in "SENW":
        for sb in "NWSE":
            s, e = a.anchor(sa), b.anchor(sb)
            vx, vy = e[0] - s[0], e[1] - s[1]
            ox, oy = OUTWARD[sa]
            ix, iy = OUTWARD[sb]
            if vx * ox + vy * oy > 0 and vx * ix + vy * iy < 0 and (sa, sb) not in out:
                out.append((sa, sb))
    return out


def arrow_between(a: NodeBox, sa: str, b: NodeBox, sb: str, color: str, head: float, dashed: bool = False,
                  gap: float = theme.GRAPH_ARROW_GAP) -> ArrowMark:
    """An arrow from anchor ``sa`` of a to anchor ``sb`` of b, stopping ``gap`` short of both."""
    s, e = a.anchor(sa), b.anchor(sb)
    length = math.hypot(e[0] - s[0], e[1] - s[1]) or 1.0
    ux, uy = (e[0] - s[0]) / length, (e[1] - s[1]) / length
    return ArrowMark((s[0] + ux * gap, s[1] + uy * gap), (e[0] - ux * gap, e[1] - uy * gap), color,
                     theme.PEN_WIDTH_PT, head, dashed=dashed)


def bent(s: Point, e: Point, bend: float, n: int = 16) -> tuple[Point, ...]:
    """Points of a shaft from s to e whose middle bulges ``bend`` x its length to the right of the
    way it goes (on the page, y down): a quadratic curve; straight when bend is 0."""
    length = math.hypot(e[0] - s[0], e[1] - s[1]) or 1.0
    if not bend:
        return (s, e)
    nx, ny = -(e[1] - s[1]) / length, (e[0] - s[0]) / length
    cx = (s[0] + e[0]) / 2 + nx * 2 * bend * length
    cy = (s[1] + e[1]) / 2 + ny * 2 * bend * length
    out = []
    for k in range(n + 1):
        t = k / n
        out.append(((1 - t) ** 2 * s[0] + 2 * (1 - t) * t * cx + t * t * e[0],
                    (1 - t) ** 2 * s[1] + 2 * (1 - t) * t * cy + t * t * e[1]))
    return tuple(out)


def connect(a: NodeBox, b: NodeBox, color: str, head: float, dashed: bool = False, gap: float = theme.GRAPH_ARROW_GAP) -> ArrowMark:
    """An arrow between the facing anchors of two boxes."""
    sa, sb = facing(a, b)
    return arrow_between(a, sa, b, sb, color, head, dashed, gap)
