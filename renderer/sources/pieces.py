"""Every piece of written content in a prompt, whichever way it was written.

A piece is a titled stretch of markdown with its place in the file: a
``## <icon> <title>`` section of ``# Content Details`` or of ``# Output
Structure Plan``, a bold part (``**3. 비교 테이블**`` and its table), a
``#### Mermaid 다이어그램 1: …`` with its block, a discussion section with its
quotes, a section with data under the style block, or a request of the style
block that carries its data (``Create a **Flowchart** for … (A → B → C)``).

A part that only holds other parts (``**2. 필수 시각 요소**`` over its
``####`` diagrams, ``# Content Details`` over its sections) gives one piece
per part it holds.  The Source Text's summary and key points are kept apart,
in reserve: they are the chapter's notes, used where the prompt says nothing
else about a box.
"""

from __future__ import annotations

import re

from ..model import Section
from . import anatomy
from .anatomy import Part
from .requests import drop_requests, is_request, picture_kind
from .titles import split_heading

_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_PLACEHOLDER = re.compile(r"^\s*(?:[-*+]\s+)?\[[^\]]{1,40}\]\s*$")
_CHAIN = re.compile(r"[(（]\s*([^()（）]*?(?:→|->|⟶|=>)[^()（）]*?)\s*[)）]")
_FOR = re.compile(r"\b(?:for|of|showing)\s+(?:the\s+)?(.+?)\s*(?:[(（:]|$)", re.I)
_SUMMARY = re.compile(r"^\s*\*\*\s*(요약|summary|개요)\s*\*\*\s*[:：]?\s*(.*)$", re.I)
_SUMMARY_COLON = re.compile(r"^\s*\*\*\s*(요약|summary|개요)\s*[:：]\s*\*\*\s*(.*)$", re.I)
_KEY_POINTS = re.compile(r"^\s*\*\*\s*(핵심\s*포인트|key\s*points?|주요\s*내용|핵심\s*내용)\s*[:：]?\s*\*\*\s*[:：]?\s*$",
                         re.I)


def has_data(body: str) -> bool:
    """The body says something for the page once its requests, rules and placeholders are gone."""
    kept = drop_requests(body.split("\n"))
    return any(s.strip() and not _RULE.match(s) and not _PLACEHOLDER.match(s) for s in kept)


def _trim(lines: list[str], a: int, b: int) -> tuple[int, int]:
    """The range without blank lines and rules at both ends."""
    while a < b and (not lines[a].strip() or _RULE.match(lines[a])):
        a += 1
    while b > a and (not lines[b - 1].strip() or _RULE.match(lines[b - 1])):
        b -= 1
    return a, b


def _piece(file: str, lines: list[str], part: Part, end: int, origin: str, context: str = "") -> Section | None:
    a, b = _trim(lines, part.start, end)
    body = "\n".join(lines[a:b])
    if not body.strip():
        return None
    icon, title, hint = split_heading(part.title)
    return Section(icon, _plain_title(title), hint, body, file, part.head + 1, a + 1, origin=origin, context=context)


# a title's words that name the prompt's machinery, not the subject: "Mermaid 다이어그램 1: ", "(Table)"
_MACHINE_PREFIX = re.compile(r"^\s*(?:mermaid\s*)?(?:다이어그램|diagram|도식|그림|figure|표|table|차트|chart)\s*\d*\s*[:：.]\s*"
                             r"|^\s*mermaid\s*\d*\s*[:：.]\s*", re.I)
_KIND_SUFFIX = re.compile(r"\s*[(（]\s*(?:mind\s*-?\s*map|table|flow\s*-?\s*chart|diagram|matrix|checklist|list|"
                          r"sequence(?:\s*diagram)?|pie(?:\s*chart)?|chart|quotes?|code|마인드\s*맵|표|흐름도|"
                          r"다이어그램|체크리스트|목록|코드)\s*[)）]\s*$", re.I)


def _plain_title(title: str) -> str:
    """A piece's title as the page shows it: without ``Mermaid 다이어그램 1:`` and a kind in brackets."""
    t = _MACHINE_PREFIX.sub("", title)
    t = _KIND_SUFFIX.sub("", t)
    return t.strip() or title


