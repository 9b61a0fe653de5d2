"""``cheatsheet watch``: render a prompt or chapter again on every save.

One process for the whole session, so that the imports, the fonts and matplotlib's caches stay
warm and a re-render costs only the render itself.  A save that cannot be rendered prints its error
and the earlier outputs stay as they were (every write is atomic); the next good save replaces
them.  For a chapter YAML the layout file it names is watched too.

The loop (``watch_loop``) takes any iterable of change batches, so that it can be driven by the
file system (``file_events``) or by a test."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import theme
from .compose.page import Memo
from .console import Console
from .course import with_chapter
from .errors import InputError


@dataclass
class Watcher:
    """One input, rendered to ``out/NAME.pdf`` and ``.png`` again whenever one of its files changes."""

    source: str
    out: Path
    con: Console
    dpi: int = theme.DEFAULT_DPI
    exact: bool = False
    files: set[Path] = field(default_factory=set)  # the input and, for a chapter YAML, its layout file
    renders: int = 0  # renders that wrote their outputs
    # the PNG saved in a second process while the PDF is saved here, when there is a second core
    parallel: bool = field(default_factory=lambda: (os.cpu_count() or 1) > 1)
    # what composing measured per region, so that a save re-measures only the regions it changed
    memo: Memo = field(default_factory=Memo)

    def __post_init__(self) -> None:
        self.files = {Path(self.source).resolve()}

    @property
    def stem(self) -> str:
        return Path(self.source).stem

    def render(self) -> bool:
        """Render and write; False (the error printed, nothing written) when the input is bad."""
        from .render import render, write_outputs

        t0 = time.perf_counter()
        try:
            with collections_held():
                result = render(self.source, dpi=self.dpi, exact=self.exact, parallel=self.parallel, memo=self.memo)
            files = {Path(self.source).resolve(), Path(result.chapter.layout.file).resolve()}
            if files != self.files or not self.renders:
                self.con.out("watching " + ", ".join(sorted(str(p) for p in files)) + " (Ctrl-C to stop)")
            self.files = files
            written = write_outputs(result, self.out, self.stem)
        except InputError as exc:
            self.con.error(exc.render())
            return False
        except OSError as exc:  # a file caught mid-save, a folder that cannot be written
            where = f": {exc.filename}" if exc.filename else ""
            self.con.error(f"{self.source}: error: {exc.strerror or exc}{where}")
            return False
        except Exception as exc:  # an internal fault: one line, and the watch goes on
            self.con.error(f"{self.source}: internal error: {type(exc).__name__}: {exc}")
            return False
        for n in result.notices:
            self.con.warning(with_chapter(str(n), result.chapter.source))
        self.renders += 1
        self.con.out(f"{self.stem}: rendered in {time.perf_counter() - t0:.2f} s -> "
                     + " ".join(str(p) for p in written))
        return True

    def concerns(self, changed: Collection[str | Path]) -> bool:
        return any(Path(p).resolve() in self.files for p in changed)


@contextmanager
def collections_held() -> Iterator[None]:
    """No garbage collection inside the block: a render makes many short-lived objects, and in a
    warm process (imports, fonts and caches all tracked) a full collection costs about a tenth of a
    second.  The collector runs as before afterwards; watch_loop collects between saves."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def watch_loop(w: Watcher, events: Iterable[Collection[str | Path]]) -> int:
    """Render once, then again after each batch of changed paths that touches the input's files;
    returns when ``events`` ends.  0 when the last render succeeded, else 1.  The garbage of a
    render is collected after it has been written, while the loop waits for the next save."""
    ok = w.render()
    gc.collect()
    for changed in events:
        if w.concerns(changed):
            ok = w.render()
            gc.collect()
    return 0 if ok else 1


def file_events(w: Watcher) -> Iterator[set[Path]]:
    """Batches of paths changed in the folders holding the watcher's files (the folders, not the
    files: an editor that saves by writing a new file and renaming it over the old one is seen
    too).  When a chapter starts using a layout in another folder, that folder is watched from then on."""
    from watchfiles import watch

    while True:
        folders = sorted({p.parent for p in w.files})
        for changes in watch(*folders, raise_interrupt=True):
            yield {Path(p) for _, p in changes}
            if sorted({p.parent for p in w.files}) != folders:
                break
        else:
            return


def cmd_watch(source: str, out: str, dpi: int, exact: bool, con: Console) -> int:
    """Watch until Ctrl-C (exit 0)."""
    w = Watcher(source, Path(out), con, dpi, exact)
    try:
        watch_loop(w, file_events(w))
    except KeyboardInterrupt:
        con.out("stopped watching; the files written are complete")
        return 0
    return 0

