"""The SVG as a browser shows it: headless Chromium draws the SVG of a sheet, and its screenshot must
look like the PNG of the same sheet (greyscale, downscaled, small mean difference)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cheatsheet import theme
from cheatsheet.compose.marks import QRMark
from cheatsheet.export import figure_for, png_bytes, svg_bytes
from cheatsheet.render import compose
from tests.conftest import CHAPTERS, ROOT

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 1188, 840  # the browser window: A4 landscape at 4 px per mm
DPI = 100
COMPARE = (297, 210)  # both pictures are compared at 1 px per mm
MEAN_MAX = 4.0  # mean absolute difference allowed, on 0-255
CELL_MAX = 24.0  # ...and in any 10 x 10 mm cell (a missing word or box shows there)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if not sys.platform.startswith("linux"):  # CI runs on Linux with Chromium; elsewhere it is optional
        pytest.skip("no Chromium on the PATH (chromium, google-chrome): the SVG is not shown in a browser")
    pytest.fail("no Chromium: install it (Debian: apt-get install -y chromium), as .ci/run does")


def _screenshot(svg: Path, tmp_path: Path) -> Image.Image:
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>html,body{margin:0;padding:0;overflow:hidden;"
        f"background:#fff}}img{{display:block;width:{WIDTH}px;height:{HEIGHT}px}}</style></head>"
        f"<body><img src='{svg.name}'></body></html>", encoding="utf-8")
    shot = tmp_path / "shot.png"
    cmd = [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
           "--force-device-scale-factor=1", f"--user-data-dir={tmp_path / 'profile'}",
           f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", page.as_uri()]
    env = {**os.environ, "HOME": str(tmp_path)}
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
    assert p.returncode == 0 and shot.is_file(), p.stderr[-2000:]
    return Image.open(shot)


def _grey(im: Image.Image) -> np.ndarray:
    return np.asarray(im.convert("L").resize(COMPARE, Image.Resampling.BOX), dtype=float)


def _cells(diff: np.ndarray, cell: int = 10) -> np.ndarray:
    h, w = (diff.shape[0] // cell) * cell, (diff.shape[1] // cell) * cell
    return diff[:h, :w].reshape(h // cell, cell, w // cell, cell).mean(axis=(1, 3))


@pytest.mark.parametrize("source", [CHAPTERS / "ch10.yaml", ROOT / "tests" / "prompts" / "mermaid_zoo.md"],
                         ids=["ch10", "mermaid_zoo"])
def test_the_svg_in_a_browser_looks_like_the_png(source: Path, tmp_path: Path) -> None:
    _, page = compose(source)
    fig = figure_for(page.marks, DPI)
    svg = tmp_path / "sheet.svg"
    svg.write_bytes(svg_bytes(fig))
    png = Image.open(io.BytesIO(png_bytes(fig, DPI)))
    shot = _screenshot(svg, tmp_path)
    assert shot.size == (WIDTH, HEIGHT)
    a, b = _grey(shot), _grey(png)
    diff = np.abs(a - b)
    assert diff.mean() < MEAN_MAX, f"mean difference {diff.mean():.2f}"
    assert _cells(diff).max() < CELL_MAX, f"largest 10 mm cell difference {_cells(diff).max():.2f}"
    # the measure sees a missing piece: the PNG of the same sheet without its QR code is far off
    bare = figure_for([m for m in page.marks if not isinstance(m, QRMark)], DPI)
    assert _cells(np.abs(a - _grey(Image.open(io.BytesIO(png_bytes(bare, DPI)))))).max() > 2 * CELL_MAX
    assert theme.PAGE_W / theme.PAGE_H == pytest.approx(WIDTH / HEIGHT, rel=1e-3)
