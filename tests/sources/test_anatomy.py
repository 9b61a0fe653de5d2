"""The parts of a prompt and the pieces of content read from them, in every way the team writes."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.sources import anatomy, read_input
from cheatsheet.sources.markdown import close_fences, parse

DIAGRAM = [
    "┌──────────────────────────────┐",
    "│ 🍌 TITLE 🍌                  │",
    "├──────────────────────────────┤",
    "│ ┌────────────┐ ┌───────────┐ │",
    "│ │ 📖 왼쪽     │ │ 💡 오른쪽  │ │",
    "│ │ 토큰 예측   │ │ 보상 신호  │ │",
    "│ └────────────┘ └───────────┘ │",
    "└──────────────────────────────┘",
]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "prompt.md"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _roles(lines: list[str]) -> list[tuple[str, str]]:
    fixed, _ = close_fences(lines)
    return [(p.role, p.title) for p in anatomy.parts(fixed, parse("\n".join(fixed))) if p.title]


def test_titles_name_their_roles() -> None:
    assert anatomy.role_of("Role Definition") == anatomy.ROLE
    assert anatomy.role_of("Source Text") == anatomy.SOURCE
    assert anatomy.role_of('Output Style: "Nano Banana" Cheat Sheet') == anatomy.STYLE
    assert anatomy.role_of("Layout Structure (이 구조대로 배치해주세요)") == anatomy.LAYOUT
    assert anatomy.role_of("1. 레이아웃 구조") == anatomy.LAYOUT
    assert anatomy.role_of("배치 비율 (필수!)") == anatomy.RATIOS
    assert anatomy.role_of("Instructions") == anatomy.CLOSING
    assert anatomy.role_of("📋 작업 결과 요약") == anatomy.CHAT
    assert anatomy.role_of("Content Details (레이아웃 각 섹션에 들어갈 내용)") == anatomy.CONTENT
    # words of the machinery inside a subject's title do not make it machinery
    assert anatomy.role_of("3. 라벨링 지침 (Labeling Instructions)") == anatomy.CONTENT
    assert anatomy.role_of("👥 인간 라벨러의 역할") == anatomy.CONTENT
    assert anatomy.role_of("역할 있음 vs 역할 없음 비교 테이블") == anatomy.CONTENT
    assert anatomy.role_of("Mermaid 다이어그램 1: 프롬프트 다듬기 루프") == anatomy.CONTENT


def test_bold_parts_sit_below_their_heading_and_beside_each_other() -> None:
    lines = ["# 나노바나나 치트시트 프롬프트: 강의 - 3. 주제", "소개", "", "**1. 레이아웃 구조**", "",
             *DIAGRAM, "", "**2. 필수 시각 요소**", "", "#### Mermaid 다이어그램 1: 흐름", "", "```mermaid",
             "graph LR", "  A --> B", "```", "", "**3. 비교 테이블**", "", "| a | b |", "|---|---|", "| 1 | 2 |"]
    roles = _roles(lines)
    assert roles == [(anatomy.INTRO, "나노바나나 치트시트 프롬프트: 강의 - 3. 주제"), (anatomy.LAYOUT, "레이아웃 구조"),
                     (anatomy.CONTENT, "필수 시각 요소"), (anatomy.CONTENT, "Mermaid 다이어그램 1: 흐름"),
                     (anatomy.CONTENT, "비교 테이블")]
    fixed, _ = close_fences(lines)
    levels = {p.title: p.level for p in anatomy.parts(fixed, parse("\n".join(fixed)))}
    assert levels["필수 시각 요소"] == levels["비교 테이블"] == 1.5
    assert levels["Mermaid 다이어그램 1: 흐름"] == 4


def test_everything_after_the_closing_requests_is_machinery() -> None:
    lines = ["# Content Details", "## 📖 왼쪽", "내용", "# Instructions", "1. A4 가로", "## 작업 결과 요약",
             "- /Users/me/notes/ch03.md 저장", "## 다음 단계", "- 이미지 생성"]
    roles = dict((t, r) for r, t in _roles(lines))
    assert roles["📖 왼쪽"] == anatomy.CONTENT
    assert roles["Instructions"] == anatomy.CLOSING
    assert roles["작업 결과 요약"] == anatomy.CHAT
    assert roles["다음 단계"] in (anatomy.CLOSING, anatomy.CHAT)


def test_the_chapter_notes_under_a_heading_of_their_own_stay_source() -> None:
    lines = ["# Source Text", "---", "title: x", "---", "# 10. 후속학습 데이터", "## 핵심 개념", "- a", "",
             "# Layout Structure", *DIAGRAM, "# Content Details", "## 📖 왼쪽", "본문"]
    roles = dict((t, r) for r, t in _roles(lines))
    assert roles["10. 후속학습 데이터"] == anatomy.SOURCE
    assert roles["핵심 개념"] == anatomy.SOURCE
    assert roles["📖 왼쪽"] == anatomy.CONTENT


def test_a_layout_under_a_bold_part_and_a_ratio_table_run_into_the_next_part(tmp_path: Path) -> None:
    lines = ["# 나노바나나 치트시트 프롬프트: 강의 - 3. 주제", "", "**1. 레이아웃 구조**", "", "```", *DIAGRAM, "```",
             "", "## 배치 비율", "| 영역 | 비율 |", "|---|---|", "| 상단 | 20% |", "| 하단 | 80% |",
             "**2. 필수 시각 요소**", "", "#### 보상 신호의 흐름", "- 보상 → 정책 갱신"]
    ch = read_input(_write(tmp_path, lines))
    assert [r.percent for r in ch.layout.ratio_spec.ratios] == [20, 80]
    assert [s.title for s in ch.sections] == ["보상 신호의 흐름"]
    assert not ch.notices


def test_a_diagram_under_no_heading_is_read_with_a_warning(tmp_path: Path) -> None:
    ch = read_input(_write(tmp_path, ["---", 'title: "1. Test"', "---", "", *DIAGRAM]))
    assert ch.layout.first_line == 5
    assert any("under no '# Layout Structure' heading" in n.message and n.line == 5 for n in ch.notices)


def test_a_mermaid_block_without_its_closing_fence_ends_at_the_next_heading(tmp_path: Path) -> None:
    lines = ["# Layout Structure", *DIAGRAM, "# Output Structure Plan", "## 1. 흐름", "```mermaid", "graph LR",
             "  A --> B", "", "## 2. 🆚 비교 (Table)", "| a | b |", "|---|---|", "| 1 | 2 |"]
    ch = read_input(_write(tmp_path, lines))
    assert [s.title for s in ch.sections] == ["흐름", "비교"]
    assert ch.sections[0].body.rstrip().endswith("```")
    assert any("closing ```" in n.message for n in ch.notices)


def test_pieces_of_every_form(tmp_path: Path) -> None:
    lines = ["# Source Text", "---", "title: x", "---", "**요약**: 보상으로 배우는 단계입니다.", "",
             "**핵심 포인트:**", "- 보상 신호", "- 정책 갱신", "",
             "# Output Style", "1. Create a **Flowchart** for the loop (문제 → 풀이 → 채점)", "",
             "# Layout Structure", *DIAGRAM,
             "# Output Structure Plan", "## 1. 🗺️ Topic Overview (Mind Map)", "- Create a Mermaid mindmap:",
             "  - Root: \"RL\"", "  - Level 1: \"보상\", \"정책\"", "## 2. 💡 Core Process (Flowchart)",
             "- Create a Mermaid flowchart showing the loop:", "",
             "# 토론 정리", "## 주제 1: 왜 보상인가", "### 토론 내용", "> \"보상이 전부다\" — Zack",
             "# Instructions", "Please generate the Cheat Sheet now."]
    ch = read_input(_write(tmp_path, lines))
    got = [(s.origin, s.title, s.context) for s in ch.sections]
    assert ("request", "loop", "") in got
    assert ("section", "Topic Overview", "") in got
    assert ("section", "Core Process", "") in got  # a request and nothing after it: a piece with no data
    assert ("section", "토론 내용", "주제 1: 왜 보상인가") in got
    assert not any("Please generate" in s.body for s in ch.sections)
    assert [(r.origin, r.body) for r in ch.reserve] == [("summary", "보상으로 배우는 단계입니다."),
                                                        ("key-points", "- 보상 신호\n- 정책 갱신")]
