"""The command line behaves like the tools people know: --version, help with examples, -o FILE,
- for standard input, -q / -v, colour only on a terminal, UTF-8 on any console, and no file lost."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import cheatsheet as package
from cheatsheet import cli, export
from cheatsheet.console import Console, wants_colour
from cheatsheet.errors import InputError
from cheatsheet.importer import import_prompt
from cheatsheet.render import render
from tests.conftest import CHAPTERS, ROOT, SCRIPT, SEED_FILES, SEEDS, crowded_chapter
from tests.test_check import MINI
from tests.test_cli import LOW_DPI, cheatsheet


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    p = tmp_path / "mini.md"
    p.write_text(MINI, encoding="utf-8")
    return p


# --- conventions ---------------------------------------------------------------------------


def test_version() -> None:
    r = cheatsheet("--version")
    assert r.code == 0 and r.out.strip() == f"cheatsheet {package.__version__}"


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    p = cli._parser()
    (sub,) = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_every_option_has_help_and_every_command_an_example(command: str) -> None:
    parser = _subparsers()[command]
    undocumented = [a.dest for a in parser._actions if not a.help]
    assert not undocumented
    text = parser.format_help()
    assert "examples:" in text and f"cheatsheet {command} " in text.split("examples:")[1]


@pytest.mark.parametrize("name,magic", [("ch10.pdf", b"%PDF-"), ("ch10.png", b"\x89PNG"), ("ch10.svg", b"<?xml")])
def test_o_file_writes_that_file_only(tmp_path: Path, name: str, magic: bytes) -> None:
    target = tmp_path / "made" / name
    r = cheatsheet("render", CHAPTERS / "ch10.yaml", "-o", target, "--dpi", LOW_DPI)
    assert r.code == 0, r.err
    assert r.out.strip() == str(target)
    assert sorted(p.name for p in target.parent.iterdir()) == [name]
    assert target.read_bytes().startswith(magic)


def test_svg_is_deterministic_and_has_no_text_elements() -> None:
    a = render(CHAPTERS / "ch09.yaml", dpi=LOW_DPI, pdf=False, png=False, svg=True).svg
    b = render(CHAPTERS / "ch09.yaml", dpi=LOW_DPI, pdf=False, png=False, svg=True).svg
    assert a == b
    assert b"<text" not in a and b"<path" in a  # the writing is paths: the same in every browser


def test_o_file_takes_one_input(mini: Path, tmp_path: Path) -> None:
    r = cheatsheet("render", mini, mini, "-o", tmp_path / "x.pdf")
    assert r.code == 2 and "one file" in r.err
    assert not list(tmp_path.glob("*.pdf"))


def test_dash_reads_the_prompt_from_stdin(tmp_path: Path) -> None:
    p = subprocess.run([str(SCRIPT), "render", "-", "-o", str(tmp_path), "--dpi", str(LOW_DPI)], input=MINI.encode(),
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["stdin.pdf", "stdin.png"]


def test_an_error_in_stdin_shows_its_line(tmp_path: Path) -> None:
    bad = MINI.replace('title: "Mini"', 'title: "Mini')  # an unclosed quote in the front matter
    p = subprocess.run([str(SCRIPT), "render", "-", "-o", str(tmp_path)], input=bad.encode(), capture_output=True,
                       timeout=120)
    err = p.stderr.decode()
    assert p.returncode == 1 and err.startswith("<stdin>:"), err
    line = int(err.split(":")[1])
    assert err.split("\n")[1] == "  " + bad.split("\n")[line - 1]  # the line itself, though there is no file
    assert not list(tmp_path.iterdir())


def test_quiet_prints_nothing_and_verbose_tells_the_fit(tmp_path: Path) -> None:
    chapter = crowded_chapter(tmp_path / "course")  # a chapter whose band grows: a warning
    normal = cheatsheet("render", chapter, "-o", tmp_path, "--dpi", LOW_DPI, "--pdf-only")
    assert "warning" in normal.err and normal.out.strip()
    quiet = cheatsheet("-q", "render", chapter, "-o", tmp_path, "--dpi", LOW_DPI, "--pdf-only")
    assert quiet.code == 0 and quiet.out == "" and quiet.err == ""
    quiet = cheatsheet("render", "-q", chapter, "-o", tmp_path, "--dpi", LOW_DPI, "--pdf-only")
    assert quiet.out == "" and quiet.err == ""
    verbose = cheatsheet("render", "-v", chapter, "-o", tmp_path, "--dpi", LOW_DPI, "--pdf-only")
    assert "regions, body" in verbose.err and "warning" in verbose.err


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    Console().warning("a.md:1:1: warning: something")
    assert tty.getvalue().startswith("\033[33ma.md:1:1") and tty.getvalue().rstrip().endswith("\033[0m")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour(tty)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.delenv("NO_COLOR")
    Console().error("plain")
    assert sys.stderr.getvalue() == "plain\n"
    # the console script, its stderr a pipe: no colour codes
    r = cheatsheet("render", CHAPTERS / "ch10.yaml", "-o", tempfile.gettempdir(), "--dpi", LOW_DPI, "--pdf-only")
    assert "\033[" not in r.err


def test_two_inputs_with_one_stem_never_overwrite_each_other(tmp_path: Path) -> None:
    for folder, seed in (("a", "ch09"), ("b", "ch24")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "prompt.md").write_bytes((SEEDS / SEED_FILES[seed]).read_bytes())
    r = cheatsheet("render", "a/prompt.md", "b/prompt.md", "-o", "out", "--dpi", LOW_DPI, "--pdf-only", cwd=tmp_path)
    assert r.code == 0, r.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b-prompt.pdf", "prompt.pdf"]
    assert "also named 'prompt'" in r.err


def test_output_stems_fall_back_to_a_number() -> None:
    stems, warnings = cli.output_stems(["x/p.md", "x/p.md", "y/p.txt", "y/p.txt", "-"])
    assert stems == ["p", "x-p", "y-p", "p-2", "stdin"] and len(warnings) == 3


def test_utf8_on_a_cp1252_stream(tmp_path: Path) -> None:
    """A Windows console or a redirected stream in cp1252: warnings in Korean never raise."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    p = subprocess.run([str(SCRIPT), "render", str(crowded_chapter(tmp_path / "c")), "-o", str(tmp_path), "--dpi",
                        str(LOW_DPI), "--pdf-only"], capture_output=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "데이터셋" in p.stderr.decode("utf-8")


