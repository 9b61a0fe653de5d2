"""Requests in a prompt ("- 3-5 bullet points summarizing:", "- Create a Mermaid mindmap:") are read for
what they ask and never written on the page; the sheet's own lines that merely look alike stay."""

from __future__ import annotations

import pytest

from cheatsheet.compose.blocks.text_item import TextItem
from cheatsheet.compose.diagrams.mindmap import MindMapBlock
from cheatsheet.compose.parse import parse_blocks
from cheatsheet.sources.requests import drop_requests, is_request, picture_kind


@pytest.mark.parametrize("line", [
    "- 3-5 bullet points summarizing:",
    "- 2~3 bullet points about the pipeline:",
    "- Create a comparison table:",
    "- Use **Bold** for key concepts and definitions.",
    "- Create a visual comparison of compute costs.",
    "Summarize the chapter in a short list:",
    "- 아래 내용을 표로 정리해주세요:",
    "- 핵심 개념은 굵게 강조하세요.",
    "1. Include an icon for every section",
])
def test_requests(line: str) -> None:
    assert is_request(line)


@pytest.mark.parametrize("line", [
    "- Create a new branch:",
    "- 3 key takeaways:",
    "- 핵심 요약:",
    "- 베이스 모델 = 인터넷 문서 시뮬레이터",
    "- Use the force, Luke",
    "- Pre-training → SFT → RL",
    "**플로우차트:**",
])
def test_the_sheets_own_lines_are_no_requests(line: str) -> None:
    assert not is_request(line)


@pytest.mark.parametrize("line, kind", [
    ("- Create a Mermaid mindmap:", "mindmap"),
    ("- Mind map:", "mindmap"),
    ("- Draw a flowchart of the pipeline:", "flowchart"),
    ("- 흐름도를 그려주세요:", "flowchart"),
    ("- 마인드맵 작성", "mindmap"),
    ("- the flowchart shows stages", ""),
])
def test_picture_requests(line: str, kind: str) -> None:
    assert picture_kind(line) == kind


def test_a_request_gives_way_to_the_lines_under_it() -> None:
    lines = ["## 📌 Key Takeaways", "- 3-5 bullet points summarizing:", "  - 베이스 모델 = 시뮬레이터",
             "    - 직접 대화 불가", "  - 후속학습 = 핵심 단계", "", "끝"]
    assert drop_requests(lines) == ["## 📌 Key Takeaways", "", "- 베이스 모델 = 시뮬레이터", "  - 직접 대화 불가",
                                    "- 후속학습 = 핵심 단계", "", "끝"]


def test_requests_with_nothing_under_them_go_and_fenced_lines_stay() -> None:
    lines = ["- Create a Mermaid flowchart of the pipeline.", "- Use bold for key terms.", "```",
             "- Use bold for key terms.", "```", "- 남는 줄"]
    assert drop_requests(lines) == ["", "", "```", "- Use bold for key terms.", "```", "- 남는 줄"]


def test_a_plan_section_becomes_its_content() -> None:
    md = "\n".join([
        "- Create a Mermaid mindmap:",
        '  - Root: "LLM"',
        '  - Level 1: "Pretraining", "SFT"',
        "- 3-5 bullet points summarizing:",
        "  - 베이스 모델은 **문서 시뮬레이터**",
        "  - 후속학습이 **어시스턴트**를 만든다",
    ])
    blocks = parse_blocks(md, 20)
    assert isinstance(blocks[0], MindMapBlock) and blocks[0].line == 20
    items = [b for b in blocks if isinstance(b, TextItem)]
    assert ["".join(r.text for r in b.runs) for b in items] == ["베이스 모델은 문서 시뮬레이터",
                                                                "후속학습이 어시스턴트를 만든다"]
    assert [b.line for b in items] == [24, 25]
    assert all(b.marker == "glyph" and b.level == 0 for b in items)
