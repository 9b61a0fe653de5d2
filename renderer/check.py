"""``cheatsheet check``: compose a prompt or chapter without writing anything and report problems.

Errors (exit status 1): a region whose content does not fit its box, a character no font
of the chain has (the sheet would show a red placeholder), text set below ``theme.BODY_PT_MIN``, a region with no content, and any
input error.  Warnings (exit status 0 unless ``--strict``): a section that matched no region
by its header, the layout's own notices (a band grown, ratios rescaled), and inks whose
contrast on the paper is too low once printed in greyscale.  Ink contrast is a property of
the theme, the same for every input, so it only fails a check under ``--strict``.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import theme
from .compose.coverage import HINT as COVERAGE_HINT
from .compose.marks import ArrowMark, Mark, StrokeMark, TextMark
from .compose.text.fonts import seen_size
from .errors import ERROR, WARNING, InputError, diagnostic
from .layout.regions import Region

if TYPE_CHECKING:
    from .compose.page import Page
    from .layout.engine import Layout

TEXT_CONTRAST_MIN = 4.5  # WCAG AA for normal-size text; our text is 7-14 pt
LINE_CONTRAST_MIN = 3.0  # WCAG non-text contrast (box lines, arrows, underlines)

# Inks theme.py gives text and lines (the grid is the paper's own pattern, deliberately faint: not checked).
THEME_TEXT_INKS = ("PEN", "PEN_SOFT", "ACCENTS", "TICK_GREEN", "CROSS_RED")
THEME_LINE_INKS = ("PEN", "ACCENTS", "CHIP_EDGE")


@dataclass
class Finding:
    kind: str  # overfull | uncovered | small-text | empty | unmatched | notice | contrast | input
    severity: str  # error | warning
    message: str
    file: str = ""
    line: int = 0
    col: int = 0
    region: str = ""  # region id
    title: str = ""  # region title (icon and words)
    hint: str = ""

    def format(self, default_file: str = "") -> str:
        """In the form of every diagnostic (errors.diagnostic): the place, the severity, the message,
        then which region and what kind of problem; a finding about the whole page (an ink) names
        ``default_file``, the input."""
        where = f"region {self.region} {self.title!r}" if self.title else f"region {self.region}" if self.region else ""
        tail = f" [{self.kind}{', ' + where if where else ''}]"
        return diagnostic(self.severity, self.message + tail, self.file or default_file, self.line, self.col,
                          self.hint, show_line=self.kind == "input")

    def __str__(self) -> str:
        return self.format()

    def to_dict(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "message": self.message, "file": self.file,
                "line": self.line, "col": self.col, "region": self.region, "title": self.title, "hint": self.hint}


@dataclass
class InkContrast:
    color: str  # #rrggbb as drawn (alpha already composited onto the paper)
    role: str  # text | line
    names: list[str]  # theme constants, or where in the code the colour is written
    contrast: float  # against the paper, both turned to grey as a greyscale printer does
    minimum: float

    @property
    def ok(self) -> bool:
        return self.contrast >= self.minimum

    def to_dict(self) -> dict:
        return {"color": self.color, "role": self.role, "names": self.names, "contrast": round(self.contrast, 2),
                "minimum": self.minimum, "ok": self.ok}


@dataclass
class RegionState:
    id: str
    title: str
    fits: bool
    size: float
    columns: int
    content_items: int

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "fits": self.fits, "size": self.size, "columns": self.columns,
                "content_items": self.content_items}


@dataclass
class Report:
    input: str
    findings: list[Finding] = field(default_factory=list)
    regions: list[RegionState] = field(default_factory=list)
    inks: list[InkContrast] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    def clean(self, strict: bool = False) -> bool:
        return self.errors == 0 and (not strict or self.warnings == 0)

    def to_dict(self, strict: bool = False) -> dict:
        return {
            "input": self.input,
            "clean": self.clean(strict),
            "strict": strict,
            "errors": self.errors,
            "warnings": self.warnings,
            "thresholds": {"body_pt_min": theme.BODY_PT_MIN, "text_contrast_min": TEXT_CONTRAST_MIN,
                           "line_contrast_min": LINE_CONTRAST_MIN, "paper": theme.PAPER},
            "findings": [f.to_dict() for f in self.findings],
            "regions": [r.to_dict() for r in self.regions],
            "inks": [i.to_dict() for i in self.inks],
        }


# --- the command -----------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    strict = bool(getattr(args, "strict", False))
    report = check(args.input, exact=bool(getattr(args, "exact", False)), source=getattr(args, "source", None))
    if args.json:
        print(json.dumps(report.to_dict(strict), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, strict))
    return 0 if report.clean(strict) else 1


def format_report(report: Report, strict: bool = False) -> str:
    order = sorted(report.findings, key=lambda f: (f.severity != ERROR, f.file, f.line, f.region))
    lines = [f.format(report.input) for f in order]
    status = "clean" if report.clean(strict) else "NOT clean"
    lines.append(f"{report.input}: {status}: {report.errors} error(s), {report.warnings} warning(s)"
                 + (" (--strict: warnings count)" if strict else ""))
    return "\n".join(lines)


def check(path: str | Path, exact: bool = False, source: str | Path | None = None) -> Report:
    """Read, lay out and compose ``path`` (nothing is drawn or written) and collect every problem."""
    from .compose.page import compose_page
    from .render import lay_out
    from .sources import read_input

    report = Report(str(path))
    try:
        chapter = read_input(path, source)
        layout = lay_out(chapter)
    except InputError as exc:
        report.findings.append(_input_finding(exc))
        return report
    try:
        page = compose_page(chapter, layout, overflow_ok=True, exact=exact)
    except InputError as exc:
        report.findings.append(_input_finding(exc))
        return report
    layout = page.layout  # placed where fitting put every region
    report.findings.extend(page_findings(page, layout, chapter.emphasis, chapter.sections))
    report.inks = ink_contrasts(page.marks)
    report.findings.extend(_contrast_findings(report.inks))
    report.regions = [RegionState(r.id, r.label, page.fits[r.id].fits, page.fits[r.id].size,
                                  page.fits[r.id].ncols, len(layout.content.get(r.id, [])))
                      for r in layout.leaves() if r.id in page.fits]
    return report


def page_findings(page: Page, layout: Layout, emphasis: tuple[str, ...] = (),
                  sections: list | None = None) -> list[Finding]:
    """What a composed page shows: overfull boxes, small text, empty regions, unmatched sections
    and the layout's notices."""
    leaves = layout.leaves()
    out = _overfull(page, layout, leaves, emphasis) + _small_text(page, layout, leaves) + _empty(layout, leaves)
    out += _unmatched(layout, sections)
    out += [Finding("uncovered", ERROR, u.message(), u.file, u.line, u.col, u.region, u.title,
                    hint=COVERAGE_HINT) for u in page.uncovered]
    out += [Finding("notice", WARNING, n.message, n.file, n.line, n.col, hint=n.hint)
            for n in page.notices if n.kind != "uncovered"]
    return out


