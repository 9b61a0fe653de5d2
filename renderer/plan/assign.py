"""Which box shows each piece of writing, and why.

Every box of the diagram is profiled (its title, icon, the sketch drawn
inside it, what that sketch asks for, its room on the page), and every
written piece (see sources/pieces.py) gets exactly one box, by the first of
these that speaks for one:

1. **title**: its heading names the box (icon and title words);
2. **kind**: what it is and what the box is for: a summing-up goes to the
   Key Takeaways box, quotes to the insight box, a mind map to the box whose
   sketch asks for one, the main diagram and the matrix to the box the
   prompt calls widest or 핵심;
3. **sketch**: it says more about what the box's sketch says (shared words);
4. **room**: the box with the most room left, an empty box first.

Then boxes left empty take a piece from a box holding several that it went
to by kind, sketch or room.  A piece with no data (a request and nothing
after it) is placed nowhere and draws nothing.  When a prompt leaves a box
empty, the Source Text's summary and key points fill it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout.drawing_text import DrawnText, diagram_markdown
from ..layout.regions import Region
from ..model import Placement, Section
from ..sources.pieces import has_data
from . import kinds
from .sketch import read_requests
from .terms import covered, overlap, surface_words, terms, unsaid, unsaid_stems

TITLE_STRONG = 0.6  # a title match at least this good names the box
TITLE_BOX_SHARE = 0.7  # how much of a title match is the box's words the heading says (the rest: the other way)
KIND_MIN = 0.6  # a kind and words match at least this good decides
WANTS_SCORE = 0.75  # a piece of the kind the box's sketch asks for
MAIN_CORE_SCORE = 1.0  # the main process or matrix, for the box the prompt calls widest
MAIN_SCORE = 0.25  # another picture, for that box
SPARSE = 0.15  # a box whose sketch fills less than this of it, with no piece, is nearly empty
SPARSE_TAKES = 0.25  # ... and takes a piece from a crowded box that says this much of its sketch
CROWD_WEIGHT = 0.3  # how much a box already full counts against it
WORDS_WEIGHT = 2.0  # a box's words weigh this much beside what the piece is (its kind)
SKETCH_DRAWING_SAID = 1.0  # the share of a drawing's words the page must say to the letter to leave it out
# the share of a sketch paragraph's words (each with any ending) the page must say to leave the paragraph out: a
# sketch is the box's preview of what its section writes, and the page writes it once
SKETCH_TEXT_SAID = 0.75
SKETCH_TEXT_UNSAID = 1  # and never more words than this unsaid
WORDS_LEAD = 1.5  # words alone decide only this many times ahead of the next box (an overview shares words with all)
LEAD = 0.2  # how far the best box must be ahead of the next one to decide
MM2_PER_CHAR = 12.0  # page area one written character takes at a middle body size, with its line's room
MM2_PER_LINE = 40.0  # and each line's own room (its gap, its marker)


@dataclass
class Box:
    """What the planner knows of one leaf region."""

    region: Region
    sketch: DrawnText | None  # the writing inside its box in the diagram
    sketch_md: str  # that writing with its requests read
    requests: list[str]  # the requests and placeholders read from it
    words: frozenset[str]  # of its title
    sketch_words: frozenset[str]
    wants: set[str]
    roles: set[str]
    main: bool
    room: float  # mm²
    load: float = 0.0  # mm² the pieces given to it will take
    pieces: list[Placement] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.region.id


def _norm_icon(icon: str) -> str:
    return icon.replace("\ufe0f", "")


def title_score(piece: Section, region: Region) -> float:
    """How well a piece's heading names a box: 0 (not at all) .. 2 (icon and every word)."""
    score = 0.0
    if piece.icon and region.icon and _norm_icon(piece.icon) == _norm_icon(region.icon):
        score += 1.0
    pw, rw = terms(piece.title + " " + piece.context), terms(region.title)
    if pw and rw:
        shared = len(pw & rw)
        score += TITLE_BOX_SHARE * shared / len(rw) + (1 - TITLE_BOX_SHARE) * shared / len(pw)
    return score


