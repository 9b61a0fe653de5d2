"""Fenced and indented code: the monospace face on a pale panel.

A line too wide for the panel wraps at a token boundary (after spaces, after an opening
bracket or an operator; never inside a number or a word, unless one token alone is wider than
the panel), and its continuation rows hang under the line's own indent behind a small
hand-drawn hook (↪).  A block is never split across newspaper columns: its lines are read in
one piece, top to bottom, as they were written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ... import theme
from ..ink import Ink
from ..marks import Mark, StrokeMark
from ..text import fonts
from ..text.linebreak import cluster_bounds
from ..text.setting import pitch, text_marks
from .base import per_width

# whitespace | a number (3.14, 1e-5, 0x1F, 1_000, 2px) | a word | a run of other signs
TOKEN = re.compile(r"\s+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\w*|\w+|[^\w\s]+")
NO_BREAK_BEFORE = frozenset(",;:)]}")  # closing signs stay with what they close
BREAK_AFTER = frozenset("([{,;=+-*/|&<>.")  # where a row may end with no space: after an opening or an operator


@dataclass(frozen=True)
class CodeRow:
    x: float  # mm from the panel's text edge
    text: str
    cont: bool = False  # a continuation of the line above: drawn after a hook
    hook_x: float = 0.0  # mm where the hook starts (the line's own indent)


@lru_cache(maxsize=4096)
def _tokens(line: str) -> tuple[str, ...]:
    """The line's tokens, joined where a boundary would fall inside an emoji sequence (the same at
    every size: found once per line, not once for every size the fitting tries)."""
    bounds = cluster_bounds(line)
    out: list[str] = []
    cur = ""
    for m in TOKEN.finditer(line):
        cur += m.group(0)
        if m.end() in bounds:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return tuple(out)


COMMENT = frozenset(("#", "//", "--", "/*"))  # a comment's opener stays with its first word


def _may_break(tokens: list[str], k: int) -> bool:
    """Whether a row may end between ``tokens[k - 1]`` and ``tokens[k]``."""
    before, after = tokens[k - 1], tokens[k]
    if after[0].isspace():
        return False  # break after the spaces, not before them
    if before[-1].isspace():
        return not (k >= 2 and tokens[k - 2] in COMMENT)
    if after[0] in NO_BREAK_BEFORE:
        return False
    if after[0].isdigit() and before[-1] in "+-.":
        return False  # a sign or a decimal point stays with its number
    return before[-1] in BREAK_AFTER


def _force(token: str, avail: float, size_pt: float) -> int:
    """How many characters of a token wider than a whole row fit ``avail`` (whole clusters, at
    least one).  Only the token's head is read (a row's worth, doubled while it all fits), each
    cluster measured once: a token of thousands of characters is cut in linear work."""
    limit = theme.CODE_FORCE_READ
    while True:
        cls = fonts.clusters(token[:limit])
        if limit < len(token):
            cls = cls[:-1]  # the last cluster may go on past the part read
        taken, w = 0, 0.0
        for cl in cls:
            w += fonts.width(cl, size_pt, mono=True)
            if taken and w > avail + 1e-6:
                return taken
            taken += len(cl)
        if limit >= len(token):
            return max(taken, len(token[:1]))
        limit *= 2


def wrap_line(line: str, width: float, size_pt: float) -> list[CodeRow]:
    """One source line set in rows no wider than ``width`` mm (a token wider than a row
    is the only thing ever broken inside)."""
    text = line.rstrip()
    if not text:
        return [CodeRow(0.0, "")]
    em = size_pt * theme.PT_MM
    hang = theme.CODE_HANG_EM * em
    lead = fonts.width(text[: len(text) - len(text.lstrip())], size_pt, mono=True)
    lead = min(lead, max(0.0, width * (1 - theme.CODE_MIN_CONT_SHARE) - hang))
    tokens = list(_tokens(text))  # the row loop splits a token too wide for a row
    widths = [fonts.width(t, size_pt, mono=True) for t in tokens]
    rows: list[CodeRow] = []
    k = 0
    x = 0.0
    while k < len(tokens):
        avail = width - x
        used = 0.0
        last_break = -1  # index of the first token of the next row at the last allowed break
        end = k
        while end < len(tokens):
            w = widths[end]
            if end > k and _may_break(tokens, end):
                last_break = end
            if used + w > avail + 1e-6 and not tokens[end].isspace():
                break
            used += w
            end += 1
        if end == len(tokens):
            cut = end
        elif last_break > k:
            cut = last_break
        elif end > k:  # no good break in reach: better between two tokens than inside one
            cut = end
        else:  # the row's first token alone is too wide: break it between clusters
            n = _force(tokens[k], avail, size_pt)
            head, tail = tokens[k][:n], tokens[k][n:]
            tokens[k : k + 1] = [head, tail]
            head_w = fonts.width(head, size_pt, mono=True)
            widths[k : k + 1] = [head_w, widths[k] - head_w]  # the tail is not measured again: linear work
            cut = k + 1
        rows.append(CodeRow(x, "".join(tokens[k:cut]).rstrip(), bool(rows), lead))
        k = cut
        while k < len(tokens) and tokens[k].isspace():
            k += 1
        x = lead + hang
    return rows


def hook_marks(x: float, top: float, size_pt: float, color: str) -> list[Mark]:
    """The continuation mark ↪ drawn by hand in the hanging indent of a wrapped row."""
    em = size_pt * theme.PT_MM
    w = theme.CODE_HANG_EM * em * theme.HOOK_W
    x0, x1 = x + theme.HOOK_X_EM * em, x + theme.HOOK_X_EM * em + w
    y0, y1 = top + theme.HOOK_TOP_EM * em, top + theme.HOOK_FOOT_EM * em
    r = min(w, y1 - y0) * 0.5
    shaft = ((x0, y0), (x0, y1 - r), (x0 + r * theme.HOOK_BEND, y1 - r * theme.HOOK_BEND), (x0 + r, y1), (x1, y1))
    barb = theme.HOOK_BARB_EM * em
    head = ((x1 - barb, y1 - barb * theme.HOOK_BARB_SPREAD), (x1, y1), (x1 - barb, y1 + barb * theme.HOOK_BARB_SPREAD))
    width = theme.THIN_WIDTH_PT * theme.HOOK_WIDTH
    return [StrokeMark(shaft, color, width, wobble=theme.HOOK_WOBBLE), StrokeMark(head, color, width, wobble=theme.HOOK_WOBBLE)]


@dataclass(eq=False)
class CodeBlock:
    text: str
    line: int
    lang: str = ""
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def source_lines(self) -> list[str]:
        return [ln.replace("\t", "    ") for ln in self.text.rstrip("\n").split("\n")]

    @per_width
    def rows(self, width: float, size_pt: float) -> list[CodeRow]:
        inner = max(1.0, width - 2 * _pad(size_pt))
        return [row for ln in self.source_lines() for row in wrap_line(ln, inner, size_pt)]

    def measure(self, width: float, size_pt: float) -> float:
        return _height(len(self.rows(width, size_pt)), size_pt)

    def min_width(self, size_pt: float) -> float:
        widest = max((fonts.width(t, size_pt, mono=True) for ln in self.source_lines() for t in _tokens(ln)
                      if not t.isspace()), default=0.0)
        return min(theme.CODE_MIN_W_MAX, widest + 2 * _pad(size_pt))

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        return _panel(self.rows(width, size_pt), x, y, width, size_pt, ink)

    def texts(self) -> list[str]:
        return self.source_lines()


def _pad(size_pt: float) -> float:
    return theme.CODE_PAD_EM * size_pt * theme.PT_MM


def _height(nrows: int, size_pt: float) -> float:
    return nrows * pitch(size_pt) + 2 * _pad(size_pt)


def _panel(rows: list[CodeRow], x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
    pad = _pad(size_pt)
    h = _height(len(rows), size_pt)
    out: list[Mark] = [StrokeMark(((x, y), (x + width, y), (x + width, y + h), (x, y + h)), theme.PANEL,
                                  0.0, closed=True, fill=theme.PANEL, wobble=theme.CODE_PANEL_WOBBLE, z=0)]
    base = theme.CODE_BASELINE_EM * size_pt * theme.PT_MM
    for k, row in enumerate(rows):
        top = y + pad + k * pitch(size_pt)
        if row.cont:
            out.extend(hook_marks(x + pad + row.hook_x, top, size_pt, theme.PEN_SOFT))
        if row.text.strip():
            out.extend(text_marks(x + pad + row.x, top + base, row.text, size_pt, ink.pen, mono=True))
    return out


__all__ = ["FENCE", "CodeBlock", "CodeRow", "fence_end", "wrap_line"]


FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def fence_end(lines: list[str], i: int) -> int | None:
    """Index of the line closing the fence opened at line ``i`` (the last line if never closed), or None."""
    m = FENCE.match(lines[i])
    if not m:
        return None
    mark = m.group(1)
    for j in range(i + 1, len(lines)):
        st = lines[j].strip()
        if st.startswith(mark[0] * len(mark)) and not st.strip(mark[0]):
            return j
    return len(lines) - 1
