"""The font chain: emoji sequences stay whole, each character goes to the right face, and
what is measured is what matplotlib draws."""

from __future__ import annotations

import pytest

from cheatsheet import theme
from cheatsheet.compose.text import fonts
from cheatsheet.compose.text.setting import text_marks

HAND, EMOJI, CJK, SYMBOL, MATH, MONO = theme.HAND, theme.EMOJI, theme.CJK, theme.SYMBOL, theme.MATH, theme.MONO

KEYCAP_1 = "1\ufe0f\u20e3"
TECHNOLOGIST = "\U0001F468\u200d\U0001F4BB"  # 👨‍💻
THUMB_MEDIUM = "\U0001F44D\U0001F3FD"  # 👍🏽
FLAG_KR = "\U0001F1F0\U0001F1F7"  # 🇰🇷
FLAG_JP = "\U0001F1EF\U0001F1F5"  # 🇯🇵
RAINBOW_FLAG = "\U0001F3F3\ufe0f\u200d\U0001F308"  # 🏳️‍🌈
ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"


@pytest.mark.parametrize("seq", [KEYCAP_1, TECHNOLOGIST, THUMB_MEDIUM, FLAG_KR, RAINBOW_FLAG, ENGLAND,
                                 "\u26a0\ufe0f", "\U0001F469\U0001F3FD\u200d\U0001F52C"])
def test_an_emoji_sequence_is_one_cluster(seq: str) -> None:
    assert fonts.clusters(f"가{seq}나") == ["가", seq, "나"]


def test_flags_pair_up_and_sequences_never_run_together() -> None:
    assert fonts.clusters(FLAG_KR + FLAG_JP) == [FLAG_KR, FLAG_JP]
    assert fonts.clusters(TECHNOLOGIST + THUMB_MEDIUM + KEYCAP_1) == [TECHNOLOGIST, THUMB_MEDIUM, KEYCAP_1]
    # each sequence is a run of its own, so that shaping never joins it to a neighbour
    segs = fonts.segments(f"{FLAG_KR}{FLAG_JP}🍌🍌 {TECHNOLOGIST}")
    assert segs == [(EMOJI, FLAG_KR), (EMOJI, FLAG_JP), (EMOJI, "🍌🍌"), (HAND, " "), (EMOJI, TECHNOLOGIST)]


def test_a_joiner_between_letters_joins_nothing() -> None:
    assert fonts.clusters("가\u200d나") == ["가", "\u200d", "나"]
    assert fonts.segments("가\u200d나\u200b다\u00ad") == [(HAND, "가나다")]


def test_sequences_noto_emoji_has_are_drawn_whole_without_selectors() -> None:
    assert fonts.resolve(KEYCAP_1) == (EMOJI, "1\u20e3")
    assert fonts.resolve(TECHNOLOGIST) == (EMOJI, TECHNOLOGIST)
    assert fonts.resolve(THUMB_MEDIUM) == (EMOJI, THUMB_MEDIUM)
    assert fonts.resolve(FLAG_KR) == (EMOJI, FLAG_KR)
    assert fonts.resolve(RAINBOW_FLAG) == (EMOJI, RAINBOW_FLAG.replace("\ufe0f", ""))


def test_a_sequence_noto_emoji_lacks_is_drawn_as_its_base() -> None:
    banana_joined = "🍌\u200d🍌"
    assert fonts.clusters(banana_joined) == [banana_joined]
    assert fonts.resolve(banana_joined) == (EMOJI, "🍌")
    assert fonts.width(banana_joined, 10) == pytest.approx(fonts.width("🍌", 10))
    # a skin tone on an emoji that takes none: the emoji alone, never a loose swatch
    assert fonts.resolve("🍌\U0001F3FD") == (EMOJI, "🍌")


