"""A region's markdown -> blocks, in reading order: a registry that asks each kind in turn.

Prompts are line-oriented, so every written line stays a line.  At each line the kinds of ``KINDS`` are
asked in order (box drawings in any pen, typed sketches, requested pictures, before / after, cost bars,
flows between ``↓`` lines); each kind's recogniser lives in its own module, beside its measure and place.
Lines no kind takes are read by markdown-it, and what is fenced is left to it whole (a fenced box drawing
is still a drawing): paragraphs and list items, headings, quotes, tables, code and mermaid fences.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.token import Token

from ..boxes import normalize
from ..errors import Notice
from ..limits import MAX_CODE_LINES, MAX_TABLE_ROWS
from ..sources.markdown import oversized, parse, text_arrows, too_much
from ..sources.requests import drop_requests
from .blocks import beforeafter, costbars
from .blocks.base import Block
from .blocks.code import FENCE, CodeBlock
from .blocks.found import Ctx, Found, Scan
from .blocks.quote import attribution, quote_of
from .blocks.table import TableBlock, guard_cell_pipes, loose_table, pipe_table, table_of
from .blocks.text_item import TextItem, keep_leads, line_items, unmarked
from .diagrams import flow, mermaid, mindmap, typed
from .diagrams.mermaid import parse_mermaid
from .text.inline import Run, is_markup, merge, one_line, parse_inline, undrawn

HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)


def parse_blocks(markdown: str, line0: int, emphasis: tuple[str, ...] = (),
                 notices: list[Notice] | None = None, file: str = "") -> list[Block]:
    """Blocks of a region's markdown whose first line is ``line0`` of ``file``; warnings
    (an unsupported mermaid construct) go to ``notices``."""
    lines = drop_requests(markdown.split("\n"))  # what the prompt asks for, not what it says
    big = oversized(lines)  # refused before a box-drawing or markdown reader spends seconds on it
    if big is not None:
        raise too_much(file, line0 + big[0], big[1], big[3], lines[big[0]])
    # every box drawing in light lines, whatever pen drew it
    scan = Scan(lines, normalize(lines), line0, Ctx(emphasis, notices if notices is not None else [], file, parse_blocks))
    blocks: list[Block] = []
    held = scan.held
    held_from = 0  # the index of held[0]

    def read_held() -> None:
        if any(s.strip() for s in held):
            blocks.extend(_markdown_blocks(_written_arrows(held), line0 + held_from, scan.ctx))
        held.clear()

    i = 0
    while i < len(lines):
        found = next((f for kind in KINDS if (f := kind(scan, i)) is not None), None)
        if found is None or found.written:
            if not held:
                held_from = i
            end = i if found is None else found.end
            held.extend(lines[i : end + 1])
            i = end + 1
            continue
        if found.start is not None:  # its first lines were read as writing: taken back
            del held[len(held) - (i - found.start) :]
        if found.lead_in:
            if not held:
                held_from = i
            held.append(lines[i])
        read_held()
        blocks.extend(found.make())
        i = found.end + 1
        held_from = i
    read_held()
    keep_leads(blocks)
    return blocks


# the kinds found in a region's lines before markdown reads the rest, asked in this order at each line
KINDS: tuple[Callable[[Scan, int], Found | None], ...] = (
    typed.fenced_at,  # a box drawing typed inside a fence (anything else fenced is writing, whole)
    typed.drawing_at,  # a box drawing: ┌ and the lines to the └…┘ under it
    typed.sketch_at,  # lines drawn with line characters but no closed box (axes, slopes)
    mermaid.requested_at,  # "- Create a Mermaid mindmap:" with the tree under it
    mindmap.spec_at,  # "- Root: ..." and its "- Level 1: ..." lines
    beforeafter.found_at,  # "**A vs B:**" and two groups
    costbars.found_at,  # "label: $$$" lines
    flow.found_at,  # stages between ↓ lines
)


def _written_arrows(buf: list[str]) -> list[str]:
    """Lines of writing (not fenced code) with arrows typed in line characters read as arrows."""
    out, fence = [], False
    for s in buf:
        if FENCE.match(s):
            fence = not fence
        out.append(s if fence else text_arrows(s))
    return out


def _within(count: int, limit: int, what: str, line: int, ctx: Ctx) -> None:
    """An InputError at ``line`` when a block holds more than ``limit``: far more than a page holds
    at its smallest writing, so it is refused before any of it is measured."""
    if count > limit:
        raise too_much(ctx.file, line, what, limit)


# --- markdown ---------------------------------------------------------------------------


def _markdown_blocks(lines: list[str], line0: int, ctx: Ctx) -> list[Block]:
    emphasis = ctx.emphasis
    lines = [guard_cell_pipes(s) for s in lines]
    tokens = parse("\n".join(lines))
    _warn_undrawn(tokens, line0, ctx)
    out: list[Block] = []
    i = 0
    list_stack: list[list] = []  # [kind, counter, bullet]
    while i < len(tokens):
        t = tokens[i]
        ln = line0 + (t.map[0] if t.map else 0)
        if t.type == "heading_open":
            runs = unmarked(one_line(tokens[i + 1].content, emphasis))
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
                items = line_items(tokens[i + 1].content, src, line0 + tokens[i].map[0], emphasis, level)
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
                items = line_items(tokens[i + 1].content, src, line0 + tokens[i].map[0], emphasis, level + 1)
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
            table = loose_table(src)
            if table is None:
                out.extend(line_items(content, src, ln, emphasis, level))
            else:
                a, b = table
                parts = content.split("\n")
                if a:
                    out.extend(line_items("\n".join(parts[:a]), src[:a], ln, emphasis, level))
                _within(b - a - 1, MAX_TABLE_ROWS, "table", ln + a, ctx)
                out.append(pipe_table(src[a:b], ln + a, emphasis))
                if b < len(src):
                    out.extend(line_items("\n".join(parts[b:]), src[b:], ln + b, emphasis, level))
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
            quote = quote_of(texts, ln, emphasis)
            i = j + 1
            by = attribution(tokens, i, t.map[1] if t.map else -1)
            if by is not None and not quote.author:
                quote.author, i = by
            out.append(quote)
            continue
        elif t.type == "table_open":
            rows_at = [tk for tk in tokens[i:] if tk.type in ("tr_open", "table_close")]
            head_and_rows = next(k for k, tk in enumerate(rows_at) if tk.type == "table_close")
            _within(head_and_rows - 1, MAX_TABLE_ROWS, "table", ln, ctx)
            j, header, rows = table_of(tokens, i, emphasis)
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
    keep_leads(out)
    return out


def _warn_undrawn(tokens: list[Token], line0: int, ctx: Ctx) -> None:
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


def _src_lines(lines: list[str], tok: Token) -> list[str]:
    a, b = tok.map if tok.map else (0, 0)
    return lines[a:b]

