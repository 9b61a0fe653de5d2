"""Markdown of a region -> the right kind of block for each construct."""

from __future__ import annotations

from cheatsheet.compose.blocks.beforeafter import BeforeAfterBlock
from cheatsheet.compose.blocks.code import CodeBlock
from cheatsheet.compose.blocks.costbars import CostBarsBlock
from cheatsheet.compose.blocks.frame import FrameBlock
from cheatsheet.compose.blocks.quote import QuoteBlock
from cheatsheet.compose.blocks.table import TableBlock
from cheatsheet.compose.blocks.text_item import TextItem
from cheatsheet.compose.diagrams.drawing import DrawingBlock
from cheatsheet.compose.diagrams.flow import FlowBlock
from cheatsheet.compose.diagrams.graph import GraphBlock
from cheatsheet.compose.diagrams.mindmap import MindMapBlock
from cheatsheet.compose.parse import parse_blocks
from tests.compose.helpers import blocks_of


def kinds(md: str) -> list[str]:
    return [type(b).__name__ for b in blocks_of(md)]


def test_lines_lists_and_markers() -> None:
    blocks = blocks_of("**라벨러가 하는 일:**\n1. 프롬프트 창작\n   └─ \"파리 명소\"\n   └─ \"버그 고쳐줘\"\n2. 응답 작성\n\n- 불릿\n\n□ 할 일\n✅ HELPFUL")
    assert all(isinstance(b, TextItem) for b in blocks)
    markers = [b.marker for b in blocks]
    assert markers[0] == "lead"
    assert markers.count("tree") == 2
    assert "box" in markers
    glyphs = [b.glyph[0].text for b in blocks if b.marker == "glyph"]
    assert glyphs[:2] == ["1.", "2."] and "•" in glyphs and "✅" in glyphs
    tree = [b for b in blocks if b.marker == "tree"]
    assert all(t.level == 1 for t in tree)
    assert blocks[0].keep_with_next


def test_tables_with_escaped_pipes() -> None:
    (t,) = blocks_of("| 토큰 | 의미 |\n|---|---|\n| `<\\|im_start\\|>` | 시작 |\n| `user` | 사용자 |")
    assert isinstance(t, TableBlock)
    assert t.rows[0][0][0].text == "<|im_start|>" and t.rows[0][0][0].style == "token"
    assert t.rows[1][0][0].style == "code"


def test_quote_with_author() -> None:
    (q,) = blocks_of('> "You\'re talking to a statistical simulation."\n> - Andrej Karpathy')
    assert isinstance(q, QuoteBlock) and q.author == "Andrej Karpathy"


def test_single_box_is_a_frame_and_boxes_inside_are_a_drawing() -> None:
    frame = "┌──────────────┐\n│  제목        │\n├──────────────┤\n│ ✅ HELPFUL   │\n│  └─ 유용     │\n└──────────────┘"
    (f,) = blocks_of(frame)
    assert isinstance(f, FrameBlock) and f.title == "제목"
    drawing = "┌────┐  ┌────┐\n│ A  │→ │ B  │\n└────┘  └────┘"
    (d,) = blocks_of(drawing)
    assert isinstance(d, DrawingBlock)
    assert len(d.grid.boxes) == 2 and len(d.grid.arrows) == 1


def test_captions_above_a_drawing_belong_to_it() -> None:
    md = "2022 (A)          2024+ (B)\n┌──────┐        ┌──────┐\n│ 인간 │   →    │ 혼합 │\n└──────┘        └──────┘"
    (d,) = blocks_of(md)
    assert isinstance(d, DrawingBlock)
    assert {t.text for t in d.grid.texts} >= {"2022 (A)", "2024+ (B)"}


def test_down_arrows_make_a_flow() -> None:
    (f,) = blocks_of("Pre-training\n(인터넷 문서)\n    ↓\nBase Model\n    ↓\nSFT")
    assert isinstance(f, FlowBlock) and len(f.stages) == 3
    (g,) = blocks_of("인터넷 → [Pre-training] → 신경망\n          ↓\n대화 → [SFT] → 성격")
    assert isinstance(g, FlowBlock) and [len(s.nodes) for s in g.stages] == [3, 3]
    assert g.stages[0].nodes[1].boxed


def test_cost_lines_are_bars() -> None:
    (c,) = blocks_of("사전학습: $$$$$\n후속학습: $ (훨씬 적음)")
    assert isinstance(c, CostBarsBlock)
    assert [r.dollars for r in c.rows] == [5, 1] and c.rows[1].note == "(훨씬 적음)"


