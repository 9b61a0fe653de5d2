"""A QR code of the lecture video at the chapter's start, for printed sheets."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..model import Meta
from ..sources.timecode import seconds
from .marks import QRMark

QR_CACHE = 32  # codes remembered per process (the page asks for its code while fitting and again to draw it)


def moment_url(url: str, timestamp: str) -> str:
    """``url`` with ``t=SECONDSs`` for ``timestamp`` (an existing ``t=`` replaced, the other query
    parameters kept in order); ``url`` unchanged when the timestamp is not a time."""
    url = url.strip()
    secs = seconds(timestamp) if timestamp else None
    if not url or secs is None:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
    query.append(("t", f"{secs}s"))
    return urlunsplit(parts._replace(query=urlencode(query, safe=":/")))


def video_link(meta: Meta) -> str:
    """The address the sheet's QR code holds: the video at the chapter's timestamp."""
    return moment_url(meta.source_url, meta.timestamp)


@lru_cache(maxsize=QR_CACHE)
def qr_modules(link: str) -> tuple[tuple[bool, ...], ...]:
    import segno

    code = segno.make(link, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def qr_mark(link: str, x: float, y: float, size: float, color: str, quiet: float) -> QRMark:
    """The code's modules fill ``size`` x ``size`` mm at (x, y); ``quiet`` mm of white around them."""
    return QRMark(x, y, size, qr_modules(link), color, quiet)
