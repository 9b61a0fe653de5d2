"""Page marks -> PDF and PNG bytes (deterministic), and atomic writes of the files."""

from __future__ import annotations

import errno
import io
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import theme

OUTPUT_SUFFIXES = (".pdf", ".png", ".svg")  # the files a sheet is written as
PDF_METADATA = {"Creator": "cheatsheet", "Producer": "cheatsheet", "CreationDate": None, "ModDate": None}


def figure_for(marks: list, dpi: int = theme.DEFAULT_DPI):
    """A Figure the size of the page with one Axes in millimetres (y grows downwards): the same
    figure the image baselines are drawn with."""
    from .draw.canvas import figure_mm

    return figure_mm(marks, theme.PAGE_W, theme.PAGE_H, dpi)


def pdf_bytes(fig) -> bytes:
    """The page as PDF, its fonts embedded as lean subsets made once per process (pdf_fonts), its
    text measured (text_metrics) and shaped (text_layout) once per process."""
    from .pdf_fonts import fonts_in_name_order, lean_subsets
    from .text_layout import shared_text_layout
    from .text_metrics import shared_text_metrics

    buf = io.BytesIO()
    with lean_subsets(), fonts_in_name_order(), shared_text_metrics(), shared_text_layout():
        fig.savefig(buf, format="pdf", metadata=PDF_METADATA)
    return buf.getvalue()


def joined_pdf(pages: list[bytes]) -> bytes:
    """One PDF of the given one-page PDFs, in order: fixed metadata, and a file identifier made from
    the content, so that the same pages give the same bytes on every run."""
    if len(pages) == 1:
        return pages[0]
    import hashlib

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    writer = PdfWriter()
    for data in pages:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    writer.add_metadata({"/" + k: v for k, v in PDF_METADATA.items() if v is not None})
    ident = ByteStringObject(hashlib.sha256(b"".join(hashlib.sha256(d).digest() for d in pages)).digest()[:16])
    writer._ID = ArrayObject([ident, ident])  # pypdf leaves it random: the content decides it here
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


SVG_METADATA = {"Creator": "cheatsheet", "Date": None}
SVG_HASHSALT = "cheatsheet"  # fixed, so that the ids in the SVG are the same on every run


def svg_bytes(fig) -> bytes:
    """The page as SVG, the writing turned into paths so that it looks the same in any browser."""
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


def png_size(dpi: int) -> tuple[int, int]:
    """Pixel size of the page: A4 at 200 dpi is 2339 x 1654 (rounded, not truncated)."""
    return round(theme.PAGE_W / 25.4 * dpi), round(theme.PAGE_H / 25.4 * dpi)


def png_from_pdf(pdf: bytes, dpi: int, page: int = 0) -> bytes:
    """Page ``page`` of a finished PDF as the sheet's PNG (``raster``): the drawing made once, for
    both files; ``png_size(dpi)`` pixels, the same bytes on every run."""
    from .raster import pdf_page_png

    return pdf_page_png(pdf, png_size(dpi), dpi, theme.PNG_ZLIB_LEVEL, page)


def png_bytes(fig, dpi: int) -> bytes:
    """A figure as PNG drawn by matplotlib's Agg, for pictures that have no PDF (the layout
    command's previews); a sheet's PNG is its PDF rasterised (png_from_pdf).  The figure is
    stretched by a fraction of a pixel to whole pixels.  The page is opaque, so it is written as
    RGB (no alpha) at a low zlib level: smaller and faster.  The text is measured once per process
    (text_metrics)."""
    from PIL import Image

    from .text_metrics import shared_text_metrics

    size = fig.get_size_inches()
    w, h = png_size(dpi)
    fig.set_size_inches(w / dpi, h / dpi)
    try:
        fig.set_dpi(dpi)
        with shared_text_metrics():
            fig.canvas.draw()
        rgba = fig.canvas.buffer_rgba()  # rows x columns x 4
        # the alpha dropped by Pillow straight from matplotlib's buffer (no strided numpy copy)
        rgb = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1).convert("RGB")
    finally:
        fig.set_size_inches(*size)
    buf = io.BytesIO()
    rgb.save(buf, format="png", compress_level=theme.PNG_ZLIB_LEVEL, dpi=(dpi, dpi))
    return buf.getvalue()


