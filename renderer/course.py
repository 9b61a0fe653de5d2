"""A course at once: every chapter of a folder rendered in parallel, a summary, and a booklet.

``cheatsheet build DIR`` renders each prompt or chapter YAML of a folder in a worker process (one
per core) and reports each chapter as it finishes; a chapter that fails is reported with its error
and never stops the others.  A chapter whose input, layout file, source file, options and renderer
are those of its last build (``.cheatsheet-build.json`` in the output folder) is not rendered again.
``--booklet`` joins the chapters' PDFs, in chapter order, into one PDF with a bookmark per chapter
and the fonts shared by all pages, the same bytes on every run.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .console import Console, wants_colour
from .errors import ERROR, InputError, diagnostic, os_error, with_note

BUILD_SUFFIXES = (".md", ".markdown", ".yaml", ".yml")
SOURCE_SUFFIXES = (".md", ".markdown", ".txt")
CACHE_NAME = ".cheatsheet-build.json"
CACHE_FORMAT = 2  # each chapter's key, the layout file its input named, its title and warnings


def _natural(name: str) -> list:
    """Sort key: ch2 before ch10."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t.lower()) for t in re.findall(r"\d+|\D+", name)]


def chapter_files(folder: Path) -> list[Path]:
    """Every prompt and chapter YAML of ``folder`` (not its subfolders), in chapter order."""
    # every entry of a chapter's name, a plain file or not: reading it refuses a FIFO or a device by name
    return sorted((p for p in folder.iterdir() if not p.is_dir() and p.suffix.lower() in BUILD_SUFFIXES
                   and not p.name.startswith(".")), key=lambda p: _natural(p.name))


def chapter_number(name: str) -> int | None:
    """The first number of a file's name (``ch05_tokenization`` -> 5, ``05-토큰화`` -> 5)."""
    m = re.search(r"\d+", name)
    return int(m.group()) if m else None


def _words(stem: str) -> str:
    """What a file's name says after its chapter number (``ch05_tokenization`` -> ``tokenization``)."""
    m = re.search(r"\d+", stem)
    return (stem[m.end():] if m else stem).strip("_-. ").lower()


def find_sources(chapters: list[Path], folder: Path) -> dict[str, Path]:
    """Each chapter's source file in ``folder``: the one with the chapter's name, else the one with
    its chapter number (of several with that number, the one whose words after the number share the
    longest start with the chapter's)."""
    files = source_files(folder)
    by_stem = {p.stem.lower(): p for p in files}
    out: dict[str, Path] = {}
    for ch in chapters:
        hit = by_stem.get(ch.stem.lower())
        if hit is None:
            n = chapter_number(ch.stem)
            same = [p for p in files if n is not None and chapter_number(p.stem) == n]
            if same:
                hit = min(same, key=lambda p: (-len(os.path.commonprefix([_words(p.stem), _words(ch.stem)])),
                                               _natural(p.name)))
        if hit is not None:
            out[str(ch)] = hit
    return out


def source_files(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                   and not p.name.startswith(".")), key=lambda p: _natural(p.name))


@dataclass
class ChapterBuild:
    """What building one chapter gave: its files, warnings, time, or its error."""

    path: str
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    detail: str = ""  # how it was fitted (printed with -v)
    pdf: bytes | None = None  # kept for the booklet
    stem: str = ""  # the name of its outputs (the input's, unless another input has it too)
    unchanged: bool = False  # not rendered again: its inputs are those of its last build
    key: str | None = None  # chapter_key of what it was rendered from, when the build worked it out
    layout: str | None = None  # ... and the layout file its input named (chapter_layout)

    @property
    def name(self) -> str:
        return self.stem or Path(self.path).stem

    @property
    def ok(self) -> bool:
        return self.error is None


def with_chapter(text: str, path: str) -> str:
    """A warning that does not already name the chapter's file gets the chapter's name."""
    return text if text.startswith(path) else with_note(text, f"chapter {Path(path).stem}")


