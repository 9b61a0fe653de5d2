"""The ratio spec (``배치 비율``, ``Layout Ratios``, ``비율``): band percentages as authors write them.

- bullets, one band each: ``- 상단 (10%): 타이틀``, ``- 타이틀: 8%``, ``- Title band: 8%``,
  with the band's columns after it (``좌 40% / 우 60%``) or in bullets under it;
- a markdown table with a percentage column;
- one line: ``타이틀 8% / 상단 27% / 중앙 35% / 하단 30%`` (or one band per line).

A band's columns: ``좌 40% / 우 60%``, ``(좌 40 : 우 60)``, ``left 40% / right 60%``,
``40:60``, ``3등분``, ``좌우 2등분``, ``N분할``, ``3 equal columns``.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ..errors import InputError
from ..model import Ratio, RatioSpec

# the word right before a '%': markdown emphasis, brackets and "about" marks around it are not part of it
_PCT = re.compile(r"([^\s(:/%*_`\[~≈=,+]*)\s*%")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_NUM = r"(\d+(?:\.\d+)?)"
_SIDE = r"(?:좌측|우측|좌|우|왼쪽|오른쪽|가운데|중앙|중간|중|left|right|cent(?:er|re)|middle|mid)"
_CENTRE = re.compile(r"(?:가운데|중앙|중간|중|cent(?:er|re)|middle|mid)", re.I)
# a column named by its side, with its share: "좌 40%", "우: 60", "left 40%", "(좌 40 : 우 60)"
_SPLIT = re.compile(rf"(?<![가-힣A-Za-z]){_SIDE}\s*[:(]?\s*{_NUM}\s*%?", re.I)
# shares only: "40:60", "1 : 1 : 1"
_COLON = re.compile(rf"(?<![\d:]){_NUM}\s*:\s*{_NUM}(?:\s*:\s*{_NUM})*(?![\d:])")
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "두": 2, "세": 3, "네": 4}
_EQUAL = re.compile(
    r"(\d+|two|three|four|five|six)\s*(?:등분|분할|equal\s+(?:columns|cols|parts|boxes|widths)|"
    r"(?:columns|cols|parts|boxes)\s+of\s+equal\s+width|(?:칸|열)\s*균등|균등\s*(?:칸|열|분할))", re.I)
# shares as bare percentages one after the other: "20% / 20% / 60%", "30% | 70%"
_BARE = re.compile(rf"(?<![\d.:]){_NUM}\s*%(?:\s*[/|·]\s*{_NUM}\s*%)+")
# what an author writes when a band is meant to be split (to tell a split not understood from prose)
_SPLIT_WORDS = re.compile(r"\d+\s*(?:등분|분할|칸|열|equal|columns|cols|parts|ways)", re.I)
MAX_SPLIT = 12  # more columns than this in one band is no page layout
_HINT = "write each band as '- 상단 (10%): 타이틀', one per band, top to bottom"
_SEPARATORS = "/|,·→>;"


def _split_spans(text: str, bare: bool = False) -> list[tuple[int, int, tuple[float, ...]]]:
    """Column splits written in ``text``: (start, end, shares), in order.  ``bare``: percentages
    joined only by ``/`` (``20% / 20% / 60%``) are a split too (not on a line of bands, where
    ``10% / 50% / 40%`` may be the bands themselves)."""
    out: list[tuple[int, int, tuple[float, ...]]] = []
    matches = list(_SPLIT.finditer(text))
    k = 0
    while k < len(matches):
        # sides written one after the other (only separators between them) are one split
        group = [matches[k]]
        while k + 1 < len(matches):
            gap = text[group[-1].end() : matches[k + 1].start()]
            # a ')' closing a '(' that opened before the split ends it: "(좌 40 : 우 60) / 중앙 35%"
            if gap.strip(" /:,|·)(-~") or (")" in gap and "(" not in group[-1].group(0)):
                break
            k += 1
            group.append(matches[k])
        k += 1
        # a middle band is called 중앙 too: "중앙 (55%): 좌 40% / 우 60%" splits in two, not three
        while group and _CENTRE.fullmatch(group[0].group(0).split()[0].strip(":(").rstrip("0123456789.%")):
            group.pop(0)
        if len(group) >= 2:
            shares = tuple(float(m.group(1)) for m in group)
            out.append((group[0].start(), group[-1].end(), shares))
    taken = [(a, b) for a, b, _ in out]
    for m in _COLON.finditer(text):
        if re.search(r":\s*0\d", m.group(0)):  # 1:01:30, 12:05: a time, no split
            continue
        if not any(a < m.end() and m.start() < b for a, b in taken) and "%" not in text[m.end() : m.end() + 2]:
            shares = tuple(float(x) for x in re.findall(_NUM, m.group(0)))
            out.append((m.start(), m.end(), shares))
    if bare:
        for m in _BARE.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in out):
                out.append((m.start(), m.end(), tuple(float(x) for x in re.findall(_NUM, m.group(0)))))
    for m in _EQUAL.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b, _ in out):
            word = m.group(1).lower()
            n = int(word) if word.isdigit() else _WORD_NUMBERS.get(word, 0)
            if 2 <= n <= MAX_SPLIT:
                out.append((m.start(), m.end(), tuple([100.0 / n] * n)))
    return sorted(out)


def _columns(text: str, bare: bool = True) -> tuple[float, ...]:
    """A band's horizontal split written in ``text``; () when none (or none that makes sense).  A
    split said in words (``3등분``, ``좌 40% / 우 60%``) is read before bare shares (``2:1``), which
    may be part of what the band is about."""
    spans = [(a, sh) for a, _, sh in _split_spans(text, bare)
             if 2 <= len(sh) <= MAX_SPLIT and all(0 < v <= 100 for v in sh)]
    worded = [sh for a, sh in spans if _SPLIT.match(text, a) or _EQUAL.match(text, a)]
    return (worded or [sh for _, sh in spans] or [()])[0]


def _table_columns(cells: list[str]) -> tuple[float, ...]:
    """A table row's split: the last cell that writes one (the 배치 column comes last), else ()."""
    for cell in reversed(cells):
        if cols := _columns(cell):
            return cols
    return ()


