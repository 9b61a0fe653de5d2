"""The planning stage alone: which box shows each written piece, and why."""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from pathlib import Path

import pytest

from cheatsheet.layout.engine import layout_chapter
from cheatsheet.plan import plan_sheet
from cheatsheet.sources import read_input
from cheatsheet.sources.requests import is_request, picture_kind
from tests.conftest import seed
from tests.plan.placements import PROMPTS, intended

SHEETS = [seed(n) for n in ("ch09", "ch10", "ch24")] + sorted(PROMPTS.glob("*.md"))
WORD = re.compile(r"[가-힣]{2,}|[A-Za-z]{3,}")
PLACED_RIGHT = 0.9  # of the placements a careful reader agrees on (tests/data/prompt_forms.md)


def _plan(path: Path):
    chapter = read_input(path)
    return chapter, plan_sheet(chapter, layout_chapter(chapter))


@pytest.mark.parametrize("path", SHEETS, ids=[p.stem for p in SHEETS])
def test_every_piece_is_placed_exactly_once(path: Path) -> None:
    chapter, layout = _plan(path)
    leaves = {r.id for r in layout.leaves()}
    by_piece = defaultdict(list)
    for p in layout.placements:
        by_piece[(p.section.line, p.section.body_line)].append(p)
        assert p.reason, p
        assert p.region_id in leaves or (p.region_id == "" and p.how == "nothing"), p
    for s in chapter.sections:
        mine = [p for (line, _), ps in by_piece.items() if line == s.line for p in ps]
        assert mine, f"{s.title!r} (line {s.line}) was placed nowhere"
    # a piece's writing is in one box, never in two
    for p in layout.placements:
        if not p.region_id:
            continue
        first = next((ln.strip() for ln in p.section.body.split("\n") if len(WORD.findall(ln)) >= 3
                      and not is_request(ln) and not picture_kind(ln) and not ln.strip().startswith(("```", "|"))), "")
        if not first:
            continue
        holders = [rid for rid, items in layout.content.items() if any(first in c.markdown for c in items)]
        assert holders == [p.region_id], (p.section.title, first, holders)


def test_the_plan_changes_nothing_it_is_given() -> None:
    chapter = read_input(PROMPTS / "form_02_boldparts_hallucination.md")
    layout = layout_chapter(chapter)
    chapter0, layout0 = copy.deepcopy(chapter), copy.deepcopy(layout)
    planned = plan_sheet(chapter, layout)
    assert chapter == chapter0
    assert layout == layout0
    assert planned is not layout and any(planned.content.values())


def test_pieces_go_to_the_boxes_a_reader_would_put_them_in() -> None:
    rows = intended()
    assert len(rows) >= 60
    by_file = defaultdict(list)
    for name, phrase, box in rows:
        by_file[name].append((phrase, box))
    misses = []
    for name, items in sorted(by_file.items()):
        _, layout = _plan(PROMPTS / name)
        for phrase, box in items:
            where = [layout.find(rid).label for rid, cs in layout.content.items() if any(phrase in c.markdown for c in cs)]
            if where != [box]:
                misses.append(f"{name}: {phrase!r} in {where}, not {box!r}")
    right = 1 - len(misses) / len(rows)
    assert right >= PLACED_RIGHT, f"{right:.0%} placed right; " + "; ".join(misses)


def test_a_request_with_no_data_draws_nothing() -> None:
    _, layout = _plan(PROMPTS / "form_06_sparse_zero_shot.md")
    nowhere = [p for p in layout.placements if not p.region_id]
    assert [p.section.title for p in nowhere] == ["Comparison"]
    assert nowhere[0].how == "nothing"
    text = "\n".join(c.markdown for cs in layout.content.values() for c in cs)
    assert "### ⚖️ Comparison" not in text and "Create a" not in text


def test_a_section_that_says_a_sketch_replaces_it() -> None:
    """ch10's dataset box draws 2022 against today and its section says every word of the drawing in a
    table: the box shows the section only, and the layout says so.  Its tokenization box draws words the
    section does not say: the drawing stays above the section."""
    _, layout = _plan(seed("ch10"))
    assert not any("┌" in c.markdown for c in layout.content["band5"])
    assert any("2022년 vs 현재" in c.markdown for c in layout.content["band5"])
    assert "band5: its drawing is said in full by '📊 SFT 데이터셋 진화'" in layout.plan_notes
    assert "band5" in layout.sketches  # kept, should a continuation page need it back
    tokens = layout.content["band3"]
    assert "┌" in tokens[0].markdown and any("특수 토큰 구조" in c.markdown for c in tokens[1:])


def test_a_sketch_its_section_says_is_drawn_once_and_the_plan_names_what_only_it_wrote() -> None:
    _, layout = _plan(seed("ch10"))
    labellers = layout.content["band2.col2"]  # the sketch's three steps are the section's, said in other words
    assert [c.markdown for c in labellers] and not any("[라벨링 지침 따름]" in c.markdown for c in labellers)
    assert "band2.col2: its sketch is said by '👥 인간 라벨러의 역할' (the page does not write its 따름)" in layout.plan_notes
    insight = layout.content["band4.col2"]  # the quote once: the section's, not the sketch's short form as well
    assert sum(c.markdown.count("You're not talking to a") for c in insight) == 1


def test_only_the_items_of_a_sketch_that_say_more_stay() -> None:
    _, layout = _plan(seed("ch24"))
    cheese = "\n".join(c.markdown for c in layout.content["band3.col2"])
    assert "🧀 구멍 5: 들쭉날쭉한 지능" in cheese  # its words are the sketch's own
    assert "🧀 구멍 3: 글자 수 세기 실패" not in cheese  # the section's table says it
    assert any(n.startswith("band3.col2: its sketch is said by") and "but for the lines kept" in n
               for n in layout.plan_notes)


def test_a_sketch_the_pieces_do_not_say_stays() -> None:
    _, layout = _plan(PROMPTS / "form_02_boldparts_hallucination.md")
    why = layout.content["band2.col2"]  # 🧪 왜 생길까?: its sketch asks for a flow, nothing elaborates it
    assert why and "질문 → 말투 모방" in why[0].markdown and "Flowchart" not in why[0].markdown


def test_the_source_notes_fill_a_sheet_written_only_in_sketches() -> None:
    chapter, layout = _plan(PROMPTS / "form_05_sketch_only_rl.md")
    assert not chapter.sections
    reserve = [p for p in layout.placements if p.how == "reserve"]
    assert {p.section.origin for p in reserve} == {"summary", "key-points"}
    textbook = layout.find("band2.col1")
    assert any("Pre-training" in c.markdown for c in layout.content[textbook.id])


def test_quotes_go_to_their_speakers_boxes() -> None:
    _, layout = _plan(PROMPTS / "form_12_roundtable_future.md")
    for speaker in ("Zack", "Amanda", "David"):
        box = next(r for r in layout.leaves() if r.title == speaker)
        quotes = [c.markdown for c in layout.content[box.id] if c.markdown.lstrip().startswith(">")]
        assert quotes, speaker


def test_a_bold_numbered_lead_in_inside_a_section_stays_in_it() -> None:
    chapter, _ = _plan(PROMPTS / "ch18_deepseek_r1.md")
    change = next(s for s in chapter.sections if s.title == "RL이 만든 변화")
    assert "**1. 정확도 상승**" in change.body and "**2. 답변 길이 증가**" in change.body
