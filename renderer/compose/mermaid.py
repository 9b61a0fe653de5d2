"""```mermaid blocks drawn as pictures: ``flowchart``/``graph`` (TD TB BT LR RL; nodes
``A[..]`` ``B(..)`` ``C{..}`` ``D((..))``; edges ``-->`` ``-- text -->`` ``-->|text|`` ``-.->``
``==>``) and ``mindmap`` (indentation tree).  Anything else is drawn as its text, with a
warning naming the line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .code import CodeBlock
from .graph import GEdge, GNode, GraphBlock
from .mindmap import MindMapBlock, MindNode, tree_of

HEADER = re.compile(r"^\s*(flowchart|graph)\s*(TD|TB|BT|LR|RL)?\s*;?\s*$", re.I)
NODE = re.compile(
    r"([A-Za-z0-9_가-힣]+)\s*(\(\((.*?)\)\)|\(\[(.*?)\]\)|\[\[(.*?)\]\]|\[(.*?)\]|\((.*?)\)|\{\{(.*?)\}\}|\{(.*?)\}|>(.*?)\])?"
)
EDGE = re.compile(r"\s*(-->|---|==>|-\.->|-\.-|--\s*[^->]+?\s*-->|==\s*[^=>]+?\s*==>|-\.\s*[^.]+?\s*\.->)\s*(\|([^|]*)\|)?\s*")
SKIP = re.compile(r"^\s*(classDef|class|style|linkStyle|click|%%|subgraph|end\b|direction)\b", re.I)


@dataclass
class MermaidResult:
    block: object
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line offset, message)


def _unquote(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'`":
        s = s[1:-1]
    return s.replace("<br>", " ").replace("<br/>", " ").strip()


def parse_mermaid(text: str, line: int) -> MermaidResult:
    lines = text.split("\n")
    first = next((k for k, s in enumerate(lines) if s.strip() and not s.strip().startswith("%%")), None)
    if first is None:
        return MermaidResult(CodeBlock(text, line, "mermaid"), [(0, "empty mermaid block")])
    head = lines[first].strip()
    if HEADER.match(head):
        return _flowchart(lines, first, line)
    if head.lower().startswith("mindmap"):
        return _mindmap(lines, first, line)
    kind = head.split()[0]
    return MermaidResult(CodeBlock(text, line, "mermaid"),
                         [(first, f"mermaid '{kind}' diagrams are not drawn as pictures yet: its text is shown")])


def _flowchart(lines: list[str], first: int, line: int) -> MermaidResult:
    m = HEADER.match(lines[first].strip())
    direction = (m.group(2) or "TD").upper() if m else "TD"
    nodes: dict[str, GNode] = {}
    edges: list[GEdge] = []
    warnings: list[tuple[int, str]] = []

    def node(tok: re.Match) -> GNode:
        nid = tok.group(1)
        groups = tok.groups()
        label = next((g for g in groups[2:] if g is not None), None)
        shape = "rect"
        raw = tok.group(2) or ""
        if raw.startswith("((") or raw.startswith("(") or raw.startswith("(["):
            shape = "round"
        elif raw.startswith("{"):
            shape = "diamond"
        if nid not in nodes:
            nodes[nid] = GNode(nid, _unquote(label) if label is not None else nid, shape)
        elif label is not None:
            nodes[nid].label, nodes[nid].shape = _unquote(label), shape
        return nodes[nid]

    for k in range(first + 1, len(lines)):
        for stmt in lines[k].split(";"):
            s = stmt.strip()
            if not s:
                continue
            if SKIP.match(s):
                word = s.split()[0]
                if word.lower() not in ("end", "%%"):
                    warnings.append((k, f"mermaid '{word}' is not drawn: the nodes and edges around it are"))
                continue
            pos = 0
            mnode = NODE.match(s, pos)
            if not mnode:
                warnings.append((k, f"mermaid line not understood, skipped: {s!r}"))
                continue
            prev = node(mnode)
            pos = mnode.end()
            while pos < len(s):
                me = EDGE.match(s, pos)
                if not me:
                    if s[pos:].strip():
                        warnings.append((k, f"mermaid line not fully understood: {s[pos:].strip()!r} skipped"))
                    break
                arrow = me.group(1)
                label = me.group(3) or ""
                inner = re.match(r"^(?:--|==|-\.)\s*(.*?)\s*(?:-->|==>|\.->)$", arrow)
                if inner and inner.group(1):
                    label = inner.group(1)
                mn = NODE.match(s, me.end())
                if not mn:
                    warnings.append((k, f"mermaid edge with no target: {s!r}"))
                    break
                nxt = node(mn)
                edges.append(GEdge(prev.id, nxt.id, _unquote(label), dashed="." in arrow))
                prev = nxt
                pos = mn.end()
    block = GraphBlock(list(nodes.values()), edges, line, direction)
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


def flatten(root: MindNode) -> MindNode:
    """Keep two levels under the root; deeper nodes join their level-2 ancestor's text."""

    def words(n: MindNode) -> str:
        if not n.children:
            return n.label
        return n.label + ": " + ", ".join(words(c) for c in n.children)

    return MindNode(root.label, [MindNode(b.label, [MindNode(words(c)) for c in b.children]) for b in root.children])
