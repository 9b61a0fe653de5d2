"""Image baselines of one small example of each kind (pytest-mpl, baseline_images/).

Regenerate on purpose only: ``pytest tests/compose/test_images.py --mpl-generate-path=baseline_images``,
then open every regenerated PNG and look at it before committing it.
"""

from __future__ import annotations

import pytest

from cheatsheet.draw.canvas import figure_mm
from tests.compose.examples import EXAMPLES
from tests.compose.helpers import INK, blocks_of

WIDTH = 130.0
SIZE = 10.0
TOLERANCE = 2.0  # RMS difference on a 0-255 scale


@pytest.mark.mpl_image_compare(baseline_dir="../../baseline_images", tolerance=TOLERANCE, style="default",
                               savefig_kwargs={"dpi": 110})
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_kind_image(kind: str):
    blocks = blocks_of(EXAMPLES[kind])
    y = 4.0
    marks = []
    for b in blocks:
        marks.extend(b.place(4.0, y, WIDTH, SIZE, INK))
        y += b.measure(WIDTH, SIZE) + 2.0
    return figure_mm(marks, WIDTH + 8.0, y + 2.0, dpi=110)
