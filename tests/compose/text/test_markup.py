"""Markdown as markdown means it: continuation lines, quote attributions, strike-through, italic,
task lists, links and raw HTML; what is not drawn is named in a warning."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cheatsheet import theme
from cheatsheet.compose.blocks.quote import QuoteBlock
from cheatsheet.compose.blocks.text_item import TextItem
from cheatsheet.compose.marks import StrokeMark, TextMark
from cheatsheet.compose.text import fonts
from cheatsheet.compose.text.inline import parse_inline, plain_text
from cheatsheet.compose.text.linebreak import set_lines
from cheatsheet.compose.text.setting import line_marks
from tests.compose.helpers import INK, blocks_of

PROMPT = Path(__file__).parents[2] / "data" / "text" / "drawn_right.md"


def _styles(md: str) -> list[tuple[str, str]]:
    return [(r.text, r.style) for r in parse_inline(md)[0]]


def test_a_middle_dot_keeps_its_spaces() -> None:
    assert plain_text(parse_inline("빠름 · 쌈")[0]) == "빠름 · 쌈"
    (line,) = set_lines(parse_inline("속도: 빠름 · 쌈")[0], 100.0, 10.0)
    pieces = [(x, p) for x, p in line.pieces]
    k = next(k for k, (_, p) in enumerate(pieces) if p.text == "·")
    space = fonts.width(" ", 10.0)
    (x0, before), (x1, dot), (x2, _) = pieces[k - 1 : k + 2]
    assert before.text == "빠름"
    assert x1 - (x0 + before.width) == pytest.approx(space) and x2 - (x1 + dot.width) == pytest.approx(space)


def test_a_line_starting_with_plus_continues_the_line_above() -> None:
    first, cont = blocks_of("- Base Model\n+ 대화 데이터셋")
    assert isinstance(cont, TextItem) and cont.marker == "" and not cont.glyph
    assert plain_text(cont.runs) == "+ 대화 데이터셋"
    assert first.marker == "glyph" and cont.level == first.level + 1 and first.keep_with_next


def test_a_name_under_a_quote_is_its_attribution() -> None:
    for md, who in (("> 우리는 데이터로 가르친다\n- Zack", "Zack"), ("> 예시로 프로그래밍한다\n— Amanda", "Amanda"),
                    ("> 말\n\n— Andrej Karpathy", None), ("> 말\n- 이것은 목록의 한 줄입니다.", None)):
        blocks = blocks_of(md)
        assert isinstance(blocks[0], QuoteBlock)
        if who:
            assert len(blocks) == 1 and blocks[0].author == who, md
        else:
            assert not blocks[0].author and len(blocks) == 2, md


def test_strike_through_and_italic_follow_markdown() -> None:
    assert _styles("~~지운 말~~ 과 *기울인 말* 과 **굵은 말**") == [
        ("지운 말", "strike"), (" 과 ", "plain"), ("기울인 말", "em"), (" 과 ", "plain"), ("굵은 말", "bold")]
    (line,) = set_lines(parse_inline("~~지운~~ *기울인*")[0], 100.0, 10.0)
    marks = line_marks(line, 0.0, 0.0, 10.0, INK)
    texts = [m for m in marks if isinstance(m, TextMark)]
    assert not any(m.bold for m in texts)  # italic is not bold
    strokes = [m for m in marks if isinstance(m, StrokeMark)]
    assert len(strokes) == 2
    base = texts[0].y
    strike, under = sorted(strokes, key=lambda m: m.points[0][1])
    assert strike.points[0][1] < base < under.points[0][1]  # through the letters; under them


def test_task_lists_draw_both_boxes() -> None:
    done, todo = blocks_of("- [x] 끝낸 일\n- [ ] 남은 일")
    assert (done.marker, todo.marker) == ("checked", "box")
    assert plain_text(done.runs) == "끝낸 일" and plain_text(todo.runs) == "남은 일"
    marks = done.place(0.0, 0.0, 80.0, 10.0, INK)
    ticks = [m for m in marks if isinstance(m, StrokeMark) and m.color == theme.TICK_GREEN]
    assert ticks and "[x]" not in " ".join(m.text for m in marks if isinstance(m, TextMark))


def test_link_text_is_kept_and_linked() -> None:
    runs = parse_inline("[문서 링크](https://example.com/docs) 를 본다")[0]
    assert plain_text(runs) == "문서 링크 를 본다"
    assert runs[0].url == "https://example.com/docs" and runs[-1].url is None


def test_raw_html_is_never_printed_and_is_named_in_a_warning() -> None:
    assert plain_text(parse_inline("<span>태그</span>는 찍히지 않는다<!-- 메모 -->")[0]) == "태그는 찍히지 않는다"
    for typed in ("위<br>아래", "위<br>\n아래", "위<br/>\n아래<br>"):  # the newline after a <br> is the same break
        assert [plain_text(ln).strip() for ln in parse_inline(typed)] == ["위", "아래"], typed
    assert ("<|im_start|>", "token") in _styles("<|im_start|>user") and ("<sep>", "token") in _styles("a <sep> b")
    notices: list = []
    blocks = blocks_of("- <span>태그</span>는\n\n<div class=\"x\">\n안녕\n</div>\n", notices)
    words = " ".join(plain_text(b.runs) for b in blocks if isinstance(b, TextItem))
    assert "<" not in words and "안녕" in words and "태그는" in words
    said = " ".join(n.message for n in notices)
    assert "'<span>'" in said and "'<div class=\"x\">'" in said


def test_the_markup_prompt_renders_as_markdown_means(tmp_path: Path) -> None:
    from cheatsheet.render import render

    sheet = render(PROMPT, dpi=60)
    text = PdfReader(io.BytesIO(sheet.pdf)).pages[0].extract_text()
    for gone in ("~~", "[x]", "<span>", "<br>", "*기울인", "• Zack", "• 이어지는"):
        assert gone not in text, gone
    for kept in ("빠름 · 쌈", "+ 이어지는", "지운 말", "문서 링크", "태그는"):
        assert kept in text, kept
    links = [a.get_object()["/A"]["/URI"] for a in PdfReader(io.BytesIO(sheet.pdf)).pages[0].get("/Annots", [])]
    assert links == ["https://example.com/docs"]
    quotes = [b for b in sheet.page.marks if isinstance(b, TextMark) and b.text.strip(" -—") in ("Zack", "Amanda")]
    assert len(quotes) == 2
    assert any("raw HTML" in n.message for n in sheet.notices)
