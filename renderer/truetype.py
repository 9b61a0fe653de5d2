"""A TrueType font read straight from its tables, with no font library: its metrics for measuring
text, and subsets of it for embedding in a PDF.

``face(path)`` reads a font file's tables once per process: the character map, the advance widths,
the glyph offsets.  Measuring text needs only the first two (``Face.advances``).

A PDF that places every glyph itself (matplotlib's does: it writes glyph ids at positions it has
worked out) needs from the embedded font only the outlines, their hinting and their advance widths.
So a subset here (``subset``) is the font's own glyph data for the glyphs asked for (and the glyphs
their composites are built from, and glyphs 0-3 as fontTools' subsetter keeps them), in the
original glyph order, with tables rebuilt to match: ``loca``, ``hmtx``, ``cmap`` (the characters of
those glyphs), and ``head``, ``hhea``, ``maxp`` and ``post`` (format 3, no glyph names) adjusted.
The hinting programs (``cvt ``, ``fpgm``, ``prep``, ``gasp``) and ``OS/2`` are copied, ``name`` keeps
the names fontTools' subsetter keeps; every other table (OpenType layout, vertical metrics, device
metrics) is left out.  The glyph numbering is the one fontTools' subsetter gives (the kept glyphs in
their original order), so a PDF's glyph maps and widths are the same either way.

Faces this does not cover (collections, CFF outlines, variable fonts, damaged tables) raise
``Unsupported``; the caller reads or subsets those another way."""

from __future__ import annotations

import os
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

# The tables a subset keeps as they are: hinting, and the font's names and OS/2 metrics.
COPIED_TABLES = ("OS/2", "cvt ", "fpgm", "gasp", "name", "prep")
# the names a subset keeps (fontTools' subsetter's default): copyright, family, style, unique id, full name,
# version, PostScript name
NAME_IDS = (0, 1, 2, 3, 4, 5, 6)
# glyphs fontTools' subsetter keeps in every subset (its ``recommended_glyphs``): .notdef, .null, CR, space
RECOMMENDED_GLYPHS = (0, 1, 2, 3)
# tables that make glyph data depend on more than the glyf table: such a face is left to fontTools
VARIATION_TABLES = ("fvar", "gvar", "CFF ", "CFF2")

# composite glyph flags (OpenType glyf table)
ARG_1_AND_2_ARE_WORDS = 0x0001
WE_HAVE_A_SCALE = 0x0008
MORE_COMPONENTS = 0x0020
WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
WE_HAVE_A_TWO_BY_TWO = 0x0080
MAX_COMPONENT_DEPTH = 16  # deeper composites than any real font has: the face is treated as damaged


class Unsupported(Exception):
    """A face this module does not subset (a collection, CFF outlines, a variable font, damaged tables)."""


@dataclass(frozen=True)
class Face:
    """A TrueType font file's tables, read once."""

    tables: dict[str, bytes]
    offsets: tuple[int, ...]  # loca: glyph g's data is glyf[offsets[g]:offsets[g + 1]]
    metrics: tuple[tuple[int, int], ...]  # hmtx: (advance width, left side bearing) of every glyph
    chars: dict[int, tuple[int, ...]]  # glyph id -> the characters the cmap maps to it

    @property
    def num_glyphs(self) -> int:
        return len(self.metrics)

    @property
    def units_per_em(self) -> int:
        return struct.unpack_from(">H", self.tables["head"], 18)[0]

    @property
    def ascent(self) -> int:
        """hhea's ascender, in font units."""
        return struct.unpack_from(">h", self.tables["hhea"], 4)[0]

    @property
    def descent(self) -> int:
        """hhea's descender, in font units (negative below the baseline)."""
        return struct.unpack_from(">h", self.tables["hhea"], 6)[0]

    def advances(self) -> dict[int, int]:
        """Character -> its glyph's advance width, in font units, for every character the cmap maps."""
        pairs = sorted((c, self.metrics[g][0]) for g, cs in self.chars.items() for c in cs)
        return dict(pairs)


_faces: dict[tuple, Face | str] = {}  # a face read, or why it is not read
_faces_lock = threading.Lock()


