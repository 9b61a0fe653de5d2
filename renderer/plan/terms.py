"""The words two pieces of writing are compared by: Latin words and Korean words without their particles."""

from __future__ import annotations

import re
from functools import lru_cache

from .glossary import CANON

# particles and endings glued to Korean words ("모델은", "토큰으로", "학습에서"), longest first
_PARTICLES = ("에서는", "으로는", "에게서", "이라는", "인가요", "일까요", "입니다", "합니다", "에서", "으로", "에게",
              "까지", "부터", "처럼", "보다", "이란", "인가", "일까", "인지", "이다", "이야", "에는", "와의", "과의",
              "라는", "하는", "하기", "했다", "한다", "된다", "되는", "입니다", "합니다",
              "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "란", "한")
_STOP = frozenset({
    "the", "and", "for", "with", "from", "into", "that", "this", "what", "how", "are", "is", "of", "to", "in",
    "on", "a", "an", "or", "by", "as", "at", "be", "it", "its", "vs", "via", "you", "your", "we", "our",
    "create", "use", "make", "show", "draw", "include", "section", "box", "table", "chart", "diagram",
    "mermaid", "flowchart", "mind", "map", "mindmap", "graph", "list", "key", "core", "main", "essential",
    "notable", "important", "핵심", "주요", "중요",
    "이", "그", "저", "것", "수", "등", "및", "또는", "위한", "대한", "통해", "있는", "없는", "같은",
    "가장", "넓게", "섹션", "영역", "배치", "내용", "표로", "다이어그램",
})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*|[가-힣]+|\d+(?:\.\d+)?")


def _stem_latin(w: str) -> str:
    w = w.replace("-", "").replace("'", "")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _stem_korean(w: str) -> str:
    for p in _PARTICLES:
        if len(w) > len(p) + 1 and w.endswith(p):
            return w[: -len(p)]
    return w


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """The meaningful words of ``text``, lower-case, plural and particle endings taken off."""
    out: set[str] = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP:
            continue
        if w[0].isascii() and w[0].isalpha():
            s = _stem_latin(w)
            if len(s) >= 2 and s not in _STOP:
                out.add(s)
        elif w[0].isdigit():
            if len(w) >= 2:
                out.add(w)
        else:
            s = _stem_korean(w)
            if len(s) >= 2 and s not in _STOP:
                out.add(s)
            if len(w) >= 3 and w[:2] not in _STOP:
                out.add(w[:2])  # the word's first two syllables: "솔직하게" and "솔직해도" share "솔직"
    # a word of the glossary stands for its meaning, in whichever language it was written
    out = {CANON.get(w, w) for w in out}
    low = text.lower()
    out |= {CANON[w] for w in CANON if " " in w and w in low}
    return frozenset(out)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the smaller set the larger one shares: 0 .. 1 (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def covered(part: frozenset[str], whole: frozenset[str]) -> float:
    """The share of ``part``'s words that ``whole`` has (1 when ``part`` has none)."""
    if not part:
        return 1.0
    return len(part & whole) / len(part)


_SURFACE = re.compile(r"[^\W_]{2,}", re.UNICODE)


def surface_words(text: str) -> list[str]:
    """The words as written (two letters or more), for asking whether a page says them to the letter."""
    return _SURFACE.findall(text.lower())


def unsaid(text: str, page: str) -> list[str]:
    """The words of ``text`` that ``page`` (lower-case, spaces taken out) does not hold to the letter."""
    return [w for w in surface_words(text) if w not in page]


_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


def stem(word: str) -> str:
    """A word without the ending that the same word takes in another sentence: an English plural ``s``, the last
    syllable of a Hangul word of three or more (도움됨 and 도움이 are both 도움)."""
    if _HANGUL.fullmatch(word) and len(word) >= 3:
        return word[:-1]
    if word.isascii() and word.isalpha() and len(word) > 3 and word.endswith("s"):
        return word[:-1]
    return word


def unsaid_stems(text: str, page: str) -> list[str]:
    """The words of ``text`` that ``page`` says neither to the letter nor with another ending (``stem``)."""
    return [w for w in surface_words(text) if w not in page and stem(w) not in page]
