"""Nodes as typed: a diamond holds its words inside its four sides, ``{{…}}`` is a hexagon, no node
without words and no frame with nothing in it is drawn, and a way back leaves the node it comes from."""

from __future__ import annotations

import math

import pytest

from cheatsheet.compose.diagrams.graph import graph_from_chains
from cheatsheet.compose.diagrams.mermaid import parse_mermaid
from cheatsheet.compose.text.setting import pitch

DECISION = """flowchart TD
    Q[질문 받음] --> D{확실히 아는 내용인가?}
    D -->|예| A[바로 답한다]
    D -->|아니오| S{{검색 도구 호출}}
    S --> A
"""


def _inside_diamond(px: float, py: float, b) -> bool:
    cx, cy = b.x + b.w / 2, b.y + b.h / 2
    return abs(px - cx) / (b.w / 2) + abs(py - cy) / (b.h / 2) <= 1 + 1e-9


@pytest.mark.parametrize("width", [50.0, 80.0, 140.0])
@pytest.mark.parametrize("size", [7.0, 11.0, 16.0])
def test_a_diamond_keeps_its_words_inside(width: float, size: float) -> None:
    g = parse_mermaid(DECISION, 1).block
    lay = g._layout(width, size)
    b = lay.level.boxes["D"]
    assert b.shape == "diamond"
    lines = lay.level.lines["D"]
    step = pitch(size)
    top = b.y + (b.h - len(lines) * step) / 2
    for k, ln in enumerate(lines):
        x0 = b.x + (b.w - ln.width) / 2
        for px in (x0, x0 + ln.width):
            for py in (top + k * step, top + (k + 1) * step):
                assert _inside_diamond(px, py, b), (ln, px, py, b)


def test_double_braces_are_a_hexagon() -> None:
    g = parse_mermaid(DECISION, 1).block
    shapes = {n.id: n.shape for n in g.nodes}
    assert shapes == {"Q": "rect", "D": "diamond", "A": "rect", "S": "hexagon"}
    b = g._layout(100.0, 10.0).level.boxes["S"]
    pts = b.outline()
    assert len(pts) == 6
    # pointed at both ends, flat on top and below
    assert min(p[0] for p in pts) == pytest.approx(b.x) and max(p[0] for p in pts) == pytest.approx(b.x + b.w)
    assert sum(1 for p in pts if p[1] == pytest.approx(b.y)) == 2


def test_a_hexagon_keeps_its_words_between_its_points() -> None:
    g = parse_mermaid(DECISION, 1).block
    lay = g._layout(100.0, 10.0)
    b = lay.level.boxes["S"]
    c = b.h * 0.45
    widest = max(ln.width for ln in lay.level.lines["S"])
    assert widest <= b.w - 2 * c + 1e-6


@pytest.mark.parametrize("src", [
    "flowchart TD\n A[] --> B[\" \"]\n",
    "flowchart TD\n subgraph X\n end\n A[가] --> B[나]\n",
])
def test_no_node_without_words(src: str) -> None:
    g = parse_mermaid(src, 1).block
    lay = g._layout(100.0, 10.0)
    assert all(n.label.strip() for n in g.nodes)
    assert not lay.level.frames  # a subgraph holding nothing is no empty frame
    for i, lines in lay.level.lines.items():
        assert any(ln.width > 0 for ln in lines), i


def test_an_empty_subgraph_an_edge_names_is_a_node_with_its_title() -> None:
    g = parse_mermaid("flowchart LR\n subgraph X [빈 틀]\n end\n X --> A[가]\n", 1).block
    assert [(n.id, n.label) for n in g.nodes] == [("A", "가"), ("X", "빈 틀")]
    lay = g._layout(100.0, 10.0)
    assert not lay.level.frames and set(lay.level.boxes) == {"A", "X"}


@pytest.mark.parametrize("chain", [["가", "", "나"], ["가", "나", ""], ["", "가", "나"], ["가", "[ ]", "나"]])
def test_a_chain_with_an_arrow_to_nothing_draws_no_empty_node(chain: list[str]) -> None:
    g = graph_from_chains([chain], 1)
    assert [n.label for n in g.nodes] == ["가", "나"]
    assert [(e.a, e.b) for e in g.edges] == [("n0", "n1")]


def _gap(p: tuple[float, float], b) -> float:
    dx = max(b.x - p[0], 0.0, p[0] - b.x - b.w)
    dy = max(b.y - p[1], 0.0, p[1] - b.y - b.h)
    return math.hypot(dx, dy)


@pytest.mark.parametrize("src", [
    "flowchart LR\n A[풀이 ×15 샘플링] --> B[정답 채점]\n B --> C[모델 업데이트]\n C --> A\n",
    "flowchart TD\n A[풀이 ×15 샘플링] --> B[정답 채점]\n B --> C[모델 업데이트]\n C --> A\n",
    "flowchart TD\n S[문제] --> A[풀이 ×15 샘플링] --> B[채점] --> C[모델 업데이트]\n C -->|반복| A\n B -->|오답| A\n",
    "flowchart LR\n subgraph L [고리]\n A[풀이 ×15 샘플링] --> B[채점] --> C[모델 업데이트]\n end\n C --> A\n",
])
@pytest.mark.parametrize("width", [60.0, 130.0])
def test_every_arrow_leaves_the_node_it_comes_from(src: str, width: float) -> None:
    g = parse_mermaid(src, 1).block
    lay = g._layout(width, 10.0)
    boxes = {**lay.level.frames, **lay.level.boxes}
    assert lay.edges
    for ed in lay.edges:
        a, b = boxes[ed.edge.a], boxes[ed.edge.b]
        start, end = ed.path()[0], ed.path()[-1]
        assert _gap(start, a) < 1.5 and _gap(end, b) < 1.5, (ed.edge, start, end)
        assert _gap(start, b) > _gap(start, a) and _gap(end, a) > _gap(end, b), ed.edge
