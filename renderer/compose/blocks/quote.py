"""A ``>`` quote as a sticky note: pale yellow, tilted a little, a soft shadow, "- author"."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from ... import theme
from ..ink import Ink
from ..marks import ArrowMark, Mark, MarkerMark, StrokeMark, TextMark
from ..text.inline import Run, parse_inline, plain_text
from ..text.linebreak import Line, line_count, set_lines, widest_word
from ..text.setting import line_marks, pitch
from .base import per_width

_SIN = abs(math.sin(math.radians(theme.QUOTE_TILT_DEG)))


@dataclass(eq=False)
class QuoteBlock:
    lines_runs: list[list[Run]]
    author: str
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    @per_width
    def _set(self, width: float, size_pt: float) -> list[Line]:
        pad = theme.QUOTE_PAD_EM * size_pt * theme.PT_MM
        inner = max(1.0, self._note_w(width) - 2 * pad)
        out: list[Line] = []
        for runs in self.lines_runs:
            out.extend(set_lines(runs, inner, size_pt))
        if self.author:
            out.extend(set_lines([Run("- " + self.author)], inner, size_pt))
        return out

    @staticmethod
    def _note_w(width: float) -> float:
        return width - theme.QUOTE_SHADOW_ROOM - 2 * theme.QUOTE_SIDE_INSET

    def _count(self, width: float, size_pt: float) -> int:
        """How many lines ``_set`` writes (measuring needs no more)."""
        pad = theme.QUOTE_PAD_EM * size_pt * theme.PT_MM
        inner = max(1.0, self._note_w(width) - 2 * pad)
        author = [(Run("- " + self.author),)] if self.author else []
        return sum(line_count(tuple(runs), inner, size_pt) for runs in [*map(tuple, self.lines_runs), *author])

    def measure(self, width: float, size_pt: float) -> float:
        pad = theme.QUOTE_PAD_EM * size_pt * theme.PT_MM
        return self._count(width, size_pt) * pitch(size_pt) + 2 * pad + theme.QUOTE_SHADOW_ROOM + width * _SIN / 2

    def _inset(self, width: float, h: float) -> tuple[float, float]:
        """How far the turned note sits from the sides and the top: its corners may swing a
        fraction of a millimetre into the gap around the block, never past the region's padding."""
        return theme.QUOTE_SIDE_INSET, width / 4 * _SIN + theme.QUOTE_TOP

    def min_width(self, size_pt: float) -> float:
        pad = theme.QUOTE_PAD_EM * size_pt * theme.PT_MM
        # a note of no words (a section that is just '>') is as narrow as its padding
        return max((widest_word(r, size_pt) for r in self.lines_runs), default=0.0) + 2 * pad + theme.QUOTE_MIN_SPARE

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        if ink.marker == theme.STICKY_CLASH:  # yellow highlighter vanishes on a yellow note
            ink = Ink(ink.accent, theme.STICKY_MARKER, ink.pen)
        pad = theme.QUOTE_PAD_EM * size_pt * theme.PT_MM
        lines = self._set(width, size_pt)
        h = len(lines) * pitch(size_pt) + 2 * pad
        ix, iy = self._inset(width, h)
        w = self._note_w(width)
        x0, y0 = x + ix, y + iy
        note: list[Mark] = []
        note.append(StrokeMark(((x0 + theme.QUOTE_SHADOW_DX, y0 + theme.QUOTE_SHADOW_DY), (x0 + w + theme.QUOTE_SHADOW_DX, y0 + theme.QUOTE_SHADOW_DY), (x0 + w + theme.QUOTE_SHADOW_DX, y0 + h + theme.QUOTE_SHADOW_DY),
                                (x0 + theme.QUOTE_SHADOW_DX, y0 + h + theme.QUOTE_SHADOW_DY)), theme.STICKY_SHADOW, 0.0, closed=True,
                               fill=theme.STICKY_SHADOW, fill_alpha=theme.STICKY_SHADOW_ALPHA, wobble=0.0, z=0))
        note.append(StrokeMark(((x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)), theme.STICKY_EDGE,
                               theme.THIN_WIDTH_PT, closed=True, fill=theme.STICKY, wobble=theme.QUOTE_WOBBLE, z=1))
        n_quote = len(lines) - (1 if self.author else 0)
        for k, ln in enumerate(lines):
            lx = x0 + pad
            if self.author and k >= n_quote:
                lx = x0 + w - pad - ln.width
            note.extend(line_marks(ln, lx, y0 + pad + k * pitch(size_pt), size_pt, ink))
        return _rotate(note, x0 + w / 2, y0 + h / 2, theme.QUOTE_TILT_DEG)

    def texts(self) -> list[str]:
        return [plain_text(r) for r in self.lines_runs] + [self.author]


