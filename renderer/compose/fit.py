"""Fitting: the regions' needs -> one body size for the whole page, the bands' and columns'
final proportions, every region's rect under them (``Fitted.layout``, a new layout), and the notices
that say what moved; ``banner_room`` grows the title band to what its banner needs (a new layout too).
Pure: the layout is read, never changed.

A person writing a sheet by hand writes at one size.  So the page takes the largest body size at
which every region fits once the bands and columns have given and taken up to a quarter of their
own size (the prompt's ratios are intent, not a cage).  Only when no size at or above the floor
fits that way do bands and columns move further, and only then may a region alone write smaller
(down to the hard floor), each with a warning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .. import theme
from ..errors import FitError, Notice
from ..layout.engine import Layout
from ..layout.place import Split, heading_height, region_rects, usable_rect
from ..layout.regions import Region
from .fit_notices import Move, move_notices, overfull_error
from .region import RegionComposer

INF = float("inf")
SIZES = [theme.BODY_PT_MIN + k * theme.BODY_PT_STEP
         for k in range(int(round((theme.BODY_PT_SPARSE_MAX - theme.BODY_PT_MIN) / theme.BODY_PT_STEP)) + 1)]
SHRUNK = [theme.BODY_PT_MIN - k * theme.BODY_PT_STEP
          for k in range(1, int(round((theme.BODY_PT_MIN - theme.BODY_PT_FLOOR) / theme.BODY_PT_STEP)) + 1)]


@dataclass
class Fitted:
    split: Split
    body_pt: float  # the page's body size
    sizes: dict[str, float]  # leaf region id -> its body size (the page's, but for regions named in notices)
    moves: list[Move] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    layout: Layout | None = None  # the layout placed at ``split``: every region's final rect (a new layout)


def negotiate(layout: Layout, composers: dict[str, RegionComposer], strict: bool = False,
              exact: bool = False, file: str = "", line: int = 1, give_up_pages: float = theme.HOPELESS_AREA) -> Fitted:
    """The page's body size and the split that lets every region write at it (see the module).  Content that
    covers more than ``give_up_pages`` pages at the hard floor fails at once (``_Negotiation.hopeless``)."""
    n = _Negotiation(layout, composers)
    tol = 0.0 if exact else theme.FIT_TOLERANCE
    n.tol = tol
    notices: list[Notice] = []
    shrunk: dict[str, float] = {}
    free: frozenset[int] = frozenset()
    hopeless, pages = n.hopeless(give_up_pages)
    if hopeless:
        raise overfull_error(n.label_of, hopeless, file, line, pages)
    size = n.largest(SIZES, tol)
    if size is None:  # a band cannot fit at the smallest size within the tolerance: it alone takes more
        free = n.overfull_bands(SIZES[0], tol)
        size = n.largest(SIZES, tol, free)
    if size is not None:
        split = n.split_at(size, tol, free)
    else:  # not even so: the smallest size, any move that helps, then regions written smaller
        size = SIZES[0]
        n.tol = None
        split = n.split_at(size, None)
        for _ in range(3):  # shrinking some regions frees room for the others: settle both
            shrunk = n.shrink(split, size)
            split = n.split_at(size, None, sizes=shrunk)
        if n.overfull(split, size, shrunk):  # only then may columns leave the prompt's split further
            n.columns_held = False
            split = n.split_at(size, None)
            for _ in range(3):
                shrunk = n.shrink(split, size)
                split = n.split_at(size, None, sizes=shrunk)
    over = n.overfull(split, size, shrunk)
    if over:
        raise overfull_error(n.label_of, over, file, line)
    moves = n.moves(split, tol, layout.prompt_split)
    sizes = {rid: shrunk.get(rid, size) for rid in composers}
    notices.extend(move_notices(moves, n.label_of, n.bands[0].id if n.bands[0].kind == "title" else None,
                                file, line))
    for rid, s in sorted(shrunk.items()):
        notices.append(Notice(file, line, 1, f'"{n.label_of(rid)}" is written at {s:g} pt, below the page\'s '
                                             f'{size:g} pt, so that it fits'))
    if strict and notices:
        first = notices[0]
        raise FitError(first.file, first.line, 1, first.message + " (--strict)",
                       "give that band more of the page in the ratio spec, or shorten its content")
    return Fitted(split, size, sizes, moves, notices, layout.placed(split))


class _Negotiation:
    def __init__(self, layout: Layout, composers: dict[str, RegionComposer]) -> None:
        self.layout = layout
        self.bands = layout.bands
        self.base = layout.split
        self.composers = composers
        self.tol: float | None = 0.0  # how far stacked boxes may move from their drawn heights
        self.columns_held = True  # columns stay within the tolerance of the prompt's split
        _, _, self.width, self.height = usable_rect()

    def label_of(self, rid: str) -> str:
        comp = self.composers.get(rid)
        if comp is not None:
            return comp.region.label or rid
        region = self.layout.find(rid)
        return region.describe() or rid

    # --- what a region needs ---------------------------------------------------------------

    def hopeless(self, give_up_pages: float) -> tuple[list[tuple[str, float]], float]:
        """The regions over their drawn cells at the hard floor, and how many pages all regions cover there, when
        that is more than ``give_up_pages`` (at most ``theme.HOPELESS_AREA``) pages: no search could fit such a
        page, so none is run (each search step measures every region again: content of this size took minutes).  Each region
        counts at the width that needs the least room: its drawn cell (pictures, smaller when narrower) or the
        page's width (text, less ragged when wider).  ([], pages) when the search may find a fit."""
        floor = theme.BODY_PT_FLOOR
        rects = _cell_widths_heights(self.layout, self.base)
        page = self.width * self.height
        areas: dict[str, float] = {}
        over: list[tuple[str, float]] = []
        for rid, comp in self.composers.items():
            w, h = rects[rid]
            need = self.cell_need(comp.region, floor, w)
            if math.isinf(need):  # a picture too wide for its cell: the search widens it
                continue
            areas[rid] = need * w
            if need > h + 0.5:
                over.append((rid, need - h))
        if sum(areas.values()) / page > give_up_pages:  # only then is the page's width asked (a page that fits
            for rid in areas:  # never pays for it)
                areas[rid] = min(areas[rid], self.cell_need(self.composers[rid].region, floor, self.width) * self.width)
        pages = sum(areas.values()) / page
        if pages <= give_up_pages:
            return [], pages
        return sorted(over, key=lambda o: -o[1]), pages

    def cell_need(self, region: Region, size: float, width: float, sizes: dict[str, float] | None = None) -> float:
        """Height (mm) the region's cell needs at this width: its box, gutters and any heading above it.
        Widths are taken down to the millimetre, so that measurements are shared."""
        width = math.floor(width)
        top = heading_height(theme.band_heading_pt(size)) if region.heading_outside else 0.0
        if not region.children:
            comp = self.composers.get(region.id)
            if comp is None:
                return top
            s = sizes.get(region.id, size) if sizes else size
            g = theme.GUTTER
            box_top = top if region.heading_outside else g / 2
            return box_top + comp.need_at(s, width - g) + g / 2
        kids = region.children
        if kids[0].kind == "column":
            fracs = self._fracs(region)
            return top + max(self.cell_need(k, size, width * f, sizes) for k, f in zip(kids, fracs))
        needs = [self.cell_need(k, size, width, sizes) for k in kids]
        fracs = self.row_fracs(region, needs)
        return top + max(nd / f for nd, f in zip(needs, fracs))

    def row_fracs(self, region: Region, needs: list[float]) -> list[float]:
        """Shares of a column's height for the boxes stacked in it: in proportion to what each
        needs, kept within the tolerance of their drawn heights (any share, under ``tol`` None)."""
        kids = region.children
        total = sum(k.weight for k in kids) or 1.0
        base = [k.weight / total for k in kids]
        if self.tol is None:
            lo, hi = [0.1] * len(kids), [0.9] * len(kids)
        else:
            lo = [b * (1 - self.tol) for b in base]
            hi = [b * (1 + self.tol) for b in base]
        if any(math.isinf(nd) for nd in needs) or sum(needs) <= 0:
            return base
        fr = [nd / sum(needs) for nd in needs]
        for _ in range(4):  # clip to the bounds, give the rest to the others in proportion
            fr = [min(max(f, a), b) for f, a, b in zip(fr, lo, hi)]
            t = sum(fr)
            fr = [f / t for f in fr]
        return fr

    def _fracs(self, region: Region, columns: dict[str, list[float]] | None = None) -> list[float]:
        cols = columns if columns is not None else self.base.columns
        kids = region.children
        return cols.get(region.id) or [1 / len(kids)] * len(kids)

    def band_need(self, band: Region, size: float, fracs: list[float] | None,
                  sizes: dict[str, float] | None = None) -> float:
        if fracs is None or not band.children or band.children[0].kind != "column":
            return self.cell_need(band, size, self.width, sizes)
        top = heading_height(theme.band_heading_pt(size)) if band.heading_outside else 0.0
        return top + max(self.cell_need(k, size, self.width * f, sizes) for k, f in zip(band.children, fracs))

    def best_columns(self, band: Region, size: float, tol: float | None,
                     sizes: dict[str, float] | None = None) -> tuple[list[float] | None, float]:
        """Column shares within the tolerance that make the band need the least height, and that
        height.  Width goes from the column that needs least to the one that needs most, in halving
        steps.  Columns keep the prompt's split within a quarter of each column even when bands
        may move without limit (``tol`` None): a box drawn at 40% of its band never becomes a
        sliver beside its neighbour; the band grows, or its writing gets smaller, instead."""
        if band.id not in self.base.columns:
            return None, self.band_need(band, size, None, sizes)
        base = self.base.columns[band.id]
        col_tol = (theme.FIT_TOLERANCE if self.columns_held else None) if tol is None else tol
        if col_tol is None:  # the last resort: nothing else lets the page hold its content
            lo, hi = [theme.MIN_COLUMN_SHARE] * len(base), [1.0] * len(base)
        else:
            lo = [max(theme.MIN_COLUMN_SHARE, f * (1 - col_tol)) for f in base]
            hi = [f * (1 + col_tol) for f in base]
        fracs = list(base)
        top = heading_height(theme.band_heading_pt(size)) if band.heading_outside else 0.0

        def needs(fr: list[float]) -> list[float]:
            return [self.cell_need(k, size, self.width * f, sizes) for k, f in zip(band.children, fr)]

        cur = needs(fracs)
        step = max(hi[i] - base[i] for i in range(len(base))) / 2 if col_tol is not None else 0.25
        for _ in range(8 if col_tol is not None else 10):
            if step < 0.002:
                break
            i = max(range(len(cur)), key=lambda k: cur[k])
            donors = [j for j in range(len(cur)) if j != i and fracs[j] - step >= lo[j] - 1e-9]
            if not donors or fracs[i] + step > hi[i] + 1e-9:
                step /= 2
                continue
            j = min(donors, key=lambda k: cur[k])
            trial = list(fracs)
            trial[i] += step
            trial[j] -= step
            t = needs(trial)
            if _worse(cur, t):
                fracs, cur = trial, t
            else:
                step /= 2
        return fracs, top + max(cur)

    # --- the page ----------------------------------------------------------------------------

    def _band_limits(self, tol: float | None, free: frozenset[int] = frozenset()) -> list[tuple[float, float]]:
        """Each band's least and greatest height.  ``free`` bands (content that cannot fit within
        the quarter) may grow without limit, and then the others may give them more than a quarter
        of their own height, down to what they need: the page already leaves the prompt's ratios
        (with a warning) and room left empty in one band would only make every word smaller."""
        out = []
        least = heading_height() + theme.GUTTER * 2
        for k, (band, f) in enumerate(zip(self.bands, self.base.bands)):
            h = f * self.height
            if band.kind == "title":
                out.append((h, h))
            elif tol is None:
                out.append((min(h, least), self.height))
            elif free:
                out.append((min(h * (1 - tol), least), self.height if k in free else h * (1 + tol)))
            else:
                out.append((h * (1 - tol), h * (1 + tol)))
        return out

    def overfull_bands(self, size: float, tol: float) -> frozenset[int]:
        limits = self._band_limits(tol)
        return frozenset(k for k, (b, (_, hi), (_, need)) in enumerate(zip(self.bands, limits, self._needs(size, tol)))
                         if b.kind != "title" and need > hi + 0.5)

    def _needs(self, size: float, tol: float | None,
               sizes: dict[str, float] | None = None) -> list[tuple[list[float] | None, float]]:
        return [(None, 0.0) if b.kind == "title" else self.best_columns(b, size, tol, sizes) for b in self.bands]

    def feasible(self, size: float, tol: float, free: frozenset[int] = frozenset()) -> bool:
        limits = self._band_limits(tol, free)
        total = 0.0
        for band, (lo, hi), (_, need) in zip(self.bands, limits, self._needs(size, tol)):
            if band.kind == "title":
                total += lo
                continue
            if need > hi + 0.5 + 1e-6:  # half a millimetre: what --exact keeps within
                return False
            total += max(need, lo)
        return total <= self.height + 1e-6

    def largest(self, sizes: list[float], tol: float, free: frozenset[int] = frozenset()) -> float | None:
        """The largest size at which the page fits (bisection: fitting is monotone in the size)."""
        if not self.feasible(sizes[0], tol, free):
            return None
        lo, hi = 0, len(sizes) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.feasible(sizes[mid], tol, free):
                lo = mid
            else:
                hi = mid - 1
        return sizes[lo]

    def split_at(self, size: float, tol: float | None, free: frozenset[int] = frozenset(),
                 sizes: dict[str, float] | None = None) -> Split:
        """Band heights: each band at least what it needs, the room that takes found in the bands
        that have more than they need, in proportion to what they can spare."""
        limits = self._band_limits(tol, free)
        needs = self._needs(size, tol, sizes)
        base_h = [f * self.height for f in self.base.bands]
        want = [base_h[k] if b.kind == "title" else max(min(needs[k][1], self.height * 9), limits[k][0])  # not inf
                for k, b in enumerate(self.bands)]
        heights = list(base_h)
        extra = sum(max(0.0, w - h) for w, h in zip(want, heights))
        for k in range(len(heights)):
            heights[k] = max(heights[k], want[k])
        spare = [max(0.0, heights[k] - want[k]) if self.bands[k].kind != "title" else 0.0 for k in range(len(heights))]
        room = sum(spare)
        if extra > 0 and room > 0:
            take = min(1.0, extra / room)
            heights = [h - s * take for h, s in zip(heights, spare)]
        total = sum(heights)
        columns = dict(self.base.columns)
        for band, (fr, _) in zip(self.bands, needs):
            if fr is not None:
                columns[band.id] = fr
        split = Split([h / total for h in heights], columns, theme.band_heading_pt(size))
        return self._with_rows(split, size, sizes)

    def _with_rows(self, split: Split, size: float, sizes: dict[str, float] | None) -> Split:
        """The split with the shares of boxes stacked in a column set from what each needs."""
        rects = region_rects(self.bands, split)
        columns = dict(split.columns)
        for band in self.bands:
            for r in band.walk():
                if r.children and r.children[0].kind == "row":
                    width = rects[r.id][2]
                    columns[r.id] = self.row_fracs(r, [self.cell_need(k, size, width, sizes) for k in r.children])
        return Split(split.bands, columns, split.heading_pt)

    def shrink(self, split: Split, size: float) -> dict[str, float]:
        """Regions that do not fit at ``size`` even after every move: the largest size each can
        write at in its cell (down to the hard floor)."""
        out: dict[str, float] = {}
        rects = _cell_widths_heights(self.layout, split)
        for rid, comp in self.composers.items():
            w, h = rects[rid]
            if self.cell_need(comp.region, size, w) <= h + 1e-6:
                continue
            pick = next((s for s in SHRUNK if self.cell_need(comp.region, s, w) <= h + 1e-6), SHRUNK[-1])
            out[rid] = pick
        return out

    def overfull(self, split: Split, size: float, sizes: dict[str, float]) -> list[tuple[str, float]]:
        rects = _cell_widths_heights(self.layout, split)
        over = []
        for rid, comp in self.composers.items():
            w, h = rects[rid]
            need = self.cell_need(comp.region, sizes.get(rid, size), w)
            if need > h + 0.5:
                over.append((rid, need - h))
        return over

    def moves(self, split: Split, tol: float, prompt: Split | None = None) -> list[Move]:
        """Each band and column that ``split`` moves from the prompt's ratios (``prompt``; the split fitting
        started from when not given), and whether it goes beyond the tolerance (a quarter of its share, and more
        than one ``theme.RATIO_STEP`` unless ``tol`` is 0): a title band grown for its banner from the prompt's
        ratio, any other band from where fitting started (after the banner took its room)."""
        out: list[Move] = []
        step = theme.RATIO_STEP if tol else 0.0
        ref = prompt.bands if prompt is not None and len(prompt.bands) == len(self.bands) else self.base.bands
        for k, (band, a, b, r) in enumerate(zip(self.bands, self.base.bands, split.bands, ref), 1):
            if abs(r - b) * self.height >= 0.05:
                start = r if band.kind == "title" else a
                out.append(Move(f"band {k}", band.id, r, b, abs(b - start) > max(start * tol, step) + 0.5 / self.height))
            base_c = self.base.columns.get(band.id)
            new_c = split.columns.get(band.id)
            if base_c and new_c:
                for j, (ca, cb) in enumerate(zip(base_c, new_c), 1):
                    if abs(ca - cb) * self.width >= 0.05:
                        out.append(Move(f"band {k}, column {j}", band.children[j - 1].id, ca, cb,
                                        abs(cb - ca) > max(ca * tol, step) + 0.5 / self.width))
        return out