def test_mindmap_and_flowchart_instructions() -> None:
    md = ('- Create a Mermaid mindmap:\n  - Root: "Topic"\n  - Level 1: "A", "B"\n  - Level 2:\n'
          '    - A → "a1", "a2"\n    - B → "b1"')
    (m,) = blocks_of(md)
    assert isinstance(m, MindMapBlock) and m.root.label == "Topic"
    assert [(k.label, [c.label for c in k.children]) for k in m.root.children] == [("A", ["a1", "a2"]), ("B", ["b1"])]
    (g,) = blocks_of("- Create a Mermaid flowchart:\n  - 문서 → 토큰화 → 모델\n  - 모델 → 후속학습 → 어시스턴트")
    assert isinstance(g, GraphBlock)
    assert len(g.nodes) == 5 and len(g.edges) == 4


def test_versus_lead_makes_before_after() -> None:
    md = "**RLHF vs RL:**\nRLHF (GPT-4o):\n  - 약한 RL\n\n진짜 RL (o3-mini):\n  - 새로운 전략\n"
    blocks = blocks_of(md)
    assert isinstance(blocks[0], TextItem) and blocks[0].marker == "lead"
    assert isinstance(blocks[1], BeforeAfterBlock)
    assert blocks[1].before.title == "RLHF (GPT-4o)" and blocks[1].after.title == "진짜 RL (o3-mini)"


def test_code_fence_is_a_code_panel() -> None:
    (c,) = blocks_of("```bash\nmkdir -p out\n```")
    assert isinstance(c, CodeBlock) and c.lang == "bash"


def test_a_table_with_a_short_header_is_still_a_table_and_no_rule_is_written() -> None:
    blocks = parse_blocks("intro\n| 단계 |\n|---|---|\n| 1 | 토큰화 |\nafter\n- item\n  |---|---|", 1)
    assert [type(b).__name__ for b in blocks] == ["TextItem", "TableBlock", "TextItem", "TextItem"]
    table = blocks[1]
    assert [[r.text for r in c] for c in table.header] == [["단계"]]
    assert [[[r.text for r in c] for c in row] for row in table.rows] == [[["1"], ["토큰화"]]]
    assert table.line == 2
    assert [r.text for r in blocks[3].runs] == ["item"]


def test_pipes_inside_code_and_special_tokens_in_a_table_stay_in_their_cell() -> None:
    (table,) = parse_blocks("| 토큰 | 뜻 | 예 |\n|---|---|---|\n| `<|im_start|>` | 턴 시작 | x |\n"
                            "| <|im_end|> | a|b |", 1)
    assert [[[(r.text, r.style) for r in c] for c in row] for row in table.rows] == [
        [[("<|im_start|>", "token")], [("턴 시작", "plain")], [("x", "plain")]],
        [[("<|im_end|>", "token")], [("a", "plain")], [("b", "plain")]],
    ]


def test_a_chart_typed_with_line_characters_is_drawn() -> None:
    """Axes and slopes with no closed box are one drawing: the line characters become pen strokes where
    the author typed them and the words stay beside them, never a line character written as text; a tree
    item's short └─ is no chart."""
    from cheatsheet.compose.blocks.code import CodeBlock
    from cheatsheet.compose.diagrams.drawing import DrawingBlock
    from cheatsheet.compose.ink import Ink
    from cheatsheet.compose.marks import StrokeMark, TextMark
    from cheatsheet.compose.parse import parse_blocks

    md = ("Elo ↑          ╱ RL\n    │       ╱\n    │  ─ ─ 이세돌 ─ ─\n    └──────────→ 시간\n\n"
          "- 항목\n  └─ 이유: 설명")
    blocks = parse_blocks(md, 1)
    sketch = blocks[0]
    assert isinstance(sketch, DrawingBlock)
    assert sketch.lines[1] == "    │       ╱"  # the author's alignment
    marks = sketch.place(0, 0, 120, 10, Ink.nth(0))
    texts = "".join(m.text for m in marks if isinstance(m, TextMark))
    assert "Elo" in texts and "이세돌" in texts and "시간" in texts
    assert not any("\u2500" <= ch <= "\u257f" for ch in texts)
    assert sum(isinstance(m, StrokeMark) for m in marks) >= 6  # the axis, the slopes, the dashes, the corner
    assert not any(isinstance(b, (CodeBlock, DrawingBlock)) for b in blocks[1:])


def test_a_mind_map_spec_with_no_request_above_it_is_a_mind_map() -> None:
    """``- Root:`` / ``- Level 1:`` written bare, as plan sections often do, is drawn as the mind map."""
    from cheatsheet.compose.diagrams.mindmap import MindMapBlock
    from cheatsheet.compose.parse import parse_blocks

    blocks = parse_blocks('- Root: "RL"\n- Level 1: "보상", "정책"\n  - Level 2: 보상 → "점수", "채점"\n\n끝', 1)
    assert isinstance(blocks[0], MindMapBlock) and len(blocks) == 2
    words = " ".join(blocks[0].texts())
    assert all(w in words for w in ("RL", "보상", "정책", "점수", "채점")), words
