"""A mermaid ``pie`` as a picture: a hand-drawn pie, slices in the highlighter inks (then the
accent inks), each slice's name and share written beside it with a leader line; labels of
one side are spread so that none sits on another.  In a narrow column the names go under
the pie as a key instead."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ... import theme
from ...limits import MAX_PIE_SLICES, MAX_PIE_VALUE
from ..blocks.base import per_width, shrinks_to_width
from ..ink import Ink
from ..marks import Mark, StrokeMark
from ..text.inline import Run
from ..text.linebreak import widest_word
from ..text.setting import pitch
from .label import Label, Rect, label_marks, runs_of, set_label

HEADER = re.compile(r"^pie\b\s*(showData)?\s*(?:title\s+(.*))?$", re.I)
SLICE = re.compile(r"""^(["'])(.*?)\1\s*:\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*;?$""")
TITLE = re.compile(r"^title\s+(.*)$", re.I)
QUIET = re.compile(r"^(accTitle|accDescr)\b", re.I)


@dataclass
class Slice:
    label: str
    value: float


def parse_pie(lines: list[str], first: int, line: int) -> tuple[PieBlock | None, list[tuple[int, str]]]:
    """The pie, and (line offset, message) warnings for what is not drawn."""
    head = HEADER.match(lines[first].strip())
    show = bool(head and head.group(1))
    title = (head.group(2) or "").strip() if head else ""
    slices: list[Slice] = []
    warnings: list[tuple[int, str]] = []
    for k in range(first + 1, len(lines)):
        s = lines[k].strip()
        if not s or s.startswith("%%") or QUIET.match(s):
            continue
        if s.lower() == "showdata":
            show = True
        elif m := TITLE.match(s):
            title = m.group(1).strip()
        elif m := SLICE.match(s):
            value = float(m.group(3))
            if value < 0 or not math.isfinite(value):
                warnings.append((k, f"pie slice {m.group(2)!r} has a negative value ({m.group(3)}): skipped"))
                continue
            if value > MAX_PIE_VALUE:
                warnings.append((k, f"pie slice {m.group(2)!r} is larger than {MAX_PIE_VALUE:g} ({m.group(3)}): "
                                    "skipped"))
                continue
            slices.append(Slice(m.group(2).strip(), value))
        else:
            warnings.append((k, f"pie line not understood, skipped: {s!r}"))
    if len(slices) > MAX_PIE_SLICES:
        return None, warnings + [(first, f"pie of {len(slices):,} slices, more than the {MAX_PIE_SLICES} one pie "
                                         "can show: its text is shown")]
    if not slices or sum(sl.value for sl in slices) <= 0:
        return None, warnings + [(first, "pie with nothing to share out: its text is shown")]
    return PieBlock(slices, line, title, show), warnings


def _number(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e15 else f"{v:.3g}"


def _share(v: float, total: float) -> str:
    p = 100.0 * v / total
    if 0 < p < 1:
        return "<1%"
    return f"{p:.0f}%"


def fills(n: int) -> list[tuple[str, float]]:
    """A colour and its opacity for each of n slices: the highlighters, then the accents (lighter);
    the last slice never takes the colour of the first, its neighbour round the pie."""
    palette = [(c, theme.PIE_FILL_ALPHA) for c in theme.MARKERS] + [(c, theme.PIE_ACCENT_ALPHA) for c in theme.ACCENTS]
    out = [palette[k % len(palette)] for k in range(n)]
    if n > 2 and out[-1] == out[0]:
        out[-1] = palette[(n - 1 + 1) % len(palette)]
        if out[-1] == out[-2]:
            out[-1] = palette[(n - 1 + 2) % len(palette)]
    return out


@dataclass
class _Spot:
    k: int  # the slice
    label: Label
    rect: Rect
    leader: tuple[tuple[float, float], ...] = ()
    moved: float = 0.0  # how far the label had to move from beside its slice


@dataclass
class _Pie:
    cx: float
    cy: float
    r: float
    height: float
    title: tuple[Label, Rect] | None
    spots: list[_Spot]
    key: bool  # names under the pie with colour squares, not beside it
    angles: list[tuple[float, float]] = field(default_factory=list)  # each slice, as turned


@shrinks_to_width
@dataclass(eq=False)
class PieBlock:
    slices: list[Slice]
    line: int
    title: str = ""
    show_data: bool = False
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def total(self) -> float:
        return sum(s.value for s in self.slices)

    def angles(self, turn: float = 0.0) -> list[tuple[float, float]]:
        """Each slice's start and end, degrees clockwise from twelve o'clock (plus ``turn``)."""
        out = []
        a = turn
        total = self.total()
        for s in self.slices:
            b = a + 360.0 * s.value / total
            out.append((a, b))
            a = b
        return out

    def _runs(self, k: int, accent: str | None = None) -> list[Run]:
        s = self.slices[k]
        words = runs_of(s.label)
        extra = f" [{_number(s.value)}]" if self.show_data else ""
        return words + [Run(extra + " "), Run(_share(s.value, self.total()), "plain", accent)]

    @per_width
    def _layout(self, width: float, size_pt: float) -> _Pie:
        """Labels beside the pie when it can keep at least its smallest radius, else a key under it.
        The pie is turned (from twelve o'clock, in steps) to where its labels sit nearest their
        slices with no leader line crossing the pie or another leader; a pie of more than
        ``theme.PIE_TURN_MOST`` slices starts at twelve o'clock unturned."""
        em = size_pt * theme.PT_MM
        y = 0.0
        title = None
        if self.title:
            lab = set_label(runs_of(self.title), size_pt, width)
            title = (lab, ((width - lab.w) / 2, 0.0, lab.w, lab.h))
            y = lab.h + theme.BLOCK_GAP * em
        leader = theme.PIE_LEADER_EM * em
        turns = range(0, 360, theme.PIE_TURN_STEP) if len(self.slices) <= theme.PIE_TURN_MOST else range(1)
        for cap_em in theme.PIE_LABEL_CAPS_EM:
            labels = [set_label(self._runs(k), size_pt, max(cap_em * em, widest_word(self._runs(k), size_pt)))
                      for k in range(len(self.slices))]
            best: tuple[tuple, _Pie] | None = None
            for turn in turns:
                angles = self.angles(float(turn))
                sides = [1 if ((a + b) / 2) % 360.0 < 180.0 else -1 for a, b in angles]
                col = {s: max((lab.w for lab, sd in zip(labels, sides) if sd == s), default=0.0) for s in (1, -1)}
                room = width - sum(c + leader for c in col.values() if c)
                r = min(theme.PIE_MAX_R_EM * em, room / 2)
                if r < theme.PIE_MIN_R_EM * em:
                    continue
                pie = self._beside(labels, angles, sides, col, r, y, width, title, size_pt)
                crossings = _crossings(pie)
                moved = sum(sp.moved for sp in pie.spots) / em
                score = (crossings, round(moved - theme.PIE_SIZE_WEIGHT * r / em, 1), turn)
                if best is None or score < best[0]:
                    best = (score, pie)
            if best is not None:
                return best[1]
        return self._keyed(y, width, title, size_pt)

    def _beside(self, labels: list[Label], angles: list[tuple[float, float]], side_of: list[int],
                col: dict[int, float], r: float, top: float, width: float, title: tuple[Label, Rect] | None,
                size_pt: float) -> _Pie:
        em = size_pt * theme.PT_MM
        leader, elbow = theme.PIE_LEADER_EM * em, theme.PIE_ELBOW_EM * em
        sep, clear = theme.PIE_LABEL_SEP_EM * em, theme.EDGE_LABEL_CLEAR_EM * em
        sides = {s: [k for k in range(len(labels)) if side_of[k] == s] for s in (1, -1)}
        col_h = {s: sum(labels[k].h for k in ks) + sep * max(0, len(ks) - 1) for s, ks in sides.items()}
        h = max(2 * r + 2 * elbow, col_h[1], col_h[-1])
        used = 2 * r + sum(c + leader for c in col.values() if c)
        x0 = max(0.0, (width - used) / 2)
        cx = x0 + (col[-1] + leader if col[-1] else 0.0) + r
        cy = top + h / 2
        spots: list[_Spot] = []
        for s, ks in sides.items():
            want = []
            for k in ks:
                a, b = angles[k]
                mid = math.radians((a + b) / 2)
                want.append(cy - (r + elbow) * math.cos(mid) - labels[k].h / 2)
            order = sorted(range(len(ks)), key=lambda j: want[j])
            ys = _spread([want[j] for j in order], [labels[ks[j]].h for j in order], top, top + h, sep)
            for j, ly in zip(order, ys):
                k = ks[j]
                lab = labels[k]
                a, b = angles[k]
                mid = math.radians((a + b) / 2)
                lx = cx + s * (r + leader) - (lab.w if s < 0 else 0.0)
                rim = (cx + r * math.sin(mid), cy - r * math.cos(mid))
                out = (cx + (r + elbow) * math.sin(mid), cy - (r + elbow) * math.cos(mid))
                end = (cx + s * (r + leader - clear), ly + min(lab.h, pitch(lab.size_pt)) / 2)
                spots.append(_Spot(k, lab, (lx, ly, lab.w, lab.h), (rim, out, end), abs(ly - want[j])))
        spots.sort(key=lambda sp: sp.k)
        return _Pie(cx, cy, r, top + h, title, spots, False, angles)

    def _keyed(self, top: float, width: float, title: tuple[Label, Rect] | None, size_pt: float) -> _Pie:
        em = size_pt * theme.PT_MM
        r = max(1.0, min(theme.PIE_MAX_R_EM * em, width / 2 - theme.PIE_ELBOW_EM * em))
        sw = theme.PIE_SWATCH_EM * em
        gap = theme.EDGE_LABEL_CLEAR_EM * em * 2
        sep = theme.PIE_LABEL_SEP_EM * em
        y = top + 2 * r + theme.BLOCK_GAP * em
        spots = []
        for k in range(len(self.slices)):
            runs = self._runs(k)
            lab = set_label(runs, size_pt, max(width - sw - gap, widest_word(runs, size_pt)))
            spots.append(_Spot(k, lab, (sw + gap, y, lab.w, lab.h)))
            y += lab.h + sep
        return _Pie(width / 2, top + r, r, y - sep, title, spots, True, self.angles())

    def measure(self, width: float, size_pt: float) -> float:
        return self._layout(width, size_pt).height + 2 * theme.GRAPH_TOP

    def min_width(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        sw = theme.PIE_SWATCH_EM * em + theme.EDGE_LABEL_CLEAR_EM * em * 2
        words = max((widest_word(self._runs(k), size_pt) for k in range(len(self.slices))), default=0.0)
        title = widest_word(runs_of(self.title), size_pt) if self.title else 0.0
        return max(2 * theme.PIE_MIN_R_EM * em, sw + words, title)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        lay = self._layout(width, size_pt)
        y += theme.GRAPH_TOP
        out: list[Mark] = []
        if lay.title:
            lab, r = lay.title
            out.extend(label_marks(lab, r[0] + x, r[1] + y, ink, backing=False))
        cx, cy, rad = lay.cx + x, lay.cy + y, lay.r
        colours = fills(len(self.slices))
        angles = lay.angles
        drawn = [k for k, (a, b) in enumerate(angles) if b - a > 1e-9]
        for k in drawn:
            a, b = angles[k]
            colour, alpha = colours[k]
            pts = ((cx, cy),) + _arc(cx, cy, rad, a, b) if len(drawn) > 1 else _arc(cx, cy, rad, 0.0, 360.0)[:-1]
            out.append(StrokeMark(pts, colour, 0.0, closed=True, fill=colour, fill_alpha=alpha, wobble=theme.DIAGRAM_FINE_WOBBLE, z=0))
        out.append(StrokeMark(_arc(cx, cy, rad, 0.0, 360.0)[:-1], ink.pen, theme.BOX_WIDTH_PT, closed=True,
                              wobble=theme.PIE_WOBBLE))
        if len(drawn) > 1:
            for k in drawn:
                a = math.radians(angles[k][0])
                out.append(StrokeMark(((cx, cy), (cx + rad * math.sin(a), cy - rad * math.cos(a))), ink.pen,
                                      theme.PEN_WIDTH_PT, wobble=theme.PIE_WOBBLE))
        em = size_pt * theme.PT_MM
        for sp in lay.spots:
            lx, ly = sp.rect[0] + x, sp.rect[1] + y
            runs = self._runs(sp.k, ink.accent)
            lab = set_label(runs, size_pt, sp.label.w)
            if lay.key:
                sw = theme.PIE_SWATCH_EM * em
                sy = ly + (min(lab.h, pitch(size_pt)) - sw) / 2
                colour, alpha = colours[sp.k]
                out.append(StrokeMark(((x, sy), (x + sw, sy), (x + sw, sy + sw), (x, sy + sw)), ink.pen,
                                      theme.THIN_WIDTH_PT, closed=True, fill=colour, fill_alpha=alpha, wobble=theme.DIAGRAM_WOBBLE))
            else:
                pts = tuple((px + x, py + y) for px, py in sp.leader)
                out.append(StrokeMark(pts, theme.PEN_SOFT, theme.THIN_WIDTH_PT, wobble=theme.DIAGRAM_FINE_WOBBLE))
            right = not lay.key and lx + lab.w / 2 < cx
            out.extend(label_marks(lab, lx, ly, ink, backing=False, align="right" if right else "left"))
        return out

    def texts(self) -> list[str]:
        return ([self.title] if self.title else []) + ["".join(r.text for r in self._runs(k))
                                                       for k in range(len(self.slices))]


def _arc(cx: float, cy: float, r: float, a: float, b: float) -> tuple[tuple[float, float], ...]:
    """Points of the rim from a to b (degrees clockwise from twelve o'clock)."""
    n = max(1, math.ceil((b - a) / theme.PIE_ARC_STEP))
    return tuple((cx + r * math.sin(math.radians(a + (b - a) * j / n)), cy - r * math.cos(math.radians(a + (b - a) * j / n)))
                 for j in range(n + 1))


def _crossings(pie: _Pie) -> int:
    """Leader lines that pass through the pie or cross another leader."""
    legs = [(sp.leader[1], sp.leader[2]) for sp in pie.spots if len(sp.leader) == 3]
    n = sum(1 for a, b in legs if _dist((pie.cx, pie.cy), a, b) < pie.r)
    for i in range(len(legs)):
        for j in range(i + 1, len(legs)):
            if _cross(*legs[i], *legs[j]):
                n += 1
    return n


def _dist(c: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from c to the segment a..b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / ll))
    return math.hypot(a[0] + t * dx - c[0], a[1] + t * dy - c[1])


def _cross(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]) -> bool:
    """Whether segments a..b and c..d cross."""
    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def _spread(want: list[float], hs: list[float], lo: float, hi: float, sep: float) -> list[float]:
    """Tops for boxes of heights ``hs`` as near ``want`` as they can be, in order, none overlapping,
    within lo..hi when they fit there."""
    ys: list[float] = []
    for w in want:
        y = max(w, lo) if not ys else max(w, ys[-1] + hs[len(ys) - 1] + sep)
        ys.append(y)
    # pushed past the bottom: push back up, keeping them apart
    limit = hi
    for j in range(len(ys) - 1, -1, -1):
        if ys[j] + hs[j] > limit:
            ys[j] = limit - hs[j]
        limit = ys[j] - sep
    if ys and ys[0] < lo:  # only when they cannot all fit: keep the order from the top
        y = lo
        for j in range(len(ys)):
            ys[j] = y
            y += hs[j] + sep
    return ys
