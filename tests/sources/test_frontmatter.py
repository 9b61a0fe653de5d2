"""A prompt's front matter: read into the banner's and footer's metadata, found only where it is one,
and a YAML mistake in it is an error at its place with a hint (never silently an empty footer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cheatsheet.errors import InputError
from cheatsheet.sources import read_input

BODY = "\n# Layout Structure\n\n┌──────────────┐\n│ 🍌 TITLE     │\n├──────────────┤\n│ ⚡ BODY       │\n└──────────────┘\n"


def _read(tmp_path: Path, front: str, before: str = ""):
    p = tmp_path / "p.md"
    p.write_text(before + front + BODY, encoding="utf-8")
    return read_input(p)


def test_front_matter_inside_the_source_text(tmp_path: Path) -> None:
    meta = _read(tmp_path, '---\ntitle: "9. Pretraining"\nchapter: 9\ntimestamp: 2024-13-45\n'
                           'source_url: "https://x.test/v"\nauthor: "A. K."\n---\n', "# Role\nhi\n\n# Source Text\n").meta
    assert (meta.title, meta.chapter, meta.timestamp, meta.source_url, meta.author) == (
        "9. Pretraining", 9, "2024-13-45", "https://x.test/v", "A. K.")


def test_a_markdown_rule_before_key_like_text_is_no_front_matter(tmp_path: Path) -> None:
    chapter = _read(tmp_path, "---\nNote: this is prose, not YAML: really\n---\n")
    assert chapter.meta.title == ""


@pytest.mark.parametrize("front, line, col, words, hint", [
    ('---\ntitle: "1. Test"\n  chapter: 1\n---\n', 3, 3, "indented under 'title'", "left margin"),
    ("---\ntitle: 1. Test\n   chapter: 1\n---\n", 3, 4, "indented under 'title'", "remove the 3 spaces"),
    ('---\ntitle: "x"\nsource:\n    url: "u"\n  kind: v\n---\n', 5, 3, "expected <block end>",
     "indented differently"),
    ("---\ntitle: 9. Pretraining: Intro\n---\n", 2, 22, "mapping values are not allowed", "needs quotes"),
    ("---\ntitle: x\n\tchapter: 1\n---\n", 3, 1, "cannot start any token", "never tabs"),
    ('---\ntitle: "x\nchapter: 1\n---\n', 2, 8, "unexpected end of stream", "close the quote"),
    ("---\nchapter: 1\ntitle: [a, b\n---\n", 3, 8, "YAML syntax error", "close the '['"),
])
def test_a_yaml_mistake_is_an_error_at_its_place(tmp_path: Path, front: str, line: int, col: int, words: str,
                                                 hint: str) -> None:
    with pytest.raises(InputError) as exc:
        _read(tmp_path, front, "# Source Text\n")
    err = exc.value
    assert (err.line - 1, err.col) == (line, col)  # one line of '# Source Text' above the front matter
    assert words in err.message
    assert hint in err.hint
    assert err.source_line == (("# Source Text\n" + front).split("\n"))[err.line - 1]