def _rotate(marks: list[Mark], cx: float, cy: float, deg: float) -> list[Mark]:
    """Turn marks about (cx, cy); on a y-down page a positive angle turns clockwise."""
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)

    def rot(p: tuple[float, float]) -> tuple[float, float]:
        dx, dy = p[0] - cx, p[1] - cy
        return (cx + dx * ca - dy * sa, cy + dx * sa + dy * ca)

    out: list[Mark] = []
    for m in marks:
        if isinstance(m, TextMark):
            nx, ny = rot((m.x, m.y))
            out.append(replace(m, x=nx, y=ny, rotation=m.rotation - deg))
        elif isinstance(m, StrokeMark):
            out.append(replace(m, points=tuple(rot(p) for p in m.points)))
        elif isinstance(m, ArrowMark):
            out.append(replace(m, start=rot(m.start), end=rot(m.end)))
        elif isinstance(m, MarkerMark):
            nx, ny = rot((m.x + m.w / 2, m.y + m.h / 2))
            out.append(replace(m, x=nx - m.w / 2, y=ny - m.h / 2))
    return out


ATTRIB = re.compile(r"^\s*[-–—]{1,2}\s*(\S.*)$")


def attribution(tokens: list[Token], i: int, quote_end: int) -> tuple[str, int] | None:
    """A one-item list right under a quote (``- Zack``), or a paragraph ``— Amanda``: the quote's author,
    with the index of the token after it."""
    if i >= len(tokens) or not tokens[i].map or tokens[i].map[0] != quote_end:
        return None
    t = tokens[i]
    if t.type == "bullet_list_open" and t.markup in "-–—" and i + 6 < len(tokens) + 1:
        kinds = [tk.type for tk in tokens[i : i + 7]]
        if kinds == ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close",
                     "list_item_close", "bullet_list_close"]:
            name = tokens[i + 3].content.strip()
            if _a_name(name):
                return name, i + 7
    if t.type == "paragraph_open" and i + 2 < len(tokens):
        m = ATTRIB.match(tokens[i + 1].content)
        if m and "\n" not in tokens[i + 1].content and _a_name(m.group(1).strip()):
            return m.group(1).strip(), i + 3
    return None


def _a_name(text: str) -> bool:
    """Short, one line, no sentence: what signs a quote (``Zack``, ``Andrej Karpathy, 2023``)."""
    return 0 < len(text) <= theme.ATTRIBUTION_MAX_CHARS and not text.endswith((".", "?", "!", ":", "다")) \
        and len(text.split()) <= theme.ATTRIBUTION_MAX_WORDS


def quote_of(texts: list[str], line: int, emphasis: tuple[str, ...]) -> QuoteBlock:
    lines: list[list[Run]] = []
    author = ""
    for t in texts:
        for runs in parse_inline(t, emphasis):
            s = "".join(r.text for r in runs)
            m = ATTRIB.match(s)
            if m and len(m.group(1)) < 40 and lines:
                author = m.group(1).strip()
                continue
            lines.append(runs)
    return QuoteBlock(lines, author, line)
