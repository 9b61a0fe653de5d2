"""One region: its box, header and blocks, flowed into newspaper columns at the largest
body size that fits (auto-fit)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import theme
from ..layout.place import heading_height as band_heading_height
from ..layout.regions import Rect, Region
from .block import Block
from .ink import Ink
from .marks import Mark, StrokeMark
from .text_item import heading_height, heading_marks

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
    return min(theme.HEADER_PT_MAX, max(theme.HEADER_PT_MIN, body_pt * theme.HEADER_OVER_BODY))


def box_rect(region: Region) -> Rect:
    """The hand-drawn box of a leaf region, inside its cell (gutters and outside heading removed)."""
    x, y, w, h = region.rect
    g = theme.GUTTER / 2
    top = y + g
    if region.heading_outside and not region.children:
        top = y + band_heading_height()
    return (x + g, top, w - 2 * g, y + h - g - top)


@dataclass
class RegionComposer:
    region: Region
    blocks: list[Block]
    ink: Ink
    show_header: bool
    _fits: dict = field(default_factory=dict, repr=False)

    def _body(self, size: float, rect: Rect | None = None) -> tuple[float, float, float, float]:
        x, y, w, h = rect or box_rect(self.region)
        pad = theme.BOX_PAD
        top = y + pad
        if self.show_header:
            hs = header_size(size)
            top += heading_height(self.region.icon, self.region.title, hs, w - 2 * pad) + theme.HEADER_GAP
        return (x + pad, top, w - 2 * pad, y + h - pad - top)

    def max_cols(self, width: float) -> int:
        return max(1, int((width + theme.COLUMN_GAP) // (theme.MIN_COLUMN_W + theme.COLUMN_GAP)))

    def flow(self, size: float, ncols: int, width: float, height: float) -> Fit:
        """Groups of blocks down the columns in order; a group that reaches past the bottom goes
        to the next column, unless its last block can split there (a long code block does):
        then its head fills this column and the rest starts the next one."""
        colw = (width - (ncols - 1) * theme.COLUMN_GAP) / ncols
        gap = theme.BLOCK_GAP * size * theme.PT_MM
        cols: list[list[tuple[Block, float]]] = [[]]
        ys = [0.0]
        queue = _groups(self.blocks)
        ok = True
        k = 0
        while k < len(queue):
            group = queue[k]
            k += 1
            if any(b.min_width(size) > colw + 0.01 for b in group):
                ok = False
            hs = [b.measure(colw, size) for b in group]
            gs = [0.0 if getattr(b, "tight", False) else gap for b in group]
            gh = sum(hs) + sum(gs[1:])
            y = ys[-1] + (gs[0] if cols[-1] else 0.0)
            parts = None
            if y + gh > height and len(cols) < ncols:
                parts = _split_last(group, colw, size, height - y - (gh - hs[-1]))
                if parts is None and cols[-1]:
                    cols.append([])
                    ys.append(0.0)
                    y = 0.0
                    if gh > height and len(cols) < ncols:
                        parts = _split_last(group, colw, size, height - (gh - hs[-1]))
            if parts is not None:
                head, tail = parts
                group = group[:-1] + [head]
                hs = hs[:-1] + [head.measure(colw, size)]
                queue.insert(k, [tail])
            for j, (b, h) in enumerate(zip(group, hs)):
                if j:
                    y += gs[j]
                cols[-1].append((b, y))
                y += h
            ys[-1] = y
            if parts is not None:  # the rest of the split block starts the next column
                cols.append([])
                ys.append(0.0)
        tallest = max(ys)
        return Fit(size, ncols, cols, tallest, ok and tallest <= height + 1e-6)

    def fit(self, rect: Rect | None = None) -> Fit:
        """The largest body size (and fewest columns at it) at which everything fits."""
        key = rect or box_rect(self.region)
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

    def need(self, rect: Rect | None = None) -> float:
        """Box height this region needs at the smallest size (mm)."""
        size = SIZES[-1]
        x, y, w, h = rect or box_rect(self.region)
        key = ("need", round(w, 3), round(h, 3))
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
        x, y, w, h = box_rect(self.region)
        out: list[Mark] = [StrokeMark(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), self.ink.pen,
                                      theme.BOX_WIDTH_PT, closed=True)]
        if self.show_header:
            hm, _ = heading_marks(x + theme.BOX_PAD, y + theme.BOX_PAD, self.region.icon, self.region.title,
                                  header_size(fit.size), self.ink, w - 2 * theme.BOX_PAD)
            out.extend(hm)
        bx, by, bw, bh = self._body(fit.size)
        colw = (bw - (fit.ncols - 1) * theme.COLUMN_GAP) / fit.ncols
        for k, col in enumerate(fit.columns):
            cx = bx + k * (colw + theme.COLUMN_GAP)
            for block, dy in col:
                out.extend(block.place(cx, by + dy, colw, fit.size, self.ink))
        return out


def _split_last(group: list[Block], width: float, size: float, room: float) -> tuple[Block, Block] | None:
    """The group's last block cut so that its head fits ``room`` mm, if it can be cut."""
    split = getattr(group[-1], "split", None)
    if split is None or room <= 0:
        return None
    return split(width, size, room)


def _groups(blocks: list[Block]) -> list[list[Block]]:
    groups: list[list[Block]] = []
    cur: list[Block] = []
    for b in blocks:
        cur.append(b)
        if not b.keep_with_next:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups
