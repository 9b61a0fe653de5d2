"""A single box drawn around plain lines (no boxes inside it): a framed panel whose lines
are read as markdown again, so they wrap, flow and keep their markers.  A title written
above a ``├──┤`` rule becomes the panel's heading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ...boxes import BOX_CHARS, Row
from ..ink import Ink
from ..marks import Mark, StrokeMark
from .base import Block, per_width
from .code import CodeBlock
from .found import Ctx
from .text_item import TREE, heading_height, heading_marks


@dataclass(eq=False)
class FrameBlock:
    title: str
    blocks: list[Block]
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    @per_width
    def _inner(self, width: float, size_pt: float) -> tuple[float, float, list[float]]:
        pad = theme.FRAME_PAD_EM * size_pt * theme.PT_MM
        w = width - 2 * pad
        head = heading_height("", self.title, size_pt, w) + theme.FRAME_TITLE_GAP if self.title else 0.0
        gap = theme.BLOCK_GAP * size_pt * theme.PT_MM
        hs = [b.measure(w, size_pt) for b in self.blocks]
        body = sum(hs) + gap * max(0, len(hs) - 1)
        return (head, body, hs)

    def measure(self, width: float, size_pt: float) -> float:
        pad = theme.FRAME_PAD_EM * size_pt * theme.PT_MM
        head, body, _ = self._inner(width, size_pt)
        return head + body + 2 * pad + theme.BLOCK_INK_ROOM

    def min_width(self, size_pt: float) -> float:
        pad = theme.FRAME_PAD_EM * size_pt * theme.PT_MM
        return max((b.min_width(size_pt) for b in self.blocks), default=10.0) + 2 * pad

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        pad = theme.FRAME_PAD_EM * size_pt * theme.PT_MM
        head, body, hs = self._inner(width, size_pt)
        h = head + body + 2 * pad
        y += theme.BLOCK_INK_TOP
        # a frame around a picture narrower than the column hugs the picture
        # (the blocks keep the full width they were measured at; only the frame line moves in)
        fx, fw = x, width
        used = [getattr(b, "used_width", None) for b in self.blocks]
        if self.blocks and all(u is not None for u in used) and not self.title:
            inner = max(u(width - 2 * pad, size_pt) for u in used)
            shrink = max(0.0, (width - 2 * pad - inner) / 2)
            fx, fw = x + shrink, width - 2 * shrink
        out: list[Mark] = [StrokeMark(((fx, y), (fx + fw, y), (fx + fw, y + h), (fx, y + h)), ink.pen,
                                      theme.BOX_WIDTH_PT * theme.FRAME_WIDTH, closed=True)]
        cy = y + pad
        if self.title:
            hm, _ = heading_marks(x + pad, cy, "", self.title, size_pt, ink, width - 2 * pad)
            out.extend(hm)
            cy += head
        gap = theme.BLOCK_GAP * size_pt * theme.PT_MM
        for b, bh in zip(self.blocks, hs):
            out.extend(b.place(x + pad, cy, width - 2 * pad, size_pt, ink))
            cy += bh + gap
        return out

    def texts(self) -> list[str]:
        return [self.title] + [t for b in self.blocks for t in b.texts()]


CONSOLE = re.compile(r"^\s*(?:>>>|\.\.\.|\$|In \[\d*\]:)\s")  # a prompt's line: >>> x, $ cmd, In [1]: x


def framed(body: list[str], line: int, ctx: Ctx) -> FrameBlock | None:
    """One box holding only text lines is a framed panel (None: anything richer is a drawing)."""
    inner = single_box_lines(body)
    if inner is None:
        return None
    title = ""
    rule = next((k for k, s in enumerate(inner) if s.strip()[:1] == "├"), -1)
    if rule >= 0:
        head = [s.strip() for s in inner[:rule] if s.strip()]
        if len(head) <= 2 and not any(c in BOX_CHARS for h in head for c in h):
            title = " ".join(head)
            inner = inner[rule + 1 :]
        else:
            return None
    if any(c in BOX_CHARS for s in inner for c in TREE.sub("", s).strip()):
        return None
    text = [s.rstrip() for s in inner]
    ind = min((len(s) - len(s.lstrip()) for s in text if s.strip()), default=0)
    md = "\n".join(s[ind:] for s in text)
    if any(CONSOLE.match(s) for s in md.split("\n")):  # a session at a prompt: its lines as typed
        return FrameBlock(title, [CodeBlock(md.strip("\n"), line + 1, "console")], line)
    return FrameBlock(title, ctx.read(md, line + 1), line)


def single_box_lines(body: list[str]) -> list[str] | None:
    """The lines inside the one box of a drawing (borders cut off), or None for anything else."""
    if len(body) < 2:
        return None
    top = Row.of(0, body[0])
    t = body[0].strip()
    if not (t[0] == "┌" and t[-1] == "┐" and all(c == "─" for c in t[1:-1])):
        return None
    left = top.cols[len(body[0]) - len(body[0].lstrip())]
    right = top.cols[len(body[0].rstrip()) - 1]
    out = []
    for s in body[1:-1]:
        row = Row.of(0, s)
        li = row.find_near(left, "│├", 2)
        if li < 0:
            return None
        if s[li] == "├":
            out.append("├")
            continue
        ri = row.find_near(right, "│┤", 4, lo=li + 1)
        out.append(s[li + 1 : ri if ri >= 0 else len(s)])
    if any(c in "┌┐└┘" for s in out for c in TREE.sub("", s)):
        return None
    return out