def test_warnings_about_a_layout_file_name_their_chapter(tmp_path: Path) -> None:
    chapter = crowded_chapter(tmp_path / "course")
    r = cheatsheet("build", chapter.parent, "-o", tmp_path / "out", "--dpi", LOW_DPI)
    grown = [ln for ln in r.err.splitlines() if "warning" in ln and "layouts/ch10.txt" in ln]
    assert grown and all(ln.endswith("(chapter ch10)") for ln in grown)


# --- nothing lost ---------------------------------------------------------------------------


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    prompt = SEEDS / SEED_FILES["ch10"]
    import_prompt(prompt, "ch10", tmp_path)
    edited = tmp_path / "chapters" / "ch10.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    r = cheatsheet("import", prompt, "-o", "ch10", "--root", tmp_path)
    assert r.code == 1 and "already exists" in r.err and "--force" in r.err
    assert edited.read_text(encoding="utf-8").endswith("# my edit\n")
    with pytest.raises(InputError):
        import_prompt(prompt, "ch10", tmp_path)
    r = cheatsheet("import", prompt, "-o", "ch10", "--root", tmp_path, "--force")
    assert r.code == 0 and not edited.read_text(encoding="utf-8").endswith("# my edit\n")


def test_an_unwritable_folder_is_named_with_what_to_do(mini: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "locked"
    assert cli.main(["render", str(mini), "-o", str(out), "--dpi", str(LOW_DPI)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write into the folder {out} (permission denied)" in err and "-o DIR" in err
    assert ".tmp" not in err and "mini.pdf" not in err


def test_writes_without_fchmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no os.fchmod: the write still happens, atomically."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    target = tmp_path / "a.bin"
    export.write_atomic(target, b"data")
    assert target.read_bytes() == b"data" and [p.name for p in tmp_path.iterdir()] == ["a.bin"]


def test_one_output_asked_for_alone_is_the_same_as_with_the_other() -> None:
    both = render(CHAPTERS / "ch09.yaml", dpi=LOW_DPI)
    assert render(CHAPTERS / "ch09.yaml", dpi=LOW_DPI, pdf=False).png == both.png
    assert render(CHAPTERS / "ch09.yaml", dpi=LOW_DPI, png=False).pdf == both.pdf


# --- clearer diagnoses ------------------------------------------------------------------------


@pytest.mark.parametrize("name,data,what", [
    ("sheet.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "a PNG image"),
    ("sheet.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    ("notes.docx", b"PK\x03\x04" + bytes(30), "a ZIP archive"),
    ("prompt.md", "# 프롬프트".encode("utf-16"), "UTF-16"),
])
def test_a_binary_file_says_what_it_is(tmp_path: Path, name: str, data: bytes, what: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    r = cheatsheet("render", p, "-o", tmp_path / "out")
    assert r.code == 1 and what in r.err
    assert ("save the file as UTF-8" in r.err) == (what == "UTF-16")
    assert not (tmp_path / "out").exists()


def test_a_misspelt_layout_heading_gets_did_you_mean(tmp_path: Path) -> None:
    """Read all the same (a sheet, not a refusal), with a warning that names the right spelling."""
    p = tmp_path / "typo.md"
    p.write_text(MINI.replace("# Layout Structure", "# Layout Strucutre"), encoding="utf-8")
    r = cheatsheet("render", p, "-o", tmp_path / "out", "--dpi", LOW_DPI)
    line = MINI.split("\n").index("# Layout Structure") + 1
    assert r.code == 0 and (tmp_path / "out" / "typo.pdf").is_file()
    assert (f"{p}:{line}:1: warning: read '# Layout Strucutre' as the layout section: "
            "did you mean '# Layout Structure'?") in r.err


def test_the_readmes_first_command_prints_no_warning_about_a_bundled_chapter(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/(cheatsheet build[^\n`]*)", readme)
    assert command and command.group(1) == "cheatsheet build -o out"
    r = cheatsheet("build", "-o", tmp_path / "out", cwd=ROOT)
    assert r.code == 0, r.err
    assert "warning" not in r.err and "all ok" in r.out + r.err
    assert sorted(p.name for p in (tmp_path / "out").glob("ch*.p*")) == [
        f"{c}.{x}" for c in ("ch09", "ch10", "ch24") for x in ("pdf", "png")]


def test_the_readme_gives_windows_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv\\Scripts\\pip install" in readme and ".venv\\Scripts\\cheatsheet" in readme


def test_layout_fitted_lists_the_body_size_and_the_moves(tmp_path: Path) -> None:
    chapter = crowded_chapter(tmp_path / "course")
    r = cheatsheet("layout", chapter, "--fitted")
    assert r.code == 0
    assert "page body: " in r.out
    assert re.search(r"moved: band 5 \(band5\) 10\.0% -> \d+\.\d% \(beyond the tolerance: warned\)", r.out)
    doc = json.loads(cheatsheet("layout", chapter, "--fitted", "--json").out)
    assert doc["fitted"]["body_pt"] >= 7 and any(m["beyond_tolerance"] for m in doc["fitted"]["moves"])
    # the bundled ch10's last band grows from 15% by less than one 5-point step: listed, not warned
    r = cheatsheet("layout", CHAPTERS / "ch10.yaml", "--fitted")
    assert "moved: band 5 (band5) 15.0% -> " in r.out and "warned" not in r.out and "warning" not in r.err


def test_exact_keeps_the_ratios_through_the_command(tmp_path: Path) -> None:
    doc = json.loads(cheatsheet("layout", CHAPTERS / "ch24.yaml", "--fitted", "--exact", "--json").out)
    moves = doc["fitted"]["moves"]
    # the title band may grow to hold its banner (with a warning), the other bands giving that room in proportion
    title = [m for m in moves if m["region"] == "band1"]
    grown = title[0]["after"] - title[0]["before"] if title else 0.0
    scale = 1 - grown / (1 - (title[0]["before"] if title else 0.0))
    within = [m for m in moves if not m["beyond_tolerance"] and m["region"] != "band1"]
    assert all(abs(m["after"] - m["before"] * (scale if "column" not in m["what"] else 1)) * 188 <= 1.0
               for m in within)
    r = cheatsheet("render", CHAPTERS / "ch24.yaml", "--exact", "-o", tmp_path / "x.pdf", "--dpi", LOW_DPI)
    assert r.code == 0 and (tmp_path / "x.pdf").is_file()


# --- the conventions of Typst, mermaid-cli and pandoc ------------------------------------------


def test_one_diagnostic_form_in_render_check_and_build(tmp_path: Path) -> None:
    """``file:line:col: error|warning: message``: the same order in every command; a whole-file
    problem has no made-up position and no empty caret line; a hint on its own line."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [x\n", encoding="utf-8")
    rendered = cheatsheet("render", bad, "-o", tmp_path / "o").err.splitlines()
    checked = cheatsheet("check", bad).out.splitlines()
    (tmp_path / "c").mkdir()
    shutil.copy(bad, tmp_path / "c")
    built = cheatsheet("build", tmp_path / "c", "-o", tmp_path / "b", "-j", 1).err.splitlines()
    head = f"{bad}:1:8: error: YAML syntax error"
    assert rendered[0].startswith(head) and checked[0].startswith(head)
    assert built[0].startswith(head.replace(str(bad), str(tmp_path / "c" / "bad.yaml")))
    for lines in (rendered, checked, built):
        assert lines[1] == "  title: [x" and lines[2] == "         ^" and lines[3].startswith("hint: ")
    missing = tmp_path / "nope.md"
    for r in (cheatsheet("render", missing, "-o", tmp_path / "o"), cheatsheet("check", missing)):
        text = (r.err or r.out).splitlines()
        assert text[0].startswith(f"{missing}: error: no such file") and text[1].startswith("hint: ")
    # a warning reads the same in render and check: place, then severity
    chapter = crowded_chapter(tmp_path / "course")
    warned = cheatsheet("render", chapter, "-o", tmp_path / "o", "--dpi", LOW_DPI, "--pdf-only").err
    assert re.search(r"layouts/ch10\.txt:58:1: warning: band 5: ", warned)
    assert re.search(r"layouts/ch10\.txt:58:1: warning: band 5: .* \[notice\]", cheatsheet("check", chapter).out)


def test_an_os_error_is_a_diagnostic_with_a_hint() -> None:
    from cheatsheet.errors import os_error

    text = os_error(PermissionError(13, "Permission denied", "out/ch10.pdf"), "chapters/ch10.yaml")
    assert text.splitlines() == ["chapters/ch10.yaml: error: cannot write or read out/ch10.pdf: permission denied",
                                 "hint: make the file or its folder writable, or choose another output with -o"]
    assert "Errno" not in text


@pytest.mark.parametrize("out", ["x.jpg", "sub/x.jpeg", "x.PDFX"])
def test_o_with_an_unknown_extension_names_the_formats(mini: Path, tmp_path: Path, out: str) -> None:
    r = cheatsheet("render", mini, "-o", out, "--dpi", LOW_DPI, cwd=tmp_path)
    assert r.code == 2 and "unknown output format" in r.err and "pdf, png and svg" in r.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.md"]  # no folder made


@pytest.mark.parametrize("args,magic", [([], b"%PDF-"), (["--format", "png"], b"\x89PNG"),
                                        (["--format", "svg"], b"<?xml"), (["--png-only"], b"\x89PNG")])
def test_o_dash_writes_one_format_to_stdout(mini: Path, tmp_path: Path, args: list[str], magic: bytes) -> None:
    p = subprocess.run([str(SCRIPT), "render", str(mini), "-o", "-", "--dpi", str(LOW_DPI), *args], cwd=tmp_path,
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.startswith(magic)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["mini.md"]  # no folder named -


def test_o_dash_takes_one_format_and_one_input(mini: Path, tmp_path: Path) -> None:
    r = cheatsheet("render", mini, "-o", "-", "--format", "pdf,png", cwd=tmp_path)
    assert r.code == 2 and "one format" in r.err and r.out == ""
    r = cheatsheet("render", mini, mini, "-o", "-", cwd=tmp_path)
    assert r.code == 2 and r.out == ""


def test_format_chooses_the_files(mini: Path, tmp_path: Path) -> None:
    r = cheatsheet("render", mini, "-o", tmp_path / "o", "--format", "svg,pdf", "--dpi", LOW_DPI)
    assert r.code == 0, r.err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["mini.pdf", "mini.svg"]
    for args in (["--format", "jpg"], ["--format", "pdf", "--svg"], ["-o", tmp_path / "x.png", "--format", "pdf"]):
        r = cheatsheet("render", mini, *args)
        assert r.code == 2 and "error" in r.err, args
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("mode,coloured", [("always", True), ("never", False), ("auto", False)])
def test_color_option(tmp_path: Path, mode: str, coloured: bool) -> None:
    r = cheatsheet("--color", mode, "render", tmp_path / "nope.md", "-o", tmp_path)  # stderr is a pipe
    assert r.code == 1 and ("\033[" in r.err) == coloured
    assert "error: no such file" in r.err


def test_import_reads_stdin_and_validates_the_name(tmp_path: Path) -> None:
    prompt = (SEEDS / SEED_FILES["ch09"]).read_bytes()
    p = subprocess.run([str(SCRIPT), "import", "-", "-o", "ch09", "--root", str(tmp_path)], input=prompt,
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert (tmp_path / "layouts" / "ch09.txt").is_file() and (tmp_path / "chapters" / "ch09.yaml").is_file()
    inner = tmp_path / "deep" / "root"
    inner.mkdir(parents=True)
    for name in ("../../x", "../x", "a/b", "/tmp/x", "..", ".hidden", "x.yaml", "", "a\\b"):
        r = cheatsheet("import", SEEDS / SEED_FILES["ch09"], "-o", name, "--root", inner)
        assert r.code == 2 and "plain name" in r.err, name
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["ch09.txt", "ch09.yaml"]
    with pytest.raises(ValueError):
        import_prompt(SEEDS / SEED_FILES["ch09"], "../x", inner)


def test_layout_table_is_aligned_for_wide_characters() -> None:
    from wcwidth import wcswidth

    from cheatsheet.console import display_pad

    assert wcswidth(display_pad("'한글 🍌'", 12)) == 12 and display_pad("abc", 2) == "abc"
    r = cheatsheet("layout", CHAPTERS / "ch10.yaml")
    rows = [ln for ln in r.out.splitlines() if " x=" in ln and wcswidth(ln.split(" x=")[0]) <= 18 + 1 + 6 + 1 + 50]
    assert len(rows) >= 5
    assert len({wcswidth(ln.split(" x=")[0]) for ln in rows}) == 1  # every x= in one column


def test_watch_takes_the_options_of_render() -> None:
    args = cli._parser().parse_args(["watch", "p.md", "--svg", "--no-qr", "--source", "s.txt", "--strict"])
    assert (args.svg, args.qr, args.source, args.strict) == (True, False, "s.txt", True)
