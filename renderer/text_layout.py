"""Text shaped once per process for the PDF, not once per save.

matplotlib's PDF renderer shapes every string it writes (libraqm's layout of the glyphs and their
positions, each glyph loaded from the font) on every save, and that is most of the time a save
spends on text.  The PDF renderer reads only the layout's items (glyph, character, position), so
here the shaping is libraqm's alone, without the glyph loads.  A re-render in the same process (``cheatsheet watch``) writes mostly the same
strings again, so inside ``shared_text_layout()`` the PDF renderer's layouts are kept per process,
keyed by the string, the font object matplotlib shapes it with (one per list of font files and
kerning setting), the size the renderer set on it, the font features and the language.  A layout
depends on nothing else, so the pages are the same bytes.

Only the PDF renderer's own shaping of a text it writes is remembered: the size is taken where the
renderer sets it (``RendererPdf._get_font_ttf``) and used by the one layout that ``draw_text``
asks for next on that font; any other caller of matplotlib's layout (text as paths, for instance,
which reads the glyph each item loads) gets matplotlib's own.  Should matplotlib's internals not be what this module expects, nothing is
replaced."""

from __future__ import annotations

import inspect
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from types import ModuleType
from typing import Any

from .swap import Swap

LAYOUT_CACHE_SIZE = 8192  # shaped strings kept per process (a sheet writes a few hundred per save)

_cache: OrderedDict[tuple, list] = OrderedDict()
_lock = threading.Lock()
_pending = threading.local()  # .font, .size: what the PDF renderer set up for the layout it asks for next


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _font_for_pdf(renderer: Any, prop: Any) -> Any:
    """RendererPdf._get_font_ttf, noting the font it returns and the size it set on it."""
    font = _FONT.original(renderer, prop)
    _pending.font, _pending.size = font, prop.get_size_in_points()
    return font


def _shared_layout(string: str, font: Any, *, features: Any = None, language: Any = None) -> Any:
    pending, size = getattr(_pending, "font", None), getattr(_pending, "size", None)
    _pending.font = _pending.size = None
    found = _matplotlib_pdf()
    if pending is not font or found is None or sys._getframe(1).f_code is not found[2]:
        # not the PDF renderer's shaping of a text it writes: matplotlib's own, with its side effects
        return _LAYOUT.original(string, font, features=features, language=language)
    try:
        key = (string, font, size, features, language)
        hash(key)
    except TypeError:
        return _LAYOUT.original(string, font, features=features, language=language)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return iter(hit)
    # matplotlib's layout without the glyph load that follows each item (draw_text reads only the items)
    made = list(font._layout(string, _no_hinting(), features=features, language=language))
    with _lock:
        _cache[key] = made
        while len(_cache) > LAYOUT_CACHE_SIZE:
            _cache.popitem(last=False)
    return iter(made)


@lru_cache(maxsize=1)
def _matplotlib_pdf() -> tuple[ModuleType, type, Any] | None:
    """matplotlib's text helpers and its PDF renderer, if the renderer shapes text the way this module
    knows (matplotlib 3.11: ``_get_font_ttf(prop)``, then ``_text_helpers.layout(s, font, ...)``)."""
    try:
        from matplotlib import _text_helpers
        from matplotlib.backends.backend_pdf import RendererPdf
    except ImportError:
        return None
    try:
        layout_params = list(inspect.signature(_text_helpers.layout).parameters)
        font_params = list(inspect.signature(RendererPdf._get_font_ttf).parameters)
        source = inspect.getsource(RendererPdf.draw_text)
    except (AttributeError, OSError, TypeError, ValueError):
        return None
    if layout_params != ["string", "font", "features", "language"] or font_params != ["self", "prop"]:
        return None
    shaped = source.find("_text_helpers.layout(s, font")
    if shaped < 0 or source.find("self._get_font_ttf(prop)") not in range(0, shaped):
        return None
    try:
        layout_source = inspect.getsource(_text_helpers.layout)
    except (OSError, TypeError):
        return None
    if "font._layout(string, LoadFlags.NO_HINTING" not in layout_source:  # the shaping this module repeats
        return None
    return _text_helpers, RendererPdf, RendererPdf.draw_text.__code__


def _no_hinting() -> Any:
    from matplotlib.ft2font import LoadFlags

    return LoadFlags.NO_HINTING


def _helpers() -> ModuleType | None:
    found = _matplotlib_pdf()
    return found[0] if found else None


def _renderer() -> Any | None:
    found = _matplotlib_pdf()
    return found[1] if found else None


@contextmanager
def shared_text_layout() -> Iterator[bool]:
    """matplotlib's PDF saves in this block keep the layouts of their text for the process; yields
    whether they do (False: matplotlib's internals differ, and it shapes as before)."""
    with ExitStack() as stack:
        if not stack.enter_context(_FONT.active()):
            yield False
            return
        yield stack.enter_context(_LAYOUT.active())


_LAYOUT = Swap(_helpers, "layout", _shared_layout)
_FONT = Swap(_renderer, "_get_font_ttf", _font_for_pdf)
