"""Inline markdown -> styled runs: plain, bold (on marker), code and special-token chips."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import theme
from ..sources.markdown import parser

SPECIAL_TOKEN = re.compile(r"<\|[A-Za-z0-9_]+\|>|<(?:im_[a-z]+|sep|eos|bos|/?s)>")
GOOD = frozenset("✓✅✔☑")
BAD = frozenset("❌⛔✗✘🚫")


@dataclass(frozen=True)
class Run:
    text: str
    style: str = "plain"  # plain | bold | code | token
    color: str | None = None

    @property
    def chip(self) -> bool:
        return self.style in ("code", "token")


def parse_inline(text: str, emphasis: tuple[str, ...] = ()) -> list[list[Run]]:
    """Runs of a piece of inline markdown, one list per written line."""
    tokens = parser().parseInline(text)
    lines: list[list[Run]] = [[]]
    style = ["plain"]
    for tok in tokens[0].children or [] if tokens else []:
        t = tok.type
        if t in ("softbreak", "hardbreak"):
            lines.append([])
        elif t in ("strong_open", "em_open"):
            style.append("bold")
        elif t in ("strong_close", "em_close"):
            if len(style) > 1:
                style.pop()
        elif t == "code_inline":
            lines[-1].extend(_code_runs(tok.content))
        elif t in ("text", "html_inline"):
            lines[-1].extend(_text_runs(tok.content, style[-1], emphasis))
        elif t == "image":
            lines[-1].append(Run(tok.content, style[-1]))
        elif t == "s_open" or t == "s_close":
            continue
    return [merge(_symbols(line)) for line in lines]


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
        if out and out[-1].style == r.style and out[-1].color == r.color and not r.chip:
            out[-1] = replace(out[-1], text=out[-1].text + r.text)
        else:
            out.append(r)
    return out


def plain_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)
