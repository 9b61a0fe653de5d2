"""A flow chart as a picture: nodes in ranks (longest path), boxes joined by hand-drawn
arrows at their anchors, subgraphs as labelled frames round their nodes (laid out inside
out: a frame is one box of the level that holds it), edge labels beside their lines on a
patch of paper.  Used for mermaid flowcharts and for chains ``A → B → C``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ... import theme
from ..blocks.base import per_width, shrinks_to_width
from ..ink import Ink
from ..marks import ArrowMark, Mark, StrokeMark
from ..shapes import OUTWARD, NodeBox, bent, facing, node_marks, sides_out
from ..text.inline import Run, plain_text
from ..text.linebreak import Line, natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch
from .label import Label, Rect, crosses, label_marks, runs_of, set_label, spot_beside, tinted

Point = tuple[float, float]


@dataclass
class GNode:
    id: str
    label: str
    shape: str = "rect"
    group: str | None = None  # the innermost subgraph holding the node

    def runs(self) -> list[Run]:
        return runs_of(self.label)


@dataclass
class GEdge:
    a: str  # a node's or a subgraph's id
    b: str
    label: str = ""
    dashed: bool = False


@dataclass
class GGroup:
    """A subgraph: a frame with a title round its nodes and the subgraphs inside it."""

    id: str
    label: str
    parent: str | None = None
    direction: str | None = None  # its own ``direction``; else the chart's


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


@shrinks_to_width
@dataclass(eq=False)
class GraphBlock:
    nodes: list[GNode]
    edges: list[GEdge]
    line: int
    direction: str = "auto"  # LR | RL | TD | TB | BT | auto (across when it fits)
    groups: list[GGroup] = field(default_factory=list)
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    # --- structure -------------------------------------------------------
    def _parents(self) -> dict[str, str | None]:
        """The subgraph directly holding each node and each subgraph (None: the chart itself)."""
        if "_parents" in self._cache:
            return self._cache["_parents"]
        known = {g.id for g in self.groups}
        out: dict[str, str | None] = {g.id: g.parent if g.parent in known else None for g in self.groups}
        for n in self.nodes:
            out[n.id] = n.group if n.group in known else None
        self._cache["_parents"] = out
        return out

    def _items(self, level: str | None) -> list[str]:
        """The boxes of a level in the order they first appear (a subgraph where its first node does)."""
        parents = self._parents()
        first: dict[str, int] = {}
        for k, n in enumerate(self.nodes):
            p: str | None = n.id
            while p is not None:
                first.setdefault(p, k)
                p = parents.get(p)
        for k, g in enumerate(self.groups):
            first.setdefault(g.id, len(self.nodes) + k)
        ids = [i for i, p in parents.items() if p == level]
        return sorted(ids, key=lambda i: first[i])

    def _lift(self, x: str, level: str | None) -> str | None:
        """The box of ``level`` that holds ``x`` (x itself when it is one), or None."""
        parents = self._parents()
        while x in parents:
            if parents[x] == level:
                return x
            x = parents[x]  # type: ignore[assignment]
        return None

    def _pairs(self, level: str | None) -> list[tuple[str, str, GEdge]]:
        out = []
        for e in self.edges:
            a, b = self._lift(e.a, level), self._lift(e.b, level)
            if a is not None and b is not None and a != b:
                out.append((a, b, e))
        return out

    def ranks(self, level: str | None = None) -> list[list[str]]:
        return ranks_of(self._items(level), [(a, b) for a, b, _ in self._pairs(level)])

    # --- measuring -------------------------------------------------------
    def _label_size(self, size_pt: float) -> float:
        return max(theme.BODY_PT_MIN, size_pt * theme.EDGE_LABEL_SCALE)

    def _edge_label(self, e: GEdge, size_pt: float) -> Label | None:
        if not e.label.strip():
            return None
        ls = self._label_size(size_pt)
        return set_label(runs_of(e.label), ls, theme.EDGE_LABEL_MAX_EM * ls * theme.PT_MM)

    def _node_lines(self, node: GNode, size_pt: float, max_w: float) -> tuple[list[Line], float, float]:
        em = size_pt * theme.PT_MM
        pad = theme.GRAPH_PAD_EM * em
        runs = node.runs()
        diamond = node.shape == "diamond"
        # the words' box may take only what the shape leaves inside it, but never less than the
        # longest word (a word is not broken to make a shape narrower)
        if diamond:
            room = max_w / theme.GRAPH_DIAMOND_WIDEN - 2 * theme.GRAPH_DIAMOND_CLEAR_EM * em
            room = min(room, theme.GRAPH_DIAMOND_WRAP_EM * em)
        else:
            room = max_w - 2 * pad
        if node.shape == "hexagon":
            room -= 2 * theme.GRAPH_HEX_POINT * (pitch(size_pt) + 2 * pad)
        room = max(room, widest_word(runs, size_pt))
        w = min(natural_width(runs, size_pt), room)
        lines = set_lines(runs, max(1.0, w), size_pt)
        lw = max((ln.width for ln in lines), default=0.0)
        return lines, *_shape_size(node.shape, *_words_box(node.shape, lw, len(lines), size_pt))

    def _group_pad(self, size_pt: float) -> float:
        return theme.GROUP_PAD_EM * size_pt * theme.PT_MM

    def _item(self, i: str, room: float, direction: str, size_pt: float) -> _Item:
        em = size_pt * theme.PT_MM
        node = self._node(i)
        if node is not None:
            # never narrower than its longest word: a node too wide for the room makes the chart
            # turn downwards, or reports its width as the chart's narrowest (min_width)
            least = self._item_min(i, direction, size_pt)
            lines, w, h = self._node_lines(node, size_pt, max(min(room, theme.GRAPH_NODE_MAX_EM * em), least))
            return _Item(w, h, lines=lines)
        g = self._group(i)
        pad = self._group_pad(size_pt)
        inner = self._arrange(i, (g.direction or direction) if g else direction, room - 2 * pad, size_pt)
        runs = runs_of(g.label if g else i)
        title = set_label(runs, size_pt, max(inner.w, room - 2 * pad, widest_word(runs, size_pt)))
        head = title.h + theme.GROUP_TITLE_GAP_EM * em if not title.empty else 0.0
        return _Item(max(inner.w, title.w) + 2 * pad, inner.h + head + 2 * pad, inner=inner, title=title)

    def _item_min(self, i: str, direction: str, size_pt: float) -> float:
        """The narrowest an item can be drawn."""
        node = self._node(i)
        if node is not None:
            return _shape_size(node.shape, *_words_box(node.shape, widest_word(node.runs(), size_pt), 1, size_pt))[0]
        return self._item(i, 0.0, direction, size_pt).w

    def _node(self, i: str) -> GNode | None:
        return self._by_id().get(i)

    def _group(self, i: str) -> GGroup | None:
        return next((g for g in self.groups if g.id == i), None)

    def _by_id(self) -> dict[str, GNode]:
        if "_by_id" not in self._cache:
            self._cache["_by_id"] = {n.id: n for n in self.nodes}
        return self._cache["_by_id"]

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

    def measure(self, width: float, size_pt: float) -> float:
        return self._layout(width, size_pt).height + theme.GRAPH_TOP + theme.GRAPH_BOTTOM

    def min_width(self, size_pt: float) -> float:
        """The width the chart takes when every word wraps: downwards, each node as narrow as its longest word."""
        if "_min" not in self._cache:
            self._cache["_min"] = {}
        memo = self._cache["_min"]
        if size_pt not in memo:
            memo[size_pt] = self._arrange(None, "TD" if self.direction == "auto" else self.direction, 0.0, size_pt).w
        return memo[size_pt]

    def used_width(self, width: float, size_pt: float) -> float:
        return min(width, self._layout(width, size_pt).level.w)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        lay = self._layout(width, size_pt)
        em = size_pt * theme.PT_MM
        y += theme.GRAPH_TOP
        lv = lay.level.moved(x, y)
        out: list[Mark] = []
        pad = self._group_pad(size_pt)
        depth = {g.id: self._depth(g.id) for g in self.groups}
        for gid in sorted(lv.frames, key=lambda g: depth.get(g, 0)):
            f = lv.frames[gid]
            out.append(StrokeMark(((f.x, f.y), (f.x + f.w, f.y), (f.x + f.w, f.y + f.h), (f.x, f.y + f.h)),
                                  ink.accent, theme.THIN_WIDTH_PT, closed=True, fill=theme.GROUP_FILL,
                                  fill_alpha=theme.GROUP_FILL_ALPHA, z=0))
            out.extend(label_marks(lv.titles[gid], f.x + pad, f.y + pad, ink, ink.accent, align="left",
                                   paper=self._paper_at(lv, f.x + pad, f.y + pad)))
        for n in self.nodes:
            b = lv.boxes.get(n.id)
            if b is None:
                continue
            out.extend(node_marks(b, ink.accent, ink.marker))
            lines = lv.lines[n.id]
            th = len(lines) * pitch(size_pt)
            top = b.y + (b.h - th) / 2
            for k, ln in enumerate(lines):
                out.extend(line_marks(ln, b.x + (b.w - ln.width) / 2, top + k * pitch(size_pt), size_pt, ink))
        head = theme.GRAPH_ARROW_HEAD_EM * em
        for ed in lay.edges:
            s, t = (ed.start[0] + x, ed.start[1] + y), (ed.end[0] + x, ed.end[1] + y)
            if ed.loop:
                pts = tuple((px + x, py + y) for px, py in ed.loop)
                out.append(StrokeMark(pts[:-1], ink.accent, theme.PEN_WIDTH_PT, wobble=theme.GRAPH_LOOP_WOBBLE,
                                      dashed=ed.edge.dashed))
            out.append(ArrowMark(s, t, ink.accent, theme.PEN_WIDTH_PT, head, bend=ed.bend,
                                 dashed=ed.edge.dashed and not ed.loop))
            if ed.label is not None and ed.spot is not None:
                sx, sy = ed.spot[0] + x, ed.spot[1] + y
                out.extend(label_marks(ed.label, sx, sy, ink, paper=self._paper_at(lv, sx + ed.spot[2] / 2,
                                                                                     sy + ed.spot[3] / 2)))
        return out

    def _paper_at(self, lv: _Level, px: float, py: float) -> str:
        """The paper's colour at a point: the page's, under one coat of frame fill per frame round it."""
        layers = sum(1 for f in lv.frames.values() if f.x <= px <= f.x + f.w and f.y <= py <= f.y + f.h)
        return tinted(theme.GROUP_FILL, theme.GROUP_FILL_ALPHA, layers)

    def _depth(self, gid: str) -> int:
        parents = self._parents()
        d = 0
        p = parents.get(gid)
        while p is not None and d < len(self.groups):
            d += 1
            p = parents.get(p)
        return d

    def texts(self) -> list[str]:
        return ([plain_text(n.runs()) for n in self.nodes] + [e.label for e in self.edges]
                + [g.label for g in self.groups])


def _words_box(shape: str, lw: float, nlines: int, size_pt: float) -> tuple[float, float]:
    """The box a node's words need inside its outline: their lines with GRAPH_PAD_EM round them (a
    diamond's slanted sides already leave room round the box: GRAPH_DIAMOND_CLEAR_EM is enough)."""
    em = size_pt * theme.PT_MM
    pad = (theme.GRAPH_DIAMOND_CLEAR_EM if shape == "diamond" else theme.GRAPH_PAD_EM) * em
    return lw + 2 * pad, nlines * pitch(size_pt) + 2 * pad


