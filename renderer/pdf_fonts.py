"""The font subsets a PDF embeds: lean, and each one made once per process.

matplotlib's PDF output places every glyph itself (it shapes the text, then writes glyph ids at
positions it has worked out), so the TrueType subsets it embeds are never asked for OpenType
layout: the substitution, positioning and glyph-class tables (GSUB, GPOS, GDEF, ...) and the glyphs
reachable only through them are dead weight, and matplotlib's own subsetter spends most of its time
reading those tables and closing the glyph set over them.  Inside ``lean_subsets()`` matplotlib's
PDF backend gets its subsets from ``subset_font``: the same outlines, advance widths and hinting
for the same glyphs, without the layout tables, and each (font file, glyph set) subset made once
per process (a re-render of an unchanged sheet, as ``cheatsheet watch`` does, re-uses them all).
A plain TrueType face is cut straight from its tables, read once per process (``truetype``:
a few milliseconds a subset, where fontTools' subsetter takes 0.05-0.1 s); any other face goes
through fontTools' subsetter with the same options.

The text stays text: the PDF's ToUnicode maps come from matplotlib's own record of the characters
drawn, not from the subset.  Should matplotlib's internals not be what this module expects, its
own subsetter is left in place.  matplotlib's PDF helpers import fontTools' subsetter when they
are imported (0.05-0.08 s of every process that writes a PDF); ``defer_subsetter`` makes that
import load it only when something uses it, which this module's faces never do."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .swap import Swap

# Tables only OpenType layout (or AAT layout) reads; matplotlib positions the glyphs itself.
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern",
                 "morx", "mort", "kerx", "feat", "trak", "just", "opbd", "prop", "lcar", "bsln", "ankr")
# Tables matplotlib drops from its subsets too (font tool stamps and bitmap or AAT metadata).
NEEDLESS_TABLES = ("FFTM", "PfEd", "BDF", "meta", "MERG", "TSIV", "Zapf", "bdat", "bloc", "cidg",
                   "fdsc", "fmtx", "fond", "ltag", "xref")
# Subsets kept per process: a sheet embeds about 5 faces, so this holds a few versions of each.
SUBSET_CACHE_SIZE = 16


@dataclass(frozen=True)
class Subset:
    """A subset font file and where each requested glyph of the original went in it."""

    data: bytes
    glyph_index_map: tuple[tuple[int, int], ...]  # (original glyph id, subset glyph id), sorted


_cache: OrderedDict[tuple, Subset] = OrderedDict()
_cache_lock = threading.Lock()
# Each face's glyph names, as fontTools makes them from its cmap when the font is loaded without its own names:
# made once per face and process, so that a subset of another glyph set does not make them again.
_glyph_orders: dict[tuple, tuple[str, ...]] = {}


def _font_key(path: str, face_index: int, glyphs: frozenset[int]) -> tuple:
    st = os.stat(path)
    return path, face_index, st.st_size, st.st_mtime_ns, glyphs


def subset_font(path: str | os.PathLike, glyphs: Iterable[int], face_index: int = 0) -> Subset:
    """The subset of the font file ``path`` (face ``face_index`` of a collection) holding the glyph
    ids ``glyphs`` (and .notdef), without layout tables; made once per process for a glyph set."""
    path = os.fspath(path)
    key = _font_key(path, face_index, frozenset(int(g) for g in glyphs))
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    made = _make_subset(path, face_index, key[-1])
    with _cache_lock:
        _cache[key] = made
        _cache.move_to_end(key)
        while len(_cache) > SUBSET_CACHE_SIZE:
            _cache.popitem(last=False)
    return made


def clear_cache() -> None:
    """Forget the subsets made (not the faces' glyph names, which do not depend on the glyph set)."""
    with _cache_lock:
        _cache.clear()


def _make_subset(path: str, face_index: int, glyphs: frozenset[int]) -> Subset:
    """Straight from the face's tables (truetype) when it is a plain TrueType font, else by
    fontTools' subsetter."""
    from . import truetype

    face = _face(path, face_index)
    if face is not None:
        try:
            data, where = truetype.subset(face, glyphs)
        except truetype.Unsupported:
            pass
        else:
            return Subset(data, tuple(sorted(where.items())))
    return _fonttools_subset(path, face_index, glyphs)


def _face(path: str, face_index: int) -> Any | None:
    """The face's tables, read once per process (truetype.face), or None when that module does not
    subset it (a collection, CFF outlines, a variable font)."""
    from . import truetype

    if face_index != 0:
        return None
    try:
        return truetype.face(path)
    except truetype.Unsupported:
        return None


def read_faces(paths: Iterable[str | os.PathLike]) -> None:
    """Read the tables of these font files now (as a subset of them would), once per process."""
    for path in paths:
        _face(os.fspath(path), 0)


def _fonttools_subset(path: str, face_index: int, glyphs: frozenset[int]) -> Subset:
    from fontTools import subset

    # matplotlib's options, less what only layout needs: no glyph names (the PDF names glyphs by
    # id), and the layout tables gone before the subsetter could read them.
    options = subset.Options(glyph_names=False, recommended_glyphs=True, layout_closure=False,
                             layout_features=[], legacy_kern=False)
    options.drop_tables += list(LAYOUT_TABLES) + list(NEEDLESS_TABLES)
    options.font_number = face_index
    font = subset.load_font(path, options, dontLoadGlyphNames=True)
    order_key = _font_key(path, face_index, frozenset())
    order = _glyph_orders.get(order_key)
    if order is not None:  # the names fontTools would make again from the cmap (0.07 s for a Hangul face)
        font.setGlyphOrder(list(order))
    else:
        _glyph_orders[order_key] = tuple(font.getGlyphOrder())
    try:
        for tag in LAYOUT_TABLES:
            if tag in font:
                del font[tag]
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(gids=sorted(glyphs))
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf, reorderTables=False)
    finally:
        font.close()
    return Subset(buf.getvalue(), tuple(sorted(subsetter.glyph_index_map.items())))


