"""``cheatsheet examples DIR``: the bundled chapters, layouts and example prompts, copied for a user."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.cli import main
from tests.conftest import CHAPTERS, ROOT


def test_examples_copies_the_bundled_files_and_never_overwrites_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "course"
    assert main(["examples", str(dest)]) == 0
    assert "files copied into" in capsys.readouterr().out
    assert sorted(p.name for p in (dest / "chapters").iterdir()) == sorted(p.name for p in CHAPTERS.glob("*.yaml"))
    assert sorted(p.name for p in (dest / "layouts").iterdir()) == sorted(p.name for p in (ROOT / "layouts").glob("*.txt"))
    assert (dest / "prompts" / "minimal.md").read_bytes() == (ROOT / "docs" / "examples" / "minimal.md").read_bytes()
    mine = dest / "chapters" / "ch10.yaml"
    mine.write_text("# my own edits\n", encoding="utf-8")
    assert main(["examples", str(dest)]) == 1
    err = capsys.readouterr().err
    assert f"{dest}: error: " in err and "already" in err and "hint: " in err and "--force" in err
    assert mine.read_text(encoding="utf-8") == "# my own edits\n"  # left as it was
    assert main(["examples", str(dest), "--force"]) == 0
    assert mine.read_bytes() == (CHAPTERS / "ch10.yaml").read_bytes()


def test_a_copied_chapter_finds_its_layout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["examples", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["layout", str(tmp_path / "chapters" / "ch24.yaml")]) == 0
    assert "error" not in capsys.readouterr().err