def build_chapter(path: str, out: str, dpi: int, keep_pdf: bool = False, qr: bool = True, stem: str = "",
                  source: str | None = None, renderer: str = "") -> ChapterBuild:
    """Render one chapter and write its PDF and PNG; never raises for the chapter's own faults.
    ``source``: the chapter's source file (its moment in the video); ``renderer``: when given, the
    chapter's key (chapter_key) is worked out here, before its render, instead of by the caller."""
    from .render import render, write_outputs

    t0 = time.perf_counter()
    stem = stem or Path(path).stem
    done = ChapterBuild(path, stem=stem)
    if renderer:
        done.layout = chapter_layout(path, source)
        done.key = None if done.layout is None else chapter_key(path, source, renderer, dpi, qr, done.layout)
    try:
        result = render(path, dpi=dpi, qr=qr, source=source)
        done.title = result.chapter.meta.title or stem
        done.written = [str(p) for p in write_outputs(result, Path(out), stem)]
        done.warnings = [with_chapter(str(n), path) for n in result.notices]
        sizes = sorted({round(f.size, 2) for f in result.page.fits.values()})
        body = f"{sizes[0]:g} pt" if len(sizes) == 1 else f"{sizes[0]:g}-{sizes[-1]:g} pt" if sizes else "-"
        done.detail = f"{path}: {len(result.page.fits)} regions, body {body}"
        if keep_pdf:
            done.pdf = result.pdf
    except InputError as exc:
        done.error = exc.render()
    except OSError as exc:
        done.error = os_error(exc, path)
    except Exception as exc:  # an internal fault in one chapter: reported, the others go on
        done.error = diagnostic(ERROR, f"internal error: {type(exc).__name__}: {exc}", path,
                                hint="set CHEATSHEET_DEBUG=1 and render this chapter alone for details")
    done.seconds = time.perf_counter() - t0
    return done


def _build_job(job: tuple[str, str, int, bool, bool, str, str | None, str]) -> ChapterBuild:
    """One chapter in a worker, then the garbage it made collected (the render itself runs without a
    collection): only the youngest generation, where all of a render's objects are, since a full
    collection also walks every cache the worker keeps (24 chapters on one worker: 0.38 s a chapter
    for a full collection, 0.10 s for the youngest generation, peak memory 214 and 227 MB)."""
    import gc

    try:
        return build_chapter(*job)
    finally:
        gc.collect(0)


def warm_up() -> None:
    """What every render needs, done once in the process that forks the build's workers: the render
    modules and matplotlib's backends imported, the vendored fonts registered and every face's tables read
(for measuring and subsetting), PDFium started.
    Each worker starts with it all (measured on 24 chapters, 2 workers: each worker paid about a
    second of CPU for its imports before).  The objects made so far are frozen out of the garbage
    collector's reach, so that its collections in the workers do not walk them (or copy their pages)."""
    import gc

    from . import render  # noqa: F401
    from .compose.text.fonts import faces, metrics
    from .export import ready_to_draw

    ready_to_draw()
    for family in faces():
        metrics(family)
    gc.collect()
    gc.freeze()


def _pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked from this process once it is warm (warm_up), where fork is safe; elsewhere
    the platform's way of starting them, each importing what it needs."""
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        warm_up()
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=workers)


def run_builds(paths: list[str], out: str, dpi: int, workers: int, keep_pdf: bool = False,
               qr: bool = True, stems: dict[str, str] | None = None,
               sources: dict[str, str] | None = None, renderer: str = "") -> Iterator[ChapterBuild]:
    """Each chapter's build, in the order they finish.  ``workers`` > 1: in that many processes.
    ``renderer``: each build works out its chapter's key (ChapterBuild.key) with this renderer id."""
    stems, sources = stems or {}, sources or {}
    jobs = [(p, out, dpi, keep_pdf, qr, stems.get(p, ""), sources.get(p), renderer) for p in paths]
    if workers <= 1:
        for j in jobs:
            yield _build_job(j)
        return
    pool = _pool(workers)
    try:
        futures: dict[Future, str] = {pool.submit(_build_job, j): j[0] for j in jobs}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except Exception as exc:  # the worker itself died (out of memory, killed)
                yield ChapterBuild(futures[fut], stem=stems.get(futures[fut], ""),
                                   error=diagnostic(ERROR, f"its render process failed ({type(exc).__name__}: "
                                                           f"{exc})", futures[fut]))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # renders under way finish their (atomic) writes
        raise
    pool.shutdown()


# --- the booklet ---------------------------------------------------------------------------

BOOKLET_METADATA = {"/Creator": "cheatsheet", "/Producer": "cheatsheet"}


