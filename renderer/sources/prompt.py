"""Read a cheat-sheet prompt (markdown, whatever its extension) into a Chapter.

What is page content: the front matter's metadata, the diagram under
``# Layout Structure``, the ratio spec, and the ``## <icon> <title> (<hint>)``
sections of ``# Content Details`` (or, when a prompt has none, of
``# Output Structure Plan``).  The prompt's own machinery (role, source text,
output style, instructions, image requests) is never page content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it.token import Token

from ..boxes import normalize
from ..errors import InputError, Notice
from ..model import Chapter, LayoutSource, Meta, RatioSpec
from . import anatomy
from .frontmatter import find_front_matter, parse_meta
from .markdown import close_fences, oversized, parse, too_much
from .pieces import content_pieces, reserve_pieces, style_requests
from .ratios import ratios_from_lines, ratios_from_list, ratios_from_table
from .text_file import read_text

LAYOUT_H1 = "layout structure"
_LAYOUT_LIKE = re.compile(r"^(?:[^\w\s]\ufe0f?\s*)?(?:page\s+)?(?:layout|레이아웃|배치\s*구조)(?:\s*(?:structure|구조))?\b"
                          r"(?!\s*(?:ratio|비율))", re.I)
# the ratio spec's mark: a heading, a bold lead-in or a "label:" naming it at the start of a line
_RATIO_MARK = re.compile(
    r"^\s*(?P<head>#{1,6}\s+|[-*+]\s+)?(?P<bold>[*_]{0,2})\s*(?:[^\w\s*_#]\ufe0f?\s*)?"
    r"(?P<mark>(?P<strong>배치\s*비율|레이아웃\s*비율|영역\s*비율|비율|layout\s+ratios?|ratios?|proportions?"
    r"|band\s+(?:heights|ratios)|page\s+ratios?)|(?P<weak>layout|배치))"
    r"(?P<rest>\s*[*_]{0,2}(?:\s*\([^)]*\))?\s*[*_]{0,2}\s*(?P<colon>:)?\s*[*_]{0,2}\s*)(?![\w])", re.I)
RATIO_MARK = "배치 비율"


@dataclass(frozen=True)
class _Mark:
    col: int  # 0-based index of the mark's words in its line
    spec_col: int  # where the bands may start on the same line
    weak: bool  # "## Layout": a ratio spec only when percentages follow


def _ratio_mark(line: str) -> _Mark | None:
    """The ratio spec's mark on a line (``**배치 비율**:``, ``## Layout Ratios``, ``비율: …``), or None."""
    m = _RATIO_MARK.match(line)
    if m:
        apart = bool(m.group("head") or m.group("bold") or m.group("colon")) or not line[m.end():].strip()
        rest = line[m.end():]
        if m.group("weak") and (not rest.strip(" :*_") or "%" in rest):
            return _Mark(m.start("mark"), m.end(), True)  # "## Layout", "Layout: title 10% / body 90%"
        if m.group("strong") and apart:
            return _Mark(m.start("mark"), m.end(), False)
    k = line.find(RATIO_MARK)
    if k >= 0:
        end = k + len(RATIO_MARK)
        while end < len(line) and line[end] in "*_: ":
            end += 1
        return _Mark(k, end, False)
    return None


EMPHASIS_MARKS = ("강조", "quotable", "핵심 강조")
_LECTURE = re.compile(r"원본 강의\s*:\s*[\"“]([^\"”]{3,120})[\"”]")
_QUOTED = re.compile(r"[\"“]([^\"”]{2,80})[\"”]")
DIAGRAM_START = "┌"  # in light lines: every dialect is redrawn in them (cheatsheet.boxes) before looking
BOX_DRAWING = frozenset(chr(c) for c in range(0x2500, 0x2580))
FRAME_LEFT = "│├└"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 0-based index of the heading line
    token: int  # index of its heading_open token


def headings(tokens: list[Token]) -> list[Heading]:
    return [Heading(m.level, m.title, m.line, m.token) for m in anatomy.heading_markers(tokens)]


def _section_end(heads: list[Heading], k: int, n_lines: int, max_level: int) -> int:
    for h in heads[k + 1 :]:
        if h.level <= max_level:
            return h.line
    return n_lines


