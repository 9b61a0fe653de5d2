"""Page marks -> PDF and PNG bytes (deterministic), and atomic writes of the files."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from . import theme

PDF_METADATA = {"Creator": "cheatsheet", "Producer": "cheatsheet", "CreationDate": None, "ModDate": None}
PNG_METADATA = {"Software": None}
_FONTS_READY = False


def setup_matplotlib() -> None:
    """The vendored fonts, text kept as real text (TrueType, subset) and no hinting."""
    global _FONTS_READY
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager

    if not _FONTS_READY:
        for name in (theme.HAND_FONT_FILE, theme.EMOJI_FONT_FILE):
            font_manager.fontManager.addfont(str(theme.FONT_DIR / name))
        _FONTS_READY = True
    matplotlib.rcParams.update({
        "pdf.fonttype": 42,
        "text.hinting": "no_hinting",
        "font.family": [theme.HAND, theme.EMOJI, theme.SYMBOL],
        "path.sketch": None,
        "svg.hashsalt": "cheatsheet",
    })


def figure_for(marks: list, dpi: int = theme.DEFAULT_DPI):
    """A Figure the size of the page with one Axes in millimetres (y grows downwards)."""
    setup_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .draw.artists import draw_marks
    from .draw.paper import draw_paper

    fig = Figure(figsize=(theme.PAGE_W / 25.4, theme.PAGE_H / 25.4), dpi=dpi)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor(theme.PAPER)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, theme.PAGE_W)
    ax.set_ylim(theme.PAGE_H, 0)
    ax.set_axis_off()
    draw_paper(ax)
    draw_marks(ax, marks)
    return fig


def pdf_bytes(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf", metadata=PDF_METADATA)
    return buf.getvalue()


def png_size(dpi: int) -> tuple[int, int]:
    """Pixel size of the page: A4 at 200 dpi is 2339 x 1654 (rounded, not truncated)."""
    return round(theme.PAGE_W / 25.4 * dpi), round(theme.PAGE_H / 25.4 * dpi)


def png_bytes(fig, dpi: int) -> bytes:
    """The page as PNG; the figure is stretched by a fraction of a pixel to whole pixels."""
    buf = io.BytesIO()
    size = fig.get_size_inches()
    w, h = png_size(dpi)
    fig.set_size_inches(w / dpi, h / dpi)
    try:
        fig.savefig(buf, format="png", dpi=dpi, metadata=PNG_METADATA, facecolor=theme.PAPER)
    finally:
        fig.set_size_inches(*size)
    return buf.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
