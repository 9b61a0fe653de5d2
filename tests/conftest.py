"""Fixtures: the seed prompts (a copy in tests/data/seeds/) and the bundled chapters."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
CHAPTERS = ROOT / "chapters"
# The console script of the environment running the tests (installed by `pip install -e ".[test]"`).
SCRIPT = Path(sys.executable).parent / ("cheatsheet.exe" if os.name == "nt" else "cheatsheet")

SEED_FILES = {
    "ch10": "000_2aeb7e78886de4c9.txt",
    "ch09": "002_926cfcb23f31a22e.txt",
    "ch24": "004_a12766d7de29e2f4.txt",
}


def seed(name: str) -> Path:
    return SEEDS / SEED_FILES[name]


def crowded_chapter(root: Path) -> Path:
    """A course at ``root`` holding ch10 with its last band's share cut from 15% to 10% (the middle band's raised
    to 35%): that band must grow far beyond its share, a warning on a layout file of a chapter (line 58, the
    ratio spec).  The chapter's YAML file is returned."""
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    (root / "layouts").mkdir(exist_ok=True)
    text = (ROOT / "layouts" / "ch10.txt").read_text(encoding="utf-8")
    for old, new in (("- 중앙 (30%)", "- 중앙 (35%)"), ("- 하단-하 (15%)", "- 하단-하 (10%)")):
        assert old in text, old
        text = text.replace(old, new)
    (root / "layouts" / "ch10.txt").write_text(text, encoding="utf-8")
    chapter = root / "chapters" / "ch10.yaml"
    chapter.write_bytes((CHAPTERS / "ch10.yaml").read_bytes())
    return chapter


@pytest.fixture(params=sorted(SEED_FILES))
def seed_prompt(request: pytest.FixtureRequest) -> Path:
    return seed(request.param)


@pytest.fixture(params=["ch09", "ch10", "ch24"])
def chapter_yaml(request: pytest.FixtureRequest) -> Path:
    return CHAPTERS / f"{request.param}.yaml"