def size_of(markdown: str) -> float:
    """Roughly the page area (mm² at a middle body size) the markdown takes when written."""
    lines = [s for s in markdown.split("\n") if s.strip() and not s.strip().startswith(("```", "~~~"))]
    chars = sum(len(s.strip()) for s in lines)
    return chars * MM2_PER_CHAR + len(lines) * MM2_PER_LINE


def profile(region: Region) -> Box:
    drawn = diagram_markdown(region.rows)
    md, requests = read_requests(drawn.text, region.title) if drawn else ("", [])
    sketch_text = " ".join(r.text for r in region.rows)
    want_text = region.title + " " + region.hint + "\n" + "\n".join(r.text for r in region.rows)
    x, y, w, h = region.rect
    return Box(region, drawn, md, requests, terms(region.title), terms(sketch_text), kinds.wants(want_text),
               kinds.roles(region.title + " " + region.hint), kinds.is_main_text(region.hint),
               max(1.0, w * h), size_of(md))


def _kind_score(piece: Section, kind: str, box: Box, main_ids: set[str]) -> float:
    """How well what a piece is suits what a box is for (0 when nothing speaks for it)."""
    roles = kinds.roles(piece.title) | ({kinds.TAKEAWAYS} if piece.origin in ("summary", "key-points") else set())
    if kind == kinds.QUOTE:
        roles.add(kinds.INSIGHT)
    score = 0.0
    if roles & box.roles:
        score += 1.5
    if kind in box.wants:
        score += WANTS_SCORE
    if kind == kinds.TABLE and kinds.COMPARE in box.wants and " vs" in piece.title.lower():
        score += 0.5
    if box.id in main_ids and not roles and kind in (kinds.FLOWCHART, kinds.PICTURE, kinds.TABLE, kinds.SEQUENCE):
        low = piece.title.lower()
        core = kinds.is_main_text(piece.title) or any(w in low for w in ("process", "pipeline", "matrix", "과정",
                                                                          "흐름", "구조", "architecture"))
        score += MAIN_CORE_SCORE if core else MAIN_SCORE
    return score


def _sketch_score(pw: frozenset[str], box: Box) -> float:
    """How much a piece says of what a box's title and sketch say: 0 .. 1."""
    bw = box.sketch_words | box.words
    return covered(bw, pw) * overlap(pw, bw) ** 0.5


def _best(scores: list[tuple[float, Box]]) -> tuple[float, Box | None, float]:
    """The best score, its box and the runner-up's score."""
    ranked = sorted(scores, key=lambda sb: -sb[0])
    if not ranked:
        return 0.0, None, 0.0
    return ranked[0][0], ranked[0][1], ranked[1][0] if len(ranked) > 1 else 0.0


def _put(box: Box, piece: Section, how: str, score: float, reason: str, size: float) -> None:
    box.pieces.append(Placement(piece, box.id, how, score, reason))
    box.load += size


