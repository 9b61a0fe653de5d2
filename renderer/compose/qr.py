"""A QR code of the lecture's address (at the chapter's timestamp when known), for printed sheets."""

from __future__ import annotations

import re

from ..model import Meta
from .marks import QRMark

QUIET = 1  # modules of white border kept around the code (the banner behind it is pale)


def video_link(meta: Meta) -> str:
    url = meta.source_url.strip()
    if not url:
        return ""
    m = re.fullmatch(r"(?:(\d+):)?(\d+):(\d+)", meta.timestamp.strip()) if meta.timestamp else None
    if m and "t=" not in url:
        secs = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
        url += ("&" if "?" in url else "?") + f"t={secs}s"
    return url


def qr_mark(link: str, x: float, y: float, size: float, color: str) -> QRMark:
    import segno

    code = segno.make(link, error="m", micro=False)
    modules = tuple(tuple(bool(v) for v in row) for row in code.matrix)
    return QRMark(x, y, size, modules, color)
