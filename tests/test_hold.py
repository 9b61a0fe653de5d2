"""The reproducers of tests/data/hold/: inputs that once crashed the renderer, ran away with its time or memory,
or reached what they should not.  Each one renders (with at most warnings) or fails cleanly
(``file:line:col: error``, exit 1) in under two seconds, never with an internal error or a traceback."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from renderer.cli import main

HOLD = Path(__file__).resolve().parent / "data" / "hold"
SECONDS = 2.0


@dataclass(frozen=True)
class Case:
    file: str  # under tests/data/hold/
    error: str = ""  # a part of the error message; "" when the sheet must render
    warning: str = ""  # a part of a warning the render must give
    args: tuple[str, ...] = ()


CASES = [
    Case("quote_only_marker.md"),
    Case("quote_only_author_dash.md"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_reproducer_renders_or_fails_cleanly(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = HOLD / case.file
    assert path.exists(), path
    start = time.perf_counter()
    code = main(["render", str(path), "-o", str(tmp_path / "out"), "--pdf-only", *case.args])
    took = time.perf_counter() - start
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    assert "\x1b" not in err and "\x07" not in err, err
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
    assert took < SECONDS, f"{case.file}: {took:.2f} s"
