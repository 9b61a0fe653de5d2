"""A chapter's moment in the lecture video, from a chapter source file (``--source FILE``).

The course keeps each chapter as a text file: a translation whose front matter gives
``timestamp: "1:01:06"`` and ``sourceUrl: "...watch?v=ID&t=3666s"``, or a transcript whose
front matter gives ``source_url`` and whose lines start with ``[1:01:30]`` marks.  The front
matter's timestamp is used when it has one, else the first mark of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..errors import InputError, Notice
from ..model import Chapter
from .address import ADDRESS_HINT, address_problem
from .frontmatter import find_front_matter
from .text_file import read_text
from .timecode import format_time, seconds

_MARK = re.compile(r"\[((?:\d{1,2}:)?[0-5]?\d:[0-5]\d)\]")
_TIME_HINT = "write the chapter's start in the video as H:MM:SS or M:SS, e.g. timestamp: \"1:01:06\""


@dataclass(frozen=True)
class Moment:
    """Where a chapter starts in the lecture video."""

    timestamp: str  # as H:MM:SS (or M:SS under an hour)
    url: str  # the video's address as the file gives it ("" when it gives none)
    file: str
    line: int  # the line the timestamp was read from


def read_source(path: Path) -> Moment:
    """The timestamp and video address of a chapter source file; an InputError when it has no
    timestamp or a malformed one."""
    file = str(path)
    text = read_text(path)
    lines = text.split("\n")
    data: dict[str, str] = {}
    places: dict[str, tuple[int, int]] = {}
    body_start = 0
    fm = find_front_matter(lines)
    if fm is not None:
        body_start = fm[1] + 1
        block = "\n".join(lines[fm[0] + 1 : fm[1]])
        try:
            loaded = yaml.load(block, Loader=yaml.BaseLoader)  # every value as written: no base-60 numbers
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = fm[0] + 2 + (mark.line if mark else 0)
            col = (mark.column + 1) if mark else 1
            raise InputError(file, line, col, f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)})",
                             "check the quoting of this line", lines[line - 1] if line <= len(lines) else "") from None
        if isinstance(loaded, dict):
            data = {str(k): v for k, v in loaded.items() if isinstance(v, str)}
        for i in range(fm[0] + 1, fm[1]):
            key = lines[i].split(":", 1)[0].strip()
            if key in data:
                value_at = lines[i].find(data[key]) if data[key] else -1
                places[key] = (i + 1, value_at + 1 if value_at >= 0 else len(key) + 2)
    url_key = next((k for k in ("sourceUrl", "source_url") if data.get(k, "").strip()), "")
    url = data.get(url_key, "").strip()
    problem = address_problem(url)
    if problem:
        line, col = places[url_key]
        raise InputError(file, line, col, f"'{url_key}': {problem}", ADDRESS_HINT, lines[line - 1])
    if data.get("timestamp", "").strip():
        stamp = data["timestamp"].strip()
        line, col = places["timestamp"]
        secs = seconds(stamp)
        if secs is None:
            raise InputError(file, line, col, f"the timestamp {stamp!r} is not a time", _TIME_HINT, lines[line - 1])
        return Moment(format_time(secs), url, file, line)
    for i in range(body_start, len(lines)):
        m = _MARK.search(lines[i])
        if m:
            secs = seconds(m.group(1))
            assert secs is not None  # the mark's pattern is a time
            return Moment(format_time(secs), url, file, i + 1)
    raise InputError(file, 0, 0, "no timestamp: neither a 'timestamp:' in the front matter nor a [H:MM:SS] mark",
                     "give a chapter file of the course (a translation with 'timestamp:' in its front matter, "
                     "or a transcript with [1:01:30] marks)", "")


def with_moment(chapter: Chapter, moment: Moment) -> Chapter:
    """The chapter with the source's timestamp and address where its own front matter has none; a
    front matter timestamp that differs from the source's is kept, with a warning."""
    meta = chapter.meta
    notices = list(chapter.notices)
    stamp = meta.timestamp
    if not stamp:
        stamp = moment.timestamp
    elif seconds(stamp) != seconds(moment.timestamp):
        notices.append(Notice(moment.file, moment.line, 1,
                              f"the chapter gives the timestamp {stamp}, this file {moment.timestamp}: "
                              f"{stamp} is used (remove it from the chapter to use this file's)"))
    url = meta.source_url or moment.url
    return replace(chapter, meta=replace(meta, timestamp=stamp, source_url=url), notices=notices)
