"""Every prompt in tests/prompts/: it renders, every word of its content sections is on the page,
and its region tree has the bands, columns and rows its diagram draws.

The prompts are written like the real ones (a role line, the source text with front matter, a
box-drawing diagram, a ratio spec, ``## <icon> <title> (<place>)`` sections, closing
instructions), each stressing one thing an author does: heavy, double, rounded, ASCII or mixed
box lines; ratio specs worded in other ways or missing; a prompt entirely in English; Hanja and
CJK punctuation; maths; keycaps, ZWJ emoji and flags; code blocks; far more or far less text;
mermaid flowcharts with subgraphs, sequence diagrams and pies.

The expected shape of each diagram below is read off the diagram by eye, not taken from the
code's output.  The words are read from the prompt's sections here, independently of the
renderer's reader, so that a section the reader loses still counts as missing.
"""

from __future__ import annotations

import io
import math
import re
import string
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet import theme
from cheatsheet.compose.marks import TextMark
from cheatsheet.compose.text.fonts import check_covered
from cheatsheet.layout.place import usable_rect
from cheatsheet.layout.regions import Region
from cheatsheet.render import Rendered, lay_out, render
from cheatsheet.sources import read_input

PROMPTS_DIR = Path(__file__).parent / "prompts"
PROMPTS = sorted(PROMPTS_DIR.glob("*.md"))

THIRDS = [100 / 3] * 3
HALVES = [50.0, 50.0]

