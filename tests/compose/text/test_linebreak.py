"""Korean line breaking: at spaces, between syllables only for a too-long word, kinsoku."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cheatsheet.compose.text import fonts
from cheatsheet.compose.text.inline import Run, parse_inline
from cheatsheet.compose.text.linebreak import NO_END, NO_START, _stream, line_count, set_lines


def _text(line) -> str:
    out = ""
    last_end = None
    for x, p in line.pieces:
        if last_end is not None and x - last_end > 0.05:
            out += " "
        out += p.text
        last_end = x + p.width
    return out


def test_breaks_at_spaces_and_keeps_every_word() -> None:
    text = "사전학습된 Base Model을 대화 데이터셋으로 추가 학습시키는 과정"
    lines = set_lines([Run(text)], 30.0, 10.0)
    assert len(lines) > 1
    assert " ".join(_text(ln) for ln in lines) == text
    for ln in lines:
        assert ln.width <= 30.0 + 1e-6


def test_a_word_wider_than_the_line_breaks_between_syllables() -> None:
    word = "가나다라마바사아자차카타파하" * 2
    lines = set_lines([Run(word)], 15.0, 10.0)
    assert len(lines) > 1
    assert "".join(_text(ln) for ln in lines) == word
    assert all(ln.width <= 15.0 + 1e-6 for ln in lines)


def test_never_starts_a_line_with_a_closer_nor_ends_with_an_opener() -> None:
    text = "(사전학습) 인터넷, 문서. 학습 (지도학습 미세조정) 대화 데이터, 결과. " * 4
    for width in (12.0, 18.0, 25.0, 33.0):
        for ln in set_lines([Run(text)], width, 9.0):
            t = _text(ln)
            assert t and t[0] not in NO_START
            assert t[-1] not in NO_END


def test_fits_a_width_measured_from_the_font_tables() -> None:
    w = fonts.width("Helpful 도움", 12.0)
    assert len(set_lines([Run("Helpful 도움")], w + 0.01, 12.0)) == 1
    assert len(set_lines([Run("Helpful 도움")], w - 1.0, 12.0)) == 2


def test_chips_are_not_split_when_they_fit() -> None:
    runs = parse_inline("`<|im_start|>`user`<|im_sep|>`What is 2+2?`<|im_end|>`")[0]
    lines = set_lines(runs, 40.0, 9.0)
    for ln in lines:
        for _, p in ln.pieces:
            if p.run.chip:
                assert p.text in {r.text for r in runs}


def _lines(text: str, width: float, size: float = 9.0) -> list[str]:
    return [_text(ln) for ln in set_lines(parse_inline(text)[0], width, size)]


WIDTHS = [w / 2 for w in range(16, 121)]  # 8 to 60 mm in half millimetres


def test_latin_words_and_compounds_break_only_where_a_typesetter_would() -> None:
    """Between words, after a compound's hyphen, after a URL's slash; never inside a word."""
    text = ("The total of fine-tuning is the sum of apples and pears: "
            "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s says so")
    words = set(text.replace("https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s", "").split())
    url_parts = {"https://", "www.youtube.com/", "watch?", "v=7xTGNNLPyMI&t=3666s"}
    for width in WIDTHS:
        if width < fonts.width("v=7xTGNNLPyMI&t=3666s", 9.0):
            continue  # a piece wider than the line is broken inside (another test)
        for line in _lines(text, width):
            for tok in line.split(" "):
                assert tok in words or tok in ("fine-", "tuning") or any(
                    tok == "".join(sorted(url_parts, key=url_order)[a:b]) for a in range(4) for b in range(a + 1, 5)
                ), (width, line)


def url_order(part: str) -> int:
    return ["https://", "www.youtube.com/", "watch?", "v=7xTGNNLPyMI&t=3666s"].index(part)


def test_korean_keeps_each_word_whole_unless_it_is_wider_than_the_line() -> None:
    text = "사전학습된 **Base Model**을 대화 데이터셋으로 `s.count(\"r\")`가 LLM은 추가 학습시키는 과정"
    words = ["사전학습된", "Base Model을", "대화", "데이터셋으로", 's.count("r")가', "LLM은", "추가", "학습시키는", "과정"]
    for width in WIDTHS:
        lines = set_lines(parse_inline(text)[0], width, 9.0)
        joined = [" ".join(_text(ln).split()) for ln in lines]
        flat = " ".join(joined)
        if width >= max(fonts.width(w, 9.0) for w in words) + 8:  # every word fits (chip padding aside)
            for w in words:
                assert w in flat, (width, joined)
            for ln in joined:
                assert not any(ln.startswith(w[1:]) for w in words if len(w) > 2 and w[1:] not in words)
    # a word wider than the line still breaks, between syllables
    assert len(set_lines([Run("가나다라마바사아자차카타파하")], 12.0, 9.0)) > 1


def test_a_token_row_breaks_between_tokens() -> None:
    runs = parse_inline("<|im_start|>user<|im_sep|>What is 2+2?<|im_end|><|im_start|>assistant<|im_sep|>4<|im_end|>")[0]
    texts = {r.text for r in runs}
    assert len(runs) == 10 and all(r.chip for r in runs)
    for width in (25.0, 35.0, 50.0):
        lines = set_lines(runs, width, 9.0)
        assert len(lines) > 1
        for ln in lines:
            assert all(p.text in texts for _, p in ln.pieces), width


def test_a_formula_stays_whole_and_closing_marks_never_start_a_line() -> None:
    text = "정규화는 분산에 √(σ² + ε) 를 더한다（중요）！ 정말？ 예： 맞다； 끝。 x = a + b 이다"
    for width in WIDTHS:
        lines = _lines(text, width)
        if width > fonts.width("√(σ² + ε) 를", 9.0) + 1:
            assert any("√(σ² + ε)" in ln for ln in lines), (width, lines)
        for ln in lines:
            assert ln[0] not in "）！？：；。+=", (width, lines)


def test_spaces_around_a_middle_dot_are_kept() -> None:
    (line,) = _lines("빠름 · 쌈", 80.0)
    assert line == "빠름 · 쌈"


def _time_and_count(text: str, width: float, sizes: list[float], monkeypatch) -> tuple[int, int, float]:
    import time

    from cheatsheet.compose.text import linebreak

    calls = [0]
    real = fonts.width

    def counted(text, *a, **k):
        calls[0] += len(text)  # characters measured
        return real(text, *a, **k)

    monkeypatch.setattr(linebreak.fonts, "width", counted)
    t0 = time.perf_counter()
    n = 0
    for s in sizes:
        n = len(set_lines([Run(text)], width, s))
    return n, calls[0], time.perf_counter() - t0


RUNAWAYS = [("[" * 1000, 60.0), ("a" * 4000, 60.0), ("." * 300, 60.0), ("(" * 500, 30.0), ("…" * 300, 40.0),
            ("“" * 300, 40.0), (")" * 300, 40.0), ("," * 400, 40.0)]


def test_a_run_without_break_opportunities_is_set_in_linear_work(monkeypatch) -> None:
    """Fitting tries many sizes; each setting measures each character a few times, not every prefix
    (the work is counted in characters measured; the seconds only have to stay under a generous bound)."""
    sizes = [7.0 + 0.25 * k for k in range(20)]
    for text, width in RUNAWAYS:
        _stream.cache_clear()
        lines, calls, seconds = _time_and_count(text, width, sizes, monkeypatch)
        assert calls <= 4 * len(sizes) * (len(text) + 10), (text[:3], calls)
        assert seconds < 20.0, (text[:3], seconds)
        monkeypatch.undo()


def test_a_run_without_break_opportunities_fills_its_lines() -> None:
    """300 dots are a few full lines, not one a line."""
    for text, width in RUNAWAYS:
        lines = set_lines([Run(text)], width, 9.0)
        full = fonts.width(text, 9.0)
        assert len(lines) <= full / width + 2, (text[:3], len(lines))
        assert "".join(p.text for ln in lines for _, p in ln.pieces) == text
        assert all(ln.width <= width + 1e-6 for ln in lines)


def test_a_prompt_of_runs_without_break_opportunities_renders_quickly() -> None:
    """``[`` x 1000, ``a`` x 4000, 300 dots, 300 ``(``, 200 ``…``: a few seconds once took minutes."""
    import time
    from pathlib import Path

    from cheatsheet.compose.marks import TextMark
    from cheatsheet.render import compose

    t0 = time.perf_counter()
    _, page = compose(Path(__file__).parents[2] / "data" / "text" / "runaway.md", overflow_ok=True)
    seconds = time.perf_counter() - t0
    assert seconds < 20.0, seconds
    texts = [m.text for m in page.marks if isinstance(m, TextMark)]
    dots = [t for t in texts if set(t) == {"."}]
    assert sum(map(len, dots)) == 300 and len(dots) <= 6  # full lines of dots, not one a line
    assert sum(len(t) for t in texts if set(t) == {"["}) == 1000


def test_a_compound_breaks_after_its_hyphen_only_when_the_line_would_be_short() -> None:
    w = fonts.width("Pretraining to Post-", 9.0) + 0.5
    assert _lines("Pretraining to Post-Training", w) == ["Pretraining to", "Post-Training"]
    w = fonts.width("The fine-", 9.0) + 0.2
    assert _lines("The fine-tuning of it", w)[0] == "The fine-"


def test_keep_all_reads_hangul_as_letters_next_to_brackets_and_stops() -> None:
    """As CSS keep-all: no break in ``도메인(창작`` before the bracket, nor in ``등)으로`` before the
    particle, nor after a stop glued to a word (``다.그``)."""
    for text in ("Unverifiable 도메인(창작 등)으로 전이될까? 정말.그렇다", "모델(GPT-4o)의 결과[1]는"):
        widest = max(fonts.width(w, 9.0) for w in text.split())
        for width in WIDTHS:
            if width < widest:
                continue  # an 어절 wider than the line is broken inside (another test)
            for line in _lines(text, width):
                assert not line.startswith(("(창작", "으로", "그렇다", "의 결과", "는")), (width, line)


def test_the_quick_reading_of_plain_words_is_the_librarys() -> None:
    import random

    from uniseg.linebreak import line_break_breakables

    from cheatsheet.compose.text.linebreak import PLAIN_MARKS, _keep_all_class, _word_breaks

    rng = random.Random(7)
    chars = "aZ09가힣" + "".join(sorted(PLAIN_MARKS))
    for _ in range(3000):
        word = "".join(rng.choice(chars) for _ in range(rng.randint(1, 8)))
        assert list(_word_breaks(word)) == list(line_break_breakables(word, property=_keep_all_class)), word


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["사전학습", "token", " ", "**굵게**", "`code`", "→", "(괄호)", "a-b", "…", "👩🏽‍💻",
                                 "UTF-8", "ubiquitous", "\u0301", "[", "。", "  "]), min_size=0, max_size=40),
       st.floats(1.0, 200.0), st.sampled_from([6.0, 7.0, 9.5, 12.0, 20.0]))
def test_line_count_is_the_number_of_lines_set(parts: list[str], width: float, size: float) -> None:
    """Measuring counts lines without setting them: always as many as ``set_lines`` sets."""
    for runs in parse_inline("".join(parts)):
        assert line_count(tuple(runs), width, size) == len(set_lines(runs, width, size))