def page_files(pages: list[list], dpi: int, pdf: bool, png: bool, svg: bool
               ) -> tuple[list[bytes], list[bytes], list[bytes]]:
    """Each page's marks drawn once, as PDF (also when only its PNG is asked for: the PNG is that
    PDF page rasterised, so a PNG asked for alone has the same bytes) and, if asked, as SVG:
    the PDFs, PNGs and SVGs, page by page."""
    figs = [figure_for(marks, dpi) for marks in pages]
    svgs = [svg_bytes(f) for f in figs] if svg else []
    pdfs = [pdf_bytes(f) for f in figs] if pdf or png else []
    pngs = [png_from_pdf(p, dpi) for p in pdfs] if png else []
    return pdfs, pngs, svgs


def ready_to_draw(every_face: bool = True) -> None:
    """What the first drawing of a process needs, done ahead: matplotlib's figure and PDF backend
    imported (fontTools' subsetter deferred), the vendored fonts registered, PDFium started and
    (``every_face``) every face's tables read, where many sheets will be drawn; one sheet reads
    only the faces it writes in (Noto Sans KR alone takes 0.05 s)."""
    from .pdf_fonts import defer_subsetter, read_faces

    defer_subsetter()
    import matplotlib.backends.backend_pdf  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import pypdfium2  # noqa: F401 - importing the package starts PDFium

    from .compose.text.fonts import faces
    from .draw import artists  # noqa: F401
    from .draw.canvas import setup_matplotlib

    setup_matplotlib()
    if every_face:
        read_faces(f.path for f in faces().values())


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP arrived: unwinds like Ctrl-C so that temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


def raise_interrupted(signum: int, frame: object) -> None:
    if getattr(frame, "f_code", None) in _RESENDING_CODE:  # inside the hook below: not raisable here either
        _send_again_later(signum)
        return
    raise Interrupted(signum)


class ResendInterrupted:
    """``sys.unraisablehook`` while the stop signals raise Interrupted: a signal that lands where
    Python cannot raise (a weakref callback or a ``__del__`` as objects are freed) would be printed
    as "Exception ignored" and lost; it is sent again instead, a moment later (SIGALRM, raising
    Interrupted for it), so that it lands in the code that runs then.  Anything else goes to the
    hook there was."""

    def __init__(self, previous) -> None:
        self.previous = previous

    def __call__(self, unraisable) -> None:
        exc = unraisable.exc_value
        if isinstance(exc, Interrupted):
            _send_again_later(exc.signum)
            return
        self.previous(unraisable)


RESEND_AFTER_S = 0.001
_resend: list[int] = []  # the signal that SIGALRM stands for


def _send_again_later(signum: int) -> None:
    _resend[:] = [signum]
    signal.setitimer(signal.ITIMER_REAL, RESEND_AFTER_S)


def _resent(alarm: int, frame: object) -> None:
    if _resend:
        raise_interrupted(_resend.pop(), frame)


_RESENDING_CODE = frozenset({ResendInterrupted.__call__.__code__, _send_again_later.__code__, _resent.__code__})
RESEND_SIGNAL = getattr(signal, "SIGALRM", None)


def install_signal_handlers() -> dict:
    """SIGINT, SIGTERM and SIGHUP raise Interrupted (instead of killing the process on the spot),
    also when they land where Python cannot raise (ResendInterrupted, where SIGALRM exists).
    Returns the handlers they had, for restore_signal_handlers."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    old = {s: signal.signal(s, raise_interrupted) for s in STOP_SIGNALS}
    if RESEND_SIGNAL is not None:
        old[RESEND_SIGNAL] = signal.signal(RESEND_SIGNAL, _resent)
        if not isinstance(sys.unraisablehook, ResendInterrupted):
            sys.unraisablehook = ResendInterrupted(sys.unraisablehook)
    return old


def restore_signal_handlers(old: dict) -> None:
    """Put the earlier handlers back; where that was the default (die by the signal), exit with
    128 + the signal number instead, so a signal in the last moments of a finished run still
    ends it the way an interrupted run ends."""
    for s, handler in old.items():
        if s == RESEND_SIGNAL:
            if _resend:  # an alarm still to come stands for nothing now
                signal.setitimer(signal.ITIMER_REAL, 0)
                _resend.clear()
            signal.signal(s, handler)
        else:
            signal.signal(s, exit_quietly if handler == signal.SIG_DFL else handler)
    if old and isinstance(sys.unraisablehook, ResendInterrupted):
        sys.unraisablehook = sys.unraisablehook.previous


def exit_quietly(signum: int, frame: object) -> None:
    os._exit(128 + signum)


@contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block is done, then deliver the first one.

    Used around the writing of a set of files, so that an interruption finds either all
    the old files or all the new ones, never a mixture and never a temporary file."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def hold(signum: int, frame: object) -> None:
        pending.append(signum)

    old = {s: signal.signal(s, hold) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        if pending:
            signal.raise_signal(pending[0])


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


_UMASK: int | None = None


def _write_temp(path: Path, data: bytes) -> str:
    """``data`` in a new temporary file ``.NAME.*.tmp`` beside ``path``, with the mode ``path``
    has (or would get from open()), flushed to disk."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputFolderError(path.parent, exc) from None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # POSIX: the new file gets the mode the old one had
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:  # a full disk: named by the file being written, not the hidden temporary one
        _unlink(tmp)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


