"""A box drawing is redrawn on its character grid; the words inside a box share the box's left
edge even where wide characters (Hangul, Hanja) push a row's own borders to the right."""

from __future__ import annotations

from cheatsheet.compose.diagrams.grid import parse_grid

PIPELINE = """┌─────────────┐    ┌─────────────┐    ┌─────────────┐
│ PRETRAINING │ →  │ BASE MODEL  │ →  │POST-TRAINING│
│인터넷 문서    │    │문서 시뮬레이터│    │SFT + RL     │
│토큰 예측      │    │             │    │어시스턴트화  │
│$$$$ 비용     │    │             │    │$ 비용 적음   │
└─────────────┘    └─────────────┘    └─────────────┘""".split("\n")


def _col(grid, word: str) -> int:
    return next(t.col for t in grid.texts if t.text.strip() == word)


def test_lines_written_against_a_border_share_the_boxes_left_edge() -> None:
    g = parse_grid(PIPELINE)
    assert len(g.boxes) == 3
    third = sorted(g.boxes, key=lambda b: b.left)[2]
    cols = {_col(g, w) for w in ("POST-TRAINING", "SFT + RL", "어시스턴트화", "$ 비용 적음")}
    assert cols == {third.left + 1}
    first = sorted(g.boxes, key=lambda b: b.left)[0]
    assert {_col(g, w) for w in ("인터넷 문서", "토큰 예측", "$$$$ 비용")} == {first.left + 1}
    assert _col(g, "PRETRAINING") == first.left + 2  # an indent the author typed stays


def test_words_outside_any_box_keep_their_columns() -> None:
    lines = PIPELINE + ["                                        ↓", "                                   결과 모델"]
    g = parse_grid(lines)
    assert _col(g, "결과 모델") == 35


def test_a_row_whose_walls_do_not_match_the_boxes_is_left_as_typed() -> None:
    lines = ["┌──────┐", "│ 가나 │ 다라 │", "└──────┘"]
    g = parse_grid(lines)
    assert _col(g, "다라") == 9  # 가나 is two wide characters: the typed column stays
