"""Terminal columns of diagram text: Hangul, CJK and most emoji are two wide."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from wcwidth import wcwidth

VS16 = "\ufe0f"
BOX_CHARS = frozenset(chr(c) for c in range(0x2500, 0x2580))
# the light lines every dialect is redrawn in (dialects.normalize) before any reader looks at a drawing
CORNERS_TOP = "┌"
CORNERS_TOP_RIGHT = "┐"
CORNERS_BOTTOM = "└"
CORNERS_BOTTOM_RIGHT = "┘"
HLINE = "─"
VLINE = "│"


def char_widths(text: str) -> list[int]:
    """Terminal width of each character (a variation selector widens the one before)."""
    widths: list[int] = []
    for ch in text:
        if ch == VS16 and widths:
            widths[-1] = max(widths[-1], 2)
            widths.append(0)
            continue
        w = wcwidth(ch)
        widths.append(w if w > 0 else 0)
    return widths


@dataclass(frozen=True)
class Row:
    """A piece of one diagram line, each character with its terminal column."""

    line: int  # file line, 1-based
    text: str
    cols: tuple[int, ...]  # start column of each character
    offset: int = 0  # index in the file line of ``text[0]``

    @classmethod
    def of(cls, line: int, text: str, start_col: int = 0) -> Row:
        cols = []
        c = start_col
        for w in char_widths(text):
            cols.append(c)
            c += w
        return cls(line, text, tuple(cols))

    def slice(self, i: int, j: int) -> Row:
        i = max(0, min(i, len(self.text)))
        j = max(i, min(j, len(self.text)))
        return Row(self.line, self.text[i:j], self.cols[i:j], self.offset + i)

    def find_near(self, col: int, chars: str, tol: int, lo: int = 0, hi: int | None = None) -> int:
        """Index of the character in ``chars`` nearest to ``col`` (within ``tol``), or -1 (the first
        of two as near).  Only the characters within ``tol`` columns are looked at: the columns
        grow along the row, so a row of thousands of characters costs no more than a short one."""
        best, best_d = -1, tol + 1
        hi = len(self.text) if hi is None else hi
        lo = max(lo, bisect_left(self.cols, col - tol))
        hi = min(hi, bisect_right(self.cols, col + tol))
        for i in range(lo, hi):
            if self.text[i] in chars:
                d = abs(self.cols[i] - col)
                if d < best_d:
                    best, best_d = i, d
        return best

    def strip_text(self) -> str:
        return self.text.strip()

    def char_col(self, i: int) -> int:
        return self.cols[i] if i < len(self.cols) else (self.cols[-1] + 1 if self.cols else 0)
