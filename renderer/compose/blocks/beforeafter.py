"""Before / after: two panels with a big arrow between (``A vs B:`` followed by two groups)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ..ink import Ink
from ..marks import ArrowMark, Mark, StrokeMark
from .base import Block, per_width
from .found import Ctx, Found, Scan, taken
from .text_item import heading_height, heading_marks


@dataclass
class Panel:
    title: str
    blocks: list[Block]


@dataclass(eq=False)
class BeforeAfterBlock:
    before: Panel
    after: Panel
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def _across(self, width: float, size_pt: float) -> bool:
        em = size_pt * theme.PT_MM
        pw = (width - theme.BEFORE_AFTER_ARROW_EM * em) / 2
        return all(b.min_width(size_pt) + 2 * theme.BEFORE_AFTER_PAD_EM * em <= pw for p in (self.before, self.after) for b in p.blocks)

    def _panel_h(self, p: Panel, w: float, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        inner = w - 2 * theme.BEFORE_AFTER_PAD_EM * em
        h = heading_height("", p.title, size_pt, inner) if p.title else 0.0
        return h + sum(b.measure(inner, size_pt) for b in p.blocks) + 2 * theme.BEFORE_AFTER_PAD_EM * em

    @per_width
    def _layout(self, width: float, size_pt: float):
        em = size_pt * theme.PT_MM
        if self._across(width, size_pt):
            pw = (width - theme.BEFORE_AFTER_ARROW_EM * em) / 2
            h = max(self._panel_h(p, pw, size_pt) for p in (self.before, self.after))
            return (True, pw, h, h, h)
        else:
            h1 = self._panel_h(self.before, width, size_pt)
            h2 = self._panel_h(self.after, width, size_pt)
            return (False, width, h1, h2, h1 + h2 + theme.BEFORE_AFTER_ARROW_EM * em * theme.BEFORE_AFTER_DOWN)

    def measure(self, width: float, size_pt: float) -> float:
        return self._layout(width, size_pt)[4] + theme.BEFORE_AFTER_ROOM

    def min_width(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        return max((b.min_width(size_pt) for p in (self.before, self.after) for b in p.blocks), default=10.0) + 2 * theme.BEFORE_AFTER_PAD_EM * em

    def _panel(self, p: Panel, x: float, y: float, w: float, h: float, size_pt: float, ink: Ink, fill: str) -> list[Mark]:
        em = size_pt * theme.PT_MM
        pad = theme.BEFORE_AFTER_PAD_EM * em
        out: list[Mark] = [StrokeMark(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), ink.pen, theme.BOX_WIDTH_PT,
                                      closed=True, fill=fill, fill_alpha=theme.BEFORE_AFTER_FILL_ALPHA)]
        cy = y + pad
        if p.title:
            hm, hh = heading_marks(x + pad, cy, "", p.title, size_pt, ink, w - 2 * pad)
            out.extend(hm)
            cy += hh
        for b in p.blocks:
            out.extend(b.place(x + pad, cy, w - 2 * pad, size_pt, ink))
            cy += b.measure(w - 2 * pad, size_pt)
        return out

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        em = size_pt * theme.PT_MM
        across, pw, h1, h2, _ = self._layout(width, size_pt)
        y += theme.BEFORE_AFTER_TOP
        out: list[Mark] = []
        if across:
            out += self._panel(self.before, x, y, pw, h1, size_pt, ink, theme.BEFORE_FILL)
            out += self._panel(self.after, x + pw + theme.BEFORE_AFTER_ARROW_EM * em, y, pw, h2, size_pt, ink, theme.AFTER_FILL)
            ym = y + h1 / 2
            out.append(ArrowMark((x + pw + theme.BEFORE_AFTER_ARROW_INSET_EM * em, ym), (x + pw + (theme.BEFORE_AFTER_ARROW_EM - theme.BEFORE_AFTER_ARROW_INSET_EM) * em, ym),
                                 ink.accent,
                                 theme.PEN_WIDTH_PT * theme.BEFORE_AFTER_ARROW_WIDTH, theme.BEFORE_AFTER_ARROW_HEAD_EM * em))
        else:
            out += self._panel(self.before, x, y, pw, h1, size_pt, ink, theme.BEFORE_FILL)
            y2 = y + h1 + theme.BEFORE_AFTER_ARROW_EM * em * theme.BEFORE_AFTER_DOWN
            out += self._panel(self.after, x, y2, pw, h2, size_pt, ink, theme.AFTER_FILL)
            out.append(ArrowMark((x + pw / 2, y + h1 + theme.BEFORE_AFTER_ARROW_CLEAR_EM * em), (x + pw / 2, y2 - theme.BEFORE_AFTER_ARROW_CLEAR_EM * em), ink.accent,
                                 theme.PEN_WIDTH_PT * theme.BEFORE_AFTER_ARROW_WIDTH, theme.BEFORE_AFTER_ARROW_HEAD_EM * em))
        return out

    def texts(self) -> list[str]:
        return [self.before.title, self.after.title] + [t for p in (self.before, self.after) for b in p.blocks
                                                        for t in b.texts()]


VERSUS = re.compile(r"^\s*\*\*[^*]*\bvs\.?\b[^*]*\*\*\s*:?\s*$", re.I)


GROUP_LABEL = re.compile(r"^\S.*:\s*$")


def before_after(lines: list[str], i: int, line0: int, ctx: Ctx) -> tuple[Block, int] | None:
    """``**A vs B:**`` then two groups, each a ``label:`` line with indented lines under it."""
    if not VERSUS.match(lines[i]):
        return None
    groups: list[tuple[str, list[str], int]] = []
    j = i + 1
    while j < len(lines) and len(groups) < 2:
        if not lines[j].strip():
            j += 1
            continue
        if not GROUP_LABEL.match(lines[j]) or lines[j].lstrip().startswith(("**", "#", "-", "|", ">")):
            break
        label, start = lines[j].strip().rstrip(":").strip(), j
        j += 1
        body = []
        while j < len(lines) and lines[j].strip() and lines[j][:1].isspace():
            body.append(lines[j])
            j += 1
        if not body:
            break
        groups.append((label, body, start))
    if len(groups) != 2:
        return None
    panels = []
    for label, body, start in groups:
        ind = min(len(s) - len(s.lstrip()) for s in body)
        md = "\n".join(s[ind:] for s in body)
        panels.append(Panel(label, ctx.read(md, line0 + start + 1)))
    end = groups[1][2] + len(groups[1][1])
    return BeforeAfterBlock(panels[0], panels[1], line0 + i), end


def found_at(scan: Scan, i: int) -> Found | None:
    """``**A vs B:**`` and its two groups; the lead-in stays a line above the picture."""
    return taken(before_after(scan.lines, i, scan.line0, scan.ctx), lead_in=True)
