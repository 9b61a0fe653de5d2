"""What kind of picture or text a piece of writing is, and what a box asks for.

A piece's kind comes from what it holds (a mermaid block's type, a table, a
quote, a fenced box drawing, code, a tree of ``Root:``/``Level`` lines, a
chain of arrows, a list) and, where its body is plain, from its title
(``Key Takeaways``, ``(Mind Map)``, ``Matrix``).  A box's wants come from its
title and its sketch: ``Mind Map: …``, ``[순환 다이어그램]``, ``Bit→Byte→Token
표로 비교``, ``Cloud … VS … Local``, ``KEY TAKEAWAYS``, ``💡 핵심 인사이트``.
"""

from __future__ import annotations

import re

MINDMAP = "mindmap"
FLOWCHART = "flowchart"
SEQUENCE = "sequence"
PIE = "pie"
TABLE = "table"
QUOTE = "quote"
CODE = "code"
PICTURE = "picture"  # a box drawing typed in characters
STEPS = "steps"
LIST = "list"
TEXT = "text"
COMPARE = "compare"  # two sides: "A vs B"

TAKEAWAYS = "takeaways"  # a box or piece that sums the chapter up
INSIGHT = "insight"  # a box or piece of quotes and insights
MAIN = "main"  # the box the prompt calls widest or 핵심

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
_MERMAID_KIND = re.compile(r"^\s*(flowchart|graph|mindmap|sequenceDiagram|pie)\b", re.I)
_BOX = re.compile(r"[┌┏╔╭+][─━═\-]{2,}")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_QUOTE = re.compile(r"^\s*>")
_ROOT = re.compile(r"^\s*(?:[-*+]\s+)?(?:root|level\s*\d+)\s*:", re.I)
_ARROWS = re.compile(r"→|->|⟶|⇒|=>")
_STEP = re.compile(r"^\s*(?:\d+[.)]|└─|├─|step\s*\d+)", re.I)
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|[✓✅❌☐□⛔])\s+")

_TAKEAWAY_WORDS = ("takeaway", "summary", "요약", "정리", "결론", "마무리", "wrap-up", "핵심 포인트", "key point", "기억할", "remember",
                   "tl;dr", "한눈에", "wrap-up", "recap")
_INSIGHT_WORDS = ("insight", "quote", "인사이트", "통찰", "명언", "한마디", "인용", "어록", "notable", "말씀", "발언",
                  "voices")
_MAIN_WORDS = ("가장 넓", "핵심", "main", "widest", "largest", "core", "중심")
_WANTS = (
    (MINDMAP, ("mind map", "mindmap", "마인드맵", "마인드 맵", "개념 지도", "개념도", "topic overview")),
    (FLOWCHART, ("flowchart", "flow chart", "흐름도", "플로우", "pipeline", "파이프라인", "과정", "process",
                 "순환", "loop", "루프", "cycle", "workflow", "단계")),
    (SEQUENCE, ("sequence", "시퀀스", "대화 흐름", "conversation", "대화")),
    (PIE, ("pie", "파이", "비중", "분포")),
    (TABLE, ("표로", "table", "표 ", "matrix", "매트릭스", "비교표", "비교 표", "comparison")),
    (CODE, ("code", "코드", "예제 코드", "python", "api")),
    (COMPARE, (" vs ", " vs.", "versus", "대 ", "비교")),
)


def mermaid_kind(body: str) -> str:
    """The kind of the first mermaid block of ``body`` ("" when none)."""
    lines = body.split("\n")
    for i, ln in enumerate(lines):
        m = _FENCE.match(ln)
        if m and m.group(2).lower() == "mermaid":
            for s in lines[i + 1 : i + 4]:
                k = _MERMAID_KIND.match(s)
                if k:
                    word = k.group(1).lower()
                    return {"graph": FLOWCHART, "flowchart": FLOWCHART, "sequencediagram": SEQUENCE}.get(word, word)
            return FLOWCHART
    return ""


def piece_kind(title: str, body: str) -> str:
    """The main kind of a piece: the first picture it holds, else what most of its lines are."""
    kind = mermaid_kind(body)
    if kind:
        return kind
    lines = [s for s in body.split("\n") if s.strip()]
    fenced = False
    code = False
    for ln in lines:
        m = _FENCE.match(ln)
        if m:
            if not fenced and m.group(2).lower() not in ("", "text", "mermaid"):
                code = True
            fenced = not fenced
            continue
        if _BOX.search(ln) and ("│" in body or "|" in body):
            return PICTURE
    if code:
        return CODE
    if any(_ROOT.match(s) for s in lines):
        return MINDMAP
    low = title.lower()
    if "mind map" in low or "mindmap" in low or "마인드" in low:
        return MINDMAP
    rows = sum(1 for s in lines if _TABLE_ROW.match(s))
    if rows >= 2 and rows >= len(lines) / 3:
        return TABLE
    if any(_QUOTE.match(s) for s in lines) and sum(1 for s in lines if _QUOTE.match(s)) >= len(lines) / 3:
        return QUOTE
    if "flowchart" in low or "flow" in low or "흐름" in low or "pipeline" in low:
        return FLOWCHART
    if lines and sum(1 for s in lines if len(_ARROWS.findall(s)) >= 2) >= max(1, len(lines) / 2):
        return FLOWCHART
    if rows >= 2:
        return TABLE
    if any(_QUOTE.match(s) for s in lines):
        return QUOTE
    items = sum(1 for s in lines if _ITEM.match(s))
    if items and sum(1 for s in lines if _STEP.match(s)) >= max(2, items / 2):
        return STEPS
    if items >= len(lines) / 2:
        return LIST
    return TEXT


def roles(text: str) -> set[str]:
    """The roles a title names: a summing-up, insights and quotes, the main subject."""
    low = text.lower()
    out = set()
    if any(w in low for w in _TAKEAWAY_WORDS):
        out.add(TAKEAWAYS)
    if any(w in low for w in _INSIGHT_WORDS):
        out.add(INSIGHT)
    return out


def is_main_text(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _MAIN_WORDS)


def wants(text: str) -> set[str]:
    """The kinds of picture a box's title and sketch ask for."""
    low = " " + text.lower().replace("\n", " ") + " "
    out = {kind for kind, words in _WANTS if any(w in low for w in words)}
    if sum(1 for s in text.split("\n") if len(_ARROWS.findall(s)) >= 2):
        out.add(FLOWCHART)
    return out
