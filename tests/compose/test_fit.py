"""Fitting: one body size for the page, the largest at which everything fits once bands and columns
have moved by up to a quarter; further moves and smaller writing only with a warning; a clear error
when the page cannot hold the content even at the hard floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet import theme
from cheatsheet.compose.fit import _Negotiation, negotiate
from cheatsheet.compose.page import _composers, compose_page
from cheatsheet.errors import FitError
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input

DIAGRAM = """┌──────────────────────────────────────────────┐
│  📘 TITLE 📘                                   │
├──────────────────────────────────────────────┤
│ ┌──────────────────┐ ┌─────────────────────┐ │
│ │ 🍎 LEFT          │ │ 🍌 RIGHT            │ │
│ └──────────────────┘ └─────────────────────┘ │
├──────────────────────────────────────────────┤
│ ┌──────────────────────────────────────────┐ │
│ │ 🌊 BOTTOM                                 │ │
│ └──────────────────────────────────────────┘ │
└──────────────────────────────────────────────┘"""


def prompt(tmp_path: Path, left: str, right: str, bottom: str, ratios=(10, 45, 45)) -> Path:
    text = (
        "# Source Text\n---\ntitle: \"T\"\nchapter: 1\n---\n\n# Layout Structure\n\n" + DIAGRAM
        + "\n\n**배치 비율**:\n" + "".join(f"- 밴드 ({r}%): x\n" for r in ratios)
        + "\n# Content Details\n\n## 🍎 LEFT\n\n" + left + "\n\n## 🍌 RIGHT\n\n" + right
        + "\n\n## 🌊 BOTTOM\n\n" + bottom + "\n"
    )
    p = tmp_path / "p.md"
    p.write_text(text, encoding="utf-8")
    return p


def compose(path: Path, strict: bool = False):
    ch = read_input(path)
    page = compose_page(ch, lay_out(ch), strict=strict)
    return page.layout, page  # the layout placed where fitting put every region


def bullets(n: int, word: str = "내용") -> str:
    return "\n".join(f"- {word} {k} 설명이 조금 긴 항목입니다 Pre-training SFT" for k in range(n))


def body_sizes(page) -> list[float]:
    return [f.size for f in page.fits.values()]


def test_little_content_writes_at_the_sparse_size(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, "- 하나", "- 둘", "- 셋"))
    assert page.body_pt == theme.BODY_PT_SPARSE_MAX
    assert all(s == theme.BODY_PT_SPARSE_MAX for s in body_sizes(page))
    assert not page.notices


def test_one_body_size_for_the_page(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, bullets(14), "- 둘", bullets(6)))
    assert theme.BODY_PT_MIN <= page.body_pt < theme.BODY_PT_SPARSE_MAX
    assert all(page.body_pt <= s <= page.body_pt + theme.BODY_SPREAD_PT for s in body_sizes(page))
    assert all(f.fits for f in page.fits.values())


def test_the_body_size_is_the_largest_that_fits(tmp_path: Path) -> None:
    p = prompt(tmp_path, bullets(14), "- 둘", "- 셋")
    ch = read_input(p)
    lay = lay_out(ch)
    comps = _composers(ch, lay, [])
    fitted = negotiate(lay, comps)
    n = _Negotiation(lay, comps)
    assert n.feasible(fitted.body_pt, theme.FIT_TOLERANCE)
    assert not n.feasible(fitted.body_pt + theme.BODY_PT_STEP, theme.FIT_TOLERANCE)
    assert lay.split.bands == lay_out(ch).split.bands  # negotiating changed nothing


def test_space_goes_where_the_content_is_within_a_quarter(tmp_path: Path) -> None:
    p = prompt(tmp_path, bullets(30), "- 둘", "- 셋", ratios=(10, 45, 45))
    lay0 = lay_out(read_input(p))
    lay, page = compose(p)
    assert not page.notices  # moves within the tolerance are no warning...
    assert page.moves  # ...but they are listed
    for mv in page.moves:
        assert abs(mv.after - mv.before) <= mv.before * theme.FIT_TOLERANCE + 1e-3
    assert lay.split.bands[1] > lay0.split.bands[1]  # the full band took height
    assert lay.split.columns["band2"][0] > lay0.split.columns["band2"][0]  # the full column took width


def test_exact_keeps_the_ratios(tmp_path: Path) -> None:
    p = prompt(tmp_path, bullets(16), "- 둘", "- 셋")
    ch = read_input(p)
    lay0 = lay_out(ch)
    page = compose_page(ch, lay_out(ch), exact=True)
    h = theme.PAGE_H - 2 * theme.MARGIN - theme.FOOTER_H
    assert all(abs(a - b) * h <= 1.0 for a, b in zip(page.layout.split.bands, lay0.split.bands))
    assert all(f.fits for f in page.fits.values())


def test_wide_regions_flow_into_columns(tmp_path: Path) -> None:
    _, page = compose(prompt(tmp_path, bullets(8), bullets(8), bullets(40)))
    assert page.fits["band3"].ncols >= 2


def test_a_band_grows_beyond_the_quarter_with_a_warning_and_strict_refuses(tmp_path: Path) -> None:
    p = prompt(tmp_path, bullets(60), bullets(60), "- 셋", ratios=(10, 30, 60))
    lay, page = compose(p)
    msgs = [n.message for n in page.notices]
    assert any(m.startswith("band 2: 30% -> ") and ("LEFT" in m or "RIGHT" in m) for m in msgs), msgs
    assert all(f.fits for f in page.fits.values())
    with pytest.raises(FitError) as err:
        compose(p, strict=True)
    assert "--strict" in err.value.message


def test_long_content_is_written_smaller_not_refused(tmp_path: Path) -> None:
    p = prompt(tmp_path, bullets(66), bullets(66), bullets(110))
    _, page = compose(p)
    shrunk = [n.message for n in page.notices if "below the page's" in n.message]
    assert shrunk, [n.message for n in page.notices]
    assert all(theme.BODY_PT_FLOOR <= s for s in body_sizes(page))
    assert all(f.fits for f in page.fits.values())


def test_a_page_that_cannot_hold_the_content_names_the_sections(tmp_path: Path) -> None:
    with pytest.raises(FitError) as err:
        compose(prompt(tmp_path, bullets(200), bullets(200), bullets(300)))
    msg = err.value.message
    assert "6 pt" in msg and "mm" in msg and "LEFT" in msg and "BOTTOM" in msg


ROWS = """┌──────────────────────────────────────────────┐
│  📘 TITLE 📘                                   │
├──────────────────────────────────────────────┤
│ ┌──────────────────┐ ┌─────────────────────┐ │
│ │ 🍎 LEFT          │ │ 🍌 RIGHT            │ │
│ │                  │ └─────────────────────┘ │
│ │                  │ ┌─────────────────────┐ │
│ │                  │ │ 🌊 BOTTOM           │ │
│ └──────────────────┘ └─────────────────────┘ │
└──────────────────────────────────────────────┘"""


def test_boxes_stacked_in_a_column_share_its_height_by_what_they_need(tmp_path: Path) -> None:
    text = ("# Source Text\n---\ntitle: \"T\"\nchapter: 1\n---\n\n# Layout Structure\n\n" + ROWS
            + "\n\n**배치 비율**:\n- 밴드 (15%): x\n- 밴드 (85%): x\n\n# Content Details\n\n## 🍎 LEFT\n\n"
            + bullets(6) + "\n\n## 🍌 RIGHT\n\n" + bullets(14) + "\n\n## 🌊 BOTTOM\n\n- 하나\n")
    p = tmp_path / "rows.md"
    p.write_text(text, encoding="utf-8")
    lay, page = compose(p)
    right, bottom = lay.find("band2.col2.row1"), lay.find("band2.col2.row2")
    assert right.rect[3] > bottom.rect[3] * (1 + theme.FIT_TOLERANCE) * 0.99  # the full box took height...
    assert right.rect[3] <= (right.rect[3] + bottom.rect[3]) * 0.5 * (1 + theme.FIT_TOLERANCE) + 0.5  # ...a quarter
    assert all(f.fits for f in page.fits.values())


def test_one_header_size_for_the_sheet_even_where_a_roomy_box_writes_larger(tmp_path: Path) -> None:
    from cheatsheet.compose.marks import TextMark

    _, page = compose(prompt(tmp_path, "- 짧게 한 줄", bullets(24), bullets(6)))
    sizes = {f.size for f in page.fits.values()}
    assert len(sizes) > 1, "the sparse box writes a little larger than the page's body"
    titles = {"LEFT", "RIGHT", "BOTTOM"}
    header_sizes = {m.size_pt for m in page.marks if isinstance(m, TextMark) and m.bold and m.text.strip() in titles}
    assert len(header_sizes) == 1
    assert header_sizes == {theme.header_pt(page.body_pt)}


def test_a_band_that_must_take_more_gets_room_a_sparse_band_does_not_use(tmp_path: Path) -> None:
    """Once a band takes more than its quarter (with a warning), a sparse band gives it more than a
    quarter of its own height, down to what it needs, rather than keep empty room while every word
    on the page is written smaller (here 11 pt instead of 7.75 pt with band 3 holding one line in
    45 % of the page)."""
    p = prompt(tmp_path, bullets(45), bullets(45), "- 셋", ratios=(10, 30, 60))
    lay, page = compose(p)
    assert lay.split.bands[2] < 0.6 * (1 - theme.FIT_TOLERANCE)  # band 3 gave more than a quarter
    msgs = [n.message for n in page.notices]
    assert any(m.startswith("band 2: 30% -> ") for m in msgs), msgs
    assert any(m.startswith("band 3: 60% -> ") and "to make room" in m for m in msgs), msgs
    assert page.body_pt >= 9.0
    assert all(f.fits for f in page.fits.values())
    assert not any("below the page's" in m for m in msgs)
