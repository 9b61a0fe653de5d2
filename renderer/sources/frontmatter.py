"""The YAML front matter of a prompt (between ``---`` lines, at its top or inside its ``# Source Text``)."""

from __future__ import annotations

import re

import yaml

from ..errors import InputError
from ..model import Meta
from .address import ADDRESS_HINT, address_problem
from .timecode import normalize_timestamp
from .yaml_errors import Loader, yaml_error

_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
# keys a chapter's front matter holds: a '---' block naming none of them is a markdown rule, not front matter
META_KEYS = frozenset({
    "title", "titlekr", "title_kr", "chapter", "totalchapters", "total_chapters", "author", "source_url",
    "sourceurl", "source_type", "timestamp", "lecture", "parent", "translatedat", "date", "tags", "lang",
})
_HEADING = re.compile(r"^#{1,6}\s")
MAX_LINES = 60
_HINT = "the front matter is YAML: one 'key: value' per line at the left margin, values with ': ' in quotes"


def _key(line: str) -> str:
    m = _KEY.match(line)
    return m.group(0).rstrip(":").strip().lower() if m else ""


def find_front_matter(lines: list[str]) -> tuple[int, int] | None:
    """Index range [start, end] of the ``---`` lines around the first front matter block.

    The block starts with a ``key:`` line, names at least one chapter key (title, chapter, author, ...)
    and closes within MAX_LINES lines; a line that is no YAML inside it is kept, to be reported."""
    for i, ln in enumerate(lines):
        if ln.strip() != "---" or i + 1 >= len(lines) or not _KEY.match(lines[i + 1]):
            continue
        for j in range(i + 1, min(len(lines), i + MAX_LINES)):
            if lines[j].strip() == "---":
                body = lines[i + 1 : j]
                if any(_key(s) in META_KEYS for s in body):
                    return i, j
                break
            if _HEADING.match(lines[j]):
                break  # a markdown heading: this '---' opened no front matter
    return None


def parse_meta(block: str, file: str = "", lines: list[str] | None = None, first: int = 0) -> Meta:
    """The front matter's metadata; a YAML error is an InputError at its place in ``file`` (the block
    starts at line ``first``, 0-based, of ``lines``)."""
    try:
        data = yaml.load(block, Loader=Loader)
    except yaml.YAMLError as exc:
        raise yaml_error(file, lines if lines is not None else block.split("\n"), exc, first) from None
    except RecursionError:
        text = (lines or [""])[first] if lines and first < len(lines) else ""
        raise InputError(file, first + 1, 1, "the front matter is nested too deeply", _HINT, text) from None
    if not isinstance(data, dict):
        data = {}
    meta = meta_from_dict(data)
    problem = address_problem(meta.source_url)
    if problem:
        rows = block.split("\n")
        k = next((i for i, ln in enumerate(rows) if _key(ln) in ("source_url", "sourceurl")), 0)
        row = rows[k] if k < len(rows) else ""
        value_at = row.find(":") + 1
        col = value_at + len(row[value_at:]) - len(row[value_at:].lstrip()) + 1 if value_at else 1
        raise InputError(file, first + k + 1, col, f"'source_url': {problem}", ADDRESS_HINT, row)
    return meta


def _int(v: object) -> int | None:
    try:
        return int(str(v).strip())
    except (TypeError, ValueError):
        return None


def meta_from_dict(data: dict) -> Meta:
    def s(*keys: str) -> str:
        for k in keys:
            v = data.get(k)
            if v is not None:
                return str(v)
        return ""

    return Meta(
        title=s("title"),
        title_kr=s("titleKr", "title_kr"),
        chapter=_int(data.get("chapter")),
        total_chapters=_int(data.get("totalChapters", data.get("total_chapters"))),
        author=s("author"),
        source_url=s("source_url", "sourceUrl"),
        timestamp=normalize_timestamp(data.get("timestamp")),
        lecture=s("lecture"),
    )
