"""One region: its box, header and blocks, flowed into newspaper columns at the largest
body size that fits (auto-fit)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import theme
from ..layout.regions import Rect, Region
from .blocks.base import Block
from .blocks.text_item import heading_height, heading_marks
from .ink import Ink
from .marks import Mark, StrokeMark

INF = float("inf")
SIZES = [theme.BODY_PT_MAX - k * theme.BODY_PT_STEP
         for k in range(int((theme.BODY_PT_MAX - theme.BODY_PT_MIN) / theme.BODY_PT_STEP) + 1)]


@dataclass
class Fit:
    size: float
    ncols: int
    columns: list[list[tuple[Block, float]]]  # per newspaper column: (block, y offset)
    height: float  # tallest column, mm
    fits: bool


def header_size(body_pt: float) -> float:
    """A region header's size for a body size (theme.header_pt)."""
    return theme.header_pt(body_pt)


def box_rect(region: Region) -> Rect:
    """The hand-drawn box of a leaf region, inside its cell (gutters and outside heading removed)."""
    x, y, w, h = region.rect
    g = theme.GUTTER / 2
    top = y + g
    if region.heading_outside and not region.children:
        top = y + region.heading_h
    return (x + g, top, w - 2 * g, y + h - g - top)


@dataclass
class RegionComposer:
    region: Region
    blocks: list[Block]
    ink: Ink
    show_header: bool
    header_pt: float | None = None  # the sheet's header size, once fitting has chosen the body size
    _fits: dict = field(default_factory=dict, repr=False)

    def _header_pt(self, size: float) -> float:
        return self.header_pt if self.header_pt is not None else header_size(size)

    def _body(self, size: float, rect: Rect | None = None) -> tuple[float, float, float, float]:
        x, y, w, h = rect or box_rect(self.region)
        pad = theme.BOX_PAD
        top = y + pad
        if self.show_header:
            hs = self._header_pt(size)
            top += heading_height(self.region.icon, self.region.title, hs, w - 2 * pad) + theme.HEADER_GAP
        return (x + pad, top, w - 2 * pad, y + h - pad - top)

    def _groups(self) -> list[list[Block]]:
        key = ("groups",)
        if key not in self._fits:
            self._fits[key] = _groups(self.blocks)
        return self._fits[key]

    def _ideas(self) -> list[list[Block]]:
        key = ("ideas",)
        if key not in self._fits:
            self._fits[key] = _ideas(self.blocks)
        return self._fits[key]

    def _min_widths(self, size: float) -> list[float]:
        """Each block's narrowest width at ``size`` (asked for again and again while fitting)."""
        key = ("minw", size)
        if key not in self._fits:
            self._fits[key] = [b.min_width(size) for b in self.blocks]
        return self._fits[key]

    def max_cols(self, width: float) -> int:
        return max(1, int((width + theme.COLUMN_GAP) // (theme.MIN_COLUMN_W + theme.COLUMN_GAP)))

    def _group_heights(self, size: float, colw: float) -> list[tuple[list[float], list[float], float]]:
        """Per keep-together group: its blocks' heights, the gaps above them and its height."""
        key = ("heights", size, round(colw, 2))
        if key not in self._fits:
            gap = theme.BLOCK_GAP * size * theme.PT_MM
            out = []
            for group in self._groups():
                hs = [b.measure(colw, size) for b in group]
                gs = [0.0 if getattr(b, "tight", False) else gap for b in group]
                out.append((hs, gs, sum(hs) + sum(gs[1:])))
            self._fits[key] = out
        return self._fits[key]

    def flow(self, size: float, ncols: int, width: float, height: float) -> Fit:
        """Groups of blocks down the columns in order, top to bottom then left to right; a group
        that reaches past the bottom goes to the next column whole (a code block, a table, a
        picture is never cut: a person copies it in one piece)."""
        colw = (width - (ncols - 1) * theme.COLUMN_GAP) / ncols
        cols: list[list[tuple[Block, float]]] = [[]]
        ys = [0.0]
        ok = max(self._min_widths(size), default=0.0) <= colw + 0.01
        for group, (hs, gs, gh) in zip(self._groups(), self._group_heights(size, colw)):
            y = ys[-1] + (gs[0] if cols[-1] else 0.0)
            if y + gh > height and len(cols) < ncols and cols[-1]:
                cols.append([])
                ys.append(0.0)
                y = 0.0
            for j, (b, h) in enumerate(zip(group, hs)):
                if j:
                    y += gs[j]
                cols[-1].append((b, y))
                y += h
            ys[-1] = y
        tallest = max(ys)
        return Fit(size, ncols, cols, tallest, ok and tallest <= height + 1e-6)

    def fit(self, rect: Rect | None = None) -> Fit:
        """The largest body size (and fewest columns at it) at which everything fits."""
        key = (rect or box_rect(self.region), self.header_pt)
        if key in self._fits:
            return self._fits[key]
        f = self._fit(rect)
        self._fits[key] = f
        return f

    def balanced(self, f: Fit, rect: Rect | None = None) -> Fit:
        """The same size and columns, with the columns filled as evenly as they can be."""
        if f.ncols == 1 or not f.fits:
            return f
        _, _, w, h = self._body(f.size, rect)
        lo, hi, best = 0.0, h, f
        for _ in range(14):
            mid = (lo + hi) / 2
            g = self.flow(f.size, f.ncols, w, mid)
            if g.fits:
                hi, best = mid, g
            else:
                lo = mid
        return best

    def _fit(self, rect: Rect | None) -> Fit:
        """Per column count, the largest size that fits (bisection over SIZES: fitting is
        monotone in the size); the best of those, fewer columns winning a tie."""
        best: Fit | None = None
        _, _, w, _ = self._body(SIZES[0], rect)
        for k in range(1, self.max_cols(w) + 1):
            lo, hi = 0, len(SIZES) - 1  # SIZES runs from the largest to the smallest
            found: Fit | None = None
            while lo <= hi:
                mid = (lo + hi) // 2
                _, _, bw, bh = self._body(SIZES[mid], rect)
                f = self.flow(SIZES[mid], k, bw, bh)
                if f.fits:
                    found, hi = f, mid - 1
                else:
                    lo = mid + 1
            if found is not None and (best is None or found.size > best.size):
                best = found
        if best is not None:
            return best
        smallest = SIZES[-1]
        _, _, w, h = self._body(smallest, rect)
        return min((self.flow(smallest, k, w, h) for k in range(1, self.max_cols(w) + 1)),
                   key=lambda f: (not f.fits, f.height))

    def _body_need(self, size: float, body_w: float, ncols: int) -> float:
        """The least body height that holds the content in ``ncols`` columns at ``size`` (inf
        when a block is too wide for such a column)."""
        key = ("body", size, round(body_w, 2), ncols)
        if key in self._fits:
            return self._fits[key]
        colw = (body_w - (ncols - 1) * theme.COLUMN_GAP) / ncols
        if colw <= 0 or max(self._min_widths(size), default=0.0) > colw + 0.01:
            need = INF
        else:
            one = self.flow(size, 1, colw, INF).height
            if ncols == 1:
                need = one
            else:  # bisection between an even share (or the tallest group) and everything in one column
                tallest = max((gh for _, _, gh in self._group_heights(size, colw)), default=0.0)
                lo, hi = max(one / ncols, tallest) - 1e-6, one
                for _ in range(9):
                    mid = (lo + hi) / 2
                    if self.flow(size, ncols, body_w, mid).fits:
                        hi = mid
                    else:
                        lo = mid
                need = hi
        self._fits[key] = need
        return need

    def need_at(self, size: float, box_w: float) -> float:
        """Box height (mm) this region needs at body ``size`` in a box ``box_w`` wide."""
        _, top, bw, bh = self._body(size, (0.0, 0.0, box_w, 1000.0))
        chrome = 1000.0 - bh
        # a hair more than the exact need, so that rounding in the page's fractions never tips it over
        return chrome + min(self._body_need(size, bw, k) for k in range(1, self.max_cols(bw) + 1)) + 0.05

    def fit_at(self, size: float, rect: Rect | None = None) -> Fit:
        """The content at ``size`` in the fewest newspaper columns that hold it (so that it fills
        its box), columns balanced."""
        _, _, w, h = self._body(size, rect)
        last: Fit | None = None
        for k in range(1, self.max_cols(w) + 1):
            f = self.flow(size, k, w, h)
            if f.fits:
                return self.balanced(f, rect)
            if last is None or f.height < last.height:
                last = f
        assert last is not None
        return last

    def need(self, rect: Rect | None = None) -> float:
        """Box height this region needs at the smallest size (mm)."""
        size = SIZES[-1]
        x, y, w, h = rect or box_rect(self.region)
        key = ("need", round(w, 3), round(h, 3), self.header_pt)
        if key in self._fits:
            return self._fits[key]
        _, top, bw, bh = self._body(size, (x, y, w, h))
        chrome = h - bh
        best = min(self.flow(size, k, bw, 1e9 if k == 1 else bh).height for k in range(1, self.max_cols(bw) + 1))
        # with several columns the tallest column may still exceed bh: search the height that fits
        lo, hi = 0.0, best
        for _ in range(18):
            mid = (lo + hi) / 2
            if any(self.flow(size, k, bw, mid).fits for k in range(1, self.max_cols(bw) + 1)):
                hi = mid
            else:
                lo = mid
        self._fits[key] = hi + chrome
        return hi + chrome

    def place(self, fit: Fit) -> list[Mark]:
        fit = self.balanced(fit)
        return self.place_fitted(fit)

    def place_fitted(self, fit: Fit) -> list[Mark]:
        x, y, w, h = box_rect(self.region)
        out: list[Mark] = [StrokeMark(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), self.ink.pen,
                                      theme.BOX_WIDTH_PT, closed=True)]
        if self.show_header:
            hm, _ = heading_marks(x + theme.BOX_PAD, y + theme.BOX_PAD, self.region.icon, self.region.title,
                                  self._header_pt(fit.size), self.ink, w - 2 * theme.BOX_PAD)
            out.extend(hm)
        bx, by, bw, bh = self._body(fit.size)
        colw = (bw - (fit.ncols - 1) * theme.COLUMN_GAP) / fit.ncols
        spreads = [self.spread(col, colw, fit.size, bh) for col in fit.columns]
        # newspaper columns start level and are spaced alike: the least any of them asks for
        extra = min((e for b, e, _ in spreads if b), default=0.0)
        top = min((t for _, _, t in spreads), default=0.0)
        for k, (col, (breaks, _, _)) in enumerate(zip(fit.columns, spreads)):
            cx = bx + k * (colw + theme.COLUMN_GAP)
            shift = top
            for j, (block, dy) in enumerate(col):
                if j in breaks:
                    shift += extra
                out.extend(block.place(cx, by + dy + shift, colw, fit.size, self.ink))
        return out

    def spread(self, col: list[tuple[Block, float]], colw: float, size: float,
               height: float) -> tuple[set[int], float, float]:
        """How a column that fills little of its box is spaced out, as a hand spaces its ideas:
        the blocks that start an idea (a list item with its sub-items is one, a paragraph is one),
        the room added above each (at most SPREAD_GAP_MAX_LINES), and how far the column is lowered
        so that it reaches SPREAD_TO of the box (no further than to the middle of the box)."""
        if not col:
            return set(), 0.0, 0.0
        last, y_last = col[-1]
        used = y_last + last.measure(colw, size)
        want = theme.SPREAD_TO * height - used
        idea_of = {id(b): k for k, g in enumerate(self._ideas()) for b in g}
        breaks = {j for j in range(1, len(col))
                  if idea_of.get(id(col[j][0])) is None or idea_of.get(id(col[j][0])) != idea_of.get(id(col[j - 1][0]))}
        if want <= 0:
            return breaks, 0.0, 0.0
        line = size * theme.PT_MM * theme.LINE_GAP
        extra = min(want / len(breaks), theme.SPREAD_GAP_MAX_LINES * line) if breaks else 0.0
        used += extra * len(breaks)
        return breaks, extra, max(0.0, min(theme.SPREAD_TO * height - used, (height - used) / 2))


def _is_item(b: Block) -> bool:
    """A line of a list: a bullet, a numbered step, a tree sub-item or a checklist line."""
    return getattr(b, "marker", None) in ("glyph", "tree", "box")


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Blocks in the groups a column break never cuts: each idea, and a short list whole (a long
    one splits between its items only)."""
    return _short_lists_whole(_ideas(blocks))


def _ideas(blocks: list[Block]) -> list[list[Block]]:
    """Blocks by idea: a block with what it keeps with, a list item with its sub-items, a
    paragraph with the lines that continue it."""
    groups: list[list[Block]] = []
    cur: list[Block] = []
    for k, b in enumerate(blocks):
        cur.append(b)
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        head = _first_item(cur)
        sub_item_follows = (nxt is not None and _is_item(head) and _is_item(nxt)
                            and getattr(nxt, "level", 0) > getattr(head, "level", 0))
        continued = nxt is not None and getattr(nxt, "tight", False) and not _is_item(nxt)
        if not b.keep_with_next and not sub_item_follows and not continued:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def _short_lists_whole(groups: list[list[Block]]) -> list[list[Block]]:
    """Consecutive groups that are items of one list join into one group when the list has at most
    SHORT_LIST_ITEMS top-level items; a longer list keeps LIST_SPLIT_MIN_ITEMS together at each end."""
    out: list[list[Block]] = []
    run: list[list[Block]] = []

    def close() -> None:
        k = theme.LIST_SPLIT_MIN_ITEMS
        if len(run) <= 1:
            out.extend(run)
        elif len(run) <= max(theme.SHORT_LIST_ITEMS, 2 * k - 1):
            out.append([b for g in run for b in g])
        else:  # a long list splits between items, never leaving one item alone at either end
            out.append([b for g in run[:k] for b in g])
            out.extend(run[k:-k])
            out.append([b for g in run[-k:] for b in g])
        run.clear()

    for g in groups:
        if _is_item(g[-1]) and all(_is_item(b) or getattr(b, "marker", "") == "lead" for b in g):
            if run and g[0].line - run[-1][-1].line > 1 and not _numbered_next(_first_item(run[-1]), g[0]):
                close()  # a blank line above it: another list begins, unless its number follows on
            run.append(g)
        else:
            close()
            out.append(g)
    close()
    return out


def _first_item(group: list[Block]) -> Block:
    return next((b for b in group if _is_item(b)), group[0])


def _number(b: Block) -> int | None:
    """The number of a numbered list item (``3.`` or ``3)``), else None."""
    glyph = getattr(b, "glyph", None)
    text = "".join(r.text for r in glyph).strip() if glyph else ""
    return int(text[:-1]) if len(text) > 1 and text[-1] in ".)" and text[:-1].isdigit() else None


def _numbered_next(prev: Block, item: Block) -> bool:
    """``item`` is the next step of the numbered list ``prev`` belongs to (2. after 1.)."""
    a, b = _number(prev), _number(item)
    return a is not None and b == a + 1 and getattr(prev, "level", 0) == getattr(item, "level", 0)
