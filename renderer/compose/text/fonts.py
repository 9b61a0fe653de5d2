"""The font chain, emoji sequences, and text measuring from the fonts' own tables (fontTools).

Text is cut into clusters: one character, or an emoji sequence kept whole (a ZWJ sequence
👨‍💻, a keycap 1️⃣, a skin tone 👍🏽, a flag 🇰🇷, an emoji with its variation selector).
Each cluster is drawn in the first face of its chain that has it (``theme.TEXT_CHAIN``,
``theme.MONO_CHAIN``).  An emoji sequence is one picture when Noto Emoji has a ligature for
it (matplotlib shapes the sequence into that glyph), else it is drawn as its base emoji:
never as loose parts.  A character no face has is drawn as a placeholder
(``theme.PLACEHOLDER``: a red box with a diagonal, one em wide).

Measuring sums advance widths from cached cmap/hmtx tables (a ligature's own advance for a
sequence), which matches what matplotlib lays out.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ... import theme

VS15, VS16, ZWJ, KEYCAP = "\ufe0e", "\ufe0f", "\u200d", "\u20e3"
PLACEHOLDER = theme.PLACEHOLDER

# Symbols the handwriting font has but draws poorly next to Hangul: taken from DejaVu.
PREFER_SYMBOL = frozenset("•·")


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


def _mpl_font(name: str) -> Path:
    """A font matplotlib ships, found without importing matplotlib (its data folder lies beside its
    package, as ``matplotlib.get_data_path()`` gives it): composing does not draw."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("matplotlib")
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf" / name


@lru_cache(maxsize=1)
def faces() -> dict[str, Face]:
    """Every face that writes text; the placeholder is drawn, not a font."""
    paths = {
        theme.HAND: theme.FONT_DIR / theme.HAND_FONT_FILE,
        theme.EMOJI: theme.FONT_DIR / theme.EMOJI_FONT_FILE,
        theme.CJK: theme.FONT_DIR / theme.CJK_FONT_FILE,
        theme.SYMBOL: _mpl_font("DejaVuSans.ttf"),
        theme.MATH: _mpl_font("STIXGeneral.ttf"),
        theme.MONO: _mpl_font("DejaVuSansMono.ttf"),
    }
    return {fam: Face(fam, path, theme.FACE_SCALE[fam]) for fam, path in paths.items()}


def vendored_font_files() -> list[Path]:
    """The fonts matplotlib does not ship, to be registered before drawing."""
    return [theme.FONT_DIR / f for f in (theme.HAND_FONT_FILE, theme.EMOJI_FONT_FILE, theme.CJK_FONT_FILE)]


@cache
def metrics(family: str) -> FaceMetrics:
    """The face's advance widths and vertical metrics, read straight from its tables (truetype), or
    by fontTools for a face that module does not read."""
    from ... import truetype

    path = faces()[family].path
    try:
        face = truetype.face(path)
    except truetype.Unsupported:
        return _fonttools_metrics(path)
    upem = face.units_per_em
    return FaceMetrics(face.advances(), upem, face.ascent / upem, -face.descent / upem)


def _fonttools_metrics(path: Path) -> FaceMetrics:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"].metrics
    upem = font["head"].unitsPerEm
    hhea = font["hhea"]
    adv = {cp: hmtx[g][0] for cp, g in cmap.items()}
    return FaceMetrics(adv, upem, hhea.ascent / upem, -hhea.descent / upem)


