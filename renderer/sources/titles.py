"""Split a heading like ``## 📖 WHAT IS SFT? (좌측 상단)`` into icon, title and hint.

Hints are instructions to the drawer, not page text: position words in
parentheses (``(좌측 상단)``, ``(이 섹션이 가장 넓어야 함!)``) or a trailing
dash clause (``- 핵심 중앙 영역``).
"""

from __future__ import annotations

import re
import unicodedata

HINT_WORDS = (
    "좌측", "우측", "좌우", "상단", "하단", "중앙", "중상단", "중하단", "왼쪽", "오른쪽",
    "가장", "넓게", "넓어야", "섹션", "영역", "배치", "분할", "등분",
)
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_DASH = re.compile(r"\s+[-–—]\s+([^-–—]+)$")
_NUMBERING = re.compile(r"^\s*\d+[.)]\s+")


def is_hint(text: str) -> bool:
    return any(w in text for w in HINT_WORDS)


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
    while True:
        m = _PAREN.search(rest)
        if m and is_hint(m.group(1)):
            hints.insert(0, m.group(1).strip())
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


def words(text: str) -> set[str]:
    """Lower-case words of a title for fuzzy matching (Latin words and Hangul runs)."""
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|[가-힣]+|\d+", text.lower()):
        out.add(w)
        if "-" in w:
            out.discard(w)
            out.add(w.replace("-", ""))
    return out
