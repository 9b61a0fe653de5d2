"""Set lines of runs as marks: text in the right face per character, chips, marker."""

from __future__ import annotations

import dataclasses

from ... import theme
from ..ink import Ink
from ..marks import Mark, MarkerMark, StrokeMark, TextMark
from . import fonts
from .linebreak import Line, Piece, chip_gap, chip_pad


def pitch(size_pt: float) -> float:
    """Line pitch in mm."""
    return size_pt * theme.PT_MM * theme.LINE_GAP


def text_marks(x: float, baseline: float, text: str, size_pt: float, color: str,
               bold: bool = False, mono: bool = False, ha: str = "left") -> list[Mark]:
    """One TextMark per face segment, laid side by side from ``x``."""
    out: list[Mark] = []
    segs = fonts.segments(text, mono)
    if ha != "left":
        total = sum(fonts.seg_width(f, t, size_pt) for f, t in segs)
        x -= total / 2 if ha == "center" else total
    for fam, t in segs:
        if fam == theme.PLACEHOLDER:
            out.extend(placeholder_marks(x, baseline, len(t), size_pt))
        else:
            out.append(TextMark(x, baseline - fonts.face_raise(fam, size_pt), t, fonts.face_size(fam, size_pt), fam,
                                color, bold and fam == theme.HAND))
        x += fonts.seg_width(fam, t, size_pt)
    return out


def placeholder_marks(x: float, baseline: float, count: int, size_pt: float) -> list[Mark]:
    """What stands for characters no face has: per character, one em of the line holding a
    hand-drawn red box crossed by a diagonal (never an empty box of a font, "tofu")."""
    em = size_pt * theme.PT_MM
    side = theme.PLACEHOLDER_BOX_EM * em
    out: list[Mark] = []
    y1 = baseline - fonts.face_raise(theme.PLACEHOLDER, size_pt)
    y0 = y1 - side
    for k in range(count):
        x0 = x + k * em + (em - side) / 2
        out.append(StrokeMark(((x0, y0), (x0 + side, y0), (x0 + side, y1), (x0, y1)), theme.PLACEHOLDER_INK,
                              theme.PLACEHOLDER_WIDTH_PT, closed=True, wobble=theme.PLACEHOLDER_WOBBLE))
        out.append(StrokeMark(((x0, y1), (x0 + side, y0)), theme.PLACEHOLDER_INK, theme.PLACEHOLDER_WIDTH_PT,
                              wobble=theme.PLACEHOLDER_WOBBLE))
    return out


def chip_box(x: float, top: float, w: float, size_pt: float, special: bool) -> StrokeMark:
    h = size_pt * theme.PT_MM * theme.CHIP_H_EM
    y = top + size_pt * theme.PT_MM * theme.CHIP_TOP_EM
    r = min(h / theme.CHIP_ROUND, theme.CHIP_RADIUS_MAX)
    pts = rounded_rect(x + theme.CHIP_INSET, y, w - 2 * theme.CHIP_INSET, h, r)
    fill = theme.CHIP_SPECIAL if special else theme.CHIP_PLAIN
    return StrokeMark(pts, theme.CHIP_EDGE, theme.THIN_WIDTH_PT * theme.CHIP_EDGE_WIDTH, closed=True, fill=fill, wobble=theme.CHIP_WOBBLE, z=1)


def rounded_rect(x: float, y: float, w: float, h: float, r: float) -> tuple[tuple[float, float], ...]:
    """Corner points of a rounded rectangle (a few points per corner)."""
    import math

    pts = []
    corners = ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0), (x + r, y + h - r, 90), (x + r, y + r, 180))
    for cx, cy, a0 in corners:
        for k in range(4):
            a = math.radians(a0 + k * 30)
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return tuple(pts)


def _joined(line: Line, size_pt: float) -> list[tuple[float, Piece]]:
    """Neighbouring words of the same style as one piece (fewer text artists to draw): the
    space between them is exactly a space of the same font, so the text lands where it was set."""
    space = fonts.width(" ", size_pt)
    out: list[tuple[float, Piece]] = []
    for dx, p in line.pieces:
        if out and not p.run.chip:
            px, prev = out[-1]
            gap = dx - (px + prev.width)
            same = prev.run == p.run and not prev.run.chip
            if same and abs(gap - space) < 0.01:
                out[-1] = (px, Piece(prev.run, prev.text + " " + p.text, dx + p.width - px))
                continue
            if same and abs(gap) < 0.01:
                out[-1] = (px, Piece(prev.run, prev.text + p.text, dx + p.width - px))
                continue
        out.append((dx, p))
    return out


def line_marks(line: Line, x: float, top: float, size_pt: float, ink: Ink, color: str | None = None) -> list[Mark]:
    """Marks of one set line whose top edge is at ``top``."""
    out: list[Mark] = []
    size_mm = size_pt * theme.PT_MM
    base = top + theme.TEXT_ASCENT_EM * size_mm
    for dx, p in _joined(line, size_pt):
        r = p.run
        px = x + dx
        if r.chip:
            out.append(chip_box(px, top, p.width - chip_gap(size_pt), size_pt, r.style == "token"))
            out.extend(text_marks(px + chip_pad(size_pt), base - theme.CHIP_TEXT_RAISE_EM * size_mm, p.text,
                                  size_pt * theme.CHIP_SCALE, theme.PEN, mono=True))
            continue
        if r.style == "bold":
            pad = theme.MARKER_PAD_EM * size_mm
            out.append(MarkerMark(px - pad, top + theme.MARKER_TOP_EM * size_mm, p.width + 2 * pad, theme.MARKER_H_EM * size_mm,
                                  ink.marker, theme.MARKER_ALPHA))
        pen = r.color or color or ink.pen
        marks = text_marks(px, base, p.text, size_pt, pen, bold=r.style == "bold")
        out.extend(dataclasses.replace(m, url=r.url) if r.url and isinstance(m, TextMark) else m for m in marks)
        if r.style == "em":  # a manuscript underlines what print sets in italics
            y = base + theme.EM_RULE_BELOW_EM * size_mm
            out.append(StrokeMark(((px, y), (px + p.width, y)), pen, theme.THIN_WIDTH_PT * theme.EM_RULE_WIDTH,
                                  wobble=theme.EM_RULE_WOBBLE))
        elif r.style == "strike":
            y = base - theme.STRIKE_ABOVE_EM * size_mm
            out.append(StrokeMark(((px - theme.STRIKE_PAST, y), (px + p.width + theme.STRIKE_PAST, y)), pen,
                                  theme.THIN_WIDTH_PT * theme.STRIKE_WIDTH, wobble=theme.EM_RULE_WOBBLE, z=4))
    return out
