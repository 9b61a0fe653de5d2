"""Requests, placeholders and layout hints in the writing, read for what they ask.

Inside a box of the diagram (and now and then in a section) the author talks
to the drawer: ``Flowchart: A → B → C``, ``Mind Map: 토큰화 (문자, 바이트, BPE)``,
``Bit→Byte→Token 표로 비교``, ``[순환 다이어그램]``, ``(전체 너비)``,
``Include the following concepts:``.  None of that is page text.  A request
that carries data becomes what it asks (a chain of stages, a mind map's
tree); one with no data, a placeholder and a hint become nothing.  Lines keep
their number, so every line keeps its place in the file.
"""

from __future__ import annotations

import re

from ..sources.requests import is_request, picture_kind
from ..sources.titles import is_hint

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ARROW = re.compile(r"\s*(?:→|->|⟶|⇒|=>)\s*")
# "Flowchart: …", "Mind Map - …", "표: …", "Columns: …": a label naming a picture, then its data
_LABEL = re.compile(
    r"^(?P<lead>\s*(?:[-*+•]\s+)?)(?:\*\*)?(?P<what>mind\s*-?\s*map|마인드\s*맵|flow\s*-?\s*chart|flow|흐름도|플로우\s*차트|"
    r"diagram|다이어그램|도식|chart|차트|table|표|columns?|rows?|visual|시각화|include(?:\s+the\s+following)?"
    r"(?:\s+\w+)?|show|concepts?)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(?P<data>.*)$", re.I)
_PLACEHOLDER_WORDS = ("다이어그램", "diagram", "그림", "도식", "차트", "chart", "이미지", "image", "아이콘", "icon",
                      "일러스트", "illustration", "시각화", "visual", "예시", "비유", "표", "table", "그래프", "graph",
                      "mind map", "마인드맵", "flowchart", "플로우", "순환", "placeholder", "사진", "도표")
_PLACEHOLDER = re.compile(r"^\s*(?:[-*+•]\s+)?[\[【(（]([^\]】)）]{1,40})[\]】)）]\s*$")
# a request tail after its data: "Bit→Byte→Token 표로 비교", "A, B, C 비교표로 정리"
# "… vs Few-shot CoT (table)": the kind of picture a sketch's line stands for, in brackets at its end
_KIND_NOTE = re.compile(r"\s*\((?:table|표|비교\s*표|mind\s*-?\s*map|마인드\s*맵|flow\s*-?\s*chart|플로우\s*차트|흐름도|"
                        r"diagram|다이어그램|도식|chart|차트)\)\s*$", re.I)
_TAIL = re.compile(r"(?:을|를)?\s*(?:표로\s*(?:비교|정리|표시)?|비교\s*표로?(?:\s*정리)?|도식화|시각화|"
                   r"(?:으로|로)\s*(?:정리|표현|도식화|시각화)|as\s+a\s+(?:table|flow(?:chart)?|diagram))\s*[.!]?\s*$",
                   re.I)


def _is_placeholder(line: str) -> bool:
    m = _PLACEHOLDER.match(line)
    if not m:
        return False
    inner = m.group(1).lower()
    return any(w in inner for w in _PLACEHOLDER_WORDS) or is_hint(inner)


def _mindmap_lines(lead: str, data: str, title: str) -> list[str]:
    """``토큰화 (문자, 바이트, BPE)``, ``토큰화 → 문자, 바이트``, ``문자, 바이트, BPE`` as a mind map's spec lines."""
    root, rest = "", data
    m = re.match(r"^(.+?)\s*[(（](.+)[)）]\s*$", data)
    if m:
        root, rest = m.group(1), m.group(2)
    else:
        parts = re.split(r"\s*(?:→|->|:|-\s)\s*", data, maxsplit=1)
        if len(parts) == 2 and parts[1].strip():
            root, rest = parts
    items = [s.strip(" \"'") for s in re.split(r"\s*[,/·|]\s*", rest) if s.strip(" \"'")]
    if not root:
        root = title or (items.pop(0) if len(items) > 1 else "")
    if not root or len(items) < 2:
        return []  # one word is no map: it stays a line of the sketch
    return [f"{lead}- Create a Mermaid mindmap:", f"{lead}  - Root: \"{root}\"",
            f"{lead}  - Level 1: " + ", ".join(f"\"{s}\"" for s in items)]


def _has_items_under(lines: list[str], k: int) -> bool:
    """The line ``k`` has lines indented under it (a request's data)."""
    own = len(lines[k]) - len(lines[k].lstrip())
    nxt = next((s for s in lines[k + 1:] if s.strip()), "")
    return bool(nxt) and len(nxt) - len(nxt.lstrip()) > own


def read_requests(markdown: str, title: str = "") -> tuple[str, list[str]]:
    """The markdown with requests read: a label's data kept as the picture it names, placeholders,
    hints and requests without data blanked; and the requests it read (for the plan's notes).
    ``title``: the box's or section's title (a mind map's root when the request names none)."""
    lines = markdown.split("\n")
    out: list[str] = []
    read: list[str] = []
    fence = False
    extra = 0  # lines a request grew into (a mind map's spec), taken back from the blank lines after it
    for k, ln in enumerate(lines):
        if not fence and picture_kind(ln) and not _has_items_under(lines, k):
            read.append(ln.strip())  # a picture asked for with nothing under it: nothing to draw
            out.append("")
            continue
        if _FENCE.match(ln):
            fence = not fence
            out.append(ln)
            continue
        if fence or not ln.strip():
            if not ln.strip() and extra:
                extra -= 1
                continue
            out.append(ln)
            continue
        if _is_placeholder(ln):
            read.append(ln.strip())
            out.append("")
            continue
        m = _LABEL.match(ln)
        if m:
            what, data = m.group("what").lower(), m.group("data").strip().strip("*").strip()
            read.append(ln.strip())
            if not data or _is_placeholder(data):
                out.append("")
            elif "mind" in what or "마인드" in what:
                spec = _mindmap_lines(m.group("lead"), data, title)
                out.extend(spec or [m.group("lead") + data])
                extra += max(0, len(spec) - 1)
            else:
                out.append(m.group("lead") + data)
            continue
        body = ln.rstrip()
        kind = _KIND_NOTE.search(body)
        if kind and body[: kind.start()].strip():
            read.append(kind.group().strip())
            body = ln = body[: kind.start()]
        t = _TAIL.search(body, len(body) - len(body.lstrip()))
        if t and _ARROW.search(body[: t.start()]):
            read.append(ln.strip())
            out.append(body[: t.start()].rstrip())
            continue
        if is_request(ln) and ln.rstrip().endswith(":"):
            read.append(ln.strip())
            out.append("")
            continue
        out.append(ln)
    return "\n".join(out), read
