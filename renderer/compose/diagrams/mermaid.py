"""```mermaid blocks drawn as pictures: ``flowchart``/``graph`` (TD TB BT LR RL; nodes
``A[..]`` ``B(..)`` ``C{..}`` ``H{{..}}`` ``D((..))``; edges ``-->`` ``-- text -->`` ``-->|text|`` ``-.->``
``==>``, ``A & B --> C``; ``subgraph`` frames), ``sequenceDiagram``, ``pie`` and ``mindmap``
(indentation tree).  Anything else is drawn as its text, with a warning naming the line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...sources.requests import picture_kind
from ..blocks.base import Block
from ..blocks.code import CodeBlock
from ..blocks.found import Found, Scan, taken
from .graph import GEdge, GGroup, GNode, GraphBlock, graph_from_chains
from .mindmap import CHAIN_SPLIT, MindMapBlock, flatten, mindmap_from_spec, strip_item, tree_of
from .pie import parse_pie
from .sequence import parse_sequence

HEADER = re.compile(r"^\s*(flowchart|graph)\s*(TD|TB|BT|LR|RL)?\s*;?\s*$", re.I)
NODE = re.compile(
    r"([A-Za-z0-9_가-힣]+)\s*(\(\((.*?)\)\)|\(\[(.*?)\]\)|\[\[(.*?)\]\]|\[(.*?)\]|\((.*?)\)|\{\{(.*?)\}\}|\{(.*?)\}|>(.*?)\])?"
    r"(?::::[\w-]+)?"
)
EDGE = re.compile(
    r"\s*(<?(?:--|==|-\.)\s*[^-=.>|<\s][^>|]*?\s*(?:-{2,}>|-{3,}|={2,}>|={3,}|\.-+>|\.-+)"  # -- text -->
    r"|<?(?:-{2,}>|-{3,}|={2,}>|={3,}|-\.+->|-\.+-|--[ox](?=[\s|])|~~~))\s*(\|([^|]*)\|)?\s*"
)
AND = re.compile(r"\s*&\s*")
SUBGRAPH = re.compile(r"^subgraph\b\s*(.*?)\s*$", re.I)
SUBGRAPH_TITLED = re.compile(r"^([^\s\[\]\"]+)\s*\[(.*)\]$")
END = re.compile(r"^end\s*$", re.I)
DIRECTION = re.compile(r"^direction\s+(TD|TB|BT|LR|RL)\s*$", re.I)
SKIP = re.compile(r"^\s*(classDef|class|style|linkStyle|click|%%|direction)\b", re.I)


@dataclass
class MermaidResult:
    block: object
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line offset, message)


def _unquote(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'`":
        s = s[1:-1]
    return re.sub(r"<br\s*/?>", " ", s, flags=re.I).strip()


def parse_mermaid(text: str, line: int) -> MermaidResult:
    lines = text.split("\n")
    first = next((k for k, s in enumerate(lines) if s.strip() and not s.strip().startswith("%%")), None)
    if first is None:
        return MermaidResult(CodeBlock(text, line, "mermaid"), [(0, "empty mermaid block")])
    head = lines[first].strip()
    kind = head.split()[0].rstrip(":;")
    if HEADER.match(head):
        return _flowchart(lines, first, line)
    if kind.lower() == "mindmap":
        return _mindmap(lines, first, line)
    if kind == "sequenceDiagram":
        block, warnings = parse_sequence(lines, first, line)
    elif kind.lower() == "pie":
        block, warnings = parse_pie(lines, first, line)
    else:
        return MermaidResult(CodeBlock(text, line, "mermaid"),
                             [(first, f"mermaid '{kind}' diagrams are not drawn as pictures: its text is shown")])
    if block is None:
        return MermaidResult(CodeBlock(text, line, "mermaid"), warnings)
    return MermaidResult(block, warnings)


def _flowchart(lines: list[str], first: int, line: int) -> MermaidResult:
    m = HEADER.match(lines[first].strip())
    direction = (m.group(2) or "TD").upper() if m else "TD"
    nodes: dict[str, GNode] = {}
    edges: list[GEdge] = []
    groups: dict[str, GGroup] = {}
    open_groups: list[str] = []
    warnings: list[tuple[int, str]] = []

    def ancestors(gid: str | None) -> list[str]:
        out = []
        while gid is not None and gid not in out:
            out.append(gid)
            gid = groups[gid].parent
        return out

    def node(tok: re.Match) -> GNode:
        nid = tok.group(1)
        groups_ = tok.groups()
        label = next((g for g in groups_[2:] if g is not None), None)
        shape = "rect"
        raw = tok.group(2) or ""
        if raw.startswith("((") or raw.startswith("(") or raw.startswith("(["):
            shape = "round"
        elif raw.startswith("{{"):
            shape = "hexagon"
        elif raw.startswith("{"):
            shape = "diamond"
        if label is not None and not _unquote(label):  # A[] or A[" "]: a node with no words shows its id
            label = nid
        if nid not in nodes:
            nodes[nid] = GNode(nid, _unquote(label) if label is not None else nid, shape)
        elif label is not None:
            nodes[nid].label, nodes[nid].shape = _unquote(label), shape
        n = nodes[nid]
        # a node belongs to the subgraph it is first written in; written again in a subgraph
        # nested inside that one, it moves in (as mermaid does)
        if open_groups and (n.group is None or n.group in ancestors(open_groups[-1])[1:]):
            n.group = open_groups[-1]
        return n

    def node_list(s: str, pos: int) -> tuple[list[GNode], int] | None:
        out: list[GNode] = []
        while True:
            mn = NODE.match(s, pos)
            if not mn or mn.end() == pos:
                return (out, pos) if out else None
            out.append(node(mn))
            pos = mn.end()
            amp = AND.match(s, pos)
            if not amp or not amp.group(0).strip():
                return out, pos
            pos = amp.end()

    def open_group(k: int, rest: str) -> None:
        rest = rest.strip()
        titled = SUBGRAPH_TITLED.match(rest)
        if titled:
            gid, label = titled.group(1), _unquote(titled.group(2))
        else:
            label = _unquote(rest)
            gid = label if label and not re.search(r"\s", label) else ""
        if not gid:
            n = len(groups) + 1
            while f"subgraph{n}" in groups or f"subgraph{n}" in nodes:
                n += 1
            gid = f"subgraph{n}"
        if gid in groups:  # the same subgraph opened again: more nodes go into it
            open_groups.append(gid)
            return
        parent = open_groups[-1] if open_groups else None
        groups[gid] = GGroup(gid, label, parent)
        open_groups.append(gid)

    for k in range(first + 1, len(lines)):
        for stmt in lines[k].split(";"):
            s = stmt.strip()
            if not s or s.startswith("%%"):
                continue
            sg = SUBGRAPH.match(s)
            if sg:
                open_group(k, sg.group(1))
                continue
            if END.match(s):
                if open_groups:
                    open_groups.pop()
                else:
                    warnings.append((k, "mermaid 'end' with no subgraph open: skipped"))
                continue
            dm = DIRECTION.match(s)
            if dm:
                if open_groups:
                    groups[open_groups[-1]].direction = dm.group(1).upper()
                continue
            if SKIP.match(s):
                word = s.split()[0]
                warnings.append((k, f"mermaid '{word}' is not drawn: the nodes and edges around it are"))
                continue
            first_nodes = node_list(s, 0)
            if first_nodes is None:
                warnings.append((k, f"mermaid line not understood, skipped: {s!r}"))
                continue
            prev, pos = first_nodes
            while pos < len(s):
                me = EDGE.match(s, pos)
                if not me:
                    if s[pos:].strip():
                        warnings.append((k, f"mermaid line not fully understood: {s[pos:].strip()!r} skipped"))
                    break
                arrow = me.group(1)
                label = me.group(3) or ""
                inner = re.match(r"^<?(?:--|==|-\.)\s*(.*?)\s*(?:-{2,}>|-{3,}|={2,}>|={3,}|\.-+>|\.-+)$", arrow)
                if inner and inner.group(1):
                    label = inner.group(1)
                nxt = node_list(s, me.end())
                if nxt is None:
                    warnings.append((k, f"mermaid edge with no target: {s!r}"))
                    break
                targets, pos = nxt
                if arrow != "~~~":  # an invisible link only places nodes
                    for a in prev:
                        for b in targets:
                            edges.append(GEdge(a.id, b.id, _unquote(label), dashed="." in arrow))
                prev = targets
    if open_groups:
        warnings.append((len(lines) - 1, f"mermaid subgraph '{open_groups[-1]}' has no 'end': closed here"))
    # a subgraph's id written as a node is the subgraph (its frame), not a node of its own
    for gid in groups:
        nodes.pop(gid, None)
    # a subgraph holding no node would be an empty frame: one that an edge names is a node with its
    # title, any other is not drawn
    holding = {n.group for n in nodes.values()}
    for gid in list(holding):
        while gid in groups and groups[gid].parent is not None and groups[gid].parent not in holding:
            gid = groups[gid].parent
            holding.add(gid)
    named = {x for e in edges for x in (e.a, e.b)}
    for gid in [g for g in groups if g not in holding]:
        g = groups.pop(gid)
        if gid in named:
            nodes[gid] = GNode(gid, g.label or gid, "rect", g.parent)
    for n in nodes.values():
        if n.group not in groups:
            n.group = None
    block = GraphBlock(list(nodes.values()), edges, line, direction, list(groups.values()))
    return MermaidResult(block, warnings)


_SHAPE = re.compile(r"^[A-Za-z0-9_]*\s*(?:\(\((.*)\)\)|\[(.*)\]|\((.*)\)|\{\{(.*)\}\}|\)\)(.*)\(\()\s*$")


def _mind_label(text: str) -> str:
    s = text.strip()
    m = _SHAPE.match(s)
    if m:
        s = next(g for g in m.groups() if g is not None)
    return _unquote(s)


def _mindmap(lines: list[str], first: int, line: int) -> MermaidResult:
    items = [(len(s) - len(s.lstrip()), _mind_label(s)) for s in lines[first + 1 :]
             if s.strip() and not s.strip().startswith(("%%", "::icon"))]
    if not items:
        return MermaidResult(CodeBlock("\n".join(lines), line, "mermaid"), [(first, "empty mindmap")])
    return MermaidResult(MindMapBlock(flatten(tree_of(items)), line))


def requested_picture(lines: list[str], i: int, line0: int) -> tuple[Block, int] | None:
    """``- Create a Mermaid mindmap:`` with the tree under it: the picture it asks for."""
    kind = picture_kind(lines[i])
    if not kind:
        return None
    indent = len(lines[i]) - len(lines[i].lstrip())
    end = i
    while end + 1 < len(lines) and lines[end + 1].strip() and len(lines[end + 1]) - len(lines[end + 1].lstrip()) > indent:
        end += 1
    sub = lines[i + 1 : end + 1]
    if not sub:
        return None
    if kind == "mindmap":
        root = mindmap_from_spec(sub)
        return (MindMapBlock(flatten(root), line0 + i), end) if root else None
    chains = [CHAIN_SPLIT.split(strip_item(s)) for s in sub]
    return graph_from_chains([c for c in chains if any(x.strip() for x in c)], line0 + i), end


def requested_at(scan: Scan, i: int) -> Found | None:
    """``- Create a Mermaid mindmap/flowchart:`` with what it asks for under it."""
    return taken(requested_picture(scan.lines, i, scan.line0))