@pytest.mark.parametrize(("ch", "face"), [
    ("가", HAND), ("A", HAND), ("Ａ", HAND), ("×", HAND),
    ("🍌", EMOJI), ("✅", EMOJI), ("⛔", EMOJI), ("⚡", EMOJI),
    ("→", SYMBOL), ("•", SYMBOL), ("·", SYMBOL), ("θ", SYMBOL), ("²", SYMBOL), ("⟶", SYMBOL), ("↺", SYMBOL),
    ("↔", SYMBOL),  # an arrow is text unless U+FE0F asks for the emoji
    ("「", CJK), ("』", CJK), ("〜", CJK), ("・", CJK), ("學", CJK), ("知", CJK),
    ("⩴", MATH), ("⥤", MATH), ("⟂", MATH),
])
def test_face_of_each_character(ch: str, face: str) -> None:
    assert fonts.segments(ch) == [(face, ch)]


def test_presentation_selectors_choose_the_face() -> None:
    assert fonts.segments("↔\ufe0f") == [(EMOJI, "↔")]
    assert fonts.segments("⚠\ufe0e") == [(SYMBOL, "⚠")]
    assert fonts.segments("⚠") == [(EMOJI, "⚠")]


def test_code_is_monospace_first() -> None:
    assert fonts.segments("x=1 # 주석 →", mono=True) == [(MONO, "x=1 # "), (HAND, "주석"), (MONO, " →")]
    assert fonts.segments(TECHNOLOGIST, mono=True) == [(EMOJI, TECHNOLOGIST)]


def test_uncovered_characters_go_to_the_placeholder() -> None:
    assert fonts.segments("a\ue000\U00020000b") == [(HAND, "a"), (theme.PLACEHOLDER, "\ue000\U00020000"), (HAND, "b")]
    assert fonts.uncovered("a\ue000 \U00020000 \ue000") == ["\ue000", "\U00020000"]
    assert fonts.check_covered("가나 🍌 學習") is None
    em = 10 * theme.PT_MM
    assert fonts.width("\ue000", 10) == pytest.approx(em)  # one em each


def test_the_placeholder_is_drawn_not_written() -> None:
    from cheatsheet.compose.marks import StrokeMark, TextMark

    marks = text_marks(0.0, 10.0, "a\ue000b", 10.0, theme.PEN)
    assert [m.text for m in marks if isinstance(m, TextMark)] == ["a", "b"]
    strokes = [m for m in marks if isinstance(m, StrokeMark)]
    assert strokes and all(m.color == theme.PLACEHOLDER_INK for m in strokes)
    b = next(m for m in marks if isinstance(m, TextMark) and m.text == "b")
    assert b.x == pytest.approx(fonts.width("a", 10) + 10 * theme.PT_MM)


def test_faces_that_write_small_or_low_are_scaled_and_raised() -> None:
    (m,) = text_marks(0.0, 10.0, "學", 20.0, theme.PEN)
    assert m.size_pt == pytest.approx(20.0 * theme.FACE_SCALE[CJK])
    assert m.y == pytest.approx(10.0 - theme.FACE_RAISE[CJK] * 20.0 * theme.PT_MM)
    (h,) = text_marks(0.0, 10.0, "가", 20.0, theme.PEN)
    assert (h.size_pt, h.y) == (20.0, 10.0)


def test_no_face_is_drawn_below_the_smallest_text_size() -> None:
    """A face's scale never takes text below TEXT_PT_MIN; a region written smaller to fit keeps
    its own size as the floor."""
    (m,) = text_marks(0.0, 10.0, "學", 8.0, theme.PEN)
    assert m.size_pt == theme.TEXT_PT_MIN
    (e,) = text_marks(0.0, 10.0, "🍌", 6.5, theme.PEN)
    assert e.size_pt == 6.5
    assert fonts.width("學", 8.0) == pytest.approx(fonts.width("學", 7.0 / theme.FACE_SCALE[CJK]))


@pytest.fixture(scope="module")
def renderer():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from cheatsheet.draw.canvas import setup_matplotlib

    setup_matplotlib()
    fig = Figure(figsize=(4, 2), dpi=72)
    FigureCanvasAgg(fig)
    return fig, fig.canvas.get_renderer()