def booklet_bytes(chapters: list[tuple[str, bytes]], title: str = "") -> bytes:
    """One PDF of the given (bookmark title, one-page PDF) in that order, one bookmark per page.

    The same bytes on every run: fixed metadata (no dates), and a file identifier made from the
    content instead of random bytes.  Each face is embedded once for all the pages (booklet_fonts),
    and any other object that several pages have alike is kept once."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    writer = PdfWriter()
    for name, data in chapters:
        reader = PdfReader(io.BytesIO(data))
        first = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        writer.add_outline_item(title=name, page_number=first)
    meta = dict(BOOKLET_METADATA)
    if title:
        meta["/Title"] = title
    writer.add_metadata(meta)
    writer.page_mode = "/UseOutlines"
    from .booklet_fonts import share_fonts

    share_fonts(writer)  # one subset per face for all the pages, not one per page
    dedupe = getattr(writer, "compress_identical_objects", None)  # pypdf 4.3 and later
    if dedupe is not None:
        dedupe()  # by default: an object that several pages have alike kept once, the unused dropped
    digest = hashlib.sha256()
    for name, data in chapters:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    ident = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([ident, ident])  # pypdf leaves it random (or out): the content decides it here
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- reporting -------------------------------------------------------------------------------


@dataclass
class Reporter:
    """How a build talks: a progress bar on a terminal, one plain line per chapter on a pipe."""

    con: Console
    total: int
    terminal: bool
    _progress: object = None
    _task: object = None
    _done: int = 0

    def __enter__(self) -> Reporter:
        if self.terminal and self.con.verbosity >= 1:
            from rich.console import Console as RichConsole
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), TextColumn("{task.description}"),
                                      console=RichConsole(file=sys.stderr, no_color=not wants_colour(sys.stderr)),
                                      transient=True)
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _print(self, emit: Callable[[str], None], text: str) -> None:
        if self._progress is not None:  # above the bar, which stays at the bottom
            self._progress.console.print(text, markup=False, highlight=False, style=_STYLE.get(emit.__name__))
        else:
            emit(text)

    def chapter_done(self, b: ChapterBuild) -> None:
        self._done += 1
        for w in b.warnings:
            self._print(self.con.warning, w)
        if b.error:
            self._print(self.con.error, b.error)
        if b.detail and self.con.verbosity >= 2:
            self._print(self.con.detail, b.detail)
        line = f"[{self._done}/{self.total}] {b.name}"
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=line)
        else:
            status = "unchanged" if b.unchanged else "ok" if b.ok else "FAILED"
            tail = f" -> {' '.join(b.written)}" if b.written else ""
            n = len(b.warnings)
            self.con.out(f"{line} {status} {b.seconds:.2f} s, {n} warning{'' if n == 1 else 's'}{tail}")


_STYLE = {"error": "bold red", "warning": "yellow", "detail": "dim"}


def summary(con: Console, builds: list[ChapterBuild], terminal: bool, booklet: str = "") -> None:
    """The table at the end: chapter, status, seconds, warnings (stdout, not with -q)."""
    if con.verbosity < 1:
        return
    from rich import box
    from rich.console import Console as RichConsole
    from rich.table import Table

    t = Table(box=box.SIMPLE if terminal else box.ASCII, title=None, show_footer=True)
    failed = sum(not b.ok for b in builds)
    t.add_column("chapter", footer=f"{len(builds)} chapters")
    t.add_column("status", footer="all ok" if not failed else f"{failed} failed")
    t.add_column("seconds", justify="right", footer=f"{sum(b.seconds for b in builds):.2f}")
    t.add_column("warnings", justify="right", footer=str(sum(len(b.warnings) for b in builds)))
    for b in builds:
        t.add_row(b.name, "unchanged" if b.unchanged else "ok" if b.ok else "failed", f"{b.seconds:.2f}",
                  str(len(b.warnings)),
                  style=None if b.ok or not terminal else "red")
    out = RichConsole(file=sys.stdout, force_terminal=terminal, no_color=not wants_colour(sys.stdout),
                      width=None if terminal else 100, highlight=False)
    out.print(t)
    if booklet:
        out.print(booklet, markup=False, highlight=False)


def renderer_id() -> str:
    """The renderer's version and a digest of its code, fonts and theme: a chapter built by another
    renderer is built again."""
    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    fonts = here.parent / "fonts"
    files = sorted(here.rglob("*.py")) + (sorted(p for p in fonts.rglob("*") if p.is_file()) if fonts.is_dir() else [])
    for f in files:
        digest.update(f.relative_to(here.parent).as_posix().encode() + b"\0" + hashlib.sha256(f.read_bytes()).digest())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def _file_digest(path: str | Path | None) -> str:
    if not path:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def chapter_layout(path: str, source: str | None) -> str | None:
    """The layout file a chapter's input names ("" when its diagram is in the input itself); None
    when the input cannot be read."""
    from .sources import read_input

    try:
        chapter = read_input(path, source)
    except (InputError, OSError):
        return None
    layout = chapter.layout.file
    return os.path.abspath(layout) if layout and Path(layout).resolve() != Path(path).resolve() else ""


def chapter_key(path: str, source: str | None, renderer: str, dpi: int, qr: bool,
                layout: str | None = None) -> str | None:
    """A digest of everything a chapter's sheet is made from: its input, the layout file it names,
    its source file, the options and the renderer; None when the input cannot be read (it is then
    rendered, and its error reported).  ``layout``: the layout file the input named at its last
    build (chapter_layout), so that an input is not read again only to find it: should the input
    have changed since, its own digest changes the key anyway."""
    if layout is None:
        layout = chapter_layout(path, source)
        if layout is None:
            return None
    parts = {"renderer": renderer, "dpi": dpi, "qr": qr, "input": _file_digest(path),
             "layout": _file_digest(layout) if layout else "", "source": _file_digest(source)}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def read_cache(out: Path) -> dict:
    try:
        doc = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT:
        return {}  # another renderer's record: every chapter is built again
    chapters = doc.get("chapters")
    return chapters if isinstance(chapters, dict) else {}


def write_cache(out: Path, chapters: dict) -> None:
    """Atomically, and the same bytes for the same builds (sorted, no times)."""
    from .export import write_atomic

    doc = {"format": CACHE_FORMAT, "chapters": chapters}
    write_atomic(out / CACHE_NAME, (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())


def build_course(paths: list[Path], out: str, dpi: int, workers: int, con: Console,
                 booklet: Path | None = None, terminal: bool | None = None, qr: bool = True,
                 sources: dict[str, Path] | None = None, force: bool = False, title: str = "") -> int:
    """Build every chapter that changed (every one with ``force``), report as each finishes, print
    the summary; 1 if any chapter failed."""
    from .cli import output_stems
    from .export import OUTPUT_SUFFIXES, mark_stale, write_atomic

    if terminal is None:
        terminal = _is_terminal()
    names = [str(p) for p in paths]
    stem_list, renames = output_stems(names)
    for w in renames:
        con.warning(w)
    stems = dict(zip(names, stem_list))
    src = {n: str(p) for n, p in (sources or {}).items()}
    renderer = renderer_id()
    outdir = Path(out)
    cache = read_cache(outdir)
    # A chapter is unchanged when its key, worked out with the layout file it named at its last build, is the
    # key recorded then: no input is read for that.  Each chapter rendered works out its own key, in its worker.
    keys: dict[str, str | None] = {}
    layouts: dict[str, str] = {}
    builds: dict[str, ChapterBuild] = {}
    todo: list[str] = []
    for n in names:
        was = cache.get(stems[n])
        outputs = [outdir / f"{stems[n]}{ext}" for ext in (".pdf", ".png")]
        layout = was.get("layout") if isinstance(was, dict) else None
        key = (chapter_key(n, src.get(n), renderer, dpi, qr, layout)
               if not force and isinstance(layout, str) and all(p.is_file() for p in outputs) else None)
        if key is not None and isinstance(was, dict) and was.get("key") == key:
            keys[n], layouts[n] = key, str(layout)
            b = ChapterBuild(n, title=str(was.get("title") or stems[n]), stem=stems[n], unchanged=True,
                             warnings=[str(w) for w in was.get("warnings", [])])
            if booklet is not None:
                b.pdf = outputs[0].read_bytes()
            builds[n] = b
        else:
            todo.append(n)
    with Reporter(con, len(names), terminal) as rep:
        for n in names:
            if n in builds:
                rep.chapter_done(builds[n])
        for b in run_builds(todo, out, dpi, max(1, min(workers, len(todo))), keep_pdf=booklet is not None, qr=qr,
                            stems=stems, sources=src, renderer=renderer):
            builds[b.path] = b
            keys[b.path] = b.key
            if b.layout is not None:
                layouts[b.path] = b.layout
            rep.chapter_done(b)
    ordered = [builds[n] for n in names]  # chapter order: the files' names, numbers by their value
    if outdir.is_dir():
        new_cache = {b.name: {"input": b.path, "key": keys[b.path], "layout": layouts[b.path], "title": b.title,
                              "warnings": b.warnings}
                     for b in ordered if b.ok and keys.get(b.path) is not None and b.path in layouts}
        if new_cache != cache:
            write_cache(outdir, new_cache)
    note = ""
    failed = [b for b in ordered if not b.ok]
    notes = []
    for b in failed:  # what the failed chapter had written before would look current: marked stale
        stale = mark_stale([Path(out) / f"{Path(b.path).stem}{ext}" for ext in OUTPUT_SUFFIXES])
        if stale:
            notes.append(f"{b.name} failed: its earlier outputs were kept as " + ", ".join(str(p) for p in stale))
    if booklet is not None:
        if failed:
            stale = mark_stale([booklet])
            note = f"booklet {booklet} not written: {len(failed)} chapter(s) failed" + (
                f"; the earlier booklet was kept as {stale[0]}" if stale else "")
            con.error(diagnostic(ERROR, note, hint="fix the chapters reported above, then build again"))
        else:
            write_atomic(booklet, booklet_bytes([(b.title, b.pdf or b"") for b in ordered], title))
            note = f"booklet: {booklet} ({len(ordered)} pages)"
    summary(con, ordered, terminal, "\n".join([*notes, note]).strip())
    return 1 if failed else 0


def _is_terminal() -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError, OSError):
        return False
