"""A flow chart's edges: which sides of their boxes they leave and reach, how far they curve round the
boxes between (ways back curve round the others), loops from a node to itself."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ... import theme
from ..shapes import OUTWARD, NodeBox, bent, facing, sides_out
from .graph_layout import Point, _Edge, _Level
from .label import Label, Rect, crosses

if TYPE_CHECKING:
    from .graph import GEdge


def _inside(a: NodeBox, b: NodeBox) -> bool:
    """Whether box a lies within box b."""
    return a.x >= b.x - 1e-6 and a.y >= b.y - 1e-6 and a.x + a.w <= b.x + b.w + 1e-6 and a.y + a.h <= b.y + b.h + 1e-6


def _forward(a: NodeBox, b: NodeBox, direction: str) -> bool:
    """Whether b comes after a in the chart's reading order (across for LR, down for TD)."""
    (ax, ay), (bx, by) = a.anchor("C"), b.anchor("C")
    along, side = (bx - ax, by - ay) if direction in ("LR", "RL") else (by - ay, bx - ax)
    if direction in ("RL", "BT"):
        along = -along
    return along > 1e-6 or (abs(along) <= 1e-6 and side > 0)


def _curve(s: Point, e: Point, bulge: float) -> tuple[Point, ...]:
    """The points of a line from s to e whose middle bulges ``bulge`` mm to the right of its way."""
    return bent(s, e, bulge / (math.hypot(e[0] - s[0], e[1] - s[1]) or 1.0))


def _along(side: str, p: Point) -> float:
    """Where p lies along a side's direction (x for the top and bottom, y for the others)."""
    return p[0] if side in "NS" else p[1]


def _moved(p: Point, side: str, d: float) -> Point:
    """p moved d along its side."""
    return (p[0] + d, p[1]) if side in "NS" else (p[0], p[1] + d)


def _ways(a: NodeBox, b: NodeBox, bulge: float) -> list[tuple[str, str, float]]:
    """The ways from a to b: (anchor of a, anchor of b, bulge in mm, 0 = straight).  Straight lines
    leave a outwards and enter b from outside, each end within GRAPH_SLANT_DEG of its side's
    normal (the facing pair always counts); curves leave and enter the same side of both boxes."""
    ways = [(*facing(a, b), 0.0)]
    most = math.cos(math.radians(theme.GRAPH_SLANT_DEG))
    for sa, sb in sides_out(a, b)[1:]:
        s, e = a.anchor(sa), b.anchor(sb)
        length = math.hypot(e[0] - s[0], e[1] - s[1]) or 1.0
        vx, vy = (e[0] - s[0]) / length, (e[1] - s[1]) / length
        if vx * OUTWARD[sa][0] + vy * OUTWARD[sa][1] >= most and -(vx * OUTWARD[sb][0] + vy * OUTWARD[sb][1]) >= most:
            ways.append((sa, sb, 0.0))
    for side in "SNEW":
        s, e = a.anchor(side), b.anchor(side)
        length = math.hypot(e[0] - s[0], e[1] - s[1])
        if length < 1e-6:
            continue
        nx, ny = -(e[1] - s[1]) / length, (e[0] - s[0]) / length  # right of the way it goes
        ox, oy = OUTWARD[side]
        sign = nx * ox + ny * oy
        if abs(sign) > 0.5:  # the side faces across the way: the curve can bulge out of it
            ways.extend((side, side, bulge * f * (1 if sign > 0 else -1)) for f in theme.GRAPH_BEND_STEPS)
    return ways


