"""Off-white paper with a pale blue 5 mm grid."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

from .. import theme


def draw_paper(ax: Axes, width: float = theme.PAGE_W, height: float = theme.PAGE_H) -> None:
    ax.set_facecolor(theme.PAPER)
    xs = np.arange(0.0, width + 0.01, theme.GRID_PITCH)
    ys = np.arange(0.0, height + 0.01, theme.GRID_PITCH)
    segs = [((x, 0.0), (x, height)) for x in xs] + [((0.0, y), (width, y)) for y in ys]
    ax.add_collection(LineCollection(segs, colors=theme.GRID, linewidths=theme.GRID_WIDTH_PT, zorder=0),
                      autolim=False)
