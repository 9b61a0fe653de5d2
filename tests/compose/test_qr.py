"""The QR code of the video at the chapter's start: its address and its modules."""

from __future__ import annotations

from cheatsheet.compose.qr import moment_url, qr_mark, video_link
from cheatsheet.model import Meta


def test_link_carries_the_timestamp() -> None:
    meta = Meta(source_url="https://www.youtube.com/watch?v=7xTGNNLPyMI", timestamp="1:01:06")
    assert video_link(meta) == "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s"
    assert video_link(Meta(source_url="https://x.org/v", timestamp="3:05")) == "https://x.org/v?t=185s"
    assert video_link(Meta()) == ""
    assert video_link(Meta(timestamp="1:00")) == ""


def test_an_existing_t_is_replaced_and_the_rest_kept() -> None:
    url = "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s"
    assert moment_url(url, "1:01:30") == "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3690s"
    assert moment_url("https://www.youtube.com/watch?t=5&v=ID&list=PL1", "0:10") == \
        "https://www.youtube.com/watch?v=ID&list=PL1&t=10s"
    assert moment_url("https://youtu.be/ID?si=abc#frag", "2:00") == "https://youtu.be/ID?si=abc&t=120s#frag"


def test_no_time_leaves_the_address_as_it_is() -> None:
    url = "https://www.youtube.com/watch?v=ID&t=30s"
    assert moment_url(url, "") == url
    assert moment_url(url, "2024-01-05") == url  # a date, not a time in the video


def test_modules_are_a_square() -> None:
    m = qr_mark("https://www.youtube.com/watch?v=7xTGNNLPyMI", 0, 0, 15, "#000", 1.0)
    n = len(m.modules)
    assert n >= 21 and all(len(r) == n for r in m.modules)
    assert m.modules[0][:7] == (True,) * 7  # a finder pattern in the corner
    assert (m.size, m.quiet) == (15, 1.0)
