"""A mind map: the root in the centre, branches on curved lines in accent inks on both
sides, leaves as short text beside their branch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import theme
from ..blocks.base import Block, per_width, shrinks_to_width
from ..blocks.found import Found, Scan, taken
from ..ink import Ink
from ..marks import Mark, StrokeMark
from ..shapes import NodeBox, node_marks
from ..text.inline import Run, parse_inline, plain_text
from ..text.linebreak import natural_width, set_lines, widest_word
from ..text.setting import line_marks, pitch


@dataclass
class MindNode:
    label: str
    children: list[MindNode] = field(default_factory=list)

    def runs(self) -> list[Run]:
        return [r for ln in parse_inline(self.label) for r in ln]


def _curve(a: tuple[float, float], b: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    """A soft S-curve from a to b (cubic Bézier with horizontal tangents)."""
    mx = (a[0] + b[0]) / 2
    p0, p1, p2, p3 = a, (mx, a[1]), (mx, b[1]), b
    step = 1.0 / (theme.MIND_CURVE_POINTS - 1)
    out = []
    for i in range(theme.MIND_CURVE_POINTS):
        t = 1.0 if i == theme.MIND_CURVE_POINTS - 1 else i * step
        u = 1 - t
        w0, w1, w2, w3 = u ** 3, 3 * (u * u) * t, 3 * u * (t * t), t ** 3
        out.append(tuple(w0 * p0[k] + w1 * p1[k] + w2 * p2[k] + w3 * p3[k] for k in (0, 1)))
    return tuple(out)


@shrinks_to_width
@dataclass(eq=False)
class MindMapBlock:
    root: MindNode
    line: int
    keep_with_next: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    def _sides(self) -> tuple[list[MindNode], list[MindNode]]:
        kids = self.root.children
        half = (len(kids) + 1) // 2
        return kids[:half], kids[half:]  # right side first (reading order), then left

    def _cols(self, width: float, size_pt: float) -> tuple[float, float, float]:
        """Widths of: a branch label column, a leaf column, the root."""
        em = size_pt * theme.PT_MM
        kids = self.root.children
        branch = max((natural_width(k.runs(), size_pt) for k in kids), default=0.0) + 2 * theme.MIND_PAD_EM * em
        leaf = max((natural_width(g.runs(), size_pt) for k in kids for g in k.children), default=0.0)
        root = natural_width(self.root.runs(), size_pt) + 2 * theme.MIND_PAD_EM * em
        fixed = 2 * theme.MIND_GAP_EM * em + (2 * theme.MIND_LEAF_GAP_EM * em if leaf else 0.0)
        root = min(root, max(width * theme.MIND_ROOT_SHARE, widest_word(self.root.runs(), size_pt) + 2 * theme.MIND_PAD_EM * em))
        spare = width - fixed - root
        want = 2 * branch + 2 * leaf
        if want > spare and want > 0:
            # never narrower than the longest word of a branch label
            min_b = max((widest_word(k.runs(), size_pt) for k in kids), default=0.0) + 2 * theme.MIND_PAD_EM * em
            branch = max(min_b, branch * spare / want)
            leaf = max(0.0, (spare - 2 * branch) / 2) if leaf else 0.0
        return max(branch, 1.0), max(leaf, 0.0), root

    @per_width
    def _layout(self, width: float, size_pt: float):
        em = size_pt * theme.PT_MM
        pad = theme.MIND_PAD_EM * em
        bw, lw, rw = self._cols(width, size_pt)
        sides = []
        for side in self._sides():
            items = []
            for k in side:
                bl = set_lines(k.runs(), max(1.0, bw - 2 * pad), size_pt)
                leaves = [set_lines(g.runs(), max(1.0, lw), size_pt) for g in k.children]
                lh = sum(len(x) for x in leaves) * pitch(size_pt)
                bh = len(bl) * pitch(size_pt) + 2 * pad
                items.append((k, bl, leaves, max(bh, lh)))
            sides.append(items)
        heights = [sum(h for *_, h in items) + theme.MIND_BRANCH_SEP_EM * em * max(0, len(items) - 1) for items in sides]
        rl = set_lines(self.root.runs(), max(1.0, rw - 2 * pad), size_pt)
        root_h = len(rl) * pitch(size_pt) + 2 * pad
        total = max(heights + [root_h])
        return (bw, lw, rw, sides, heights, rl, root_h, total)

    def measure(self, width: float, size_pt: float) -> float:
        return self._layout(width, size_pt)[-1] + theme.MIND_ROOM

    def min_width(self, size_pt: float) -> float:
        em = size_pt * theme.PT_MM
        kids = self.root.children
        branch = max((widest_word(k.runs(), size_pt) for k in kids), default=0.0) + 2 * theme.MIND_PAD_EM * em
        leaf = max((widest_word(g.runs(), size_pt) for k in kids for g in k.children), default=0.0)
        root = widest_word(self.root.runs(), size_pt) + 2 * theme.MIND_PAD_EM * em
        return root + 2 * (branch + max(leaf, theme.MIND_LEAF_MIN_EM * em if leaf else 0.0) + (theme.MIND_GAP_EM + theme.MIND_LEAF_GAP_EM) * em)

    def place(self, x: float, y: float, width: float, size_pt: float, ink: Ink) -> list[Mark]:
        bw, lw, rw, sides, heights, rl, root_h, total = self._layout(width, size_pt)
        em = size_pt * theme.PT_MM
        pad = theme.MIND_PAD_EM * em
        y += theme.MIND_TOP
        used = rw + 2 * (bw + theme.MIND_GAP_EM * em + (theme.MIND_LEAF_GAP_EM * em + lw if lw else 0.0))
        x0 = x + max(0.0, (width - used) / 2)
        cx = x0 + used / 2
        root = NodeBox(cx - rw / 2, y + (total - root_h) / 2, rw, root_h, "round")
        out: list[Mark] = node_marks(root, ink.pen, theme.MIND_ROOT_FILL, theme.MIND_ROOT_FILL_ALPHA)
        for k, ln in enumerate(rl):
            out.extend(line_marks(ln, root.x + (rw - ln.width) / 2, root.y + pad + k * pitch(size_pt), size_pt, ink))
        n = 0
        for side_k, items in enumerate(sides):
            sign = 1 if side_k == 0 else -1
            cy = y + (total - heights[side_k]) / 2
            for _node, bl, leaves, h in items:
                accent = theme.ACCENTS[n % len(theme.ACCENTS)]
                marker = theme.MARKERS[n % len(theme.MARKERS)]
                n += 1
                bh = len(bl) * pitch(size_pt) + 2 * pad
                by = cy + (h - bh) / 2
                bx = cx + sign * (rw / 2 + theme.MIND_GAP_EM * em) - (0 if sign > 0 else bw)
                box = NodeBox(bx, by, bw, bh, "round")
                start = root.anchor("E" if sign > 0 else "W")
                end = box.anchor("W" if sign > 0 else "E")
                out.append(StrokeMark(_curve(start, end), accent, theme.PEN_WIDTH_PT * theme.MIND_BRANCH_WIDTH,
                                      wobble=theme.MIND_BRANCH_WOBBLE))
                out.extend(node_marks(box, accent, marker, theme.MIND_BRANCH_FILL_ALPHA))
                for j, ln in enumerate(bl):
                    out.extend(line_marks(ln, bx + (bw - ln.width) / 2, by + pad + j * pitch(size_pt), size_pt,
                                          Ink(accent, marker)))
                if leaves:
                    lh = sum(len(v) for v in leaves) * pitch(size_pt)
                    ly = cy + (h - lh) / 2
                    stem = box.anchor("E" if sign > 0 else "W")
                    for lines in leaves:
                        lx = stem[0] + sign * theme.MIND_LEAF_GAP_EM * em
                        mid = ly + pitch(size_pt) * theme.MIND_LEAF_MID
                        out.append(StrokeMark(_curve(stem, (lx - sign * theme.MIND_LEAF_CLEAR_EM * em, mid)), accent,
                                              theme.THIN_WIDTH_PT, wobble=theme.MIND_LEAF_WOBBLE))
                        for ln in lines:
                            tx = lx if sign > 0 else lx - ln.width
                            out.extend(line_marks(ln, tx, ly, size_pt, Ink(accent, marker)))
                            ly += pitch(size_pt)
                cy += h + theme.MIND_BRANCH_SEP_EM * em
        return out

    def texts(self) -> list[str]:
        out = [plain_text(self.root.runs())]
        for k in self.root.children:
            out.append(plain_text(k.runs()))
            out.extend(plain_text(g.runs()) for g in k.children)
        return out


def tree_from_indented(lines: list[str]) -> MindNode | None:
    """An indented list (``- a`` / ``  - b``) as a tree; the first top item is the root."""
    items: list[tuple[int, str]] = []
    for ln in lines:
        if not ln.strip():
            continue
        indent = len(ln) - len(ln.lstrip())
        text = ln.strip()
        for m in ("- ", "* ", "+ ", "• "):
            if text.startswith(m):
                text = text[len(m):]
                break
        items.append((indent, text))
    return tree_of(items) if items else None


def tree_of(items: list[tuple[int, str]]) -> MindNode:
    """(indent, label) lines as a tree: each line hangs under the nearest less-indented one."""
    root = MindNode(items[0][1])
    stack: list[tuple[int, MindNode]] = [(items[0][0], root)]
    for indent, text in items[1:]:
        node = MindNode(text)
        while len(stack) > 1 and stack[-1][0] >= indent:
            stack.pop()
        stack[-1][1].children.append(node)
        stack.append((indent, node))
    return root


ROOT_LINE = re.compile(r"^\s*(?:[-*+]\s+)?root\s*:", re.I)


LEVEL_LINE = re.compile(r"^\s*(?:[-*+]\s+)?level\s*\d+\s*:", re.I)


def root_tree(lines: list[str], i: int, line0: int) -> tuple[Block, int] | None:
    """A mind map written as its spec with no request above it: ``- Root: "X"`` and the ``- Level 1: …``
    lines (and what is indented under them) after it."""
    if not ROOT_LINE.match(lines[i]):
        return None
    indent = len(lines[i]) - len(lines[i].lstrip())
    end = i
    while end + 1 < len(lines) and lines[end + 1].strip() and (
            LEVEL_LINE.match(lines[end + 1]) or len(lines[end + 1]) - len(lines[end + 1].lstrip()) > indent):
        end += 1
    if end == i:
        return None
    root = mindmap_from_spec(lines[i : end + 1])
    return (MindMapBlock(flatten(root), line0 + i), end) if root else None


CHAIN_SPLIT = re.compile(r"\s*(?:→|->|⇒|⟶)\s*")


_QUOTED_LABEL = re.compile(r"[\"“]([^\"”]+)[\"”]")


def strip_item(s: str) -> str:
    t = s.strip()
    for mk in ("- ", "* ", "+ ", "• "):
        if t.startswith(mk):
            return t[len(mk) :]
    return t


def _labels(text: str) -> list[str]:
    found = _QUOTED_LABEL.findall(text)
    return [f.strip() for f in found] if found else [x.strip() for x in text.split(",") if x.strip()]


def mindmap_from_spec(sub: list[str]) -> MindNode | None:
    """``Root: "X"`` / ``Level 1: "a", "b"`` / ``Level 2:`` + ``a → "x", "y"``, or any indented tree."""
    items = [strip_item(s) for s in sub]
    root_label = next((x.split(":", 1)[1] for x in items if re.match(r"(?i)^root\s*:", x)), None)
    if root_label is None:
        return tree_from_indented(sub)
    root = MindNode(_labels(root_label)[0] if _labels(root_label) else root_label.strip())
    branches: dict[str, MindNode] = {}
    for x in items:
        lv = re.match(r"(?i)^level\s*1\s*:(.*)$", x)
        if lv:
            for lab in _labels(lv.group(1)):
                branches.setdefault(lab.lower(), MindNode(lab))
    for x in items:
        # "Level 2: Byte → …" names its parent on its own line, as "Byte → …" under "Level 2:" does
        x = re.sub(r"(?i)^level\s*[2-9]\s*:\s*", "", x)
        parts = CHAIN_SPLIT.split(x, maxsplit=1)
        if len(parts) == 2 and not re.match(r"(?i)^(root|level)", x):
            parent = parts[0].strip().strip('"“”')
            node = branches.setdefault(parent.lower(), MindNode(parent))
            node.children.extend(MindNode(lab) for lab in _labels(parts[1]))
    root.children = list(branches.values())
    return root


def flatten(root: MindNode) -> MindNode:
    """Keep two levels under the root; deeper nodes join their level-2 ancestor's text."""

    def words(n: MindNode) -> str:
        """``label: child, child: grandchild, ...``, walked without recursion (a map may be hundreds deep)."""
        said: dict[int, str] = {}
        todo: list[tuple[MindNode, bool]] = [(n, False)]
        while todo:
            node, ready = todo.pop()
            if node.children and not ready:
                todo.append((node, True))
                todo.extend((c, False) for c in node.children)
            else:
                said[id(node)] = (node.label + ": " + ", ".join(said[id(c)] for c in node.children)
                                  if node.children else node.label)
        return said[id(n)]

    return MindNode(root.label, [MindNode(b.label, [MindNode(words(c)) for c in b.children]) for b in root.children])


def spec_at(scan: Scan, i: int) -> Found | None:
    """A mind map written as its spec with no request above it (``- Root: "X"``, ``- Level 1: …``)."""
    return taken(root_tree(scan.lines, i, scan.line0))
