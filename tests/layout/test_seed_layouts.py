"""The region tree of each real prompt: bands, columns and heights from the ratio spec."""

from __future__ import annotations

import pytest

from cheatsheet.layout.place import usable_rect
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from tests.conftest import seed

EXPECTED = {
    # name: (band percentages incl. title, columns per band (0 = a single box), title subtitle?)
    "ch10": ([10, 25, 30, 20, 15], [0, 2, 0, 2, 0], False),
    "ch09": ([10, 20, 45, 25], [0, 2, 0, 3], False),
    "ch24": ([10, 35, 25, 20, 10], [0, 0, 2, 2, 0], True),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bands_columns_and_heights(name: str) -> None:
    pcts, cols, subtitle = EXPECTED[name]
    layout = lay_out(read_input(seed(name)))
    bands = layout.bands
    assert [b.kind for b in bands] == ["title"] + ["band"] * (len(pcts) - 1)
    assert len(bands) == len(pcts)
    usable_h = usable_rect()[3]
    for band, pct in zip(bands, pcts, strict=True):
        assert abs(band.rect[3] - usable_h * pct / 100) < 1.0
    assert [len([c for c in b.children if c.kind == "column"]) for b in bands] == cols
    assert bool(bands[0].subtitle) == subtitle


def test_bands_tile_the_usable_area() -> None:
    layout = lay_out(read_input(seed("ch24")))
    x, y, w, h = usable_rect()
    assert layout.bands[0].rect[1] == pytest.approx(y)
    bottom = layout.bands[-1].rect[1] + layout.bands[-1].rect[3]
    assert bottom == pytest.approx(y + h)
    assert x >= 8.0 and y >= 8.0 and 297 - (x + w) >= 8.0


def test_two_equal_columns_from_the_ratio_table() -> None:
    """Seed 002's table says 좌우 2등분: equal widths although the drawn boxes differ."""
    layout = lay_out(read_input(seed("ch09")))
    a, b = layout.bands[1].children
    assert a.rect[2] == pytest.approx(b.rect[2])


def test_region_titles_drop_position_hints() -> None:
    layout = lay_out(read_input(seed("ch09")))
    band3 = layout.bands[2]
    assert band3.title == "LLM TRAINING PIPELINE"
    assert "가장 넓어야" in band3.hint
    ch24 = lay_out(read_input(seed("ch24")))
    assert ch24.bands[1].title == "3단계 학습 파이프라인 (THE THREE STAGES)"


def test_band_heading_above_its_box() -> None:
    layout = lay_out(read_input(seed("ch10")))
    tokens = layout.bands[2]
    assert tokens.heading_outside and tokens.title.startswith("대화의 토큰화")


def test_sections_go_to_their_regions() -> None:
    layout = lay_out(read_input(seed("ch10")))
    where = {p.section.title: p.region_id for p in layout.placements}
    assert where == {
        "WHAT IS SFT?": "band2.col1",
        "인간 라벨러의 역할": "band2.col2",
        "대화의 토큰화": "band3",
        "라벨링 지침 3원칙": "band4.col1",
        "핵심 인사이트": "band4.col2",
        "SFT 데이터셋 진화": "band5",
    }


def test_unmatched_sections_are_never_dropped() -> None:
    layout = lay_out(read_input(seed("ch09")))
    placed = {p.section.title for p in layout.placements if p.region_id}
    assert "Topic Overview" in placed  # "(Mind Map)" names the picture, not the subject
    assert "Pretraining vs Post-Training Table" in placed
    conv = next(p for p in layout.placements if p.section.title == "Conversation Structure")
    assert conv.region_id == "band4.col2" and conv.how == "title"


def test_an_overview_matching_several_regions_goes_where_there_is_room() -> None:
    """The mind map of the whole chapter shares words with every box, so words do not decide: it goes to
    the box with the most room, the wide pipeline band, not to the first box whose sketch it mentions."""
    layout = lay_out(read_input(seed("ch09")))
    where = {p.section.title: (p.region_id, p.how) for p in layout.placements}
    assert where["Topic Overview"] == ("band3", "room")
    # the comparison table names POST-TRAINING, which the top right box is about
    assert where["Pretraining vs Post-Training Table"] == ("band2.col2", "sketch")