def assign(pieces: list[Section], boxes: list[Box]) -> list[Placement]:
    """One placement per piece, in the pieces' order (a piece with no data: region "")."""
    main_ids = {b.id for b in boxes if b.main}
    if not main_ids and boxes:
        main_ids = {max(boxes, key=lambda b: b.room).id}
    sizes = {id(p): size_of(p.body) for p in pieces}
    nothing: list[Placement] = []
    pending: list[Section] = []
    for p in pieces:
        if not has_data(p.body):
            nothing.append(Placement(p, "", "nothing", 0.0, "a request with no data: nothing to draw"))
            continue
        best, box, _ = _best([(title_score(p, b.region), b) for b in boxes])
        if box is not None and best >= TITLE_STRONG:
            _put(box, p, "title", best, f"its heading names the box ({best:.2f})", sizes[id(p)])
        else:
            pending.append(p)
    later: list[Section] = []
    for p in pending:
        kind = kinds.piece_kind(p.title, p.body)
        pw = terms(p.title + "\n" + p.body)
        scored = []
        for b in boxes:
            ks = _kind_score(p, kind, b, main_ids)
            ws = _sketch_score(pw, b)
            ts = title_score(p, b.region)
            crowd = CROWD_WEIGHT * min(2.0, (b.load + sizes[id(p)]) / b.room)
            total = ks + WORDS_WEIGHT * (ws + ts)
            scored.append((total - crowd, b, ks, ws + ts, total))
        scored.sort(key=lambda t: -t[0])
        ranked, box, ks, ws, best = scored[0]
        runner = scored[1][0] if len(scored) > 1 else 0.0
        clear = ks >= WORDS_WEIGHT * ws or ranked >= WORDS_LEAD * max(runner, 0.0)
        if best >= KIND_MIN and ranked - runner >= LEAD and clear:
            if ks >= WORDS_WEIGHT * ws:
                _put(box, p, "kind", best, _kind_reason(p, kind, box, main_ids), sizes[id(p)])
            else:
                _put(box, p, "sketch", best, f"it says more of what the box's sketch says ({ws:.2f})", sizes[id(p)])
            continue
        later.append(p)
    for p in later:
        size = sizes[id(p)]
        box = max(boxes, key=lambda b: (not b.pieces and not b.sketch_md.strip(), (b.room - b.load - size) / b.room,
                                        b.room))
        _put(box, p, "room", 0.0, "no box names it: the box with the most room", sizes[id(p)])
    _fill_empty(boxes, sizes)
    _fill_sparse(boxes, sizes)
    placed = {id(pl.section): pl for b in boxes for pl in b.pieces}
    placed.update({id(pl.section): pl for pl in nothing})
    return [placed[id(p)] for p in pieces]


def _kind_reason(p: Section, kind: str, box: Box, main_ids: set[str]) -> str:
    roles = kinds.roles(p.title) | ({kinds.INSIGHT} if kind == kinds.QUOTE else set())
    if roles & box.roles:
        return f"{_a('/'.join(sorted(roles & box.roles)))} piece for the box of that name"
    if kind in box.wants:
        return f"{_a(kind)}, which the box's sketch asks for"
    if box.id in main_ids:
        return f"{_a(kind)}: the main picture goes to the box the prompt calls widest"
    return _a(kind)


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _fill_empty(boxes: list[Box], sizes: dict[int, float]) -> None:
    """A box with nothing to show takes a piece from a box holding several that got it by kind, sketch or
    room: the one whose size suits it best."""
    for box in boxes:
        if box.pieces or box.sketch_md.strip():
            continue
        donors = [(d, pl) for d in boxes if len(d.pieces) > 1 for pl in d.pieces if pl.how in ("sketch", "room")]
        if not donors:
            donors = [(d, pl) for d in boxes if len(d.pieces) > 1 for pl in d.pieces if pl.how == "kind"]
        if not donors:
            continue
        d, pl = min(donors, key=lambda dp: abs(sizes[id(dp[1].section)] / box.room - 0.6))
        d.pieces.remove(pl)
        d.load -= sizes[id(pl.section)]
        _put(box, pl.section, "room", 0.0, f"moved from {d.id}, which held several, to fill an empty box",
             sizes[id(pl.section)])


def _fill_sparse(boxes: list[Box], sizes: dict[int, float]) -> None:
    """A box holding only a few words of sketch takes, from a box holding several pieces, the one that speaks
    most of what its sketch says (one it did not get by its title), as a person fills the empty box with it."""
    for box in boxes:
        if box.pieces or box.load / box.room >= SPARSE:
            continue
        donors = [(d, pl) for d in boxes if d is not box and len(d.pieces) > 1 for pl in d.pieces
                  if pl.how in ("kind", "sketch", "room") and pl.section.origin != "request"]
        scored = []
        for d, pl in donors:
            pw = terms(pl.section.title + "\n" + pl.section.body)
            here, there = _sketch_score(pw, box), _sketch_score(pw, d)
            if here >= SPARSE_TAKES and here >= WORDS_LEAD * there:  # it speaks clearly more of the empty box
                scored.append((here, d, pl))
        if not scored:
            continue
        score, d, pl = max(scored, key=lambda t: t[0])
        d.pieces.remove(pl)
        d.load -= sizes[id(pl.section)]
        _put(box, pl.section, "sketch", score, f"it says more of what the box's sketch says ({score:.2f}), and "
                                               f"{d.id} held several", sizes[id(pl.section)])


