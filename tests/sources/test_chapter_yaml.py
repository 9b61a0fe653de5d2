"""Chapter YAMLs: what is read from them, and where their errors point."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cheatsheet.errors import InputError
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from tests.conftest import ROOT


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "layouts").mkdir()
    shutil.copy(ROOT / "layouts" / "ch09.txt", tmp_path / "layouts" / "ch09.txt")
    return tmp_path


def _chapter(folder: Path, text: str) -> Path:
    p = folder / "chapters" / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_content_keeps_its_file_lines(folder: Path) -> None:
    p = _chapter(folder, "title: T\nlayout: ch09.txt\nregions:\n  band3:\n    title: x\n    content:\n"
                         "    - |\n      first\n      second\n    - plain\n")
    chapter = read_input(p)
    block, plain = chapter.region_content["band3"]
    assert (block.markdown, block.line) == ("first\nsecond\n", 8)
    assert (plain.markdown, plain.line) == ("plain", 10)
    assert lay_out(chapter).content["band3"] == [block, plain]


def test_a_date_that_is_no_date_stays_text(folder: Path) -> None:
    """PyYAML would build a datetime.date from it and fail with a ValueError."""
    chapter = read_input(_chapter(folder, "title: T\ntimestamp: 2024-13-45\nlayout: ch09.txt\n"))
    assert chapter.meta.timestamp == "2024-13-45"
    chapter = read_input(_chapter(folder, "title: T\ntimestamp: 2024-01-05\nlayout: ch09.txt\n"))
    assert chapter.meta.timestamp == "2024-01-05"


def test_places_count_lines_by_line_feeds_only(folder: Path) -> None:
    """U+2028 inside a value is no line break for the rest of the program: the error's line is the key's."""
    p = _chapter(folder, 'title: "a\u2028b"\nlayout: ch09.txt\nregions:\n  band9:\n    content: x\n')
    with pytest.raises(InputError) as exc:
        lay_out(read_input(p))
    assert (exc.value.line, exc.value.col) == (4, 3)
    assert "did you mean 'band3'?" in exc.value.hint


def test_a_key_that_is_not_text(folder: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_input(_chapter(folder, "title: T\nlayout: ch09.txt\n? [a, b]\n: c\n"))
    assert exc.value.line == 3 and "YAML syntax error" in exc.value.message


def test_unknown_region_lists_the_layout_regions(folder: Path) -> None:
    p = _chapter(folder, "title: T\nlayout: ch09.txt\nregions:\n  band3:\n    content: x\n  middle:\n    content: y\n")
    with pytest.raises(InputError) as exc:
        lay_out(read_input(p))
    err = exc.value
    assert (err.line, err.col, err.message) == (6, 3, "no region 'middle' in the layout")
    assert "band2.col1 (📦 BASE MODEL이란?)" in err.hint and "band4.col3 (📌 KEY TAKEAWAYS)" in err.hint


def test_a_layout_name_that_cannot_be_a_file(folder: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_input(_chapter(folder, 'title: T\nlayout: "a\\0b.txt"\n'))
    assert (exc.value.line, exc.value.col) == (2, 9) and "no layout file" in exc.value.message
