"""Content said twice in one region (a box drawing and a table of the same steps, a line pasted
twice) is drawn once: the later block goes, with a notice naming it."""

from __future__ import annotations

import re
from collections import Counter

from .. import theme
from ..errors import Notice
from .blocks.base import Block

WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits of any script; marks and arrows are not words


def words(block: Block) -> Counter[str]:
    """The words a block writes, as a multiset (their order and the block's kind do not matter)."""
    texts = getattr(block, "texts", None)
    return Counter(w.casefold() for t in (texts() if texts else []) for w in WORD.findall(t))


def _sub_item(block: Block) -> bool:
    """A list's sub-item may well repeat another's words (``└─ 비용: 적음`` under two items)."""
    return getattr(block, "marker", "") in ("glyph", "tree", "box") and getattr(block, "level", 0) > 0


def drop_repeats(blocks: list[tuple[Block, str]], region: str, notices: list[Notice]) -> list[Block]:
    """``blocks`` (each with its file) without those that write the same words as an earlier one
    of at least REPEAT_MIN_WORDS words."""
    seen: dict[tuple[tuple[str, int], ...], Block] = {}
    out: list[Block] = []
    for block, file in blocks:
        bag = words(block)
        if sum(bag.values()) < theme.REPEAT_MIN_WORDS or _sub_item(block):
            out.append(block)
            continue
        key = tuple(sorted(bag.items()))
        first = seen.get(key)
        if first is None:
            seen[key] = block
            out.append(block)
            continue
        notices.append(Notice(file, block.line, 1, f'"{region}" says this again (as line {first.line} does): '
                                                   f"it is drawn once"))
    return out
