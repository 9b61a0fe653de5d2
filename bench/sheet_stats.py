"""How evenly a sheet is written: per region its body size, the smallest text in it (read back from
the rendered PDF, a face's scale included) and the share of its box its writing fills; per sheet
the spread of body sizes.

    .venv/bin/python bench/sheet_stats.py chapters/*.yaml tests/prompts/*.md [--markdown]
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cheatsheet import theme  # noqa: E402
from cheatsheet.compose.region import box_rect  # noqa: E402
from cheatsheet.compose.text.fonts import seen_size  # noqa: E402
from cheatsheet.errors import InputError  # noqa: E402
from cheatsheet.render import render  # noqa: E402


@dataclass
class RegionStat:
    region: str
    label: str
    body_pt: float  # the size the region's body is written at
    smallest_pt: float  # the smallest text drawn in its box, as the PDF has it
    fill: float  # share of the box's height from its top to its lowest writing
    columns: int


@dataclass
class SheetStat:
    name: str
    body_pt: float  # the page's body size
    regions: list[RegionStat]
    notices: int

    @property
    def spread(self) -> float:
        sizes = [r.body_pt for r in self.regions]
        return max(sizes) - min(sizes) if sizes else 0.0

    @property
    def smallest(self) -> float:
        return min((r.smallest_pt for r in self.regions), default=0.0)


def pdf_texts(pdf: bytes) -> list[tuple[float, float, float]]:
    """(x mm, y mm from the page's top, size pt) of every piece of text in the PDF."""
    from pypdf import PdfReader

    out: list[tuple[float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        seen = size * scale
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        if "DejaVuSansMono" in name:  # sized by the handwriting's x-height: it looks that size
            seen = seen_size(theme.MONO, seen)
        out.append((x * theme.PT_MM, theme.PAGE_H - y * theme.PT_MM, seen))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return out


def sheet_stats(path: Path) -> SheetStat:
    result = render(path, dpi=40, png=False)
    page = result.page
    texts = pdf_texts(result.pdf)
    regions: list[RegionStat] = []
    for leaf in page.layout.leaves():
        fit = page.fits.get(leaf.id)
        if fit is None:
            continue
        x, y, w, h = box_rect(leaf)
        inside = [(ty, s) for tx, ty, s in texts if x <= tx <= x + w and y <= ty <= y + h]
        lowest = max((ty for ty, _ in inside), default=y)
        regions.append(RegionStat(leaf.id, leaf.label, fit.size, min((s for _, s in inside), default=0.0),
                                  min(1.0, (lowest - y) / h) if h > 0 else 1.0, fit.ncols))
    body = getattr(page, "body_pt", 0.0) or min((r.body_pt for r in regions), default=0.0)
    return SheetStat(Path(path).stem, body, regions, len(page.notices))


def markdown(sheets: list[SheetStat]) -> str:
    lines = ["| sheet | page body (pt) | spread (pt) | smallest text (pt) | least filled | regions under 60 % |",
             "|---|---:|---:|---:|---:|---:|"]
    for s in sheets:
        least = min(s.regions, key=lambda r: r.fill)
        under = sum(r.fill < theme.FILL_MIN for r in s.regions)
        lines.append(f"| {s.name} | {s.body_pt:g} | {s.spread:.2f} | {s.smallest:.2f} | "
                     f"{least.fill:.0%} ({least.region}) | {under} of {len(s.regions)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path)
    ap.add_argument("--markdown", action="store_true", help="one summary line per sheet, as a markdown table")
    args = ap.parse_args(argv)
    sheets = []
    for p in args.inputs:
        try:
            sheets.append(sheet_stats(p))
        except InputError as exc:
            print(f"{p}: {exc}", file=sys.stderr)
    if args.markdown:
        print(markdown(sheets))
        return 0
    for s in sheets:
        print(f"{s.name}: page body {s.body_pt:g} pt, spread {s.spread:.2f} pt, smallest text {s.smallest:.2f} pt, "
              f"{s.notices} notice(s)")
        for r in s.regions:
            print(f"  {r.region:<16} {r.body_pt:5.2f} pt  smallest {r.smallest_pt:5.2f} pt  fill {r.fill:4.0%}  "
                  f"{r.columns} col  {r.label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