# name: band shapes top to bottom ("title"; 1 = one region; [r1, r2, ...] = columns, each
# with the number of boxes stacked in it), band percentages of the page height (title
# included; None when the prompt gives none), and column splits the prompt asks for
# (band number, 1-based -> column percentages).
EXPECTED: dict[str, dict] = {
    "ch05_tokenization": {
        "bands": ["title", [1, 2, 1], 1, [1, 1]],
        "pcts": [10, 30, 30, 30],
        "splits": {2: THIRDS, 4: [40, 60]},
    },
    "typography_ko": {
        "bands": ["title", [1, 1], [1, 1]],
        "pcts": [12, 40, 48],
        "splits": {2: [45, 55], 3: [40, 60]},
    },
    "mermaid_zoo": {
        "bands": ["title", [1, 1], [1, 1]],
        "pcts": [10, 50, 40],
        "splits": {2: [50, 50], 3: [40, 60]},
    },
    "pen_ascii": {"bands": ["title", [1, 1], 1], "pcts": [12, 48, 40], "splits": {2: [40, 60]}},
    "pen_double": {"bands": ["title", [1, 1], 1], "pcts": [10, 40, 50], "splits": {2: [45, 55]}},
    "pen_english": {"bands": ["title", [1, 1], 1, 1], "pcts": [12, 30, 38, 20], "splits": {2: [45, 55]}},
    "pen_heavy": {"bands": ["title", [1, 1], 1], "pcts": [15, 45, 40], "splits": {2: [40, 60]}},
    "pen_rounded": {"bands": ["title", [1, 1, 1], 1], "pcts": [15, 55, 30], "splits": {2: THIRDS}},
    "ch05_nn_internals": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [8, 24, 38, 30],
        "splits": {},
    },
    "ch06_inference": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [8, 27, 35, 30],
        "splits": {},
    },
    "ch07_gpt2_training": {
        "bands": ["title", [1, 1, 1], 1, [1, 1], 1],
        "pcts": [8, 24, 32, 24, 12],
        "splits": {2: THIRDS},
    },
    "ch08_llama31_base_model": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [8, 30, 32, 30],
        "splits": {2: [40, 60], 4: THIRDS},
    },
    "ch11_hallucinations": {
        "bands": ["title", [1, 1], 1, [1, 1]],
        "pcts": [10, 22, 30, 38],
        "splits": {},
    },
    "ch12_knowledge_of_self": {
        "bands": ["title", [1, 1], 1],
        "pcts": [15, 55, 30],
        "splits": {},
    },
    "ch13_models_need_tokens_to_think": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [8, 26, 38, 28],
        "splits": {2: [45, 55], 4: THIRDS},
    },
    "ch14_tokenization_revisited": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [10, 30, 28, 32],
        "splits": {2: HALVES, 4: THIRDS},
    },
    "ch15_jagged_intelligence": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [8, 30, 34, 28],
        "splits": {},
    },
    "ch17_reinforcement_learning": {
        "bands": ["title", [1, 1], 1, [1, 1]],
        "pcts": [8, 32, 35, 25],
        "splits": {2: [35, 65], 4: HALVES},
    },
    "ch18_deepseek_r1": {
        "bands": ["title", [1, 1], 1, [1, 2]],
        "pcts": [8, 24, 36, 32],
        "splits": {2: [40, 60], 4: HALVES},
    },
    "ch19_alphago": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [9, 27, 34, 30],
        "splits": {2: THIRDS, 4: HALVES},
    },
    "ch20_rlhf": {
        "bands": ["title", 1, [1, 1], [1, 1], 1],
        "pcts": [8, 17, 35, 30, 10],
        "splits": {},
    },
    "ch21_future_capabilities": {
        "bands": ["title", [1, 1, 1], [1, 1], 1],
        "pcts": None,
        "splits": {},
    },
    "ch23_where_to_find_llms": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [9, 33, 30, 28],
        "splits": {2: THIRDS, 4: HALVES},
    },
    "form_01_plan_mindmap": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [10, 22, 43, 25],
        "splits": {2: HALVES, 4: THIRDS},
    },
    "form_02_boldparts_hallucination": {
        "bands": ["title", [1, 1], 1, [1, 1], 1],
        "pcts": [8, 22, 35, 23, 12],
        "splits": {2: HALVES, 4: HALVES},
    },
    "form_03_roundtable_discussion": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [10, 22, 40, 28],
        "splits": {2: [40, 60], 4: THIRDS},
    },
    "form_04_roundtable_boldparts": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [8, 24, 40, 28],
        "splits": {2: [20, 20, 60], 4: HALVES},
    },
    "form_05_sketch_only_rl": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [8, 26, 38, 28],
        "splits": {2: [20, 20, 60]},
    },
    "form_06_sparse_zero_shot": {
        "bands": ["title", [1, 1], 1],
        "pcts": None,
        "splits": {},
    },
    "form_07_english_cot": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [10, 24, 40, 26],
        "splits": {2: [25, 25, 50], 4: HALVES},
    },
    "form_08_dense_thinking_models": {
        "bands": ["title", [1, 1, 1], 1, [1, 1], [1, 1]],
        "pcts": [8, 20, 32, 25, 15],
        "splits": {2: THIRDS, 4: [55, 45], 5: HALVES},
    },
    "form_09_style_sections_platforms": {
        "bands": ["title", [1, 1], 1, [1, 1, 1], 1],
        "pcts": [8, 18, 36, 26, 12],
        "splits": {2: HALVES, 4: THIRDS},
    },
    "form_10_fewshot_xml_unclosed": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [10, 22, 40, 28],
        "splits": {2: HALVES, 4: [25, 25, 50]},
    },
    "form_11_chaining_boldparts": {
        "bands": ["title", [1, 1, 1], 1, [1, 1]],
        "pcts": [10, 24, 40, 26],
        "splits": {2: THIRDS, 4: HALVES},
    },
    "form_12_roundtable_future": {
        "bands": ["title", [1, 1], 1, [1, 1, 1], 1],
        "pcts": [8, 20, 34, 26, 12],
        "splits": {2: HALVES, 4: THIRDS},
    },
    "form_13_alphago_mixed": {
        "bands": ["title", [1, 1], 1, [1, 1]],
        "pcts": [10, 24, 40, 26],
        "splits": {2: HALVES, 4: [55, 45]},
    },
    "form_14_role_prompting_trace": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [10, 22, 42, 26],
        "splits": {2: [35, 65], 4: THIRDS},
    },
    "form_15_sketch_only_self": {
        "bands": ["title", [1, 1], 1, [1, 1, 1]],
        "pcts": [10, 24, 40, 26],
        "splits": {2: HALVES, 4: THIRDS},
    },
}

# ---------------------------------------------------------------------------------------------
# the words of a prompt's content sections, read here without the renderer's reader

CONTENT_H1 = ("content details", "output structure plan")
MACHINERY = ("이미지 생성 요청", "image generation", "프롬프트 생성 완료 요약", "배치 비율", "layout ratio",
             "instructions", "output style", "role definition")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
