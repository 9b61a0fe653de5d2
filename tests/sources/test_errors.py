"""InputError.render(): the place, the offending line, a caret under the column in a terminal, the hint."""

from __future__ import annotations

from pathlib import Path

from cheatsheet.errors import InputError, Notice, caret_pad, diagnostic
from cheatsheet.hints import GENERAL


def test_render_has_place_line_caret_and_hint() -> None:
    err = InputError("p.md", 12, 7, "the ratio '열%' is not a number", "write digits", "- 하단 (열%): 아래")
    assert err.render().split("\n") == [
        "p.md:12:7: error: the ratio '열%' is not a number",
        "  - 하단 (열%): 아래",
        "          ^",  # '- ' 2 columns, '하단' 4, ' (' 2: the caret sits under '열'
        "hint: write digits",
    ]
    assert str(err) == "p.md:12:7: error: the ratio '열%' is not a number"


def test_render_reads_the_line_from_the_file(tmp_path: Path) -> None:
    p = tmp_path / "x.md"
    p.write_text("first\nsecond line\n", encoding="utf-8")
    lines = InputError(str(p), 2, 8, "here", "fix it").render().split("\n")
    assert lines[1:] == ["  second line", "         ^", "hint: fix it"]


def test_render_without_a_readable_line_shows_no_empty_caret_line() -> None:
    lines = InputError("gone.md", 3, 1, "no such file", "check the path").render().split("\n")
    assert lines == ["gone.md:3:1: error: no such file", "hint: check the path"]


def test_a_whole_file_problem_has_no_position() -> None:
    assert InputError("a.md", 0, 0, "no such file", "check the path").render() == (
        "a.md: error: no such file\nhint: check the path")
    assert diagnostic("warning", "pale ink") == "cheatsheet: warning: pale ink"
    assert diagnostic("error", "x", "a.md", 2) == "a.md:2: error: x"


def test_caret_under_wide_characters_tabs_and_emoji_with_a_variation_selector() -> None:
    assert caret_pad("한글x", 2) == "    "
    assert caret_pad("a\tb", 2) == " \t"
    assert caret_pad("⚠️x", 2) == "  "  # U+26A0 U+FE0F: two columns
    assert caret_pad("📖 x", 2) == "   "
    assert caret_pad("abc", 10) == "   "


def test_notice_is_a_warning_with_a_place() -> None:
    assert Notice("p.md", 3, 1, "scaled").headline == "p.md:3:1: warning: scaled"
    assert str(Notice("p.md", 3, 1, "scaled", hint="do this")) == "p.md:3:1: warning: scaled\nhint: do this"
    # a warning no hint speaks for still says where to read about it
    assert str(Notice("p.md", 3, 1, "scaled")).endswith("\nhint: " + GENERAL)
    assert Notice("p.md", 3, 1, "the ratios add up to 95%, not 100%: scaled to 100%").hint.startswith("correct")
