"""A Figure of any size in millimetres (y grows downwards), on grid paper, holding marks."""

from __future__ import annotations

from .. import theme


def setup_matplotlib() -> None:
    """The vendored fonts, text kept as real text (TrueType, subset) and no hinting."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager

    from ..compose.text.fonts import vendored_font_files

    names = {f.fname for f in font_manager.fontManager.ttflist}
    for file in vendored_font_files():
        if str(file) not in names:
            font_manager.fontManager.addfont(str(file))
    matplotlib.rcParams.update({
        "pdf.fonttype": 42,
        # matplotlib sizes a PDF's font subsets by ps.fonttype: at 42 each face is subset once per save
        "ps.fonttype": 42,
        "text.hinting": "no_hinting",
        "font.family": list(theme.TEXT_CHAIN),
        "path.sketch": None,
        "svg.hashsalt": "cheatsheet",
    })


def figure_mm(marks: list, width: float, height: float, dpi: int = theme.DEFAULT_DPI):
    """A width x height mm figure with one Axes in millimetres, paper, grid and the marks."""
    setup_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .artists import draw_marks
    from .paper import draw_paper

    fig = Figure(figsize=(width / 25.4, height / 25.4), dpi=dpi)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor(theme.PAPER)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.set_axis_off()
    draw_paper(ax, width, height)
    draw_marks(ax, marks)
    return fig
