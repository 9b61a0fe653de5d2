"""Text sizes measured once per process, not once per save.

matplotlib measures every string it draws (width, height and descent, to place the text by its
alignment) and keeps the answers only as long as the renderer lives: one save.  A re-render in the
same process (``cheatsheet watch``) saves the same strings in the same fonts again, so inside
``shared_text_metrics()`` the measurements of matplotlib's PDF and Agg renderers are kept per
process, keyed by the renderer's kind, the string, the font properties, the dpi, the settings that
change a measurement (hinting) and the fonts the font manager knows.  A measurement depends on
nothing else, so the pages are the same bytes.  Math text, TeX and any other renderer are measured
by matplotlib as before; should matplotlib's internals not be what this module expects, nothing is
replaced."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from contextlib import AbstractContextManager
from typing import Any

from .swap import Swap

METRICS_CACHE_SIZE = 8192  # measured strings kept per process (a sheet draws a few hundred per save)
# rcParams a plain-text measurement reads (hinting and kerning change the advances; the core fonts
# switch the PDF renderer to AFM metrics).
METRIC_SETTINGS = ("text.hinting", "text.hinting_factor", "text.kerning_factor", "pdf.use14corefonts")

_cache: OrderedDict[tuple, tuple[float, float, float]] = OrderedDict()
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _renderer_kind(renderer: Any) -> tuple | None:
    """What a measurement by ``renderer`` depends on besides its arguments, for the renderers whose
    plain-text measurement is known: the PDF renderer's (72 dpi, always) and Agg's (at its dpi)."""
    # a renderer of a backend module not imported yet cannot be this one: a save never imports another backend here
    mixed = sys.modules.get("matplotlib.backends.backend_mixed")
    pdf = sys.modules.get("matplotlib.backends.backend_pdf")
    agg = sys.modules.get("matplotlib.backends.backend_agg")
    inner = getattr(renderer, "_renderer", None) if mixed and type(renderer) is mixed.MixedModeRenderer else renderer
    if pdf and type(inner) is pdf.RendererPdf:
        return ("pdf",)
    if agg and type(inner) is agg.RendererAgg:
        return ("agg", inner.dpi)
    return None


def _shared(renderer: Any, text: str, fontprop: Any, ismath: Any, dpi: float):
    import matplotlib
    from matplotlib import font_manager

    kind = _renderer_kind(renderer) if ismath is False and not matplotlib.rcParams["text.usetex"] else None
    if kind is None:
        return _SWAP.original(renderer, text, fontprop, ismath, dpi)
    manager = font_manager.fontManager
    key = (kind, text, fontprop.copy(), dpi, tuple(matplotlib.rcParams.get(k) for k in METRIC_SETTINGS),
           id(manager), len(manager.ttflist))
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    made = _SWAP.original(renderer, text, fontprop, ismath, dpi)
    with _lock:
        _cache[key] = made
        while len(_cache) > METRICS_CACHE_SIZE:
            _cache.popitem(last=False)
    return made


def _matplotlib_text() -> Any | None:
    """matplotlib's text module, if its measuring hook has the shape this module knows (3.9-3.11)."""
    import inspect

    try:
        from matplotlib import text
    except ImportError:
        return None
    hook = getattr(text, "_get_text_metrics_with_cache", None)
    if hook is None:
        return None
    try:
        params = list(inspect.signature(hook).parameters)
    except (TypeError, ValueError):
        return None
    return text if params == ["renderer", "text", "fontprop", "ismath", "dpi"] else None


def shared_text_metrics() -> AbstractContextManager[bool]:
    """matplotlib's saves in this block keep their text measurements for the process; yields
    whether they do (False: matplotlib's internals differ, and it measures as before)."""
    return _SWAP.active()


_SWAP = Swap(_matplotlib_text, "_get_text_metrics_with_cache", _shared)
