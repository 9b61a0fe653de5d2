"""Times in the lecture video: ``1:01:06`` <-> 3666 seconds."""

from __future__ import annotations

import re

# H:MM:SS or M:SS (minutes and seconds below 60)
TIME = re.compile(r"(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)")


def seconds(timestamp: str) -> int | None:
    """``"1:01:06"`` -> 3666; None when it is not a time."""
    m = TIME.fullmatch(timestamp.strip())
    if not m:
        return None
    return int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))


def format_time(secs: int) -> str:
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def normalize_timestamp(value: object) -> str:
    """A front matter's timestamp as text.  YAML reads an unquoted ``1:01:06`` as the number 3666
    (base 60): that is turned back into ``1:01:06``."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return format_time(value)
    return str(value).strip()
