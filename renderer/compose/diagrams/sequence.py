"""A mermaid ``sequenceDiagram`` as a picture: participants in boxes (actors as stick figures)
on top with dashed lifelines down the page, messages as hand-drawn arrows from lifeline to
lifeline in order, each with its words above it, notes on sticky paper, and ``loop`` /
``alt`` / ``opt`` / ``par`` / ``critical`` / ``break`` / ``rect`` as labelled frames round
what they hold."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from ... import theme
from ...limits import MAX_NESTING
from ..blocks.base import per_width, shrinks_to_width
from ..ink import Ink
from ..marks import LABEL_Z, ArrowMark, BackingMark, Mark, StrokeMark, TextMark
from ..shapes import NodeBox, node_marks
from ..text.inline import Run
from ..text.linebreak import natural_width, widest_word
from .label import Label, Rect, label_marks, runs_of, set_label

FRAMES = ("loop", "alt", "opt", "par", "critical", "break", "rect")
SECTIONS = ("else", "and", "option")

MESSAGE = re.compile(
    r"^(?P<a>[^:]+?)\s*(?P<arrow><<-->>|<<->>|-->>|->>|--x|-x|--\)|-\)|-->|->)\s*(?P<act>[+-]?)\s*"
    r"(?P<b>[^:]+?)\s*(?::\s*(?P<text>.*))?$")
DECLARE = re.compile(r"^(?:create\s+)?(participant|actor)\s+(.+?)(?:\s+as\s+(.+))?$", re.I)
NOTE = re.compile(r"^note\s+(left of|right of|over)\s+([^:]+?)\s*:\s*(.*)$", re.I)
BLOCK = re.compile(r"^(loop|alt|opt|par|critical|break|rect)\b\s*(.*)$", re.I)
SECTION = re.compile(r"^(else|and|option)\b\s*(.*)$", re.I)
TITLE = re.compile(r"^title\s*:?\s*(.*)$", re.I)
QUIET = re.compile(r"^(accTitle|accDescr|autonumber\s+off)\b", re.I)
NOT_DRAWN = re.compile(r"^(activate|deactivate|destroy|links?|properties|details)\b", re.I)


@dataclass
class Actor:
    id: str
    label: str
    kind: str = "participant"  # participant | actor


@dataclass
class Message:
    a: str
    b: str
    text: str = ""
    dashed: bool = False
    head: str = "arrow"  # arrow | open | cross | none
    both: bool = False  # arrow heads at both ends


@dataclass
class Note:
    side: str  # left | right | over
    actors: list[str]
    text: str


@dataclass
class Frame:
    kind: str  # loop | alt | opt | par | critical | break | rect
    sections: list[Section] = field(default_factory=list)


@dataclass
class Section:
    label: str
    items: list[Message | Note | Frame] = field(default_factory=list)


Item = Message | Note | Frame


def _clean(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        s = s[1:-1]
    return re.sub(r"<br\s*/?>", " ", s, flags=re.I).replace("#59;", ";").strip()


def parse_sequence(lines: list[str], first: int, line: int) -> tuple[SequenceBlock | None, list[tuple[int, str]]]:
    """The diagram, and (line offset, message) warnings for what is not drawn."""
    actors: dict[str, Actor] = {}
    warnings: list[tuple[int, str]] = []
    top = Section("")
    stack: list[tuple[str, Frame | None, Section]] = [("", None, top)]  # (kind, frame, open section)
    title = ""
    numbered = False
    said: set[str] = set()

    def actor(name: str) -> str:
        name = name.strip()
        if name not in actors:
            actors[name] = Actor(name, _clean(name))
        return name

    def once(k: int, word: str, msg: str) -> None:
        if word not in said:
            said.add(word)
            warnings.append((k, msg))

    for k in range(first + 1, len(lines)):
        s = lines[k].strip().rstrip(";").strip()
        if not s or s.startswith("%%") or QUIET.match(s):
            continue
        items = stack[-1][2].items
        if m := DECLARE.match(s):
            name = m.group(2).strip()
            if name in actors:
                actors[name].label = _clean(m.group(3) or actors[name].label)
                actors[name].kind = m.group(1).lower()
            else:
                actors[name] = Actor(name, _clean(m.group(3) or name), m.group(1).lower())
        elif s.lower() == "autonumber" or s.lower().startswith("autonumber "):
            numbered = True
        elif m := TITLE.match(s):
            title = _clean(m.group(1))
        elif m := NOTE.match(s):
            names = [actor(n) for n in m.group(2).split(",") if n.strip()]
            side = m.group(1).lower().split()[0]
            items.append(Note(side, names[:2] if side == "over" else names[:1], _clean(m.group(3))))
        elif (m := BLOCK.match(s)) and sum(fr is not None for _, fr, _ in stack) >= MAX_NESTING:
            once(k, "deep", f"mermaid frames nested more than {MAX_NESTING} deep: the deeper frames are not drawn, "
                            "what they hold is")
            stack.append((m.group(1).lower(), None, stack[-1][2]))
        elif m := BLOCK.match(s):
            fr = Frame(m.group(1).lower(), [Section(_clean(m.group(2)) if m.group(1).lower() != "rect" else "")])
            items.append(fr)
            stack.append((fr.kind, fr, fr.sections[0]))
        elif re.match(r"^box\b", s, re.I):
            once(k, "box", "mermaid 'box' groups of participants are not drawn: the participants are")
            stack.append(("box", None, stack[-1][2]))
        elif m := SECTION.match(s):
            kind, fr, _ = stack[-1]
            if fr is None:
                warnings.append((k, f"mermaid '{m.group(1)}' outside a frame: skipped"))
                continue
            sec = Section(_clean(m.group(2)))
            fr.sections.append(sec)
            stack[-1] = (kind, fr, sec)
        elif s.lower() == "end":
            if len(stack) > 1:
                stack.pop()
            else:
                warnings.append((k, "mermaid 'end' with no frame open: skipped"))
        elif m := MESSAGE.match(s):
            arrow = m.group("arrow")
            head = "cross" if arrow.endswith("x") else "open" if arrow.endswith(")") else \
                "arrow" if arrow.endswith(">>") else "none"
            if m.group("act"):
                once(k, "activate", "mermaid activations are not drawn: the messages are")
            items.append(Message(actor(m.group("a")), actor(m.group("b")), _clean(m.group("text") or ""),
                                 "--" in arrow, head, arrow.startswith("<<")))
        elif m := NOT_DRAWN.match(s):
            word = m.group(1).lower()
            if word in ("activate", "deactivate"):
                once(k, "activate", "mermaid activations are not drawn: the messages are")
            else:
                warnings.append((k, f"mermaid '{m.group(1)}' is not drawn"))
        else:
            warnings.append((k, f"mermaid line not understood, skipped: {s!r}"))
    if len(stack) > 1:
        warnings.append((len(lines) - 1, f"mermaid '{stack[-1][0]}' has no 'end': closed here"))
    if not actors:
        return None, warnings + [(first, "empty sequenceDiagram: its text is shown")]
    return SequenceBlock(list(actors.values()), top.items, line, title, numbered), warnings


@dataclass
class _Cols:
    """Where the lifelines go across, and how wide each piece of writing may be."""

    x: list[float]  # lifeline of each participant
    boxes: list[Label]  # participants' names
    width: float  # the whole diagram
    t: float  # 0 = every text as narrow as its longest word, 1 = at its natural width


@dataclass
class _Out:
    """A laid-out diagram in its own coordinates."""

    height: float = 0.0
    title: tuple[Label, Rect] | None = None
    heads: list[tuple[Actor, NodeBox, Label, Rect]] = field(default_factory=list)  # box (or figure), name
    lifelines: tuple[float, float] = (0.0, 0.0)
    arrows: list[tuple[Message, tuple, Label | None, Rect | None]] = field(default_factory=list)
    notes: list[tuple[Rect, Label]] = field(default_factory=list)
    frames: list[tuple[str, Rect, Label, Rect, Label | None, Rect | None, int]] = field(default_factory=list)
    rules: list[tuple[float, float, float, Label | None, Rect | None]] = field(default_factory=list)


@shrinks_to_width
@dataclass(eq=False)
class SequenceBlock:
    actors: list[Actor]
    items: list[Item]
    line: int
    title: str = ""
    numbered: bool = False
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def _all(self, kind: type) -> list:
        """Every item of ``kind``, in order, frames' sections included."""
        out: list = []

        def walk(items: list[Item]) -> None:
            for it in items:
                if isinstance(it, kind):
                    out.append(it)
                elif isinstance(it, Frame):
                    for sec in it.sections:
                        walk(sec.items)

        walk(self.items)
        return out

    def messages(self) -> list[Message]:
        return self._all(Message)

    def _texts(self) -> dict[int, str]:
        """A message's words as written (numbered when ``autonumber``), by its identity."""
        return {id(m): (f"{k + 1}. " if self.numbered else "") + m.text for k, m in enumerate(self.messages())}

    def _notes(self) -> list[Note]:
        return self._all(Note)

    def _depth(self) -> int:
        def d(items: list[Item]) -> int:
            return max((1 + max((d(s.items) for s in it.sections), default=0) for it in items
                        if isinstance(it, Frame)), default=0)

        return d(self.items)

    # --- across ----------------------------------------------------------
    def _span(self, runs: list[Run], size_pt: float, cap: float, t: float) -> float:
        """A text's width between its longest word (t = 0) and its natural width up to ``cap`` (t = 1)."""
        if not runs:
            return 0.0
        ww = widest_word(runs, size_pt)
        nw = max(ww, min(natural_width(runs, size_pt), cap))
        return ww + t * (nw - ww)

    def _cols_at(self, t: float, size_pt: float) -> tuple[list[float], float, float, list[Label]]:
        """Distances between neighbouring lifelines, the room left of the first and right of the last."""
        em = size_pt * theme.PT_MM
        pad, clear = theme.SEQ_PAD_EM * em, theme.SEQ_CLEAR_EM * em
        idx = {a.id: k for k, a in enumerate(self.actors)}
        n = len(self.actors)
        names = [set_label(runs_of(a.label), size_pt, self._span(runs_of(a.label), size_pt,
                                                                 theme.SEQ_ACTOR_MAX_EM * em, t))
                 for a in self.actors]
        fig = theme.SEQ_FIGURE_EM * em * theme.SEQ_FIGURE_WIDTH
        half = [max(lab.w + 2 * pad, fig if a.kind == "actor" else 0.0) / 2 for a, lab in zip(self.actors, names)]
        d = [half[k] + half[k + 1] + theme.SEQ_SEP_EM * em for k in range(n - 1)]
        left, right = half[0], half[-1]
        texts = self._texts()
        spans: list[tuple[int, int, float]] = []
        for m in self.messages():
            i, j = idx[m.a], idx[m.b]
            w = self._span(runs_of(texts[id(m)]), size_pt, theme.SEQ_LABEL_MAX_EM * em, t)
            if i == j:  # the loop and its words go right of the lifeline
                need = theme.SEQ_SELF_W_EM * em + w + 3 * clear
                if i < n - 1:
                    d[i] = max(d[i], need + half[i + 1])
                else:
                    right = max(right, need)
            else:
                spans.append((min(i, j), max(i, j), w + 2 * clear))
        for nt in self._notes():
            ks = [idx[a] for a in nt.actors]
            w = self._span(runs_of(nt.text), size_pt, theme.SEQ_NOTE_MAX_EM * em, t) + 2 * pad
            if nt.side == "right":
                k = ks[0]
                if k < n - 1:
                    d[k] = max(d[k], w + 2 * clear)
                else:
                    right = max(right, w + clear)
            elif nt.side == "left":
                k = ks[0]
                if k > 0:
                    d[k - 1] = max(d[k - 1], w + 2 * clear)
                else:
                    left = max(left, w + clear)
            elif len(ks) == 1 or ks[0] == ks[-1]:
                k = ks[0]
                if k > 0:
                    d[k - 1] = max(d[k - 1], w / 2 + half[k - 1] + clear)
                else:
                    left = max(left, w / 2)
                if k < n - 1:
                    d[k] = max(d[k], w / 2 + half[k + 1] + clear)
                else:
                    right = max(right, w / 2)
            else:
                lo, hi = min(ks), max(ks)
                spans.append((lo, hi, w - 2 * pad))  # the note reaches past both lifelines by a pad
                left = max(left, pad) if lo == 0 else left
                right = max(right, pad) if hi == n - 1 else right
        for lo, hi, need in sorted(spans, key=lambda s: s[1] - s[0]):
            have = sum(d[lo:hi])
            if have < need:
                for k in range(lo, hi):
                    d[k] += (need - have) / (hi - lo)
        frame = self._depth() * theme.SEQ_FRAME_PAD_EM * em
        return d, left + frame, right + frame, names

    @per_width
    def _cols(self, width: float, size_pt: float) -> _Cols:
        def total(t: float) -> float:
            d, left, right, _ = self._cols_at(t, size_pt)
            return left + sum(d) + right

        t = 1.0
        if total(1.0) > width:
            lo, hi = 0.0, 1.0
            for _ in range(12):
                mid = (lo + hi) / 2
                if total(mid) <= width:
                    lo = mid
                else:
                    hi = mid
            t = lo
        d, left, right, names = self._cols_at(t, size_pt)
        used = left + sum(d) + right
        if used < width and d:  # spread the lifelines over the room, up to a gap each
            em = size_pt * theme.PT_MM
            grow = min((width - used) / len(d), max(0.0, theme.SEQ_GAP_MAX_EM * em - min(d)))
            d = [g + max(0.0, min(grow, theme.SEQ_GAP_MAX_EM * em - g)) for g in d]
            used = left + sum(d) + right
        x0 = max(0.0, (width - used) / 2) + left
        xs = [x0]
        for g in d:
            xs.append(xs[-1] + g)
        return _Cols(xs, names, used, t)

    # --- down ------------------------------------------------------------
    @per_width
    def _layout(self, width: float, size_pt: float) -> _Out:
        em = size_pt * theme.PT_MM
        pad, clear = theme.SEQ_PAD_EM * em, theme.SEQ_CLEAR_EM * em
        gap = theme.SEQ_ROW_GAP_EM * em
        cols = self._cols(width, size_pt)
        xs = cols.x
        idx = {a.id: k for k, a in enumerate(self.actors)}
        n = len(self.actors)
        texts = self._texts()
        out = _Out()
        y = 0.0
        if self.title:
            lab = set_label(runs_of(self.title), size_pt, width)
            out.title = (lab, ((width - lab.w) / 2, y, lab.w, lab.h))
            y += lab.h + gap
        fig = theme.SEQ_FIGURE_EM * em
        # an actor's name sits where a participant's name does: a pad above its box's bottom
        heights = [(fig + lab.h + pad if a.kind == "actor" else lab.h + 2 * pad)
                   for a, lab in zip(self.actors, cols.boxes)]
        head_h = max(heights, default=0.0)
        for a, lab, x, h in zip(self.actors, cols.boxes, xs, heights):
            top = y + head_h - h
            if a.kind == "actor":
                span = fig * theme.SEQ_FIGURE_WIDTH
                box = NodeBox(x - span / 2, top, span, fig, "actor")
                spot = (x - lab.w / 2, top + fig, lab.w, lab.h)
            else:
                box = NodeBox(x - lab.w / 2 - pad, top, lab.w + 2 * pad, h, "rect")
                spot = (x - lab.w / 2, top + pad, lab.w, lab.h)
            out.heads.append((a, box, lab, spot))
        y += head_h + gap
        life_top = y - gap

        def right_room(k: int) -> float:
            return (xs[k + 1] - xs[k] if k < n - 1 else cols.width - xs[k]) - 2 * clear

        def extent(it: Item) -> tuple[float, float]:
            if isinstance(it, Message):
                i, j = idx[it.a], idx[it.b]
                if i == j:
                    sw = theme.SEQ_SELF_W_EM * em
                    lab = self._self_label(it, texts, size_pt, right_room(i) - sw - clear)
                    return xs[i], xs[i] + sw + 2 * clear + lab.w
                return min(xs[i], xs[j]), max(xs[i], xs[j])
            if isinstance(it, Note):
                r, _ = self._note_rect(it, xs, idx, cols, size_pt, 0.0)
                return r[0], r[0] + r[2]
            spans = [extent(c) for s in it.sections for c in s.items]
            fp = theme.SEQ_FRAME_PAD_EM * em
            if not spans:
                return xs[0] - fp, xs[-1] + fp
            return min(s[0] for s in spans) - fp, max(s[1] for s in spans) + fp

        def walk(items: list[Item], depth: int) -> None:
            nonlocal y
            for it in items:
                if isinstance(it, Message):
                    i, j = idx[it.a], idx[it.b]
                    if i == j:
                        # the loop right of the lifeline, its words right of the loop
                        sw, sh = theme.SEQ_SELF_W_EM * em, theme.SEQ_SELF_H_EM * em
                        lab = self._self_label(it, texts, size_pt, right_room(i) - sw - clear)
                        row = max(sh, lab.h)
                        ay = y + (row - sh) / 2
                        spot = (xs[i] + sw + 2 * clear, y + (row - lab.h) / 2, lab.w, lab.h) if not lab.empty else None
                        path = ((xs[i], ay), (xs[i] + sw, ay), (xs[i] + sw, ay + sh), (xs[i], ay + sh))
                        out.arrows.append((it, path, lab if spot else None, spot))
                        y += row + gap
                    else:
                        span = abs(xs[j] - xs[i])
                        runs = runs_of(texts[id(it)])
                        lab = set_label(runs, size_pt, max(min(span - 2 * clear, theme.SEQ_LABEL_MAX_EM * em),
                                                           widest_word(runs, size_pt)))
                        spot = None
                        if not lab.empty:
                            spot = ((xs[i] + xs[j]) / 2 - lab.w / 2, y, lab.w, lab.h)
                        ay = y + (lab.h + clear if spot else clear)
                        out.arrows.append((it, ((xs[i], ay), (xs[j], ay)), lab if spot else None, spot))
                        y = ay + gap
                elif isinstance(it, Note):
                    r, lab = self._note_rect(it, xs, idx, cols, size_pt, y)
                    out.notes.append((r, lab))
                    y += r[3] + gap
                else:
                    x0, x1 = extent(it)
                    x0, x1 = max(0.0, x0), min(max(width, cols.width), x1)
                    top = y
                    tag = set_label([Run(it.kind)], size_pt, width) if it.kind != "rect" else None
                    tp = theme.SEQ_TAG_PAD_EM * em
                    tag_w = tag.w + 2 * tp if tag else 0.0
                    tag_h = tag.h + 2 * tp if tag else 0.0
                    tag_rect = (x0, top, tag_w, tag_h)
                    cond, cond_rect = self._cond(it.sections[0].label, size_pt, x0 + tag_w + clear, top + tp,
                                                 x1 - x0 - tag_w - 2 * clear)
                    y = top + max(tag_h, (cond.h + tp) if cond else 0.0) + gap
                    walk(it.sections[0].items, depth + 1)
                    for sec in it.sections[1:]:
                        lab, rect = self._cond(sec.label, size_pt, x0 + clear, y + tp, x1 - x0 - 2 * clear)
                        out.rules.append((y, x0, x1, lab, rect))
                        y += (lab.h if lab else 0.0) + tp + gap
                        walk(sec.items, depth + 1)
                    bottom = y - gap + theme.SEQ_FRAME_PAD_EM * em
                    out.frames.append((it.kind, (x0, top, x1 - x0, bottom - top), tag or Label((), 0, 0, size_pt),
                                       tag_rect, cond, cond_rect, depth))
                    y = bottom + gap

        walk(self.items, 0)
        end = y - gap + max(gap / 2, theme.GRAPH_ARROW_HEAD_EM * em)  # room for the last arrow's head
        out.lifelines = (life_top, end)
        out.height = end
        return out

    def _self_label(self, m: Message, texts: dict[int, str], size_pt: float, room: float) -> Label:
        runs = runs_of(texts[id(m)])
        return set_label(runs, size_pt, max(room, widest_word(runs, size_pt)))

    def _note_rect(self, nt: Note, xs: list[float], idx: dict[str, int], cols: _Cols, size_pt: float,
                   y: float) -> tuple[Rect, Label]:
        em = size_pt * theme.PT_MM
        pad, clear = theme.SEQ_PAD_EM * em, theme.SEQ_CLEAR_EM * em
        runs = runs_of(nt.text)
        ks = [idx[a] for a in nt.actors]
        want = self._span(runs, size_pt, theme.SEQ_NOTE_MAX_EM * em, cols.t)
        if nt.side == "over" and len(set(ks)) > 1:
            x0, x1 = xs[min(ks)] - pad, xs[max(ks)] + pad
            lab = set_label(runs, size_pt, max(x1 - x0 - 2 * pad, widest_word(runs, size_pt)))
            return (x0, y, x1 - x0, lab.h + 2 * pad), lab
        lab = set_label(runs, size_pt, want)
        w = lab.w + 2 * pad
        x = xs[ks[0]]
        x0 = x + clear if nt.side == "right" else x - clear - w if nt.side == "left" else x - w / 2
        return (x0, y, w, lab.h + 2 * pad), lab

    def _cond(self, text: str, size_pt: float, x: float, y: float, room: float) -> tuple[Label | None, Rect | None]:
        """A frame's condition, ``[like this]``, written from (x, y) in ``room``."""
        if not text:
            return None, None
        runs = runs_of(f"[{text}]")
        lab = set_label(runs, size_pt, max(room, widest_word(runs, size_pt)))
        return lab, (x, y, lab.w, lab.h)

    # --- the block -------------------------------------------------------
    def measure(self, width: float, size_pt: float) -> float:
        return self._layout(width, size_pt).height + 2 * theme.GRAPH_TOP

    def min_width(self, size_pt: float) -> float:
        d, left, right, _ = self._cols_at(0.0, size_pt)
        title = widest_word(runs_of(self.title), size_pt) if self.title else 0.0
        return max(left + sum(d) + right, title)

    def used_width(self, width: float, size_pt: float) -> float:
        return min(width, self._cols(width, size_pt).width)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        lay = self._layout(width, size_pt)
        cols = self._cols(width, size_pt)
        em = size_pt * theme.PT_MM
        y += theme.GRAPH_TOP
        out: list[Mark] = []

        def mv(p: tuple[float, float]) -> tuple[float, float]:
            return (p[0] + x, p[1] + y)

        if lay.title:
            lab, r = lay.title
            out.extend(label_marks(lab, r[0] + x, r[1] + y, ink, backing=False))
        for lo in range(len(cols.x)):
            lx = cols.x[lo] + x
            out.append(StrokeMark(((lx, lay.lifelines[0] + y), (lx, lay.lifelines[1] + y)), theme.PEN_SOFT,
                                  theme.SEQ_LIFELINE_WIDTH_PT, wobble=theme.DIAGRAM_WOBBLE, dashed=True))
        for _actor, box, lab, r in lay.heads:
            b = NodeBox(box.x + x, box.y + y, box.w, box.h, box.shape)
            if box.shape == "actor":
                out.extend(_figure(b, ink.accent))
            else:
                out.extend(node_marks(b, ink.accent, ink.marker))
            out.extend(label_marks(lab, r[0] + x, r[1] + y, ink, backing=False))
        for kind, r, tag, tag_r, cond, cond_r, _depth in sorted(lay.frames, key=lambda f: f[6]):
            fx, fy, fw, fh = r[0] + x, r[1] + y, r[2], r[3]
            fill = theme.GROUP_FILL if kind == "rect" else None
            out.append(StrokeMark(((fx, fy), (fx + fw, fy), (fx + fw, fy + fh), (fx, fy + fh)), ink.accent,
                                  theme.THIN_WIDTH_PT, closed=True, fill=fill, fill_alpha=theme.GROUP_FILL_ALPHA, z=0))
            if not tag.empty:
                tx, ty, tw, th = tag_r[0] + x, tag_r[1] + y, tag_r[2], tag_r[3]
                cut = min(th / 2, tw / 3)
                out.append(StrokeMark(((tx, ty), (tx + tw, ty), (tx + tw, ty + th - cut), (tx + tw - cut, ty + th),
                                       (tx, ty + th)), ink.accent, theme.THIN_WIDTH_PT, closed=True, wobble=theme.DIAGRAM_WOBBLE))
                tp = theme.SEQ_TAG_PAD_EM * em
                out.extend(label_marks(tag, tx + tp, ty + tp, ink, ink.accent))
            if cond and cond_r:
                out.extend(label_marks(cond, cond_r[0] + x, cond_r[1] + y, ink, align="left"))
        for ry, x0, x1, lab, r in lay.rules:
            out.append(StrokeMark(((x0 + x, ry + y), (x1 + x, ry + y)), ink.accent, theme.THIN_WIDTH_PT, wobble=theme.DIAGRAM_WOBBLE,
                                  dashed=True))
            if lab and r:
                out.extend(label_marks(lab, r[0] + x, r[1] + y, ink, align="left"))
        for r, lab in lay.notes:
            nx, ny = r[0] + x, r[1] + y
            out.append(StrokeMark(((nx, ny), (nx + r[2], ny), (nx + r[2], ny + r[3]), (nx, ny + r[3])),
                                  theme.SEQ_NOTE_EDGE, theme.THIN_WIDTH_PT, closed=True, fill=theme.SEQ_NOTE_FILL,
                                  wobble=theme.DIAGRAM_WOBBLE, z=1))
            pad = theme.SEQ_PAD_EM * em
            inset = theme.SEQ_NOTE_INSET
            # the note's paper hides the lifelines behind it; its words are written on top
            out.append(BackingMark(nx + inset, ny + inset, r[2] - 2 * inset, r[3] - 2 * inset, theme.SEQ_NOTE_FILL))
            out.extend(replace(m, z=LABEL_Z) if isinstance(m, TextMark) else m
                       for m in label_marks(lab, nx + pad, ny + pad, ink, backing=False, align="left"))
        head = theme.GRAPH_ARROW_HEAD_EM * em
        for m, path, lab, r in lay.arrows:
            pts = tuple(mv(p) for p in path)
            out.extend(_arrow(m, pts, ink.accent, head, size_pt))
            if lab and r:
                out.extend(label_marks(lab, r[0] + x, r[1] + y, ink, align="left" if len(path) > 2 else "center"))
        return out

    def texts(self) -> list[str]:
        out = [self.title] + [a.label for a in self.actors] + list(self._texts().values())
        out += [n.text for n in self._notes()] + list(FRAMES)

        def walk(items: list[Item]) -> None:
            for it in items:
                if isinstance(it, Frame):
                    out.extend(f"[{s.label}]" for s in it.sections if s.label)
                    for s in it.sections:
                        walk(s.items)

        walk(self.items)
        return [t for t in out if t]