def read_prompt(path: Path, text: str | None = None) -> Chapter:
    """A prompt file; ``text``: its text, already read (standard input), named ``path`` in messages."""
    file = str(path)
    text = read_text(path) if text is None else text
    lines, closed = close_fences(text.split("\n"))
    notices: list[Notice] = [
        Notice(file, i + 1, 1, "a mermaid block runs into the next heading without its closing ```: "
                               "read as closed here") for i in closed]
    meta = Meta()
    fm = find_front_matter(lines)
    md_lines = list(lines)
    if fm:
        meta = parse_meta("\n".join(lines[fm[0] + 1 : fm[1]]), file, lines, fm[0] + 1)
        for i in range(fm[0], fm[1] + 1):
            md_lines[i] = ""
    # a table past the limit is refused before the parser spends seconds on it (a long fence costs it
    # little, and one outside the page's sections is no page content: composing weighs those)
    big = oversized(md_lines, code=False)
    if big is not None:
        raise too_much(file, big[0] + 1, big[1], big[3], lines[big[0]])
    tokens = parse("\n".join(md_lines))
    heads = headings(tokens)
    all_parts = anatomy.parts(md_lines, tokens)
    layout = read_layout_section(file, lines, tokens, heads, all_parts, notices)
    sections = content_pieces(file, lines, all_parts) + style_requests(file, lines, all_parts)
    sections.sort(key=lambda s: s.line)
    reserve = reserve_pieces(file, lines, all_parts)
    if not meta.lecture:
        m = _LECTURE.search(text)
        if m:
            meta = replace(meta, lecture=m.group(1).strip())
    return Chapter(file, meta, layout, sections, reserve, _emphasis(tokens, heads),
                   notices=_misspelt_layout(file, heads) + notices)


def _misspelt_layout(file: str, heads: list[Heading]) -> list[Notice]:
    """A layout heading read though misspelt ('# Layout Strucutre') is named, with the right spelling."""
    k = _layout_heading(heads)
    if k < 0 or heads[k].text.strip().lower().startswith(LAYOUT_H1) or _near_layout_heading(heads) is not heads[k]:
        return []
    h = heads[k]
    return [Notice(file, h.line + 1, 1, f"read '{'#' * h.level} {h.text.strip()}' as the layout section: "
                                        f"did you mean '{'#' * h.level} {LAYOUT_TITLE}'?")]


def _layout_heading(heads: list[Heading]) -> int:
    """Index of the ``# Layout Structure`` heading (any level; a level-1 one first), else of a heading
    named like one (``# Layout``, ``# Page Layout``, ``# 레이아웃 구조``), or -1."""
    found = [k for k, h in enumerate(heads) if h.text.strip().lower().startswith(LAYOUT_H1)]
    if not found:
        found = [k for k, h in enumerate(heads) if _LAYOUT_LIKE.match(h.text.strip())]
    if not found:
        return -1
    return min(found, key=lambda k: (heads[k].level, k))


LAYOUT_TITLE = "Layout Structure"


def _near_layout_heading(heads: list[Heading]) -> Heading | None:
    """A heading that is a misspelling of 'Layout Structure' ('Layout Strucutre', 'Layuot Structure')."""
    import difflib

    best: tuple[float, Heading] | None = None
    for h in heads:
        words = h.text.strip().lower().split()
        text = " ".join(words[:2])
        score = difflib.SequenceMatcher(None, text, LAYOUT_H1).ratio()
        if score >= 0.8 and (best is None or score > best[0]):
            best = (score, h)
    return best[1] if best else None


def _is_box_line(text: str) -> bool:
    st = text.lstrip()
    return bool(st) and st[0] in BOX_DRAWING