def _shape_size(shape: str, bw: float, bh: float) -> tuple[float, float]:
    """The width and height of a node of ``shape`` that holds a box of words ``bw`` x ``bh`` (its
    padding included) inside its outline: a diamond W times as wide and W / (W - 1) times as tall
    puts the box's corners on its sides; a hexagon's points reach out past the box."""
    if shape == "diamond":
        k = theme.GRAPH_DIAMOND_WIDEN
        return bw * k, bh * k / (k - 1)
    if shape == "hexagon":
        return bw + 2 * theme.GRAPH_HEX_POINT * bh, bh
    return bw, bh


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


def _bounds(pts: tuple[Point, ...]) -> Rect:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def graph_from_chains(chains: list[list[str]], line: int) -> GraphBlock:
    """``A → B → C`` chains as one graph; nodes with the same words are one node."""
    nodes: dict[str, GNode] = {}
    edges: list[GEdge] = []
    for chain in chains:
        prev = None
        for raw in chain:
            label = raw.strip()
            shape = "rect"
            if label.startswith("[") and label.endswith("]"):
                label = label[1:-1].strip()
            if not label:  # "A → → B", "A →": an arrow with nothing at its end is no node
                continue
            key = label.lower()
            if key not in nodes:
                nodes[key] = GNode(f"n{len(nodes)}", label, shape)
            if prev is not None:
                edges.append(GEdge(prev.id, nodes[key].id))
            prev = nodes[key]
    return GraphBlock(list(nodes.values()), edges, line)
