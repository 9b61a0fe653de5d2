"""No stage changes what it is handed: each stage function gets its input, and the input is compared, to
the last float and the last shared reference, with a copy taken before the call.

layout (diagram -> placed regions), plan (which box shows which piece), compose (a region's markdown ->
blocks; the whole page), fit (the regions' needs -> body size, rects, banner room, notices) and draw
(marks -> a figure).
"""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from cheatsheet.compose.fit import banner_room, negotiate
from cheatsheet.compose.page import _composers, banner_height, compose_page
from cheatsheet.compose.parse import parse_blocks
from cheatsheet.errors import FitError
from cheatsheet.export import figure_for
from cheatsheet.layout.engine import layout_chapter
from cheatsheet.plan import plan_sheet
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from tests.conftest import CHAPTERS, ROOT

PROMPTS = [CHAPTERS / "ch10.yaml", ROOT / "tests" / "prompts" / "ch05_tokenization.md",
           ROOT / "tests" / "prompts" / "mermaid_zoo.md", ROOT / "tests" / "prompts" / "form_01_plan_mindmap.md"]


def frozen(*things: object) -> bytes:
    """Everything reachable from ``things``, as bytes: a change anywhere in it changes them."""
    return pickle.dumps(things, protocol=pickle.HIGHEST_PROTOCOL)


def unchanged(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, asserting that it left its arguments as they were."""
    before = frozen(args, kwargs)
    kept = copy.deepcopy((args, kwargs))
    out = fn(*args, **kwargs)
    assert frozen(args, kwargs) == before, f"{fn.__name__} changed its input"
    assert frozen(args, kwargs) == frozen(*kept)
    return out


@pytest.fixture(params=PROMPTS, ids=lambda p: p.stem)
def chapter(request: pytest.FixtureRequest):
    return read_input(request.param)


def test_layout_and_plan_leave_their_input(chapter) -> None:
    layout = unchanged(layout_chapter, chapter)
    unchanged(plan_sheet, chapter, layout)


def test_reading_a_region_leaves_its_input(chapter) -> None:
    layout = lay_out(chapter)
    for items in layout.content.values():
        for c in items:
            unchanged(parse_blocks, c.markdown, c.line, chapter.emphasis, [], c.file)


def test_the_banner_room_is_a_new_layout(chapter) -> None:
    layout = lay_out(chapter)
    grown = unchanged(banner_room, layout, 60.0)
    if layout.bands[0].kind == "title":
        assert grown is not layout and grown.bands[0].rect[3] > layout.bands[0].rect[3]
        assert grown.prompt_split == layout.split
    else:
        assert grown is layout


def test_fit_leaves_the_layout_and_returns_the_rects(chapter) -> None:
    layout = banner_room(lay_out(chapter), banner_height(chapter, lay_out(chapter)))
    composers = _composers(chapter, layout, [])
    before = frozen(layout)
    try:
        # the composers remember what they measured (their caches grow); the layout is as it was
        fitted = negotiate(layout, composers)
    except FitError:
        pytest.skip("the page cannot hold it: fitting says so and returns nothing")
    assert frozen(layout) == before
    assert fitted.layout is not layout and fitted.layout.split == fitted.split
    for leaf in fitted.layout.leaves():
        assert leaf.rect[2] > 0 and leaf.rect[3] > 0


def test_composing_the_page_leaves_the_chapter_and_the_layout(chapter) -> None:
    layout = lay_out(chapter)
    page = unchanged(compose_page, chapter, layout, overflow_ok=True)
    again = compose_page(chapter, layout, overflow_ok=True)  # what a stage hands on depends on no earlier run
    assert frozen(again.marks) == frozen(page.marks)
    assert [n.message for n in again.notices] == [n.message for n in page.notices]


def test_drawing_leaves_the_marks(chapter) -> None:
    page = compose_page(chapter, lay_out(chapter), overflow_ok=True)
    unchanged(figure_for, page.marks, 30)


def test_reading_leaves_the_file(tmp_path: Path) -> None:
    src = ROOT / "tests" / "prompts" / "ch05_tokenization.md"
    copy_ = tmp_path / src.name
    copy_.write_bytes(src.read_bytes())
    unchanged(read_input, copy_)
    assert copy_.read_bytes() == src.read_bytes()
