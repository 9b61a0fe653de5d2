"""Characters no face of the chain has, each with the place an author typed it.

Such a character is not bad input (an author may type any character): it is drawn as a
red placeholder and reported, a warning for ``render`` (an error with ``--strict``) and an
error for ``check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Notice, read_line
from .text import fonts

if TYPE_CHECKING:
    from ..layout.engine import Layout
    from ..model import Chapter, Content
    from .blocks.base import Block

HINT = ("replace it with a character the handwriting, Noto Emoji, Noto Sans KR, DejaVu Sans or "
        "STIXGeneral has, or leave it: the sheet shows a red placeholder in its place")
META_FIELDS = ("title", "title_kr", "author", "lecture", "timestamp", "source_url")


@dataclass(frozen=True)
class Uncovered:
    char: str
    file: str
    line: int
    col: int
    region: str = ""  # region id ("title" / "footer" for the chapter's metadata)
    title: str = ""  # the region's label
    where: str = ""  # what holds it when not a region's content: "title", "icon", "'author'", ...

    def what(self) -> str:
        ch = self.char
        where = f" in the {self.where}" if self.where else ""
        return f"no font has the character {ch!r} (U+{ord(ch):04X}){where}"

    def message(self) -> str:
        return self.what() + ": drawn as a red placeholder box"

    def notice(self) -> Notice:
        return Notice(self.file, self.line, self.col, self.message(), kind="uncovered")

    def error(self) -> InputError:
        return InputError(self.file, self.line, self.col, self.what() + " (--strict)", HINT)


def _col(file: str, line: int, ch: str, default: int = 1) -> int:
    text = read_line(file, line)
    return text.index(ch) + 1 if text is not None and ch in text else max(1, default)


def _locate(ch: str, item: Content) -> tuple[int, int]:
    """File line and column of the first ``ch`` in a content item."""
    for k, text in enumerate(item.markdown.split("\n")):
        if ch in text:
            line = item.line + k
            return line, _col(item.file, line, ch, text.index(ch) + 1)
    return item.line, 1


def _meta_line(file: str, ch: str) -> int:
    try:
        for k, text in enumerate(Path(file).read_text(encoding="utf-8").splitlines(), start=1):
            if ch in text:
                return k
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def find_uncovered(chapter: Chapter, layout: Layout,
                   items: list[tuple[str, Content, list[Block]]]) -> list[Uncovered]:
    """Every character that would be drawn and that no face has: in the diagram's titles, in
    each content item (``(region id, item, its blocks)``), in the chapter's metadata."""
    out: list[Uncovered] = []
    for band in layout.bands:
        for r in band.walk():
            for what, text in (("title", r.title), ("icon", r.icon), ("subtitle", r.subtitle)):
                for ch in fonts.uncovered(text):
                    out.append(Uncovered(ch, layout.source_file, r.line, _col(layout.source_file, r.line, ch, r.col),
                                         r.id, r.label, what))
    labels = {r.id: r.label for r in layout.leaves()}
    for rid, item, blocks in items:
        seen: list[str] = []
        for b in blocks:
            for text in b.texts():
                seen.extend(ch for ch in fonts.uncovered(text) if ch not in seen)
        for ch in seen:
            line, col = _locate(ch, item)
            out.append(Uncovered(ch, item.file, line, col, rid if rid in labels else "", labels.get(rid, "")))
    meta = chapter.meta
    for name in META_FIELDS:
        for ch in fonts.uncovered(getattr(meta, name)):
            line = _meta_line(chapter.source, ch)
            out.append(Uncovered(ch, chapter.source, line, _col(chapter.source, line, ch),
                                 "title" if name.startswith("title") else "footer", "", f"'{name}'"))
    return out