# prompt instructions inside a content section: "- Create a Mermaid mindmap:", "- 3-5 bullet points summarizing:"
INSTRUCTION = re.compile(
    r"^\s*[-*+]\s+(?:(?:create|draw|make|add|use|include|show|render|visuali[sz]e)\b.*:\s*$"
    r"|\d+\s*[-~]\s*\d+\s+bullet points\b.*:\s*$"
    r"|use\s+\*\*bold\*\*\s+for\b.*)",  # a styling request: "- Use **Bold** for key concepts."
    re.I,
)
SPEC_PREFIX = re.compile(r"^(\s*[-*+]\s+)(?:root|level\s*\d+)\s*:", re.I)
KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ORDERED = re.compile(r"^\s*\d+[.)]\s+")
ARROW_BLOCKS = ((0x2190, 0x21FF), (0x27F0, 0x27FF), (0x2900, 0x297F), (0x2B00, 0x2BFF))
MERMAID_KEYWORDS = ("flowchart", "graph", "sequencediagram", "mindmap", "end", "classdef", "class", "style",
                    "linkstyle", "autonumber", "direction")
NODE_LABEL = re.compile(r"\w\s*(?:\(\(|\[\(|\(\[|\[\[|\{\{|\[|\{|\(|>)(.+?)(?:\)\)|\)\]|\]\)|\]\]|\}\}|\]|\}|\))")
EDGE_LABEL = re.compile(r"--\s*([^->|][^->|]*?)\s*-->|-\.\s*(.+?)\s*\.->|==\s*(.+?)\s*==>|\|([^|]+)\|")


def ignorable(ch: str) -> bool:
    """Characters that are markup, decoration or drawn as pictures: never a word's letters."""
    if ch in string.punctuation or ch == "•":
        return True
    cat = unicodedata.category(ch)
    if cat in ("So", "Sk", "Cf", "Cc", "Mn", "Me", "Zs"):
        return True
    cp = ord(ch)
    return any(a <= cp <= b for a, b in ARROW_BLOCKS)


def squeeze(text: str) -> str:
    """Text with whitespace and ignorable characters removed: what word pieces are looked up in."""
    text = KEYCAP.sub(" ", unicodedata.normalize("NFC", text))
    return "".join(ch for ch in text if not ch.isspace() and not ignorable(ch))


def pieces(text: str) -> list[str]:
    """The word pieces of a line of content: split at whitespace and at every ignorable character."""
    text = KEYCAP.sub(" ", unicodedata.normalize("NFC", text))
    return "".join(" " if ignorable(ch) else ch for ch in text).split()


def sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) of every ``## `` section under ``# Content Details`` or ``# Output Structure Plan``."""
    out: list[tuple[str, list[str]]] = []
    fence = ""
    in_content = False
    current: list[str] | None = None
    mermaid = False
    for line in text.split("\n"):
        m = FENCE.match(line)
        if fence and mermaid and re.match(r"^#{1,6}\s", line):
            fence = ""  # a mermaid block left open runs into the next heading: it ends there
        if m and (not fence or m.group(1)[0] == fence[0] and not m.group(2)):
            mermaid = not fence and m.group(2).lower() == "mermaid"
            fence = "" if fence else m.group(1)
        elif not fence and line.startswith("# "):
            in_content = line[2:].strip().lower().startswith(CONTENT_H1)
            current = None
            continue
        elif not fence and in_content and line.startswith("## "):
            heading = line[3:].strip()
            if any(k in heading.lower() for k in MACHINERY):
                current = None
            else:
                current = []
                out.append((heading, current))
            continue
        if current is not None:
            current.append(line)
    return [(h, "\n".join(body)) for h, body in out]


def mermaid_text(line: str) -> str:
    """The words a mermaid line shows on the picture (labels, messages, titles), not its syntax."""
    st = re.sub(r"<br\s*/?>", " ", line.strip(), flags=re.I)  # a line break inside a label
    low = st.lower()
    if not st or low.startswith("%%") or low.startswith("::"):
        return ""
    first = low.split()[0]
    if first in MERMAID_KEYWORDS:
        return ""
    if first == "pie":
        rest = st[3:].strip()
        return rest[len("title"):] if rest.lower().startswith("title") else ""
    if first == "title":
        return st[5:]
    if first == "subgraph":
        rest = st[len("subgraph"):].strip()
        m = re.search(r"\[(.+)\]", rest)
        return m.group(1) if m else rest
    if first in ("participant", "actor"):
        rest = st.split(None, 1)[1]
        return rest.split(" as ", 1)[1] if " as " in rest else rest
    if first == "note":
        return st.split(":", 1)[1] if ":" in st else ""
    if first in ("loop", "alt", "else", "opt", "par", "and", "critical", "break", "rect"):
        return st.split(None, 1)[1] if len(st.split()) > 1 else ""
    if re.match(r"^\S+?\s*(?:->>|-->>|->|-->|-x|--x|-\)|--\))\s*\+?\S+?\s*:", st):  # a message
        return st.split(":", 1)[1]
    if re.match(r'^"[^"]*"\s*:\s*[\d.]+$', st):  # a pie slice: the label
        return st.split(":", 1)[0]
    labels = [m.group(1) for m in NODE_LABEL.finditer(st)]
    labels += [next(g for g in m.groups() if g) for m in EDGE_LABEL.finditer(st)]
    if labels:
        return " ".join(labels)
    if re.search(r"-->|---|==>|-\.->", st):  # an edge between bare ids
        return ""
    return st  # a mindmap node written as plain text


