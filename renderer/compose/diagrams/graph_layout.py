"""A flow chart's boxes set out: ranks (longest path), the gaps between ranks and boxes, a level laid out
inside out (a subgraph's frame is one box of the level holding it), the whole chart in its width."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ... import theme
from ..blocks.base import per_width
from ..shapes import NodeBox, bent
from ..text.linebreak import Line
from .label import Label, Rect, spot_beside

if TYPE_CHECKING:
    from .graph import GEdge

Point = tuple[float, float]


@dataclass
class _Item:
    """One box of a level: a node (its set lines) or a subgraph's frame (what it holds)."""

    w: float
    h: float
    lines: list[Line] | None = None
    inner: _Level | None = None
    title: Label | None = None


@dataclass
class _Level:
    """A level laid out: node boxes and frames in its own coordinates, (0, 0) at its top left."""

    w: float
    h: float
    direction: str
    boxes: dict[str, NodeBox] = field(default_factory=dict)
    lines: dict[str, list[Line]] = field(default_factory=dict)
    frames: dict[str, NodeBox] = field(default_factory=dict)
    titles: dict[str, Label] = field(default_factory=dict)

    def moved(self, dx: float, dy: float) -> _Level:
        def mv(b: NodeBox) -> NodeBox:
            return NodeBox(b.x + dx, b.y + dy, b.w, b.h, b.shape)

        return _Level(self.w, self.h, self.direction, {k: mv(b) for k, b in self.boxes.items()}, self.lines,
                      {k: mv(b) for k, b in self.frames.items()}, self.titles)


@dataclass
class _Edge:
    edge: GEdge
    start: Point
    end: Point
    label: Label | None = None
    spot: Rect | None = None  # where its label is written
    loop: tuple[Point, ...] = ()  # an edge from a node to itself: the arc over its top
    bend: float = 0.0  # a curved edge: its bulge as a fraction of its length (ArrowMark.bend)

    def path(self) -> tuple[Point, ...]:
        return self.loop or bent(self.start, self.end, self.bend)


@dataclass
class _Layout:
    level: _Level
    edges: list[_Edge]
    height: float
    direction: str


