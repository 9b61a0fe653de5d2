"""The planning stage: which box of the layout shows each written piece, and why.

``plan_sheet(chapter, layout)`` takes what the prompt wrote (every piece, the
Source Text's notes in reserve) and the layout's boxes, and returns a new
layout whose boxes hold their content, with one placement per piece and the
notes of what it decided.  Nothing it is given is changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..layout.engine import Layout
from ..model import Chapter, Content, Placement
from .assign import Box, assign, profile, replaced_sketch, split_quotes, title_score, use_reserve
from .sketch import read_requests
from .terms import covered, terms

__all__ = ["plan_sheet", "Box"]


def plan_sheet(chapter: Chapter, layout: Layout) -> Layout:
    """The layout with each box's content decided (a chapter YAML's regions are kept as written)."""
    if chapter.region_content is not None:
        return layout
    leaves = layout.leaves()
    boxes = [profile(r) for r in leaves]
    pieces = [q for p in chapter.sections for q in split_quotes(p, boxes)]
    placements = _said_elsewhere(assign(pieces, boxes), boxes)
    no_content = not any(pl.region_id for pl in placements)
    reserve = use_reserve(chapter.reserve, boxes, only_empty=not no_content)
    page = "".join("".join((pl.section.title + " " + pl.section.body).lower().split())
                   for b in boxes for pl in b.pieces)
    content: dict[str, list[Content]] = {}
    notes: list[str] = []
    # a title several pieces share ("### 토론 내용" under each topic) says less than the part it sits in
    titles = Counter(p.title for p in pieces)
    sketches: dict[str, Content] = {}
    for box in boxes:
        items: list[Content] = []
        sketch, why = replaced_sketch(box, page)
        if why:
            notes.append(f"{box.id}: {why}")
            if box.sketch is not None:
                sketches[box.id] = Content(box.sketch_md, chapter.source, box.sketch.line, box.region.label or box.id)
        if sketch.strip() and box.sketch is not None:
            items.append(Content(sketch, chapter.source, box.sketch.line, box.region.label or box.id))
        own = sorted(box.pieces, key=lambda p: (p.section.origin in ("summary", "key-points"), p.section.line,
                                                 p.section.body_line))
        for pl in own:
            s = pl.section
            md, _ = read_requests(s.body, s.title)
            line = s.body_line
            if _needs_heading(pl, box, len(own) + bool(items)):
                title = s.title if titles[s.title] == 1 or not s.context else s.context
                md, line = f"### {s.icon} {title}".strip() + "\n" + md, s.body_line - 1
            items.append(Content(md, s.file, line, f"{s.icon} {s.title}".strip()))
        content[box.id] = items
    placed = placements + reserve
    return replace(layout, content=content, placements=placed, plan_notes=notes, sketches=sketches)


def _needs_heading(pl: Placement, box: Box, n_items: int) -> bool:
    """A piece keeps its own title above it when its box holds more than it and its title is not the box's:
    alone in a box, the box's header says what it is."""
    s = pl.section
    if not s.title or s.origin in ("request", "summary", "key-points") or n_items <= 1:
        return False
    if title_score(s, box.region) >= 0.5:
        return False
    low_box = box.region.title.lower()
    return s.title.lower() not in low_box


def _said_elsewhere(placements: list[Placement], boxes: list[Box]) -> list[Placement]:
    """A style request's data that a section or a sketch already says (the style block's ``Flowchart
    for the training pipeline (A → B → C)`` beside the pipeline's own drawing) is not drawn again."""
    out = []
    for pl in placements:
        if pl.section.origin != "request" or not pl.region_id:
            out.append(pl)
            continue
        others = frozenset().union(*(terms(o.section.title + "\n" + o.section.body) for o in placements
                                     if o is not pl and o.region_id and o.section.origin != "request"),
                                   *(b.sketch_words for b in boxes))
        if covered(terms(pl.section.body), others) >= 0.6:
            for b in boxes:
                b.pieces = [o for o in b.pieces if o is not pl]
            out.append(Placement(pl.section, "", "nothing", 0.0, "its data is said already by a section or a sketch"))
        else:
            out.append(pl)
    return out
