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
from ..blocks.base import shrinks_to_width
from ..ink import Ink
from ..marks import LABEL_Z, ArrowMark, BackingMark, Mark, StrokeMark, TextMark
from ..shapes import NodeBox, node_marks
from ..text.linebreak import widest_word
from .label import label_marks, runs_of
from .sequence_items import Actor, Frame, Item, Message, Note, Section
from .sequence_layout import Arranging

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


@shrinks_to_width
@dataclass(eq=False)
class SequenceBlock(Arranging):
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
