"""The chapter's moment in the video on the printed sheet: the footer, and the QR code in the
title banner (at least QR_SIZE wide, read back from the rendered PNG)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from cheatsheet import theme
from cheatsheet.cli import main
from cheatsheet.compose.marks import QRMark, TextMark
from cheatsheet.compose.page import banner_height, compose_page, footer_text
from cheatsheet.compose.qr import video_link
from cheatsheet.layout.place import Split
from cheatsheet.render import compose, lay_out, render
from cheatsheet.sources import read_input
from cheatsheet.sources.chapter_yaml import read_chapter_yaml
from tests.conftest import CHAPTERS, SEEDS, seed

TRANSLATION = SEEDS / "001_547d284c1956cbba.txt"
TRANSCRIPT = SEEDS / "003_f5bee60e0a5f9535.txt"
CH10_MOMENT = "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3666s"
DPI = 250

pytestmark = pytest.mark.slow


def _decode(png: bytes, rect_mm: tuple[float, float, float, float] | None = None) -> list[str]:
    """The QR codes zxing-cpp reads in the PNG (in ``rect_mm`` of it, when given)."""
    im = Image.open(io.BytesIO(png)).convert("L")
    if rect_mm is not None:
        x, y, w, h = (v * im.width / theme.PAGE_W for v in rect_mm)
        im = im.crop((int(x), int(y), int(x + w) + 1, int(y + h) + 1))
    return [r.text for r in zxingcpp.read_barcodes(np.asarray(im), formats=zxingcpp.BarcodeFormat.QRCode)]


def _qr_marks(marks: list) -> list[QRMark]:
    return [m for m in marks if isinstance(m, QRMark)]


def _footer_words(marks: list) -> str:
    low = theme.PAGE_H - theme.MARGIN - theme.FOOTER_H
    return " ".join(m.text for m in marks if isinstance(m, TextMark) and m.y > low)


@pytest.mark.parametrize("name", ["ch09", "ch10", "ch24"])
def test_every_bundled_chapter_has_a_readable_qr_of_at_least_15_mm(name: str) -> None:
    result = render(CHAPTERS / f"{name}.yaml", dpi=DPI, pdf=False)
    page, chapter = result.page, result.chapter
    (qr,) = _qr_marks(page.marks)
    assert qr.size >= 15.0 - 1e-9 and qr.size >= theme.QR_SIZE - 1e-9
    assert qr.quiet >= theme.QR_QUIET_MODULES * qr.size / len(qr.modules) - 1e-9
    bx, by, bw, bh = page.layout.bands[0].rect
    assert bh >= banner_height(chapter, page.layout) - 1e-6
    # the code and its white border lie inside the banner, clear of its frame
    assert by + theme.GUTTER / 2 < qr.y - qr.quiet and qr.y + qr.size + qr.quiet < by + bh - theme.GUTTER / 2
    assert qr.x + qr.size + qr.quiet < bx + bw - theme.GUTTER / 2
    link = video_link(chapter.meta)
    assert link.startswith("https://www.youtube.com/watch?v=7xTGNNLPyMI")
    assert _decode(result.png, page.layout.bands[0].rect) == [link]
    if name == "ch10":
        assert link == CH10_MOMENT
        assert "video 1:01:06" in _footer_words(page.marks)


def test_the_banner_takes_the_room_the_qr_needs() -> None:
    """A prompt that gives the title band too little: the band grows, the code stays QR_SIZE wide."""
    chapter = read_input(CHAPTERS / "ch10.yaml")
    layout = lay_out(chapter)
    rest = sum(layout.split.bands[1:])
    layout.replace(Split([0.05] + [f * 0.95 / rest for f in layout.split.bands[1:]], dict(layout.split.columns)))
    page = compose_page(chapter, layout, overflow_ok=True)
    (qr,) = _qr_marks(page.marks)
    assert qr.size == theme.QR_SIZE
    need = banner_height(chapter, layout)
    assert need >= theme.QR_SIZE + 2 * qr.quiet + theme.GUTTER
    assert page.layout.bands[0].rect[3] == pytest.approx(need)
    assert sum(b.rect[3] for b in page.layout.bands) == pytest.approx(theme.PAGE_H - 2 * theme.MARGIN - theme.FOOTER_H)
    assert layout.bands[0].rect[3] < need  # the layout handed in is as it was


def test_no_qr_leaves_it_out_and_the_footer_gives_the_address() -> None:
    chapter, with_qr = compose(CHAPTERS / "ch10.yaml")
    _, without = compose(CHAPTERS / "ch10.yaml", qr=False)
    assert _qr_marks(with_qr.marks) and not _qr_marks(without.marks)
    assert CH10_MOMENT not in footer_text(chapter, with_link=False)
    assert footer_text(chapter) == ("Andrej Karpathy  ·  Deep Dive into LLMs like ChatGPT  ·  chapter 10/24  ·  "
                                    f"video 1:01:06  ·  {CH10_MOMENT}")
    result = render(CHAPTERS / "ch10.yaml", dpi=DPI, pdf=False, qr=False)
    assert _decode(result.png) == []


def test_render_source_and_no_qr_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "s.png"
    assert main(["-q", "render", str(seed("ch10")), "--source", str(TRANSLATION), "-o", str(out),
                 "--dpi", str(DPI)]) == 0
    assert _decode(out.read_bytes()) == [CH10_MOMENT]
    assert main(["-q", "render", str(seed("ch10")), "--source", str(TRANSCRIPT), "-o", str(out),
                 "--dpi", str(DPI)]) == 0
    assert _decode(out.read_bytes()) == ["https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3690s"]
    assert main(["-q", "render", str(seed("ch10")), "--source", str(TRANSLATION), "--no-qr", "-o", str(out),
                 "--dpi", str(DPI)]) == 0
    assert _decode(out.read_bytes()) == []


def test_a_bad_source_file_is_an_error_with_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "chapter.txt"
    bad.write_text("---\ntitle: T\ntimestamp: \"1:75:00\"\n---\n", encoding="utf-8")
    for command in (["render", str(seed("ch10")), "-o", str(tmp_path / "x.png")],
                    ["layout", str(seed("ch10"))],
                    ["import", str(seed("ch10")), "-o", "ch10", "--root", str(tmp_path)]):
        assert main(["-q", *command, "--source", str(bad)]) == 1
        err = capsys.readouterr().err
        assert f"{bad}:3:13: error: the timestamp '1:75:00' is not a time" in err and "hint:" in err
        assert "Traceback" not in err
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "chapters").exists()
    assert main(["check", "--json", str(seed("ch10")), "--source", str(bad)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert any(f["file"] == str(bad) and f["line"] == 3 for f in doc["findings"])


def test_import_keeps_the_moment_and_renders_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "import", str(seed("ch10")), "-o", "ch10", "--root", str(tmp_path),
                 "--source", str(TRANSCRIPT)]) == 0
    path = tmp_path / "chapters" / "ch10.yaml"
    assert "timestamp: '1:01:30'" in path.read_text(encoding="utf-8")
    chapter = read_chapter_yaml(path)
    assert chapter.meta.timestamp == "1:01:30"
    assert chapter.meta.source_url == "https://www.youtube.com/watch?v=7xTGNNLPyMI"
    _, page = compose(path)
    assert "video 1:01:30" in _footer_words(page.marks)
    assert video_link(chapter.meta) == "https://www.youtube.com/watch?v=7xTGNNLPyMI&t=3690s"


def test_the_bundled_chapter_10_is_the_import_with_its_source(tmp_path: Path) -> None:
    """chapters/ch10.yaml is what 'import --source' makes of the seed prompt and the translated chapter."""
    assert main(["-q", "import", str(seed("ch10")), "-o", "ch10", "--root", str(tmp_path),
                 "--source", str(TRANSLATION)]) == 0
    made = (tmp_path / "chapters" / "ch10.yaml").read_text(encoding="utf-8")
    assert made == (CHAPTERS / "ch10.yaml").read_text(encoding="utf-8")
    assert read_chapter_yaml(CHAPTERS / "ch10.yaml").meta.timestamp == "1:01:06"
