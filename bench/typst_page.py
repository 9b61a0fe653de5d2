"""The same page in Typst: a composed chapter's marks written as Typst source.

    .venv/bin/python bench/typst_page.py CHAPTER.yaml -o page.typ [--pdf page.pdf] [--png page.png] [--dpi 200]

The benchmark compares a render with Typst typesetting the same page content: A4 landscape on
the same paper with the same 5 mm grid, every text mark's string at its position, size, colour
and face (the vendored fonts and the faces matplotlib ships, given to Typst as one font folder,
so that no system font and none of Typst's own is used), strokes as polylines and polygons
(straight, without the hand's wobble, as in the matplotlib floor), arrows as a shaft and two
barbs, highlighter marks and backings as rectangles, the QR code as one path.  Elements are
written in the order the page stacks them (the z-orders of ``renderer/draw/artists.py``), since
Typst paints in source order.

Making the source needs only the project; compiling it needs the ``typst`` package
(``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: this tree's renderer
    sys.path.insert(0, str(ROOT))

from cheatsheet import theme  # noqa: E402
from cheatsheet.compose.marks import (  # noqa: E402
    ArrowMark,
    BackingMark,
    MarkerMark,
    QRMark,
    StrokeMark,
    TextMark,
)
from cheatsheet.compose.shapes import bent  # noqa: E402

# The stacking of renderer/draw/artists.py: paper grid, fills, marker, lines, text, backings.
Z_GRID, Z_FILL, Z_MARKER, Z_LINE, Z_TEXT, Z_BACKING = 0, 1, 2, 3, 5, 7
BARB_DEG = 28.0  # an arrow head's barbs, either side of the shaft (artists.arrow_paths without its jitter)
DASH = (3.0, 2.5)  # matplotlib's dash pattern on the page, in line widths

_CSS_NAMES = {"white": "#ffffff", "black": "#000000", "none": "#00000000"}


def _num(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _mm(v: float) -> str:
    return f"{_num(v)}mm"


def _pt(v: float) -> str:
    return f"{_num(v)}pt"


def _str(s: str) -> str:
    """A Typst string literal: text passed as a string is never read as markup."""
    out = []
    for ch in s:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _color(c: str, alpha: float = 1.0) -> str:
    """``rgb("#rrggbb")``, with an alpha byte when not opaque (names as matplotlib reads them)."""
    h = _CSS_NAMES.get(c.lower(), c) if not c.startswith("#") else c
    if not h.startswith("#"):
        from matplotlib.colors import to_hex

        h = to_hex(c)
    h = h.lower()
    if len(h) == 4:  # #rgb
        h = "#" + "".join(ch * 2 for ch in h[1:])
    if alpha < 1.0 and len(h) == 7:
        h += f"{round(max(0.0, alpha) * 255):02x}"
    return f'rgb("{h}")'


def _stroke(color: str, width_pt: float, alpha: float = 1.0, dashed: bool = False) -> str:
    parts = [f"paint: {_color(color, alpha)}", f"thickness: {_pt(width_pt)}", 'cap: "round"', 'join: "round"']
    if dashed:
        parts.append(f"dash: ({_pt(DASH[0] * width_pt)}, {_pt(DASH[1] * width_pt)})")
    return "(" + ", ".join(parts) + ")"


def _curve(points, closed: bool, stroke: str, fill: str = "none") -> str:
    """A polyline or polygon in page millimetres, placed at the page's corner."""
    pts = list(points)
    items = [f"curve.move(({_mm(pts[0][0])}, {_mm(pts[0][1])}))"]
    items += [f"curve.line(({_mm(x)}, {_mm(y)}))" for x, y in pts[1:]]
    if closed:
        items.append("curve.close()")
    return f"#place(curve(fill: {fill}, stroke: {stroke}, {', '.join(items)}))"


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f"#place(dx: {_mm(x)}, dy: {_mm(y)}, rect(width: {_mm(w)}, height: {_mm(h)}, fill: {fill}, stroke: none))"