def _input_finding(exc: InputError) -> Finding:
    return Finding("input", ERROR, exc.message, exc.file, exc.line, exc.col, hint=exc.hint)


def _first_content(layout: Layout, rid: str) -> tuple[str, int]:
    items = layout.content.get(rid, [])
    if items:
        return items[0].file, items[0].line
    return layout.source_file, 0


# --- fit, size, emptiness, placement ------------------------------------------------------


def _overfull(page: Page, layout: Layout, leaves: list[Region], emphasis: tuple[str, ...]) -> list[Finding]:
    from .compose.ink import Ink
    from .compose.parse import parse_blocks
    from .compose.region import RegionComposer, box_rect

    out = []
    for r in leaves:
        f = page.fits.get(r.id)
        if f is None or f.fits:
            continue
        file, line = _first_content(layout, r.id)
        blocks = [b for c in layout.content.get(r.id, []) for b in parse_blocks(c.markdown, c.line, emphasis)]
        need = RegionComposer(r, blocks, Ink.nth(0), bool(r.title) and not r.heading_outside).need()
        out.append(Finding("overfull", ERROR,
                           f"the content does not fit its box even at {f.size:g} pt in {f.ncols} column(s): "
                           f"it needs about {need:.1f} mm of box height, the box has {box_rect(r)[3]:.1f} mm",
                           file, line, 1, r.id, r.label,
                           hint="shorten that box's content, or give its band more in the ratio spec"))
    return out