@pytest.mark.parametrize("text", [KEYCAP_1, TECHNOLOGIST, THUMB_MEDIUM, FLAG_KR, FLAG_KR + FLAG_JP, RAINBOW_FLAG,
                                  ENGLAND, "🍌\u200d🍌", "👍🏽 좋아요", "「學習」 人工知能", "⇒ ⟶ ↔ ↺ x² 𝔼 ⩴ ⥤"])
def test_what_is_measured_is_what_is_drawn(renderer, text: str) -> None:
    """Each segment's measured width against matplotlib's layout of the same string in the
    same face (advances, measured between two bars so that ink overhang does not count)."""
    fig, r = renderer
    for fam, seg in fonts.segments(text):
        size = 100.0
        bar = "|" if fam != EMOJI else "🍌"
        whole = fig.text(0, 0.5, bar + seg + bar, family=[fam], fontsize=size, parse_math=False)
        ends = fig.text(0, 0.5, bar + bar, family=[fam], fontsize=size, parse_math=False)
        drawn = (whole.get_window_extent(r).width - ends.get_window_extent(r).width)  # px at 72 dpi = pt
        measured = fonts.seg_width(fam, seg, size / theme.FACE_SCALE[fam]) / theme.PT_MM
        assert drawn == pytest.approx(measured, abs=0.5), (fam, seg)


def test_a_word_wider_than_the_line_never_breaks_inside_an_emoji_sequence() -> None:
    from cheatsheet.compose.text.inline import Run
    from cheatsheet.compose.text.linebreak import set_lines

    word = (TECHNOLOGIST + FLAG_KR + KEYCAP_1) * 6
    lines = set_lines([Run(word)], fonts.width(TECHNOLOGIST, 10) * 2.5, 10)
    assert len(lines) > 1
    pieces = [p.text for ln in lines for _, p in ln.pieces]
    assert "".join(pieces) == word
    for text in pieces:
        assert fonts.clusters(text)[0] in (TECHNOLOGIST, FLAG_KR, KEYCAP_1)
        assert fonts.clusters(text)[-1] in (TECHNOLOGIST, FLAG_KR, KEYCAP_1)


def _x_height(face: str) -> float:
    """Height of the face's "x" in ems, measured from its outline."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(fonts.faces()[face].path), lazy=True)
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord("x")]].draw(pen)
    _, y0, _, y1 = pen.bounds
    return (y1 - y0) / font["head"].unitsPerEm


@pytest.mark.parametrize("size", [6.0, 7.0, 7.5, 9.0, 12.0, 20.0])
def test_code_is_sized_by_the_handwritings_x_height(size: float) -> None:
    """A line of code and a line of notes look the same size at every body size, the smallest too:
    the monospace "x" is as tall as the handwriting's (within 3 %)."""
    (code,) = text_marks(0.0, 10.0, "count", size, theme.PEN, mono=True)
    (note,) = text_marks(0.0, 10.0, "count", size, theme.PEN)
    assert code.face == MONO and note.face == HAND
    mono_x = _x_height(MONO) * code.size_pt
    hand_x = _x_height(HAND) * note.size_pt
    assert mono_x == pytest.approx(hand_x, rel=0.03)
    assert fonts.seen_size(MONO, code.size_pt) == pytest.approx(size)


def test_a_combining_mark_joins_its_letter() -> None:
    """x̄ is one cluster drawn in a face that has both (never a mark alone on a dotted circle);
    e + U+0301 is the letter é; a mark's width is its letter's."""
    assert fonts.clusters("평균 x\u0304 값") == ["평", "균", " ", "x\u0304", " ", "값"]
    segs = fonts.segments("평균 x\u0304 와")
    assert ("x\u0304" in "".join(t for _, t in segs)) and not any(t[0] == "\u0304" for _, t in segs)
    fam, text = fonts.resolve("x\u0304")
    assert text == "x\u0304" and {ord("x"), 0x304} <= set(fonts.metrics(fam).advances)
    assert fonts.resolve("e\u0301")[1] == "\u00e9"
    assert fonts.width("x\u0304", 10.0) == pytest.approx(fonts.seg_width(fam, "x", 10.0))
    assert fonts.width("x\u0304", 10.0, mono=True) == pytest.approx(fonts.width("x", 10.0, mono=True))
