"""A render that fails or is stopped leaves earlier outputs byte for byte, and no temporary file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cheatsheet import export
from cheatsheet.export import Interrupted, deferred_signals, install_signal_handlers, restore_signal_handlers
from cheatsheet.export import write_files_atomic as write_pair
from tests.conftest import CHAPTERS, ROOT, SCRIPT
from tests.test_check import MINI

OLD = {"ch10.pdf": b"%PDF- an earlier render\n", "ch10.png": b"\x89PNG an earlier render\n"}


def _earlier(folder: Path, files: dict[str, bytes] = OLD) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


# --- in the process ---------------------------------------------------------------------


def test_a_failed_second_write_leaves_both_files_and_no_temporary(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    old = _earlier(tmp_path)
    real = export._write_temp
    calls = []

    def failing(path: Path, data: bytes) -> str:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(export, "_write_temp", failing)
    with pytest.raises(OSError):
        write_pair([(tmp_path / "ch10.pdf", b"new pdf"), (tmp_path / "ch10.png", b"new png")])
    assert _state(tmp_path) == old


def test_a_failed_fsync_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _earlier(tmp_path)

    def no_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", no_fsync)
    with pytest.raises(OSError):
        write_pair([(tmp_path / "ch10.pdf", b"new pdf"), (tmp_path / "ch10.png", b"new png")])
    assert _state(tmp_path) == old


def test_a_folder_in_the_way_is_found_before_anything_is_replaced(tmp_path: Path) -> None:
    old = _earlier(tmp_path, {"ch10.pdf": b"old"})
    (tmp_path / "ch10.png").mkdir()
    with pytest.raises(IsADirectoryError):
        write_pair([(tmp_path / "ch10.pdf", b"new pdf"), (tmp_path / "ch10.png", b"new png")])
    assert (tmp_path / "ch10.pdf").read_bytes() == old["ch10.pdf"]
    assert _temporaries(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="sends itself SIGINT and SIGTERM, which Windows cannot deliver as signals")
def test_a_signal_during_the_writes_waits_until_both_files_are_in_place(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _earlier(tmp_path)
    real = export._write_temp

    def signalled(path: Path, data: bytes) -> str:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives between the first file and the second
        return real(path, data)

    monkeypatch.setattr(export, "_write_temp", signalled)
    old = install_signal_handlers()
    try:
        with pytest.raises(Interrupted) as info:
            write_pair([(tmp_path / "ch10.pdf", b"new pdf"), (tmp_path / "ch10.png", b"new png")])
    finally:
        restore_signal_handlers(old)
    assert info.value.signum == signal.SIGTERM
    assert _state(tmp_path) == {"ch10.pdf": b"new pdf", "ch10.png": b"new png"}


@pytest.mark.skipif(sys.platform == "win32", reason="sends itself SIGINT and SIGTERM, which Windows cannot deliver as signals")
def test_deferred_signals_deliver_the_first_signal_afterwards() -> None:
    old = install_signal_handlers()
    done = False
    try:
        with pytest.raises(Interrupted) as info:
            with deferred_signals():
                os.kill(os.getpid(), signal.SIGINT)
                os.kill(os.getpid(), signal.SIGTERM)
                done = True
    finally:
        restore_signal_handlers(old)
    assert done and info.value.signum == signal.SIGINT


# --- the command ------------------------------------------------------------------------



@pytest.mark.parametrize("bad", ["uncovered", "yaml"])
def test_a_failed_render_leaves_earlier_outputs(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "out"
    strict = []
    if bad == "uncovered":  # fails late: while composing (a character no font has, with --strict)
        source = tmp_path / "ch10.txt"
        source.write_text(MINI.replace("- 둘째 항목", "- 둘째 항목 \u0b95"), encoding="utf-8")
        strict = ["--strict"]
    else:  # fails early: while reading
        source = tmp_path / "ch10.yaml"
        source.write_text("title: x\nlayout: [\n", encoding="utf-8")
    old = _earlier(out)
    p = subprocess.run([str(SCRIPT), "render", str(source), "-o", str(out), "--dpi", "30", *strict],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1
    assert "Traceback" not in p.stderr and p.stderr.startswith(f"{source}:")
    assert _state(out) == old


def _handles(pid: int, signum: int) -> bool:
    """Whether the process has a handler for ``signum`` yet (the SigCgt mask of /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return False


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc to see when the handlers are set")
# the package takes the stop signals from its first import (ending the process quietly until the command
# has set up), so the wait lets the imports end: a signal then lands in reading, composing or drawing
# (a 600 dpi render of ch10 takes 1.1 s on a quiet fast machine: the waits land inside it anywhere)
@pytest.mark.parametrize(("signum", "after"), [(signal.SIGTERM, 0.3), (signal.SIGINT, 0.6)], ids=["TERM", "INT"])
def test_a_stopped_render_leaves_earlier_outputs(tmp_path: Path, signum: int, after: float) -> None:
    out = tmp_path / "out"
    old = _earlier(out)
    # 600 dpi: a render that takes long enough to be stopped midway even on a fast machine
    proc = subprocess.Popen([str(SCRIPT), "render", str(CHAPTERS / "ch10.yaml"), "-o", str(out), "--dpi", "600"],
                            cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _handles(proc.pid, signal.SIGTERM) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(after)  # into reading, composing or drawing: a full render takes seconds
        assert proc.poll() is None, "the render finished before it could be stopped"
        proc.send_signal(signum)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signum, stderr
    assert "Traceback" not in stderr
    assert "interrupted by " + signal.Signals(signum).name in stderr
    assert stdout == ""
    assert _state(out) == old  # byte for byte, and no temporary file beside them


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc to see when the handlers are set")
def test_a_render_stopped_while_saving_leaves_old_or_new_outputs_whole(tmp_path: Path) -> None:
    """Later on, the pages being drawn (in the drawing process, where a core is idle), the PNG
    rasterised or the files written: stopping then leaves either the earlier pair or, if the
    renames had begun, the whole new pair."""
    out = tmp_path / "out"
    old = _earlier(out)
    proc = subprocess.Popen([str(SCRIPT), "render", str(CHAPTERS / "ch10.yaml"), "-o", str(out), "--dpi", "600"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _handles(proc.pid, signal.SIGTERM) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.9)  # of a render of 1.1 s on a quiet fast machine, longer elsewhere
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, 128 + signal.SIGTERM), stderr
    assert "Traceback" not in stderr
    state = _state(out)
    assert set(state) == set(old)  # no temporary file
    if state != old:
        assert state["ch10.pdf"].startswith(b"%PDF-") and state["ch10.pdf"].rstrip().endswith(b"%%EOF")
        assert state["ch10.png"].startswith(b"\x89PNG") and state["ch10.png"].endswith(b"IEND\xaeB`\x82")


# --- what a killed writer leaves, two writers at once, a full disk, a late signal ------------


def test_the_next_write_finishes_the_renames_a_killed_writer_began(tmp_path: Path) -> None:
    """Killed after the PDF's rename and before the PNG's: the journal it left lets the next writer
    of the folder finish the set, so the old PDF never stays beside the new PNG (or the reverse)."""
    _earlier(tmp_path)
    (tmp_path / "ch10.pdf").write_bytes(b"new pdf")  # renamed already
    (tmp_path / ".ch10.png.k1ll3d00.tmp").write_bytes(b"new png")  # written and synced, not yet renamed
    (tmp_path / ".ch10.renames").write_text(".ch10.pdf.k1ll3d01.tmp\tch10.pdf\n.ch10.png.k1ll3d00.tmp\tch10.png\n",
                                            encoding="utf-8")
    (tmp_path / ".ch10.lock").write_bytes(b"")  # the lock file it held
    write_pair([(tmp_path / "ch09.pdf", b"ch09 pdf")])
    assert _state(tmp_path) == {"ch09.pdf": b"ch09 pdf", "ch10.pdf": b"new pdf", "ch10.png": b"new png"}


def test_temporaries_a_killed_writer_left_are_removed_by_the_next_run(tmp_path: Path) -> None:
    old = _earlier(tmp_path)
    (tmp_path / ".ch10.pdf.half0000.tmp").write_bytes(b"half a pdf")  # killed before the journal
    (tmp_path / ".ch24.png.half0001.tmp").write_bytes(b"half a png")  # another sheet's
    write_pair([(tmp_path / "ch10.pdf", b"new pdf"), (tmp_path / "ch10.png", b"new png")])
    assert _state(tmp_path) == {**old, "ch10.pdf": b"new pdf", "ch10.png": b"new png"}


def test_a_writer_killed_midway_leaves_nothing_the_next_run_does_not_clear(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _earlier(out)
    proc = subprocess.Popen([str(SCRIPT), "render", str(CHAPTERS / "ch10.yaml"), "-o", str(out), "--dpi", "300",
                             "--svg"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and not any(p.suffix == ".tmp" for p in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.kill()
    proc.wait()
    write_pair([(out / "other.pdf", b"x")])
    assert not _temporaries(out)
    state = _state(out)
    new = {k: v for k, v in state.items() if k.startswith("ch10") and v != OLD.get(k)}
    assert not new or set(new) == {"ch10.pdf", "ch10.png", "ch10.svg"}  # the old set, or the whole new one


def _race(folder: Path, tag: bytes, start: float) -> None:
    while time.monotonic() < start:
        pass
    write_pair([(folder / "ch10.pdf", b"pdf " + tag), (folder / "ch10.png", b"png " + tag),
                (folder / "ch10.svg", b"svg " + tag)])


@pytest.mark.skipif(sys.platform == "win32", reason="forks its writers (Windows has no fork)")
def test_two_writers_of_one_sheet_at_once_never_mix_their_files(tmp_path: Path) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for k in range(20):
        folder = tmp_path / str(k)
        start = time.monotonic() + 0.05
        procs = [ctx.Process(target=_race, args=(folder, tag, start)) for tag in (b"A", b"B")]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
            assert p.exitcode == 0
        state = _state(folder)
        assert set(state) == {"ch10.pdf", "ch10.png", "ch10.svg"}  # no temporary, journal or lock left
        assert len({v.split()[1] for v in state.values()}) == 1, state


def test_a_full_disk_names_the_file_being_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from cheatsheet.cli import main

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    assert main(["render", str(CHAPTERS / "ch10.yaml"), "-o", str(tmp_path / "out"), "--dpi", "30"]) == 1
    err = capsys.readouterr().err
    assert "no space left on device" in err.lower() and str(tmp_path / "out" / "ch10.") in err, err
    assert not list((tmp_path / "out").iterdir())


def test_a_signal_while_the_handlers_are_put_back_ends_as_stopped(monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import cheatsheet.export as ex
    from cheatsheet import cli

    real = ex.restore_signal_handlers
    calls = []

    def late(old: dict) -> None:
        calls.append(old)
        if len(calls) == 1:
            raise Interrupted(signal.SIGINT)
        real(old)

    monkeypatch.setattr(ex, "restore_signal_handlers", late)
    assert cli.main(["layout", str(CHAPTERS / "ch10.yaml")]) == 130
    assert "interrupted by SIGINT" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc to see when the handlers are set")
def test_a_signal_at_any_moment_never_prints_a_traceback(tmp_path: Path) -> None:
    """SIGINT and SIGTERM in turn, landing all through short renders from the package's first import (what
    comes before it is Python's own start-up) to the last milliseconds of their exit: each ends with 0 (done
    before it landed) or 128 + the signal, and never with a traceback."""
    codes = set()
    prompt = tmp_path / "mini.md"
    prompt.write_text(MINI, encoding="utf-8")
    for k in range(14):
        signum = (signal.SIGINT, signal.SIGTERM)[k % 2]
        out = tmp_path / str(k)
        proc = subprocess.Popen([str(SCRIPT), "render", str(prompt), "-o", str(out), "--pdf-only"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not _handles(proc.pid, signal.SIGTERM) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(0.09 * k)
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        assert proc.returncode in (0, 128 + signum), (proc.returncode, stderr)
        assert not out.exists() or not _temporaries(out)
        codes.add(proc.returncode)
    assert {128 + signal.SIGINT, 128 + signal.SIGTERM} <= codes


LANDS_IN = {
    "__del__": "class Dies:\n    def __del__(self):\n        raise Interrupted(signal.SIGINT)\nDies()\n",
    "weakref callback": ("import weakref\nclass K:\n    pass\nk = K()\n"
                         "def gone(ref):\n    raise Interrupted(signal.SIGINT)\nr = weakref.ref(k, gone)\ndel k\n"),
}


@pytest.mark.parametrize("where", sorted(LANDS_IN))
def test_a_signal_landing_where_python_cannot_raise_lands_again_after(where: str) -> None:
    """As when a figure's objects are freed: the stop signal's Interrupted, raised inside a
    ``__del__`` or a weakref callback, is not printed as "Exception ignored" and lost, but sent
    again, and stops the code that runs next."""
    script = ("import signal\nfrom cheatsheet.export import Interrupted, install_signal_handlers\n"
              "install_signal_handlers()\ntry:\n" + "".join("    " + ln + "\n" for ln in LANDS_IN[where].splitlines())
              + "    import time\n    end = time.monotonic() + 10\n    while time.monotonic() < end:\n        pass\n"
              "    print('not stopped')\n"
              "except Interrupted as e:\n    print('stopped by', e.signum)\n")
    p = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (p.returncode, p.stdout.strip(), p.stderr) == (0, f"stopped by {int(signal.SIGINT)}", "")


def test_a_signal_to_be_sent_again_is_dropped_when_the_handlers_are_put_back() -> None:
    """The run ends (its handlers put back) before the signal is sent again: the alarm standing for
    it is cancelled (by default SIGALRM would kill the process) and the hooks are the earlier ones."""
    script = ("import signal, sys, time\nfrom cheatsheet import export\nhook = sys.unraisablehook\n"
              "old = export.install_signal_handlers()\n"
              "class Dies:\n    def __del__(self):\n        raise export.Interrupted(signal.SIGTERM)\nDies()\n"
              "export.restore_signal_handlers(old)\ntime.sleep(0.1)\n"
              "print(sys.unraisablehook is hook, signal.getsignal(signal.SIGALRM) == signal.SIG_DFL)")
    p = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (p.returncode, p.stdout.strip(), p.stderr) == (0, "True True", "")


def test_the_sweep_leaves_the_journal_another_writer_is_writing(tmp_path: Path) -> None:
    """Two build workers in one folder: one writes the journal of its set (``..ch20.renames.*.tmp``
    beside ``.ch20.lock``, which it holds) while the other, writing ch09, sweeps the folder. The
    journal's temporary file is ch20's, and stays; once ch20's writer is gone, the next sweep
    removes what it left."""
    from cheatsheet.export import _set_lock, sweep_stale

    journal_temp = tmp_path / "..ch20.renames.k1ll3d02.tmp"
    with _set_lock(tmp_path, "ch20"):
        journal_temp.write_bytes(b".ch20.pdf.k1ll3d03.tmp\tch20.pdf\n")
        assert sweep_stale(tmp_path, holding="ch09") == []
        assert journal_temp.exists()
    assert sweep_stale(tmp_path, holding="ch09") == [journal_temp]


def test_the_sweep_never_takes_someone_else_s_hidden_file(tmp_path: Path) -> None:
    theirs = {".notes.tmp": b"a", ".vimrc.swp.tmp": b"b", ".build.lock": b"c", ".ch10.pdf.tmp": b"d",
              ".ch10.pdf.short.tmp": b"e"}
    _earlier(tmp_path, theirs)
    write_pair([(tmp_path / "ch10.pdf", b"new pdf")])
    assert _state(tmp_path) == {**theirs, "ch10.pdf": b"new pdf"}
