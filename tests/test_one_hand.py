"""One hand, one page, on every bundled chapter and every prompt of the test corpus: one body size
(regions within 1 pt of each other but for those a warning names), nothing drawn below 7 pt (read
back from the PDF) but in a region a warning names as written smaller, every region fitted, and no
region's writing covering less than half of its box unless the page writes at its largest size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cheatsheet import theme
from cheatsheet.errors import InputError
from tests.conftest import CHAPTERS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from sheet_stats import sheet_stats  # noqa: E402

# every box's writing reaches at least this far down it (twice the quarter a class sheet must not fall below;
# a roomy box aims for theme.FILL_MIN, but one hand's 1 pt spread may stop it a little short)
FILLED_AT_LEAST = 0.5
SHEETS = sorted(CHAPTERS.glob("*.yaml")) + sorted((ROOT / "tests" / "prompts").glob("*.md"))


@pytest.mark.parametrize("path", SHEETS, ids=[p.stem for p in SHEETS])
def test_one_body_size_and_nothing_small(path: Path) -> None:
    try:
        stat = sheet_stats(path)
    except InputError as exc:  # a prompt the reader does not take yet fails in test_corpus, not here
        pytest.fail(f"does not render: {exc}")
    named = {r.region for r in stat.regions if r.body_pt < theme.BODY_PT_MIN}  # shrunk: a warning names them
    assert stat.notices or not named
    usual = [r for r in stat.regions if r.region not in named]
    sizes = [r.body_pt for r in usual]
    assert max(sizes) - min(sizes) <= theme.BODY_SPREAD_PT + 1e-9, [(r.region, r.body_pt) for r in usual]
    assert min(sizes) == pytest.approx(stat.body_pt)
    small = [(r.region, r.smallest_pt) for r in usual if r.smallest_pt < theme.TEXT_PT_MIN - 0.01]
    assert not small
    assert all(r.smallest_pt >= theme.BODY_PT_FLOOR - 0.01 for r in stat.regions)
    if stat.body_pt < theme.BODY_PT_SPARSE_MAX:
        empty = [(r.region, round(r.fill, 2)) for r in stat.regions if r.fill < FILLED_AT_LEAST]
        assert not empty
