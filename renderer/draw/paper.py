"""Off-white paper with a pale blue 5 mm grid."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

from .. import theme


def draw_paper(ax: Axes) -> None:
    ax.set_facecolor(theme.PAPER)
    xs = np.arange(0.0, theme.PAGE_W + 0.01, theme.GRID_PITCH)
    ys = np.arange(0.0, theme.PAGE_H + 0.01, theme.GRID_PITCH)
    segs = [((x, 0.0), (x, theme.PAGE_H)) for x in xs] + [((0.0, y), (theme.PAGE_W, y)) for y in ys]
    ax.add_collection(LineCollection(segs, colors=theme.GRID, linewidths=theme.GRID_WIDTH_PT, zorder=0))
