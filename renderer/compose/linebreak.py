"""Korean line breaking: break at spaces (어절); between syllables only when a word is
wider than the line; never start a line with a closing mark or end one with an opening one."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .. import theme
from . import fonts
from .inline import Run

NO_START = frozenset(")]}〉》」』】,.!?:;…”’%·")
NO_END = frozenset("([{〈《「『【“‘")
# Line settings remembered per process: fitting the busiest sheet asks for about 5,000 different ones
# (about 1 kB each), most of them again on a re-render of the same text.
SET_LINES_CACHE = 16384


@dataclass
class Piece:
    run: Run
    text: str
    width: float  # mm, chip padding included


@dataclass
class Line:
    pieces: list[tuple[float, Piece]] = field(default_factory=list)  # (x offset, piece)
    width: float = 0.0


def chip_pad(size_pt: float) -> float:
    return theme.CHIP_PAD_EM * size_pt * theme.PT_MM


def chip_gap(size_pt: float) -> float:
    return theme.CHIP_GAP_EM * size_pt * theme.PT_MM


def piece_width(run: Run, text: str, size_pt: float) -> float:
    if run.chip:
        return fonts.width(text, size_pt * theme.CHIP_SCALE, mono=True) + 2 * chip_pad(size_pt) + chip_gap(size_pt)
    return fonts.width(text, size_pt)


def _atoms(runs: list[Run], size_pt: float) -> list[tuple[float, list[Piece]]]:
    """Words (pieces glued without spaces), each with the width of the space before it."""
    return [(sp, list(pcs)) for sp, pcs in _sized_atoms(tuple(runs), size_pt)]


@lru_cache(maxsize=65536)
def _sized_atoms(runs: tuple[Run, ...], size_pt: float) -> tuple[tuple[float, tuple[Piece, ...]], ...]:
    space = fonts.width(" ", size_pt)
    return tuple((space if sp else 0.0, tuple(Piece(p.run, p.text, piece_width(p.run, p.text, size_pt)) for p in pcs))
                 for sp, pcs in _unit_atoms(runs))


@lru_cache(maxsize=16384)
def _unit_atoms(runs: tuple[Run, ...]) -> tuple[tuple[float, tuple[Piece, ...]], ...]:
    """The words, each with whether a space comes before it (widths at 1 pt, only as a sketch:
    _atoms measures them at the size asked, faces having sizes of their own)."""
    atoms: list[tuple[float, list[Piece]]] = []
    cur: list[Piece] = []
    space = 0.0
    pending_space = 0.0
    for run in runs:
        if run.chip:
            cur.append(Piece(run, run.text, piece_width(run, run.text, 1.0)))
            continue
        parts = run.text.split(" ")
        for k, part in enumerate(parts):
            if k > 0:
                if cur:
                    atoms.append((space, cur))
                    cur = []
                    space = 0.0
                pending_space = fonts.width(" ", 1.0)
            if part:
                if not cur:
                    space = pending_space if atoms else 0.0
                    pending_space = 0.0
                cur.append(Piece(run, part, piece_width(run, part, 1.0)))
    if cur:
        atoms.append((space, cur))
    return tuple((sp, tuple(pcs)) for sp, pcs in _glue(atoms, 1.0))


def _glue(atoms: list[tuple[float, list[Piece]]], size_pt: float) -> list[tuple[float, list[Piece]]]:
    """A word that is only closing marks joins the word before; an opening mark the word after."""
    out: list[tuple[float, list[Piece]]] = []
    carry: tuple[float, list[Piece]] | None = None
    for sp, pcs in atoms:
        text = "".join(p.text for p in pcs)
        if carry is not None:
            sp, pcs = carry[0], carry[1] + [Piece(pcs[0].run, " ", fonts.width(" ", size_pt))] + pcs
            carry = None
        if out and text and all(c in NO_START for c in text):
            psp, ppcs = out[-1]
            out[-1] = (psp, ppcs + pcs)
            continue
        if text and all(c in NO_END for c in text):
            carry = (sp, pcs)
            continue
        out.append((sp, pcs))
    if carry is not None:
        out.append(carry)
    return out


def _atom_width(pcs: list[Piece] | tuple[Piece, ...]) -> float:
    return sum(p.width for p in pcs)


def cluster_bounds(text: str) -> set[int]:
    """Where ``text`` may be cut: between its clusters (an emoji sequence is one)."""
    out = {0}
    pos = 0
    for cl in fonts.clusters(text):
        pos += len(cl)
        out.add(pos)
    return out


def _split_piece(p: Piece, avail: float, size_pt: float, force: bool) -> tuple[Piece, Piece] | None:
    """Break a piece between characters so the head fits ``avail``; never before a closing mark,
    never inside an emoji sequence."""
    best = 0
    bounds = cluster_bounds(p.text)
    for i in range(1, len(p.text)):
        if i not in bounds or p.text[i] in NO_START or p.text[i - 1] in NO_END:
            continue
        if piece_width(p.run, p.text[:i], size_pt) <= avail:
            best = i
        else:
            break
    if best == 0:
        if not force:
            return None
        best = min(i for i in bounds if i > 0)
    head, tail = p.text[:best], p.text[best:]
    return (Piece(p.run, head, piece_width(p.run, head, size_pt)),
            Piece(p.run, tail, piece_width(p.run, tail, size_pt)))


def set_lines(runs: list[Run], width: float, size_pt: float) -> list[Line]:
    """Greedy filling of lines no wider than ``width`` mm (new Line objects on every call; the
    setting itself is remembered per process)."""
    return [Line(list(pieces), w) for pieces, w in _set_lines(tuple(runs), width, size_pt)]


@lru_cache(maxsize=SET_LINES_CACHE)
def _set_lines(runs: tuple[Run, ...], width: float,
               size_pt: float) -> tuple[tuple[tuple[tuple[float, Piece], ...], float], ...]:
    width += 1e-6  # a text measured to exactly the width fits it
    lines: list[Line] = [Line()]
    for space, pcs in _atoms(runs, size_pt):
        line = lines[-1]
        need = _atom_width(pcs) + (space if line.pieces else 0.0)
        if line.pieces and line.width + need > width:
            lines.append(Line())
            line = lines[-1]
        if not line.pieces:
            space = 0.0
        if line.width + space + _atom_width(pcs) <= width:
            x = line.width + space
            for p in pcs:
                line.pieces.append((x, p))
                x += p.width
            line.width = x
            continue
        # a word wider than the line: break it between pieces, then between syllables
        x = line.width + space
        queue = list(pcs)
        while queue:
            p = queue.pop(0)
            if x + p.width <= width:
                line.pieces.append((x, p))
                x += p.width
                continue
            split = None if p.run.chip and p.width <= width else _split_piece(p, width - x, size_pt, force=not line.pieces)
            if split is None:
                if line.pieces:
                    line.width = x
                    lines.append(Line())
                    line = lines[-1]
                    x = 0.0
                    queue.insert(0, p)
                    continue
                line.pieces.append((x, p))
                x += p.width
                continue
            head, tail = split
            line.pieces.append((x, head))
            line.width = x + head.width
            lines.append(Line())
            line = lines[-1]
            x = 0.0
            queue.insert(0, tail)
        line.width = x
    return tuple((tuple(ln.pieces), ln.width) for ln in [ln for ln in lines if ln.pieces] or [Line()])


def natural_width(runs: list[Run], size_pt: float) -> float:
    """Width of the runs on one line."""
    return sum(sp + _atom_width(p) for sp, p in _sized_atoms(tuple(runs), size_pt))


def widest_word(runs: list[Run], size_pt: float) -> float:
    return max((_atom_width(p) for _, p in _sized_atoms(tuple(runs), size_pt)), default=0.0)