def _worse(a: list[float], b: list[float]) -> bool:
    """Whether column needs ``b`` are better than ``a``: fewer columns that cannot hold their
    content at all (a picture too wide), then a lower tallest column."""
    ka = (sum(math.isinf(x) for x in a), max((x for x in a if not math.isinf(x)), default=0.0))
    kb = (sum(math.isinf(x) for x in b), max((x for x in b if not math.isinf(x)), default=0.0))
    return kb[0] < ka[0] or (kb[0] == ka[0] and kb[1] < ka[1] - 1e-6)


def _cell_widths_heights(layout: Layout, split: Split) -> dict[str, tuple[float, float]]:
    """Each leaf's cell width and height under ``split`` (computed, nothing placed)."""
    rects = region_rects(layout.bands, split)
    return {r.id: (rects[r.id][2], rects[r.id][3]) for r in layout.leaves()}


def banner_room(layout: Layout, need: float) -> Layout:
    """The layout with its title band grown to ``need`` mm when the prompt's ratio gives it less, the other
    bands giving the room in proportion to their shares (fitting keeps the title band's height): a new
    layout, or ``layout`` itself when the banner has room."""
    if not need or layout.bands[0].kind != "title":
        return layout
    height = usable_rect()[3]
    fracs = layout.split.bands
    want = min(need / height, 0.5)
    if fracs[0] >= want - 1e-9:
        return layout
    rest = sum(fracs[1:])
    scale = (1.0 - want) / rest if rest > 0 else 0.0
    grown = Split([want] + [f * scale for f in fracs[1:]], dict(layout.split.columns), layout.split.heading_pt)
    return layout.placed(grown, prompt_split=layout.split if layout.prompt_split is None else layout.prompt_split)
