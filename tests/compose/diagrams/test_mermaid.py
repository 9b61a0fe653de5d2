"""Mermaid blocks drawn as pictures: flowcharts (with subgraphs and edge labels), sequence
diagrams, pies and mind maps; anything else as text, with a warning naming its line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet.compose.blocks.code import CodeBlock
from cheatsheet.compose.diagrams.graph import GraphBlock
from cheatsheet.compose.diagrams.mermaid import parse_mermaid
from cheatsheet.compose.diagrams.mindmap import MindMapBlock
from cheatsheet.compose.diagrams.pie import PieBlock
from cheatsheet.compose.diagrams.sequence import Frame, Message, Note, SequenceBlock
from cheatsheet.compose.marks import ArrowMark, BackingMark, StrokeMark, TextMark
from tests.compose.helpers import INK, blocks_of, extent, texts_overlap, within

SUBGRAPHS = """flowchart TD
  subgraph PT [사전학습 Pre-training]
    direction LR
    A[인터넷 문서] --> B[토큰화]
    B --> C((Base Model))
  end
  subgraph POST["후속학습"]
    subgraph SFT
      D[라벨러 대화] --> E[SFT 모델]
    end
    subgraph "RL 단계"
      F{보상 모델} --> G[정책 최적화]
    end
    E --> F
  end
  C --> D
  G --> H[어시스턴트]
  H --> POST
"""

EDGE_LABELS = """graph LR
  P[프롬프트] -->|샘플링| M[정책 모델]
  M -- 답변 4개 --> H[인간 라벨러]
  H -->|순위 매기기| R{보상 모델}
  R -- 점수 --> M
  M -.->|배포| A((어시스턴트))
"""

SEQUENCE = """sequenceDiagram
  autonumber
  actor U as 사용자
  participant C as ChatGPT
  U->>C: 질문: "파리 명소 추천해줘"
  C->>C: 토큰화 + 다음 토큰 예측
  loop 답이 끝날 때까지
    C->>T: 검색 요청
    T-->>C: 검색 결과
  end
  Note right of T: 컨텍스트 창에 추가
  Note over U,C: 한 턴
  alt 안전한 요청
    C-->>U: 답변
  else 부적절한 요청
    C-xU: 정중히 거절
  end
  opt 후속 질문
    U-)C: 더 알려줘
    C->U: 네
  end
"""

PIE = """pie showData
  title 학습 비용 (GPU 시간)
  "사전학습" : 92
  "SFT" : 3
  "보상 모델" : 2
  "RLHF" : 2.5
  "평가" : 0.5