def unread_split(text: str) -> bool:
    """Whether ``text`` (a band's words other than its own share) looks like a column split that was
    not understood: two shares or more (``%``, ``a:b``), or a split word (``등분``, ``columns``)."""
    text = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?", "", text)  # a time (1:01:30) is no split
    shares = (len(re.findall(r"\d\s*%", text)) + len(re.findall(r"\d\s*:\s*\d", text))
              + len(re.findall(rf"(?<![가-힣A-Za-z]){_SIDE}\s*[:(]?\s*\d", text, re.I)))
    return shares >= 2 or bool(_SPLIT_WORDS.search(text))


def _percents(text: str, file: str, line: int, col0: int, src_line: str,
              skip: list[tuple[int, int]] = ()) -> list[tuple[float, int]]:
    """Every ``N%`` in ``text`` outside the ``skip`` spans as (N, 1-based column in the line); a
    percentage that is no number is an error wherever it is."""
    out = []
    for m in _PCT.finditer(text):
        num = m.group(1).strip()
        col = col0 + m.start(1) + 1
        if not _NUMBER.match(num):
            what = f"the ratio '{num}%' is not a number" if num else "this '%' has no number before it"
            raise InputError(file, line, col, what, "write the percentage as digits, e.g. 25%", src_line)
        if not any(a <= m.start(1) < b for a, b in skip):
            out.append((float(num), col))
    return out


def _check_band(pct: float, file: str, line: int, col: int, src_line: str) -> None:
    if not 0 < pct <= 100:
        raise InputError(
            file, line, col, f"a band's share must be more than 0% and at most 100%, not {pct:g}%",
            "give every band a positive percentage; together they make 100%", src_line,
        )


def _band(text: str, file: str, line: int, col0: int, src_line: str, label: str) -> Ratio | None:
    """The band written in ``text`` (one band): its first percentage that is not a column's, and its columns."""
    splits = _split_spans(text)
    pcts = _percents(text, file, line, col0, src_line, [(a, b) for a, b, _ in splits])
    if not pcts:
        return None
    pct, col = pcts[0]
    _check_band(pct, file, line, col, src_line)
    columns = _columns(text)
    at = col - 1 - col0  # the band's own share is no column's
    rest = text[:at] + text[at:].split("%", 1)[-1]
    if not columns and unread_split(rest):
        after = text[at:].split("%", 1)[-1]
        words = after.strip(" )]:：—-–,") or text.strip()
        return Ratio(pct, line, col, label, (), words, col0 + max(0, text.find(words)) + 1)
    return Ratio(pct, line, col, label, columns)


