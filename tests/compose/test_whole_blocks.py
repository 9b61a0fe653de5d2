"""Whole blocks: a lead-in stays with what follows, an item with its sub-items, a short list is never
split across newspaper columns, a long one only between its items."""

from __future__ import annotations

from cheatsheet import theme
from cheatsheet.compose.parse import parse_blocks
from cheatsheet.compose.region import _groups
from tests.compose.test_fit import bullets, compose, prompt


def texts(group) -> list[str]:
    return ["".join(r.text for r in b.runs) for b in group]


def test_a_short_list_is_one_group_with_its_lead_in_and_sub_items() -> None:
    md = "**리드인:**\n- 항목 하나\n  └─ 세부 1\n  └─ 세부 2\n- 항목 둘\n- 항목 셋\n\n1. 첫째\n   - 하위\n2. 둘째\n"
    groups = _groups(parse_blocks(md, 1))
    assert [texts(g) for g in groups] == [["리드인:", "항목 하나", "세부 1", "세부 2", "항목 둘", "항목 셋"],
                                          ["첫째", "하위", "둘째"]]


def test_a_long_list_splits_only_between_items_never_leaving_one_alone() -> None:
    n = theme.SHORT_LIST_ITEMS + 4
    k = theme.LIST_SPLIT_MIN_ITEMS
    md = "\n".join(f"- 항목 {j}\n  └─ 세부 {j}" for j in range(n))
    groups = _groups(parse_blocks(md, 1))
    items = [[t for t in texts(g) if t.startswith("항목")] for g in groups]
    assert [len(g) for g in items] == [k] + [1] * (n - 2 * k) + [k]
    assert all(texts(g)[1::2] == [t.replace("항목", "세부") for t in texts(g)[::2]] for g in groups)


def test_no_group_is_cut_by_a_column_break(tmp_path) -> None:
    _, page = compose(prompt(tmp_path, "- a", "- b", bullets(40) + "\n\n**정리:**\n- 하나\n- 둘\n- 셋"))
    fit = page.fits["band3"]
    assert fit.ncols >= 2
    where = {id(b): k for k, col in enumerate(fit.columns) for b, _ in col}
    comp_groups = _groups([b for col in fit.columns for b, _ in col])
    for g in comp_groups:
        assert len({where[id(b)] for b in g}) == 1, texts(g)


def test_every_block_is_in_exactly_one_group() -> None:
    for md in ("- 하나", "- 하나\n\n- 둘\n\n- 셋", "- a\n- b\n- c\n- d", "- a\n- b\n- c\n- d\n- e\n- f\n- g",
               "**리드:**\n- a\n  └─ x\n\n문단\n\n- b\n- c"):
        blocks = parse_blocks(md, 1)
        flat = [b for g in _groups(blocks) for b in g]
        assert [id(b) for b in flat] == [id(b) for b in blocks], md


def test_a_numbered_list_with_blank_lines_between_its_steps_is_one_list() -> None:
    md = "**리드:**\n1. 첫째\n   └─ 세부 a\n\n2. 둘째\n   └─ 세부 b\n\n3. 셋째\n   └─ 세부 c\n"
    groups = _groups(parse_blocks(md, 1))
    assert [texts(g) for g in groups] == [["리드:", "첫째", "세부 a", "둘째", "세부 b", "셋째", "세부 c"]]


def test_numbers_that_start_over_after_a_blank_line_begin_another_list() -> None:
    md = "1. 하나\n2. 둘\n\n1. 다시 하나\n2. 다시 둘\n"
    groups = _groups(parse_blocks(md, 1))
    assert [texts(g) for g in groups] == [["하나", "둘"], ["다시 하나", "다시 둘"]]


def test_a_numbered_list_nested_under_an_item_stays_with_it() -> None:
    md = "- 앞 항목\n- 원인 두 가지:\n  1. 철자\n  2. 세기\n- 셋째\n- 넷째\n- 다섯째\n- 여섯째\n"
    groups = _groups(parse_blocks(md, 1))
    home = next(g for g in groups if "원인 두 가지:" in texts(g))
    assert {"철자", "세기"} <= set(texts(home))