class OutputFolderError(OSError):
    """A folder the outputs cannot be written into: names the folder and what to do, never the
    hidden temporary file that could not be made."""

    def __init__(self, folder: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(folder))
        self.folder = folder

    def __str__(self) -> str:
        why = (self.strerror or "cannot write there").lower()
        return (f"cannot write into the folder {self.folder} ({why}); choose another output folder with "
                f"-o DIR, or make this one writable")


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_files_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write every file to a temporary file beside it, then rename them all into place.

    Never a half-written file; an interruption (held until the renames are done) or a failed
    write leaves every earlier file as it was and no temporary file behind.  Writers of one set
    (the files named like the first one) take turns on a lock file, so two renders of the same
    sheet at once never mix their files.  A set of several files in one folder is renamed under a
    journal written first: a process killed among the renames leaves the journal, and the next
    writer of that folder finishes the renames, so the set is replaced as a unit as far as the
    file system allows.  Temporary files that a killed writer left are removed by the next one."""
    for path, _ in files:  # the one way a rename could fail after another has been done
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "cannot replace a folder with a file", str(path))
    if not files:
        return
    first = files[0][0]
    with _set_lock(first.parent, first.stem):
        sweep_stale(first.parent, holding=first.stem)
        one_folder = len(files) > 1 and len({p.parent for p, _ in files}) == 1
        temps: list[tuple[str, Path]] = []
        journal = _journal(first.parent, first.stem)
        with deferred_signals():
            try:
                for path, data in files:
                    temps.append((_write_temp(path, data), path))
                if one_folder:
                    _write_journal(journal, temps)
                for tmp, path in temps:
                    try:
                        os.replace(tmp, path)
                    except OSError as exc:
                        raise OSError(exc.errno, exc.strerror, str(path)) from None
            except BaseException:
                for tmp, _ in temps:
                    _unlink(tmp)
                if one_folder:
                    _unlink(str(journal))
                raise
            for parent in {path.parent for _, path in temps}:
                _fsync_dir(parent)
            if one_folder:
                _unlink(str(journal))


# --- taking turns, and what a killed writer leaves ----------------------------------------------

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writers of one sheet are not serialised there
    fcntl = None  # type: ignore[assignment]


def _lock_path(folder: Path, stem: str) -> Path:
    return folder / f".{stem}.lock"


def _journal(folder: Path, stem: str) -> Path:
    return folder / f".{stem}.renames"


@contextmanager
def _set_lock(folder: Path, stem: str, wait: bool = True) -> Iterator[bool]:
    """Hold the lock of the set ``stem`` in ``folder`` (a hidden file ``.STEM.lock``, removed when let go);
    with ``wait=False``, yields False at once when another process holds it."""
    path = _lock_path(folder, stem)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(folder, exc) from None
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
        except OSError as exc:
            raise OutputFolderError(folder, exc) from None
        if fcntl is None:
            break
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            yield False
            return
        except BaseException:
            os.close(fd)
            raise
        try:  # the holder before may have removed the file while this one waited: lock the file that is there
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield True
    finally:
        if fcntl is None:  # Windows cannot remove an open file
            os.close(fd)
            try:
                os.unlink(path)
            except OSError:
                pass
        else:
            _unlink(str(path))  # removed while held: a writer waiting on it then sees another file and retries
            os.close(fd)  # closing lets the lock go


def _write_journal(journal: Path, temps: list[tuple[str, Path]]) -> None:
    """The renames about to be done (temporary name, file name), on disk before the first of them."""
    lines = "".join(f"{Path(tmp).name}\t{path.name}\n" for tmp, path in temps)
    tmp = _write_temp(journal, lines.encode("utf-8"))
    os.replace(tmp, journal)
    _fsync_dir(journal.parent)


def _finish_renames(journal: Path) -> None:
    """Do the renames a killed writer had written down and not done (each temporary file it names
    is complete: it was synced before the journal was written)."""
    try:
        text = journal.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    for row in text.splitlines():
        tmp, _, name = row.partition("\t")
        if not tmp.startswith(".") or "/" in tmp + name or os.sep in tmp + name or not name:
            continue
        src = journal.parent / tmp
        if src.is_file():
            os.replace(src, journal.parent / name)
    _fsync_dir(journal.parent)
    _unlink(str(journal))


# A temporary file of ours: ``.NAME.XXXXXXXX.tmp`` as tempfile.mkstemp names it beside a file this program writes
# (a journal's too); nothing else in a folder is ever taken for one.
_OUTPUTS = (".pdf", ".png", ".svg")
_TEMP = re.compile(r"^\.(.+\.(?:pdf|png|svg|txt|yaml|renames))\.[a-z0-9_]{8}\.tmp$")


def _temp_owner(name: str) -> str | None:
    """The set (stem) a hidden temporary file ``.NAME.XXXXXXXX.tmp`` belongs to, or None for other files.
    A journal's temporary file is ``..STEM.renames.XXXXXXXX.tmp`` (the journal ``.STEM.renames`` is
    hidden itself): its set is STEM, whose lock its writer holds."""
    m = _TEMP.match(name)
    if not m:
        return None
    named = m.group(1)
    if named.endswith(".renames"):
        return (named[1:-len(".renames")] or None) if named.startswith(".") else None
    return Path(named).stem or None


def sweep_stale(folder: Path, holding: str = "") -> list[Path]:
    """Finish the renames and remove the temporary files that writers killed in ``folder`` left:
    for the set ``holding`` (whose lock the caller holds) and every other set whose lock is free.
    Returns the files removed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    stems: set[str] = set()
    for n in names:
        owner = _temp_owner(n)
        if owner:
            stems.add(owner)
        elif n.startswith(".") and n.endswith(".renames"):
            stems.add(n[1 : -len(".renames")])  # a journal a killed writer left
        elif n.startswith(".") and n.endswith(".lock") and any(f"{n[1:-5]}{e}" in names for e in _OUTPUTS):
            stems.add(n[1 : -len(".lock")])  # the lock a killed writer left beside its outputs
    removed: list[Path] = []
    for stem in sorted(stems):
        if stem == holding:
            removed += _clean_set(folder, stem, names)
            continue
        with _set_lock(folder, stem, wait=False) as free:
            if free:
                removed += _clean_set(folder, stem, names)
    return removed


