"""The one rule for a video address, wherever it is written (a prompt's front matter, a chapter YAML,
a ``--source`` file): a web address (``http://`` or ``https://``) of at most MAX_URL_CHARS characters once
letters beyond ASCII are written as ``%XX``."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..limits import MAX_URL_CHARS, URL_SCHEMES

_ASCII = "".join(chr(c) for c in range(0x21, 0x7F))  # printable ASCII, kept as it is by quote()
_WEB = re.compile(r"(?i)(" + "|".join(URL_SCHEMES) + r")://[^\s/?#]+\S*")

ADDRESS_HINT = "give the video's address, e.g. source_url: \"https://www.youtube.com/watch?v=ID\""


def address_problem(url: str) -> str:
    """What is wrong with ``url`` as a video address, or "" when nothing is (an empty one is no address)."""
    url = url.strip()
    if not url:
        return ""
    size = len(quote(url, safe=_ASCII))  # as the QR code holds it: a Hangul letter is %XX%XX%XX, 9 characters
    if size > MAX_URL_CHARS:
        return (f"the address is {size:,} characters long (letters beyond ASCII written as %XX), more than the "
                f"{MAX_URL_CHARS:,} a sheet's QR code takes")
    if not _WEB.fullmatch(url):
        return f"not a web address (http:// or https://): {url[:80]!r}"
    return ""