def _face_of(fontfile: Any) -> tuple[str, int]:
    """The file and face index of what matplotlib passes: a FontPath (3.10+) or a plain path."""
    face_index = getattr(fontfile, "face_index", 0)
    return os.fspath(fontfile), int(face_index)


@dataclass(frozen=True)
class SubsetFile:
    """A subset's font file as matplotlib's PDF backend uses the subset's font: opened as a context
    manager and saved to a file (``_backend_pdf_ps.font_as_file``).  Saving writes the bytes made,
    which are what fontTools would write for them (tested), without loading fontTools' table
    classes to do it (0.03 s a process)."""

    data: bytes

    def save(self, file: Any, reorderTables: bool | None = False) -> None:  # noqa: N803 (fontTools' name)
        file.write(self.data)

    def __enter__(self) -> SubsetFile:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _lean_get_glyphs_subset(fontfile: Any, glyphs: Iterable[int]):
    """A stand-in for matplotlib's ``_backend_pdf_ps.get_glyphs_subset``: the same results type
    (a context manager giving ``.font`` and ``.glyph_index_map``); its ``.font`` is a ``SubsetFile``,
    not a TTFont, since all the backend does with it is save it to a file."""
    from matplotlib.backends import _backend_pdf_ps

    glyphs = list(glyphs)
    try:
        path, face_index = _face_of(fontfile)
        sub = subset_font(path, glyphs, face_index)
    except Exception:  # a font this way cannot subset: matplotlib's own way, as without this module
        return _original(fontfile, glyphs)
    return _backend_pdf_ps.SubsetResults(SubsetFile(sub.data), dict(sub.glyph_index_map))._as_cm()


SUBSETTER = "fontTools.subset"


def defer_subsetter() -> None:
    """Make an import of fontTools' subsetter not run it until one of its names is used
    (importlib's LazyLoader), unless it is imported already.  Called before matplotlib's PDF
    backend is imported."""
    if SUBSETTER in sys.modules:
        return
    spec = importlib.util.find_spec(SUBSETTER)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[SUBSETTER] = module
    spec.loader.exec_module(module)
    sys.modules["fontTools"].subset = module  # as the import system links a submodule


