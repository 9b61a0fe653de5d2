"""Image baselines of the bundled chapters (pytest-mpl, baseline_images/), at 60 dpi.

Regenerate on purpose only: ``pytest tests/test_chapter_images.py --mpl-generate-path=baseline_images``,
then open every regenerated PNG and look at it before committing it.
"""

from __future__ import annotations

import pytest

from cheatsheet import theme
from cheatsheet.draw.canvas import figure_mm
from cheatsheet.render import compose
from tests.conftest import CHAPTERS

DPI = 60
TOLERANCE = 2.0  # RMS difference on a 0-255 scale


@pytest.mark.mpl_image_compare(baseline_dir="../baseline_images", tolerance=TOLERANCE, style="default",
                               savefig_kwargs={"dpi": DPI})
@pytest.mark.parametrize("name", ["ch09", "ch10", "ch24"])
def test_chapter_image(name: str):
    _, page = compose(CHAPTERS / f"{name}.yaml")
    return figure_mm(page.marks, theme.PAGE_W, theme.PAGE_H, dpi=DPI)
