"""A region's markdown -> blocks, in reading order.

Box drawings (lines from ``┌`` to the ``└…┘`` under it, in any pen: heavy,
double, rounded or ASCII lines are read as light ones) and flows (stages
between ``↓`` lines) are found first, line by line; everything else is read
by markdown-it, and what is fenced is left to it whole (a fenced box drawing
is still a drawing).  Prompts are line-oriented, so every written line stays a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from .. import theme
from ..boxes import BOX_CHARS, normalize, opens_box
from ..errors import Notice
from ..limits import MAX_CODE_LINES, MAX_TABLE_ROWS
from ..sources.markdown import oversized, parse, text_arrows, too_much
from ..sources.requests import drop_requests, picture_kind
from .blocks.base import Block
from .blocks.beforeafter import BeforeAfterBlock, Panel
from .blocks.code import CodeBlock
from .blocks.costbars import COST_LINE, CostBarsBlock, cost_rows
from .blocks.flow import FlowBlock, is_down_line, parse_flow
from .blocks.frame import FrameBlock
from .blocks.quote import QuoteBlock
from .blocks.table import TableBlock
from .blocks.text_item import TextItem
from .diagrams.drawing import DrawingBlock
from .diagrams.graph import graph_from_chains
from .diagrams.mermaid import flatten, parse_mermaid
from .diagrams.mindmap import MindMapBlock, MindNode, tree_from_indented
from .text.inline import Run, is_markup, merge, parse_inline, undrawn

TREE = re.compile(r"^\s*(?:└─*|├─*|ㄴ)\s*")
BOXMARK = re.compile(r"^\s*(?:□|☐|\[ \])\s*")
CHECKED = re.compile(r"^\s*\[[xX]\]\s+")  # a task done: - [x]
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
DASH = re.compile(r"^\s*[-*•·]\s+")
GLYPHS = "✓✅✔☑❌⛔✗✘⚠🚫"
LABELS = re.compile(r"\S {3,}\S")  # captions typed in columns above a drawing
ATTRIB = re.compile(r"^\s*[-–—]{1,2}\s*(\S.*)$")


SKETCH_LINE = re.compile(r"[│┃║╱╲‾]|[─━═]{4,}")  # an axis, a slope, an overline or a long rule


def _sketch_end(lines: list[str], i: int) -> int | None:
    """The last line of a sketch starting at line ``i``: two or more lines in a row, each drawing with
    line characters (a tree item's short └─ is not one); None when none starts there."""
    end = i
    while end < len(lines) and lines[end].strip() and SKETCH_LINE.search(lines[end]):
        end += 1
    return end - 1 if end - i >= 2 else None


def parse_blocks(markdown: str, line0: int, emphasis: tuple[str, ...] = (),
                 notices: list[Notice] | None = None, file: str = "") -> list[Block]:
    """Blocks of a region's markdown whose first line is ``line0`` of ``file``; warnings
    (an unsupported mermaid construct) go to ``notices``."""
    lines = drop_requests(markdown.split("\n"))  # what the prompt asks for, not what it says
    big = oversized(lines)  # refused before a box-drawing or markdown reader spends seconds on it
    if big is not None:
        raise too_much(file, line0 + big[0], big[1], big[3], lines[big[0]])
    drawn = normalize(lines)  # every box drawing in light lines, whatever pen drew it
    ctx = _Ctx(emphasis, notices if notices is not None else [], file)
    blocks: list[Block] = []
    buf: list[str] = []
    buf_start = 0

    def flush_md(upto: int) -> None:
        nonlocal buf
        if any(s.strip() for s in buf):
            blocks.extend(_markdown_blocks(_written_arrows(buf), line0 + buf_start, ctx))
        buf = []

    i = 0
    while i < len(lines):
        ln = lines[i]
        fence = _fence_end(lines, i)
        if fence is not None:
            inner = [s for s in drawn[i + 1 : fence] if s.strip()]
            info = lines[i].strip().strip("`~").strip().lower()
            typed = info != "mermaid" and any(ch in BOX_CHARS for s in inner for ch in s)
            if inner and (opens_box(inner[0].strip()) or typed):
                # a drawing typed inside a fence: the drawing, without the fence
                flush_md(i)
                body = [s for s in drawn[i + 1 : fence]]
                while body and not body[-1].strip():
                    body.pop()
                first = next(k for k, s in enumerate(body) if s.strip())
                body = body[first:]
                indent = min(len(s) - len(s.lstrip()) for s in body if s.strip())
                body = [s[indent:].rstrip() for s in body]
                if opens_box(body[0].strip()):
                    blocks.append(_drawing_or_frame(body, line0 + i + 1 + first, ctx))
                else:  # a picture typed with line characters (a tree, a trace, axes): drawn, never typed
                    blocks.append(DrawingBlock(body, line0 + i + 1 + first))
            else:
                # anything else fenced is read by markdown as it stands: no drawing or flow is looked for in it
                if not buf:
                    buf_start = i
                buf.extend(lines[i : fence + 1])
            i = fence + 1
            if not buf:
                buf_start = i
            continue
        if opens_box(drawn[i].strip()):
            end = _drawing_end(drawn, i)
            start = i
            while buf and LABELS.search(buf[-1]) and start > 0:
                buf.pop()
                start -= 1
            flush_md(start)
            body = drawn[start : end + 1]
            indent = min(len(s) - len(s.lstrip()) for s in body if s.strip())
            blocks.append(_drawing_or_frame([s[indent:].rstrip() for s in body], line0 + start, ctx))
            i = end + 1
            buf_start = i
            continue
        sketch_end = _sketch_end(drawn, i)
        if sketch_end is not None:
            # a chart typed with line characters but no closed box (axes, slopes): kept as the author
            # aligned it, in the monospace face, never as loose line characters among words
            flush_md(i)
            body = [s.rstrip() for s in drawn[i : sketch_end + 1]]
            indent = min(len(s) - len(s.lstrip()) for s in body if s.strip())
            blocks.append(DrawingBlock([s[indent:] for s in body], line0 + i))
            i = sketch_end + 1
            buf_start = i
            continue
        picture = _instruction_picture(lines, i, line0) or _root_tree(lines, i, line0)
        if picture is not None:
            block, end = picture
            flush_md(i)
            blocks.append(block)
            i = end + 1
            buf_start = i
            continue
        pair = _before_after(lines, i, line0, ctx)
        if pair is not None:
            block, end = pair
            if not buf:
                buf_start = i
            buf.append(ln)  # the "A vs B:" lead-in stays a line above the picture
            flush_md(i + 1)
            blocks.append(block)
            i = end + 1
            buf_start = i
            continue
        if COST_LINE.match(ln) and not buf_cost(buf):
            end = i
            while end + 1 < len(lines) and COST_LINE.match(lines[end + 1]):
                end += 1
            rows = cost_rows(lines[i : end + 1])
            # a chart compares amounts of one thing: the whole list, never a few items of a longer one
            if rows and not (i > 0 and LIST_ITEM.match(lines[i - 1])) and not (
                    end + 1 < len(lines) and LIST_ITEM.match(lines[end + 1])):
                flush_md(i)
                blocks.append(CostBarsBlock(rows, line0 + i))
                i = end + 1
                buf_start = i
                continue
        if is_down_line(ln) and i > 0 and lines[i - 1].strip():
            a, b = _flow_span(lines, i)
            if a is not None:
                # the flow's first lines are already in buf: take them back
                keep = len(buf) - (i - a)
                buf = buf[:keep]
                flush_md(a)
                span = lines[a : b + 1]
                if any(LABELS.search(s) for s in span if not is_down_line(s)) or any(
                    len(s.split()) > 1 for s in span if is_down_line(s)
                ):
                    # words typed in columns with arrows under them: keep the author's picture
                    ind = min(len(s) - len(s.lstrip()) for s in span if s.strip())
                    blocks.append(DrawingBlock([s[ind:].rstrip() for s in span], line0 + a))
                else:
                    blocks.append(FlowBlock(parse_flow(span), line0 + a))
                i = b + 1
                buf_start = i
                continue
        if not buf:
            buf_start = i
        buf.append(ln)
        i += 1
    flush_md(len(lines))
    _keep_leads(blocks)
    return blocks


def _written_arrows(buf: list[str]) -> list[str]:
    """Lines of writing (not fenced code) with arrows typed in line characters read as arrows."""
    out, fence = [], False
    for s in buf:
        if FENCE.match(s):
            fence = not fence
        out.append(s if fence else text_arrows(s))
    return out


FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def _fence_end(lines: list[str], i: int) -> int | None:
    """Index of the line closing the fence opened at line ``i`` (the last line if never closed), or None."""
    m = FENCE.match(lines[i])
    if not m:
        return None
    mark = m.group(1)
    for j in range(i + 1, len(lines)):
        st = lines[j].strip()
        if st.startswith(mark[0] * len(mark)) and not st.strip(mark[0]):
            return j
    return len(lines) - 1


@dataclass
class _Ctx:
    emphasis: tuple[str, ...]
    notices: list[Notice]
    file: str


def _within(count: int, limit: int, what: str, line: int, ctx: _Ctx) -> None:
    """An InputError at ``line`` when a block holds more than ``limit``: far more than a page holds
    at its smallest writing, so it is refused before any of it is measured."""
    if count > limit:
        raise too_much(ctx.file, line, what, limit)


def buf_cost(buf: list[str]) -> bool:
    return bool(buf) and bool(COST_LINE.match(buf[-1]))


def _instruction_picture(lines: list[str], i: int, line0: int) -> tuple[Block, int] | None:
    """``- Create a Mermaid mindmap:`` with the tree under it: the picture it asks for."""
    kind = picture_kind(lines[i])
    if not kind:
        return None
    indent = len(lines[i]) - len(lines[i].lstrip())
    end = i
    while end + 1 < len(lines) and lines[end + 1].strip() and len(lines[end + 1]) - len(lines[end + 1].lstrip()) > indent:
        end += 1
    sub = lines[i + 1 : end + 1]
    if not sub:
        return None
    if kind == "mindmap":
        root = mindmap_from_spec(sub)
        return (MindMapBlock(flatten(root), line0 + i), end) if root else None
    chains = [CHAIN_SPLIT.split(_strip_item(s)) for s in sub]
    return graph_from_chains([c for c in chains if any(x.strip() for x in c)], line0 + i), end


CONSOLE = re.compile(r"^\s*(?:>>>|\.\.\.|\$|In \[\d*\]:)\s")  # a prompt's line: >>> x, $ cmd, In [1]: x
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+\S")
ROOT_LINE = re.compile(r"^\s*(?:[-*+]\s+)?root\s*:", re.I)
LEVEL_LINE = re.compile(r"^\s*(?:[-*+]\s+)?level\s*\d+\s*:", re.I)


def _root_tree(lines: list[str], i: int, line0: int) -> tuple[Block, int] | None:
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


def _strip_item(s: str) -> str:
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
    items = [_strip_item(s) for s in sub]
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


VERSUS = re.compile(r"^\s*\*\*[^*]*\bvs\.?\b[^*]*\*\*\s*:?\s*$", re.I)
GROUP_LABEL = re.compile(r"^\S.*:\s*$")


def _before_after(lines: list[str], i: int, line0: int, ctx: _Ctx) -> tuple[Block, int] | None:
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
        panels.append(Panel(label, parse_blocks(md, line0 + start + 1, ctx.emphasis, ctx.notices, ctx.file)))
    end = groups[1][2] + len(groups[1][1])
    return BeforeAfterBlock(panels[0], panels[1], line0 + i), end


def _drawing_or_frame(body: list[str], line: int, ctx: _Ctx) -> Block:
    """One box holding only text lines is a framed panel; anything richer is a drawing."""
    inner = _single_box_lines(body)
    if inner is None:
        return DrawingBlock(body, line)
    title = ""
    rule = next((k for k, s in enumerate(inner) if s.strip()[:1] == "├"), -1)
    if rule >= 0:
        head = [s.strip() for s in inner[:rule] if s.strip()]
        if len(head) <= 2 and not any(c in BOX_CHARS for h in head for c in h):
            title = " ".join(head)
            inner = inner[rule + 1 :]
        else:
            return DrawingBlock(body, line)
    if any(c in BOX_CHARS for s in inner for c in TREE.sub("", s).strip()):
        return DrawingBlock(body, line)
    text = [s.rstrip() for s in inner]
    ind = min((len(s) - len(s.lstrip()) for s in text if s.strip()), default=0)
    md = "\n".join(s[ind:] for s in text)
    if any(CONSOLE.match(s) for s in md.split("\n")):  # a session at a prompt: its lines as typed
        return FrameBlock(title, [CodeBlock(md.strip("\n"), line + 1, "console")], line)
    return FrameBlock(title, parse_blocks(md, line + 1, ctx.emphasis, ctx.notices, ctx.file), line)


def _single_box_lines(body: list[str]) -> list[str] | None:
    """The lines inside the one box of a drawing (borders cut off), or None for anything else."""
    from ..boxes import Row

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


def _drawing_end(lines: list[str], i: int) -> int:
    """Last line of the drawing that starts at line i: box lines, with arrow or caption lines
    between them (a ``↓`` between two boxes belongs to the drawing)."""
    last = i
    gap = 0
    for j in range(i + 1, len(lines)):
        st = lines[j].strip()
        if any(c in BOX_CHARS for c in TREE.sub("", st)) and st[:1] in BOX_CHARS:
            last = j
            gap = 0
            continue
        if st and (is_down_line(lines[j]) or LABELS.search(lines[j])) and not _structural(lines[j]):
            last = j
            gap = 0
            continue
        if st and _structural(lines[j]):
            break
        gap += 1
        if gap > 2:
            break
    return last


def _flow_span(lines: list[str], i: int) -> tuple[int | None, int]:
    """Line span of a flow around the ``↓`` at line i: consecutive non-blank lines."""
    a = i
    while a > 0 and lines[a - 1].strip() and not _structural(lines[a - 1]):
        a -= 1
    b = i
    while b + 1 < len(lines) and lines[b + 1].strip() and not _structural(lines[b + 1]):
        b += 1
    while b > i and not lines[b].strip():
        b -= 1
    stage_lines = [ln for ln in lines[a : b + 1] if not is_down_line(ln)]
    drawn = any(c in BOX_CHARS for ln in stage_lines for c in TREE.sub("", ln))
    if a == i or b == i or not stage_lines or len(stage_lines) > 12 or drawn:
        return None, i
    return a, b


def _structural(line: str) -> bool:
    """Lines a flow never swallows: headings, tables, quotes, fences, bold lead-ins."""
    st = line.strip()
    return st.startswith(("#", "|", ">", "```", "**"))


# --- markdown ---------------------------------------------------------------------------


_CELL_GUARD = re.compile(r"`[^`]*`|<\|[A-Za-z0-9_]+\|>")


def _guard_cell_pipes(line: str) -> str:
    """A table row with its pipes inside code spans and special tokens (``<|im_start|>``) escaped:
    they are part of the cell, not a border between cells."""
    if not line.lstrip().startswith("|") or line.count("|") < 3:
        return line
    return _CELL_GUARD.sub(lambda m: re.sub(r"(?<!\\)\|", r"\\|", m.group(0)), line)


def _markdown_blocks(lines: list[str], line0: int, ctx: _Ctx) -> list[Block]:
    emphasis = ctx.emphasis
    lines = [_guard_cell_pipes(s) for s in lines]
    tokens = parse("\n".join(lines))
    _warn_undrawn(tokens, line0, ctx)
    out: list[Block] = []
    i = 0
    list_stack: list[list] = []  # [kind, counter, bullet]
    while i < len(tokens):
        t = tokens[i]
        ln = line0 + (t.map[0] if t.map else 0)
        if t.type == "heading_open":
            runs = _unmarked(_one_line(tokens[i + 1].content, emphasis))
            out.append(TextItem(runs, ln, marker="heading", keep_with_next=True))
            i += 3
            continue
        if t.type in ("bullet_list_open", "ordered_list_open"):
            start = int(t.attrGet("start") or 1) if t.type == "ordered_list_open" else 0
            list_stack.append(["ol" if start else "ul", start, t.markup])
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif t.type == "list_item_open":
            kind = list_stack[-1]
            level = len(list_stack) - 1
            if kind[0] == "ol":
                glyph = [Run(f"{kind[1]}.", "plain")]
                kind[1] += 1
            else:
                glyph = [Run("•", "plain")]
            i += 1
            if kind[2] == "+" and i < len(tokens) and tokens[i].type == "paragraph_open":
                # "+ more" continues the line above (an addition to it), never a bullet of its own
                src = _src_lines(lines, tokens[i])
                items = _line_items(tokens[i + 1].content, src, line0 + tokens[i].map[0], emphasis, level)
                prev = out[-1] if out and isinstance(out[-1], TextItem) else None
                for k, it in enumerate(items):
                    if k == 0:
                        it.runs = merge([Run("+ "), *it.runs])
                    if prev is not None and prev.marker == "glyph":
                        it.level = prev.level + 1
                if prev is not None and items:
                    prev.keep_with_next = True
                out.extend(items)
                i += 3
                continue
            # the item's first paragraph: first line takes the marker, the rest hang under it
            if i < len(tokens) and tokens[i].type == "paragraph_open":
                src = _src_lines(lines, tokens[i])
                items = _line_items(tokens[i + 1].content, src, line0 + tokens[i].map[0], emphasis, level + 1)
                if items:
                    first = items[0]
                    if first.marker in ("", "lead"):
                        first.marker, first.glyph, first.level = "glyph", glyph, level
                    for it in items[1:]:
                        if it.marker == "tree":
                            it.level = first.level + 1
                    out.extend(items)
                i += 3
            else:
                out.append(TextItem([], ln, level, "glyph", glyph))
            continue
        elif t.type == "paragraph_open":
            level = len(list_stack)
            src = _src_lines(lines, t)
            content = tokens[i + 1].content
            table = _loose_table(src)
            if table is None:
                out.extend(_line_items(content, src, ln, emphasis, level))
            else:
                a, b = table
                parts = content.split("\n")
                if a:
                    out.extend(_line_items("\n".join(parts[:a]), src[:a], ln, emphasis, level))
                _within(b - a - 1, MAX_TABLE_ROWS, "table", ln + a, ctx)
                out.append(_pipe_table(src[a:b], ln + a, emphasis))
                if b < len(src):
                    out.extend(_line_items("\n".join(parts[b:]), src[b:], ln + b, emphasis, level))
            i += 3
            continue
        elif t.type == "blockquote_open":
            j = i
            depth = 0
            texts: list[str] = []
            while j < len(tokens):
                if tokens[j].type == "blockquote_open":
                    depth += 1
                elif tokens[j].type == "blockquote_close":
                    depth -= 1
                    if depth == 0:
                        break
                elif tokens[j].type == "inline":
                    in_list = any(tk.type == "list_item_open" for tk in tokens[i:j]) and not any(
                        tk.type == "list_item_close" for tk in tokens[i:j])
                    texts.append(("- " if in_list else "") + tokens[j].content)
                j += 1
            quote = _quote(texts, ln, emphasis)
            i = j + 1
            by = _attribution(tokens, i, t.map[1] if t.map else -1)
            if by is not None and not quote.author:
                quote.author, i = by
            out.append(quote)
            continue
        elif t.type == "table_open":
            rows_at = [tk for tk in tokens[i:] if tk.type in ("tr_open", "table_close")]
            head_and_rows = next(k for k, tk in enumerate(rows_at) if tk.type == "table_close")
            _within(head_and_rows - 1, MAX_TABLE_ROWS, "table", ln, ctx)
            j, header, rows = _table(tokens, i, emphasis)
            out.append(TableBlock(header, rows, ln))
            i = j + 1
            continue
        elif t.type in ("fence", "code_block") and t.content.count("\n") > MAX_CODE_LINES:
            _within(t.content.count("\n"), MAX_CODE_LINES, "code block", ln, ctx)
        elif t.type == "fence" and (t.info or "").strip().lower() == "mermaid":
            res = parse_mermaid(t.content, ln)
            for off, msg in res.warnings:
                ctx.notices.append(Notice(ctx.file, ln + 1 + off, 1, msg))
            out.append(res.block)
        elif t.type in ("fence", "code_block"):
            out.append(CodeBlock(t.content, ln, (t.info or "").strip()))
        elif t.type == "html_block":  # the markup is never drawn (a warning names it); its words are
            for k, s in enumerate(t.content.splitlines()):
                words = HTML_TAG.sub(lambda m: " " if is_markup(m.group(0)) else m.group(0), s).strip()
                if words:
                    out.append(TextItem(parse_inline(words, emphasis)[0], ln + k))
        i += 1
    _keep_leads(out)
    return out


TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _warn_undrawn(tokens: list[Token], line0: int, ctx: _Ctx) -> None:
    """A warning for each piece of markdown that is not drawn: raw HTML (tags, comments), images."""
    for t in tokens:
        ln = line0 + (t.map[0] if t.map else 0) + 1
        if t.type == "inline":
            for what in undrawn(t.content):
                kind = "an image" if what.startswith("![") else "raw HTML"
                ctx.notices.append(Notice(ctx.file, ln, 1, f"{kind} {what!r} is not drawn"
                                          + (": its alt text is written" if kind == "an image" else "")))
        elif t.type == "html_block":
            for what in HTML_TAG.findall(t.content):
                if is_markup(what):
                    ctx.notices.append(Notice(ctx.file, ln, 1, f"raw HTML {what.strip()!r} is not drawn"))


def _attribution(tokens: list[Token], i: int, quote_end: int) -> tuple[str, int] | None:
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


def _loose_table(src: list[str]) -> tuple[int, int] | None:
    """Lines [a, b) of a paragraph that are a table markdown would not take (its rows and header
    differ in cells): pipe rows around a ``|---|---|`` rule."""
    rule = next((k for k, s in enumerate(src) if "|" in s and TABLE_RULE.match(s)), -1)
    if rule < 0:
        return None
    a = rule
    while a > 0 and "|" in src[a - 1]:
        a -= 1
    b = rule + 1
    while b < len(src) and "|" in src[b]:
        b += 1
    return (a, b) if b - a >= 2 else None


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") and not s.endswith("\\|") else s
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


def _pipe_table(src: list[str], line: int, emphasis: tuple[str, ...]) -> TableBlock:
    rows = [[_one_line(c, emphasis) for c in _cells(s)] for s in src if not TABLE_RULE.match(s)]
    has_head = len(src) > 1 and bool(TABLE_RULE.match(src[1]))
    header = rows[0] if has_head and rows else []
    return TableBlock(header, rows[1:] if has_head else rows, line)


def _src_lines(lines: list[str], tok: Token) -> list[str]:
    a, b = tok.map if tok.map else (0, 0)
    return lines[a:b]


def _one_line(text: str, emphasis: tuple[str, ...]) -> list[Run]:
    out: list[Run] = []
    for k, line in enumerate(parse_inline(text, emphasis)):
        if k:
            out.append(Run(" "))
        out.extend(line)
    return merge(out)


def _unmarked(runs: list[Run]) -> list[Run]:
    return [r if r.chip else Run(r.text, "plain", r.color) for r in runs]


def _line_items(content: str, src: list[str], line0: int, emphasis: tuple[str, ...], base_level: int) -> list[TextItem]:
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
            runs = _unmarked(runs)
        if marker == "tree" and out:
            level = out[-1].level + (1 if out[-1].marker != "tree" else 0)
        out.append(TextItem(runs, line0 + k, level, marker, glyph))
    return out


def _keep_leads(blocks: list[Block]) -> None:
    for b, nxt in zip(blocks, blocks[1:]):
        if isinstance(b, TextItem) and isinstance(nxt, TextItem) and b.marker != "heading" and nxt.marker not in ("lead", "heading"):
            nxt.tight = True
        if isinstance(b, TextItem) and b.marker in ("lead", "heading"):
            b.keep_with_next = True
        if isinstance(nxt, TextItem) and nxt.marker == "tree":
            b.keep_with_next = True


def _quote(texts: list[str], line: int, emphasis: tuple[str, ...]) -> QuoteBlock:
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


def _table(tokens: list[Token], i: int, emphasis: tuple[str, ...]) -> tuple[int, list[list[Run]], list[list[list[Run]]]]:
    header: list[list[Run]] = []
    rows: list[list[list[Run]]] = []
    cur: list[list[Run]] | None = None
    in_head = False
    j = i
    while j < len(tokens) and tokens[j].type != "table_close":
        t = tokens[j]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            cur = []
        elif t.type == "inline" and cur is not None:
            cur.append(_one_line(t.content, emphasis))
        elif t.type == "tr_close" and cur is not None:
            if in_head:
                header = cur
            else:
                rows.append(cur)
            cur = None
        j += 1
    return j, header, rows
