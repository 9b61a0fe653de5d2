"""The drawing process forked ahead (drawing_process): the pages it draws are the bytes drawn in
the process itself, a drawing process that dies or is not needed costs nothing but its time, and
it is forked only where it is safe and pays.  Forking runs in fresh processes (a pytest worker
runs threads, where the module rightly refuses to fork)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cheatsheet import drawing_process
from cheatsheet.drawing_process import ENV, Drawer
from tests.conftest import CHAPTERS, ROOT

# a sheet of two pages, with the SVG asked for too: every kind of bytes, every page
SCRIPT = """
import os, signal, sys
from cheatsheet.drawing_process import Drawer
from cheatsheet.render import render

given = []
draw = Drawer.draw
Drawer.draw = lambda self, *args: given.append(draw(self, *args)) or given[-1]

path, how = sys.argv[1], sys.argv[2]
drawer = Drawer.start()
assert drawer is not None, "no drawing process"
if how == "dies":
    os.kill(drawer.pid, signal.SIGKILL)
there = render(path, dpi=40, svg=True, drawer=drawer)
assert drawer.done
try:
    os.waitpid(drawer.pid, os.WNOHANG)
    raise SystemExit("the drawing process was not reaped")
except ChildProcessError:
    pass
here = render(path, dpi=40, svg=True)
for name in ("pdf", "png", "svg", "more_png", "more_svg"):
    assert getattr(there, name) == getattr(here, name), name
print("pages", 1 + len(here.more_png), "drawn there", [g is not None for g in given])
"""


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, ENV: "always", **(env or {})})


@pytest.mark.parametrize("how", ["draws", "dies"])
def test_the_pages_drawn_there_are_the_bytes_drawn_here(how: str) -> None:
    """``dies``: the drawing process killed before it is given the pages; they are drawn here."""
    long_sheet = ROOT / "tests" / "prompts" / "form_08_dense_thinking_models.md"  # two pages
    p = _run("-c", SCRIPT, str(long_sheet), how)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == f"pages 2 drawn there [{how == 'draws'}]"


def test_the_command_writes_the_same_files_with_or_without_it(tmp_path: Path) -> None:
    outs = {}
    for mode in ("always", "never"):
        out = tmp_path / mode
        p = _run("-m", "cheatsheet", "-q", "render", str(CHAPTERS / "ch09.yaml"), "-o", f"{out}/", "--dpi", "40",
                 "--svg", env={ENV: mode})
        assert p.returncode == 0, p.stderr
        outs[mode] = {f.name: f.read_bytes() for f in sorted(out.iterdir())}
    assert sorted(outs["always"]) == ["ch09.pdf", "ch09.png", "ch09.svg"]
    assert outs["always"] == outs["never"]


def test_a_refused_input_is_reported_and_the_drawing_process_stopped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    script = ("import os, sys\nfrom cheatsheet.cli import main\n"
              "code = main(['render', sys.argv[1], '-o', sys.argv[2]])\n"
              "try:\n    os.waitpid(-1, os.WNOHANG)\n    left = True\nexcept ChildProcessError:\n    left = False\n"
              "print(code, left)")
    p = _run("-c", script, str(bad), f"{tmp_path / 'out'}/")
    assert "error:" in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert p.returncode == 0 and p.stdout.split() == ["1", "False"], p.stdout + p.stderr


SLOW_DRAWER = """
import os, signal, time
from cheatsheet.drawing_process import Drawer

jobs_r, jobs_w = os.pipe()
back_r, back_w = os.pipe()
pid = os.fork()
if pid == 0:  # a drawing process that takes its job, then draws for half a minute
    os.close(jobs_w)
    os.close(back_r)
    while os.read(jobs_r, 65536):
        pass
    time.sleep(30)
    os._exit(0)
os.close(jobs_r)
os.close(back_w)
drawer = Drawer(pid, jobs_w, back_r)


def stop(signum, frame):
    raise KeyboardInterrupt


signal.signal(signal.SIGALRM, stop)
signal.setitimer(signal.ITIMER_REAL, 0.3)  # Ctrl-C while the page is being drawn
try:
    drawer.draw([[]], 40, True, True, False)
except KeyboardInterrupt:
    killed = os.WIFSIGNALED(drawer.status) and os.WTERMSIG(drawer.status) == signal.SIGKILL
    print("interrupted", "killed" if killed else "waited for")
"""


def test_an_interrupted_render_stops_its_drawing_process_at_once() -> None:
    p = _run("-c", SLOW_DRAWER)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "interrupted killed"


def test_an_unused_drawing_process_is_stopped_and_reaped() -> None:
    script = ("import os; from cheatsheet.drawing_process import Drawer; d = Drawer.start(); d.close(); "
              "import errno\ntry:\n    os.waitpid(d.pid, 0)\nexcept ChildProcessError:\n    print('reaped')")
    p = _run("-c", script)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "reaped"


def test_it_is_not_forked_beside_other_threads_or_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "always")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Drawer.start() is None
    finally:
        stop.set()
        other.join()
    monkeypatch.setenv(ENV, "never")
    monkeypatch.setattr(drawing_process, "idle_core", lambda: True)
    assert Drawer.start() is None


@pytest.mark.parametrize(("cores", "running", "load", "idle"), [
    (2, 1, 1.9, True),  # only this process runs now, whatever the last minute was
    (2, 2, 0.1, False),  # another task on the second core: the drawing process would share one
    (1, 1, 0.0, False),
    (4, 3, 3.9, True),
    (4, 4, 0.0, False),
    (2, None, 0.3, True),  # no /proc: the load average
    (2, None, 0.5, True),
    (2, None, 1.0, False),
])
def test_a_core_is_idle_by_what_runs_now(monkeypatch: pytest.MonkeyPatch, cores: int, running: int | None,
                                         load: float, idle: bool) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.setattr(drawing_process, "runnable_now", lambda: running)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert drawing_process.idle_core() is idle


def test_what_runs_now_is_read_where_there_is_proc() -> None:
    now = drawing_process.runnable_now()
    if Path("/proc/loadavg").is_file():
        assert now is not None and now >= 1  # this process at least
    else:
        assert now is None
