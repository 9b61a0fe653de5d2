"""Split a heading like ``## 📖 WHAT IS SFT? (좌측 상단)`` into icon, title and hint.

Hints are instructions to the drawer, not page text: position words in
parentheses (``(좌측 상단)``, ``(top)``, ``(이 섹션이 가장 넓어야 함!)``,
``(핵심!)``), a share of the page (``[8%]``, ``(40%)``, ``(좌 40%)``), a
trailing dash clause (``- 핵심 중앙 영역``) or an arrow note
(``← 핵심! 가장 넓게``).
"""

from __future__ import annotations

import re
import unicodedata

HINT_WORDS = (
    "좌측", "우측", "좌우", "상단", "하단", "중앙", "중상단", "중하단", "왼쪽", "오른쪽",
    "가장", "넓게", "넓어야", "섹션", "영역", "배치", "분할", "등분",
)
# position and size words of English prompts, as whole words ("(Mind Map)", "(Best Practices)" are titles)
_EN_HINT = re.compile(
    r"\b(?:top|bottom|left|right|cent(?:er|re)|middle|upper|lower|full[- ]?width|widest|largest|"
    r"column|row|band|area|region)\b", re.I)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_PAREN = re.compile(r"\s*(?:\(([^()]*)\)|\[([^\[\]]*)\])\s*$")
_DASH = re.compile(r"\s+[-–—]\s+([^-–—]+)$")
_ARROW = re.compile(r"\s*(?:←|⟵|⬅\ufe0f?|<-+|<=+)\s*([^←]*)$")
# a share of the page in brackets, wherever it is written: [8%], (40%), (좌 40%), [left 40%]
_SHARE = re.compile(r"\s*[\[(]\s*(?:[가-힣A-Za-z]+\s*:?\s*)?[~≈약]?\s*\d+(?:\.\d+)?\s*%\s*[\])]")
_NUMBERING = re.compile(r"^\s*\d+[.)]\s+")
NOTE_MARKS = ("!", "핵심", "중요", "main", "key")


def is_hint(text: str) -> bool:
    return any(w in text for w in HINT_WORDS) or bool(_EN_HINT.search(text)) or bool(_PERCENT.search(text)) \
        or text.rstrip().endswith("!")


def _is_arrow_note(text: str) -> bool:
    low = text.lower()
    return is_hint(text) or any(m in low for m in NOTE_MARKS)


def hint_percent(hint: str) -> float | None:
    """The share of the page a hint gives (``8%`` of ``[8%]``, ``40`` of ``좌 40%``), else None."""
    m = _PERCENT.search(hint)
    if not m:
        return None
    try:
        value = float(m.group(1))
    except ValueError:
        return None
    return value if 0 < value <= 100 else None


def is_icon_char(ch: str) -> bool:
    if ch in "\ufe0f\u200d\u20e3" or 0xE0020 <= ord(ch) <= 0xE007F:  # selector, joiner, keycap, tags
        return True
    cat = unicodedata.category(ch)
    return cat == "So" or (0x1F000 <= ord(ch) <= 0x1FAFF) or (0x2600 <= ord(ch) <= 0x27BF)


def _keycap(s: str, i: int) -> int:
    """Length of a keycap emoji (``1️⃣``, ``#⃣``) starting at ``s[i]``, else 0."""
    if i < len(s) and s[i] in "0123456789#*":
        j = i + 1 + (s[i + 1 : i + 2] == "\ufe0f")
        if s[j : j + 1] == "\u20e3":
            return j + 1 - i
    return 0


def split_icon(text: str) -> tuple[str, str]:
    """Leading emoji (with its variation selector, or a keycap) and the rest."""
    s = text.strip()
    i = 0
    while i < len(s):
        k = _keycap(s, i)
        if k:
            i += k
        elif is_icon_char(s[i]):
            i += 1
        else:
            break
    return s[:i], s[i:].strip()


def split_heading(text: str) -> tuple[str, str, str]:
    """(icon, title, hint) of a section heading or a box header."""
    s = _NUMBERING.sub("", text.strip())
    icon, rest = split_icon(s)
    hints: list[str] = []
    # a share of the page anywhere in the line is a note ("🍌 TITLE [8%] 🍌")
    for m in _SHARE.finditer(rest):
        hints.append(m.group(0).strip(" []()"))
    rest = _SHARE.sub("", rest)
    while True:
        m = _ARROW.search(rest)
        if m and _is_arrow_note(m.group(1)):
            hints.insert(0, m.group(1).strip())
            rest = rest[: m.start()].rstrip()
            continue
        m = _PAREN.search(rest)
        inner = (m.group(1) if m and m.group(1) is not None else m.group(2)) if m else None
        if m and inner is not None and is_hint(inner):
            hints.insert(0, inner.strip())
            rest = rest[: m.start()].rstrip()
            continue
        m = _DASH.search(rest)
        if m and is_hint(m.group(1)):
            hints.insert(0, m.group(1).strip())
            rest = rest[: m.start()].rstrip()
            continue
        break
    # a trailing icon repeated at the end (the title banner's 🍌 … 🍌) stays in the title
    return icon, rest.strip(), " ".join(hints)


def strip_notes(text: str) -> str:
    """A line of a drawing with its notes to the drawer blanked out (``[8%]``, ``← 핵심! 가장 넓게``),
    every character of a note replaced by one space so that the line keeps its character positions."""
    chars = list(text)
    for m in _SHARE.finditer(text):
        if "[" in m.group(0):
            chars[m.start() : m.end()] = [" "] * (m.end() - m.start())
    rest = "".join(chars)
    m = _ARROW.search(rest)
    if m and _is_arrow_note(m.group(1)) and rest[: m.start()].strip():
        end = len(rest.rstrip())
        chars[m.start() : end] = [" "] * (end - m.start())
    return "".join(chars)


def words(text: str) -> set[str]:
    """Lower-case words of a title for fuzzy matching (Latin words and Hangul runs)."""
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[가-힣]+|\d+", text.lower()):
        out.add(w)
        if "-" in w:
            out.discard(w)
            out.add(w.replace("-", ""))
    return out