def ratios_from_list(tokens: list[Token], start: int, file: str, lines: list[str], spec_line: int) -> RatioSpec:
    ratios: list[Ratio] = []
    nested: list[float] = []  # shares of the bullets under the last band: its columns
    depth = 0
    i = start

    def close_band() -> None:
        if ratios and len(nested) >= 2 and not ratios[-1].columns and len(nested) <= MAX_SPLIT:
            r = ratios[-1]
            ratios[-1] = Ratio(r.percent, r.line, r.col, r.label, tuple(nested))  # read after all
        nested.clear()

    while i < len(tokens):
        t = tokens[i]
        if t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif t.type == "list_item_open" and depth == 1 and t.map:
            close_band()
            ln = t.map[0]
            src_line = lines[ln]
            ratio = _band(src_line, file, ln + 1, 0, src_line, _label(src_line))
            if ratio is None:
                raise InputError(
                    file, ln + 1, len(src_line) - len(src_line.lstrip()) + 1,
                    "this ratio line has no percentage", _HINT, src_line,
                )
            ratios.append(ratio)
        elif t.type == "list_item_open" and depth == 2 and t.map and ratios:
            src_line = lines[t.map[0]]
            pcts = _percents(src_line, file, t.map[0] + 1, 0, src_line)
            if len(pcts) == 1 and 0 < pcts[0][0] <= 100:
                nested.append(pcts[0][0])
        i += 1
    close_band()
    return RatioSpec(file, spec_line, tuple(ratios))


def _label(src_line: str) -> str:
    return src_line.strip().lstrip("-*+•").strip().removesuffix(":").strip()


def ratios_from_lines(file: str, lines: list[str], first: int, last: int, col_from: int,
                      spec_line: int) -> RatioSpec | None:
    """Bands written on lines ``first``..``last`` (0-based; the first from column ``col_from``): one per
    line, or several on a line (``타이틀 8% / 상단 27% / 중앙 35%``).  None when no line holds a share."""
    ratios: list[Ratio] = []
    for ln in range(first, last + 1):
        src_line = lines[ln]
        col0 = col_from if ln == first else 0
        text = src_line[col0:]
        splits = _split_spans(text)
        pcts = _percents(text, file, ln + 1, col0, src_line, [(a, b) for a, b, _ in splits])
        starts = [col - 1 - col0 for _, col in pcts]  # index in text of each band's number
        prev_end = 0
        for k, (pct, col) in enumerate(pcts):
            _check_band(pct, file, ln + 1, col, src_line)
            at = starts[k]
            nxt = starts[k + 1] if k + 1 < len(starts) else len(text)
            # the band's own words: after the last separator before its number
            cut = max(text.rfind(sep, prev_end, at) for sep in _SEPARATORS)
            label = text[max(prev_end, cut + 1) : at].strip(" :([*~≈약")
            # its columns: a split written after it (before the next band), or before the first band
            cols = next((sh for a, _, sh in splits if (at < a < nxt or (k == 0 and a < at))
                         and 2 <= len(sh) <= MAX_SPLIT and all(0 < v <= 100 for v in sh)), ())
            own = text[at:nxt].split("%", 1)[-1]
            if not cols and unread_split(own):
                ratios.append(Ratio(pct, ln + 1, col, label, (), own.strip(" /,;"), col))
            else:
                ratios.append(Ratio(pct, ln + 1, col, label, cols))
            prev_end = text.find("%", at) + 1
    if not ratios:
        return None
    return RatioSpec(file, spec_line, tuple(ratios))


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


PCT_HEADERS = ("비율", "%", "ratio", "share", "height", "size", "높이", "percent", "크기")


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
    pct_col = next((k for k, h in enumerate(header) if any(w in h.lower() for w in PCT_HEADERS)), -1)
    ratios: list[Ratio] = []
    for ln, cells in rows[1:]:
        src_line = lines[ln]
        if "|" not in src_line:
            break  # a line right under the table with no cell rule ("**2. 필수 시각 요소**"): not a row
        if pct_col < 0:
            cell_k = next((k for k, c in enumerate(cells) if "%" in c), -1)
        else:
            cell_k = pct_col
        cell = cells[cell_k] if 0 <= cell_k < len(cells) else ""
        col0 = _cell_start(src_line, cell_k) if cell_k >= 0 else -1
        if col0 < 0 or not src_line.startswith(cell, col0):
            col0 = max(0, src_line.find(cell)) if cell else 0
        ratio = _band(cell, file, ln + 1, col0, src_line, cells[0] if cells else "")
        if ratio is None:
            raise InputError(
                file, ln + 1, col0 + 1, "this ratio row has no percentage",
                "put the band's share as e.g. 25% in the 비율 column", src_line,
            )
        others = [c for k, c in enumerate(cells) if k != cell_k and k > 0]
        columns = ratio.columns or _table_columns(others)
        if columns or ratio.unread:
            ratios.append(Ratio(ratio.percent, ratio.line, ratio.col, ratio.label, columns, ratio.unread,
                                ratio.unread_col))
            continue
        # a cell that looks like a split but is none: said, with its place
        odd = next((c for c in others if unread_split(c)), "")
        col = src_line.find(odd) + 1 if odd and src_line.find(odd) >= 0 else ratio.col
        ratios.append(Ratio(ratio.percent, ratio.line, ratio.col, ratio.label, (), odd, col))
    return RatioSpec(file, spec_line, tuple(ratios))
