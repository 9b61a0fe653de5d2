"""The project as a user installs it: an sdist and a wheel built from it, installed (not editable)
into a fresh virtual environment, render a bundled chapter from another folder exactly as the
checkout does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from cheatsheet.render import render
from tests.conftest import CHAPTERS, ROOT

pytestmark = pytest.mark.slow

FONT_FILES = sorted(p.name for p in (ROOT / "fonts").iterdir() if p.suffix in (".ttf", ".txt"))


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, f"{cmd}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"
    return p


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build``: the sdist, then the wheel built from that sdist (so both carry the fonts)."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    return out


def test_sdist_and_wheel_carry_the_fonts_and_licences(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    with tarfile.open(sdist) as tf:
        names = {Path(n).name for n in tf.getnames()}
    assert {"LICENSE", *FONT_FILES} <= names
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert {f"cheatsheet/fonts/{f}" for f in FONT_FILES} <= names
    assert {f"cheatsheet/bundled/chapters/{p.name}" for p in CHAPTERS.glob("*.yaml")} <= names  # cheatsheet examples
    assert "cheatsheet/bundled/prompts/minimal.md" in names
    assert "License-Expression: MIT AND OFL-1.1" in meta
    assert "Requires-Python: >=3.11" in meta


def _constraints(path: Path) -> Path:
    """The versions of this environment, so that the fresh one draws with the same matplotlib."""
    pins = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()
                   if d.metadata["Name"] and d.metadata["Name"].lower() not in ("cheatsheet-renderer", "pip",
                                                                                  "setuptools")})
    path.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return path


def test_wheel_renders_in_a_fresh_environment_like_the_checkout(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    py = bindir / "python"
    _run(py, "-m", "pip", "install", "-q", "-c", _constraints(tmp_path / "constraints.txt"), wheel, cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run(py, "-c", "import cheatsheet, cheatsheet.theme as t; print(cheatsheet.__file__); print(t.FONT_DIR)",
                 cwd=elsewhere, env=env).stdout.split("\n")
    assert Path(where[0]).is_relative_to(venv) and Path(where[1]).is_relative_to(venv), where
    _run(bindir / "cheatsheet", "render", CHAPTERS / "ch10.yaml", "-o", "sheets", "--dpi", "40", cwd=elsewhere,
         env=env)
    # the example chapters are there without the checkout: copied, a chapter renders with its layout
    _run(bindir / "cheatsheet", "examples", "course", cwd=elsewhere, env=env)
    assert (elsewhere / "course" / "chapters" / "ch10.yaml").read_bytes() == (CHAPTERS / "ch10.yaml").read_bytes()
    _run(bindir / "cheatsheet", "render", "course/chapters/ch24.yaml", "-o", "ex", "--dpi", "20", "--pdf-only",
         cwd=elsewhere, env=env)
    assert (elsewhere / "ex" / "ch24.pdf").stat().st_size > 0
    ours = render(CHAPTERS / "ch10.yaml", dpi=40)
    assert (elsewhere / "sheets" / "ch10.pdf").read_bytes() == ours.pdf
    assert (elsewhere / "sheets" / "ch10.png").read_bytes() == ours.png
    # In the venv matplotlib's fonts (site-packages/matplotlib/) sort before ours (site-packages/cheatsheet/);
    # the same wheel with its fonts in a folder that sorts first must give the same bytes too, so that
    # one of the two installs orders its font paths unlike the checkout, wherever the checkout lies.
    first = tmp_path / "0-fonts"  # a copy: matplotlib finds fonts by their real paths
    shutil.copytree(Path(where[1]), first)
    _run(py, "-c", "import sys, pathlib, cheatsheet.theme as t; t.FONT_DIR = pathlib.Path(sys.argv[1]); "
                   "from cheatsheet.cli import main; sys.exit(main(sys.argv[2:]))",
         first, "render", CHAPTERS / "ch10.yaml", "-o", "moved", "--dpi", "40", cwd=elsewhere, env=env)
    assert (elsewhere / "moved" / "ch10.pdf").read_bytes() == ours.pdf


def test_the_sdist_holds_the_tests_and_they_run_from_the_unpacked_tree(dist: Path, tmp_path: Path) -> None:
    """The sdist carries tests/ with their data, the baseline images, the chapters, layouts, fonts and
    the guide; a few of its tests (the baseline image comparison, the guide's links, the examples)
    pass from the unpacked tree, with the package that sdist installs."""
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        tf.extractall(tmp_path, filter="data")
    (tree,) = tmp_path.glob("cheatsheet_renderer-*")
    for part in ("tests/data/seeds", "baseline_images", "chapters", "layouts", "fonts", "docs/examples"):
        assert (tree / part).is_dir() and any((tree / part).iterdir()), part
    # the package as that sdist installs it (the wheel was built from it), before the checkout's editable install
    (wheel,) = dist.glob("*.whl")
    site = tmp_path / "site"
    _run(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", site, wheel, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    env["PYTHONPATH"] = str(site)
    where = _run(sys.executable, "-c", "import cheatsheet; print(cheatsheet.__file__)", cwd=tree, env=env).stdout
    assert Path(where.strip()).is_relative_to(site), where
    p = _run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
             "tests/test_chapter_images.py", "tests/test_examples.py", "tests/sources/test_errors.py",
             "tests/test_docs.py::test_guide_links_resolve", cwd=tree, env=env)
    assert " passed" in p.stdout and "failed" not in p.stdout, p.stdout
