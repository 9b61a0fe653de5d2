"""A band's columns keep the prompt's split within a quarter of each column; a move beyond it (the last
resort, when nothing else lets the page hold its content) is a warning that says which way it went."""

from __future__ import annotations

from pathlib import Path

from cheatsheet import theme
from tests.compose.test_fit import bullets, compose, prompt


def _column_moves(page) -> list:
    return [m for m in page.moves if "column" in m.what]


def test_columns_stay_within_a_quarter_when_a_band_is_overfull(tmp_path: Path) -> None:
    # more than the page can hold at 7 pt: bands move and writing gets smaller, the columns keep their split
    _, page = compose(prompt(tmp_path, bullets(66), "- 둘", bullets(110)))
    for mv in _column_moves(page):
        assert abs(mv.after - mv.before) <= mv.before * theme.FIT_TOLERANCE + 1e-3, mv
    assert not any("column" in n.message for n in page.notices)
    assert all(f.fits for f in page.fits.values())


def test_a_column_moved_beyond_a_quarter_is_said_truly(tmp_path: Path) -> None:
    # the one box holds more than any band height can give it: only its column may take more width
    _, page = compose(prompt(tmp_path, bullets(120), "- 둘", "- 셋"))
    beyond = [m for m in _column_moves(page) if m.beyond]
    assert beyond
    msgs = [n.message for n in page.notices]
    for mv in beyond:
        said = next(m for m in msgs if m.startswith(mv.what + ":"))
        assert f"{mv.before * 100:.0f}% -> {mv.after * 100:.0f}%" in said
        if mv.after < mv.before:
            assert "to make room" in said and "fits" not in said
        else:
            assert "fits" in said
    assert not any("widened" in m for m in msgs)