def use_reserve(reserve: list[Section], boxes: list[Box], only_empty: bool) -> list[Placement]:
    """The Source Text's summary and key points, where the prompt says nothing else: each key point to the
    box whose words it shares most, the summary to a summing-up box (else the emptiest).  With
    ``only_empty``, only into boxes that hold no piece and little sketch."""
    out: list[Placement] = []

    def open_boxes() -> list[Box]:
        return [b for b in boxes if not only_empty or (not b.pieces and b.load / b.room < SPARSE)]

    for piece in reserve:
        if not open_boxes():
            break
        if piece.origin == "key-points":
            items = _items(piece)
            for item in items:
                cands = open_boxes()
                if not cands:
                    break
                iw = terms(item.body)
                best = max(cands, key=lambda b: (overlap(iw, b.sketch_words | b.words), -b.load / b.room))
                why = "a key point of the chapter's notes, on what the box is about"
                if overlap(iw, best.sketch_words | best.words) == 0:
                    best = min(cands, key=lambda b: b.load / b.room)
                    why = "a key point of the chapter's notes, in the box with the most room"
                _put(best, item, "reserve", 0.0, why, size_of(item.body))
                out.append(best.pieces[-1])
            continue
        cands = open_boxes()
        takers = [b for b in cands if kinds.TAKEAWAYS in b.roles] or cands
        best = min(takers, key=lambda b: b.load / b.room)
        _put(best, piece, "reserve", 0.0, "the chapter's summary, where the prompt writes nothing else",
             size_of(piece.body))
        out.append(best.pieces[-1])
    return out


def _items(piece: Section) -> list[Section]:
    """A key-points list as one piece per top-level item (with its sub-items)."""
    lines = piece.body.split("\n")
    out: list[Section] = []
    start = None
    for i, ln in enumerate(lines + ["- "]):
        if ln.strip() and not ln[:1].isspace():
            if start is not None:
                body = "\n".join(lines[start:i]).strip("\n")
                if body.strip("-*+ "):
                    out.append(Section("", "", "", body, piece.file, piece.body_line + start,
                                       piece.body_line + start, origin=piece.origin))
            start = i
    return out


def replaced_sketch(box: Box, page: str) -> tuple[str, str]:
    """What stays of a box's sketch beside the pieces given to it, and why.

    A piece that names the box or elaborates its sketch replaces the sketch, so that nothing is drawn
    twice, as far as the page says the sketch's words (``page``: every piece's writing, lower-case, without
    spaces): a paragraph of the sketch stays when more than a quarter of its words are words the page does not
    say (``_says_more``), so that what only the sketch writes is not lost.  A drawing (boxes of its own) stays
    whole unless the page says all of it to the letter."""
    md = box.sketch_md
    if not md.strip():
        return "", ""
    elaborating = [pl for pl in box.pieces if pl.how in ("title", "sketch", "kind") and pl.section.origin != "request"]
    if not elaborating:
        return md, ""
    if box.sketch is not None and box.sketch.has_boxes:
        words = surface_words(md)
        if words and len(unsaid(md, page)) <= (1 - SKETCH_DRAWING_SAID) * len(words):
            return "", "its drawing is said in full by " + _names(elaborating)
        return md, ""
    units = [_sketch_units(par) for par in _paragraphs(md)]
    kept = ["\n".join(u for u in par if _says_more(u, page)) for par in units]
    kept = [par for par in kept if par]
    left = [w for par in units for u in par if not _says_more(u, page) for w in unsaid_stems(u, page)]
    besides = f" (the page does not write its {', '.join(dict.fromkeys(left))})" if left else ""
    if not kept:
        return "", "its sketch is said by " + _names(elaborating) + besides
    text = "\n\n".join(kept)
    if text.strip() == md.strip():
        return md, ""
    return text, "its sketch is said by " + _names(elaborating) + ", but for the lines kept" + besides