"""


# --- parsing -------------------------------------------------------------

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


def test_edge_label_forms_and_ampersands() -> None:
    g = parse_mermaid("graph LR\n  A -->|yes| B\n  A -- no --> C\n  A & B --> D\n  C == big ==> D\n  D --- E", 1).block
    assert [(e.a, e.b, e.label) for e in g.edges] == [
        ("A", "B", "yes"), ("A", "C", "no"), ("A", "D", ""), ("B", "D", ""), ("C", "D", "big"), ("D", "E", "")]


def test_subgraphs_hold_their_nodes_and_are_no_nodes() -> None:
    res = parse_mermaid(SUBGRAPHS, 1)
    g = res.block
    assert isinstance(g, GraphBlock) and not res.warnings
    assert [n.id for n in g.nodes] == list("ABCDEFGH")  # no "PT", "POST", "SFT", "end"
    assert [(s.id, s.label, s.parent, s.direction) for s in g.groups] == [
        ("PT", "사전학습 Pre-training", None, "LR"), ("POST", "후속학습", None, None), ("SFT", "SFT", "POST", None),
        ("subgraph4", "RL 단계", "POST", None)]
    assert {n.id: n.group for n in g.nodes} == {
        "A": "PT", "B": "PT", "C": "PT", "D": "SFT", "E": "SFT", "F": "subgraph4", "G": "subgraph4", "H": None}
    # an edge to a subgraph goes to its frame
    assert ("H", "POST") in [(e.a, e.b) for e in g.edges]
    # the top level holds two frames and H, ranked by the edges between what they hold
    assert g.ranks() == [["PT"], ["POST"], ["H"]]
    assert g.ranks("POST") == [["SFT"], ["subgraph4"]]


def test_a_node_written_again_in_a_nested_subgraph_moves_in() -> None:
    g = parse_mermaid("flowchart TD\n  subgraph O [outer]\n    A --> B\n    subgraph I [inner]\n      B\n    end\n"
                      "  end\n  A --> C", 1).block
    assert {n.id: n.group for n in g.nodes} == {"A": "O", "B": "I", "C": None}


def test_unbalanced_subgraph_ends_are_warned_not_fatal() -> None:
    res = parse_mermaid("flowchart TD\n  end\n  subgraph S\n    A --> B", 1)
    assert isinstance(res.block, GraphBlock) and [n.id for n in res.block.nodes] == ["A", "B"]
    assert [off for off, _ in res.warnings] == [1, 3]
    assert "'end' with no subgraph" in res.warnings[0][1] and "no 'end'" in res.warnings[1][1]


def test_mindmap_tree() -> None:
    src = "mindmap\n  root((LLM))\n    Pretraining\n      인터넷 문서\n      토큰 예측\n    SFT\n      대화"
    m = parse_mermaid(src, 1).block
    assert isinstance(m, MindMapBlock) and m.root.label == "LLM"
    assert [(k.label, [c.label for c in k.children]) for k in m.root.children] == [
        ("Pretraining", ["인터넷 문서", "토큰 예측"]), ("SFT", ["대화"])]


def test_sequence_participants_messages_notes_and_frames() -> None:
    res = parse_mermaid(SEQUENCE, 1)
    s = res.block
    assert isinstance(s, SequenceBlock) and not res.warnings and s.numbered
    assert [(a.id, a.label, a.kind) for a in s.actors] == [
        ("U", "사용자", "actor"), ("C", "ChatGPT", "participant"), ("T", "T", "participant")]
    assert [(m.a, m.b, m.text, m.dashed, m.head) for m in s.messages()] == [
        ("U", "C", '질문: "파리 명소 추천해줘"', False, "arrow"), ("C", "C", "토큰화 + 다음 토큰 예측", False, "arrow"),
        ("C", "T", "검색 요청", False, "arrow"), ("T", "C", "검색 결과", True, "arrow"), ("C", "U", "답변", True, "arrow"),
        ("C", "U", "정중히 거절", False, "cross"), ("U", "C", "더 알려줘", False, "open"), ("C", "U", "네", False, "none")]
    kinds = [type(it).__name__ for it in s.items]
    assert kinds == ["Message", "Message", "Frame", "Note", "Note", "Frame", "Frame"]
    loop, note_t, note_uc, alt, opt = s.items[2:]
    assert isinstance(loop, Frame) and loop.kind == "loop" and loop.sections[0].label == "답이 끝날 때까지"
    assert isinstance(note_t, Note) and (note_t.side, note_t.actors) == ("right", ["T"])
    assert isinstance(note_uc, Note) and (note_uc.side, note_uc.actors) == ("over", ["U", "C"])
    assert isinstance(alt, Frame) and [sec.label for sec in alt.sections] == ["안전한 요청", "부적절한 요청"]
    assert all(isinstance(m, Message) for sec in alt.sections for m in sec.items)
    assert isinstance(opt, Frame) and opt.kind == "opt"


def test_sequence_oddities_are_warned_and_skipped() -> None:
    res = parse_mermaid("sequenceDiagram\n  A->>+B: hi\n  activate B\n  B-->>-A: ok\n  what is this\n  end", 1)
    assert isinstance(res.block, SequenceBlock) and len(res.block.messages()) == 2
    msgs = dict(res.warnings)
    assert "activations are not drawn" in msgs[1] and "not understood" in msgs[4] and "no frame open" in msgs[5]


def test_pie_slices_title_and_data() -> None:
    res = parse_mermaid(PIE + '  "bad" : -3\n  oops\n', 1)
    p = res.block
    assert isinstance(p, PieBlock) and p.show_data and p.title == "학습 비용 (GPU 시간)"
    assert [(s.label, s.value) for s in p.slices] == [("사전학습", 92), ("SFT", 3), ("보상 모델", 2), ("RLHF", 2.5),
                                                      ("평가", 0.5)]
    assert [off for off, _ in res.warnings] == [7, 8] and "negative" in res.warnings[0][1]
    a = p.angles()
    assert a[0] == (0.0, pytest.approx(331.2)) and a[-1][1] == pytest.approx(360.0)
    assert p.texts()[1:3] == ["사전학습 [92] 92%", "SFT [3] 3%"]
    assert parse_mermaid('pie title Pets\n  "Dogs" : 3\n  "Cats" : 1', 1).block.title == "Pets"


def test_a_pie_with_nothing_to_share_is_its_text() -> None:
    res = parse_mermaid('pie\n  "a" : 0', 1)
    assert isinstance(res.block, CodeBlock) and res.warnings


@pytest.mark.parametrize("kind", ["classDiagram", "gantt", "erDiagram"])
def test_unsupported_diagram_is_text_with_a_warning_naming_the_line(kind: str) -> None:
    notices: list = []
    (b,) = blocks_of(f"before\n\n```mermaid\n{kind}\n  A <|-- B\n```", notices)[1:]
    assert isinstance(b, CodeBlock) and kind in b.text
    assert notices and notices[0].line == 4 and kind in notices[0].message and notices[0].file == "test.md"
    marks = b.place(0.0, 0.0, 80.0, 10.0, INK)
    assert any(isinstance(m, TextMark) and kind in m.text for m in marks)


def test_unsupported_statement_warns_but_keeps_the_graph() -> None:
    notices: list = []
    blocks = blocks_of("```mermaid\nflowchart TD\n  classDef x fill:#f00\n  A --> B\n```", notices)
    assert isinstance(blocks[0], GraphBlock) and len(blocks[0].nodes) == 2
    assert notices and notices[0].line == 3 and "classDef" in notices[0].message


# --- placement -----------------------------------------------------------

def _placed(src: str, width: float, size: float):
    block = parse_mermaid(src, 1).block
    h = block.measure(width, size)
    return block, h, block.place(5.0, 7.0, width, size, INK)


CASES = {"subgraphs": SUBGRAPHS, "edge_labels": EDGE_LABELS, "sequence": SEQUENCE, "pie": PIE}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("width,size", [(60.0, 7.0), (120.0, 10.0), (250.0, 14.0)])
def test_nothing_leaves_the_rect_and_no_words_overlap(name: str, width: float, size: float) -> None:
    block, h, marks = _placed(CASES[name], width, size)
    if block.min_width(size) > width:  # the column is too narrow: auto-fit picks a smaller size
        pytest.skip("narrower than the picture can be")
    assert not within(marks, 5.0, 7.0, width, h, slack=0.8), name
    assert not texts_overlap(marks), name


@pytest.mark.parametrize("name", sorted(CASES))
def test_at_its_narrowest_the_picture_still_fits(name: str) -> None:
    block = parse_mermaid(CASES[name], 1).block
    w = block.min_width(9.0)
    marks = block.place(0.0, 0.0, w, 9.0, INK)
    assert not within(marks, 0.0, 0.0, w, block.measure(w, 9.0), slack=0.8), name
    assert not texts_overlap(marks), name


def _node_rects(block: GraphBlock, width: float, size: float, x: float, y: float) -> list[tuple]:
    from cheatsheet import theme

    lay = block._layout(width, size)
    dy = y + theme.GRAPH_TOP
    return [(b.x + x, b.y + dy, b.x + b.w + x, b.y + b.h + dy) for b in lay.level.boxes.values()]


def _hits(a: tuple, b: tuple, slack: float = 0.2) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


@pytest.mark.parametrize("width", [90.0, 160.0, 250.0])
def test_edge_labels_sit_beside_their_line_on_paper_never_on_a_node(width: float) -> None:
    block, _, marks = _placed(EDGE_LABELS, width, 10.0)
    nodes = _node_rects(block, width, 10.0, 5.0, 7.0)
    labels = {"샘플링", "답변 4개", "순위 매기기", "점수", "배포"}
    words = [m for m in marks if isinstance(m, TextMark) and m.text in labels]
    assert {m.text for m in words} == labels
    for m in words:
        assert m.z > 0  # written over the paper laid under it
        box = extent(m)
        assert not any(_hits(box, n) for n in nodes), m.text
    assert sum(isinstance(m, BackingMark) for m in marks) == len(labels)
    # beside, not on: the label's box does not straddle its own arrow's middle
    arrows = [m for m in marks if isinstance(m, ArrowMark)]
    for m in words:
        x0, y0, x1, y1 = extent(m)
        assert not any(x0 < (a.start[0] + a.end[0]) / 2 < x1 and y0 < (a.start[1] + a.end[1]) / 2 < y1 and not a.bend
                       for a in arrows), m.text


def test_a_way_back_curves_round_the_row() -> None:
    block, _, marks = _placed(EDGE_LABELS, 200.0, 10.0)
    bent = [m for m in marks if isinstance(m, ArrowMark) and m.bend]
    assert len(bent) == 1  # R -> M, against the flow


@pytest.mark.parametrize("width", [80.0, 140.0, 260.0])
def test_frames_hold_exactly_their_nodes(width: float) -> None:
    block = parse_mermaid(SUBGRAPHS, 1).block
    lay = block._layout(width, 10.0)
    frames, boxes = lay.level.frames, lay.level.boxes

    def inside(b, f) -> bool:
        return f.x <= b.x and f.y <= b.y and b.x + b.w <= f.x + f.w and b.y + b.h <= f.y + f.h

    parents = block._parents()
    for n in block.nodes:
        holders = set()
        p = parents[n.id]
        while p is not None:
            holders.add(p)
            p = parents[p]
        for gid, f in frames.items():
            assert inside(boxes[n.id], f) == (gid in holders), (n.id, gid)
    assert inside(frames["SFT"], frames["POST"]) and inside(frames["subgraph4"], frames["POST"])
    assert not _hits((frames["PT"].x, frames["PT"].y, frames["PT"].x + frames["PT"].w, frames["PT"].y + frames["PT"].h),
                     (frames["POST"].x, frames["POST"].y, frames["POST"].x + frames["POST"].w,
                      frames["POST"].y + frames["POST"].h), 0.0)
    # the frame's title is written, and H's edge to POST ends on POST's frame
    marks = block.place(0.0, 0.0, width, 10.0, INK)
    assert {"사전학습 Pre-training", "후속학습", "SFT", "RL 단계"} <= {m.text for m in marks if isinstance(m, TextMark)}
    post = frames["POST"]
    ends = [m.end for m in marks if isinstance(m, ArrowMark)]
    from cheatsheet import theme

    assert any(abs(ey - theme.GRAPH_TOP - (post.y + post.h)) < 1.0 or abs(ey - theme.GRAPH_TOP - post.y) < 1.0
               or abs(ex - post.x) < 1.0 or abs(ex - post.x - post.w) < 1.0 for ex, ey in ends)


def test_sequence_messages_run_down_in_order_with_words_above_their_arrows() -> None:
    block, h, marks = _placed(SEQUENCE, 150.0, 10.0)
    arrows = [m for m in marks if isinstance(m, ArrowMark)]
    straight = [a for a in arrows if a.start[1] == pytest.approx(a.end[1], abs=1e-6)]
    ys = [a.start[1] for a in straight]
    assert ys == sorted(ys)
    # every participant's lifeline: dashed, from under its box to the bottom
    lifelines = [m for m in marks if isinstance(m, StrokeMark) and m.dashed and len(m.points) == 2
                 and m.points[0][0] == m.points[1][0]]
    assert len(lifelines) == 3
    texts = {m.text: m for m in marks if isinstance(m, TextMark)}
    first = straight[0]
    label = next(m for m in marks if isinstance(m, TextMark) and "파리" in m.text)
    assert extent(label)[3] <= first.start[1] + 0.01  # above its arrow
    assert {"loop", "alt", "opt", "[답이 끝날 때까지]", "[부적절한 요청]"} <= set(texts)


def test_pie_labels_in_a_narrow_column_become_a_key() -> None:
    block = parse_mermaid(PIE, 1).block
    wide = block._layout(150.0, 10.0)
    narrow = block._layout(block.min_width(10.0), 10.0)
    assert not wide.key and narrow.key
    for lay in (wide, narrow):
        rects = [sp.rect for sp in lay.spots]
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert not _hits((a[0], a[1], a[0] + a[2], a[1] + a[3]), (b[0], b[1], b[0] + b[2], b[1] + b[3]), 0.0)
    # slices in the theme's inks, no two neighbours alike
    marks = block.place(0.0, 0.0, 150.0, 10.0, INK)
    fills = [m.fill for m in marks if isinstance(m, StrokeMark) and m.fill and m.width_pt == 0]
    from cheatsheet import theme

    assert len(fills) == 5 and all(f in theme.MARKERS + theme.ACCENTS for f in fills)
    assert all(a != b for a, b in zip(fills, fills[1:] + fills[:1]))


def test_pictures_measure_what_they_place() -> None:
    for src in CASES.values():
        block = parse_mermaid(src, 1).block
        for width in (70.0, 130.0, 240.0):
            if block.min_width(9.0) > width:
                continue
            marks = block.place(0.0, 0.0, width, 9.0, INK)
            bottom = max(extent(m)[3] for m in marks)
            assert bottom <= block.measure(width, 9.0) + 0.8


ODD = {
    "empty subgraph": "flowchart LR\n  subgraph S [빈 칸]\n  end\n  A --> S",
    "subgraph of a subgraph only": "flowchart TD\n  subgraph O\n    subgraph I\n      A\n    end\n  end",
    "edge into its own subgraph": "flowchart TD\n  subgraph S\n    A --> S\n  end",
    "subgraph to subgraph": "flowchart LR\n  subgraph X\n    a1-->a2\n  end\n  subgraph Y\n    b1-->b2\n  end\n"
                            "  X --> Y\n  a2 --> b1",
    "cycle": "graph TD\n  A --> B --> C --> A\n  C --> D",
    "long words": "flowchart LR\n  A[Supercalifragilisticexpialidocious_extraordinarily_long_identifier]"
                  " -->|aVeryLongEdgeLabelWithoutSpaces| B",
    "notes only": "sequenceDiagram\n  Note over A: 혼자\n  Note left of A: 왼쪽",
    "empty frames": "sequenceDiagram\n  A->>B: x\n  loop\n  end\n  alt\n  else\n  end",
    "many participants": "sequenceDiagram\n" + "\n".join(f"  P{k}->>P{k + 1}: 메시지 {k} 조금 긴 말" for k in range(8))
                         + "\n  P8-->>P0: 돌아가는 아주 긴 메시지 입니다",
    "nested frames": "sequenceDiagram\n  A->>B: a\n  loop 바깥\n    opt 안쪽\n      B->>C: b\n      critical 더 안쪽\n"
                     "        C->>A: c\n      option 다른\n        A->>A: 혼잣말\n      end\n    end\n  end",
    "long name": "sequenceDiagram\n  title 아주아주긴제목이라서줄이바뀌지않는말\n"
                 "  participant A as 아주아주아주아주긴이름의참가자입니다\n  A->>B: hi",
    "one slice": 'pie\n  "전부" : 1',
    "many slices": "pie title 많은 조각\n" + "\n".join(f'  "조각 {k}" : {k + 1}' for k in range(15)),
    "tiny slices": 'pie\n  "큰 것" : 1000\n' + "\n".join(f'  "작은 것 {k}" : 1' for k in range(6)),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_diagrams_stay_in_their_box_with_words_apart(name: str) -> None:
    block = parse_mermaid(ODD[name], 1).block
    assert not isinstance(block, CodeBlock)
    for size in (7.0, 10.0, 14.0):
        for width in (40.0, 90.0, 200.0):
            if block.min_width(size) > width:
                continue
            marks = block.place(0.0, 0.0, width, size, INK)
            assert not within(marks, 0.0, 0.0, width, block.measure(width, size), slack=0.8), (size, width)
            assert not texts_overlap(marks), (size, width)
            if name == "long words":  # labels wrap between words only: a long one stays whole
                words = {m.text for m in marks if isinstance(m, TextMark)}
                assert {"aVeryLongEdgeLabelWithoutSpaces",
                        "Supercalifragilisticexpialidocious_extraordinarily_long_identifier"} <= words


ZOO = Path(__file__).resolve().parents[2] / "prompts" / "mermaid_zoo.md"


def test_the_zoo_renders_every_kind_as_a_picture() -> None:
    from cheatsheet.compose.page import _composers
    from cheatsheet.render import lay_out, render
    from cheatsheet.sources import read_input

    chapter = read_input(ZOO)
    comps = _composers(chapter, lay_out(chapter), [])
    kinds = {type(b) for c in comps.values() for b in c.blocks}
    assert {GraphBlock, SequenceBlock, PieBlock} <= kinds and CodeBlock not in kinds
    r = render(ZOO, dpi=50)
    assert all(f.fits for f in r.page.fits.values())
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.pdf)).pages).replace(" ", "")
    for word in ("사전학습Pre-training", "라벨러대화", "정책최적화", "ChatGPT", "검색결과", "[답이끝날때까지]",
                 "컨텍스트창에추가", "사전학습[92]", "92%", "<1%", "순위매기기", "점수", "배포"):
        assert word in text, word