def _text(m: TextMark, x: float) -> str:
    body = f"text(size: {_pt(m.size_pt)}, font: {_str(m.face)}, fill: {_color(m.color)}, {_str(m.text)})"
    if m.rotation:  # matplotlib turns counter-clockwise about the anchor (here the baseline's start)
        body = f"rotate({_num(-m.rotation)}deg, origin: top + left, reflow: false, {body})"
    if m.ha in ("center", "right"):  # the anchor is the middle or the end of the written string
        frac = "0.5" if m.ha == "center" else "1"
        return (f"#context {{ let b = {body}; place(dx: {_mm(x)} - {frac} * measure(b).width, dy: {_mm(m.y)}, b) }}")
    return f"#place(dx: {_mm(x)}, dy: {_mm(m.y)}, {body})"


def _arrow(m: ArrowMark) -> list[str]:
    pts = bent(m.start, m.end, m.bend) if m.bend else (m.start, m.end)
    out = [_curve(pts, False, _stroke(m.color, m.width_pt, 1.0, m.dashed))]
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    for side in (-1, 1):
        a = ang + math.pi + side * math.radians(BARB_DEG)
        tip = (x1 + m.head * math.cos(a), y1 + m.head * math.sin(a))
        out.append(_curve((tip, (x1, y1)), False, _stroke(m.color, m.width_pt)))
    return out


def _qr(m: QRMark) -> list[str]:
    """White quiet zone, then every row's runs of dark modules as one compound path."""
    n = len(m.modules)
    unit = m.size / n
    q = m.quiet
    out = [_rect(m.x - q, m.y - q, m.size + 2 * q, m.size + 2 * q, _color("white"))]
    items: list[str] = []
    for r, start, c in m.dark_runs():
        x0, y0, x1, y1 = m.x + start * unit, m.y + r * unit, m.x + c * unit, m.y + (r + 1) * unit
        items += [f"curve.move(({_mm(x0)}, {_mm(y0)}))", f"curve.line(({_mm(x1)}, {_mm(y0)}))",
                  f"curve.line(({_mm(x1)}, {_mm(y1)}))", f"curve.line(({_mm(x0)}, {_mm(y1)}))", "curve.close()"]
    if items:
        out.append(f"#place(curve(fill: {_color(m.color)}, stroke: none, {', '.join(items)}))")
    return out


