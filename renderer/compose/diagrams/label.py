"""A few words written beside a line on a patch of paper (edge labels, frame titles, message
texts), and where to put them so that they touch no node and no other label."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ... import theme
from ..ink import Ink
from ..marks import LABEL_Z, BackingMark, Mark, TextMark
from ..text.inline import Run, parse_inline
from ..text.linebreak import Line, natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h


def runs_of(text: str) -> list[Run]:
    """Inline markdown on one line (written line breaks become spaces)."""
    out: list[Run] = []
    for k, ln in enumerate(parse_inline(text)):
        if k:
            out.append(Run(" "))
        out.extend(ln)
    return out


@dataclass(frozen=True)
class Label:
    lines: tuple[Line, ...]
    w: float
    h: float
    size_pt: float

    @property
    def empty(self) -> bool:
        return not any(ln.pieces for ln in self.lines)


def set_label(runs: list[Run], size_pt: float, max_w: float) -> Label:
    """The words set in lines no wider than ``max_w``, or than the longest word: labels wrap only
    between words."""
    if not runs:
        return Label((), 0.0, 0.0, size_pt)
    w = min(natural_width(runs, size_pt), max(1.0, max_w, widest_word(runs, size_pt)))
    lines = tuple(set_lines(runs, max(1.0, w), size_pt))
    return Label(lines, max((ln.width for ln in lines), default=0.0), len(lines) * pitch(size_pt), size_pt)


def label_marks(lab: Label, x: float, y: float, ink: Ink, color: str | None = None, backing: bool = True,
                align: str = "center", paper: str = theme.PAPER) -> list[Mark]:
    """The label's words in the box (x, y, lab.w, lab.h), on a patch of ``paper`` when ``backing``."""
    out: list[Mark] = []
    if lab.empty:
        return out
    if backing:
        pad = theme.BACKING_PAD_EM * lab.size_pt * theme.PT_MM
        out.append(BackingMark(x - pad, y - pad / 2, lab.w + 2 * pad, lab.h + pad, paper))
    for k, ln in enumerate(lab.lines):
        dx = {"center": (lab.w - ln.width) / 2, "right": lab.w - ln.width}.get(align, 0.0)
        for m in line_marks(ln, x + dx, y + k * pitch(lab.size_pt), lab.size_pt, ink, color):
            out.append(replace(m, z=LABEL_Z) if isinstance(m, TextMark) and backing else m)
    return out


def tinted(color: str, alpha: float, layers: int, base: str = theme.PAPER) -> str:
    """The colour of ``base`` under ``layers`` coats of ``color`` at ``alpha`` (a frame's paper, nested)."""
    keep = (1.0 - alpha) ** layers
    rgb = [int(base[k:k + 2], 16) * keep + int(color[k:k + 2], 16) * (1.0 - keep) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


def overlap(a: Rect, b: Rect) -> float:
    """The area two rectangles share."""
    dx = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    dy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def crosses(r: Rect, p: Point, q: Point) -> bool:
    """Whether the segment p..q passes through the rectangle (Liang-Barsky clipping)."""
    x0, y0, w, h = r
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for pk, qk in ((-dx, p[0] - x0), (dx, x0 + w - p[0]), (-dy, p[1] - y0), (dy, y0 + h - p[1])):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


FRACTIONS = (0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9)


def spot_beside(p: Point, q: Point, w: float, h: float, clear: float, hard: list[Rect],
                soft: list[tuple[Point, Point]], width: float, top: float, bottom: float) -> Rect:
    """Where a w x h label goes beside the line p..q: on one side of it at ``clear``, as near its
    middle as it can, touching none of ``hard`` (nodes, other labels) and inside 0..width;
    then off its own line (only as a last resort does it sit on the line, its paper hiding the
    line); lines in ``soft`` (other edges) and leaving top..bottom (which makes the picture
    taller) are avoided when there is a choice."""
    length = math.hypot(q[0] - p[0], q[1] - p[1]) or 1.0
    ux, uy = (q[0] - p[0]) / length, (q[1] - p[1]) / length
    normals = [(uy, -ux), (-uy, ux)]
    # above a line that runs across, right of a line that runs down
    normals.sort(key=lambda n: (round(n[1], 6), -round(n[0], 6)) if abs(ux) >= abs(uy) else (-round(n[0], 6), 0))
    cands: list[Rect] = []
    for f in FRACTIONS:
        mx, my = p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f
        for nx, ny in normals:  # square off the line
            reach = clear + abs(nx) * w / 2 + abs(ny) * h / 2
            cands.append((mx + nx * reach - w / 2, my + ny * reach - h / 2, w, h))
        # level with the point, clear of a slanting line: beside it across, then above or below it
        if abs(uy) > 1e-6:
            reach = clear + w / 2 + h / 2 * abs(ux / uy)
            cands += [(mx + reach - w / 2, my - h / 2, w, h), (mx - reach - w / 2, my - h / 2, w, h)]
        if abs(ux) > 1e-6:
            reach = clear + h / 2 + w / 2 * abs(uy / ux)
            cands += [(mx - w / 2, my - reach - h / 2, w, h), (mx - w / 2, my + reach - h / 2, w, h)]
    beside = len(cands)
    for f in FRACTIONS:
        mx, my = p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f
        cands.append((mx - w / 2, my - h / 2, w, h))
    boxes = [(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]), a, b) for a, b in soft]
    best, best_key = cands[0], None
    for k, r in enumerate(cands):
        on_line = k >= beside
        hard_area = sum(overlap(r, o) for o in hard)
        outside_x = max(0.0, -r[0]) + max(0.0, r[0] + r[2] - width)
        first = (hard_area > 1e-6, outside_x > 1e-6, round(hard_area, 3), on_line)
        if best_key is not None and first > best_key[:4]:
            continue
        soft_hits = sum(1 for x0, y0, x1, y1, a, b in boxes
                        if x0 <= r[0] + r[2] and x1 >= r[0] and y0 <= r[1] + r[3] and y1 >= r[1] and crosses(r, a, b))
        outside_y = max(0.0, top - r[1]) + max(0.0, r[1] + r[3] - bottom)
        key = first + (soft_hits, outside_y > 1e-6, k)
        if best_key is None or key < best_key:
            best, best_key = r, key
        if key[:6] == (False, False, 0.0, False, 0, False):
            break  # none after it can do better
    x, y, _, _ = best
    return (min(max(x, 0.0), max(0.0, width - w)), y, w, h)
