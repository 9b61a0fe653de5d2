"""Generated diagrams of known structure, typed the way people type them (borders drifting a column or
two along a line, Hangul and emoji two columns wide, a frame border missing), drawn in any pen (light,
heavy, double, rounded, dashed or ASCII lines, the frame in one pen and the boxes in another): the parser
must find exactly the bands, columns, rows, titles and text that were generated, and the ratios must set
the heights."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheatsheet.boxes import char_widths
from cheatsheet.layout.place import usable_rect
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input

ICONS = ["📖", "👥", "⚡", "🤖", "✅", "🧠", "📊", "💡", "⚠️", "❤️"]
LETTER = st.sampled_from(string.ascii_letters)
CHAR = st.one_of(LETTER, LETTER, st.sampled_from(string.digits), st.integers(0xAC00, 0xD7A3).map(chr),
                 st.sampled_from(["🍌", "🤖", "✅", "→", "↓", "⚠️", "👤"]))
# a hyphen or a plus inside a word ("Pre-training", "a+b") is no line in any pen
JOIN = st.sampled_from(["", "", "", "-", "+"])
WORD = st.builds(lambda a, rest, j, b: a + "".join(rest) + (j + b if j else ""), LETTER, st.lists(CHAR, max_size=5),
                 JOIN, LETTER)
PENS = ["light", "heavy", "double", "rounded", "dashed", "ascii", "ascii="]
_UNICODE_PENS = {
    "light": str.maketrans("", ""),
    "heavy": str.maketrans("┌─┐│├┤└┘", "┏━┓┃┣┫┗┛"),
    "double": str.maketrans("┌─┐│├┤└┘", "╔═╗║╠╣╚╝"),
    "rounded": str.maketrans("┌┐└┘", "╭╮╰╯"),
    "dashed": str.maketrans("─│", "┄┆"),
}


def in_pen(text: str, pen: str, frame: bool = False) -> str:
    """Light lines redrawn in ``pen``; in ASCII, a frame's horizontal lines may be '=' ("ascii=")."""
    if pen in _UNICODE_PENS:
        return text.translate(_UNICODE_PENS[pen])
    dash = "=" if pen == "ascii=" and frame else "-"
    return text.translate(str.maketrans({"┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "─": dash,
                                         "│": "|"}))


def width(text: str) -> int:
    return sum(char_widths(text))


def fit(text: str, cols: int) -> str:
    """``text`` cut to at most ``cols`` terminal columns (never leaving a lone U+FE0F)."""
    while text and (width(text) > cols or text.endswith("\ufe0f") and width(text[:-1]) > cols - 2):
        text = text[:-1]
    return text.rstrip("\ufe0f") if text.endswith("\ufe0f") and width(text) > cols else text


@dataclass
class Box:
    width: int  # inside the borders, in terminal columns
    title: str
    lines: list[str] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.lines) + 3  # top, title, lines, bottom


@dataclass
class Band:
    heading: list[str]  # text lines above the boxes (or the whole band when it has no boxes)
    columns: list[list[Box]]  # boxes side by side; each column's boxes stacked


@st.composite
def text_line(draw: st.DrawFn, cols: int) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=4))
    return fit(" ".join(words), cols) or "x"


@st.composite
def box(draw: st.DrawFn, w: int) -> Box:
    icon = draw(st.sampled_from(ICONS))
    title = fit(icon + " " + draw(text_line(w - 5)), w - 2)
    lines = draw(st.lists(text_line(w - 3), max_size=3))
    return Box(w, title, lines)


