"""A flow chart as a picture: nodes in ranks (longest path), boxes joined by hand-drawn
arrows at their anchors, subgraphs as labelled frames round their nodes (laid out inside
out: a frame is one box of the level that holds it), edge labels beside their lines on a
patch of paper.  Used for mermaid flowcharts and for chains ``A → B → C``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import theme
from ..blocks.base import shrinks_to_width
from ..ink import Ink
from ..marks import ArrowMark, Mark, StrokeMark
from ..shapes import node_marks
from ..text.inline import Run, plain_text
from ..text.linebreak import Line, natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch
from .graph_layout import Arranging, _Item, _Level, ranks_of
from .graph_routes import Routing
from .label import Label, label_marks, runs_of, set_label, tinted


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


@shrinks_to_width
@dataclass(eq=False)
class GraphBlock(Arranging, Routing):
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
