"""Content said twice in one region is drawn once, with a notice; what only looks alike stays."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.compose.blocks.table import TableBlock
from cheatsheet.compose.parse import parse_blocks
from cheatsheet.compose.repeats import drop_repeats
from tests.compose.test_fit import compose, prompt

DRAWING_AND_TABLE = """```
┌──────────┐   ┌──────────┐
│ 사전학습 │ → │ 미세조정 │
│ 인터넷   │   │ 대화     │
└──────────┘   └──────────┘
```

| 사전학습 | 미세조정 |
|---|---|
| 인터넷 | 대화 |
"""


def _kept(md: str) -> tuple[list, list]:
    notices: list = []
    blocks = parse_blocks(md, 10)
    return drop_repeats([(b, "p.md") for b in blocks], "🍎 LEFT", notices), notices


def test_a_drawing_and_a_table_saying_the_same_are_drawn_once_with_a_notice() -> None:
    kept, notices = _kept(DRAWING_AND_TABLE)
    assert len(kept) == 1 and not isinstance(kept[0], TableBlock)
    assert len(notices) == 1
    n = notices[0]
    assert (n.file, n.line) == ("p.md", 17) and '"🍎 LEFT"' in n.message and "line 11" in n.message


def test_a_paragraph_pasted_twice_is_drawn_once(tmp_path: Path) -> None:
    line = "모델은 인터넷 문서를 흉내 내는 시뮬레이터입니다."
    _, page = compose(prompt(tmp_path, f"{line}\n\n- 다른 내용\n\n{line}", "- b", "- c"))
    assert sum("시뮬레이터입니다" in getattr(m, "text", "") for m in page.marks) == 1
    assert any("says this again" in n.message for n in page.notices)


def test_what_only_looks_alike_stays() -> None:
    md = ("- 사전학습\n  └─ 비용: 수백만 달러 필요\n- 미세조정\n  └─ 비용: 수백만 달러 필요\n\n"
          "예: 좋다\n\n예: 좋다\n\n사전학습 미세조정 강화학습 평가\n\n평가 강화학습 미세조정 사전학습 그리고 배포\n")
    kept, notices = _kept(md)
    assert len(kept) == len(parse_blocks(md, 10)) and not notices