def ranks_of(ids: list[str], pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Ranks by the longest path over the edges that do not close a cycle (visit order = the
    order of ``ids``); each rank keeps that order."""
    succ: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in pairs:
        if a in succ and b in succ and a != b:
            succ[a].append(b)
    rank = {i: 0 for i in ids}
    state: dict[str, int] = {}
    order: list[str] = []

    def visit(u: str) -> None:
        state[u] = 1
        for v in succ[u]:
            if state.get(v) is None:
                visit(v)
        state[u] = 2
        order.append(u)

    for i in ids:
        if i not in state:
            visit(i)
    pos = {u: k for k, u in enumerate(reversed(order))}
    for u in reversed(order):
        for v in succ[u]:
            if pos[v] > pos[u]:
                rank[v] = max(rank[v], rank[u] + 1)
    n = max(rank.values(), default=0) + 1
    out: list[list[str]] = [[] for _ in range(n)]
    for i in ids:
        out[rank[i]].append(i)
    return [r for r in out if r] or [[]]


class Arranging:
    """A chart's boxes set out level by level: ranks, the gaps between them, the whole chart's layout."""

    def _gaps(self, ranks: list[list[str]], pairs: list[tuple[str, str, GEdge]], across: bool,
              size_pt: float) -> list[float]:
        """Room between rank k and k+1: for the arrows, and for the labels of the edges crossing it."""
        em = size_pt * theme.PT_MM
        base = theme.GRAPH_GAP_EM * em * (1.0 if across else theme.GRAPH_ROW_GAP)
        rank = {i: k for k, r in enumerate(ranks) for i in r}
        gaps = [base] * max(0, len(ranks) - 1)
        clear = theme.EDGE_LABEL_CLEAR_EM * em
        stacked = [0.0] * len(gaps)  # downwards, the labels of one gap may have to sit one above another
        for a, b, e in pairs:
            lab = self._edge_label(e, size_pt)
            if lab is None or rank[a] == rank[b]:
                continue
            k = min(rank[a], rank[b])
            if across:
                gaps[k] = max(gaps[k], lab.w + 2 * clear + theme.GRAPH_ARROW_HEAD_EM * em)
            else:
                stacked[k] += lab.h + clear
                gaps[k] = max(gaps[k], stacked[k] + clear)
        return gaps

    def _arrange(self, level: str | None, want: str, budget: float, size_pt: float) -> _Level:
        """A level's boxes in ``want`` direction; across (LR/RL) falls back to downwards when
        it does not fit ``budget`` ("auto": when some word does not fit its rank's room)."""
        items = self._items(level)
        pairs = self._pairs(level)
        ranks = ranks_of(items, [(a, b) for a, b, _ in pairs])
        if want in ("auto", "LR", "RL"):
            across = self._place(level, ranks, pairs, "RL" if want == "RL" else "LR", budget, size_pt)
            if want == "auto":
                gaps = self._gaps(ranks, pairs, True, size_pt)
                room = (budget - sum(gaps)) / max(1, len(ranks))
                if room >= max((self._item_min(i, "LR", size_pt) for i in items), default=0.0):
                    return across
            elif across.w <= budget + 0.01:
                return across
            down = self._place(level, ranks, pairs, "TD", budget, size_pt)
            return down if want == "auto" or down.w < across.w else across
        return self._place(level, ranks, pairs, want, budget, size_pt)

    def _place(self, level: str | None, ranks: list[list[str]], pairs: list[tuple[str, str, GEdge]],
               direction: str, budget: float, size_pt: float) -> _Level:
        em = size_pt * theme.PT_MM
        sep = theme.GRAPH_SEP_EM * em
        nr = len(ranks)
        across = direction in ("LR", "RL")
        gaps = self._gaps(ranks, pairs, across, size_pt)
        if across:
            room = (budget - sum(gaps)) / max(1, nr)
        else:
            widest_rank = max(len(r) for r in ranks) if ranks else 1
            room = (budget - (widest_rank - 1) * sep) / max(1, widest_rank)
        sizes = {i: self._item(i, room, direction, size_pt) for r in ranks for i in r}
        out = _Level(0.0, 0.0, direction)
        spots: dict[str, tuple[float, float]] = {}
        if across:
            colw = [max((sizes[i].w for i in r), default=0.0) for r in ranks]
            colh = [sum(sizes[i].h for i in r) + sep * (len(r) - 1) for r in ranks]
            out.w = sum(colw) + sum(gaps)
            out.h = max(colh, default=0.0)
            x = 0.0
            order = list(range(nr)) if direction == "LR" else list(range(nr - 1, -1, -1))
            for j, k in enumerate(order):
                y = (out.h - colh[k]) / 2
                for i in ranks[k]:
                    spots[i] = (x + (colw[k] - sizes[i].w) / 2, y)
                    y += sizes[i].h + sep
                x += colw[k] + (gaps[min(k, order[j + 1])] if j + 1 < nr else 0.0)
        else:
            rowh = [max((sizes[i].h for i in r), default=0.0) for r in ranks]
            roww = [sum(sizes[i].w for i in r) + sep * (len(r) - 1) for r in ranks]
            out.w = max(roww, default=0.0)
            y = 0.0
            order = list(range(nr)) if direction != "BT" else list(range(nr - 1, -1, -1))
            for j, k in enumerate(order):
                x = (out.w - roww[k]) / 2
                for i in ranks[k]:
                    spots[i] = (x, y + (rowh[k] - sizes[i].h) / 2)
                    x += sizes[i].w + sep
                y += rowh[k] + (gaps[min(k, order[j + 1])] if j + 1 < nr else 0.0)
            out.h = y
        pad = self._group_pad(size_pt)
        for i, (x, y) in spots.items():
            it = sizes[i]
            if it.inner is None:
                node = self._by_id()[i]
                out.boxes[i] = NodeBox(x, y, it.w, it.h, node.shape)
                out.lines[i] = it.lines or []
                continue
            assert it.title is not None
            head = it.title.h + theme.GROUP_TITLE_GAP_EM * em if not it.title.empty else 0.0
            inner = it.inner.moved(x + (it.w - it.inner.w) / 2, y + pad + head)
            out.boxes.update(inner.boxes)
            out.lines.update(inner.lines)
            out.frames.update(inner.frames)
            out.titles.update(inner.titles)
            out.frames[i] = NodeBox(x, y, it.w, it.h, "rect")
            out.titles[i] = it.title
        return out

    # --- the whole chart -------------------------------------------------
    @per_width
    def _layout(self, width: float, size_pt: float) -> _Layout:
        em = size_pt * theme.PT_MM
        top = self._arrange(None, self.direction, width, size_pt)
        level = top.moved(max(0.0, (width - top.w) / 2), 0.0)
        pad = self._group_pad(size_pt)
        titles: list[Rect] = [(f.x + pad, f.y + pad, level.titles[g].w, level.titles[g].h)
                              for g, f in level.frames.items()]
        hard: list[Rect] = [(b.x, b.y, b.w, b.h) for b in level.boxes.values()] + titles
        edges = self._route(level, size_pt, titles, width)
        # self-loop labels first (they have one place), then the others beside their lines
        for ed in edges:
            if ed.loop:
                hard.append(_bounds(ed.loop))
                if ed.spot is not None:
                    hard.append(ed.spot)
        ys = [b.y for b in level.boxes.values()] + [f.y for f in level.frames.values()] + [0.0]
        ye = [b.y + b.h for b in level.boxes.values()] + [f.y + f.h for f in level.frames.values()] + [0.0]
        curves = [p for ed in edges if ed.bend for p in ed.path()]
        lo, hi = min(ys + [p[1] for p in curves]), max(ye + [p[1] for p in curves])
        clear = theme.EDGE_LABEL_CLEAR_EM * em
        paths = [ed.path() for ed in edges]
        for ed, path in zip(edges, paths):
            if ed.loop or ed.label is None:
                continue
            soft = [leg for o, op in zip(edges, paths) if o is not ed and not o.loop for leg in zip(op, op[1:])]
            # along a curve, beside the piece round its middle
            p, q = (path[len(path) * 2 // 5], path[len(path) * 3 // 5]) if ed.bend else (ed.start, ed.end)
            ed.spot = spot_beside(p, q, ed.label.w, ed.label.h, clear, hard, soft, width, lo, hi)
            hard.append(ed.spot)
        tops = [lo] + [r[1] for r in hard]
        shift = -min(tops)
        bottom = max([hi] + [r[1] + r[3] for r in hard]) + shift
        if shift:
            level = level.moved(0.0, shift)
            for ed in edges:
                ed.start, ed.end = (ed.start[0], ed.start[1] + shift), (ed.end[0], ed.end[1] + shift)
                ed.loop = tuple((x, y + shift) for x, y in ed.loop)
                if ed.spot is not None:
                    ed.spot = (ed.spot[0], ed.spot[1] + shift, ed.spot[2], ed.spot[3])
        return _Layout(level, edges, bottom, level.direction)


def _bounds(pts: tuple[Point, ...]) -> Rect:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