def content_pieces(file: str, lines: list[str], all_parts: list[Part]) -> list[Section]:
    """The pieces of every content part (and of the style block's sections with data), in file order."""
    out: list[Section] = []
    holders: list[tuple[float, str]] = []  # (level, title) of the containers around the next part
    k = 0
    n = len(all_parts)
    while k < n:
        p = all_parts[k]
        if p.role not in (anatomy.CONTENT, anatomy.STYLE) or p.level == 0:
            k += 1
            continue
        kids_end = k + 1
        while kids_end < n and all_parts[kids_end].level > p.level:
            kids_end += 1
        last_line = all_parts[kids_end].head if kids_end < n else len(lines)
        own_body = "\n".join(lines[p.start:p.end])
        container = kids_end > k + 1 and (p.level <= 1 or not has_data(own_body))
        origin = "style" if p.role == anatomy.STYLE else ("bold" if p.level % 1 else "section")
        while holders and holders[-1][0] >= p.level:
            holders.pop()
        context = " ".join(t for _, t in holders)
        if container:
            if p.role == anatomy.CONTENT and has_data(own_body):
                piece = _piece(file, lines, p, p.end, origin, context)
                if piece is not None:
                    out.append(piece)
            if p.level > 1:
                holders.append((p.level, split_heading(p.title)[1]))
            k += 1  # its parts come next, each on its own
            continue
        if p.role == anatomy.STYLE:
            if p.level > 1 and has_data("\n".join(lines[p.start:last_line])):
                piece = _piece(file, lines, p, last_line, origin, context)
                if piece is not None:
                    out.append(piece)
            k = kids_end
            continue
        piece = _piece(file, lines, p, last_line, origin, context)
        if piece is not None:
            out.append(piece)
        k = kids_end
    return out


def style_requests(file: str, lines: list[str], all_parts: list[Part]) -> list[Section]:
    """Requests of the style block that carry their data: ``Create a **Flowchart** for the encoding
    process (Text → UTF-8 → Bytes → BPE → Tokens)`` is a flow of those five stages."""
    out: list[Section] = []
    for p in all_parts:
        if p.role != anatomy.STYLE:
            continue
        for i in range(p.start, p.end):
            line = lines[i]
            m = _CHAIN.search(line)
            if not m or not (picture_kind(line) or is_request(line) or "flowchart" in line.lower()):
                continue
            chain = m.group(1).strip()
            plain = line.replace("**", "")
            f = _FOR.search(plain[: plain.find(m.group(0).replace("**", "")) if m.group(0) in plain else len(plain)])
            title = f.group(1).strip(" .:*") if f else ""
            out.append(Section("", title, "", chain, file, i + 1, i + 1, origin="request"))
    return out


def reserve_pieces(file: str, lines: list[str], all_parts: list[Part]) -> list[Section]:
    """The Source Text's summary (``**요약**: …``) and key points (``**핵심 포인트:**`` and its bullets)."""
    out: list[Section] = []
    for p in all_parts:
        if p.role != anatomy.SOURCE:
            continue
        i = p.start
        while i < p.end:
            line = lines[i]
            m = _SUMMARY.match(line) or _SUMMARY_COLON.match(line)
            if m and m.group(2).strip():
                j = i + 1
                while j < p.end and lines[j].strip() and not lines[j].lstrip().startswith(("#", "**", "[")):
                    j += 1
                body = "\n".join([m.group(2).strip()] + [s.strip() for s in lines[i + 1:j]])
                out.append(Section("", m.group(1).strip(), "", body, file, i + 1, i + 1, origin="summary"))
                i = j
                continue
            if _KEY_POINTS.match(line):
                j = i + 1
                while j < p.end and not lines[j].strip():
                    j += 1
                first = j
                while j < p.end and (lines[j].lstrip().startswith(("-", "*", "+")) or
                                     re.match(r"^\s*\d+[.)]\s", lines[j]) or
                                     (lines[j].strip() and lines[j][:1].isspace())):
                    j += 1
                if j > first:
                    title = line.strip().strip("*: ").strip("*: ")
                    out.append(Section("", title, "", "\n".join(lines[first:j]), file, i + 1, first + 1,
                                       origin="key-points"))
                i = max(j, i + 1)
                continue
            i += 1
    return out