def markdown_text(line: str) -> str:
    """A markdown line's visible words: markers and syntax become separators."""
    if INSTRUCTION.match(line):
        return ""
    line = SPEC_PREFIX.sub(r"\1", line)
    line = LINK.sub(r"\1", line)
    line = ORDERED.sub(" ", line)
    return line


def section_words(body: str) -> list[str]:
    words: list[str] = []
    fence, lang = "", ""
    for line in body.split("\n"):
        m = FENCE.match(line)
        if m and (not fence or m.group(1)[0] == fence[0] and not m.group(2)):
            fence, lang = ("", "") if fence else (m.group(1), m.group(2).lower())
            continue
        if fence:
            text = mermaid_text(line) if lang == "mermaid" else line
        else:
            text = markdown_text(line)
        words.extend(pieces(text))
    return words


def content_words(text: str) -> dict[str, list[str]]:
    """Section heading -> the word pieces of its body, in order, without repeats."""
    out: dict[str, list[str]] = {}
    for heading, body in sections(text):
        seen: dict[str, None] = {}
        for w in section_words(body):
            seen.setdefault(w, None)
        out[heading] = list(seen)
    return out


# ---------------------------------------------------------------------------------------------
# the region tree, as band shapes


def band_shape(band: Region) -> object:
    if band.kind == "title":
        return "title"
    if not band.children:
        return 1
    if all(c.kind == "row" for c in band.children):
        return [len(band.children)]  # boxes stacked in the band's one column
    return [len(c.children) or 1 for c in band.children]


@cache
def rendered(name: str) -> Rendered:
    return render(PROMPTS_DIR / f"{name}.md", dpi=50, png=False)


@cache
def pdf_text(name: str) -> str:
    r = rendered(name)
    assert r.pdf is not None
    return "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(r.pdf)).pages)


NAMES = [p.stem for p in PROMPTS]


def test_every_prompt_has_its_expected_shape() -> None:
    assert len(PROMPTS) >= 13
    assert sorted(EXPECTED) == sorted(NAMES), "describe each prompt's diagram in EXPECTED"


def test_word_reader_on_a_small_prompt() -> None:
    """The helper itself: syntax, emoji, instructions and markers are not words; labels are."""
    text = "\n".join([
        "# Content Details",
        "## 🧩 토큰 (좌측)",
        "- **LLM**은 `ub` 토큰 1️⃣ 👨‍💻 🇰🇷 → 「글자」",
        "| 방식 | 장점 |",
        "|------|------|",
        "| BPE | 균형 |",
        "- Create a Mermaid mindmap:",
        "  - Root: \"토큰화\"",
        "```mermaid",
        "flowchart LR",
        "  subgraph S1[사전학습]",
        "    A[텍스트] -- 반복 --> B{병합}",
        "  end",
        "  U->>M: 질문하기",
        "  participant S as 검색 엔진",
        "  \"AlphaGo 승\" : 4",
        "```",
        "```python",
        "x = f(y)  # 주석",
        "```",
        "# Instructions",
        "## 이미지 생성 요청",
        "- 무시",
    ])
    words = content_words(text)
    assert list(words) == ["🧩 토큰 (좌측)"]
    assert words["🧩 토큰 (좌측)"] == [
        "LLM", "은", "ub", "토큰", "「글자」", "방식", "장점", "BPE", "균형", "토큰화", "사전학습", "텍스트",
        "병합", "반복", "질문하기", "검색", "엔진", "AlphaGo", "승", "x", "f", "y", "주석",
    ]
    assert squeeze("LLM 은\n「글\n자」 → ✓ 1️⃣") == "LLM은「글자」"


@pytest.mark.parametrize("name", NAMES)
def test_renders(name: str) -> None:
    r = rendered(name)
    assert r.pdf and r.pdf.startswith(b"%PDF")
    overfull = [rid for rid, f in r.page.fits.items() if not f.fits]
    assert not overfull, f"content does not fit in {overfull}"