def face(path: str | os.PathLike) -> Face:
    """The face of the font file ``path``, read once per process (again if the file changes);
    ``Unsupported`` (every time) when this module does not read it.  A path of a str subclass
    (matplotlib's ``FontPath``, which hashes with its face index) is the same plain path."""
    path = str(os.fspath(path))
    st = os.stat(path)
    key = (path, st.st_size, st.st_mtime_ns)
    with _faces_lock:
        found = _faces.get(key)
    if found is None:
        try:
            found = read_face(path)
        except Unsupported as e:
            found = str(e)
        with _faces_lock:
            _faces[key] = found
    if isinstance(found, str):
        raise Unsupported(found)  # a new exception each time: one raised again would pile up tracebacks
    return found


def read_face(path: str | Path) -> Face:
    """The tables of the TrueType font file ``path``; ``Unsupported`` when it is not a plain glyf font."""
    try:
        return _read_face(Path(path).read_bytes())
    except (struct.error, IndexError) as e:
        raise Unsupported(f"damaged font tables ({e})") from e


def _read_face(data: bytes) -> Face:
    tables = _tables(data)
    missing = [t for t in ("head", "hhea", "maxp", "loca", "glyf", "hmtx", "cmap", "post") if t not in tables]
    if missing or any(t in tables for t in VARIATION_TABLES):
        raise Unsupported(f"not a plain TrueType font (missing {missing})" if missing else "a variable or CFF font")
    head, hhea, maxp = tables["head"], tables["hhea"], tables["maxp"]
    if len(head) < 54 or len(hhea) < 36 or len(maxp) < 6:
        raise Unsupported("short head, hhea or maxp table")
    num_glyphs = struct.unpack_from(">H", maxp, 4)[0]
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    loca = tables["loca"]
    size = 4 if long_loca else 2
    if len(loca) < (num_glyphs + 1) * size:
        raise Unsupported("short loca table")
    offsets = struct.unpack_from(f">{num_glyphs + 1}{'I' if long_loca else 'H'}", loca)
    if not long_loca:
        offsets = tuple(2 * o for o in offsets)
    if any(b < a for a, b in zip(offsets, offsets[1:], strict=False)) or offsets[-1] > len(tables["glyf"]):
        raise Unsupported("loca offsets out of order or past the glyf table")
    return Face(tables, tuple(offsets), _metrics(tables["hmtx"], hhea, num_glyphs),
                _chars_by_glyph(_cmap(tables["cmap"]), num_glyphs))


def subset(face: Face, glyphs: set[int] | frozenset[int]) -> tuple[bytes, dict[int, int]]:
    """The font file holding ``glyphs`` of ``face`` (and what they need), and where each glyph it
    holds was in the original: {original glyph id: subset glyph id}, as fontTools' subsetter gives it."""
    try:
        return _subset(face, glyphs)
    except (struct.error, IndexError, KeyError) as e:
        raise Unsupported(f"damaged glyph data ({e})") from e


