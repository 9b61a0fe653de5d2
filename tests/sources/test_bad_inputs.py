"""Every bad input in tests/data/bad_inputs.yaml: one InputError with its place, message and hint,
and through ``cheatsheet render``: exit 1, ``file:line:col: error: message``, the line, a caret, a hint, no file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cheatsheet.errors import InputError
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input

DATA = Path(__file__).resolve().parent.parent / "data" / "bad_inputs.yaml"
ENTRIES = yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _cheatsheet() -> list[str]:
    script = Path(sys.executable).with_name("cheatsheet")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cheatsheet.cli"]


def _setup(entry: dict, folder: Path) -> str:
    """Write the entry's files into ``folder``; the input's path relative to it."""
    name = entry.get("file", "prompt.md")
    if not entry.get("missing"):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(entry["input"].encode(entry.get("encoding", "utf-8")))
    if "layout" in entry:
        layouts = folder / "layouts"
        layouts.mkdir(exist_ok=True)
        (layouts / entry["layout"]["name"]).write_text(entry["layout"]["text"], encoding="utf-8")
    return name


def _where(entry: dict) -> str:
    return entry.get("where", entry.get("file", "prompt.md"))


def test_the_list_is_well_formed() -> None:
    names = [e["name"] for e in ENTRIES]
    assert len(names) == len(set(names)) >= 30
    for e in ENTRIES:
        assert {"name", "line", "col", "message"} <= e.keys(), e.get("name")
        assert e.get("missing") or "input" in e, e["name"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_reading_raises_one_input_error(entry: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = _setup(entry, tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as exc:
        lay_out(read_input(name))
    err = exc.value
    assert (err.file, err.line, err.col) == (_where(entry), entry["line"], entry["col"])
    assert entry["message"] in err.message
    assert err.hint.strip()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_cheatsheet_render_reports_it(entry: dict, tmp_path: Path) -> None:
    name = _setup(entry, tmp_path)
    out = tmp_path / "out"
    run = subprocess.run([*_cheatsheet(), "render", name, "-o", str(out)], cwd=tmp_path,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    err = run.stderr
    assert run.returncode == 1, err
    assert "Traceback" not in err and "internal error" not in err
    at = f":{entry['line']}:{entry['col']}" if entry["line"] else ""  # a whole-file problem has no position
    head = f"{_where(entry)}{at}: error: "
    assert err.startswith(head), err
    lines = err.rstrip("\n").split("\n")
    assert entry["message"] in lines[0]
    if entry["line"]:  # the offending line, then a caret under the column, then the hint
        assert re.fullmatch(r"  [ \t]*\^", lines[2]), err
        hint = lines[3]
    else:  # no line to show: the hint at once
        hint = lines[1]
    assert hint.startswith("hint: ") and len(hint) > len("hint: "), err
    assert len(lines) == (4 if entry["line"] else 2), err
    assert not out.exists() or not any(out.iterdir())
    assert run.stdout == ""
