"""A sequence diagram laid out in its own coordinates: across (each lifeline's place, how wide each text
may be) and down (messages, notes and frames in the order written)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import theme
from ..blocks.base import per_width
from ..shapes import NodeBox
from ..text.inline import Run
from ..text.linebreak import natural_width, widest_word
from .label import Label, Rect, runs_of, set_label
from .sequence_items import Actor, Item, Message, Note


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


class Arranging:
    """A sequence diagram laid out: across (where each lifeline goes, how wide each text may be) and down (messages, notes and frames in order)."""

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
