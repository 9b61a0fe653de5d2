"""Which region each content section goes to.

A section goes to the region whose header matches it (icon and title,
fuzzily; the position hint breaks ties).  A section that matches no region is
never dropped: it goes to the region it explains best (shared words), else to
the region the prompt marks as the main one, else to the largest.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Content, Section
from ..sources.titles import words
from .drawing_text import diagram_markdown
from .regions import Region

MAIN_MARKS = ("가장 넓", "핵심", "main", "widest", "largest")
POSITION_WORDS = {
    "좌": "left", "왼": "left", "우": "right", "오른": "right",
    "상단": "top", "하단": "bottom", "중앙": "middle",
    "left": "left", "right": "right", "top": "top", "upper": "top", "bottom": "bottom", "lower": "bottom",
    "middle": "middle", "center": "middle", "centre": "middle",
}
STRONG = 0.5  # a header match at least this good is "the region whose header matches"
CLEAR_LEAD = 1.5  # a word match must beat the runner-up by this much, or the section goes to the main region


@dataclass(frozen=True)
class Placement:
    section: Section
    region_id: str
    how: str  # "header", "words", "main", "largest"
    score: float


def _norm_icon(icon: str) -> str:
    return icon.replace("\ufe0f", "")


def header_score(section: Section, region: Region) -> float:
    """How well a section heading matches a region header: 0 (none) .. 2 (icon and words)."""
    score = 0.0
    if section.icon and region.icon and _norm_icon(section.icon) == _norm_icon(region.icon):
        score += 1.0
    sw, rw = words(section.title), words(region.title)
    if sw and rw:
        shared = len(sw & rw)
        score += shared / max(len(sw), len(rw))
    return score


def text_score(section: Section, region: Region) -> float:
    sw = words(section.title) | words(section.body)
    rw = words(region.title) | words(" ".join(r.text for r in region.rows))
    if not rw:
        return 0.0
    return len(sw & rw) / len(rw)


def _position(region: Region, page_w: float, page_h: float) -> set[str]:
    x, y, w, h = region.rect
    cx, cy = x + w / 2, y + h / 2
    out = set()
    out.add("left" if cx < page_w * 0.45 else "right" if cx > page_w * 0.55 else "centre")
    out.add("top" if cy < page_h * 0.4 else "bottom" if cy > page_h * 0.6 else "middle")
    return out


def _hint_fit(hint: str, region: Region, page_w: float, page_h: float) -> float:
    if not hint:
        return 0.0
    low = hint.lower()
    want = {v for k, v in POSITION_WORDS.items() if k in low}
    return len(want & _position(region, page_w, page_h)) * 0.01


def is_main(region: Region) -> bool:
    text = region.hint + " " + region.title
    return any(m in text.lower() for m in MAIN_MARKS)


def assign_sections(sections: list[Section], leaves: list[Region], page_w: float, page_h: float) -> list[Placement]:
    """One placement per section, in section order."""
    out: list[Placement] = []
    taken: set[str] = set()
    scored = []
    for s in sections:
        best = max(
            leaves,
            key=lambda r: (header_score(s, r) + _hint_fit(s.hint, r, page_w, page_h) - (0.05 if r.id in taken else 0)),
        )
        sc = header_score(s, best)
        scored.append((s, best, sc))
        if sc >= STRONG:
            taken.add(best.id)
    for s, best, sc in scored:
        if sc >= STRONG:
            out.append(Placement(s, best.id, "header", sc))
            continue
        ranked = sorted(leaves, key=lambda r: -text_score(s, r))
        by_words = ranked[0]
        ts = text_score(s, by_words)
        runner_up = text_score(s, ranked[1]) if len(ranked) > 1 else 0.0
        main = [r for r in leaves if is_main(r)]
        # an overview that shares words with several regions explains none of them best
        clear = ts >= CLEAR_LEAD * runner_up or not main or by_words in main
        if ts > 0.15 and clear:
            out.append(Placement(s, by_words.id, "words", ts))
            continue
        if main:
            out.append(Placement(s, main[0].id, "main", 0.0))
            continue
        largest = max(leaves, key=lambda r: r.rect[2] * r.rect[3])
        out.append(Placement(s, largest.id, "largest", 0.0))
    return out


def region_content(leaves: list[Region], placements: list[Placement], file: str) -> dict[str, list[Content]]:
    """Per region, in page order: its diagram drawing (when it holds boxes) and its sections.

    A region with no section shows all the text drawn inside its box.
    """
    out: dict[str, list[Content]] = {}
    for leaf in leaves:
        mine = [p.section for p in placements if p.region_id == leaf.id]
        by_header = any(p.how == "header" for p in placements if p.region_id == leaf.id)
        items: list[Content] = []
        drawn = diagram_markdown(leaf.rows)
        if drawn and (not by_header or drawn.has_boxes):
            items.append(Content(drawn.text, file, drawn.line, leaf.label or leaf.id))
        for s in mine:
            md, line = s.body, s.body_line
            if is_main_title_needed(s, leaf):
                md, line = f"### {s.icon} {s.title}".strip() + "\n" + md, s.body_line - 1
            items.append(Content(md, s.file, line, f"{s.icon} {s.title}".strip()))
        out[leaf.id] = items
    return out


def is_main_title_needed(section: Section, leaf: Region) -> bool:
    """A section placed in a region whose header is another subject keeps its own title."""
    return header_score(section, leaf) < STRONG