def _subset(face: Face, glyphs: set[int] | frozenset[int]) -> tuple[bytes, dict[int, int]]:
    wanted = {int(g) for g in glyphs}
    if any(g < 0 or g >= face.num_glyphs for g in wanted):
        raise Unsupported("a glyph id beyond the font's glyphs")
    kept = _closure(face, wanted | {g for g in RECOMMENDED_GLYPHS if g < face.num_glyphs})
    order = sorted(kept)
    new_id = {g: i for i, g in enumerate(order)}
    pieces: list[bytes] = []
    loca = [0]
    for g in order:
        data = _glyph_data(face, g)
        if len(data) >= 10 and struct.unpack_from(">h", data, 0)[0] < 0:
            data = _renumbered(data, new_id)
        data += b"\0" * (len(data) % 2)  # glyphs start on even offsets, as short loca offsets need
        pieces.append(data)
        loca.append(loca[-1] + len(data))
    tables = {tag: face.tables[tag] for tag in COPIED_TABLES if tag in face.tables}
    if "name" in tables:
        tables["name"] = _names(tables["name"])
    tables["glyf"] = b"".join(pieces)
    short_loca = loca[-1] // 2 <= 0xFFFF
    tables["loca"] = (struct.pack(f">{len(loca)}H", *(o // 2 for o in loca)) if short_loca
                      else struct.pack(f">{len(loca)}I", *loca))
    metrics = [face.metrics[g] for g in order]
    long_count = len(metrics)  # the trailing glyphs of one advance width share the last long metric
    while long_count > 1 and metrics[long_count - 2][0] == metrics[-1][0]:
        long_count -= 1
    tables["hmtx"] = (b"".join(struct.pack(">Hh", *m) for m in metrics[:long_count])
                      + b"".join(struct.pack(">h", lsb) for _, lsb in metrics[long_count:]))
    tables["cmap"] = _cmap_table({c: new_id[g] for g in order for c in face.chars.get(g, ())})
    head = bytearray(face.tables["head"])
    head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set once the file is whole
    head[50:52] = struct.pack(">h", 0 if short_loca else 1)
    tables["head"] = bytes(head)
    hhea = bytearray(face.tables["hhea"])
    hhea[34:36] = struct.pack(">H", long_count)
    tables["hhea"] = bytes(hhea)
    maxp = bytearray(face.tables["maxp"])
    maxp[4:6] = struct.pack(">H", len(order))
    tables["maxp"] = bytes(maxp)
    post = bytearray(face.tables["post"][:32].ljust(32, b"\0"))
    post[0:4] = struct.pack(">I", 0x00030000)  # no glyph names
    tables["post"] = bytes(post)
    return _font_file(tables), new_id


# --- reading ------------------------------------------------------------------------------------


def _tables(data: bytes) -> dict[str, bytes]:
    if len(data) < 12:
        raise Unsupported("not a font file")
    version, count = struct.unpack_from(">IH", data, 0)
    if version not in (0x00010000, 0x74727565):  # TrueType outlines ('true' on old Apple fonts)
        raise Unsupported("a font collection or a font without TrueType outlines")
    if len(data) < 12 + 16 * count:
        raise Unsupported("short table directory")
    tables: dict[str, bytes] = {}
    for k in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * k)
        if offset + length > len(data):
            raise Unsupported("a table past the end of the file")
        tables[tag.decode("latin-1")] = data[offset:offset + length]
    return tables


def _metrics(hmtx: bytes, hhea: bytes, num_glyphs: int) -> tuple[tuple[int, int], ...]:
    long_count = struct.unpack_from(">H", hhea, 34)[0]
    if not 1 <= long_count <= num_glyphs or len(hmtx) < 4 * long_count + 2 * (num_glyphs - long_count):
        raise Unsupported("an hmtx table that does not match hhea and maxp")
    values = struct.unpack_from(">" + "Hh" * long_count, hmtx, 0)
    metrics = [(values[2 * i], values[2 * i + 1]) for i in range(long_count)]
    last = metrics[-1][0]
    bearings = struct.unpack_from(f">{num_glyphs - long_count}h", hmtx, 4 * long_count)
    metrics += [(last, lsb) for lsb in bearings]
    return tuple(metrics)


def _cmap(table: bytes) -> dict[int, int]:
    """Character -> glyph id from the best Unicode subtable: format 12 (full Unicode) before format 4 (BMP)."""
    if len(table) < 4:
        raise Unsupported("short cmap table")
    count = struct.unpack_from(">H", table, 2)[0]
    found: dict[int, int] = {}  # format -> offset of a Unicode subtable
    for k in range(count):
        if 4 + 8 * k + 8 > len(table):
            raise Unsupported("short cmap table")
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * k)
        if (platform, encoding) in ((3, 1), (3, 10), (0, 3), (0, 4), (0, 6)) and offset + 2 <= len(table):
            fmt = struct.unpack_from(">H", table, offset)[0]
            found.setdefault(fmt, offset)
    try:
        if 12 in found:
            return _cmap_format_12(table, found[12])
        if 4 in found:
            return _cmap_format_4(table, found[4])
    except struct.error as e:
        raise Unsupported("damaged cmap table") from e
    raise Unsupported("no Unicode cmap of format 4 or 12")