@cache
def emoji_sequences() -> dict[tuple[int, ...], int]:
    """Code point sequences Noto Emoji draws as one picture (its GSUB ligatures: ZWJ
    sequences, keycaps, skin tones, flags) -> the picture's advance in font units."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(faces()[theme.EMOJI].path), lazy=True)
    cps: dict[str, int] = {}
    for cp, g in sorted(font.getBestCmap().items(), reverse=True):
        cps[g] = cp  # the lowest code point of a glyph mapped from several
    hmtx = font["hmtx"].metrics
    out: dict[tuple[int, ...], int] = {}
    if "GSUB" not in font:
        return out
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for sub in lookup.SubTable:
            if lookup.LookupType == 7:
                sub = sub.ExtSubTable
            for first, ligs in getattr(sub, "ligatures", {}).items():
                for lig in ligs:
                    glyphs = [first, *lig.Component]
                    if all(g in cps for g in glyphs):
                        out.setdefault(tuple(cps[g] for g in glyphs), hmtx[lig.LigGlyph][0])
    return out


# --- clusters -----------------------------------------------------------------------------


def _is_ri(cp: int) -> bool:
    """A regional indicator: two of them are a flag."""
    return 0x1F1E6 <= cp <= 0x1F1FF


def _is_modifier(cp: int) -> bool:
    """A skin tone modifier."""
    return 0x1F3FB <= cp <= 0x1F3FF


def _is_tag(cp: int) -> bool:
    return 0xE0020 <= cp <= 0xE007F


def _emoji_like(ch: str) -> bool:
    """A picture character Noto Emoji has (not a letter, digit or ASCII sign)."""
    cp = ord(ch)
    return cp >= 0x2000 and cp in metrics(theme.EMOJI).advances


def silent(ch: str) -> bool:
    """Characters that are never drawn: controls, format characters (joiners, zero-width
    space, soft hyphen, bidi marks, tags), variation selectors, line separators."""
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return True
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def _mark(ch: str) -> bool:
    """A combining mark (an accent, a macron over x̄): drawn on the character before it."""
    return unicodedata.category(ch) in ("Mn", "Me", "Mc")


def clusters(text: str) -> list[str]:
    """``text`` cut into what is drawn as one: a character with what modifies it (variation
    selectors, combining marks), or an emoji sequence (ZWJ-joined emoji, keycap, skin tone, regional
    indicator pair, tag sequence)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if _is_ri(ord(text[i])) and j < n and _is_ri(ord(text[j])):
            j += 1
        emoji = _emoji_like(text[i])
        while j < n:
            c = text[j]
            cp = ord(c)
            if c in (VS15, VS16, KEYCAP) or _is_tag(cp) or (emoji and _is_modifier(cp)) or _mark(c):
                j += 1
            elif c == ZWJ and emoji and j + 1 < n and _emoji_like(text[j + 1]):
                j += 2
            else:
                break
        out.append(text[i:j])
        i = j
    return out


def _text_default(ch: str) -> bool:
    """Symbols outside the pictograph blocks (arrows ↔, maths, shapes ▶, letterlike ℹ, ‼):
    written as text unless U+FE0F asks for the emoji.  Those of them that are pictures by
    default (⌚ ⏩ ⬛ ⭐) are in no text face, so they still come from Noto Emoji."""
    cp = ord(ch)
    return cp < 0x2600 or 0x2800 <= cp < 0x1F000


def _first_face(ch: str, chain: tuple[str, ...]) -> str | None:
    cp = ord(ch)
    if ch in PREFER_SYMBOL:
        chain = (*(f for f in chain if f in (theme.MONO, theme.SYMBOL)), *chain)
    for fam in chain:
        if cp in metrics(fam).advances:
            return fam
    return None


@lru_cache(maxsize=65536)
def resolve(cluster: str, mono: bool = False) -> tuple[str, str] | None:
    """(face, text to draw) of one cluster; None when nothing is drawn.  A sequence Noto Emoji
    has is drawn whole (without variation selectors, which the ligatures do not hold); any
    other sequence as its base character; a character no face has in the placeholder."""
    core = "".join(c for c in cluster if c not in (VS15, VS16))
    if len(core) > 1 and tuple(map(ord, core)) in emoji_sequences():
        return theme.EMOJI, core
    if len(core) > 1 and len(composed := unicodedata.normalize("NFC", core)) == 1:
        core = composed  # a letter and its accent that Unicode composes: the one letter
    base = core[:1]
    if not base or silent(base):
        return None
    chain = theme.MONO_CHAIN if mono else theme.TEXT_CHAIN
    marks = "".join(c for c in core[1:] if _mark(c))
    if marks and not _mark(base):
        # a letter with combining marks: in the first face that has them all, so that the marks sit on
        # it (never alone, which shaping would draw on a dotted circle); else the letter alone
        for fam in chain:
            adv = metrics(fam).advances
            if all(ord(c) in adv for c in base + marks):
                return fam, base + marks
        return (_first_face(base, chain) or PLACEHOLDER), base
    if VS16 in cluster or len(core) > 1:  # emoji presentation asked for, or a sequence's base
        chain = (theme.EMOJI, *(f for f in chain if f != theme.EMOJI))
    elif VS15 in cluster or _text_default(base):  # text presentation asked for, or the usual one
        chain = (*(f for f in chain if f != theme.EMOJI), theme.EMOJI)
    return (_first_face(base, chain) or PLACEHOLDER), base


