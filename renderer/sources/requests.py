"""Lines of a prompt that ask for something instead of saying it.

An ``# Output Structure Plan`` (and now and then a content section) tells
the drawer what to make: ``- Create a Mermaid mindmap:`` with the tree under
it, ``- 3-5 bullet points summarizing:`` with the points under it, ``- Use a
comparison table``, ``- 아래 내용을 표로 정리해주세요:``.  Such a line is read
for what it asks and never written on the page: a picture request becomes
the picture (parse.py), any other request gives way to the lines under it.

A line is a request when it is phrased as one (an imperative, a count of
points, a polite Korean imperative) *and* speaks of the sheet's own forms
(bullet points, a table, a diagram ...), so that ``- Create a new branch:``
in a git cheat sheet stays a line of the sheet.
"""

from __future__ import annotations

import re

PICTURE = re.compile(r"(mind\s*-?\s*map|flow\s*-?\s*chart|마인드\s*맵|플로우\s*차트|흐름도)", re.I)
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:create|draw|make|add|build|show|include|use|list|write|summari[sz]e|provide|give|present|"
    r"display|visuali[sz]e|illustrate|put|render|convert|turn|compare|highlight|organi[sz]e|keep)\b", re.I)
# "3-5 bullet points summarizing:", "2~3 examples"; a plain count ("3 key takeaways:") is the sheet's own words
_COUNT = re.compile(r"^(?:\d+\s*[-–~]\s*\d+\s+\w|(?:\d+|a\s+few|several)\s+bullet)", re.I)
_KOREAN_REQUEST = re.compile(
    r"(?:해\s*주세요|하세요|하십시오|할\s*것|그려\s*주세요|만들어\s*주세요|작성해\s*주세요|정리해\s*주세요|"
    r"넣어\s*주세요|표시해\s*주세요|그려|작성|만들)\s*[:.!]?\s*$")
_SHEET_FORMS = re.compile(
    r"\b(?:bullet(?:\s*points?|s)?|key\s*points?|takeaways?|mermaid|diagrams?|charts?|graphs?|tables?|lists?|"
    r"summary|summari[sz]ing|overview|visuals?|visuali[sz]ation|comparisons?|timeline|checklist|quotes?|icons?|"
    r"emojis?|sections?|boxes|columns?|headers?|bold|colou?rs?|highlights?|format)\b"
    r"|불릿|표로|표를|표\s|도식|다이어그램|요약|마인드|차트|목록|리스트|강조|아이콘|섹션", re.I)
_MARKER = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def _words(line: str) -> str:
    """The line's words: its list marker and bold marks left out."""
    return _MARKER.sub("", line).strip().strip("*_").strip()


def picture_kind(line: str) -> str:
    """``"mindmap"`` or ``"flowchart"`` when the line asks for that picture, else ``""``."""
    text = _words(line)
    m = PICTURE.search(text)
    if not m:
        return ""
    asks = bool(_IMPERATIVE.match(text)) or bool(_KOREAN_REQUEST.search(text)) or text.rstrip("* ").endswith(":")
    if not asks:
        return ""
    kind = m.group(1).lower()
    return "mindmap" if ("mind" in kind or "마인드" in kind) else "flowchart"


def _phrased_as_request(text: str) -> bool:
    return bool(_IMPERATIVE.match(text)) or bool(_COUNT.match(text)) or bool(_KOREAN_REQUEST.search(text))


def is_request(line: str) -> bool:
    """The line asks the drawer for something about the sheet (never a picture: see picture_kind)."""
    text = _words(line)
    if not text or picture_kind(line):
        return False
    return _phrased_as_request(text) and bool(_SHEET_FORMS.search(text))


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip())


def drop_requests(lines: list[str]) -> list[str]:
    """The lines with every request blanked out and the lines nested under it moved out by its depth,
    so that what it asked for ("3-5 bullet points summarizing:" + the points) is just the points.
    A picture request with the picture's contents under it stays for the region reader to draw;
    one with nothing under it (nothing to draw) goes.
    The number of lines stays the same, so every line keeps its place in the file."""
    out = list(lines)
    fence = False
    i = 0
    while i < len(out):
        st = out[i].strip()
        if st.startswith(("```", "~~~")):
            fence = not fence
        # a picture asked for ("- Create a flowchart of X.") and a label over one ("**플로우차트:**")
        picture = bool(picture_kind(out[i])) and _phrased_as_request(_words(out[i]))
        if fence or not (is_request(out[i]) or picture):
            i += 1
            continue
        own = _indent(out[i])
        end = i
        while end + 1 < len(out) and (not out[end + 1].strip() or _indent(out[end + 1]) > own):
            if not out[end + 1].strip() and (end + 2 >= len(out) or _indent(out[end + 2]) <= own):
                break
            end += 1
        if picture and end > i:
            i = end + 1  # a picture with what it shows under it: drawn by the region reader
            continue
        under = [s for s in out[i + 1 : end + 1] if s.strip()]
        shift = min((_indent(s) for s in under), default=own) - own
        out[i] = ""
        for k in range(i + 1, end + 1):
            s = out[k]
            out[k] = s[min(shift, _indent(s)) :] if s.strip() else s
        i = end + 1
    return out
