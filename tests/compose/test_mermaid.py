"""Mermaid flowcharts and mind maps drawn as pictures; anything else as text, with a warning."""

from __future__ import annotations

from renderer.compose.code import CodeBlock
from renderer.compose.graph import GraphBlock
from renderer.compose.mermaid import parse_mermaid
from renderer.compose.mindmap import MindMapBlock
from tests.compose.helpers import blocks_of


def test_flowchart_nodes_shapes_and_edges() -> None:
    src = "flowchart LR\n  A[인터넷 문서] --> B(토큰화)\n  B -- 학습 --> C{베이스 모델?}\n  C -.-> D((어시스턴트))\n  C -->|SFT| D"
    res = parse_mermaid(src, 10)
    g = res.block
    assert isinstance(g, GraphBlock) and g.direction == "LR" and not res.warnings
    assert [(n.id, n.label, n.shape) for n in g.nodes] == [
        ("A", "인터넷 문서", "rect"), ("B", "토큰화", "round"), ("C", "베이스 모델?", "diamond"), ("D", "어시스턴트", "round")]
    assert [(e.a, e.b, e.label, e.dashed) for e in g.edges] == [
        ("A", "B", "", False), ("B", "C", "학습", False), ("C", "D", "", True), ("C", "D", "SFT", False)]
    assert g.ranks() == [["A"], ["B"], ["C"], ["D"]]


def test_graph_td_and_chains() -> None:
    g = parse_mermaid("graph TD\n  A --> B --> C\n  A --> C", 1).block
    assert g.direction == "TD" and len(g.edges) == 3
    assert g.ranks() == [["A"], ["B"], ["C"]]


def test_mindmap_tree() -> None:
    src = "mindmap\n  root((LLM))\n    Pretraining\n      인터넷 문서\n      토큰 예측\n    SFT\n      대화"
    m = parse_mermaid(src, 1).block
    assert isinstance(m, MindMapBlock) and m.root.label == "LLM"
    assert [(k.label, [c.label for c in k.children]) for k in m.root.children] == [
        ("Pretraining", ["인터넷 문서", "토큰 예측"]), ("SFT", ["대화"])]


def test_unsupported_diagram_is_text_with_a_warning_naming_the_line() -> None:
    notices: list = []
    (b,) = blocks_of("before\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```", notices)[1:]
    assert isinstance(b, CodeBlock) and "sequenceDiagram" in b.text
    assert notices and notices[0].line == 4 and "sequenceDiagram" in notices[0].message


def test_unsupported_statement_warns_but_keeps_the_graph() -> None:
    notices: list = []
    blocks = blocks_of("```mermaid\nflowchart TD\n  classDef x fill:#f00\n  A --> B\n```", notices)
    assert isinstance(blocks[0], GraphBlock) and len(blocks[0].nodes) == 2
    assert notices and notices[0].line == 3 and "classDef" in notices[0].message
