"""A sheet whose content the page cannot hold, even written small: it goes on over a second page.

``compose_page`` already shrinks pictures and writes crowded regions smaller
(each with a warning).  When even that cannot hold the content, the last
pieces of the most overfull boxes move, one at a time, to a continuation page
of the same sheet, until the first page holds what is left.  The continuation
page has one box per box that gave something, titled after it with
``(계속)``, and is composed the same way (one hand, its own body size).  A
warning names what moved.  ``one_page`` makes the overflow an error instead.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from .. import theme
from ..errors import FitError, Notice
from ..layout.engine import Layout
from ..layout.place import Split, place
from ..layout.regions import Region
from ..model import Chapter, Content
from .page import Memo, Page, compose_page

MAX_PAGES = 4  # a sheet that needs more than this is an error: its content is far beyond a cheat sheet
MAX_MOVES = 60  # pieces moved off one page before giving up
CONTINUED = "(계속)"
# A trial page whose content still covers more than this many pages at the floor fails without a search: a trial
# given up too early only moves one more piece on (the search on every trial made long content take minutes).
TRIAL_GIVE_UP = 1.25


def compose_sheet(chapter: Chapter, layout: Layout, strict: bool = False, exact: bool = False, qr: bool = True,
                  memo: Memo | None = None, one_page: bool = False) -> Page:
    """The first page, with ``page.continued`` holding the next one when the content needed it."""
    try:
        return compose_page(chapter, copy.deepcopy(layout), strict=strict, exact=exact, qr=qr, memo=memo)
    except FitError as exc:
        if one_page:
            raise replace(exc, hint=exc.hint + ", or leave out --one-page to let the sheet go on over a second "
                                               "page") from None
        if strict or not exc.over:
            raise
        if exc.pages > MAX_PAGES * theme.HOPELESS_AREA:  # no number of moves could make it fit: say so at once
            raise replace(exc, message=f"the content would cover about {exc.pages:.0f} pages even at "
                                       f"{theme.BODY_PT_FLOOR:g} pt, and a sheet goes on over at most {MAX_PAGES}: "
                                       + exc.message.split(": ", 1)[-1],
                          hint="shorten those sections to what a cheat sheet holds (about a page)") from None
        first_error = exc
    return _paged(chapter, layout, exact, qr, first_error, 1)


def _paged(chapter: Chapter, layout: Layout, exact: bool, qr: bool, error: FitError, number: int) -> Page:
    if number >= MAX_PAGES:
        raise error
    content = {rid: list(items) for rid, items in layout.content.items()}
    moved: dict[str, list[Content]] = {}
    # what a box shows when all it held goes on over the next page: its sketch, or where to look
    stand_in = {rid: layout.sketches.get(rid) or Content(f"→ {number + 1}쪽에 계속", layout.source_file,
                                                         layout.find(rid).line, layout.find(rid).label)
                for rid in content}
    exc: FitError | None = error
    page: Page | None = None
    for _ in range(MAX_MOVES):
        assert exc is not None
        if not _move_one(content, moved, exc.over, stand_in):
            raise error
        trial = replace(copy.deepcopy(layout), content={rid: list(v) for rid, v in content.items()})
        try:
            page = compose_page(chapter, trial, exact=exact, qr=qr, give_up_pages=TRIAL_GIVE_UP)
            break
        except FitError as again:
            if not again.over:
                raise
            exc = again
    if page is None:
        raise error
    rest = _continuation_layout(layout, moved)
    names = ", ".join(f'"{layout.find(rid).label or rid}"' for rid in moved)
    page.notices.append(Notice(layout.source_file, layout.spec_line, 1,
                               f"the page cannot hold all the content even at {theme.BODY_PT_FLOOR:g} pt: the last "
                               f"part of {names} goes on over page {number + 1}"))
    try:  # with a page still to come after it, the continuation too may give up early (see TRIAL_GIVE_UP)
        give_up = TRIAL_GIVE_UP if number + 2 < MAX_PAGES else theme.HOPELESS_AREA
        page.continued = compose_page(chapter, copy.deepcopy(rest), qr=False, give_up_pages=give_up)
    except FitError as more:
        if not more.over:
            raise
        page.continued = _paged(chapter, rest, exact, False, more, number + 1)
    # the continuation's boxes are this module's, not the prompt's: how fitting moved them is no news
    page.continued.notices = [n for n in page.continued.notices if not n.message.startswith("band ")]
    return page


def _move_one(content: dict[str, list[Content]], moved: dict[str, list[Content]],
              over: tuple[tuple[str, float], ...], stand_in: dict[str, Content]) -> bool:
    """Move the last piece (or the second half of the only one) of the most overfull box that can give
    one; False when none can."""
    ranked = sorted(over, key=lambda o: -o[1])
    for rid, _ in ranked:
        items = content.get(rid, [])
        if len(items) > 1:
            moved.setdefault(rid, []).insert(0, items.pop())
            return True
        if items and items[0] is not stand_in.get(rid):
            head, tail = _halves(items[0])
            if tail is not None:
                items[0] = head
                moved.setdefault(rid, []).insert(0, tail)
                return True
    for rid, _ in ranked:  # a picture that cannot be cut: all of it goes on, and the box says where
        items = content.get(rid, [])
        if len(items) == 1 and items[0] is not stand_in.get(rid):
            moved.setdefault(rid, []).insert(0, items[0])
            items[0] = stand_in[rid]
            return True
    return False


_ITEM = re.compile(r"^(?:[-*+•]|\d+[.)]|[✓✅❌☐□⛔])\s+")
_ROW = re.compile(r"^\s*\|")


def _halves(item: Content) -> tuple[Content, Content | None]:
    """The markdown cut near its middle where a reader would turn a page: at a blank line, else between two
    top-level list items, else between two table rows (the header written again above the rest), never
    inside fenced code; None when it has no such place."""
    lines = item.markdown.split("\n")
    fence = False
    blank: list[int] = []
    items: list[int] = []
    rows: list[int] = []
    for i, ln in enumerate(lines):
        if ln.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence or i == 0:
            continue
        if not ln.strip():
            if any(s.strip() for s in lines[i + 1:]):
                blank.append(i)
        elif _ITEM.match(ln):
            items.append(i)
        elif _ROW.match(ln) and i >= 3 and _ROW.match(lines[i - 1]) and "---" not in lines[i - 1]:
            rows.append(i)
    mid = len(lines) / 2
    for cuts, kind in ((blank, "blank"), (items, "item"), (rows, "row")):
        if cuts:
            cut = min(cuts, key=lambda i: abs(i - mid))
            head_lines, tail_lines = lines[:cut], lines[cut + (kind == "blank"):]
            if kind == "row":
                top = cut
                while top > 0 and _ROW.match(lines[top - 1]):
                    top -= 1
                tail_lines = lines[top:top + 2] + tail_lines  # the header and its rule
            if any(s.strip() for s in head_lines) and any(s.strip() for s in tail_lines):
                head = replace(item, markdown="\n".join(head_lines).rstrip("\n"))
                tail = replace(item, markdown="\n".join(tail_lines).strip("\n"), line=item.line + cut)
                return head, tail
    return item, None


def _continuation_layout(layout: Layout, moved: dict[str, list[Content]]) -> Layout:
    """One box per box that gave content, up to three side by side in a band, titled after it."""
    rids = [r.id for r in layout.leaves() if r.id in moved]
    per_band = 3 if len(rids) > 4 else 2 if len(rids) > 1 else 1
    groups = [rids[k:k + per_band] for k in range(0, len(rids), per_band)]
    bands: list[Region] = []
    columns: dict[str, list[float]] = {}
    content: dict[str, list[Content]] = {}
    for b, group in enumerate(groups, 1):
        band = Region(f"band{b}", "band", "")
        for c, rid in enumerate(group, 1):
            src = layout.find(rid)
            leaf = Region(f"band{b}.col{c}", "column", (src.title if src.title.endswith(CONTINUED) else f"{src.title} {CONTINUED}").strip(), icon=src.icon,
                          line=src.line, col=src.col)
            band.children.append(leaf)
            content[leaf.id] = moved[rid]
        columns[band.id] = [1 / len(group)] * len(group)
        bands.append(band)
    split = Split([1 / len(bands)] * len(bands), columns)
    place(bands, split)
    return Layout(bands, split, content, [], [], layout.source_file, layout.spec_line)