def _nominal(m: TextMark) -> float:
    """The size a text mark looks: its face's size, or for a face sized by the handwriting's x-height
    (the monospace) the handwriting's size it matches."""
    return seen_size(m.face, m.size_pt)


def _region_at(x: float, y: float, leaves: list[Region]) -> Region | None:
    for r in leaves:
        rx, ry, rw, rh = r.rect
        if rx <= x <= rx + rw and ry <= y <= ry + rh:
            return r
    return None


def _small_text(page: Page, layout: Layout, leaves: list[Region]) -> list[Finding]:
    out: list[Finding] = []
    flagged: set[str] = set()
    for r in leaves:
        f = page.fits.get(r.id)
        if f is not None and f.size < theme.BODY_PT_MIN - 1e-9:
            flagged.add(r.id)
            file, line = _first_content(layout, r.id)
            shrunk = f.fits and f.size >= theme.BODY_PT_FLOOR - 1e-9  # written smaller to fit: said, not failed
            out.append(Finding("small-text", WARNING if shrunk else ERROR,
                               f"body text is set at {f.size:g} pt, below {theme.BODY_PT_MIN:g} pt"
                               + (" (shrunk so that the content fits)" if shrunk else ""),
                               file, line, 1, r.id, r.label, hint="shorten that box's content, or give its band "
                                                                  "more in the ratio spec"))
    small: dict[str, list[TextMark]] = {}
    for m in page.marks:
        if isinstance(m, TextMark) and _nominal(m) < theme.BODY_PT_MIN - 1e-6:
            r = _region_at(m.x, m.y, leaves)
            small.setdefault(r.id if r else "", []).append(m)
    for rid, marks in small.items():
        if rid in flagged:
            continue
        least = min(marks, key=_nominal)
        region = next((r for r in leaves if r.id == rid), None)
        file, line = _first_content(layout, rid) if rid else (layout.source_file, 0)
        out.append(Finding("small-text", ERROR,
                           f"{len(marks)} piece(s) of text below {theme.BODY_PT_MIN:g} pt, the smallest "
                           f"{_nominal(least):.2f} pt ({least.text!r})",
                           file, line, 1, rid or "page", region.label if region else "",
                           hint="shorten that box's content, or give its band more in the ratio spec"))
    return out


def _empty(layout: Layout, leaves: list[Region]) -> list[Finding]:
    out = []
    for r in leaves:
        items = layout.content.get(r.id, [])
        if not any(c.markdown.strip() for c in items):
            out.append(Finding("empty", ERROR, "the region has no content: its box would stay blank",
                               layout.source_file, r.line, max(1, r.col), r.id, r.label,
                               hint="write a section for it (## and the box's title), or remove the box from the "
                                    "diagram"))
    return out


def _unmatched(layout: Layout, chapter_sections: list | None = None) -> list[Finding]:
    """A piece the plan put in a box only for its room (a warning: nothing ties it to the box), and a
    written piece the plan placed nowhere (an error: it would be lost)."""
    out = []
    leaves = {r.id: r for r in layout.leaves()}
    placed = {(p.section.file, p.section.line) for p in layout.placements}
    for p in layout.placements:
        if p.how != "room":
            continue
        region = leaves.get(p.region_id)
        name = f"{p.section.icon} {p.section.title}".strip()
        out.append(Finding("unmatched", WARNING,
                           f"section {name!r} matched no box by its title, kind or words; it went to "
                           f"{p.region_id}, {p.reason}", p.section.file, p.section.line, 1, p.region_id,
                           region.label if region else "",
                           hint="give the section the title of the box it belongs in (icon and words), or see "
                                "where it went with cheatsheet layout"))
    for s in chapter_sections or []:
        if (s.file, s.line) not in placed:
            name = f"{s.icon} {s.title}".strip() or s.body.strip().split("\n")[0][:40]
            out.append(Finding("unplaced", ERROR, f"the written piece {name!r} was placed in no box",
                               s.file, s.line, 1, "page", "",
                               hint="give it a box in the diagram, or a title that names one"))
    return out


# --- ink contrast in greyscale ------------------------------------------------------------


def _rgb(color: str) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(color)


