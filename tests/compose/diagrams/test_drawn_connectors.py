"""Lines drawn between boxes with line characters (``───►``, ``│``/``▼``, ``└────┘``) are redrawn as
lines and arrows: a way back leaves the box it comes from and its head points at the box it goes to;
no line character or arrowhead is ever written as text."""

from __future__ import annotations

from cheatsheet.compose.diagrams.drawing import DrawingBlock
from cheatsheet.compose.diagrams.grid import parse_grid
from cheatsheet.compose.marks import ArrowMark, StrokeMark, TextMark
from tests.compose.helpers import INK

LOOP = """┌──────────────┐      ┌──────────┐
│ 풀이 ×15 샘플링 │ ───► │ 정답 채점  │
└──────────────┘      └──────────┘
       ▲                    │
       │                    ▼
       │             ┌──────────────┐
       └──────────── │ 모델 업데이트   │
                     └──────────────┘""".split("\n")


def _box(g, word: str):
    t = next(t for t in g.texts if t.text.strip() == word)
    return next(b for b in g.boxes if b.top < t.row < b.bottom and b.left <= t.col <= b.right)


def test_the_lines_between_boxes_are_read() -> None:
    g = parse_grid(LOOP)
    sample, grade, update = (_box(g, w) for w in ("풀이 ×15 샘플링", "정답 채점", "모델 업데이트"))
    heads = [ln for ln in g.lines if ln.head]
    assert len(heads) == 3
    across = next(ln for ln in heads if ln.a[1] == ln.b[1])
    assert across.a[0] == sample.right + 0.5 and across.b[0] == grade.left + 0.5  # box to box
    down = next(ln for ln in heads if ln.a[0] == ln.b[0] and ln.b[1] > ln.a[1])
    assert (down.a[1], down.b[1]) == (grade.bottom, update.top)
    back = next(ln for ln in heads if ln.a[0] == ln.b[0] and ln.b[1] < ln.a[1])
    assert back.b[1] == sample.bottom  # the way back's head is at the box it goes to...
    foot = next(ln for ln in g.lines if not ln.head)
    assert foot.a == back.a and foot.b[0] == update.left + 0.5  # ...and it leaves the box it comes from
    assert {t.text.strip() for t in g.texts} == {"풀이 ×15 샘플링", "정답 채점", "모델 업데이트"}


def test_the_loop_is_drawn_with_its_heads_at_the_boxes_it_enters() -> None:
    b = DrawingBlock(LOOP, 1)
    width = 150.0
    marks = b.place(0.0, 0.0, width, 10.0, INK)
    arrows = [m for m in marks if isinstance(m, ArrowMark)]
    lines = [m for m in marks if isinstance(m, StrokeMark) and len(m.points) == 2]
    assert len(arrows) == 3 and len(lines) == 1
    assert not any(isinstance(m, TextMark) and set(m.text.strip()) & set("►▲▼│─└") for m in marks)
    # the way back: its head is above its foot, and the foot line runs from it to the right
    back = min(arrows, key=lambda m: m.end[0])
    assert back.end[1] < back.start[1]
    (fx0, fy0), (fx1, fy1) = lines[0].points
    assert abs(fy0 - back.start[1]) < 1e-6 and min(fx0, fx1) == back.start[0]


# the frame of form_08's pipeline: the author padded the Hangul rows counting a syllable as less than
# two columns, so their right wall lands past the frame's corner (here 5 and 16 columns)
PUSHED = """┌────────────────────────────────────────────┐
│   ┌──────────────┐                         │
│   │ 1. V3-Base   │  인터넷 텍스트로 사전학습된 베이스 모델 │
│   └──────────────┘                         │
│   ┌──────────────┐                         │
│   │ 2. R1-Zero   │  SFT 없이 바로 RL            │
│   └──────────────┘                         │
└────────────────────────────────────────────┘""".split("\n")


def test_a_wall_the_wide_words_pushed_far_right_is_the_frame_s_not_a_line() -> None:
    g = parse_grid(PUSHED)
    assert len(g.boxes) == 3
    assert g.lines == []  # the pushed walls are the frame's sides: no stray stroke beside it
    assert {t.text.strip() for t in g.texts} >= {"인터넷 텍스트로 사전학습된 베이스 모델", "SFT 없이 바로 RL"}
