"""Each mark -> matplotlib artists: wobbly strokes, arrows, marker, text (kept as real text)."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Polygon
from matplotlib.text import Text

from .. import theme
from ..compose.marks import ArrowMark, BackingMark, Mark, MarkerMark, QRMark, StrokeMark, TextMark
from ..compose.shapes import bent
from .wobble import seed_of, sketchy_sides, wobbly_path, wobbly_segment

Z_FILL, Z_MARKER, Z_LINE, Z_TEXT = 1, 2, 3, 5
Z_BACKING = 7  # over every line (strokes 3-5, arrows 6), under words written on it (Z_TEXT + LABEL_Z)


def draw_marks(ax: Axes, marks: list[Mark]) -> None:
    """Patches go in with ``add_artist`` and collections without autolim: the page's limits are
    fixed, so no data limits are computed for the thousands of wobbly points."""
    lines: dict[tuple, list[np.ndarray]] = {}

    def add_line(arr: np.ndarray, color: str, width: float, alpha: float, z: int, dashed: bool = False) -> None:
        lines.setdefault((color, width, alpha, z, dashed), []).append(arr)

    for m in marks:
        if isinstance(m, TextMark):
            _text(ax, m)
        elif isinstance(m, StrokeMark):
            seed = seed_of("stroke", m.points)
            if m.fill:
                path = wobbly_path(m.points, True, m.wobble * theme.FILL_WOBBLE, seed + 1)
                ax.add_artist(Polygon(path, closed=True, facecolor=m.fill, edgecolor="none", alpha=m.fill_alpha,
                                     zorder=Z_FILL + m.z * 0.01))
            if m.width_pt <= 0:
                continue
            if m.closed and len(m.points) == 4 and m.wobble > theme.SKETCHY_MIN_WOBBLE:
                for side in sketchy_sides(m.points, m.wobble, seed):
                    add_line(side, m.color, m.width_pt, m.alpha, Z_LINE + m.z, m.dashed)
            else:
                add_line(wobbly_path(m.points, m.closed, m.wobble, seed), m.color, m.width_pt, m.alpha, Z_LINE + m.z,
                         m.dashed)
        elif isinstance(m, ArrowMark):
            shaft, *heads = arrow_paths(m)
            add_line(shaft, m.color, m.width_pt, 1.0, Z_LINE + m.z, m.dashed)
            for arr in heads:
                add_line(arr, m.color, m.width_pt, 1.0, Z_LINE + m.z)
        elif isinstance(m, QRMark):
            _qr(ax, m)
        elif isinstance(m, BackingMark):
            from matplotlib.patches import Rectangle

            ax.add_artist(Rectangle((m.x, m.y), m.w, m.h, facecolor=m.color, edgecolor="none", zorder=Z_BACKING + m.z))
        elif isinstance(m, MarkerMark):
            rng = np.random.default_rng(seed_of("marker", m.x, m.y, m.w))
            sk = m.h * theme.MARKER_SKEW
            pts = ((m.x + rng.uniform(-theme.MARKER_JITTER, theme.MARKER_JITTER), m.y + sk), (m.x + m.w, m.y - sk * rng.uniform(0, 1)),
                   (m.x + m.w + rng.uniform(-theme.MARKER_JITTER, theme.MARKER_JITTER), m.y + m.h - sk), (m.x, m.y + m.h + sk * rng.uniform(0, 1)))
            path = wobbly_path(pts, True, theme.MARKER_WOBBLE, seed_of("mk", m.x, m.y))
            ax.add_artist(Polygon(path, closed=True, facecolor=m.color, edgecolor="none", alpha=m.alpha,
                                 zorder=Z_MARKER))
    for key in sorted(lines, key=lambda k: (k[3], k[0], k[1], k[2], k[4])):
        color, width, alpha, z, dashed = key
        ax.add_collection(LineCollection(lines[key], colors=color, linewidths=width, alpha=alpha,
                                         linestyles=(0, theme.DASH_PATTERN) if dashed else "solid",
                                         capstyle="round", joinstyle="round", zorder=z), autolim=False)


def arrow_paths(m: ArrowMark) -> list[np.ndarray]:
    rng = np.random.default_rng(seed_of("arrow", m.start, m.end))
    (x0, y0), (x1, y1) = m.start, m.end
    if m.bend:
        pts = bent(m.start, m.end, m.bend)
        shaft = wobbly_path(pts, False, theme.ARROW_BENT_WOBBLE, seed_of("bent", m.start, m.end))
        (x0, y0) = pts[-2]
    else:
        shaft = wobbly_segment(m.start, m.end, rng, theme.WOBBLE_AMP * theme.ARROW_WOBBLE)
    ang = math.atan2(y1 - y0, x1 - x0)
    heads = []
    for side in (-1, 1):
        a = ang + math.pi + side * math.radians(theme.ARROW_HEAD_DEG + rng.uniform(-theme.ARROW_HEAD_JITTER_DEG, theme.ARROW_HEAD_JITTER_DEG))
        tip = (x1 + m.head * math.cos(a), y1 + m.head * math.sin(a))
        heads.append(np.array([tip, (x1, y1)]))
    return [shaft] + heads


def _qr(ax: Axes, m: QRMark) -> None:
    """All dark modules as one compound path: crisp in PDF and PNG, and quick to draw."""
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path

    n = len(m.modules)
    unit = m.size / n
    q = m.quiet
    ax.add_artist(Rectangle((m.x - q, m.y - q), m.size + 2 * q, m.size + 2 * q, facecolor="white",
                            edgecolor="none", zorder=Z_TEXT))
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for r, start, c in m.dark_runs():
        x0, y0 = m.x + start * unit, m.y + r * unit
        x1, y1 = m.x + c * unit, y0 + unit
        verts += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    if verts:
        ax.add_artist(PathPatch(Path(verts, codes), facecolor=m.color, edgecolor="none", zorder=Z_TEXT + 1))


def _text(ax: Axes, m: TextMark) -> None:
    kw = dict(fontsize=m.size_pt, family=[m.face], color=m.color, va="baseline", ha=m.ha,
              rotation=m.rotation, rotation_mode="anchor", parse_math=False, zorder=Z_TEXT + m.z)
    if m.url:
        kw["url"] = m.url
    if m.bold:
        ax.add_artist(PenBoldText(m.x, m.y, m.text, **kw))
    else:
        ax.text(m.x, m.y, m.text, **kw)


class PenBoldText(Text):
    """Simulated bold, written once: in a PDF one text whose glyphs are filled and stroked in their
    own ink (text rendering mode 2, ``theme.BOLD_STROKE_PT`` wide), so that the text layer holds each
    word once; in a picture (PNG, SVG) the text drawn twice ``theme.BOLD_OFFSET`` mm apart."""

    def draw(self, renderer) -> None:
        pdf = getattr(renderer, "_renderer", renderer)
        if hasattr(pdf, "file") and hasattr(pdf, "check_gc") and hasattr(pdf.file, "output"):
            self._draw_stroked(pdf, renderer)
            return
        super().draw(renderer)
        x, y = self.get_position()
        self.set_x(x + theme.BOLD_OFFSET)
        try:
            super().draw(renderer)
        finally:
            self.set_x(x)
            self.stale = False

    def _draw_stroked(self, pdf, renderer) -> None:
        from matplotlib.backends.backend_pdf import Verbatim

        plain = pdf.draw_text

        def stroked(gc, *args, **kwargs):
            gc.set_linewidth(theme.BOLD_STROKE_PT)
            gc.set_joinstyle("round")
            pdf.file.output(Verbatim(b"2 Tr"))
            try:
                plain(gc, *args, **kwargs)
            finally:
                pdf.file.output(Verbatim(b"0 Tr"))

        pdf.draw_text = stroked
        try:
            super().draw(renderer)
        finally:
            del pdf.draw_text
