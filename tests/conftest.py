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


# module-scoped fixtures that cost nothing to make again on another worker
CHEAP_SHARED = {"scratch", "folder", "warm"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``-n auto --dist loadgroup``, pyproject's addopts), the tests that share a
    module-scoped fixture (a render, a built sdist, an imported course) run on one worker, so that the
    fixture is made once, not once per worker; every other test goes to whichever worker is free.
    A module whose module-scoped fixtures are all cheap (an empty scratch folder, a warm-up each worker
    needs anyway) is not grouped: its long tests are spread over the workers."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        shared = any(d.scope in ("module", "package", "session") and d.baseid and name not in CHEAP_SHARED
                     for name, defs in info.name2fixturedefs.items() for d in defs)
        if shared:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