def _joinable(family: str, before: str, after: str) -> bool:
    """Whether two clusters drawn in the same face can be one string: an emoji sequence (or
    a lone regional indicator) stays alone, so that shaping never joins it to a neighbour."""
    if family != theme.EMOJI:
        return True
    return not any(len(t) > 1 or _is_ri(ord(t[-1])) for t in (after, before[-1:]))


def segments(text: str, mono: bool = False) -> list[tuple[str, str]]:
    """(face, text) runs: each cluster in the first face of the chain that has it."""
    out: list[tuple[str, str]] = []
    for cl in clusters(text):
        r = resolve(cl, mono)
        if r is None:
            continue
        fam, t = r
        if out and out[-1][0] == fam and _joinable(fam, out[-1][1], t):
            out[-1] = (fam, out[-1][1] + t)
        else:
            out.append((fam, t))
    return out


def face_scale(family: str) -> float:
    return theme.FACE_SCALE[family]


def face_size(family: str, size_pt: float) -> float:
    """The size a face is drawn at for a nominal size: its scale (glyphs look alike next to the
    handwriting), but never below TEXT_PT_MIN (nor below the nominal size where that is smaller,
    in a region written smaller to fit): nothing on the page is too small to read.  A face sized by
    the handwriting's x-height (``theme.VISUAL_FLOOR``: the monospace) looks as large as the
    handwriting at every size, so its scale alone decides."""
    scale = theme.FACE_SCALE[family]
    if family in theme.VISUAL_FLOOR:
        return size_pt * scale
    return max(size_pt * scale, min(size_pt, theme.TEXT_PT_MIN))


def seen_size(family: str, size_pt: float) -> float:
    """How large text of a face drawn at ``size_pt`` looks: the handwriting's size it matches."""
    return size_pt / theme.FACE_SCALE[family] if family in theme.VISUAL_FLOOR else size_pt


def face_raise(family: str, size_pt: float) -> float:
    """How far above the line's baseline a face writes (mm), so that its glyphs stand on the
    same line as the handwriting's, whose letters float above their baseline."""
    return theme.FACE_RAISE.get(family, 0.0) * size_pt * theme.PT_MM


@lru_cache(maxsize=65536)
def _units(family: str, text: str) -> float:
    """Advance of a segment's text in ems of its own face."""
    if family == PLACEHOLDER:
        return float(len(text))
    m = metrics(family)
    if family == theme.EMOJI and len(text) > 1:
        seq = emoji_sequences().get(tuple(map(ord, text)))
        if seq is not None:
            return seq / m.upem
    adv = m.advances
    # shaping gives a non-spacing mark no advance of its own
    return sum(0 if unicodedata.category(c) in ("Mn", "Me") else adv.get(ord(c), 0) for c in text) / m.upem


def seg_width(family: str, text: str, size_pt: float) -> float:
    """Width in mm of a segment (text in one face) at a nominal size."""
    return _units(family, text) * face_size(family, size_pt) * theme.PT_MM


@lru_cache(maxsize=262144)
def face_units(text: str, mono: bool = False) -> tuple[tuple[str, float], ...]:
    """The text's advance in ems, summed per face (each face is drawn at its own size)."""
    units: dict[str, float] = {}
    for f, t in segments(text, mono):
        units[f] = units.get(f, 0.0) + _units(f, t)
    return tuple(units.items())


def width(text: str, size_pt: float, mono: bool = False) -> float:
    """Width in mm of text at a nominal size."""
    return sum(u * face_size(f, size_pt) for f, u in face_units(text, mono)) * theme.PT_MM


def uncovered(text: str, mono: bool = False) -> list[str]:
    """The characters of ``text`` no face of the chain has (each once, in order)."""
    return list(_uncovered(text, mono))


@lru_cache(maxsize=16384)
def _uncovered(text: str, mono: bool) -> tuple[str, ...]:
    out: list[str] = []
    for fam, t in segments(text, mono):
        if fam == PLACEHOLDER:
            out.extend(c for c in t if c not in out)
    return tuple(out)


def check_covered(text: str, mono: bool = False) -> str | None:
    """The first character no face of the chain has, or None."""
    missing = uncovered(text, mono)
    return missing[0] if missing else None

