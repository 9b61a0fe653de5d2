"""The text written inside a region's box in the diagram, as markdown for the region."""

from __future__ import annotations

from dataclasses import dataclass

from ..boxes import Row
from ..sources.markdown import text_arrows


@dataclass(frozen=True)
class DrawnText:
    text: str
    line: int  # file line of the first row
    has_boxes: bool  # the region's box holds boxes of its own: a drawing


def diagram_markdown(rows: list[Row]) -> DrawnText | None:
    """Rows dedented by their common indent, blank rows at both ends dropped."""
    texts = [r.text.rstrip() for r in rows]
    lo, hi = 0, len(texts)
    while lo < hi and not texts[lo].strip():
        lo += 1
    while hi > lo and not texts[hi - 1].strip():
        hi -= 1
    if lo >= hi:
        return None
    body = texts[lo:hi]
    indent = min(len(t) - len(t.lstrip()) for t in body if t.strip())
    lines = [t[indent:] if t.strip() else "" for t in body]
    has_boxes = any(c in "┌┐└┘" for t in lines for c in t)
    if not has_boxes:
        # words only: a side of the box that drifted into the row is no part of them, an arrow typed
        # with line characters is the arrow it means
        lines = [text_arrows(t).rstrip().rstrip("│┃║").rstrip() for t in lines]
    # collapse runs of blank rows: one blank row separates paragraphs
    out: list[str] = []
    for t in lines:
        if not t and out and not out[-1]:
            continue
        out.append(t)
    return DrawnText("\n".join(out), rows[lo].line, has_boxes)