def _over_paper(color: str, alpha: float = 1.0) -> tuple[float, float, float]:
    r, g, b, a = _rgb(color)
    a *= alpha
    pr, pg, pb, _ = _rgb(theme.PAPER)
    return (r * a + pr * (1 - a), g * a + pg * (1 - a), b * a + pb * (1 - a))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def grey_luminance(rgb: tuple[float, float, float]) -> float:
    """Relative luminance of the grey a greyscale printer makes of an sRGB colour
    (Rec. 601 luma of the encoded values, as print drivers and PIL's "L" mode convert)."""
    r, g, b = rgb
    return _linear(0.299 * r + 0.587 * g + 0.114 * b)


def contrast_ratio(a: float, b: float) -> float:
    lo, hi = sorted((a, b))
    return (hi + 0.05) / (lo + 0.05)


def grey_contrast(color: str, alpha: float = 1.0) -> float:
    """Contrast ratio (WCAG formula) of ``color`` on the paper once both are printed in grey."""
    return contrast_ratio(grey_luminance(_over_paper(color, alpha)), grey_luminance(_over_paper(theme.PAPER)))


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def _theme_names() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in vars(theme).items():
        if not name.isupper():
            continue
        values = [(name, value)] if isinstance(value, str) else (
            [(f"{name}[{k}]", v) for k, v in enumerate(value)] if isinstance(value, tuple) else [])
        for n, v in values:
            if isinstance(v, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", v):
                out.setdefault(v.lower(), []).append(f"theme.{n}")
    return out


@cache
def _code_places(color: str) -> list[str]:
    """Where a colour that theme.py does not name is written in the renderer's code."""
    root = Path(__file__).resolve().parent
    out = []
    for p in sorted(root.rglob("*.py")):
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for k, line in enumerate(text.splitlines(), start=1):
            if color.lower() in line.lower():
                out.append(f"{p.relative_to(root.parent)}:{k}")
    return out


def _shown(path: Path) -> str:
    """A path relative to the working directory when it is under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _theme_line(name: str) -> int:
    """The line of ``theme.py`` that defines a constant (``theme.ACCENTS[2]`` -> ``ACCENTS = ...``)."""
    base = name.removeprefix("theme.").split("[")[0]
    src = Path(theme.__file__).read_text(encoding="utf-8").splitlines()
    return next((k for k, ln in enumerate(src, start=1) if re.match(rf"{base}\s*=", ln)), 1)


def ink_contrasts(marks: list[Mark]) -> list[InkContrast]:
    """Every ink theme.py gives text or lines, and every ink the page's text and lines use."""
    wanted: dict[tuple[str, str], None] = {}

    def add(color: str, role: str, alpha: float = 1.0) -> None:
        wanted.setdefault((_hex(_over_paper(color, alpha)), role), None)

    for role, names in (("text", THEME_TEXT_INKS), ("line", THEME_LINE_INKS)):
        for name in names:
            value = getattr(theme, name)
            for v in (value if isinstance(value, tuple) else (value,)):
                add(v, role)
    for m in marks:
        if isinstance(m, TextMark):
            add(m.color, "text")
        elif isinstance(m, StrokeMark) and m.width_pt > 0:
            add(m.color, "line", m.alpha)
        elif isinstance(m, ArrowMark):
            add(m.color, "line")
    out = []
    names = _theme_names()
    for color, role in wanted:
        minimum = TEXT_CONTRAST_MIN if role == "text" else LINE_CONTRAST_MIN
        where = names.get(color) or _code_places(color)
        out.append(InkContrast(color, role, list(where), grey_contrast(color), minimum))
    out.sort(key=lambda i: (i.role, i.contrast))
    return out


def _contrast_findings(inks: list[InkContrast]) -> list[Finding]:
    out = []
    for ink in inks:
        if ink.ok:
            continue
        names = ", ".join(ink.names) or "not written in the code"
        file, line = "", 0
        if ink.names and ink.names[0].startswith("theme."):
            file, line = _shown(Path(theme.__file__)), _theme_line(ink.names[0])
        elif ink.names:
            file, _, ln = ink.names[0].rpartition(":")
            line = int(ln)
        out.append(Finding("contrast", WARNING,
                           f"{ink.role} ink {ink.color} ({names}) has {ink.contrast:.2f}:1 against the paper "
                           f"{theme.PAPER} in greyscale; {ink.role} needs {ink.minimum:g}:1",
                           file, line, 1, hint="a property of the theme, not of the prompt: print in colour, or "
                                               "darken that ink in the theme"))
    return out