def read_layout_section(file: str, lines: list[str], tokens: list[Token], heads: list[Heading],
                        all_parts: list[anatomy.Part] | None = None,
                        notices: list[Notice] | None = None) -> LayoutSource:
    """The diagram and ratio spec under ``# Layout Structure``, else under a bold layout part
    (``**1. 레이아웃 구조**``), else the first diagram of the file outside any content (with a warning)."""
    k = _layout_heading(heads)
    if k < 0 and all_parts is not None:
        found = _layout_elsewhere(file, lines, tokens, all_parts, notices if notices is not None else [])
        if found is not None:
            return found
    if k < 0:
        near = _near_layout_heading(heads)
        if near is not None:
            raise InputError(
                file, near.line + 1, 1, f"no '# Layout Structure' heading: did you mean '{LAYOUT_TITLE}' for "
                f"{near.text.strip()!r}?", f"write the heading as '{'#' * near.level} {LAYOUT_TITLE}'",
                lines[near.line],
            )
        raise InputError(
            file, 1, 1, "the prompt has no layout diagram",
            "add a '# Layout Structure' heading followed by the box-drawing diagram of the page",
            lines[0] if lines else "",
        )
    head = heads[k]
    start = head.line + 1
    end = _section_end(heads, k, len(lines), head.level)
    first, last = _find_diagram(file, lines, start, end, head.line)
    diagram = tuple(lines[first : last + 1])
    spec, spec_text = _ratio_spec(file, lines, tokens, head.token, end)
    nxt = next((j for j in range(k + 1, len(heads)) if heads[j].line >= end), -1)
    if spec is None and nxt >= 0 and (m := _ratio_mark(lines[heads[nxt].line])) is not None and not m.weak:
        # the ratio spec under a heading of its own right after the layout section ("## Ratios")
        spec, spec_text = _ratio_spec(file, lines, tokens, heads[nxt].token,
                                      _section_end(heads, nxt, len(lines), heads[nxt].level))
    return LayoutSource(file, first + 1, diagram, spec, spec_text)


def _layout_elsewhere(file: str, lines: list[str], tokens: list[Token], all_parts: list[anatomy.Part],
                      notices: list[Notice]) -> LayoutSource | None:
    """The diagram under a bold layout part, else the first top-level diagram in a part that is not
    content (named in a warning); None when the file has no diagram there."""
    drawn = normalize(lines)
    candidates = [p for p in all_parts if p.role == anatomy.LAYOUT]
    quiet = bool(candidates)
    if not candidates:
        candidates = [p for p in all_parts if p.role not in (anatomy.CONTENT, anatomy.STYLE)]
    for p in candidates:
        # the part, and the ratio spec right after it
        end = next((q.head for q in all_parts if q.head > p.head and q.level <= p.level
                    and q.role not in (anatomy.RATIOS, anatomy.LAYOUT)), len(lines))
        first = next((i for i in range(p.start, end) if drawn[i].lstrip()[:1] in tuple(DIAGRAM_START)), -1)
        if first < 0:
            continue
        last = _diagram_end(drawn, first, end)
        if not quiet:
            col = len(lines[first]) - len(lines[first].lstrip()) + 1
            notices.append(Notice(file, first + 1, col, "this diagram is under no '# Layout Structure' heading: "
                                                        "read as the page's layout"))
        tok = next((i for i, t in enumerate(tokens) if t.map and t.map[0] >= max(p.head, 0)), len(tokens))
        spec, spec_text = _ratio_spec(file, lines, tokens, tok, end)
        return LayoutSource(file, first + 1, tuple(lines[first : last + 1]), spec, spec_text)
    return None


def _find_diagram(file: str, lines: list[str], start: int, end: int, head_line: int) -> tuple[int, int]:
    """First and last line of the diagram in ``lines[start:end]``, or the error saying what is wrong."""
    # the section in light lines, to find the diagram whatever pen drew it
    drawn = lines[:start] + normalize(lines[start:end]) + lines[end:]
    first = next((i for i in range(start, end) if drawn[i].lstrip()[:1] in tuple(DIAGRAM_START)), -1)
    # a line of the frame before any top corner: the diagram lacks its top line
    framed = next((i for i in range(start, end if first < 0 else first)
                   if _is_box_line(drawn[i]) and drawn[i].lstrip()[0] in FRAME_LEFT), -1)
    if framed >= 0:
        st = lines[framed].lstrip()
        raise InputError(
            file, framed + 1, len(lines[framed]) - len(st) + 1,
            f"the layout diagram starts with '{st[0]}', not with the frame's top-left corner ┌",
            "the diagram's first line must be the top of the outer frame: ┌────┐", lines[framed],
        )
    if first < 0:
        raise InputError(
            file, head_line + 1, 1, "'# Layout Structure' holds no box-drawing diagram",
            "draw the page under it as ┌───┐ │ … │ └───┘ (fenced with ``` or not)", lines[head_line],
        )
    return first, _diagram_end(drawn, first, end)


def _ends_diagram(st: str) -> bool:
    return st.startswith("```") or st.startswith("~~~") or st.startswith("**") or st.startswith("#")


