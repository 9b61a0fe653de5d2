"""A flow chart as a picture: nodes in ranks (longest path), boxes joined by hand-drawn
arrows at their anchors.  Used for mermaid flowcharts and for chains ``A → B → C``."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import theme
from .block import per_width
from .ink import Ink
from .inline import Run, parse_inline, plain_text
from .linebreak import Line, natural_width, set_lines, widest_word
from .marks import ArrowMark, Mark, StrokeMark
from .shapes import NodeBox, connect, node_marks
from .text import line_marks, pitch, text_marks

GAP_EM = 2.6  # between ranks, room for the arrows
SEP_EM = 0.9  # between nodes of one rank
PAD_EM = 0.45
MAX_NODE_EM = 12.0  # a node's text wraps past this width


@dataclass
class GNode:
    id: str
    label: str
    shape: str = "rect"

    def runs(self) -> list[Run]:
        out: list[Run] = []
        for k, ln in enumerate(parse_inline(self.label)):
            if k:
                out.append(Run(" "))
            out.extend(ln)
        return out


@dataclass
class GEdge:
    a: str
    b: str
    label: str = ""
    dashed: bool = False


@dataclass(eq=False)
class GraphBlock:
    nodes: list[GNode]
    edges: list[GEdge]
    line: int
    direction: str = "auto"  # LR | TD | auto (across when it fits)
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def ranks(self) -> list[list[str]]:
        ids = [n.id for n in self.nodes]
        succ: dict[str, list[str]] = {i: [] for i in ids}
        for e in self.edges:
            if e.a in succ and e.b in succ and e.a != e.b:
                succ[e.a].append(e.b)
        rank = {i: 0 for i in ids}
        # longest path over the edges that do not close a cycle (visit order = first appearance)
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
        return out

    def _node_lines(self, node: GNode, size_pt: float, max_w: float) -> tuple[list[Line], float, float]:
        em = size_pt * theme.PT_MM
        pad = PAD_EM * em
        runs = node.runs()
        w = min(natural_width(runs, size_pt), max_w - 2 * pad)
        lines = set_lines(runs, max(1.0, w), size_pt)
        lw = max((ln.width for ln in lines), default=0.0)
        extra = 1.5 if node.shape == "diamond" else 1.0
        return lines, (lw + 2 * pad) * extra, len(lines) * pitch(size_pt) + 2 * pad * (1.3 if extra > 1 else 1.0)

    @per_width
    def _layout(self, width: float, size_pt: float):
        em = size_pt * theme.PT_MM
        ranks = self.ranks()
        byid = {n.id: n for n in self.nodes}
        direction = self.direction
        nr = len(ranks)
        if direction in ("auto", "LR", "RL"):
            room = (width - (nr - 1) * GAP_EM * em) / max(1, nr)
            sets = {i: self._node_lines(byid[i], size_pt, min(room, MAX_NODE_EM * em)) for i in byid}
            fits = room >= max((widest_word(byid[i].runs(), size_pt) + 2 * PAD_EM * em for i in byid), default=0)
            if direction != "auto" or fits:
                direction = "RL" if direction == "RL" else "LR"
            else:
                direction = "TD"
        if direction in ("TD", "TB", "BT"):
            widest_rank = max(len(r) for r in ranks) if ranks else 1
            room = (width - (widest_rank - 1) * SEP_EM * em) / max(1, widest_rank)
            sets = {i: self._node_lines(byid[i], size_pt, min(room, MAX_NODE_EM * em)) for i in byid}
        boxes: dict[str, NodeBox] = {}
        if direction in ("LR", "RL"):
            colw = [max(sets[i][1] for i in r) for r in ranks]
            colh = [sum(sets[i][2] for i in r) + SEP_EM * em * (len(r) - 1) for r in ranks]
            total_w = sum(colw) + GAP_EM * em * (nr - 1)
            height = max(colh, default=0.0)
            x = max(0.0, (width - total_w) / 2)
            order = range(nr) if direction == "LR" else range(nr - 1, -1, -1)
            for k in order:
                r = ranks[k]
                y = (height - colh[k]) / 2
                for i in r:
                    _, w, h = sets[i]
                    boxes[i] = NodeBox(x + (colw[k] - w) / 2, y, w, h, byid[i].shape)
                    y += h + SEP_EM * em
                x += colw[k] + GAP_EM * em
        else:
            rowh = [max(sets[i][2] for i in r) for r in ranks]
            y = 0.0
            order = range(nr) if direction != "BT" else range(nr - 1, -1, -1)
            for k in order:
                r = ranks[k]
                roww = sum(sets[i][1] for i in r) + SEP_EM * em * (len(r) - 1)
                x = max(0.0, (width - roww) / 2)
                for i in r:
                    _, w, h = sets[i]
                    boxes[i] = NodeBox(x, y + (rowh[k] - h) / 2, w, h, byid[i].shape)
                    x += w + SEP_EM * em
                y += rowh[k] + GAP_EM * em * 0.7
            height = y - GAP_EM * em * 0.7
        return (sets, boxes, height, direction)

    def _loop_room(self, size_pt: float) -> float:
        return 1.6 * size_pt * theme.PT_MM if any(e.a == e.b for e in self.edges) else 0.0

    def measure(self, width: float, size_pt: float) -> float:
        return self._layout(width, size_pt)[2] + 1.0 + self._loop_room(size_pt)

    def min_width(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        return max((min(widest_word(n.runs(), size_pt), MAX_NODE_EM * em) + 2 * PAD_EM * em for n in self.nodes),
                   default=5.0) * 1.5

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        sets, boxes, _, _ = self._layout(width, size_pt)
        em = size_pt * theme.PT_MM
        out: list[Mark] = []
        y += self._loop_room(size_pt)
        placed = {i: NodeBox(b.x + x, b.y + y + 0.5, b.w, b.h, b.shape) for i, b in boxes.items()}
        for n in self.nodes:
            b = placed[n.id]
            out.extend(node_marks(b, ink.accent, ink.marker))
            lines, _, _ = sets[n.id]
            th = len(lines) * pitch(size_pt)
            top = b.y + (b.h - th) / 2
            for k, ln in enumerate(lines):
                out.extend(line_marks(ln, b.x + (b.w - ln.width) / 2, top + k * pitch(size_pt), size_pt, ink))
        for e in self.edges:
            if e.a in placed and e.a == e.b:
                out.extend(_self_loop(placed[e.a], e, size_pt, ink))
                continue
            if e.a not in placed or e.b not in placed:
                continue
            arrow = connect(placed[e.a], placed[e.b], ink.accent, 0.5 * em, e.dashed)
            out.append(arrow)
            if e.label:
                mx = (arrow.start[0] + arrow.end[0]) / 2
                my = (arrow.start[1] + arrow.end[1]) / 2
                ls = size_pt * 0.8
                out.extend(text_marks(mx, my - 0.35 * em, e.label, ls, ink.pen, ha="center"))
        return out

    def texts(self) -> list[str]:
        return [plain_text(n.runs()) for n in self.nodes] + [e.label for e in self.edges]


def _self_loop(b: NodeBox, e: GEdge, size_pt: float, ink: Ink) -> list[Mark]:
    """An edge from a node to itself: an arc over its top, the label above the arc."""
    import math

    em = size_pt * theme.PT_MM
    cx, top = b.anchor("N")
    rx, ry = max(b.w / 5, 1.2 * em), 1.3 * em
    pts = tuple((cx + rx * math.cos(math.radians(a)), top - ry * math.sin(math.radians(a)) * 0.9)
                for a in range(200, -21, -20))
    out: list[Mark] = [StrokeMark(pts[:-1], ink.accent, theme.PEN_WIDTH_PT, wobble=0.2, dashed=e.dashed)]
    out.append(ArrowMark(pts[-2], pts[-1], ink.accent, theme.PEN_WIDTH_PT, 0.5 * em))
    if e.label:
        out.extend(text_marks(cx, top - ry - 0.15 * em, e.label, size_pt * 0.8, ink.pen, ha="center"))
    return out


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
            key = label.lower()
            if key not in nodes:
                nodes[key] = GNode(f"n{len(nodes)}", label, shape)
            if prev is not None:
                edges.append(GEdge(prev.id, nodes[key].id))
            prev = nodes[key]
    return GraphBlock(list(nodes.values()), edges, line)
