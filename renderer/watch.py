"""``cheatsheet watch``: render a prompt or chapter again on every save.

One process for the whole session, so that the imports, the fonts and matplotlib's caches stay
warm and a re-render costs only the render itself.  A save that cannot be rendered prints its error
and the earlier outputs stay as they were (every write is atomic); the next good save replaces
them.  For a chapter YAML the layout file it names is watched too.

The loop (``watch_loop``) takes any iterable of change batches, so that it can be driven by the
file system (``file_events``) or by a test."""

from __future__ import annotations

import gc
import queue
import threading
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import theme
from .compose.page import Memo
from .console import Console
from .course import with_chapter
from .errors import ERROR, InputError, diagnostic, os_error


@dataclass
class Watcher:
    """One input, rendered to ``out/NAME.pdf`` and ``.png`` again whenever one of its files changes."""

    source: str
    out: Path
    con: Console
    dpi: int = theme.DEFAULT_DPI
    exact: bool = False
    svg: bool = False
    qr: bool = True
    source_file: str | None = None  # --source: the chapter source file giving the moment in the video
    strict: bool = False
    pdf: bool = True  # --format, --pdf-only, --png-only: which of the PDF and PNG to write
    png: bool = True
    one_page: bool = False  # --one-page: content the page cannot hold is an error, not a second page
    files: set[Path] = field(default_factory=set)  # the input, its layout file, its source file
    renders: int = 0  # renders that wrote their outputs
    # what composing measured per region, so that a save re-measures only the regions it changed
    memo: Memo = field(default_factory=Memo)
    # the watched files' times and sizes as the last render read them
    rendered: dict[Path, tuple[int, int] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.files = {Path(self.source).resolve()} | ({Path(self.source_file).resolve()} if self.source_file else set())
        self._said: set[Path] = set()
        try:  # a chapter YAML's layout file, known before the first render so that it is watched during it
            from .sources import read_input

            self.files.add(Path(read_input(self.source).layout.file).resolve())
        except Exception:  # noqa: BLE001 - the first render reports what is wrong with the input
            pass

    def announce(self) -> None:
        """Say what is watched, once at the start and again when that changes."""
        if self.files != self._said:
            self.con.out("watching " + ", ".join(sorted(str(p) for p in self.files)) + " (Ctrl-C to stop)")
            self._said = set(self.files)

    def snapshot(self) -> dict[Path, tuple[int, int] | None]:
        """Each watched file's modification time and size (None: missing), to see a save made while
        a render was under way."""
        out: dict[Path, tuple[int, int] | None] = {}
        for p in sorted(self.files):
            try:
                st = p.stat()
                out[p] = (st.st_mtime_ns, st.st_size)
            except OSError:
                out[p] = None
        return out

    @property
    def stem(self) -> str:
        return Path(self.source).stem

    def render(self) -> bool:
        """Render and write; False (the error printed, nothing written) when the input is bad."""
        from .render import render, write_outputs

        t0 = time.perf_counter()
        try:
            result = render(self.source, dpi=self.dpi, exact=self.exact, memo=self.memo, svg=self.svg, qr=self.qr,
                            source=self.source_file, strict=self.strict, pdf=self.pdf, png=self.png,
                            one_page=self.one_page)
            files = {Path(self.source).resolve(), Path(result.chapter.layout.file).resolve()}
            if self.source_file:
                files.add(Path(self.source_file).resolve())
            self.files = files
            self.announce()
            written = write_outputs(result, self.out, self.stem)
        except InputError as exc:
            self.con.error(exc.render())
            return False
        except OSError as exc:  # a file caught mid-save, a folder that cannot be written
            self.con.error(os_error(exc, self.source))
            return False
        except Exception as exc:  # an internal fault: one line, and the watch goes on
            self.con.error(diagnostic(ERROR, f"internal error: {type(exc).__name__}: {exc}", self.source))
            return False
        for n in result.notices:
            self.con.warning(with_chapter(str(n), result.chapter.source))
        self.renders += 1
        self.con.out(f"{self.stem}: rendered in {time.perf_counter() - t0:.2f} s -> "
                     + " ".join(str(p) for p in written))
        return True

    def concerns(self, changed: Collection[str | Path]) -> bool:
        return any(Path(p).resolve() in self.files for p in changed)


def watch_loop(w: Watcher, events: Iterable[Collection[str | Path]]) -> int:
    """Say what is watched, render once, then again after each batch of changed paths that touches
    the input's files; returns when ``events`` ends.  0 when the last render succeeded, else 1.

    A save made while a render is under way is never lost: the watched files' times and sizes are
    taken before each render and compared after it, and a difference renders again at once (and the
    file system's events, which start before the first render, bring it too).  The garbage of a
    render is collected after it has been written, while the loop waits for the next save."""
    w.announce()
    ok = _render_until_still(w)
    for changed in events:
        # a batch that brings only what a render has already seen (the save made during the first
        # render, which that render's snapshots caught) is not rendered again
        if w.concerns(changed) and w.snapshot() != w.rendered:
            ok = _render_until_still(w)
    return 0 if ok else 1


def _render_until_still(w: Watcher, most: int = 5) -> bool:
    ok = False
    for _ in range(most):
        before = w.snapshot()
        ok = w.render()
        gc.collect()
        after = w.snapshot()
        if all(after.get(p, before[p]) == before[p] for p in before):
            w.rendered = after
            break
    return ok


class FileEvents:
    """Batches of paths changed in the folders holding the watcher's files (the folders, not the
    files: an editor that saves by writing a new file and renaming it over the old one is seen
    too).  The watching starts when this is made, in a thread of its own, so that it is already on
    while the first render runs: a save made then is the first batch.  When a chapter starts using
    a layout in another folder, that folder is watched from then on."""

    READY_SECONDS = 5.0  # at most this long to wait for the file system's watch to be set up

    def __init__(self, w: Watcher, force_polling: bool | None = None) -> None:
        self.w = w
        self.force_polling = force_polling
        self.batches: queue.Queue[set[Path] | BaseException] = queue.Queue()
        self.folders: list[Path] = []
        self._stop = threading.Event()
        self._start()

    def _start(self) -> None:
        self.folders = sorted({p.parent for p in self.w.files})
        self._stop = stop = threading.Event()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(self.folders, stop, ready), daemon=True,
                         name="cheatsheet-watch").start()
        ready.wait(self.READY_SECONDS)

    def _run(self, folders: list[Path], stop: threading.Event, ready: threading.Event) -> None:
        from watchfiles import watch

        try:
            # yield_on_timeout: the first (empty) batch says that the watch is set up
            for changes in watch(*folders, stop_event=stop, rust_timeout=100, yield_on_timeout=True,
                                 raise_interrupt=False, force_polling=self.force_polling):
                ready.set()
                if changes and not stop.is_set():
                    self.batches.put({Path(p) for _, p in changes})
        except BaseException as exc:  # noqa: BLE001 - a folder that went away: the loop reports it
            if not stop.is_set():
                self.batches.put(exc)
        finally:
            ready.set()

    def close(self) -> None:
        self._stop.set()

    def __iter__(self) -> FileEvents:
        return self

    def __next__(self) -> set[Path]:
        while True:
            try:
                got = self.batches.get(timeout=0.2)  # a short wait, so that Ctrl-C is taken at once
            except queue.Empty:
                continue
            if isinstance(got, BaseException):
                self.close()
                raise got
            if sorted({p.parent for p in self.w.files}) != self.folders:
                self.close()
                self._start()
            return got


def file_events(w: Watcher) -> FileEvents:
    """The file system's changes for ``w``, watched from this call on (see FileEvents)."""
    return FileEvents(w)


def cmd_watch(source: str, out: str, dpi: int, exact: bool, con: Console, svg: bool = False, qr: bool = True,
              source_file: str | None = None, strict: bool = False, pdf: bool = True, png: bool = True,
              one_page: bool = False) -> int:
    """Say what is watched, start watching, render, and render again on every save until Ctrl-C (exit 0)."""
    w = Watcher(source, Path(out), con, dpi, exact, svg=svg, qr=qr, source_file=source_file, strict=strict,
                pdf=pdf, png=png, one_page=one_page)
    w.announce()  # at once, before the watch is set up and the first render starts
    events = None
    try:
        events = file_events(w)
        watch_loop(w, events)
    except KeyboardInterrupt:
        con.out("stopped watching; the files written are complete")
        return 0
    finally:
        if events is not None:
            events.close()
    return 0

