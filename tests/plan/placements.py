"""The intended placements of the form corpus (tests/data/prompt_forms.md), read from its tables."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "data" / "prompt_forms.md"
PROMPTS = ROOT / "prompts"


def intended() -> list[tuple[str, str, str]]:
    """(prompt file name, phrase, box title) for every row of the placement tables."""
    out = []
    name = ""
    for line in FORMS.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^###\s+(\S+\.md)\s*$", line)
        if m:
            name = m.group(1)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if name and line.startswith("|") and len(cells) == 2 and cells[0] not in ("phrase", "---") \
                and not set(cells[0]) <= set("-: "):
            out.append((name, cells[0], cells[1]))
    return out