def page_source(marks: list, width: float = theme.PAGE_W, height: float = theme.PAGE_H) -> str:
    """Typst source of one page holding ``marks`` (page millimetres, y down, text at its baseline)."""
    # (z, late, order, element).  matplotlib paints by z-order, and at equal z in the order artists
    # were added: texts and patches as their marks come, the lines' collections after all of them.
    layers: list[tuple[float, bool, int, str]] = []

    def put(z: float, element: str, late: bool = False) -> None:
        layers.append((z, late, len(layers), element))

    grid = _stroke(theme.GRID, theme.GRID_WIDTH_PT)
    x = 0.0
    while x <= width + 0.01:
        put(Z_GRID, f"#place(line(start: ({_mm(x)}, 0mm), end: ({_mm(x)}, {_mm(height)}), stroke: {grid}))")
        x += theme.GRID_PITCH
    y = 0.0
    while y <= height + 0.01:
        put(Z_GRID, f"#place(line(start: (0mm, {_mm(y)}), end: ({_mm(width)}, {_mm(y)}), stroke: {grid}))")
        y += theme.GRID_PITCH
    for m in marks:
        if isinstance(m, TextMark):
            put(Z_TEXT + m.z, _text(m, m.x))
            if m.bold:  # the page writes a bold word twice, a hair apart
                put(Z_TEXT + m.z, _text(m, m.x + theme.BOLD_OFFSET))
        elif isinstance(m, StrokeMark):
            if m.fill:
                put(Z_FILL + m.z * 0.01, _curve(m.points, True, "none", _color(m.fill, m.fill_alpha)))
            if m.width_pt > 0:
                put(Z_LINE + m.z, _curve(m.points, m.closed, _stroke(m.color, m.width_pt, m.alpha, m.dashed)), True)
        elif isinstance(m, ArrowMark):
            for element in _arrow(m):
                put(Z_LINE + m.z, element, True)
        elif isinstance(m, MarkerMark):
            put(Z_MARKER, _rect(m.x, m.y, m.w, m.h, _color(m.color, m.alpha)))
        elif isinstance(m, BackingMark):
            put(Z_BACKING + m.z, _rect(m.x, m.y, m.w, m.h, _color(m.color)))
        elif isinstance(m, QRMark):
            white, *dark = _qr(m)
            put(Z_TEXT, white)
            for element in dark:
                put(Z_TEXT + 1, element)
        else:
            raise TypeError(f"no Typst form for a {type(m).__name__}")
    head = [
        "// One cheat-sheet page, written from its composed marks (bench/typst_page.py).",
        "#set document(date: none)",
        f"#set page(width: {_mm(width)}, height: {_mm(height)}, margin: 0pt, fill: {_color(theme.PAPER)})",
        # a placed text's box starts and ends at its baseline: dy is the baseline, as in the marks;
        # no fallback: every string is written in the one face its mark names
        '#set text(top-edge: "baseline", bottom-edge: "baseline", fallback: false, hyphenate: false)',
    ]
    return "\n".join(head + [e for *_, e in sorted(layers)]) + "\n"


def font_dir(dest: Path) -> Path:
    """One folder holding every face the page writes in (links, or copies where links cannot be
    made), to be Typst's only font path."""
    from cheatsheet.compose.text.fonts import faces

    dest.mkdir(parents=True, exist_ok=True)
    for face in faces().values():
        target = dest / face.path.name
        if target.exists():
            continue
        try:
            target.symlink_to(face.path)
        except OSError:
            shutil.copyfile(face.path, target)
    return dest


def compiler(fonts: Path):
    """A Typst compiler that sees only the fonts in ``fonts`` (no system fonts, none of its own)."""
    import typst

    return typst.Compiler(font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                                                 font_paths=[str(fonts)]), ignore_system_fonts=True)


def compile_page(typ: Path, fonts: Path, dpi: int, c=None) -> tuple[bytes, bytes]:
    """The page as PDF and as PNG at ``dpi``, with one compiler (a new one unless given)."""
    c = c or compiler(fonts)
    root = str(typ.resolve().parent)
    pdf = c.compile(str(typ.resolve()), format="pdf", root=root)
    png = c.compile(str(typ.resolve()), format="png", ppi=float(dpi), root=root)
    return pdf, png


def chapter_marks(path: Path) -> list:
    from cheatsheet.compose.page import compose_page
    from cheatsheet.layout.engine import layout_chapter
    from cheatsheet.sources import read_input

    chapter = read_input(path)
    return compose_page(chapter, layout_chapter(chapter)).marks


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("chapter", help="a chapter YAML or prompt")
    p.add_argument("-o", "--output", required=True, help="the .typ file to write")
    p.add_argument("--pdf", help="also compile it to this PDF (needs typst)")
    p.add_argument("--png", help="also compile it to this PNG (needs typst)")
    p.add_argument("--dpi", type=int, default=theme.DEFAULT_DPI)
    args = p.parse_args(argv)
    typ = Path(args.output)
    typ.write_text(page_source(chapter_marks(Path(args.chapter))), encoding="utf-8")
    if args.pdf or args.png:
        fonts = font_dir(typ.parent / "typst-fonts")
        pdf, png = compile_page(typ, fonts, args.dpi)
        if args.pdf:
            Path(args.pdf).write_bytes(pdf)
        if args.png:
            Path(args.png).write_bytes(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
