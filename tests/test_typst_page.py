"""bench/typst_page.py writes a composed page as Typst source with the same content: read back
here from the source text alone (Typst itself is not needed), every text mark's string is there
once per pass, in its face, at its size and place; the page is A4 landscape on the same grid;
strings are never read as markup; elements come in the order the page stacks them."""

from __future__ import annotations

import re
import sys

import pytest

from cheatsheet import theme
from cheatsheet.compose.marks import BackingMark, StrokeMark, TextMark
from cheatsheet.compose.text.fonts import faces
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from typst_page import chapter_marks, page_source  # noqa: E402

STRING = r'"((?:[^"\\]|\\.)*)"'
TEXT = re.compile(r'#place\(dx: (-?[\d.]+)mm, dy: (-?[\d.]+)mm, (?:rotate\((-?[\d.]+)deg, [^(]*)?'
                  r'text\(size: ([\d.]+)pt, font: ' + STRING + r', fill: rgb\("(#[0-9a-f]{6,8})"\), ' + STRING + r'\)')


def unescape(s: str) -> str:
    """A Typst string literal's value."""
    out, i = [], 0
    while i < len(s):
        if s[i] != "\\":
            out.append(s[i])
            i += 1
            continue
        nxt = s[i + 1]
        if nxt == "u":
            end = s.index("}", i)
            out.append(chr(int(s[i + 3:end], 16)))
            i = end + 1
            continue
        out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
        i += 2
    return "".join(out)


def texts_in(source: str) -> list[tuple[str, str, float, float, float, float]]:
    """(string, face, size, x, y, rotation counter-clockwise) of every text the source writes."""
    return [(unescape(m[7]), unescape(m[5]), float(m[4]), float(m[1]), float(m[2]), -float(m[3] or 0))
            for m in TEXT.finditer(source)]


@pytest.mark.parametrize("name", ["ch09", "ch10", "ch24"])
def test_every_string_of_a_chapter_in_its_face_size_and_place(name: str) -> None:
    marks = chapter_marks(ROOT / "chapters" / f"{name}.yaml")
    source = page_source(marks)
    assert "#set page(width: 297mm, height: 210mm, margin: 0pt" in source
    assert "fallback: false" in source  # no face but the one a mark names
    texts = [m for m in marks if isinstance(m, TextMark)]
    assert len(texts) > 100
    want = sorted((m.text, m.face, m.size_pt, m.x + dx, m.y, m.rotation)
                  for m in texts for dx in ((0.0, theme.BOLD_OFFSET) if m.bold else (0.0,)))
    got = sorted(texts_in(source))
    assert len(got) == len(want) == source.count("text(size:")  # nothing else is written
    for g, w in zip(got, want):
        assert g[:2] == w[:2]
        assert g[2:] == pytest.approx(w[2:], abs=1e-3)  # written to a thousandth of a point or millimetre
    named = set(re.findall(r"font: " + STRING, source))
    assert {unescape(f) for f in named} <= set(faces())
    # the 5 mm grid over the whole page, and every stroke as a path
    pitch = int(theme.GRID_PITCH)
    assert source.count("#place(line(") == int(theme.PAGE_W) // pitch + 1 + int(theme.PAGE_H) // pitch + 1
    strokes = [m for m in marks if isinstance(m, StrokeMark)]
    assert source.count("#place(curve(") >= len(strokes)


def test_strings_are_never_read_as_markup() -> None:
    tricky = 'a "b" \\ #c $d$ *e* _f_ [g] <h> @i `j` // k\tl\x07'
    source = page_source([TextMark(10.0, 20.0, tricky, 9.0, theme.HAND, "#112233")])
    ((text, face, size, x, y, rot),) = texts_in(source)
    assert (text, face, size, x, y, rot) == (tricky, theme.HAND, 9.0, 10.0, 20.0, 0.0)
    assert "\x07" not in source


def test_rotation_turns_the_other_way_and_centred_text_is_measured() -> None:
    source = page_source([TextMark(10.0, 20.0, "위", 9.0, theme.HAND, "#112233", rotation=12.5),
                          TextMark(50.0, 20.0, "가운데", 9.0, theme.HAND, "#112233", ha="center")])
    assert "rotate(-12.5deg, origin: top + left" in source  # matplotlib turns counter-clockwise, Typst clockwise
    assert "#context { let b = text(" in source and "50mm - 0.5 * measure(b).width" in source


def test_elements_come_in_the_order_the_page_stacks_them() -> None:
    label = TextMark(12.0, 14.0, "label", 9.0, theme.HAND, "#112233", z=3)
    plain = TextMark(12.0, 30.0, "plain", 9.0, theme.HAND, "#112233")
    backing = BackingMark(10.0, 10.0, 20.0, 5.0, "#fdfcf7")
    frame = StrokeMark(((5.0, 5.0), (40.0, 5.0), (40.0, 40.0), (5.0, 40.0)), "#222222", 1.0, closed=True,
                       fill="#fff3c4")
    source = page_source([label, plain, backing, frame])
    order = [source.index(s) for s in ("#place(line(", 'fill: rgb("#fff3c4")', '"plain"',
                                       'stroke: (paint: rgb("#222222")', 'fill: rgb("#fdfcf7"), stroke: none',
                                       '"label"')]
    # grid, fill, text, then the frame's line (at the text's z-order, but added to the figure after every
    # text), the backing, the label written on it
    assert order == sorted(order)
