"""Code blocks: every fenced block renders; long lines wrap at token boundaries with a hanging
indent and a drawn hook; a block is never split across newspaper columns."""

from __future__ import annotations

import re

import pytest

from cheatsheet import theme
from cheatsheet.compose.blocks.code import CodeBlock, wrap_line
from cheatsheet.compose.marks import StrokeMark, TextMark
from cheatsheet.compose.region import RegionComposer
from cheatsheet.compose.text import fonts
from cheatsheet.layout.regions import Region
from tests.compose.helpers import INK, blocks_of, within

SIZE = 10.0
EM = SIZE * theme.PT_MM


def _w(text: str) -> float:
    return fonts.width(text, SIZE, mono=True)


def test_a_fenced_block_has_no_newline_to_draw() -> None:
    (b,) = blocks_of("```python\ndef f(x):\n    return x\n```")
    assert isinstance(b, CodeBlock)
    assert b.texts() == ["def f(x):", "    return x"]
    assert all(fonts.check_covered(t) is None for t in b.texts())
    assert fonts.check_covered("a\nb\tc\r") is None  # controls are never drawn


@pytest.mark.parametrize("fence", ["```", "```json", "```mermaid\nclassDiagram", "```text"])
def test_every_fence_is_a_panel(fence: str) -> None:
    (b,) = blocks_of(f"{fence}\n{{\"a\": 1}}\nA->>B: 안녕\n```")
    assert isinstance(b, CodeBlock)
    marks = b.place(0, 0, 60, SIZE, INK)
    assert [m for m in marks if isinstance(m, StrokeMark) and m.fill == theme.PANEL]
    assert all(m.face in (theme.MONO, theme.HAND) for m in marks if isinstance(m, TextMark))


LONG = "    result = compute_attention(query_vector, key_matrix, 3.14159, 1_000_000) + bias_term_value"


def test_long_lines_wrap_at_token_boundaries_never_inside_a_word_or_number() -> None:
    width = _w(LONG) * 0.45
    rows = wrap_line(LONG, width, SIZE)
    assert len(rows) >= 3
    words = set(re.findall(r"[\w.]+", LONG))
    for row in rows:
        assert row.x + _w(row.text) <= width + 1e-6
        first, last = row.text.split()[0], row.text.split()[-1]
        # every piece of a row is a whole word or number of the line, or a sign
        for w in re.findall(r"[\w.]+", row.text):
            assert w in words, (w, row.text)
        assert first and last
    assert "".join(r.text.strip() for r in rows).replace(" ", "") == LONG.replace(" ", "")


def test_continuation_rows_hang_under_the_lines_indent() -> None:
    rows = wrap_line(LONG, _w(LONG) * 0.45, SIZE)
    lead = _w("    ")
    assert not rows[0].cont and rows[0].x == 0.0
    for r in rows[1:]:
        assert r.cont and r.hook_x == pytest.approx(lead)
        assert r.x == pytest.approx(lead + theme.CODE_HANG_EM * EM)


def test_no_break_before_closing_signs_or_inside_a_call() -> None:
    line = "value = function_name(argument_one, argument_two)"
    for frac in (0.3, 0.4, 0.5, 0.6, 0.7):
        rows = wrap_line(line, _w(line) * frac, SIZE)
        for r in rows[1:]:
            assert r.text[0] not in ",;:)]}", r.text
        for r in rows[:-1]:
            assert not r.text.endswith("function_name"), r.text


def test_a_token_wider_than_the_row_is_the_only_thing_broken_inside() -> None:
    url = "https://example.com/" + "a" * 80
    rows = wrap_line(url, 40.0, SIZE)
    assert len(rows) > 1
    assert "".join(r.text for r in rows) == url
    assert all(r.x + _w(r.text) <= 40.0 + 1e-6 for r in rows)


def test_an_emoji_sequence_in_code_is_never_cut() -> None:
    seq = "\U0001F468\u200d\U0001F4BB"
    line = "x" * 30 + seq + "y" * 30
    for width in (20.0, 25.0, 30.0):
        for r in wrap_line(line, width, SIZE):
            assert r.text.count("\u200d") == r.text.count(seq)


def test_wrapped_rows_get_a_drawn_hook_and_stay_in_the_panel() -> None:
    (b,) = blocks_of(f"```python\n{LONG}\nreturn result\n```")
    width = 50.0
    h = b.measure(width, SIZE)
    marks = b.place(5.0, 5.0, width, SIZE, INK)
    assert not within(marks, 5.0, 5.0, width, h, slack=0.3)
    hooks = [m for m in marks if isinstance(m, StrokeMark) and m.color == theme.PEN_SOFT]
    nrows = len(b.rows(width, SIZE))
    assert len(hooks) == 2 * (nrows - 2)  # a shaft and a head per continuation row
    assert h == pytest.approx(nrows * SIZE * theme.PT_MM * theme.LINE_GAP + 2 * theme.CODE_PAD_EM * EM)


def test_a_long_block_stays_whole_in_one_column() -> None:
    text = "\n".join(f"step_{k} = model(step_{k - 1})  # {k}" for k in range(1, 40))
    (b,) = blocks_of(f"```python\n{text}\n```")
    assert not hasattr(b, "split")
    region = Region("box", "band", "", rect=(0.0, 0.0, 200.0, 70.0))
    comp = RegionComposer(region, [b], INK, False)
    f = comp.fit()
    parts = [blk for col in f.columns for blk, _ in col]
    assert parts == [b]
    marks = comp.place(f)
    written = [m for m in marks if isinstance(m, TextMark) and m.text.strip().startswith("step_")]
    assert [int(m.text.split("=")[0].strip()[5:]) for m in sorted(written, key=lambda m: m.y)] == list(range(1, 40))


def test_a_token_wider_than_many_rows_is_cut_in_linear_work(monkeypatch) -> None:
    """A line of 8,000 characters without a break measures each character a few times, not every
    tail again for every row."""
    from cheatsheet.compose.blocks import code as code_mod

    measured = [0]
    real = code_mod.fonts.width

    def counted(text, *a, **k):
        measured[0] += len(text)
        return real(text, *a, **k)

    monkeypatch.setattr(code_mod.fonts, "width", counted)
    line = "x = \"" + "a" * 8000 + "\""
    rows = code_mod.wrap_line(line, 60.0, 9.0)
    assert len(rows) > 100 and "".join(r.text for r in rows).replace(" ", "") == line.replace(" ", "")
    assert measured[0] <= 4 * len(line)
