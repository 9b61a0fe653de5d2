"""``cheatsheet check``: composes without writing and reports problems with their place."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cheatsheet import theme
from cheatsheet.check import (
    LINE_CONTRAST_MIN,
    TEXT_CONTRAST_MIN,
    check,
    grey_contrast,
    ink_contrasts,
    page_findings,
)
from cheatsheet.cli import main
from cheatsheet.compose.marks import TextMark
from cheatsheet.compose.text import fonts
from cheatsheet.render import compose
from tests.conftest import CHAPTERS

MINI = """\
# Source Text

---
title: "Mini"
titleKr: "미니 시트"
chapter: 1
author: "Tester"
---

# Layout Structure

┌──────────────────────────────────────────────┐
│  📘 MINI CHEAT SHEET                          │
├──────────────────────────────────────────────┤
│  ┌──────────────────┐  ┌──────────────────┐  │
│  │ 📖 LEFT BOX       │  │ 💡 RIGHT BOX      │  │
│  └──────────────────┘  └──────────────────┘  │
└──────────────────────────────────────────────┘

**배치 비율**
- 상단 타이틀: 15%
- 본문: 85%

# Content Details

## 📖 LEFT BOX (좌측)

- 첫째 항목
- 둘째 항목

## 💡 RIGHT BOX (우측)