def _says_more(par: str, page: str) -> bool:
    """A paragraph or an item of a sketch says something the page does not: words the page does not write, with any
    ending, more than one or more than a quarter of its words (SKETCH_TEXT_UNSAID, SKETCH_TEXT_SAID)."""
    words = set(surface_words(par))  # each word once: "A vs B vs C" does not say "vs" twice
    n = len(set(unsaid_stems(par, page)))
    return n > SKETCH_TEXT_UNSAID or n > (1 - SKETCH_TEXT_SAID) * len(words)


# a line of a sketch that starts an item of a list: a bullet, a number, a mark or an emoji and a space
_SKETCH_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|[^\w\s\"'“‘(\[<`*_])\S{0,2}\s")


def _sketch_units(par: str) -> list[str]:
    """A sketch paragraph in the units it is left out by: each item of a list (with the lines under it), or the
    whole paragraph when it is prose (a sentence wrapped over lines)."""
    lines = par.split("\n")
    if not _SKETCH_ITEM.match(lines[0]):
        return [par]
    out: list[str] = []
    for ln in lines:
        if _SKETCH_ITEM.match(ln) or not out:
            out.append(ln)
        else:
            out[-1] += "\n" + ln
    return out


def _paragraphs(md: str) -> list[str]:
    out: list[list[str]] = [[]]
    for ln in md.split("\n"):
        if ln.strip():
            out[-1].append(ln)
        elif out[-1]:
            out.append([])
    return ["\n".join(p) for p in out if p]


def _names(pls: list[Placement]) -> str:
    return ", ".join(repr(f"{p.section.icon} {p.section.title}".strip() or f"line {p.section.line}") for p in pls)


_ATTRIBUTION = re.compile(r"^\s*(?:[-–—]{1,2}\s*)(\S.{0,40})$")
_QUOTE_TAIL = re.compile(r"[\"”]\s*[-–—]{1,2}\s*(\S.{0,40})$")


def split_quotes(piece: Section, boxes: list[Box]) -> list[Section]:
    """A collection of quotes by several speakers, when boxes are named after speakers, as one piece per
    quote (each with its attribution), so that each quote can go to its speaker's box."""
    if kinds.piece_kind(piece.title, piece.body) != kinds.QUOTE:
        return [piece]
    lines = piece.body.split("\n")
    groups: list[tuple[int, int, str]] = []  # (first, last line index, speaker)
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith(">"):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].lstrip().startswith(">"):
            j += 1
        who = ""
        m = _QUOTE_TAIL.search(lines[j])
        if m:
            who = m.group(1)
        elif j + 1 < len(lines) and (a := _ATTRIBUTION.match(lines[j + 1])):
            who = a.group(1)
            j += 1
        groups.append((i, j, who))
        i = j + 1
    speakers = {terms(w) for _, _, w in groups if w}
    named = [b for b in boxes if any(sp and sp <= (b.words | b.sketch_words) for sp in speakers)]
    if len(groups) < 2 or len(named) < 1:
        return [piece]
    out = []
    for a, b, who in groups:
        body = "\n".join(lines[a:b + 1])
        out.append(Section("", "", "", body, piece.file, piece.line, piece.body_line + a,
                           origin=piece.origin, context=f"{piece.title} {who}".strip()))
    rest = [ln for k, ln in enumerate(lines) if not any(a <= k <= b for a, b, _ in groups)]
    if any(s.strip() for s in rest):
        out.insert(0, Section(piece.icon, piece.title, piece.hint, "\n".join(rest).strip("\n"), piece.file,
                              piece.line, piece.body_line, origin=piece.origin, context=piece.context))
    return out