def _arrow(m: Message, pts: tuple[tuple[float, float], ...], color: str, head: float,
           size_pt: float) -> list[Mark]:
    """A message's line: the loop's first legs, then the last leg with its end (head, cross or none)."""
    out: list[Mark] = []
    if len(pts) > 2:
        out.append(StrokeMark(pts[:-1], color, theme.PEN_WIDTH_PT, wobble=theme.DIAGRAM_WOBBLE, dashed=m.dashed))
    s, e = pts[-2], pts[-1]
    if m.head in ("arrow", "open"):
        if m.both and len(pts) == 2:
            mid = ((s[0] + e[0]) / 2, (s[1] + e[1]) / 2)
            out.append(ArrowMark(mid, s, color, theme.PEN_WIDTH_PT, head, dashed=m.dashed))
            s = mid
        out.append(ArrowMark(s, e, color, theme.PEN_WIDTH_PT, head, dashed=m.dashed))
        return out
    out.append(StrokeMark((s, e), color, theme.PEN_WIDTH_PT, wobble=theme.SEQ_MESSAGE_WOBBLE, dashed=m.dashed))
    if m.head == "cross":
        c = theme.SEQ_CROSS_EM * size_pt * theme.PT_MM
        out.append(StrokeMark(((e[0] - c, e[1] - c), (e[0] + c, e[1] + c)), color, theme.PEN_WIDTH_PT, wobble=0.0))
        out.append(StrokeMark(((e[0] - c, e[1] + c), (e[0] + c, e[1] - c)), color, theme.PEN_WIDTH_PT, wobble=0.0))
    return out


def _figure(b: NodeBox, color: str) -> list[Mark]:
    """An actor: a stick figure in the box (head, body, arms, legs)."""
    cx, top, h = b.x + b.w / 2, b.y, b.h
    r = h * theme.SEQ_FIGURE_HEAD
    head = tuple((cx + r * math.cos(math.radians(a)), top + r + r * math.sin(math.radians(a)))
                 for a in range(0, 360, 30))
    w, wob = theme.PEN_WIDTH_PT, theme.DIAGRAM_FINE_WOBBLE
    neck, hip, arms = top + 2 * r, top + h * theme.SEQ_FIGURE_HIP, top + h * theme.SEQ_FIGURE_ARMS
    step = b.w * theme.SEQ_FIGURE_STRIDE
    return [
        StrokeMark(head, color, w, closed=True, wobble=wob),
        StrokeMark(((cx, neck), (cx, hip)), color, w, wobble=wob),
        StrokeMark(((cx - b.w / 2, arms), (cx + b.w / 2, arms)), color, w, wobble=wob),
        StrokeMark(((cx - step, top + h), (cx, hip), (cx + step, top + h)), color, w, wobble=wob),
    ]