@st.composite
def band(draw: st.DrawFn, inner: int) -> Band:
    kind = draw(st.sampled_from(["text", "one", "columns", "columns", "stacked"]))
    heading = []
    if kind == "text" or draw(st.booleans()):
        icon = draw(st.sampled_from(ICONS))
        heading = [fit(icon + " " + draw(text_line(inner - 8)), inner - 6)]
    if kind == "text":
        return Band(heading + draw(st.lists(text_line(inner - 8), max_size=2)), [])
    n = 1 if kind in ("one", "stacked") else draw(st.integers(2, 4))
    room = inner - 4 - 3 * n  # frame padding, borders and gaps
    if room < 8 * n:
        n = 1
        room = inner - 7
    cuts = sorted(draw(st.lists(st.integers(1, room - 1), min_size=n - 1, max_size=n - 1, unique=True)))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, room])]
    if any(s < 8 for s in sizes):
        sizes = [room // n] * n
    columns = []
    for k, w in enumerate(sizes):
        stack = 2 if (kind == "stacked" or (k == 0 and n > 1 and draw(st.booleans()))) else 1
        columns.append([draw(box(w)) for _ in range(stack)])
    return Band(heading, columns)


@dataclass
class Drawn:
    lines: list[str]
    bands: list[Band]
    title: str
    subtitle: str


@st.composite
def diagram(draw: st.DrawFn) -> Drawn:
    inner = draw(st.integers(44, 90))
    title = fit(draw(st.sampled_from(ICONS)) + " " + draw(text_line(inner - 10)), inner - 6)
    subtitle = draw(st.one_of(st.just(""), text_line(inner - 8)))
    bands = draw(st.lists(band(inner), min_size=1, max_size=4))
    drift_ok = draw(st.booleans())
    outer_pen = draw(st.sampled_from(PENS))
    inner_pen = draw(st.sampled_from([outer_pen, *PENS]))
    side = in_pen("│", outer_pen, True)

    def frame_line(body: str, drift: int = 0) -> str:
        body = in_pen(body, inner_pen) + " " * max(0, inner - width(body) + drift)
        end = side if not drift_ok or draw(st.integers(0, 12)) else ""  # now and then a missing right border
        return side + body + end

    def rule(corners: str) -> str:
        if outer_pen.startswith("ascii") and corners == "├┤" and draw(st.booleans()):
            return "|" + "-" * inner + "|"  # an ASCII rule may run between the frame's sides
        return in_pen(corners[0] + "─" * inner + corners[1], outer_pen, True)

    out = [rule("┌┐"), frame_line("  " + title)]
    if subtitle:
        out.append(frame_line("  " + subtitle))
    for b in bands:
        out.append(rule("├┤"))
        for h in b.heading:
            out.append(frame_line("  " + h))
        if not b.columns:
            continue
        parts = []  # per column: its lines, and for each line the drift it may take
        for col in b.columns:
            rows: list[tuple[str, bool]] = []
            for bx in col:
                rows.append(("┌" + "─" * bx.width + "┐", False))
                for t in [bx.title, *bx.lines]:
                    rows.append((t, True))
                rows.append(("└" + "─" * bx.width + "┘", False))
            parts.append(rows)
        height = max(len(p) for p in parts)
        for i in range(height):
            body, total = " ", 0
            for col, rows in zip(b.columns, parts):
                w = col[0].width
                if i >= len(rows):
                    body += " " * (w + 2) + " "
                    continue
                text, is_text = rows[i]
                if not is_text:
                    body += text + " "
                    continue
                d = draw(st.integers(-1, 2)) if drift_ok else 0
                if not -2 <= total + d <= 3 or width(text) + 1 > w + d:
                    d = 0
                total += d
                body += "│ " + text + " " * (w - 1 - width(text) + d) + "│ "
            out.append(frame_line(body, total))
    out.append(rule("└┘"))
    return Drawn(out, bands, title, subtitle)


def _ratios(drawn: Drawn) -> list[float]:
    n = len(drawn.bands) + 1
    return [10.0] + [90.0 / (n - 1)] * (n - 1)


def _check(folder: Path, drawn: Drawn) -> None:
    pcts = _ratios(drawn)
    spec = "**배치 비율**:\n" + "\n".join(f"- band {k} ({p:.4f}%)" for k, p in enumerate(pcts, 1))
    path = folder / "generated.md"
    path.write_text("# Layout Structure\n\n" + "\n".join(drawn.lines) + "\n\n" + spec + "\n", encoding="utf-8")
    layout = lay_out(read_input(path))
    h = usable_rect()[3]
    assert [b.kind for b in layout.bands] == ["title"] + ["band"] * len(drawn.bands)
    for region, pct in zip(layout.bands, pcts, strict=True):
        assert region.rect[3] == pytest.approx(h * pct / 100)
    title = layout.bands[0]
    assert title.label == drawn.title
    assert title.subtitle == drawn.subtitle.strip()
    for n, (region, b) in enumerate(zip(layout.bands[1:], drawn.bands, strict=True), 2):
        assert region.id == f"band{n}"
        _check_band(region, b)


def _texts(region) -> list[str]:
    return [r.text.strip() for r in region.rows if r.text.strip()]


def _check_box(region, bx: Box) -> None:
    assert region.label == bx.title.strip()
    assert _texts(region) == [t.strip() for t in bx.lines]


def _check_band(region, b: Band) -> None:
    heading = [t.strip() for t in b.heading]
    if not b.columns:
        assert region.label == heading[0]
        assert _texts(region) == heading[1:]
        return
    assert region.heading_outside == bool(heading)
    if heading:
        assert region.label == heading[0]
    if len(b.columns) == 1 and len(b.columns[0]) == 1:
        bx = b.columns[0][0]
        assert not region.children
        if heading:
            assert _texts(region) == [bx.title.strip()] + [t.strip() for t in bx.lines]
        else:
            _check_box(region, bx)
        return
    if len(b.columns) == 1:
        assert [c.id for c in region.children] == [f"{region.id}.row{j}" for j in range(1, len(b.columns[0]) + 1)]
        for child, bx in zip(region.children, b.columns[0], strict=True):
            _check_box(child, bx)
        return
    assert [c.kind for c in region.children] == ["column"] * len(b.columns)
    total = sum(col[0].width + 1 for col in b.columns)
    for child, col in zip(region.children, b.columns, strict=True):
        assert child.rect[2] == pytest.approx(region.rect[2] * (col[0].width + 1) / total)
        if len(col) == 1:
            _check_box(child, col[0])
        else:
            assert [r.id for r in child.children] == [f"{child.id}.row1", f"{child.id}.row2"]
            for row, bx in zip(child.children, col, strict=True):
                _check_box(row, bx)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("generated")


_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


@settings(max_examples=250, deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH)
@given(diagram())
def test_generated_diagrams_parse_to_what_was_drawn(folder: Path, drawn: Drawn) -> None:
    _check(folder, drawn)


@pytest.mark.fuzz
@settings(max_examples=5000, deadline=None, suppress_health_check=_HEALTH)
@given(diagram())
def test_long_generated_diagrams_parse_to_what_was_drawn(folder: Path, drawn: Drawn) -> None:
    _check(folder, drawn)
