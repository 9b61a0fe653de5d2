"""A sheet whose content the page cannot hold goes on over more pages (compose/overflow.py), and content no
number of pages could hold fails at once, before any search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cheatsheet.compose.marks import TextMark
from cheatsheet.compose.overflow import CONTINUED, MAX_PAGES
from cheatsheet.errors import FitError
from cheatsheet.render import compose

HEAD = """---
title: "1. Test"
chapter: 1
author: "A"
source_url: "https://www.youtube.com/watch?v=x"
---

# Layout Structure

```
┌──────────────────────────────┐
│  TITLE                       │
├──────────────────────────────┤
│  📌 Main                      │
└──────────────────────────────┘
```

**Layout Ratios**
- Title band: 15%
- Main: 85%

# Content Details

## 📌 Main
"""


def _prompt(tmp_path: Path, items: int) -> Path:
    path = tmp_path / "long.md"
    body = "\n".join(f"- 항목 {k}: 사전학습은 인터넷 문서로 다음 토큰을 예측하는 법을 배운다" for k in range(items))
    path.write_text(HEAD + body + "\n", encoding="utf-8")
    return path


def test_a_long_list_goes_on_over_pages_each_item_written_once(tmp_path: Path) -> None:
    _, page = compose(_prompt(tmp_path, 900))
    pages = page.pages()
    assert 2 < len(pages) <= MAX_PAGES
    texts = [" ".join(m.text for m in p.marks if isinstance(m, TextMark)) for p in pages]
    numbers = [int(n) for t in texts for n in re.findall(r"항목 (\d+)", t)]
    assert sorted(numbers) == list(range(900))  # none lost, none twice
    assert numbers == sorted(numbers)  # and in the order they were written
    for later in texts[1:]:  # each continuation is titled after its box, marked once however far it goes
        assert f"Main {CONTINUED}" in later and f"{CONTINUED} {CONTINUED}" not in later
    moved = [n.message for n in page.notices if "goes on over page" in n.message]
    assert moved and "page 2" in moved[0]


def test_content_no_sheet_could_hold_fails_at_once_naming_the_pages_it_needs(tmp_path: Path) -> None:
    with pytest.raises(FitError) as err:
        compose(_prompt(tmp_path, 6000))
    # only the verdict before any search says how many pages the content would cover
    pages = re.search(r"would cover about (\d+) pages even at 6 pt, and a sheet goes on over at most (\d+)",
                      err.value.message)
    assert pages, err.value.message
    assert int(pages.group(1)) > int(pages.group(2)) == MAX_PAGES
    assert "shorten" in err.value.hint


def test_content_just_past_the_page_is_fitted_not_given_up(tmp_path: Path) -> None:
    """The early verdict is for content far beyond the page: a page's worth at the floor still gets the search,
    and so the largest size that holds it on one page, with a warning."""
    _, page = compose(_prompt(tmp_path, 290))
    assert len(page.pages()) == 1
    assert [n.message for n in page.notices] == ['"📌 Main" is written at 6.25 pt, below the page\'s 7 pt, so that it fits']


def test_a_drawing_too_wide_at_any_size_is_an_error_naming_it_not_a_broken_page(tmp_path: Path) -> None:
    """150 boxes typed in one row: no width holds them.  Fitting once shared that endless need out as the bands'
    heights, and the page's frame was drawn at NaN (an internal error in the drawing)."""
    path = tmp_path / "wide.md"
    row = "\n".join(["┌────────┐ " * 150, "│ 단계 A │ " * 150, "└────────┘ " * 150])
    path.write_text(HEAD + row + "\n", encoding="utf-8")
    with pytest.raises(FitError) as err:
        compose(path)
    assert "a picture wider than its box even drawn smallest" in err.value.message
    assert "inf" not in err.value.message and "nan" not in err.value.message
