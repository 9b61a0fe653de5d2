"""Shared fixtures: the seed prompts beside the repository and the bundled chapters."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CHAPTERS = ROOT / "chapters"

SEED_FILES = {
    "ch10": "000_2aeb7e78886de4c9.txt",
    "ch09": "002_926cfcb23f31a22e.txt",
    "ch24": "004_a12766d7de29e2f4.txt",
}


def seed(name: str) -> Path:
    p = SEEDS / SEED_FILES[name]
    if not p.is_file():
        pytest.skip(f"seed prompt {p} is not beside the repository")
    return p


@pytest.fixture(params=sorted(SEED_FILES))
def seed_prompt(request: pytest.FixtureRequest) -> Path:
    return seed(request.param)


@pytest.fixture(params=["ch09", "ch10", "ch24"])
def chapter_yaml(request: pytest.FixtureRequest) -> Path:
    return CHAPTERS / f"{request.param}.yaml"
