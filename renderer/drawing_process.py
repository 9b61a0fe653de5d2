"""A drawing process forked ahead: it imports matplotlib and gets the fonts ready while this
process reads and composes the sheet, then draws the composed pages' marks into PDF, PNG and
SVG bytes and hands them back.

A ``cheatsheet render`` of one chapter spends about as long importing matplotlib and its PDF
backend (0.35 s) as it spends importing the compose modules and composing (0.3 s); on two cores the
two run side by side.  It is started only where that pays: where ``fork`` is the way to start a
process (Linux), and where the tasks running right now leave a core for it (idle_core; under load,
a second process costs more wall time than it saves).  ``CHEATSHEET_DRAW_AHEAD=never`` turns it
off, ``always`` asks for it whatever the load (any other value is ``auto``).  The bytes are those
the pages drawn in this process would have (export.page_files, the same code); when the drawing
process cannot give them (it could not start, died, or failed), ``draw`` returns None and the
caller draws here.  This module imports nothing heavy, so that the fork happens before the imports
it saves."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from dataclasses import dataclass

CORES_NEEDED = 2  # this process and its drawing process, each on a core of its own
LOAD_SLACK = 0.5  # how far the last minute's load average may reach into those cores (it lags)
ENV = "CHEATSHEET_DRAW_AHEAD"  # auto (the default): where a core is idle; always; never


def idle_core() -> bool:
    """Whether the other tasks leave this process and a drawing process a core each, of the cores
    this process may run on: by the tasks running right now (``/proc/loadavg``'s fourth field, this
    process among them), or where that cannot be read, by the last minute's load average (which
    lags: just after a build it still counts the build)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return False
    if cores < CORES_NEEDED:
        return False
    running = runnable_now()
    if running is not None:
        return running - 1 <= cores - CORES_NEEDED  # the others, not counting this process
    try:
        return os.getloadavg()[0] <= cores - CORES_NEEDED + LOAD_SLACK
    except (AttributeError, OSError):
        return False


def runnable_now() -> int | None:
    """How many tasks are running or ready to run at this moment (Linux), or None."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, IndexError, ValueError):
        return None


@dataclass
class Drawer:
    pid: int
    jobs: int  # file descriptor: pages to draw, to the drawing process
    results: int  # file descriptor: their bytes, back from it
    done: bool = False
    status: int | None = None  # how it ended (os.waitpid's status), once reaped

    @classmethod
    def start(cls) -> Drawer | None:
        """A drawing process getting ready, or None where one would not pay (see the module), where
        ``CHEATSHEET_DRAW_AHEAD`` is ``never``, or where this process runs other threads (a fork
        copies only the calling thread, and any lock another one holds stays held)."""
        mode = os.environ.get(ENV, "auto").strip().lower()
        if mode == "never" or (mode != "always" and not idle_core()):
            return None
        if sys.platform != "linux" or not hasattr(os, "fork") or _other_threads():
            return None
        job_r, job_w = os.pipe()
        res_r, res_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            for fd in (job_r, job_w, res_r, res_w):
                os.close(fd)
            return None
        if pid == 0:  # the drawing process: it never returns into the caller's code
            os.close(job_w)
            os.close(res_r)
            code = 0
            try:
                _serve(job_r, res_w)
            except BaseException:  # noqa: BLE001 - whatever it is, the caller draws the pages itself
                code = 1
            finally:
                os._exit(code)  # no exit handlers, no flushing of buffers the caller owns
        os.close(job_r)
        os.close(res_w)
        return cls(pid, job_w, res_r)

    def draw(self, pages: list[list], dpi: int, pdf: bool, png: bool, svg: bool
             ) -> tuple[list[bytes], list[bytes], list[bytes]] | None:
        """The pages' PDFs, PNGs and SVGs (as export.page_files gives them), or None when the
        drawing process has none to give.  One job per drawing process: it ends after it."""
        if self.done:
            return None
        try:
            job = pickle.dumps((pages, dpi, pdf, png, svg), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(self.jobs, "wb", closefd=True) as out:
                self.jobs = -1
                out.write(job)
            with os.fdopen(self.results, "rb", closefd=True) as back:
                self.results = -1
                answer = back.read()
            result = pickle.loads(answer) if answer else None
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            result = None
        except BaseException:  # an interruption (Ctrl-C, a stop signal): the render ends now, not when it has drawn
            self.close()
            raise
        self.close(stop=False)  # it has written all it will (or died): it ends by itself
        return result if isinstance(result, tuple) and len(result) == 3 else None

    def close(self, stop: bool = True) -> None:
        """The drawing process ended (``stop``: killed first, as when it is not needed) and reaped."""
        if self.done:
            return
        self.done = True
        for fd in (self.jobs, self.results):
            if fd >= 0:
                os.close(fd)
        self.jobs = self.results = -1
        try:
            if stop:
                os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitpid(self.pid, 0)[1]
        except (ChildProcessError, ProcessLookupError):
            pass


def _other_threads() -> bool:
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _serve(jobs: int, results: int) -> None:
    """The drawing process: ready to draw, then the one job, its bytes written back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle; it ends this process
    import gc

    gc.disable()
    from .export import page_files, ready_to_draw

    ready_to_draw(every_face=False)  # one sheet: the faces it writes in are read as it is saved
    with os.fdopen(jobs, "rb") as inp:
        data = inp.read()
    if not data:  # the caller drew nothing (its input was refused)
        return
    pages, dpi, pdf, png, svg = pickle.loads(data)
    drawn = page_files(pages, dpi, pdf, png, svg)
    with os.fdopen(results, "wb") as out:
        out.write(pickle.dumps(drawn, protocol=pickle.HIGHEST_PROTOCOL))
