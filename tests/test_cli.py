"""The ``cheatsheet`` console script, run as a user runs it: in a subprocess.

Sheets are rendered at a low dpi wherever the dpi does not matter.  No run may print a
traceback; bad usage exits 2, bad input 1.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from cheatsheet.export import png_size
from tests.conftest import CHAPTERS, ROOT, SCRIPT, SEED_FILES, SEEDS
from tests.test_check import MINI

LOW_DPI = 30



@dataclass
class Run:
    code: int
    out: str
    err: str


def cheatsheet(*args: str | Path, cwd: Path = ROOT, timeout: float = 120) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "CHEATSHEET_DEBUG"}
    p = subprocess.run([str(SCRIPT), *map(str, args)], cwd=cwd, capture_output=True, text=True, env=env,
                       timeout=timeout)
    assert "Traceback" not in p.stderr, p.stderr
    assert "Traceback" not in p.stdout, p.stdout
    return Run(p.returncode, p.stdout, p.stderr)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small prompt that renders fast, where what is rendered does not matter."""
    p = tmp_path / "mini.txt"
    p.write_text(MINI, encoding="utf-8")
    return p


def _png_size(path: Path) -> tuple[int, int]:
    with Image.open(io.BytesIO(path.read_bytes())) as im:
        return im.size


# --- render -----------------------------------------------------------------------------


def test_render_writes_pdf_and_png_named_after_the_input(mini: Path, tmp_path: Path) -> None:
    r = cheatsheet("render", mini, "-o", tmp_path / "out", "--dpi", LOW_DPI)
    assert r.code == 0, r.err
    pdf, png = tmp_path / "out" / "mini.pdf", tmp_path / "out" / "mini.png"
    assert r.out.split() == [str(pdf), str(png)]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["mini.pdf", "mini.png"]
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert _png_size(png) == png_size(LOW_DPI)
    assert "warning" in r.err or r.err == ""  # notices only, one per line
    umask = os.umask(0)
    os.umask(umask)
    assert pdf.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() makes them, not mkstemp's 0600


@pytest.mark.parametrize(("flag", "made"), [("--pdf-only", ["mini.pdf"]), ("--png-only", ["mini.png"])])
def test_pdf_only_and_png_only(mini: Path, tmp_path: Path, flag: str, made: list[str]) -> None:
    r = cheatsheet("render", mini, "-o", tmp_path / "o", "--dpi", LOW_DPI, flag)
    assert r.code == 0, r.err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == made


def test_dpi_300_is_3508_by_2480(mini: Path, tmp_path: Path) -> None:
    r = cheatsheet("render", mini, "-o", tmp_path, "--dpi", 300, "--png-only")
    assert r.code == 0, r.err
    assert _png_size(tmp_path / "mini.png") == (3508, 2480)


def test_default_output_folder_is_out(mini: Path) -> None:
    r = cheatsheet("render", mini.name, "--dpi", LOW_DPI, "--pdf-only", cwd=mini.parent)
    assert r.code == 0, r.err
    assert r.out.split() == [str(Path("out") / "mini.pdf")]
    assert (mini.parent / "out" / "mini.pdf").is_file()