def _clean_set(folder: Path, stem: str, names: list[str]) -> list[Path]:
    journal = _journal(folder, stem)
    if journal.exists():
        _finish_renames(journal)
    removed = []
    for n in names:
        if _temp_owner(n) == stem and (folder / n).exists():
            _unlink(str(folder / n))
            removed.append(folder / n)
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file."""
    write_files_atomic([(path, data)])


STALE = ".stale"  # what an output kept from before a failed build is renamed with: ch10.pdf -> ch10.stale.pdf


def mark_stale(paths: list[Path]) -> list[Path]:
    """Rename each of ``paths`` that exists to ``NAME.stale.EXT`` (replacing an older one), so that
    outputs that a failed build did not replace no longer look current; the names they got."""
    moved: list[Path] = []
    by_stem: dict[tuple[Path, str], list[Path]] = {}
    for p in paths:
        by_stem.setdefault((p.parent, p.stem), []).append(p)
    for (folder, stem), group in by_stem.items():
        if not any(p.is_file() for p in group):
            continue
        with _set_lock(folder, stem), deferred_signals():
            for p in group:
                if p.is_file():
                    target = p.with_name(f"{p.stem}{STALE}{p.suffix}")
                    os.replace(p, target)
                    moved.append(target)
            _fsync_dir(folder)
    return moved
