"""A course at once: every chapter of a folder rendered in parallel, a summary, and a booklet.

``cheatsheet build`` renders each chapter YAML in a worker process (one per core) and reports each
chapter as it finishes; a chapter that fails is reported with its error and never stops the
others.  ``--booklet`` joins the chapters' PDFs, in chapter order, into one PDF with a bookmark per
chapter, the same bytes on every run.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .console import Console, wants_colour
from .errors import InputError


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

    @property
    def name(self) -> str:
        return Path(self.path).stem

    @property
    def ok(self) -> bool:
        return self.error is None


def with_chapter(text: str, path: str) -> str:
    """A warning that does not already name the chapter's file gets the chapter's name."""
    return text if text.startswith(path) else f"{text} (chapter {Path(path).stem})"


def build_chapter(path: str, out: str, dpi: int, keep_pdf: bool = False, qr: bool = True) -> ChapterBuild:
    """Render one chapter and write its PDF and PNG; never raises for the chapter's own faults."""
    from .render import render, write_outputs

    t0 = time.perf_counter()
    done = ChapterBuild(path)
    try:
        result = render(path, dpi=dpi, qr=qr)
        done.title = result.chapter.meta.title or Path(path).stem
        done.written = [str(p) for p in write_outputs(result, Path(out), Path(path).stem)]
        done.warnings = [with_chapter(str(n), path) for n in result.notices]
        sizes = sorted({round(f.size, 2) for f in result.page.fits.values()})
        body = f"{sizes[0]:g} pt" if len(sizes) == 1 else f"{sizes[0]:g}-{sizes[-1]:g} pt" if sizes else "-"
        done.detail = f"{path}: {len(result.page.fits)} regions, body {body}"
        if keep_pdf:
            done.pdf = result.pdf
    except InputError as exc:
        done.error = exc.render()
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        done.error = f"{path}: error: {exc.strerror or exc}{where}"
    except Exception as exc:  # an internal fault in one chapter: reported, the others go on
        done.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
    done.seconds = time.perf_counter() - t0
    return done


def _build_job(job: tuple[str, str, int, bool, bool]) -> ChapterBuild:
    return build_chapter(*job)


def run_builds(paths: list[str], out: str, dpi: int, workers: int, keep_pdf: bool = False,
               qr: bool = True) -> Iterator[ChapterBuild]:
    """Each chapter's build, in the order they finish.  ``workers`` > 1: in that many processes."""
    jobs = [(p, out, dpi, keep_pdf, qr) for p in paths]
    if workers <= 1:
        for j in jobs:
            yield _build_job(j)
        return
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        futures: dict[Future, str] = {pool.submit(_build_job, j): j[0] for j in jobs}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except Exception as exc:  # the worker itself died (out of memory, killed)
                yield ChapterBuild(futures[fut], error=f"{futures[fut]}: error: its render process failed "
                                                       f"({type(exc).__name__}: {exc})")
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # renders under way finish their (atomic) writes
        raise
    pool.shutdown()


# --- the booklet ---------------------------------------------------------------------------

BOOKLET_METADATA = {"/Creator": "cheatsheet", "/Producer": "cheatsheet"}


def booklet_bytes(chapters: list[tuple[str, bytes]], title: str = "") -> bytes:
    """One PDF of the given (bookmark title, one-page PDF) in that order, one bookmark per page.

    The same bytes on every run: fixed metadata (no dates), and a file identifier made from the
    content instead of random bytes."""
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
                                      console=RichConsole(file=sys.stderr), transient=True)
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
            status = "ok" if b.ok else "FAILED"
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
        t.add_row(b.name, "ok" if b.ok else "failed", f"{b.seconds:.2f}", str(len(b.warnings)),
                  style=None if b.ok or not terminal else "red")
    out = RichConsole(file=sys.stdout, force_terminal=terminal, no_color=not wants_colour(sys.stdout),
                      width=None if terminal else 100, highlight=False)
    out.print(t)
    if booklet:
        out.print(booklet, markup=False, highlight=False)


def build_course(paths: list[Path], out: str, dpi: int, workers: int, con: Console,
                 booklet: Path | None = None, terminal: bool | None = None, qr: bool = True) -> int:
    """Build every chapter, report as each finishes, print the summary; 1 if any chapter failed."""
    from .export import mark_stale, write_atomic
    from .render import OUTPUT_SUFFIXES

    if terminal is None:
        terminal = _is_terminal()
    names = [str(p) for p in paths]
    builds: dict[str, ChapterBuild] = {}
    with Reporter(con, len(names), terminal) as rep:
        for b in run_builds(names, out, dpi, workers, keep_pdf=booklet is not None, qr=qr):
            builds[b.path] = b
            rep.chapter_done(b)
    ordered = [builds[n] for n in names]  # chapter order: the files' sorted names
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
            con.error(f"cheatsheet build: error: {note}")
        else:
            write_atomic(booklet, booklet_bytes([(b.title, b.pdf or b"") for b in ordered]))
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