def _matplotlib_hooks() -> Any | None:
    """matplotlib's PDF/PS helper module, if it has the subsetting hook this module replaces in the
    shape this module knows (matplotlib 3.10 and 3.11); else None."""
    try:
        import inspect

        defer_subsetter()
        from matplotlib.backends import _backend_pdf_ps
    except ImportError:
        return None
    original = getattr(_backend_pdf_ps, "get_glyphs_subset", None)
    results = getattr(_backend_pdf_ps, "SubsetResults", None)
    if original is None or results is None or not hasattr(results, "_as_cm"):
        return None
    if getattr(results, "_fields", None) != ("font", "glyph_index_map"):
        return None
    try:
        params = list(inspect.signature(original).parameters)
    except (TypeError, ValueError):
        return None
    if params != ["fontfile", "glyphs"]:
        return None
    return _backend_pdf_ps


def _original(fontfile: Any, glyphs: Iterable[int]):
    if _SWAP.original is not None:
        return _SWAP.original(fontfile, glyphs)
    from matplotlib.backends import _backend_pdf_ps

    return _backend_pdf_ps.get_glyphs_subset(fontfile, glyphs)


def lean_subsets() -> AbstractContextManager[bool]:
    """matplotlib's PDF saves in this block embed lean, cached subsets; yields whether they do
    (False: matplotlib's internals differ, and its own subsetter is used)."""
    return _SWAP.active()


_SWAP = Swap(_matplotlib_hooks, "get_glyphs_subset", _lean_get_glyphs_subset)


# --- the order of the embedded fonts ----------------------------------------------------------
#
# matplotlib writes a PDF's fonts in the sorted order of their file paths, so the same sheet made with
# the fonts (or matplotlib) installed somewhere else put its faces in another order: other bytes, the
# same look.  Inside ``fonts_in_name_order()`` they are written in the order of their file names
# (then face index and subset), which no install location changes.


def _name_order(path: str) -> tuple:
    return os.path.basename(str(path)), int(getattr(path, "face_index", 0)), str(path)


class _NameOrdered:
    """Mixed into a font path's own class (FontPath, or str): equal and hashed as the path, sorted by name."""

    def __lt__(self, other: object) -> bool:
        return _name_order(self) < _name_order(other) if isinstance(other, str) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return _name_order(self) > _name_order(other) if isinstance(other, str) else NotImplemented


_NAME_ORDERED: dict[type, type] = {}


def _by_name(path: Any) -> Any:
    """``path`` (a matplotlib FontPath or a plain path string) as an equal key that sorts by its file name."""
    base = type(path)
    if issubclass(base, _NameOrdered):
        return path
    cls = _NAME_ORDERED.get(base)
    if cls is None:
        cls = _NAME_ORDERED[base] = type(f"NameOrdered{base.__name__}", (_NameOrdered, base),
                                         {"__hash__": base.__hash__, "__eq__": base.__eq__})
    if hasattr(path, "face_index"):
        return cls(str(path), path.face_index)
    return cls(path)


def _write_fonts_in_name_order(self: Any) -> Any:
    names = getattr(self, "_fontNames", None)
    if isinstance(names, dict):
        self._fontNames = {(_by_name(f), s): fx for (f, s), fx in names.items()}
    try:
        return _ORDER.original(self)
    finally:
        if isinstance(names, dict):
            self._fontNames = names


@lru_cache(maxsize=1)
def _pdf_file() -> Any | None:
    """matplotlib's PdfFile, when its fonts are kept as ``_fontNames`` {(path, subset): name} (3.9 to 3.11)."""
    try:
        from matplotlib.backends.backend_pdf import PdfFile
    except ImportError:
        return None
    if not callable(getattr(PdfFile, "writeFonts", None)):
        return None
    import inspect

    try:
        source = inspect.getsource(PdfFile.writeFonts)
    except (OSError, TypeError):
        return None
    return PdfFile if "sorted(self._fontNames.items())" in source else None


def fonts_in_name_order() -> AbstractContextManager[bool]:
    """matplotlib's PDF saves in this block write their fonts in the order of the fonts' file names;
    yields whether they do (False: matplotlib's internals differ)."""
    return _ORDER.active()


_ORDER = Swap(_pdf_file, "writeFonts", _write_fonts_in_name_order)
