"""The lecture's QR code: its link (with the chapter's timestamp) and a square of modules."""

from __future__ import annotations

from renderer.compose.qr import qr_mark, video_link
from renderer.model import Meta


def test_link_carries_the_timestamp() -> None:
    meta = Meta(source_url="https://www.youtube.com/watch?v=7xTGNNLPyMI", timestamp="1:01:06")
    assert video_link(meta) == "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s"
    assert video_link(Meta(source_url="https://x.org/v", timestamp="3:05")) == "https://x.org/v?t=185s"
    assert video_link(Meta()) == ""


def test_modules_are_a_square() -> None:
    m = qr_mark("https://www.youtube.com/watch?v=7xTGNNLPyMI", 0, 0, 14, "#000")
    n = len(m.modules)
    assert n >= 21 and all(len(r) == n for r in m.modules)
    assert m.modules[0][:7] == (True,) * 7  # a finder pattern in the corner
