"""A long-lived process (watch) keeps what composing measured per region; composing again with it
gives exactly what composing afresh gives, and re-measures only the regions whose content changed."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.compose.page import Memo, compose_page
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from tests.compose.test_fit import bullets, prompt


def _compose(path: Path, memo: Memo | None):
    ch = read_input(path)
    return compose_page(ch, lay_out(ch), memo=memo)


def test_composing_with_the_memo_after_an_edit_is_composing_afresh(tmp_path: Path) -> None:
    memo = Memo()
    first = prompt(tmp_path, "- 왼쪽 하나\n- 왼쪽 둘", bullets(8), bullets(5) + "\n- 글자 없는 ￿ 기호")
    _compose(first, memo)
    kept = {key[0]: entry[3] for key, entry in memo.regions.items()}
    # a fix that keeps the line count (a region below an edit that adds lines is measured again:
    # its warnings name other lines)
    edited = prompt(tmp_path, "- 왼쪽 하나\n- 왼쪽 둘", bullets(8, word="훨씬 더 긴 낱말들"), bullets(5) + "\n- 글자 없는 ￿ 기호")
    again = _compose(edited, memo)
    fresh = _compose(edited, None)
    assert again.marks == fresh.marks
    assert [str(n) for n in again.notices] == [str(n) for n in fresh.notices]
    assert any("U+FFFF" in str(n) or "no font" in str(n) for n in again.notices)  # a kept region's warning
    assert {r: f.size for r, f in again.fits.items()} == {r: f.size for r, f in fresh.fits.items()}
    now = {key[0]: entry[3] for key, entry in memo.regions.items()}
    assert now["band2.col1"] is kept["band2.col1"] and now["band3"] is kept["band3"]  # not measured again
    assert now["band2.col2"] is not kept["band2.col2"]  # its content changed
    assert len(memo.regions) == 3  # the old RIGHT is forgotten
