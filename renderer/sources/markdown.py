"""The one markdown parser configuration every reader uses.

Emphasis is read the CJK-friendly way: CommonMark decides whether ``**`` may
open or close by its neighbours ("flanking"), and a closing ``**`` right
after punctuation must be followed by a space or punctuation.  Korean glues
particles to the word: ``**"죄송하지만"**로``, ``이것은 **(중요)**입니다``
would stay literal asterisks.  As the markdown-it-cjk-friendly plugin does,
a ``*`` run next to a CJK character (Hangul, kana, ideographs, full-width
forms) counts as flanking on both sides when neither side is a space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Delimiter, StateInline
from markdown_it.token import Token

from ..errors import InputError
from ..limits import MAX_CODE_LINES, MAX_TABLE_ROWS


def is_cjk(ch: str) -> bool:
    """A character of Chinese, Japanese or Korean writing (wide or full-width, not an emoji)."""
    if not ch or ord(ch) < 0x1100:
        return False
    if unicodedata.east_asian_width(ch) in ("W", "F", "H"):
        return unicodedata.category(ch) != "So"  # wide symbols (emoji) are not writing
    return "HANGUL" in unicodedata.name(ch, "")


def _flanks(state: StateInline, start: int) -> tuple[bool, bool, int]:
    """(can open, can close, length) of the ``*`` or ``_`` run at ``start``."""
    src = state.src
    marker = src[start]
    pos = start
    while pos < state.posMax and src[pos] == marker:
        pos += 1
    last = src[start - 1] if start > 0 else " "
    nxt = src[pos] if pos < state.posMax else " "
    if last in "\ufe0e\ufe0f" and start > 1 and not src[start - 2].isspace():
        last = src[start - 2]  # a variation selector belongs to the character before it
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    if last_space or next_space:
        return not next_space, not last_space, pos - start
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt)
    left, right = last_punct or not next_punct, next_punct or not last_punct
    if marker == "*":
        cjk = is_cjk(last) or is_cjk(nxt)
        left, right = left or cjk, right or cjk
        return left, right, pos - start
    # '_' never opens or closes inside a word (snake_case stays as typed)
    return left and (not right or last_punct), right and (not left or next_punct), pos - start


def _emphasis(state: StateInline, silent: bool) -> bool:
    """markdown-it's emphasis tokenizer with the CJK-friendly flanking rule."""
    start = state.pos
    marker = state.src[start]
    if silent or marker not in "_*":
        return False
    can_open, can_close, length = _flanks(state, start)
    for _ in range(length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(Delimiter(ord(marker), length, len(state.tokens) - 1, -1, can_open, can_close))
    state.pos += length
    return True


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    md.inline.ruler.at("emphasis", _emphasis)
    return md


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def inline_text(tokens: list[Token], i: int) -> str:
    """Plain content of the inline token that follows an opening token at ``i``."""
    for t in tokens[i + 1 : i + 3]:
        if t.type == "inline":
            return t.content
    return ""


_FENCE_OPEN = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)")
# a line that a mermaid diagram never holds but a prompt's next part starts with
_PART_START = re.compile(r"^\s{0,3}(?:#{1,6}\s+\S|\*\*\s*\d+[.)])")


def close_fences(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with every mermaid block that runs into the next heading or bold part closed on the
    blank line before it (so that the heading is read as one), and the 0-based lines where a block was
    closed.  The number of lines stays the same."""
    out = list(lines)
    closed: list[int] = []
    i = 0
    while i < len(out):
        m = _FENCE_OPEN.match(out[i])
        if not m:
            i += 1
            continue
        mark, info = m.group(1), m.group(2).lower()
        j = i + 1
        while j < len(out):
            st = out[j].strip()
            if st.startswith(mark[0] * len(mark)) and not st.strip(mark[0]):
                break
            if info == "mermaid" and _PART_START.match(out[j]):
                k = j - 1
                while k > i and not out[k].strip():
                    k -= 1
                if k + 1 < j:  # a blank line before the part: the block's end
                    out[k + 1] = mark
                    closed.append(k + 1)
                    j = k + 1
                break
            j += 1
        i = j + 1
    return out, closed


_LINE_ARROW_RIGHT = re.compile(r"[─━═-]*[─━═]+\s*(?:→|>|▶|►)")
_LINE_ARROW_LEFT = re.compile(r"(?:←|<|◀|◄)\s*[─━═]+[─━═-]*")


def text_arrows(line: str) -> str:
    """An arrow typed with line characters in a line of writing (``Q ──→ A``, ``A ──> B``, ``B <── C``) as the
    arrow it means (``Q → A``): a line character is drawn, never written."""
    if not any("\u2500" <= ch <= "\u257f" for ch in line):
        return line
    line = _LINE_ARROW_RIGHT.sub("→", line)
    return _LINE_ARROW_LEFT.sub("←", line)


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def oversized(lines: list[str], code: bool = True) -> tuple[int, str, int, int] | None:
    """The first block of ``lines`` past a limit, seen in one pass over the raw lines before any
    parsing: (its 0-based line, what it is, how many it holds, the limit), or None.  A run of lines
    starting with ``|`` is a table (two of them its header and rule); a fence's lines are code
    (``code=False``: a long fence is let through, a table in it never counted)."""
    fence = ""
    start = run_start = 0
    run = 0
    for i, ln in enumerate(lines + [""]):
        m = _FENCE.match(ln)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not ln.strip().strip(fence[0]):
                fence = ""
            elif code and i - start > MAX_CODE_LINES:
                return start, "code block", i - start, MAX_CODE_LINES
            continue
        if m:
            fence, start = m.group(1), i
        if ln.lstrip().startswith("|"):
            if not run:
                run_start = i
            run += 1
            continue
        if run - 2 > MAX_TABLE_ROWS:
            return run_start, "table", run - 2, MAX_TABLE_ROWS
        run = 0
    return None


def too_much(file: str, line: int, what: str, limit: int, text: str | None = None) -> InputError:
    """The error for a block past a limit (``what``: "table", "code block"), at its first line."""
    unit = "rows" if what == "table" else "lines"
    return InputError(file, line, 1, f"this {what} has more than the {limit:,} {unit} a sheet takes",
                      "a cheat sheet cannot hold that much: keep the part that matters and leave the rest to the "
                      "notes", text)
