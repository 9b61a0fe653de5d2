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


@pytest.fixture(params=sorted(SEED_FILES))
def seed_prompt(request: pytest.FixtureRequest) -> Path:
    return seed(request.param)


@pytest.fixture(params=["ch09", "ch10", "ch24"])
def chapter_yaml(request: pytest.FixtureRequest) -> Path:
    return CHAPTERS / f"{request.param}.yaml"

