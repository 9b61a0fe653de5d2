"""The reproducers of tests/data/hold/: inputs that once crashed the renderer, ran away with its time or memory,
or reached what they should not.  Each one renders (with at most warnings) or fails cleanly
(``file:line:col: error``, exit 1) in under two seconds, never with an internal error or a traceback."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from cheatsheet.cli import main

HOLD = Path(__file__).resolve().parent / "data" / "hold"
SECONDS = 2.0


@dataclass(frozen=True)
class Case:
    file: str  # under tests/data/hold/
    error: str = ""  # a part of the error message; "" when the sheet must render
    warning: str = ""  # a part of a warning the render must give
    args: tuple[str, ...] = ()
    seconds: float = SECONDS  # a case the long fuzz found is held to the fuzz's own budget (10 s) with room to spare


CASES = [
    Case("quote_only_marker.md"),
    Case("quote_only_author_dash.md"),
    # the video address: one rule (http or https, at most MAX_URL_CHARS) wherever it is written
    Case("source_url_3000_chars.md", error="1,000"),
    Case("source_url_hangul_past_the_qr.md", error="more than the 1,000"),
    Case("source_url_javascript.md", error="not a web address"),
    Case("source_url_data.md", error="not a web address"),
    Case("project/chapters/source_url_file.yaml", error="not a web address"),
    Case("project/chapters/source_url_javascript.yaml", error="not a web address"),
    # aliases of aliases: refused before anything expands them
    Case("yaml_alias_bomb_front_matter.md", error="20,000 values"),
    Case("project/chapters/yaml_alias_bomb.yaml", error="20,000 values"),
    # a layout is read from the project's layouts/ only, and a refused file is never shown
    Case("project/chapters/ok.yaml"),
    Case("project/chapters/layout_parent_path.yaml", error="outside the project's layouts/ folder"),
    Case("project/chapters/layout_absolute_path.yaml", error="not anywhere on the machine"),
    # recursion: deep trees and frames are walked without it, or drawn to a depth
    Case("mindmap_350_deep.md"),
    Case("sequence_200_nested_loops.md", error="cannot hold the content"),
    Case("nested_list_400_deep.md"),
    # numbers no pie can share out
    Case("pie_1e308.md", warning="larger than 1e+15"),
    # content past a limit is refused before any of it is measured
    Case("pie_61_slices.md"),  # labels beside it, but no turning search over every pair of 61 leaders
    Case("pie_2000_slices.md", error="more than the 800"),
    Case("table_3000_rows.md", error="more than the 300"),
    Case("table_10000_rows.md", error="more than the 300"),
    Case("code_3000_long_lines.md", error="more than the 800"),
    Case("diagram_5000_bands.md", error="more than the 60"),
    # content no number of pages could hold: the verdict comes before any search
    Case("diagram_1280_lines_in_a_box.md", error="would cover about 16 pages"),
    Case("ratio_spec_5000_bands.md", warning="lists 5000 bands"),
    # a terminal's escape sequences in an input are shown escaped
    Case("diagram_terminal_escapes.md", error="\\x1b]0;pwn\\x07\\x1b[2J"),
    # found by the long fuzz (15 s): a list nested 500 deep read as an indented code block of 500 long lines, on a
    # page that cannot hold it; each line's tokens were found again for every size the fitting tried
    Case("fuzz_deep_list_as_code_in_a_crowded_page.md", error="cannot hold the content", seconds=8.0),
    # found by the long fuzz (11 s): box lines copied side by side into rows of thousands of columns; each box's
    # walls were looked for along the whole row
    Case("fuzz_rounded_boxes_side_by_side_in_long_rows.md", error="cannot hold the content", seconds=4.0),
]


@pytest.fixture(scope="module", autouse=True)
def warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One render first, so that the timed ones do not count importing matplotlib and reading the fonts."""
    out = tmp_path_factory.mktemp("warm")
    assert main(["render", str(HOLD / "quote_only_marker.md"), "--pdf-only", "-q", "-o", str(out)]) == 0


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_reproducer_renders_or_fails_cleanly(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = HOLD / case.file
    assert path.exists(), path
    start = time.process_time()  # this process's own seconds: other work on a shared machine does not count
    code = main(["render", str(path), "-o", str(tmp_path / "out"), "--pdf-only", *case.args])
    took = time.process_time() - start
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    assert "\x1b" not in err and "\x07" not in err, err
    assert "root:" not in err, err  # nothing of a file outside the project is shown
    if case.error:
        assert code == 1, err
        assert re.match(r"[^\n]+:\d+:\d+: ", err), err
        assert case.error in err, err
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    else:
        assert code == 0, err
        assert (tmp_path / "out" / f"{path.stem}.pdf").stat().st_size > 0
    if case.warning:
        assert case.warning in err, err
    assert took < case.seconds, f"{case.file}: {took:.2f} s"


def test_a_layout_linked_out_of_the_project_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    (project / "chapters").mkdir(parents=True)
    (project / "layouts").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("# Layout Structure\nthe secret line\n", encoding="utf-8")
    (project / "layouts" / "small.txt").symlink_to(secret)
    chapter = project / "chapters" / "c.yaml"
    chapter.write_text((HOLD / "project" / "chapters" / "ok.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["render", str(chapter), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "outside the project's layouts/ folder" in err and "secret" not in err, err


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_input_that_is_no_plain_file_is_refused_at_once(kind: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import os

    path = tmp_path / "x.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    start = time.perf_counter()
    code = main(["build", "--chapters", str(tmp_path), "-o", str(tmp_path / "out"), "-j", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "not a plain file" in err, err
    assert time.perf_counter() - start < 10


def test_an_input_past_the_size_limit_is_refused_with_the_limit_named(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from cheatsheet.limits import MAX_INPUT_BYTES

    path = tmp_path / "big.md"
    path.write_bytes((HOLD / "quote_only_marker.md").read_bytes() + b"x" * MAX_INPUT_BYTES)
    assert main(["render", str(path), "-o", str(tmp_path / "out")]) == 1
    assert f"{MAX_INPUT_BYTES:,} bytes" in capsys.readouterr().err


@pytest.mark.parametrize("dpi", ["3000", "100000000000000000000"])
def test_a_resolution_past_the_limit_is_a_usage_error(dpi: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from cheatsheet.limits import MAX_DPI

    with pytest.raises(SystemExit) as exc:
        main(["render", str(HOLD / "quote_only_marker.md"), "-o", str(tmp_path), "--dpi", dpi])
    assert exc.value.code == 2
    assert f"more than {MAX_DPI}" in capsys.readouterr().err