def _cmap_format_4(table: bytes, at: int) -> dict[int, int]:
    seg2 = struct.unpack_from(">H", table, at + 6)[0]
    n = seg2 // 2
    ends = struct.unpack_from(f">{n}H", table, at + 14)
    starts = struct.unpack_from(f">{n}H", table, at + 16 + seg2)
    deltas = struct.unpack_from(f">{n}h", table, at + 16 + 2 * seg2)
    range_at = at + 16 + 3 * seg2
    ranges = struct.unpack_from(f">{n}H", table, range_at)
    out: dict[int, int] = {}
    for i in range(n):
        for c in range(starts[i], ends[i] + 1):
            if c == 0xFFFF:
                continue
            if ranges[i] == 0:
                g = (c + deltas[i]) & 0xFFFF
            else:
                g = struct.unpack_from(">H", table, range_at + 2 * i + ranges[i] + 2 * (c - starts[i]))[0]
                if g:
                    g = (g + deltas[i]) & 0xFFFF
            if g:
                out[c] = g
    return out


def _cmap_format_12(table: bytes, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", table, at + 12)[0]
    out: dict[int, int] = {}
    for k in range(groups):
        start, end, glyph = struct.unpack_from(">III", table, at + 16 + 12 * k)
        if end < start or end > 0x10FFFF:
            raise Unsupported("damaged cmap group")
        for c in range(start, end + 1):
            out[c] = glyph + c - start
    return out


def _chars_by_glyph(cmap: dict[int, int], num_glyphs: int) -> dict[int, tuple[int, ...]]:
    by_glyph: dict[int, list[int]] = {}
    for c in sorted(cmap):
        g = cmap[c]
        if 0 < g < num_glyphs:
            by_glyph.setdefault(g, []).append(c)
    return {g: tuple(cs) for g, cs in by_glyph.items()}


# --- composites ------------------------------------------------------------------------------


def _components(data: bytes) -> list[tuple[int, int]]:
    """(offset of the glyph index, glyph index) of each component of a composite glyph's data."""
    out: list[tuple[int, int]] = []
    at = 10
    while True:
        if at + 4 > len(data):
            raise Unsupported("a composite glyph cut short")
        flags, glyph = struct.unpack_from(">HH", data, at)
        out.append((at + 2, glyph))
        at += 4 + (4 if flags & ARG_1_AND_2_ARE_WORDS else 2)
        if flags & WE_HAVE_A_SCALE:
            at += 2
        elif flags & WE_HAVE_AN_X_AND_Y_SCALE:
            at += 4
        elif flags & WE_HAVE_A_TWO_BY_TWO:
            at += 8
        if not flags & MORE_COMPONENTS:
            return out


def _glyph_data(face: Face, g: int) -> bytes:
    return face.tables["glyf"][face.offsets[g]:face.offsets[g + 1]]


def _closure(face: Face, glyphs: set[int]) -> set[int]:
    """``glyphs`` and every glyph their composites are built from, however deep."""
    kept = set(glyphs)
    todo = sorted(glyphs)
    depth = 0
    while todo:
        depth += 1
        if depth > MAX_COMPONENT_DEPTH:
            raise Unsupported("composite glyphs nested too deep")
        found: set[int] = set()
        for g in todo:
            data = _glyph_data(face, g)
            if len(data) >= 10 and struct.unpack_from(">h", data, 0)[0] < 0:
                for _, part in _components(data):
                    if part >= face.num_glyphs:
                        raise Unsupported("a composite glyph made of a glyph the font does not have")
                    if part not in kept:
                        found.add(part)
        kept |= found
        todo = sorted(found)
    return kept


def _renumbered(data: bytes, new_id: dict[int, int]) -> bytes:
    out = bytearray(data)
    for at, glyph in _components(data):
        out[at:at + 2] = struct.pack(">H", new_id[glyph])
    return bytes(out)


# --- writing -------------------------------------------------------------------------------------


def _names(table: bytes) -> bytes:
    """The name table with only the names fontTools' subsetter keeps: ids 0-6 (copyright, family,
    style, unique id, full name, version, PostScript name), in US English on the Windows platform."""
    _fmt, count, strings_at = struct.unpack_from(">HHH", table, 0)
    kept = []
    for k in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * k)
        if platform == 3 and language == 0x409 and name_id in NAME_IDS:
            text = table[strings_at + offset:strings_at + offset + length]
            if len(text) == length:
                kept.append((platform, encoding, language, name_id, text))
    kept.sort(key=lambda r: r[:4])
    records, strings = [], b""
    for platform, encoding, language, name_id, text in kept:
        records.append(struct.pack(">6H", platform, encoding, language, name_id, len(text), len(strings)))
        strings += text
    return struct.pack(">HHH", 0, len(kept), 6 + 12 * len(kept)) + b"".join(records) + strings



