"""The parts of a prompt and what each one is for.

The team writes its prompts in several ways (see the project's FORMAT notes):
an opening (``# Role Definition`` or a Korean title heading with a short
intro), the chapter's ``# Source Text``, a style block of requests to the
drawer, the layout (under ``# Layout Structure`` or a bold part such as
``**1. 레이아웃 구조**``), content in one of several forms, and a closing of
requests, sometimes followed by chat from a prompt-generating tool.

Every part gets a role: ``content`` parts hold page text; ``source`` holds the
chapter's notes (its summary and key points are kept in reserve);
``style`` holds requests, and sometimes content; ``layout``, ``role``,
``closing`` and ``chat`` are the prompt's machinery and never page text.

A part is a heading's section, or a *bold part*: a line that is nothing but a
bold, numbered title (``**2. 필수 시각 요소**``) or a bold layout title, at the
top level of the file.  A heading that names nothing known is content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from .markdown import inline_text
from .titles import split_icon

ROLE = "role"
SOURCE = "source"
STYLE = "style"
LAYOUT = "layout"
RATIOS = "ratios"
CONTENT = "content"
CLOSING = "closing"
CHAT = "chat"
INTRO = "intro"

BOLD_LEVEL = 7  # a bold part sits below every heading level

# a line that is only a bold title: "**2. 필수 시각 요소**", "**1. 레이아웃 구조**:", "**5. 사람 vs 모델**"
_BOLD_PART = re.compile(r"^(?P<stars>\*\*|__)\s*(?P<num>\d+[.)]\s*)?(?P<title>[^*_\n]+?)\s*:?\s*(?P=stars)\s*:?\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")

_CONTENT_WORDS = ("content details", "output structure plan", "콘텐츠 상세", "내용 상세", "섹션별 내용",
                  "content plan", "content sections")
_ROLE_WORDS = ("role definition", "역할 정의", "your role", "persona definition")
_ROLE_TITLES = ("role", "역할", "persona", "페르소나")
_SOURCE_WORDS = ("source text", "source information", "원문", "소스 텍스트", "원본 텍스트", "source material",
                 "강의 원문", "transcript", "자막", "source")
_STYLE_WORDS = ("output style", "출력 스타일", "style guide", "스타일 가이드", "visual style", "디자인 스타일",
                "스타일", "style requirements", "style")
_LAYOUT_WORDS = ("layout structure", "레이아웃 구조", "레이아웃", "page layout", "layout", "배치 구조", "화면 구성")
_RATIO_WORDS = ("배치 비율", "레이아웃 비율", "영역 비율", "layout ratio", "ratios", "비율")
_CLOSING_WORDS = ("instructions", "이미지 생성 요청", "생성 요청", "final instructions", "지시 사항", "지시사항",
                  "요청 사항", "요청사항", "주의 사항", "주의사항", "generation request", "output format",
                  "출력 형식", "image requirements", "이미지 스타일", "이미지 비율", "please generate",
                  "내가 말하는 cheat sheet")
_CHAT_WORDS = ("작업 결과 요약", "프롬프트 생성 완료", "생성 완료 요약", "저장되었습니다", "저장 완료", "생성된 파일",
               "작업 요약", "완료 요약", "work summary", "saved to")
# a title heading of the whole prompt: "# 나노바나나 치트시트 프롬프트: <course> - <chapter>"
_TITLE_WORDS = ("치트시트 프롬프트", "치트 시트 프롬프트", "cheat sheet prompt", "cheatsheet prompt", "나노바나나",
                "nano banana")


@dataclass(frozen=True)
class Part:
    role: str
    title: str  # the heading's or bold line's words ("" for text before any heading)
    level: float  # heading level; a bold part half a level below the heading it follows; 0 before any heading
    head: int  # 0-based line of the heading or bold line (-1 when none)
    start: int  # first 0-based line of its body
    end: int  # one past its last line: the next heading or bold part, whatever its level
    token: int = -1  # index of the heading's token (-1 for a bold part)


def _starts(title: str, words: tuple[str, ...]) -> bool:
    low = title.lower()
    return any(low.startswith(w) for w in words)


def _has(title: str, words: tuple[str, ...]) -> bool:
    low = title.lower()
    return any(w in low for w in words)


def role_of(title: str) -> str:
    """What a part with this title is for, by the words it starts with (content unless it names the
    machinery): ``Layout Structure (…)``, ``2. 배치 비율``, ``📋 작업 결과 요약``, ``Instructions``."""
    t = re.sub(r"^\s*\d+[.)]\s*", "", split_icon(title.strip())[1])
    t = re.sub(r"^\s*\d+[.)]\s*", "", t).strip(" *_:")
    if _has(t, _CHAT_WORDS):
        return CHAT
    if _starts(t, _CONTENT_WORDS):
        return CONTENT
    if (_starts(t, _ROLE_WORDS) or t.lower() in _ROLE_TITLES) and len(t) < 40:
        return ROLE
    if _starts(t, _SOURCE_WORDS):
        return SOURCE
    if _starts(t, _RATIO_WORDS) and len(t) < 40:
        return RATIOS
    if _starts(t, _LAYOUT_WORDS) and len(t) < 60 and not _has(t, (" vs", "비교")):
        return LAYOUT
    if _starts(t, _STYLE_WORDS):
        return STYLE
    if _starts(t, _CLOSING_WORDS):
        return CLOSING
    if _has(t, _TITLE_WORDS):
        return INTRO
    return CONTENT


@dataclass(frozen=True)
class Marker:
    level: int
    title: str
    line: int
    token: int
    numbered: bool = False  # a bold part written as "**2. …**"


def bold_parts(lines: list[str]) -> list[Marker]:
    """Top-level lines that are only a bold title, outside fenced code."""
    out: list[Marker] = []
    fence = ""
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if m:
            mark = m.group(1)
            if not fence:
                fence = mark[0] * len(mark)
            elif mark.startswith(fence) and not line.strip()[len(mark):].strip():
                fence = ""
            continue
        if fence or line[:1].isspace():
            continue
        b = _BOLD_PART.match(line.rstrip())
        if not b:
            continue
        title = b.group("title").strip()
        numbered = b.group("num") is not None
        if numbered or role_of(title) in (LAYOUT, RATIOS, CLOSING, CHAT, STYLE):
            out.append(Marker(BOLD_LEVEL, title, i, -1, numbered))
    return out


def heading_markers(tokens: list[Token]) -> list[Marker]:
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and t.map and t.level == 0:
            out.append(Marker(int(t.tag[1]), inline_text(tokens, i), t.map[0], i))
    return out


def markers(lines: list[str], tokens: list[Token]) -> list[Marker]:
    """Every heading and bold part of the file, in line order."""
    return sorted(heading_markers(tokens) + bold_parts(lines), key=lambda m: m.line)


def parts(lines: list[str], tokens: list[Token]) -> list[Part]:
    """The file cut at every heading and bold part, each piece with its role.

    A bold part sits just below the heading it follows (level + 0.5), and the
    bold parts after it are its siblings until a heading at that level or above
    comes: ``#### Mermaid 다이어그램 1`` after ``**2. 필수 시각 요소**`` is inside
    it, the next ``**3. …**`` is beside it.

    A part's role comes from its own title, else from the part it sits in: a
    ``## 1. Topic Overview`` under ``# Output Structure Plan`` is content,
    a ``## 배치 비율`` under ``# Layout Structure`` is the ratio spec, and
    everything after the closing requests (``# Instructions``) is closing
    or tool chat, whatever its title says.
    """
    marks = markers(lines, tokens)
    out: list[Part] = []
    first = marks[0].line if marks else len(lines)
    if first > 0:
        out.append(Part(INTRO, "", 0, -1, 0, first))
    stack: list[tuple[float, str]] = []  # (level, role) of the parts this one sits in
    heading_level = 0.0  # of the last heading
    bold_level: float | None = None  # of the bold parts now open
    closed = False  # past the closing requests: nothing after them is page text
    last_h1 = ""  # the role of the last level-1 part
    source_open = False  # inside the Source Text
    kept: list[tuple[Marker, float, str]] = []
    for m in marks:
        if m.level == BOLD_LEVEL and m.numbered and role_of(m.title) == CONTENT and stack \
                and stack[-1][1] == CONTENT and stack[-1][0] >= 2 and bold_level is None:
            continue  # "**1. 정확도 상승**" inside a section: the section's own lead-in, not a part
        if m.level == BOLD_LEVEL:
            if bold_level is None:
                bold_level = heading_level + 0.5
            level = bold_level
        else:
            level = float(m.level)
            heading_level = level
            if bold_level is not None and level < bold_level:
                bold_level = None
        while stack and stack[-1][0] >= level:
            stack.pop()
        own = role_of(m.title)
        if own == INTRO and level > 1:
            own = CONTENT
        if own in (LAYOUT, RATIOS, STYLE, CLOSING, ROLE) or _starts(m.title, _CONTENT_WORDS):
            source_open = False  # the chapter's notes end where the prompt's own parts begin
        elif own == SOURCE:
            source_open = True
        outer = stack[-1][1] if stack else ""
        if outer == SOURCE and not source_open:
            outer = ""
        if outer == RATIOS:
            outer = ""  # the ratio spec holds nothing but its bands: what follows it is the prompt's again
        role = own
        if closed:
            role = CHAT if own == CHAT else CLOSING
        elif own == CONTENT and level == 1 and last_h1 == SOURCE and source_open:
            role = SOURCE  # the chapter's notes under a heading of their own ("# 10. 후속학습 데이터")
        elif own == CONTENT and outer in (SOURCE, ROLE, CLOSING, CHAT, LAYOUT, RATIOS):
            role = SOURCE if outer == SOURCE else (RATIOS if outer == LAYOUT else outer)
        elif own == CONTENT and outer == STYLE:
            role = STYLE  # a section under the style block: content only when it carries data (pieces.py)
        if own == CLOSING and level <= 2 and outer != SOURCE:
            closed = True
        kept.append((m, level, role))
        stack.append((level, role))
        if level == 1:
            last_h1 = role
    for k, (m, level, role) in enumerate(kept):
        body_end = kept[k + 1][0].line if k + 1 < len(kept) else len(lines)
        out.append(Part(role, m.title, level, m.line, m.line + 1, max(body_end, m.line + 1), m.token))
    return out