# the prompts whose content is written as sections under "# Content Details" or "# Output Structure Plan",
# the form this reader reads (tests/test_forms.py reads every form)
SECTIONED = [n for n in NAMES if sections((PROMPTS_DIR / f"{n}.md").read_text(encoding="utf-8"))]


@pytest.mark.parametrize("name", SECTIONED)
def test_every_content_word_is_on_the_page(name: str) -> None:
    words = content_words((PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8"))
    assert words and any(words.values()), "the prompt has content sections with words"
    # a character no font has is drawn as a placeholder (tests/test_typography_prompt.py checks its warning)
    words = {h: [w for w in ws if check_covered(w) is None] for h, ws in words.items()}
    text = squeeze(pdf_text(name))
    missing = {h: [w for w in ws if squeeze(w) not in text] for h, ws in words.items()}
    missing = {h: ws for h, ws in missing.items() if ws}
    report = "; ".join(f"{h}: {' '.join(ws[:12])}{' …' if len(ws) > 12 else ''}" for h, ws in missing.items())
    assert not missing, f"{sum(map(len, missing.values()))} words not in the PDF: {report}"


@pytest.mark.parametrize("name", NAMES)
def test_region_tree(name: str) -> None:
    layout = lay_out(read_input(PROMPTS_DIR / f"{name}.md"))
    shapes = [band_shape(b) for b in layout.bands]
    assert shapes == EXPECTED[name]["bands"]


@pytest.mark.parametrize("name", [n for n in NAMES if EXPECTED[n]["pcts"] or EXPECTED[n]["splits"]])
def test_ratios(name: str) -> None:
    """Band heights (and column widths where the prompt asks for a split) follow the ratio spec."""
    expected = EXPECTED[name]
    layout = lay_out(read_input(PROMPTS_DIR / f"{name}.md"))
    usable_h = usable_rect()[3]
    if expected["pcts"]:
        got = [round(100 * b.rect[3] / usable_h, 1) for b in layout.bands]
        assert len(got) == len(expected["pcts"])
        assert all(abs(g - p) < 0.5 for g, p in zip(got, expected["pcts"], strict=True)), got
    for band_no, split in expected["splits"].items():
        cols = [c for c in layout.bands[band_no - 1].children if c.kind == "column"]
        total = sum(c.rect[2] for c in cols)
        got = [round(100 * c.rect[2] / total, 1) for c in cols]
        assert len(got) == len(split) and all(abs(g - s) < 1.0 for g, s in zip(got, split, strict=True)), (
            f"band {band_no}: columns {got}, the prompt asks for {[round(s, 1) for s in split]}")


def page_lines(page) -> list[str]:
    """The page's written lines: text marks grouped by their rotation (a sticky note's) and their
    baseline in that rotation, a raised superscript with its line, each line read left to right."""
    groups: dict[float, list[tuple[float, float, TextMark]]] = {}
    for m in page.marks:
        if not isinstance(m, TextMark):
            continue
        a = math.radians(m.rotation)
        y = -math.sin(a) * m.x + math.cos(a) * m.y
        x = math.cos(a) * m.x + math.sin(a) * m.y
        groups.setdefault(round(m.rotation, 3), []).append((y, x, m))
    lines: list[list[tuple[float, float, TextMark]]] = []
    for _, marks in sorted(groups.items()):
        marks.sort(key=lambda t: t[0])
        cur = [marks[0]]
        for t in marks[1:]:
            if t[0] - cur[-1][0] <= 0.45 * t[2].size_pt * theme.PT_MM:
                cur.append(t)
            else:
                lines.append(cur)
                cur = [t]
        lines.append(cur)
    return ["".join(t[2].text for t in sorted(line, key=lambda t: t[1])) for line in lines]


@pytest.mark.parametrize("name", SECTIONED)
def test_no_word_is_broken_across_lines(name: str) -> None:
    """Every content word is written whole on one line: in body text, chips, table cells and diagram
    labels alike (a run of words joined by middle dots may break after a dot)."""
    lines = [squeeze(t) for page in rendered(name).page.pages() for t in page_lines(page)]
    words = content_words((PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8"))
    parts = {p for ws in words.values() for w in ws for p in re.split("[·・]", w) if check_covered(w) is None}
    broken = sorted(p for p in parts if len(squeeze(p)) > 1 and not any(squeeze(p) in ln for ln in lines))
    assert not broken, f"written across lines: {broken[:12]}"
