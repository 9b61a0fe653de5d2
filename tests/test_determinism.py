"""The same input gives the same bytes: in separate processes, and whatever the hash seed,
working directory, time zone, locale or matplotlib cache of the process."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CHAPTERS, ROOT, SCRIPT

CHAPTER = "ch10"  # chips, code, a sticky note, arrows: the most kinds of marks
DPI = 60  # low, to keep the test quick: the PNG path is the same at every dpi



def _start(out: Path, cwd: Path, source: Path | str, **env: str) -> subprocess.Popen[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "TZ", "SOURCE_DATE_EPOCH")}
    full.update(env)
    return subprocess.Popen([str(SCRIPT), "render", str(source), "-o", str(out), "--dpi", str(DPI)],
                            cwd=cwd, env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """Three renders of one chapter, run side by side: two alike, one in a different environment."""
    base = tmp_path_factory.mktemp("determinism")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    runs = {
        "first": _start(base / "first", ROOT, f"chapters/{CHAPTER}.yaml", PYTHONHASHSEED="0", TZ="UTC"),
        "second": _start(base / "second", ROOT, f"chapters/{CHAPTER}.yaml", PYTHONHASHSEED="0", TZ="UTC"),
        "other": _start(base / "other", elsewhere, CHAPTERS / f"{CHAPTER}.yaml", PYTHONHASHSEED="4242",
                        TZ="Asia/Seoul", LC_ALL="C.UTF-8", LANG="ko_KR.UTF-8", SOURCE_DATE_EPOCH="86400",
                        MPLCONFIGDIR=str(base / "mplconfig")),
    }
    out: dict[str, tuple[bytes, bytes]] = {}
    for name, proc in runs.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
        folder = base / name
        out[name] = ((folder / f"{CHAPTER}.pdf").read_bytes(), (folder / f"{CHAPTER}.png").read_bytes())
    return out


def test_two_processes_give_the_same_pdf_and_png(outputs: dict[str, tuple[bytes, bytes]]) -> None:
    pdf1, png1 = outputs["first"]
    pdf2, png2 = outputs["second"]
    assert pdf1.startswith(b"%PDF-") and png1.startswith(b"\x89PNG")
    assert pdf1 == pdf2
    assert png1 == png2


def test_hash_seed_cwd_time_zone_and_cache_do_not_matter(outputs: dict[str, tuple[bytes, bytes]]) -> None:
    pdf1, png1 = outputs["first"]
    pdf3, png3 = outputs["other"]
    assert pdf1 == pdf3
    assert png1 == png3


def test_no_date_or_path_in_the_pdf(outputs: dict[str, tuple[bytes, bytes]]) -> None:
    pdf, _ = outputs["first"]
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf
    assert str(ROOT).encode() not in pdf
