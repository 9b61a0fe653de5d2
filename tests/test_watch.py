"""``cheatsheet watch``: the loop fed fake saves renders again, and a bad save keeps the earlier files."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cheatsheet.console import Console
from cheatsheet.watch import Watcher, watch_loop
from tests.conftest import CHAPTERS, ROOT, seed
from tests.test_check import MINI

LOW_DPI = 40

pytestmark = pytest.mark.slow


def test_saves_render_again_and_a_bad_save_keeps_the_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    prompt = tmp_path / "grand.md"
    text = seed("ch24").read_text(encoding="utf-8")
    old, new = '비유: "인터넷을 읽은 뇌"', '비유: "인터넷 전체를 읽고 요약한 뇌"'
    assert old in text
    prompt.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    png = out / "grand.png"
    seen: dict[str, bytes] = {}

    def saves() -> Iterator[set[Path]]:
        seen["first"] = png.read_bytes()
        prompt.write_text(text.replace(old, new), encoding="utf-8")
        yield {prompt}
        seen["second"] = png.read_bytes()
        (tmp_path / "other.md").write_text("not watched", encoding="utf-8")
        yield {tmp_path / "other.md"}
        prompt.write_bytes(text.replace(old, new).encode("utf-8").replace(new.encode(), new.encode("cp949")))
        yield {prompt}

    w = Watcher(str(prompt), out, Console(1), LOW_DPI)
    code = watch_loop(w, saves())
    err = capsys.readouterr().err
    assert seen["second"] != seen["first"]  # the save was rendered
    assert w.renders == 2  # the first render and the good save; not the other file, not the bad save
    assert "grand.md:" in err and "not UTF-8" in err and "Traceback" not in err
    assert png.read_bytes() == seen["second"]  # the bad save left the earlier output
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["grand.pdf", "grand.png"]  # no temporary file


def test_a_chapter_yaml_watches_its_layout_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "layouts").mkdir()
    yaml_path = Path(shutil.copy(CHAPTERS / "ch24.yaml", tmp_path / "chapters"))
    layout = Path(shutil.copy(ROOT / "layouts" / "ch24.txt", tmp_path / "layouts"))
    w = Watcher(str(yaml_path), tmp_path / "out", Console(1), LOW_DPI)

    def saves() -> Iterator[set[Path]]:
        layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        yield {layout}
        yield {tmp_path / "layouts" / "other.txt"}
        yield {layout}  # an event that brings nothing new (the save already rendered): no render

    assert watch_loop(w, saves()) == 0
    assert w.files == {yaml_path.resolve(), layout.resolve()}
    assert w.renders == 2  # once at the start, once for the layout's save
    assert str(layout.resolve()) in capsys.readouterr().out


def test_a_re_render_writes_the_same_bytes_as_a_fresh_watcher(tmp_path: Path) -> None:
    """A warm re-render of an unchanged input writes the same bytes, and so does another watcher."""
    yaml_path = CHAPTERS / "ch24.yaml"
    w = Watcher(str(yaml_path), tmp_path / "out", Console(0), LOW_DPI)

    def written(folder: str) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (tmp_path / folder).iterdir()}

    assert w.render()
    first = written("out")
    assert sorted(first) == ["ch24.pdf", "ch24.png"]
    assert w.render() and w.renders == 2
    assert written("out") == first
    fresh = Watcher(str(yaml_path), tmp_path / "fresh", Console(0), LOW_DPI)
    assert fresh.render()
    assert written("fresh") == first


def test_no_collection_during_a_render_and_the_collector_back_as_it_was_after() -> None:
    import gc

    from cheatsheet.render import collections_held

    was = gc.isenabled()
    try:
        gc.enable()
        with pytest.raises(RuntimeError):
            with collections_held():
                assert not gc.isenabled()
                raise RuntimeError("a render that fails")
        assert gc.isenabled()
        gc.disable()  # a caller that holds collections itself keeps holding them
        with collections_held():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_a_save_re_measures_only_the_regions_it_changed(tmp_path: Path) -> None:
    """The watcher keeps what composing measured per region (compose.page.Memo): after a save that
    changes one section's words, the other regions' measurements are the ones kept, and the output
    is what a fresh render of the saved file gives."""
    from cheatsheet.render import render

    prompt = tmp_path / "grand.md"
    text = seed("ch24").read_text(encoding="utf-8")
    old, new = '비유: "인터넷을 읽은 뇌"', '비유: "인터넷을 다 읽은 뇌"'  # the same lines, other words
    prompt.write_text(text, encoding="utf-8")
    w = Watcher(str(prompt), tmp_path / "out", Console(0), LOW_DPI)
    assert w.render()
    before = {key[0]: entry[3] for key, entry in w.memo.regions.items()}
    prompt.write_text(text.replace(old, new), encoding="utf-8")
    assert w.render()
    after = {key[0]: entry[3] for key, entry in w.memo.regions.items()}
    changed = [rid for rid in after if after[rid] is not before.get(rid)]
    assert len(changed) == 1 and len(after) == len(before) > 3
    fresh = render(prompt, dpi=LOW_DPI)
    assert (tmp_path / "out" / "grand.png").read_bytes() == fresh.png
    assert (tmp_path / "out" / "grand.pdf").read_bytes() == fresh.pdf


def test_watch_says_what_it_watches_before_rendering_and_keeps_a_save_made_meanwhile(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    prompt = tmp_path / "mini.md"
    prompt.write_text(MINI, encoding="utf-8")
    out = tmp_path / "out"
    w = Watcher(str(prompt), out, Console(1), LOW_DPI, svg=True, qr=False)
    said: list[str] = []
    real = w.render

    def render_with_a_save() -> bool:
        said.append(capsys.readouterr().out)
        ok = real()
        if w.renders == 1:  # the author saves while the first render is under way
            prompt.write_text(MINI.replace("Mini", "Mini2", 1), encoding="utf-8")
            os.utime(prompt, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
        return ok

    w.render = render_with_a_save  # type: ignore[method-assign]
    assert watch_loop(w, []) == 0  # no file-system event at all: the save is seen all the same
    assert said[0].startswith("watching ") and str(prompt.resolve()) in said[0]  # before the first render
    assert w.renders == 2
    assert sorted(p.name for p in out.iterdir()) == ["mini.pdf", "mini.png", "mini.svg"]


def test_the_file_system_is_watched_from_before_the_first_render(tmp_path: Path) -> None:
    """file_events starts watching when it is made (cmd_watch makes it before the first render), so
    that a save made while the first render runs, before anything asks for a change, is its first batch."""
    import threading

    from cheatsheet.watch import FileEvents

    prompt = tmp_path / "mini.md"
    prompt.write_text(MINI, encoding="utf-8")
    # written a while ago, as an author's file is: polling tells a change by the modification time's second
    old = time.time() - 60
    os.utime(prompt, (old, old))
    w = Watcher(str(prompt), tmp_path / "out", Console(0), LOW_DPI)
    events = FileEvents(w, force_polling=True)  # polling: the same on every system and file system
    try:
        time.sleep(0.5)  # the first render, during which the author saves
        prompt.write_text(MINI.replace("Mini", "Mini2", 1), encoding="utf-8")
        got: list[set[Path]] = []
        t = threading.Thread(target=lambda: got.append(next(events)), daemon=True)
        t.start()
        t.join(timeout=20)
        assert got and prompt in got[0], got
    finally:
        events.close()


def test_watch_takes_the_options_render_takes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture) -> None:
    """--format, --pdf-only, --png-only, --svg, --no-qr, --source, --strict, --one-page, --exact and --dpi
    reach the watcher; the first line says what is watched, before anything is rendered."""
    from cheatsheet import watch
    from cheatsheet.cli import main

    seen: list[Watcher] = []

    def one_render(w: Watcher, events) -> int:
        seen.append(w)
        assert capsys.readouterr().out.startswith("watching ")  # said before the first render
        events.close()
        return 0 if w.render() else 1

    monkeypatch.setattr(watch, "watch_loop", one_render)
    prompt = tmp_path / "mini.md"
    prompt.write_text(MINI, encoding="utf-8")
    out = tmp_path / "out"
    source = ROOT / "tests" / "data" / "seeds" / "001_547d284c1956cbba.txt"
    assert main(["watch", str(prompt), "-o", str(out), "--format", "svg,png", "--no-qr", "--strict", "--one-page",
                 "--exact", "--dpi", str(LOW_DPI), "--source", str(source)]) == 0
    (w,) = seen
    assert (w.pdf, w.png, w.svg, w.qr, w.strict, w.one_page, w.exact, w.dpi) == (False, True, True, False, True,
                                                                                 True, True, LOW_DPI)
    assert w.source_file == str(source) and source.resolve() in w.files
    assert sorted(p.name for p in out.iterdir()) == ["mini.png", "mini.svg"]
    seen.clear()
    capsys.readouterr()
    assert main(["watch", str(prompt), "-o", str(out), "--pdf-only", "--dpi", str(LOW_DPI)]) == 0
    assert (seen[0].pdf, seen[0].png, seen[0].svg) == (True, False, False)
    assert main(["watch", str(prompt), "--format", "svg", "--pdf-only"]) == 2
    assert main(["watch", str(prompt), "--format", "jpg"]) == 2
    assert "the formats are pdf, png and svg" in capsys.readouterr().err
