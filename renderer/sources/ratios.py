"""The ratio spec (``배치 비율``): a bullet list or a markdown table of band percentages."""

from __future__ import annotations

import re

from markdown_it.token import Token

from ..errors import InputError
from ..model import Ratio, RatioSpec

# the word right before a '%': markdown emphasis, brackets and "about" marks around it are not part of it
_PCT = re.compile(r"([^\s(:/%*_`\[~≈=,+]*)\s*%")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_SPLIT = re.compile(r"(좌|우|왼쪽|오른쪽|가운데|중앙)\s*[:(]?\s*(\d+(?:\.\d+)?)\s*%")
_EQUAL = re.compile(r"(\d+)\s*(?:등분|분할)")
MAX_SPLIT = 12  # more columns than this in one band is no page layout
_HINT = "write each band as '- 상단 (10%): 타이틀', one per band, top to bottom"


def _percents(text: str, file: str, line: int, col0: int, src_line: str) -> list[tuple[float, int]]:
    """Every ``N%`` in ``text`` as (N, 1-based column in the line); a non-number is an error."""
    out = []
    for m in _PCT.finditer(text):
        num = m.group(1).strip()
        col = col0 + m.start(1) + 1
        if not _NUMBER.match(num):
            what = f"the ratio '{num}%' is not a number" if num else "this '%' has no number before it"
            raise InputError(
                file, line, col, what, "write the percentage as digits, e.g. 25%", src_line,
            )
        out.append((float(num), col))
    return out


def _columns(text: str) -> tuple[float, ...]:
    """A band's horizontal split: ``좌 40% / 우 60%`` or ``N등분``; () when none (or none that makes sense)."""
    split = [float(m.group(2)) for m in _SPLIT.finditer(text)]
    if len(split) >= 2:
        if len(split) > MAX_SPLIT or not all(0 < v <= 100 for v in split):
            return ()
        return tuple(split)
    m = _EQUAL.search(text)
    if m and 2 <= int(m.group(1)) <= MAX_SPLIT:
        n = int(m.group(1))
        return tuple([100.0 / n] * n)
    return ()


def _check_band(pct: float, file: str, line: int, col: int, src_line: str) -> None:
    if not 0 < pct <= 100:
        raise InputError(
            file, line, col, f"a band's share must be more than 0% and at most 100%, not {pct:g}%",
            "give every band a positive percentage; together they make 100%", src_line,
        )


def _cell_start(src_line: str, k: int) -> int:
    """0-based index in a table row's line where its ``k``-th cell's text starts (-1 if none)."""
    pipes = [i for i, ch in enumerate(src_line) if ch == "|" and (i == 0 or src_line[i - 1] != "\\")]
    lead = src_line.lstrip()
    starts = [p + 1 for p in pipes]
    if not lead.startswith("|"):
        starts.insert(0, len(src_line) - len(lead))
    if k >= len(starts):
        return -1
    i = starts[k]
    while i < len(src_line) and src_line[i] == " ":
        i += 1
    return i


def ratios_from_list(tokens: list[Token], start: int, file: str, lines: list[str], spec_line: int) -> RatioSpec:
    ratios: list[Ratio] = []
    depth = 0
    i = start
    while i < len(tokens):
        t = tokens[i]
        if t.type == "bullet_list_open" or t.type == "ordered_list_open":
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif t.type == "list_item_open" and depth == 1 and t.map:
            ln = t.map[0]
            src_line = lines[ln]
            content = src_line
            pcts = _percents(content, file, ln + 1, 0, src_line)
            if not pcts:
                raise InputError(
                    file, ln + 1, len(src_line) - len(src_line.lstrip()) + 1,
                    "this ratio line has no percentage", _HINT, src_line,
                )
            band_pct, col = pcts[0]
            _check_band(band_pct, file, ln + 1, col, src_line)
            after = content[content.index("%", col - 1) + 1 :]  # the band's own share is no column split
            ratios.append(Ratio(band_pct, ln + 1, col, content.strip(" -*"), _columns(after)))
        i += 1
    return RatioSpec(file, spec_line, tuple(ratios))


def ratios_from_table(tokens: list[Token], start: int, file: str, lines: list[str], spec_line: int) -> RatioSpec:
    rows: list[tuple[int, list[str]]] = []
    i = start
    cur: list[str] | None = None
    cur_line = 0
    while i < len(tokens) and tokens[i].type != "table_close":
        t = tokens[i]
        if t.type == "tr_open":
            cur = []
            cur_line = t.map[0] if t.map else 0
        elif t.type == "inline" and cur is not None:
            cur.append(t.content)
        elif t.type == "tr_close" and cur is not None:
            rows.append((cur_line, cur))
            cur = None
        i += 1
    if not rows:
        raise InputError(file, spec_line, 1, "the ratio table is empty", _HINT)
    header = rows[0][1]
    pct_col = next((k for k, h in enumerate(header) if "비율" in h or "%" in h or "ratio" in h.lower()), -1)
    ratios: list[Ratio] = []
    for ln, cells in rows[1:]:
        src_line = lines[ln]
        if pct_col < 0:
            cell_k = next((k for k, c in enumerate(cells) if "%" in c), -1)
        else:
            cell_k = pct_col
        cell = cells[cell_k] if 0 <= cell_k < len(cells) else ""
        col0 = _cell_start(src_line, cell_k) if cell_k >= 0 else -1
        if col0 < 0 or not src_line.startswith(cell, col0):
            col0 = max(0, src_line.find(cell)) if cell else 0
        pcts = _percents(cell, file, ln + 1, col0, src_line)
        if not pcts:
            raise InputError(
                file, ln + 1, col0 + 1, "this ratio row has no percentage",
                "put the band's share as e.g. 25% in the 비율 column", src_line,
            )
        others = " ".join(c for k, c in enumerate(cells) if k != cell_k)
        label = cells[0] if cells else ""
        _check_band(pcts[0][0], file, ln + 1, pcts[0][1], src_line)
        ratios.append(Ratio(pcts[0][0], ln + 1, pcts[0][1], label, _columns(others)))
    return RatioSpec(file, spec_line, tuple(ratios))