class Routing:
    """A chart's edges: which sides of their boxes they leave and reach, how they curve, loops."""

    def _route(self, level: _Level, size_pt: float, titles: list[Rect], width: float) -> list[_Edge]:
        """Each edge as an arrow between anchors of its boxes: straight between the facing anchors
        unless that line runs through another node, leaves from where another arrow arrives (or
        arrives where one leaves) or runs through a frame's title; then another pair of anchors,
        or a curve out of the same side of both boxes (below or above them, as a way back), when
        that does better."""
        em = size_pt * theme.PT_MM
        nodes = list(level.boxes.items())
        plans: list[tuple[GEdge, NodeBox, NodeBox, list[tuple[str, str, float]]]] = []
        loops: list[_Edge] = []
        for e in self.edges:
            a, b = self._box(level, e.a), self._box(level, e.b)
            if a is None or b is None:
                continue
            if e.a == e.b:
                loops.append(self._loop(e, a, self._edge_label(e, size_pt), size_pt))
            elif not (_inside(a, b) or _inside(b, a)):  # a subgraph and a node of its own: nothing to draw
                ways = [w for w in _ways(a, b, theme.GRAPH_BEND_EM * em)
                        if not w[2] or all(-1e-6 <= p[0] <= width + 1e-6 for p in _curve(a.anchor(w[0]), b.anchor(w[1]), w[2]))]
                plans.append((e, a, b, ways))
        choice = [0] * len(plans)

        def cost(k: int, c: int, decided: set[int]) -> float:
            e, a, b, ways = plans[k]
            sa, sb, bend = ways[c]
            path = _curve(a.anchor(sa), b.anchor(sb), bend)
            legs = list(zip(path, path[1:]))
            near = theme.GRAPH_ARROW_GAP  # a line grazing a box counts as running through it
            x0, x1 = min(p[0] for p in path) - near, max(p[0] for p in path) + near
            y0, y1 = min(p[1] for p in path) - near, max(p[1] for p in path) + near
            through = sum(1 for i, box in nodes if i not in (e.a, e.b)
                          and box.x < x1 and box.x + box.w > x0 and box.y < y1 and box.y + box.h > y0
                          and any(crosses((box.x - near, box.y - near, box.w + 2 * near, box.h + 2 * near), p, q)
                                  for p, q in legs))
            clash = 0
            for j, (f, _fa, _fb, fw) in enumerate(plans):
                if j == k or j not in decided:
                    continue
                fs, ft, _ = fw[choice[j]]
                clash += (f.b == e.a and ft == sa) + (f.a == e.b and fs == sb)
            over = sum(1 for r in titles if any(crosses(r, p, q) for p, q in legs))
            length = sum(math.hypot(q[0] - p[0], q[1] - p[1]) for p, q in legs)
            return through * 100 + clash * 10 + over * 3 + (c > 0) + 2 * (bend != 0) + length / 1000

        # edges that go the chart's way choose first, ways back last (they go round the others);
        # each sees the choices made before it
        order = sorted(range(len(plans)), key=lambda k: not _forward(plans[k][1], plans[k][2], level.direction))
        decided: set[int] = set()
        for k in order:
            best, best_cost = 0, cost(k, 0, decided)
            for c in range(1, len(plans[k][3])):
                if best_cost < 1 + 2 * (plans[k][3][c][2] != 0):  # nothing left can do better
                    break
                cc = cost(k, c, decided)
                if cc < best_cost:
                    best, best_cost = c, cc
            choice[k] = best
            decided.add(k)
        # arrows sharing a side of a box leave (arrive) side by side, in the order of their other ends
        ends: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
        for k, ((e, a, b, ways), c) in enumerate(zip(plans, choice)):
            sa, sb, _ = ways[c]
            ends.setdefault((e.a, sa), []).append((_along(sa, b.anchor(sb)), k, 0))
            ends.setdefault((e.b, sb), []).append((_along(sb, a.anchor(sa)), k, 1))
        shift: dict[tuple[int, int], float] = {}
        for (i, side), group in ends.items():
            box = self._box(level, i)
            if len(group) < 2 or box is None or box.shape == "diamond":
                continue
            group.sort()
            room = (box.w if side in "NS" else box.h) * theme.GRAPH_SPREAD
            step = min(room / (len(group) - 1), theme.GRAPH_SPREAD_EM * em)
            for j, (_, k, end) in enumerate(group):
                shift[(k, end)] = (j - (len(group) - 1) / 2) * step
        edges: list[_Edge] = []
        for k, ((e, a, b, ways), c) in enumerate(zip(plans, choice)):
            sa, sb, bend = ways[c]
            s, t = _moved(a.anchor(sa), sa, shift.get((k, 0), 0.0)), _moved(b.anchor(sb), sb, shift.get((k, 1), 0.0))
            length = math.hypot(t[0] - s[0], t[1] - s[1]) or 1.0
            ux, uy = (t[0] - s[0]) / length, (t[1] - s[1]) / length
            gap = theme.GRAPH_ARROW_GAP
            start, end = (s[0] + ux * gap, s[1] + uy * gap), (t[0] - ux * gap, t[1] - uy * gap)
            ratio = bend / (math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0)
            edges.append(_Edge(e, start, end, self._edge_label(e, size_pt), bend=ratio))
        return loops + edges

    def _box(self, level: _Level, i: str) -> NodeBox | None:
        return level.boxes.get(i) or level.frames.get(i)

    def _loop(self, e: GEdge, b: NodeBox, lab: Label | None, size_pt: float) -> _Edge:
        """An edge from a node to itself: an arc over its top, the label above the arc."""
        em = size_pt * theme.PT_MM
        cx, top = b.anchor("N")
        rx, ry = max(b.w / theme.GRAPH_LOOP_RX_PART, theme.GRAPH_LOOP_RX_EM * em), theme.GRAPH_LOOP_RY_EM * em
        pts = tuple((cx + rx * math.cos(math.radians(a)), top - ry * math.sin(math.radians(a)) * theme.GRAPH_LOOP_FLAT)
                    for a in range(theme.GRAPH_LOOP_FROM_DEG, theme.GRAPH_LOOP_TO_DEG - 1, -theme.GRAPH_LOOP_STEP_DEG))
        spot = None
        if lab is not None:
            spot = (cx - lab.w / 2, min(p[1] for p in pts) - theme.EDGE_LABEL_CLEAR_EM * em - lab.h, lab.w, lab.h)
        return _Edge(e, pts[-2], pts[-1], lab, spot, pts)
