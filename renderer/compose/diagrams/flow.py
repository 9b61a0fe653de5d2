"""A flow written as text: stages between ``↓`` lines, each stage an ``A → B → C`` chain.

Stages stack downwards joined by hand-drawn arrows; the nodes of a chain sit
side by side joined by arrows.  ``[Bracketed]`` nodes, and the nodes of a
stage with one node, are drawn as boxes; the other nodes of a chain are labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ...boxes import BOX_CHARS, Row
from ..blocks.base import Block, per_width, shrinks_to_width
from ..blocks.found import Found, Scan
from ..blocks.text_item import TREE
from ..ink import Ink
from ..marks import ArrowMark, Mark, StrokeMark
from ..text.inline import Run, parse_inline, plain_text
from ..text.linebreak import Line, natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch
from .drawing import LABELS, DrawingBlock

DOWN = re.compile(r"^\s*([↓⬇⇓])(\s+[↓⬇⇓])*\s*$")
CHAIN = re.compile(r"\s*(?:→|->|⇒|⟶)\s*")


@dataclass
class Node:
    runs: list[list[Run]]  # lines
    boxed: bool
    col: int  # source column of the node's middle

    def text(self) -> str:
        return " ".join(plain_text(r) for r in self.runs)


@dataclass
class Stage:
    nodes: list[Node]
    down_cols: list[int] = field(default_factory=list)  # columns of the ↓ below this stage


def is_down_line(text: str) -> bool:
    return bool(DOWN.match(text))


def parse_flow(lines: list[str]) -> list[Stage]:
    stages: list[Stage] = []
    pending: list[str] = []

    def flush() -> None:
        if not pending:
            return
        if len(pending) == 1 and CHAIN.search(pending[0]):
            stages.append(Stage(_chain(pending[0])))
        else:
            runs = [ln for p in pending for ln in parse_inline(p.strip())]
            stages.append(Stage([Node(runs, True, _mid_col(pending[0]))]))
        pending.clear()

    for ln in lines:
        if is_down_line(ln):
            flush()
            if stages:
                row = Row.of(0, ln)
                stages[-1].down_cols = [row.cols[i] for i, c in enumerate(ln) if c in "↓⬇⇓"]
            continue
        pending.append(ln)
    flush()
    return stages


def _mid_col(text: str) -> int:
    row = Row.of(0, text.rstrip())
    start = len(text) - len(text.lstrip())
    if start >= len(row.cols):
        return 0
    return (row.cols[start] + row.cols[-1]) // 2


def _chain(text: str) -> list[Node]:
    nodes = []
    row = Row.of(0, text)
    pos = 0
    for m in list(CHAIN.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        part = text[pos:end]
        stripped = part.strip()
        if stripped:
            lead = pos + len(part) - len(part.lstrip())
            a = row.cols[lead] if lead < len(row.cols) else 0
            b = row.cols[min(lead + len(stripped), len(row.cols)) - 1]
            boxed = stripped.startswith("[") and stripped.endswith("]")
            label = stripped[1:-1].strip() if boxed else stripped
            nodes.append(Node(parse_inline(label), boxed, (a + b) // 2))
        if m:
            pos = m.end()
    return nodes


@shrinks_to_width
@dataclass(eq=False)
class FlowBlock:
    stages: list[Stage]
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def _across(self, width: float, size_pt: float) -> bool:
        """A ↓ flow of single boxes turns sideways (→) when the boxes fit side by side."""
        if len(self.stages) < 2 or any(len(st.nodes) != 1 for st in self.stages):
            return False
        em = size_pt * theme.PT_MM
        n = len(self.stages)
        room = (width - (n - 1) * theme.FLOW_GAP_EM * em) / n - 2 * theme.FLOW_PAD_EM * em
        words = max(widest_word(r, size_pt) for st in self.stages for r in st.nodes[0].runs)
        longest = max(max(natural_width(r, size_pt) for r in st.nodes[0].runs) for st in self.stages)
        return room >= max(words, min(longest, theme.FLOW_ACROSS_EM * em / 2.0))

    def _rows(self, width: float, size_pt: float) -> list[Stage]:
        """The stages as drawn at this width: a ↓ flow of single boxes turned sideways when they fit
        so, and a chain too wide for the width at this size turned downwards, a node a row (rather
        than written smaller)."""
        if self._across(width, size_pt):
            return [Stage([st.nodes[0] for st in self.stages])]
        rows: list[Stage] = []
        for st in self.stages:
            if len(st.nodes) > 1 and _chain_width(st, size_pt) > width + 0.01:
                rows.extend(Stage([n]) for n in st.nodes[:-1])
                rows.append(Stage([st.nodes[-1]], st.down_cols))
            else:
                rows.append(st)
        return rows if len(rows) != len(self.stages) else self.stages

    @per_width
    def _layout(self, width: float, size_pt: float):
        em = size_pt * theme.PT_MM
        pad = theme.FLOW_PAD_EM * em
        rows = self._rows(width, size_pt)
        out = []
        for st in rows:
            n = len(st.nodes)
            room = (width - (n - 1) * theme.FLOW_GAP_EM * em) / max(1, n)
            sets = []
            for node in st.nodes:
                nat = max(natural_width(r, size_pt) for r in node.runs) if node.runs else 0.0
                w = min(nat, room - 2 * pad)
                lines: list[Line] = []
                for r in node.runs:
                    lines.extend(set_lines(r, max(1.0, w), size_pt))
                lw = max((ln.width for ln in lines), default=0.0)
                sets.append((lines, lw + 2 * pad, len(lines) * pitch(size_pt) + 2 * pad))
            out.append(sets)
        return (rows, out)

    def used_width(self, width: float, size_pt: float) -> float:
        """Width the flow's widest row takes (it is centred in ``width``)."""
        em = size_pt * theme.PT_MM
        _, lay = self._layout(width, size_pt)
        return min(width, max(sum(w for _, w, _ in sets) + (len(sets) - 1) * theme.FLOW_GAP_EM * em for sets in lay))

    def measure(self, width: float, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        _, lay = self._layout(width, size_pt)
        return sum(max(h for _, _, h in s) for s in lay) + (len(lay) - 1) * theme.FLOW_DOWN_EM * em + theme.BLOCK_INK_ROOM

    def min_width(self, size_pt: float) -> float:
        """The narrowest the flow can be drawn at this size: a chain goes downwards when it must."""
        return max(min(_chain_width(st, size_pt), max(_chain_width(Stage([n]), size_pt) for n in st.nodes))
                   for st in self.stages)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        em = size_pt * theme.PT_MM
        pad = theme.FLOW_PAD_EM * em
        rows, lay = self._layout(width, size_pt)
        out: list[Mark] = []
        cy = y + theme.BLOCK_INK_TOP
        boxes: list[list[tuple[float, float, float, float]]] = []
        for st, sets in zip(rows, lay):
            h = max(hh for _, _, hh in sets)
            total = sum(w for _, w, _ in sets) + (len(sets) - 1) * theme.FLOW_GAP_EM * em
            cx = x + max(0.0, (width - total) / 2)
            row = []
            for node, (lines, w, nh) in zip(st.nodes, sets):
                ny = cy + (h - nh) / 2
                if node.boxed or len(st.nodes) == 1 or rows is not self.stages:
                    out.append(StrokeMark(((cx, ny), (cx + w, ny), (cx + w, ny + nh), (cx, ny + nh)), ink.accent,
                                          theme.BOX_WIDTH_PT, closed=True, fill=ink.marker, fill_alpha=theme.FLOW_FILL_ALPHA))
                for k, ln in enumerate(lines):
                    out.extend(line_marks(ln, cx + (w - ln.width) / 2, ny + pad + k * pitch(size_pt), size_pt, ink))
                row.append((cx, ny, w, nh))
                cx += w + theme.FLOW_GAP_EM * em
            for a, b in zip(row, row[1:]):
                ym = cy + h / 2
                out.append(ArrowMark((a[0] + a[2] + theme.FLOW_ARROW_CLEAR_EM * em, ym), (b[0] - theme.FLOW_ARROW_CLEAR_EM * em, ym), ink.accent,
                                     theme.PEN_WIDTH_PT, theme.FLOW_ARROW_HEAD_EM * em))
            boxes.append(row)
            cy += h + theme.FLOW_DOWN_EM * em
        for k in range(len(rows) - 1):
            src, dst = boxes[k], boxes[k + 1]
            st, nxt = rows[k], rows[k + 1]
            cols = st.down_cols or [st.nodes[0].col]
            pairs = set()
            for c in cols:
                i = min(range(len(src)), key=lambda j: (not st.nodes[j].boxed, abs(st.nodes[j].col - c)))
                j = min(range(len(dst)), key=lambda j: (not nxt.nodes[j].boxed, abs(nxt.nodes[j].col - c)))
                pairs.add((i, j))
            for i, j in sorted(pairs):
                a, b = src[i], dst[j]
                out.append(ArrowMark((a[0] + a[2] / 2, a[1] + a[3] + theme.FLOW_DOWN_CLEAR_EM * em),
                                     (b[0] + b[2] / 2, b[1] - theme.FLOW_DOWN_CLEAR_EM * em),
                                     ink.accent, theme.PEN_WIDTH_PT, theme.FLOW_ARROW_HEAD_EM * em))
        return out

    def texts(self) -> list[str]:
        return [n.text() for st in self.stages for n in st.nodes]



def _chain_width(st: Stage, size_pt: float) -> float:
    """The least width a stage's chain takes side by side: each node as narrow as its widest word."""
    em = size_pt * theme.PT_MM
    words = sum(min(widest_word(r, size_pt), theme.FLOW_WORD_MAX) for n in st.nodes for r in n.runs[:1])
    return words + (len(st.nodes) - 1) * theme.FLOW_GAP_EM * em + 2 * theme.FLOW_PAD_EM * em * len(st.nodes)


def flow_span(lines: list[str], i: int) -> tuple[int | None, int]:
    """Line span of a flow around the ``↓`` at line i: consecutive non-blank lines."""
    a = i
    while a > 0 and lines[a - 1].strip() and not structural(lines[a - 1]):
        a -= 1
    b = i
    while b + 1 < len(lines) and lines[b + 1].strip() and not structural(lines[b + 1]):
        b += 1
    while b > i and not lines[b].strip():
        b -= 1
    stage_lines = [ln for ln in lines[a : b + 1] if not is_down_line(ln)]
    drawn = any(c in BOX_CHARS for ln in stage_lines for c in TREE.sub("", ln))
    if a == i or b == i or not stage_lines or len(stage_lines) > 12 or drawn:
        return None, i
    return a, b


def structural(line: str) -> bool:
    """Lines a flow never swallows: headings, tables, quotes, fences, bold lead-ins."""
    st = line.strip()
    return st.startswith(("#", "|", ">", "```", "**"))


def found_at(scan: Scan, i: int) -> Found | None:
    """A flow around the ``↓`` at line ``i``: its first lines were read as writing, and are taken back."""
    lines = scan.lines
    if not (is_down_line(lines[i]) and i > 0 and lines[i - 1].strip()):
        return None
    a, b = flow_span(lines, i)
    if a is None:
        return None

    def make() -> list[Block]:
        span = lines[a : b + 1]
        if any(LABELS.search(s) for s in span if not is_down_line(s)) or any(
            len(s.split()) > 1 for s in span if is_down_line(s)
        ):
            # words typed in columns with arrows under them: keep the author's picture
            ind = min(len(s) - len(s.lstrip()) for s in span if s.strip())
            return [DrawingBlock([s[ind:].rstrip() for s in span], scan.line0 + a)]
        return [FlowBlock(parse_flow(span), scan.line0 + a)]

    return Found(b, make, start=a)
