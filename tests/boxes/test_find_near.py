"""Row.find_near looks only at the characters within its tolerance, and finds what a scan of the whole row finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cheatsheet.boxes.cells import Row


def _scan(row: Row, col: int, chars: str, tol: int, lo: int = 0, hi: int | None = None) -> int:
    best, best_d = -1, tol + 1
    for i in range(lo, len(row.text) if hi is None else hi):
        if row.text[i] in chars and abs(row.cols[i] - col) < best_d:
            best, best_d = i, abs(row.cols[i] - col)
    return best


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="│┌┐ a가👍\ufe0f─", max_size=60), st.integers(-5, 130), st.integers(0, 5),
       st.integers(0, 70), st.one_of(st.none(), st.integers(0, 70)))
def test_the_same_character_as_a_scan_of_the_whole_row(text: str, col: int, tol: int, lo: int, hi: int | None) -> None:
    row = Row.of(1, text)
    hi = None if hi is None else min(hi, len(text))  # the callers' bounds lie within the row
    assert row.find_near(col, "│┌┐", tol, lo, hi) == _scan(row, col, "│┌┐", tol, lo, hi)


def test_a_long_row_is_searched_near_the_column_only() -> None:
    row = Row.of(1, "│ " * 20_000)
    assert row.find_near(30_001, "│", 2) == 30_000  # columns 30,000 and 30,002 are as near: the first
    assert row.find_near(-10, "│", 2) == -1
