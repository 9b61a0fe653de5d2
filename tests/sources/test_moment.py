"""A chapter's moment in the video, read from a chapter source file (``--source``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.errors import InputError
from cheatsheet.model import Chapter, LayoutSource, Meta
from cheatsheet.sources import read_input
from cheatsheet.sources.frontmatter import parse_meta
from cheatsheet.sources.moment import read_source, with_moment
from cheatsheet.sources.timecode import format_time, seconds
from tests.conftest import SEEDS, seed

TRANSLATION = SEEDS / "001_547d284c1956cbba.txt"
TRANSCRIPT = SEEDS / "003_f5bee60e0a5f9535.txt"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "chapter.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_times() -> None:
    assert seconds("1:01:06") == 3666 and seconds("3:05") == 185 and seconds(" 0:00 ") == 0
    assert seconds("1:61:06") is None and seconds("soon") is None and seconds("1:2") is None
    assert format_time(3666) == "1:01:06" and format_time(185) == "3:05"


def test_front_matter_timestamp_of_a_translation() -> None:
    m = read_source(TRANSLATION)
    assert m.timestamp == "1:01:06"
    assert m.url == "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s"
    assert m.line == 5  # the 'timestamp:' line


def test_first_mark_of_a_transcript() -> None:
    m = read_source(TRANSCRIPT)
    first = next(i for i, ln in enumerate(TRANSCRIPT.read_text(encoding="utf-8").split("\n"), 1)
                 if ln.startswith("[1:01:30]"))
    assert (m.timestamp, m.line) == ("1:01:30", first)
    assert m.url == "https://www.youtube.com/watch?v=7xTGNNLPyMI"


def test_front_matter_wins_over_marks_and_unquoted_times_stay_times(tmp_path: Path) -> None:
    p = _write(tmp_path, "---\ntitle: T\ntimestamp: 1:01:06\n---\n\n[0:10] words\n")
    assert read_source(p).timestamp == "1:01:06"  # not YAML's base-60 number 3666
    p = _write(tmp_path, "no front matter\n\nsome words [12:30] more [13:00]\n")
    assert (read_source(p).timestamp, read_source(p).url) == ("12:30", "")
    assert parse_meta("timestamp: 1:01:06").timestamp == "1:01:06"


@pytest.mark.parametrize(("text", "line", "col", "words"), [
    ("---\ntitle: T\n---\n\nno marks at all\n", 0, 0, "no timestamp"),  # the whole file: no position
    ("---\ntitle: T\ntimestamp: \"1:61:06\"\n---\n", 3, 13, "is not a time"),
    ("---\ntitle: T\ntimestamp: \"soon\"\n---\n", 3, 13, "is not a time"),
    ("---\ntimestamp: \"1:01:06\"\nsourceUrl: watch?v=x\n---\n", 3, 12, "not a web address"),
    ("---\ntitle: T\ntimestamp: [1, 2\n---\n", 3, 17, "not valid YAML"),
])
def test_bad_source_files(tmp_path: Path, text: str, line: int, col: int, words: str) -> None:
    p = _write(tmp_path, text)
    with pytest.raises(InputError) as e:
        read_source(p)
    assert (e.value.file, e.value.line, e.value.col) == (str(p), line, col)
    assert words in e.value.message and e.value.hint
    at = f":{line}:{col}" if line else ""  # a problem of the whole file has no position
    assert e.value.render().startswith(f"{p}{at}: error: ")


def test_missing_and_binary_source_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    png = tmp_path / "shot.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    with pytest.raises(InputError, match="a PNG image"):
        read_source(png)


def _chapter(meta: Meta) -> Chapter:
    return Chapter("p.md", meta, LayoutSource("p.md", 1, (), None))


def test_the_chapter_own_timestamp_is_kept_with_a_warning() -> None:
    src = read_source(TRANSCRIPT)
    both = with_moment(_chapter(Meta(timestamp="1:01:06", source_url="https://v.org/a")), src)
    assert both.meta.timestamp == "1:01:06" and both.meta.source_url == "https://v.org/a"
    assert len(both.notices) == 1 and "1:01:30" in both.notices[0].message
    assert both.notices[0].file == str(TRANSCRIPT)
    filled = with_moment(_chapter(Meta()), src)
    assert (filled.meta.timestamp, filled.meta.source_url) == ("1:01:30", src.url) and not filled.notices
    same = with_moment(_chapter(Meta(timestamp="1:01:30")), src)
    assert not same.notices


def test_read_input_with_a_source() -> None:
    chapter = read_input(seed("ch10"), TRANSLATION)
    assert chapter.meta.timestamp == "1:01:06"
    assert chapter.meta.source_url == "https://www.youtube.com/watch?v=7xTGNNLPyMI"  # the prompt's own
    assert read_input(seed("ch10")).meta.timestamp == ""
