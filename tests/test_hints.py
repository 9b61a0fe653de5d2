"""Every warning carries a hint (what to do), the same advice as the guide's troubleshooting gives,
and render, check and build print it in the one form ``file:line:col: warning: message`` / ``hint: …``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from cheatsheet.hints import GENERAL, hint_for
from tests.conftest import ROOT, SCRIPT, crowded_chapter

GUIDE = ROOT / "docs" / "troubleshooting.md"
WARNING_SECTIONS = ("Content", "Mermaid diagrams", "Fitting the page")


def _guide_warnings() -> list[str]:
    """The messages the guide lists as warnings (a row saying "(warning)", or a row of a section of
    warnings), with its placeholders filled in."""
    out: list[str] = []
    section = ""
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        if not line.startswith("| `"):
            continue
        cell = line.split(" | ")[0]
        if "(error)" in cell or not ("(warning)" in cell or section in WARNING_SECTIONS):
            continue
        for message in re.findall(r"`([^`]+)`", cell):
            if message.count(" ") < 3 or message.startswith(":"):  # a word the row names (`links`), a code fence's tail
                continue
            out.append(message.replace("N%", "95%").replace("NAME", "x").replace("…", "x"))
    return out


@pytest.mark.parametrize("message", _guide_warnings())
def test_every_warning_the_guide_lists_has_its_own_hint(message: str) -> None:
    assert hint_for(message) != GENERAL, message


def _headlines_have_hints(err: str) -> list[str]:
    """Each warning headline of ``err`` followed (before the next headline) by a hint line."""
    blocks = re.split(r"\n(?=\S+: (?:warning|error): |\S+:\d+(?::\d+)?: (?:warning|error): )", err.strip())
    warnings = [b for b in blocks if re.match(r"\S+(:\d+(:\d+)?)?: warning: ", b)]
    assert warnings, err
    for b in warnings:
        assert "\nhint: " in b, b
    return warnings


def test_render_check_and_build_print_each_warning_with_its_hint_in_one_form(tmp_path: Path) -> None:
    root = tmp_path / "course"  # a chapter that warns (grown bands)
    prompt = crowded_chapter(root)

    def run(*args: str | Path) -> str:
        p = subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=300)
        assert "Traceback" not in p.stderr, p.stderr
        return p.stderr + p.stdout

    rendered = _headlines_have_hints(run("render", prompt, "-o", tmp_path / "out", "--dpi", "30", "--pdf-only"))
    checked = _headlines_have_hints(run("check", prompt))
    built = _headlines_have_hints(run("build", root / "chapters", "-o", tmp_path / "built", "--dpi", "30"))
    first = [b.split("\n")[0].split(" warning: ")[0] for b in rendered]
    assert [b.split("\n")[0].split(" warning: ")[0] for b in checked] == first  # the same places, in order
    assert [b.split("\n")[0].split(" warning: ")[0] for b in built] == first