def _cmap_table(chars: dict[int, int]) -> bytes:
    """A cmap of a format 4 subtable for the BMP characters (platforms 0/3 and 3/1) and, when some
    lie beyond the BMP, a format 12 subtable for all of them (0/4 and 3/10)."""
    bmp = {c: g for c, g in chars.items() if c < 0xFFFF}
    subtables = [_format_4(bmp)]
    records = [(0, 3, 0), (3, 1, 0)]
    if len(bmp) < len(chars):
        subtables.append(_format_12(chars))
        records = [(0, 3, 0), (0, 4, 1), (3, 1, 0), (3, 10, 1)]
    header = 4 + 8 * len(records)
    starts = [header]
    for t in subtables[:-1]:
        starts.append(starts[-1] + len(t))
    out = struct.pack(">HH", 0, len(records))
    out += b"".join(struct.pack(">HHI", p, e, starts[k]) for p, e, k in records)
    return out + b"".join(subtables)


def _runs(chars: dict[int, int]) -> list[tuple[int, int, int]]:
    """(first character, last character, first glyph) of each run of consecutive characters on consecutive glyphs."""
    runs: list[list[int]] = []
    for c in sorted(chars):
        g = chars[c]
        if runs and c == runs[-1][1] + 1 and g == runs[-1][2] + c - runs[-1][0]:
            runs[-1][1] = c
        else:
            runs.append([c, c, g])
    return [(a, b, g) for a, b, g in runs]


def _format_4(chars: dict[int, int]) -> bytes:
    segments = [(a, b, (g - a) & 0xFFFF) for a, b, g in _runs(chars)] + [(0xFFFF, 0xFFFF, 1)]
    n = len(segments)
    length = 16 + 8 * n
    if length > 0xFFFF:
        raise Unsupported("too many characters for a format 4 cmap")
    power = 1
    while power * 2 <= n:
        power *= 2
    entry_selector = power.bit_length() - 1
    out = struct.pack(">HHHHHHH", 4, length, 0, 2 * n, 2 * power, entry_selector, 2 * n - 2 * power)
    out += struct.pack(f">{n}H", *(b for _, b, _ in segments)) + b"\0\0"
    out += struct.pack(f">{n}H", *(a for a, _, _ in segments))
    out += struct.pack(f">{n}H", *(d for _, _, d in segments))
    return out + b"\0\0" * n  # idRangeOffset: none, every segment maps by its delta


def _format_12(chars: dict[int, int]) -> bytes:
    groups = _runs(chars)
    out = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    return out + b"".join(struct.pack(">III", a, b, g) for a, b, g in groups)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _font_file(tables: dict[str, bytes]) -> bytes:
    """The sfnt file of ``tables``: the directory and the tables in tag order, each 4-byte aligned,
    with their checksums and the head table's checkSumAdjustment."""
    tags = sorted(tables)
    n = len(tags)
    power = 1
    while power * 2 <= n:
        power *= 2
    header = struct.pack(">IHHHH", 0x00010000, n, 16 * power, power.bit_length() - 1, 16 * n - 16 * power)
    offset = 12 + 16 * n
    directory = []
    body = []
    for tag in tags:
        data = tables[tag]
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    font = bytearray(header + b"".join(directory) + b"".join(body))
    head_at = struct.unpack_from(">I", font, 12 + 16 * tags.index("head") + 8)[0]
    font[head_at + 8:head_at + 12] = struct.pack(">I", (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
