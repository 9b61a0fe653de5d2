"""Inline markdown -> styled runs: plain, bold (on marker), italic (underlined, as a manuscript marks
it), struck through, code and special-token chips; a link keeps its words (and its address, which the
PDF links); raw HTML is never words on the page (``<br>`` breaks the line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ... import theme
from ...sources.markdown import parser

SPECIAL_TOKEN = re.compile(r"<\|[A-Za-z0-9_]+\|>|<(?:im_[a-z]+|sep|eos|bos|/?s)>")
BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
# the tags of HTML an author puts in markdown for its look: markup, never drawn.  Any other tag in angle
# brackets (<instructions>, <example>, <answer>, <thinking>) is the prompt-writing course's own subject: a token.
HTML_NAMES = frozenset(
    "a abbr article b big blockquote br center cite code col colgroup del details div em figcaption figure font "
    "footer h1 h2 h3 h4 h5 h6 header hr i iframe img ins kbd li mark nav ol p pre q s samp script section small "
    "span strike strong style sub summary sup table tbody td tfoot th thead tr tt u ul".split())
_TAG_NAME = re.compile(r"^<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")


def is_markup(tag: str) -> bool:
    """A raw tag or comment that is HTML markup (never drawn), not a token of the subject written as a tag."""
    if tag.startswith("<!--"):
        return True
    m = _TAG_NAME.match(tag)
    return bool(m) and m.group(1).lower() in HTML_NAMES
STRAY_MARKS = re.compile(r"\*{2,}|`+")
COST_TAG = re.compile(r"(?<![\w$])\$+(?![\w$])")
GOOD = frozenset("✓✅✔☑")
BAD = frozenset("❌⛔✗✘🚫")
INLINE_CACHE = 4096  # pieces of inline markdown remembered per process (a sheet has a few hundred; a re-render reads them again)


@dataclass(frozen=True)
class Run:
    text: str
    style: str = "plain"  # plain | bold | em | strike | code | token
    color: str | None = None
    url: str | None = None  # a link's address

    @property
    def chip(self) -> bool:
        return self.style in ("code", "token")


def parse_inline(text: str, emphasis: tuple[str, ...] = ()) -> list[list[Run]]:
    """Runs of a piece of inline markdown, one list per written line (new lists on every call; the
    parse itself is remembered per process)."""
    return [list(line) for line in _parse_inline(text, tuple(emphasis))]


@lru_cache(maxsize=INLINE_CACHE)
def _parse_inline(text: str, emphasis: tuple[str, ...]) -> tuple[tuple[Run, ...], ...]:
    tokens = parser().parseInline(text)
    lines: list[list[Run]] = [[]]
    style = ["plain"]
    urls: list[str | None] = [None]

    def add(runs: list[Run]) -> None:
        lines[-1].extend(replace(r, url=urls[-1]) if urls[-1] and not r.chip else r for r in runs)

    after_br = False  # a <br> just ended the line: the newline after it ends no other
    for tok in tokens[0].children or [] if tokens else []:
        t = tok.type
        if after_br and (t in ("softbreak", "hardbreak") or (t == "text" and not tok.content.strip())):
            continue
        after_br = False
        if t in ("softbreak", "hardbreak"):
            lines.append([])
        elif t in ("strong_open", "em_open", "s_open"):
            new = {"strong_open": "bold", "em_open": "em", "s_open": "strike"}[t]
            style.append("bold" if style[-1] == "bold" else new)  # bold wins: it is the marker
        elif t in ("strong_close", "em_close", "s_close"):
            if len(style) > 1:
                style.pop()
        elif t == "link_open":
            urls.append(str(tok.attrs.get("href") or "") or None)
        elif t == "link_close":
            if len(urls) > 1:
                urls.pop()
        elif t == "code_inline":
            lines[-1].extend(_code_runs(tok.content))
        elif t == "text":
            add(_text_runs(tok.content, style[-1], emphasis))
        elif t == "html_inline":
            if BREAK_TAG.fullmatch(tok.content.strip()):
                lines.append([])
                after_br = True
            elif SPECIAL_TOKEN.fullmatch(tok.content) or not is_markup(tok.content):
                lines[-1].append(Run(tok.content, "token"))
            # any other tag or comment is markup, never words (undrawn() names it)
        elif t == "image":
            add([Run(tok.content, style[-1])])
    if after_br and len(lines) > 1:
        lines.pop()  # a <br> ending the text breaks nothing
    return tuple(tuple(merge(_token_sequence(_cost_tags(_symbols(_no_stray_marks(line)))))) for line in lines)


def undrawn(text: str) -> list[str]:
    """What of a piece of inline markdown is not drawn, each as typed: raw HTML tags and comments
    (their words are), images (their alt text is)."""
    tokens = parser().parseInline(text)
    out: list[str] = []
    for tok in tokens[0].children or [] if tokens else []:
        if tok.type == "html_inline" and not BREAK_TAG.fullmatch(tok.content.strip()) and is_markup(tok.content):
            out.append(tok.content)
        elif tok.type == "image":
            out.append(f"![{tok.content}]({tok.attrs.get('src', '')})")
    return out


def _no_stray_marks(runs: list[Run]) -> list[Run]:
    """Markup that opened nothing (an unclosed ``**``, a lone backtick) is the author's intent, not words:
    it never reaches the page."""
    out = []
    for r in runs:
        if not r.chip and ("*" in r.text or "`" in r.text):
            r = replace(r, text=STRAY_MARKS.sub("", r.text))
        out.append(r)
    return out


def _cost_tags(runs: list[Run]) -> list[Run]:
    """``$$$$`` cost tags in the accent red, on marker."""
    out: list[Run] = []
    for r in runs:
        if r.chip or "$" not in r.text:
            out.append(r)
            continue
        pos = 0
        for m in COST_TAG.finditer(r.text):
            if m.start() > pos:
                out.append(replace(r, text=r.text[pos : m.start()]))
            out.append(Run(m.group(0), "bold", theme.CROSS_RED))
            pos = m.end()
        if pos < len(r.text):
            out.append(replace(r, text=r.text[pos:]))
    return out


def _token_sequence(runs: list[Run]) -> list[Run]:
    """A line of special tokens glued to text (``<|im_start|>user<|im_sep|>…``) is a row of chips:
    the text between the tokens becomes text-token chips."""
    if sum(1 for r in runs if r.style == "token") < 2:
        return runs
    out: list[Run] = []
    for k, r in enumerate(runs):
        glued = (k > 0 and runs[k - 1].style == "token") or (k + 1 < len(runs) and runs[k + 1].style == "token")
        if r.style in ("plain", "bold") and glued and r.text.strip():
            lead = r.text[: len(r.text) - len(r.text.lstrip())]
            tail = r.text[len(r.text.rstrip()) :]
            if lead:
                out.append(Run(lead))
            out.append(Run(r.text.strip(), "code"))
            if tail:
                out.append(Run(tail))
        else:
            out.append(r)
    return out


def _code_runs(code: str) -> list[Run]:
    if SPECIAL_TOKEN.fullmatch(code.strip()):
        return [Run(code, "token")]
    return [Run(code, "code")]


def _text_runs(text: str, style: str, emphasis: tuple[str, ...]) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for m in SPECIAL_TOKEN.finditer(text):
        if m.start() > pos:
            out.extend(_emphasised(text[pos : m.start()], style, emphasis))
        out.append(Run(m.group(0), "token"))
        pos = m.end()
    if pos < len(text):
        out.extend(_emphasised(text[pos:], style, emphasis))
    return out


def _emphasised(text: str, style: str, emphasis: tuple[str, ...]) -> list[Run]:
    if style != "plain" or not emphasis:
        return [Run(text, style)]
    for phrase in emphasis:
        i = text.find(phrase)
        if i >= 0:
            return (
                _emphasised(text[:i], style, emphasis)
                + [Run(phrase, "bold")]
                + _emphasised(text[i + len(phrase) :], style, emphasis)
            )
    return [Run(text, style)] if text else []


def _symbols(runs: list[Run]) -> list[Run]:
    """Ticks in green, crosses and stop signs in red."""
    out: list[Run] = []
    for r in runs:
        if r.chip or not any(c in GOOD or c in BAD for c in r.text):
            out.append(r)
            continue
        buf = ""
        for c in r.text:
            if c in GOOD or c in BAD:
                if buf:
                    out.append(replace(r, text=buf))
                    buf = ""
                out.append(replace(r, text=c, color=theme.TICK_GREEN if c in GOOD else theme.CROSS_RED))
            else:
                buf += c
        if buf:
            out.append(replace(r, text=buf))
    return out


def merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and out[-1].style == r.style and out[-1].color == r.color and out[-1].url == r.url and not r.chip:
            out[-1] = replace(out[-1], text=out[-1].text + r.text)
        else:
            out.append(r)
    return out


def plain_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def one_line(text: str, emphasis: tuple[str, ...]) -> list[Run]:
    out: list[Run] = []
    for k, line in enumerate(parse_inline(text, emphasis)):
        if k:
            out.append(Run(" "))
        out.extend(line)
    return merge(out)