def test_a_bad_input_does_not_stop_the_others(mini: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nregions: [\n", encoding="utf-8")
    r = cheatsheet("render", bad, mini, "-o", tmp_path / "out", "--dpi", LOW_DPI, "--pdf-only")
    assert r.code == 1
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", r.err)  # file:line:col: what is wrong
    assert "\n  " in r.err and "^" in r.err  # the line, with a caret under the column
    assert (tmp_path / "out" / "mini.pdf").is_file() and not (tmp_path / "out" / "bad.pdf").exists()


# --- layout -----------------------------------------------------------------------------


def _check_region(r: dict, parent: list[float]) -> int:
    assert {"kind", "title", "rect", "children"} <= set(r)
    assert r["kind"] in ("title", "band", "column", "row")
    assert isinstance(r["title"], str)
    x, y, w, h = r["rect"]
    px, py, pw, ph = parent
    assert w > 0 and h > 0
    assert px - 0.01 <= x and x + w <= px + pw + 0.01 and py - 0.01 <= y and y + h <= py + ph + 0.01
    return 1 + sum(_check_region(c, r["rect"]) for c in r["children"])


@pytest.mark.parametrize("name", ["ch09", "ch24"])
def test_layout_json_has_the_documented_shape(name: str) -> None:
    r = cheatsheet("layout", CHAPTERS / f"{name}.yaml", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["page"] == {"width": 297, "height": 210}
    assert doc["regions"][0]["kind"] == "title"
    assert all(b["kind"] == "band" for b in doc["regions"][1:])
    n = sum(_check_region(b, [0.0, 0.0, 297.0, 210.0]) for b in doc["regions"])
    assert n >= len(doc["regions"]) + 2
    tops = [b["rect"][1] for b in doc["regions"]]
    assert tops == sorted(tops)


def test_layout_text_and_png(tmp_path: Path) -> None:
    r = cheatsheet("layout", CHAPTERS / "ch10.yaml", "--png", tmp_path / "boxes.png")
    assert r.code == 0, r.err
    assert "band2.col1" in r.out and " mm" in r.out
    assert (tmp_path / "boxes.png").read_bytes().startswith(b"\x89PNG")


# --- import and build -------------------------------------------------------------------


IMPORTED = ["ch09", "ch10"]  # a fenced diagram with a ratio table; bullets, chips, code and a sticky note


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each seed prompt imported into a fresh root, built with ``build`` and rendered directly:
    name -> (outputs of the prompt, outputs of the imported chapter)."""
    seeds = {n: SEEDS / SEED_FILES[n] for n in IMPORTED}
    root = tmp_path_factory.mktemp("root")
    for name, prompt in sorted(seeds.items()):
        r = cheatsheet("import", prompt, "-o", name, "--root", root)
        assert r.code == 0, r.err
        assert r.out.split() == [str(root / "layouts" / f"{name}.txt"), str(root / "chapters" / f"{name}.yaml")]
    built, direct = root / "built", root / "direct"
    r = cheatsheet("build", "--chapters", root / "chapters", "-o", built, "--dpi", LOW_DPI, "-j", 2)
    assert r.code == 0, r.err
    assert sorted(p.name for p in built.iterdir()) == sorted([".cheatsheet-build.json"] + [f"{n}{e}" for n in seeds
                                                                                     for e in (".pdf", ".png")])
    r = cheatsheet("render", *sorted(seeds.values()), "-o", direct, "--dpi", LOW_DPI)
    assert r.code == 0, r.err
    return {n: (direct / seeds[n].stem, built / n) for n in seeds}


@pytest.mark.parametrize("name", IMPORTED)
def test_import_renders_byte_identically_to_the_prompt(imported: dict[str, tuple[Path, Path]], name: str) -> None:
    prompt_out, chapter_out = imported[name]
    for ext in (".pdf", ".png"):
        a, b = prompt_out.with_suffix(ext), chapter_out.with_suffix(ext)
        assert a.read_bytes() == b.read_bytes(), f"{a} != {b}"


def test_build_without_chapters_fails(tmp_path: Path) -> None:
    r = cheatsheet("build", "--chapters", tmp_path, "-o", tmp_path / "o")
    assert r.code == 1 and f"{tmp_path}: error: no prompts or chapter YAMLs" in r.err


# --- check ------------------------------------------------------------------------------


def test_check_json_through_the_script() -> None:
    r = cheatsheet("check", CHAPTERS / "ch24.yaml", "--json")
    assert r.code == 0, r.out
    doc = json.loads(r.out)
    assert doc["clean"] and doc["errors"] == 0 and doc["regions"]


# --- bad usage and bad input ------------------------------------------------------------


@pytest.mark.parametrize("args", [
    [],
    ["paint"],
    ["render"],
    ["render", "x.txt", "--dpi", "many"],
    ["render", "x.txt", "--dpi", "0"],
    ["render", "x.txt", "--pdf-only", "--png-only"],
    ["render", "x.txt", "--colour"],
    ["import", "x.txt"],
    ["layout"],
    ["check"],
    ["build", "-j", "-1"],
])
def test_bad_usage_exits_2(args: list[str]) -> None:
    r = cheatsheet(*args)
    assert r.code == 2, (r.out, r.err)
    assert "error" in r.err and r.out == ""


@pytest.mark.parametrize("command", ["render", "layout", "check"])
def test_missing_input_exits_1_in_one_message(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope.txt"
    r = cheatsheet(command, missing, *(["-o", tmp_path] if command == "render" else []))
    assert r.code == 1
    text = r.err if command != "check" else r.out
    assert str(missing) in text
    assert not list(tmp_path.iterdir())


def test_output_that_cannot_be_written_exits_1(mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = cheatsheet("render", mini, "-o", blocker / "out", "--dpi", LOW_DPI, "--pdf-only")
    assert r.code == 1
    assert r.err.strip().splitlines() == [f"cheatsheet: error: cannot write into the folder {blocker / 'out'} (not a "
                                          "directory)",
                                          "hint: choose another output folder with -o DIR, or make this one writable"]


def test_help_exits_0() -> None:
    r = cheatsheet("--help")
    assert r.code == 0 and "render" in r.out and "check" in r.out


def test_a_stop_signal_wrapped_by_python_is_still_a_stop() -> None:
    """A signal landing while an imported module makes a class comes back as a RuntimeError from
    __set_name__: it is the stop, not an internal error."""
    from cheatsheet.cli import _stop_inside
    from cheatsheet.export import Interrupted

    stop = Interrupted(2)
    try:
        try:
            raise stop
        except Interrupted as inner:
            raise RuntimeError("Error calling __set_name__") from inner
    except RuntimeError as wrapped:
        assert _stop_inside(wrapped) is stop
    assert _stop_inside(ValueError("x")) is None
