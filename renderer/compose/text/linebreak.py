"""Line breaking as a typesetter does it: the opportunities of Unicode's line breaking algorithm
(UAX #14, from ``uniseg``), tailored for Korean and for notes.

- Korean keep-all, as CSS ``word-break: keep-all``: UAX #14 reads Hangul as letters, so a line
  breaks between 어절 (at spaces) and never in ``도메인(창작`` or ``등)으로``; between the syllables of
  an 어절 only when it alone is wider than the line.  ``LLM은``, ``Base Model을`` stay whole.
- A compound breaks after its hyphen (``fine-`` / ``tuning``) only when the line would otherwise be
  short: ``Pretraining to`` / ``Post-Training`` rather than ``Pretraining to Post-`` / ``Training``.
- A closing mark (``) ] ， 。 ） ！ ？ ： ；``, a middle dot) never starts a line and an opening
  one never ends it; an operator (``+ = ×``) never starts one either, and a short bracketed
  formula without Hangul (``√(σ² + ε)``) stays whole.
- A chip (code, a special token) is one word; chips side by side (a token row) break between
  chips; a chip glued to a Korean particle keeps it.
- A word wider than the line is broken where it breaks best (the opportunities the tailoring
  took away, then between characters but never before a closing mark, then anywhere): a run of
  ``....`` or ``[[[[`` fills each line.

Each paragraph is cut into clusters once (an emoji sequence, a letter with its combining marks
is one) with the break class before each; per size the clusters' widths are summed once, and a
line's end is found by binary search over those sums: linear in the paragraph's length.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from uniseg.linebreak import LineBreak, line_break, line_break_breakables

from ... import theme
from . import fonts
from .inline import Run

NO_START = frozenset(")]}〉》」』】〕〗〙〛）］｝,.!?:;…”’%·，。、！？：；％")
NO_END = frozenset("([{〈《「『【〔〖〘〚（［｛“‘")
OPERATORS = frozenset("+=×÷±−∓<>≤≥≈≠≡∝→⇒↔")
HYPHENS = frozenset("-‐")
BRACKETS = {"(": ")", "[": "]", "{": "}", "（": "）"}
# Line settings remembered per process: fitting the busiest sheet asks for about 5,000 different ones
# (about 1 kB each), most of them again on a re-render of the same text.
SET_LINES_CACHE = 16384

# Break classes before a cluster, best first.
END = 5  # the paragraph's end
GOOD = 4  # between words: an opportunity of UAX #14 as tailored
WORD = 3  # inside a word: an opportunity the tailoring took away (between syllables of an 어절, …)
CHAR = 2  # between two characters of one word, not before a closing mark nor after an opening one
ANY = 1  # between any two clusters: for a word of nothing but such marks
NEVER = 0  # before a space (a line breaks after its spaces)


@dataclass
class Piece:
    run: Run
    text: str
    width: float  # mm, chip padding included


@dataclass
class Line:
    pieces: list[tuple[float, Piece]] = field(default_factory=list)  # (x offset, piece)
    width: float = 0.0


def chip_pad(size_pt: float) -> float:
    return theme.CHIP_PAD_EM * size_pt * theme.PT_MM


def chip_gap(size_pt: float) -> float:
    return theme.CHIP_GAP_EM * size_pt * theme.PT_MM


def piece_width(run: Run, text: str, size_pt: float) -> float:
    if run.chip:
        return fonts.width(text, size_pt * theme.CHIP_SCALE, mono=True) + 2 * chip_pad(size_pt) + chip_gap(size_pt)
    return fonts.width(text, size_pt)


def cluster_bounds(text: str) -> set[int]:
    """Where ``text`` may be cut: between its clusters (an emoji sequence is one)."""
    out = {0}
    pos = 0
    for cl in fonts.clusters(text):
        pos += len(cl)
        out.add(pos)
    return out


# --- the paragraph as clusters with break classes (the same at every size) ---------------------


@dataclass(frozen=True)
class Stream:
    run: tuple[int, ...]  # per cluster: the index of its run
    text: tuple[str, ...]  # per cluster: its characters
    space: tuple[bool, ...]  # per cluster: a space between words (never inside a chip)
    brk: tuple[int, ...]  # per cluster and one more: the break class before it (brk[n] = END)
    best: tuple[tuple[int, ...], ...]  # best[c][i]: the last position <= i whose class is at least c


def _keep_all(ch: str) -> bool:
    """A letter of a Korean (or CJK) word: no break between it and a letter glued to it."""
    cp = ord(ch)
    return (0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xAC00 <= cp <= 0xD7AF or 0xA960 <= cp <= 0xA97F
            or 0xD7B0 <= cp <= 0xD7FF or 0x3040 <= cp <= 0x30FF or 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF)


def _letter(ch: str) -> bool:
    return _keep_all(ch) or unicodedata.category(ch)[0] in "LN"


def _hangul(ch: str) -> bool:
    cp = ord(ch)
    return 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F


# Characters whose words UAX #14 (with Hangul read as letters, as keep-all asks) never breaks inside,
# but before an opening bracket after a closing one or a stop; checked against the library in the tests.
PLAIN_MARKS = frozenset(".,:;'\"()[]&=_#@*~<>^`·")


def _plain(ch: str) -> bool:
    return _hangul(ch) or ch.isascii() and ch.isalnum() or ch in PLAIN_MARKS


def _keep_all_class(ch: str) -> LineBreak:
    """Korean keep-all (CSS ``word-break: keep-all``): Hangul and CJK letters break as Latin letters do."""
    return LineBreak.AL if _keep_all(ch) else line_break(ch)


@lru_cache(maxsize=65536)
def _word_breaks(word: str) -> tuple[int, ...]:
    """UAX #14's opportunities inside one word, read with keep-all (1: a line may break before that
    character).  A word of letters, digits and plain marks only is read without the library (it is
    most words, and the library reads about 15,000 characters a second)."""
    if all(_plain(c) for c in word):
        return (0, *(1 if a in ")].,:;" and b in "([" else 0 for a, b in zip(word, word[1:])))
    return tuple(line_break_breakables(word, property=_keep_all_class))


def _uax14(text: str) -> list[int]:
    """The opportunities of UAX #14 in ``text``, read word by word: after a space a line may break,
    except after an opening mark (which NO_END keeps)."""
    out: list[int] = []
    for k, word in enumerate(text.split(" ")):
        if k:
            out.append(0)  # never before a space
        if word:
            wb = list(_word_breaks(word))
            wb[0] = 1 if k else 0
            out.extend(wb)
    if out and text.startswith(" "):
        out[0] = 0
    return out


def _formula_spans(text: str) -> list[tuple[int, int]]:
    """Short bracketed groups without Hangul (``(σ² + ε)``, ``[a, b]``): kept on one line."""
    out: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        close = BRACKETS.get(ch)
        if close is None:
            continue
        j = text.find(close, i + 1, i + 2 + theme.FORMULA_KEEP_CHARS)
        if j > 0 and not any(_hangul(c) for c in text[i:j]):
            out.append((i, j + 1))
    return out


@lru_cache(maxsize=16384)
def _stream(runs: tuple[Run, ...]) -> Stream:
    run_of: list[int] = []
    texts: list[str] = []
    space: list[bool] = []
    for k, r in enumerate(runs):
        for cl in fonts.clusters(r.text):
            is_space = cl == " " and not r.chip
            if is_space and (not texts or space[-1]):
                continue  # spaces between words collapse to one, and none starts the paragraph
            run_of.append(k)
            texts.append(cl)
            space.append(is_space)
    while space and space[-1]:
        run_of.pop(), texts.pop(), space.pop()
    n = len(texts)
    # UAX #14 over each stretch of written (non-chip) text, with its formulas
    flat = "".join(texts)
    starts = list(accumulate((len(t) for t in texts), initial=0))
    allowed = _uax14(flat) if flat else ()
    kept = [False] * (len(flat) + 1)
    for a, b in _formula_spans(flat):
        for p in range(a + 1, b):
            kept[p] = True
    brk = [NEVER] * (n + 1)
    brk[n] = END
    for i in range(1, n):
        before, after = texts[i - 1], texts[i]
        a_chip, b_chip = runs[run_of[i - 1]].chip, runs[run_of[i]].chip
        last, first = before[-1], after[0]
        if space[i]:
            cls = NEVER
        elif space[i - 1]:
            prev = texts[i - 2][-1] if i >= 2 else ""
            cls = WORD if (first in NO_START or first in OPERATORS or prev in NO_END or kept[starts[i]]) else GOOD
        elif a_chip or b_chip:
            if a_chip and b_chip and run_of[i - 1] == run_of[i]:  # inside one chip
                cls = WORD if last == " " else (CHAR if first not in NO_START and last not in NO_END else ANY)
            elif a_chip and b_chip:
                cls = GOOD  # a token row breaks between its tokens
            else:
                cls = WORD  # a chip glued to words keeps them (`s.count("r")`가)
        elif allowed[starts[i]]:
            cls = WORD if first in NO_START or last in NO_END or kept[starts[i]] else GOOD
        elif (_keep_all(last) and _letter(first)) or (_letter(last) and _keep_all(first)):
            cls = WORD  # between the syllables of an 어절: only when it alone is wider than the line
        else:
            cls = CHAR if first not in NO_START and last not in NO_END else ANY
        brk[i] = cls
    best = []
    for c in range(END + 1):
        row = []
        last_ok = 0
        for i, b in enumerate(brk):
            if b >= c:
                last_ok = i
            row.append(last_ok)
        best.append(tuple(row))
    return Stream(tuple(run_of), tuple(texts), tuple(space), tuple(brk), tuple(best))


@lru_cache(maxsize=16384)
def _sums(runs: tuple[Run, ...], size_pt: float) -> tuple[float, ...]:
    """Widths of the stream's first i clusters (a chip's padding counted with its first cluster)."""
    st = _stream(runs)
    space = fonts.width(" ", size_pt)
    extra = 2 * chip_pad(size_pt) + chip_gap(size_pt)
    widths = []
    for i, (k, t, sp) in enumerate(zip(st.run, st.text, st.space)):
        r = runs[k]
        if sp:
            widths.append(space)
        elif r.chip:
            w = fonts.width(t, size_pt * theme.CHIP_SCALE, mono=True)
            widths.append(w + extra if i == 0 or st.run[i - 1] != k else w)
        else:
            widths.append(fonts.width(t, size_pt))
    return tuple(accumulate(widths, initial=0.0))


def _breaks(runs: tuple[Run, ...], width: float, size_pt: float) -> list[tuple[int, int]]:
    """(first, end) cluster of each line, filled greedily."""
    st = _stream(runs)
    sums = _sums(runs, size_pt)
    n = len(st.text)
    extra = 2 * chip_pad(size_pt) + chip_gap(size_pt)
    out: list[tuple[int, int]] = []
    s = 0
    while s < n:
        mid_chip = s > 0 and st.run[s - 1] == st.run[s] and runs[st.run[s]].chip
        base = sums[s] - (extra if mid_chip else 0.0)
        e = bisect.bisect_right(sums, base + width, lo=s) - 1  # the most clusters that fit
        if e < n and st.space[e]:
            e += 1  # a space at the line's end hangs past it
        e = min(e, n)
        b = s
        for c in (GOOD, WORD, CHAR, ANY):
            b = st.best[c][e]
            if b > s:
                break
        if b < n and st.brk[b] == GOOD and st.text[b - 1] in HYPHENS:
            # after a compound's hyphen only when breaking at the space before leaves the line short
            b2 = st.best[GOOD][b - 1]
            if b2 > s and sums[b2] - base >= theme.HYPHEN_BREAK_FILL * width:
                b = b2
        if b <= s:
            b = s + 1  # one cluster wider than the line
        out.append((s, b))
        s = b
        while s < n and st.space[s]:
            s += 1
    return out


def set_lines(runs: list[Run], width: float, size_pt: float) -> list[Line]:
    """Greedy filling of lines no wider than ``width`` mm (new Line objects on every call; the
    setting itself is remembered per process)."""
    return [Line(list(pieces), w) for pieces, w in _set_lines(tuple(runs), width, size_pt)]


@lru_cache(maxsize=SET_LINES_CACHE)
def line_count(runs: tuple[Run, ...], width: float, size_pt: float) -> int:
    """How many lines ``set_lines`` fills (what measuring needs, without setting the pieces of each line)."""
    return len(_breaks(runs, width + 1e-6, size_pt)) or 1


@lru_cache(maxsize=SET_LINES_CACHE)
def _set_lines(runs: tuple[Run, ...], width: float,
               size_pt: float) -> tuple[tuple[tuple[tuple[float, Piece], ...], float], ...]:
    st = _stream(runs)
    space = fonts.width(" ", size_pt)
    lines = []
    for s, e in _breaks(runs, width + 1e-6, size_pt):  # a text measured to exactly the width fits it
        while e > s and st.space[e - 1]:
            e -= 1
        pieces: list[tuple[float, Piece]] = []
        x = 0.0
        i = s
        while i < e:
            if st.space[i]:
                x += space
                i += 1
                continue
            j = i + 1
            while j < e and st.run[j] == st.run[i] and not st.space[j]:
                j += 1
            run = runs[st.run[i]]
            text = "".join(st.text[i:j])
            p = Piece(run, text, piece_width(run, text, size_pt))
            pieces.append((x, p))
            x += p.width
            i = j
        lines.append((tuple(pieces), x))
    return tuple(lines) or (((), 0.0),)


@lru_cache(maxsize=16384)
def _words(runs: tuple[Run, ...], size_pt: float) -> tuple[float, ...]:
    """Widths of the paragraph's words (what lies between two opportunities of class GOOD)."""
    st = _stream(runs)
    sums = _sums(runs, size_pt)
    n = len(st.text)
    out = []
    s = 0
    for i in range(1, n + 1):
        if st.brk[i] >= GOOD:
            e = i
            while e > s and st.space[e - 1]:
                e -= 1
            out.append(sums[e] - sums[s])
            s = i
    return tuple(out)


def natural_width(runs: list[Run], size_pt: float) -> float:
    """Width of the runs on one line."""
    return _sums(tuple(runs), size_pt)[-1]


def widest_word(runs: list[Run], size_pt: float) -> float:
    return max(_words(tuple(runs), size_pt), default=0.0)
