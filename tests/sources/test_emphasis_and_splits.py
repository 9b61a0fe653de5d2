"""Emphasis phrases from the prompts' '강조' lists, and 'N분할' column splits."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.sources import read_input
from tests.conftest import seed


def test_emphasis_lists_of_the_seeds() -> None:
    assert read_input(seed("ch10")).emphasis == ("마법 AI가 아닌 라벨러 시뮬레이션",)
    assert read_input(seed("ch24")).emphasis == ("OpenAI 데이터 라벨러의 통계적 시뮬레이션", "Tool in Toolbox",
                                               "Trust but Verify")
    assert "베이스 모델은 인터넷 문서 시뮬레이터" in read_input(seed("ch09")).emphasis


def test_n_bunhal_splits_a_band_into_equal_columns(tmp_path: Path) -> None:
    p = Path(__file__).parent.parent / "prompts" / "ch05_tokenization.md"
    spec = read_input(p).layout.ratio_spec
    assert spec is not None
    assert spec.ratios[1].columns == (100 / 3, 100 / 3, 100 / 3)
    assert spec.ratios[3].columns == (40.0, 60.0)
