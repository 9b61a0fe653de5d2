"""The font chain and text measuring from the fonts' own tables (fontTools).

Every character is drawn in the first face of its chain that has it: the
handwriting, then Noto Emoji, then DejaVu Sans for symbols (→ ↓ ✓ □ •).
Measuring sums advance widths from cached cmap/hmtx tables, which matches
what matplotlib lays out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .. import theme

DROP = frozenset("\ufe0f\ufe0e\u200d\u200b")  # selectors and joiners: nothing to draw


@dataclass(frozen=True)
class Face:
    family: str
    path: Path
    scale: float  # size relative to the handwriting at the same nominal size


@dataclass
class FaceMetrics:
    advances: dict[int, int]  # code point -> advance width in font units
    upem: int
    ascent: float  # em
    descent: float  # em (positive)


class UncoveredCharacter(Exception):
    def __init__(self, char: str) -> None:
        super().__init__(char)
        self.char = char


def _mpl_font(name: str) -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


@lru_cache(maxsize=1)
def faces() -> dict[str, Face]:
    return {
        theme.HAND: Face(theme.HAND, theme.FONT_DIR / theme.HAND_FONT_FILE, theme.FACE_SCALE[theme.HAND]),
        theme.EMOJI: Face(theme.EMOJI, theme.FONT_DIR / theme.EMOJI_FONT_FILE, theme.FACE_SCALE[theme.EMOJI]),
        theme.SYMBOL: Face(theme.SYMBOL, _mpl_font("DejaVuSans.ttf"), theme.FACE_SCALE[theme.SYMBOL]),
        theme.MONO: Face(theme.MONO, _mpl_font("DejaVuSansMono.ttf"), theme.FACE_SCALE[theme.MONO]),
    }


TEXT_CHAIN = (theme.HAND, theme.EMOJI, theme.SYMBOL)
MONO_CHAIN = (theme.MONO, theme.HAND, theme.EMOJI, theme.SYMBOL)


@cache
def metrics(family: str) -> FaceMetrics:
    from fontTools.ttLib import TTFont

    font = TTFont(str(faces()[family].path), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    upem = font["head"].unitsPerEm
    hhea = font["hhea"]
    adv = {cp: hmtx[g][0] for cp, g in cmap.items()}
    return FaceMetrics(adv, upem, hhea.ascent / upem, -hhea.descent / upem)


# Symbols the handwriting font has but draws poorly next to Hangul: take them from DejaVu.
PREFER_SYMBOL = frozenset("•·")


def face_of(ch: str, mono: bool = False) -> str:
    cp = ord(ch)
    chain = MONO_CHAIN if mono else TEXT_CHAIN
    for fam in chain:
        if ch in PREFER_SYMBOL and fam == theme.HAND:
            continue
        if cp in metrics(fam).advances:
            return fam
    raise UncoveredCharacter(ch)


def segments(text: str, mono: bool = False) -> list[tuple[str, str]]:
    """(family, text) runs: each character in the first face of the chain that has it."""
    out: list[tuple[str, str]] = []
    for ch in text:
        if ch in DROP:
            continue
        fam = face_of(ch, mono)
        if out and out[-1][0] == fam:
            out[-1] = (fam, out[-1][1] + ch)
        else:
            out.append((fam, ch))
    return out


def face_size(family: str, size_pt: float) -> float:
    return size_pt * faces()[family].scale


@lru_cache(maxsize=65536)
def _units(family: str, text: str) -> float:
    m = metrics(family)
    adv = m.advances
    return sum(adv.get(ord(c), 0) for c in text) / m.upem


def seg_width(family: str, text: str, size_pt: float) -> float:
    """Width in mm of text in one face at a nominal size."""
    return _units(family, text) * face_size(family, size_pt) * theme.PT_MM


@lru_cache(maxsize=262144)
def em_width(text: str, mono: bool = False) -> float:
    """Width of text at a nominal size of 1 pt, in mm (width grows linearly with the size)."""
    return sum(_units(f, t) * faces()[f].scale for f, t in segments(text, mono)) * theme.PT_MM


def width(text: str, size_pt: float, mono: bool = False) -> float:
    return em_width(text, mono) * size_pt


def check_covered(text: str, mono: bool = False) -> str | None:
    """The first character no face of the chain has, or None."""
    for ch in text:
        if ch in DROP:
            continue
        try:
            face_of(ch, mono)
        except UncoveredCharacter:
            return ch
    return None


def clean(text: str) -> str:
    return "".join(c for c in text if c not in DROP)