- 오른쪽 내용
- 더 많은 내용
"""


def _write(tmp_path: Path, text: str, name: str = "mini.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def _errors(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["severity"] == "error"]


def test_bundled_chapter_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = _run(capsys, str(CHAPTERS / "ch09.yaml"))
    assert code == 0, _errors(doc)
    assert doc["clean"] and doc["errors"] == 0 and not _errors(doc)
    assert doc["regions"] and all(r["fits"] and r["size"] >= theme.BODY_PT_MIN for r in doc["regions"])
    assert all(r["content_items"] > 0 for r in doc["regions"])
    assert {"text", "line"} <= {i["role"] for i in doc["inks"]}


def test_text_report_ends_with_a_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["check", str(_write(tmp_path, MINI))])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert lines[-1].endswith(f"clean: 0 error(s), {len(lines) - 1} warning(s)")


def test_uncovered_character_is_an_error_with_its_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prompt = _write(tmp_path, MINI.replace("- 둘째 항목", "- 둘째 항목 \u0b95 글자"))
    code, doc = _run(capsys, str(prompt))
    assert code == 1
    (f,) = [f for f in doc["findings"] if f["kind"] == "uncovered"]
    assert f["severity"] == "error" and "U+0B95" in f["message"]
    line = prompt.read_text(encoding="utf-8").splitlines().index("- 둘째 항목 \u0b95 글자") + 1
    assert (f["file"], f["line"], f["col"]) == (str(prompt), line, 9)
    assert (f["region"], f["title"]) == ("band2.col1", "📖 LEFT BOX")
    # the rest of the page was still composed and checked
    assert {r["id"] for r in doc["regions"]} == {"band2.col1", "band2.col2"}


def test_uncovered_character_in_a_region_title(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prompt = _write(tmp_path, MINI.replace("│ 💡 RIGHT BOX      │", "│ 💡 RIGHT \u0b95 BOX    │"))
    code, doc = _run(capsys, str(prompt))
    assert code == 1
    (f,) = [f for f in doc["findings"] if f["kind"] == "uncovered"]
    assert f["region"] == "band2.col2" and f["line"] == 16


def test_empty_region_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prompt = _write(tmp_path, MINI.split("## 💡 RIGHT BOX")[0])
    code, doc = _run(capsys, str(prompt))
    assert code == 1
    (f,) = _errors(doc)
    assert f["kind"] == "empty" and f["region"] == "band2.col2" and f["title"] == "💡 RIGHT BOX"
    assert f["file"] == str(prompt) and f["line"] == 16


def test_unmatched_section_is_a_warning_and_fails_under_strict(capsys: pytest.CaptureFixture[str],
                                                               tmp_path: Path) -> None:
    text = MINI + "\n## 🧭 Something Else Entirely (아래)\n\n- 오른쪽 내용 더\n"
    prompt = _write(tmp_path, text)
    code, doc = _run(capsys, str(prompt))
    assert code == 0
    (f,) = [f for f in doc["findings"] if f["kind"] == "unmatched"]
    assert f["severity"] == "warning" and "Something Else Entirely" in f["message"]
    assert f["line"] == text.splitlines().index("## 🧭 Something Else Entirely (아래)") + 1
    code, doc = _run(capsys, "--strict", str(prompt))
    assert code == 1 and not doc["clean"] and doc["strict"]


def test_input_error_is_reported_as_a_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = _write(tmp_path, "title: x\nregions: [\n", "bad.yaml")
    code, doc = _run(capsys, str(bad))
    assert code == 1
    (f,) = doc["findings"]
    assert f["kind"] == "input" and f["file"] == str(bad) and f["line"] >= 1


def test_overfull_and_small_text_are_errors(tmp_path: Path) -> None:
    """Composing a really overfull page is slow (auto-fit tries every band), so the page is altered."""
    chapter, page = compose(_write(tmp_path, MINI), overflow_ok=True)
    assert page.layout is not None
    assert not page_findings(page, page.layout)
    fit = page.fits["band2.col2"]
    page.fits["band2.col2"] = dataclasses.replace(fit, fits=False, size=6.5)
    i = next(k for k, m in enumerate(page.marks) if isinstance(m, TextMark) and "오른쪽" in m.text)
    page.marks[i] = dataclasses.replace(page.marks[i], size_pt=5.0)
    found = {(f.kind, f.region) for f in page_findings(page, page.layout)}
    assert ("overfull", "band2.col2") in found
    assert ("small-text", "band2.col2") in found


def test_faces_drawn_at_a_scale_never_go_below_the_smallest_size() -> None:
    chapter, page = compose(CHAPTERS / "ch10.yaml", overflow_ok=True)
    faces = [m for m in page.marks if isinstance(m, TextMark) and m.face != theme.HAND]
    # what a reader sees: the monospace is sized by the handwriting's x-height, so it looks its body's size
    assert faces and min(fonts.seen_size(m.face, m.size_pt) for m in faces) >= theme.TEXT_PT_MIN - 1e-9
    assert any(m.face == theme.MONO and m.size_pt < theme.TEXT_PT_MIN for m in faces)
    assert not [f for f in page_findings(page, page.layout) if f.kind == "small-text"]


def test_greyscale_contrast() -> None:
    assert grey_contrast(theme.PAPER) == pytest.approx(1.0)
    assert grey_contrast("#000000") > 19
    assert grey_contrast(theme.PEN) > TEXT_CONTRAST_MIN
    assert grey_contrast(theme.GRID) < LINE_CONTRAST_MIN  # the faint grid would fail: it is not checked
    # alpha is composited onto the paper first
    assert grey_contrast(theme.PEN, alpha=0.3) < grey_contrast(theme.PEN)


def test_every_theme_ink_is_checked() -> None:
    inks = ink_contrasts([])
    text = {i.color for i in inks if i.role == "text"}
    line = {i.color for i in inks if i.role == "line"}
    assert {theme.PEN, theme.PEN_SOFT, *theme.ACCENTS} <= text
    assert {theme.PEN, theme.CHIP_EDGE, *theme.ACCENTS} <= line
    assert all(i.names for i in inks)
    pale = ink_contrasts([TextMark(0, 0, "x", 9, theme.HAND, "#dddddd")])
    (low,) = [i for i in pale if i.color == "#dddddd"]
    assert not low.ok and low.names == []


def test_low_contrast_ink_is_a_warning_at_its_place(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme, "PEN_SOFT", "#c0c0c0")  # the footer ink, pale
    report = check(_write(tmp_path, MINI))
    (f,) = [f for f in report.findings if f.kind == "contrast" and "#c0c0c0" in f.message]
    assert f.severity == "warning" and f.file.endswith("theme.py") and f.line > 1
    assert "theme.PEN_SOFT" in f.message and f"{TEXT_CONTRAST_MIN:g}:1" in f.message
