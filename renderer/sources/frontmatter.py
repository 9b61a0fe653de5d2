"""The YAML front matter inside a prompt's ``# Source Text`` (between ``---`` lines)."""

from __future__ import annotations

import re

import yaml

from ..model import Meta
from .timecode import normalize_timestamp

_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def find_front_matter(lines: list[str]) -> tuple[int, int] | None:
    """Index range [start, end] of the ``---`` lines around the first front matter block."""
    for i, ln in enumerate(lines):
        if ln.strip() == "---" and i + 1 < len(lines) and _KEY.match(lines[i + 1]):
            for j in range(i + 1, min(len(lines), i + 60)):
                if lines[j].strip() == "---":
                    return i, j
                if not lines[j].strip() or not (_KEY.match(lines[j]) or lines[j].startswith(" ")):
                    break
    return None


def parse_meta(block: str) -> Meta:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        data = {}
    return meta_from_dict(data)


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