def _diagram_end(lines: list[str], first: int, end: int) -> int:
    """Index of the diagram's last line: its bottom ``└…┘`` under the top-left corner.

    A blank line inside the diagram (the frame not closed yet and the next
    line going on with a border under the frame's left corner) does not end it.
    """
    left = len(lines[first]) - len(lines[first].lstrip())
    last = first
    i = first + 1
    while i < end:
        s = lines[i]
        st = s.strip()
        if not st:
            nxt = next((j for j in range(i + 1, min(end, i + 4)) if lines[j].strip()), -1)
            nst = lines[nxt].lstrip() if nxt >= 0 else ""
            if nxt < 0 or not nst or nst[0] not in FRAME_LEFT or abs(len(lines[nxt]) - len(nst) - left) > 4:
                break
            i += 1
            continue
        if _ends_diagram(st):
            break
        last = i
        indent = len(s) - len(s.lstrip())
        if st[0] == "└" and abs(indent - left) <= 4 and st[-1] == "┘":
            # the frame's bottom, unless the frame goes on right below it (a bottom too early)
            nst = lines[i + 1].lstrip() if i + 1 < end else ""
            if not nst or nst[0] not in FRAME_LEFT or abs(len(lines[i + 1]) - len(nst) - left) > 4:
                break
        i += 1
    return last


def _ratio_spec(file: str, lines: list[str], tokens: list[Token], start_tok: int,
                end_line: int) -> tuple[RatioSpec | None, str]:
    """The ratio spec under its mark, in the layout section (tokens from ``start_tok`` to ``end_line``)."""
    for i in range(start_tok, len(tokens)):
        t = tokens[i]
        if t.map and t.map[0] >= end_line:
            break
        if t.type != "inline" or not t.map:
            continue
        mark_line = next((j for j in range(t.map[0], t.map[1]) if _ratio_mark(lines[j])), -1)
        if mark_line < 0:
            continue
        m = _ratio_mark(lines[mark_line])
        assert m is not None
        # the bands on the mark's own line or the lines of its paragraph after it
        spec = ratios_from_lines(file, lines, mark_line, t.map[1] - 1, m.spec_col, mark_line + 1)
        if spec is not None:
            return spec, _spec_text(lines, mark_line, t.map[1])
        for j in range(i + 1, len(tokens)):
            u = tokens[j]
            if u.type in ("bullet_list_open", "ordered_list_open"):
                spec = ratios_from_list(tokens, j, file, lines, mark_line + 1)
                return spec, _spec_text(lines, mark_line, u.map[1] if u.map else mark_line + 1)
            if u.type == "table_open":
                spec = ratios_from_table(tokens, j, file, lines, mark_line + 1)
                return spec, _spec_text(lines, mark_line, u.map[1] if u.map else mark_line + 1)
            if u.type == "inline" and u.map and u.map[0] > mark_line:
                # a paragraph under the mark: bands one per line, or all on one line
                spec = ratios_from_lines(file, lines, u.map[0], u.map[1] - 1, 0, mark_line + 1)
                if spec is not None:
                    return spec, _spec_text(lines, mark_line, u.map[1])
                break
            if u.type in ("heading_open", "fence", "code_block", "hr"):
                break
        if m.weak:
            continue  # "## Layout" over something else: not a ratio spec after all
        raise InputError(
            file, mark_line + 1, m.col + 1,
            "the ratio spec has no list or table of percentages under it",
            "follow it with one line per band, e.g. '- 상단 (10%): 타이틀', or write the bands on one line: "
            "'타이틀 10% / 본문 90%'", lines[mark_line],
        )
    return None, ""


def _spec_text(lines: list[str], a: int, b: int) -> str:
    return "\n".join(lines[a:b]).strip("\n")


def _emphasis(tokens: list[Token], heads: list[Heading]) -> tuple[str, ...]:
    """Quoted key phrases from the prompt's emphasis lists ("강조할 개념들", "핵심 강조 포인트",
    "Quotable Insights"): the quotes in the marked line and in the list nested under it."""
    found: list[str] = []
    depth = 0  # lists open around the current token
    active = -1  # list depth of the marked line, -1 when none is open
    nested = False  # a list has opened under the marked line

    def take(text: str) -> None:
        for m in _QUOTED.finditer(text):
            phrase = m.group(1).strip()
            if phrase not in found:
                found.append(phrase)

    for t in tokens:
        if t.type == "heading_open":
            active = -1
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            nested = nested or (active >= 0 and depth > active)
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if active >= 0 and nested and depth <= active:
                active, nested = -1, False
        elif t.type == "inline":
            if active < 0 and any(m in t.content.lower() for m in EMPHASIS_MARKS):
                active, nested = depth, False
            if active >= 0:
                take(t.content)
    return tuple(found)
