"""One written line of a region: a paragraph line, a bullet, a numbered step, a tree
sub-item (└─ drawn as a pen stroke), a checklist line (✓ ✅ ⛔, □ drawn as a box)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ..ink import Ink
from ..marks import Mark, StrokeMark, TextMark
from ..text import fonts
from ..text.inline import Run, merge, parse_inline, plain_text
from ..text.linebreak import Line, line_count, natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch, text_marks
from .base import Block, per_width
from .table import TABLE_RULE


@dataclass(eq=False)
class TextItem:
    runs: list[Run]
    line: int
    level: int = 0
    marker: str = ""  # "" | glyph | tree | box | checked | lead | heading
    glyph: list[Run] = field(default_factory=list)  # what a glyph marker writes (•, 1., ✅)
    keep_with_next: bool = False
    tight: bool = False  # continues the list or paragraph above: no block gap before it
    _cache: dict = field(default_factory=dict, repr=False)

    def _size(self, size_pt: float) -> float:
        return size_pt * theme.SUBHEADING_OVER_BODY if self.marker == "heading" else size_pt

    def _indent(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        ind = self.level * theme.INDENT_EM * em
        if self.marker in ("tree", "box", "checked"):
            ind += theme.TREE_INDENT_EM * em
        elif self.marker == "glyph":
            ind += max(natural_width(self.glyph, size_pt), theme.GLYPH_MIN_EM * em) + theme.GLYPH_GAP_EM * em
        return ind

    @per_width
    def lines(self, width: float, size_pt: float) -> list[Line]:
        s = self._size(size_pt)
        return set_lines(self.runs, max(1.0, width - self._indent(size_pt)), s)

    def measure(self, width: float, size_pt: float) -> float:
        s = self._size(size_pt)
        return line_count(tuple(self.runs), max(1.0, width - self._indent(size_pt)), s) * pitch(s)

    def min_width(self, size_pt: float) -> float:
        return self._indent(size_pt) + min(widest_word(self.runs, self._size(size_pt)), theme.TEXT_WORD_MAX)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        s = self._size(size_pt)
        em = size_pt * theme.PT_MM
        out: list[Mark] = []
        mx = x + self.level * theme.INDENT_EM * em
        if self.marker == "tree":
            cx = mx + theme.TREE_X_EM * em
            out.append(StrokeMark(((cx, y + theme.TREE_TOP_EM * em), (cx, y + theme.TREE_FOOT_EM * em),
                                   (cx + theme.TREE_FOOT_W_EM * em, y + theme.TREE_FOOT_EM * em)),
                                  ink.pen, theme.THIN_WIDTH_PT, wobble=theme.ITEM_MARK_WOBBLE))
        elif self.marker in ("box", "checked"):
            side = theme.CHECKBOX_EM * em
            bx, by = mx + theme.CHECKBOX_X_EM * em, y + theme.CHECKBOX_TOP_EM * em
            out.append(StrokeMark(((bx, by), (bx + side, by), (bx + side, by + side), (bx, by + side)),
                                  ink.pen, theme.THIN_WIDTH_PT, closed=True, wobble=theme.ITEM_MARK_WOBBLE))
            if self.marker == "checked":  # - [x]: the box ticked in green
                tick = tuple((bx + fx * side, by + fy * side) for fx, fy in theme.CHECK_TICK)
                out.append(StrokeMark(tick, theme.TICK_GREEN, theme.PEN_WIDTH_PT, wobble=theme.ITEM_MARK_WOBBLE))
        elif self.marker == "glyph":
            gx = mx
            for r in self.glyph:
                out.extend(text_marks(gx, y + theme.TEXT_ASCENT_EM * em, r.text, size_pt, r.color or ink.accent))
                gx += fonts.width(r.text, size_pt)
        tx = x + self._indent(size_pt)
        color = ink.accent if self.marker in ("lead", "heading") else None
        lines = self.lines(width, size_pt)
        for k, ln in enumerate(lines):
            out.extend(line_marks(ln, tx, y + k * pitch(s), s, ink, color))
        return out

    def texts(self) -> list[str]:
        return [plain_text(self.runs), plain_text(self.glyph)]


def heading_marks(x: float, y: float, icon: str, title: str, size_pt: float, ink: Ink,
                  width: float) -> tuple[list[Mark], float]:
    """A section header: icon in the accent ink, title in bold pen, a wobbly accent underline."""
    from ..text.inline import Run as R
    out: list[Mark] = []
    em = size_pt * theme.PT_MM
    base = y + theme.HEADING_ASCENT_EM * em
    cx = x
    if icon:
        out.extend(text_marks(cx, base, icon, size_pt, ink.accent))
        cx += fonts.width(icon, size_pt) + theme.HEADING_ICON_GAP_EM * em
    lines = set_lines([R(title, "plain")], max(5.0, width - (cx - x)), size_pt)
    for k, ln in enumerate(lines):
        for dx, p in ln.pieces:
            out.extend(text_marks(cx + dx, base + k * pitch(size_pt), p.text, size_pt, ink.pen, bold=True))
    h = len(lines) * pitch(size_pt)
    end = cx + max(ln.width for ln in lines)
    uy = y + h + theme.HEADING_RULE_BELOW_EM * em
    out.append(StrokeMark(((x, uy), (end + theme.HEADING_RULE_PAST_EM * em, uy)), ink.accent,
                          theme.PEN_WIDTH_PT * theme.HEADING_RULE_WIDTH))
    return out, h + theme.HEADING_BELOW_EM * em


def heading_height(icon: str, title: str, size_pt: float, width: float) -> float:
    from ..text.inline import Run as R
    em = size_pt * theme.PT_MM
    cx = (fonts.width(icon, size_pt) + theme.HEADING_ICON_GAP_EM * em) if icon else 0.0
    lines = line_count((R(title, "plain"),), max(5.0, width - cx), size_pt)
    return lines * pitch(size_pt) + theme.HEADING_BELOW_EM * em


__all__ = ["TextItem", "heading_marks", "heading_height", "TextMark"]


TREE = re.compile(r"^\s*(?:└─*|├─*|ㄴ)\s*")


BOXMARK = re.compile(r"^\s*(?:□|☐|\[ \])\s*")


CHECKED = re.compile(r"^\s*\[[xX]\]\s+")  # a task done: - [x]


DASH = re.compile(r"^\s*[-*•·]\s+")


GLYPHS = "✓✅✔☑❌⛔✗✘⚠🚫"


def unmarked(runs: list[Run]) -> list[Run]:
    return [r if r.chip else Run(r.text, "plain", r.color) for r in runs]


def line_items(content: str, src: list[str], line0: int, emphasis: tuple[str, ...], base_level: int) -> list[TextItem]:
    """One item per written line, markers (└─ □ - ✓) recognised at the line's start."""
    out: list[TextItem] = []
    inline_lines = parse_inline(content, emphasis)
    base_indent = None
    for k, runs in enumerate(inline_lines):
        raw = src[k] if k < len(src) else ""
        if "|" in raw and TABLE_RULE.match(raw):
            continue  # a table's rule line with no table around it: never words on the page
        indent = len(raw) - len(raw.lstrip())
        if base_indent is None:
            base_indent = indent
        first = runs[0].text if runs and not runs[0].chip else ""
        level = base_level + (1 if indent - base_indent >= 2 else 0)
        marker, glyph = "", []
        for pat, kind in ((TREE, "tree"), (BOXMARK, "box"), (CHECKED, "checked"), (DASH, "dash")):
            m = pat.match(first)
            if m:
                runs = [Run(first[m.end():], runs[0].style, runs[0].color, runs[0].url)] + runs[1:]
                if kind in ("tree", "box", "checked"):
                    marker = kind
                else:
                    marker, glyph = "glyph", [Run("•")]
                break
        else:
            if runs and runs[0].color and len(runs[0].text) == 1 and runs[0].text in GLYPHS:
                marker, glyph = "glyph", [runs[0]]
                runs = runs[1:]
                if runs and runs[0].text.startswith(" "):
                    runs = [Run(runs[0].text.lstrip(), runs[0].style, runs[0].color)] + runs[1:]
        runs = merge(runs)
        if not marker and runs and all(r.style == "bold" for r in runs if r.text.strip()) and len(runs) <= 3:
            marker = "lead"
            runs = unmarked(runs)
        if marker == "tree" and out:
            level = out[-1].level + (1 if out[-1].marker != "tree" else 0)
        out.append(TextItem(runs, line0 + k, level, marker, glyph))
    return out


def keep_leads(blocks: list[Block]) -> None:
    for b, nxt in zip(blocks, blocks[1:]):
        if isinstance(b, TextItem) and isinstance(nxt, TextItem) and b.marker != "heading" and nxt.marker not in ("lead", "heading"):
            nxt.tight = True
        if isinstance(b, TextItem) and b.marker in ("lead", "heading"):
            b.keep_with_next = True
        if isinstance(nxt, TextItem) and nxt.marker == "tree":
            b.keep_with_next = True
