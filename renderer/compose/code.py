"""Fenced and indented code: a monospace face on a pale panel, lines broken only when too wide."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import theme
from .block import per_width
from .ink import Ink
from .inline import Run
from .linebreak import Line, set_lines, widest_word
from .marks import Mark, StrokeMark
from .text import line_marks, pitch

PAD_EM = 0.4


@dataclass(eq=False)
class CodeBlock:
    text: str
    line: int
    lang: str = ""
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def _runs(self) -> list[list[Run]]:
        return [[Run(ln.replace("\t", "    "), "code")] if ln.strip() else [] for ln in self.text.rstrip("\n").split("\n")]

    @per_width
    def _set(self, width: float, size_pt: float) -> list[Line]:
        pad = PAD_EM * size_pt * theme.PT_MM
        out: list[Line] = []
        for runs in self._runs():
            out.extend(set_lines(runs, max(1.0, width - 2 * pad), size_pt) if runs else [Line()])
        return out

    def measure(self, width: float, size_pt: float) -> float:
        pad = PAD_EM * size_pt * theme.PT_MM
        return len(self._set(width, size_pt)) * pitch(size_pt) + 2 * pad

    def min_width(self, size_pt: float) -> float:
        return min(40.0, max((widest_word(r, size_pt) for r in self._runs() if r), default=5.0))

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        pad = PAD_EM * size_pt * theme.PT_MM
        lines = self._set(width, size_pt)
        h = len(lines) * pitch(size_pt) + 2 * pad
        out: list[Mark] = [StrokeMark(((x, y), (x + width, y), (x + width, y + h), (x, y + h)), theme.PANEL,
                                      0.0, closed=True, fill=theme.PANEL, wobble=0.3, z=0)]
        for k, ln in enumerate(lines):
            # code lines sit on the panel, not on chips: draw the text only
            for dx, p in ln.pieces:
                from .text import text_marks

                out.extend(text_marks(x + pad + dx, y + pad + k * pitch(size_pt) + 0.78 * size_pt * theme.PT_MM,
                                      p.text, size_pt, ink.pen, mono=True))
        return out

    def texts(self) -> list[str]:
        return [self.text]


__all__ = ["CodeBlock", "line_marks"]
