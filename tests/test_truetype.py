"""A TrueType face cut to a glyph set straight from its tables: the outlines, advances, hinting and
characters of every glyph kept are the original's, composites keep their parts, the file is a valid
font (checksums, FreeType opens it), the numbering is fontTools', and anything else is refused."""

from __future__ import annotations

import io
import random
import struct
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from matplotlib.font_manager import FontPath

from cheatsheet import pdf_fonts, truetype
from cheatsheet.compose.text.fonts import vendored_font_files


def _matplotlib_font(name: str) -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


FACES = [*vendored_font_files(), _matplotlib_font("DejaVuSans.ttf"), _matplotlib_font("DejaVuSansMono.ttf"),
         _matplotlib_font("STIXGeneral.ttf")]


def _outline(font: TTFont, gid: int) -> tuple:
    glyf = font["glyf"]
    name = font.getGlyphOrder()[gid]
    coords, ends, flags = glyf[name].getCoordinates(glyf)  # composites expanded into their parts' points
    program = glyf[name].program.getBytecode() if hasattr(glyf[name], "program") else b""
    return list(coords), list(ends), [f & 1 for f in flags], font["hmtx"][name], program


def _composites(font: TTFont, n: int) -> list[int]:
    glyf = font["glyf"]
    order = font.getGlyphOrder()
    return [g for g in range(len(order)) if glyf[order[g]].isComposite()][:n]


@pytest.fixture(scope="module")
def faces() -> dict[Path, truetype.Face]:
    return {p: truetype.read_face(p) for p in FACES}


@pytest.mark.parametrize("path", FACES, ids=lambda p: p.name)
def test_every_glyph_kept_is_the_originals(path: Path, faces) -> None:
    face = faces[path]
    src = TTFont(path)
    glyphs = set(random.Random(path.name).sample(range(face.num_glyphs), min(250, face.num_glyphs)))
    glyphs |= set(_composites(src, 10))
    data, where = truetype.subset(face, glyphs)
    sub = TTFont(io.BytesIO(data), checkChecksums=2)  # a table checksum that is wrong raises
    assert set(where) >= glyphs
    for g, new in where.items():
        assert _outline(sub, new) == _outline(src, g), (path.name, g)
    # the characters of the glyphs kept map to them
    cmap = src.getBestCmap()
    sub_cmap = sub.getBestCmap()
    for c, name in cmap.items():
        g = src.getGlyphID(name)
        if g in where:
            assert sub.getGlyphID(sub_cmap[c]) == where[g], (path.name, hex(c))
    for tag in ("cvt ", "fpgm", "prep", "gasp", "OS/2"):
        if tag in src:
            assert sub.reader[tag] == src.reader[tag]
    assert not set(pdf_fonts.LAYOUT_TABLES) & set(sub.keys())


@pytest.mark.parametrize("path", FACES, ids=lambda p: p.name)
def test_freetype_opens_it_and_finds_the_originals_advances(path: Path, faces) -> None:
    from matplotlib.ft2font import FT2Font, LoadFlags

    face = faces[path]
    glyphs = set(random.Random(1).sample(range(face.num_glyphs), min(100, face.num_glyphs)))
    data, where = truetype.subset(face, glyphs)
    original, cut = FT2Font(str(path)), FT2Font(io.BytesIO(data))
    flags = LoadFlags.NO_SCALE | LoadFlags.NO_HINTING
    for g, new in where.items():
        assert cut.load_glyph(new, flags=flags).horiAdvance == original.load_glyph(g, flags=flags).horiAdvance


def test_the_numbering_is_fonttools_and_composites_bring_their_parts(faces) -> None:
    path = _matplotlib_font("DejaVuSans.ttf")
    src = TTFont(path)
    composite = _composites(src, 1)[0]
    parts = {src.getGlyphID(c.glyphName) for c in src["glyf"][src.getGlyphOrder()[composite]].components}
    data, where = truetype.subset(faces[path], {composite, 40})
    sub = TTFont(io.BytesIO(data))
    assert len(sub.getGlyphOrder()) == len({0, 1, 2, 3, 40, composite} | parts)
    assert where == dict(pdf_fonts._fonttools_subset(str(path), 0, frozenset({composite, 40})).glyph_index_map)


def test_the_same_glyphs_give_the_same_bytes(faces) -> None:
    face = faces[FACES[0]]
    assert truetype.subset(face, {7, 8, 9}) == truetype.subset(face, frozenset([9, 8, 7]))


def test_a_glyph_the_face_does_not_have_is_refused(faces) -> None:
    face = faces[FACES[0]]
    with pytest.raises(truetype.Unsupported):
        truetype.subset(face, {face.num_glyphs})


@pytest.mark.parametrize("damage", ["empty", "collection", "cff", "truncated", "garbage_directory", "short_loca"])
def test_a_face_of_another_kind_or_damaged_is_refused_cleanly(damage: str, tmp_path: Path) -> None:
    good = FACES[1].read_bytes()  # Noto Emoji: small
    if damage == "empty":
        data = b""
    elif damage == "collection":
        data = b"ttcf" + good[4:]
    elif damage == "cff":
        data = b"OTTO" + good[4:]
    elif damage == "truncated":
        data = good[: len(good) // 3]
    elif damage == "garbage_directory":
        data = good[:12] + bytes(random.Random(0).randrange(256) for _ in range(200)) + good[212:]
    else:  # maxp claims more glyphs than loca holds
        font = TTFont(io.BytesIO(good))
        font["maxp"].numGlyphs = 60000
        buf = io.BytesIO()
        font.save(buf)
        data = buf.getvalue()
        data = _with_table(data, "loca", b"\0" * 8)
    path = tmp_path / "face.ttf"
    path.write_bytes(data)
    with pytest.raises(truetype.Unsupported):
        truetype.read_face(path)


def _with_table(data: bytes, tag: str, new: bytes) -> bytes:
    """``data`` with table ``tag``'s length set to len(new) and its first bytes replaced (a damaged table)."""
    count = struct.unpack_from(">H", data, 4)[0]
    out = bytearray(data)
    for k in range(count):
        at = 12 + 16 * k
        if out[at:at + 4] == tag.encode():
            offset = struct.unpack_from(">I", out, at + 8)[0]
            out[offset:offset + len(new)] = new
            out[at + 12:at + 16] = struct.pack(">I", len(new))
    return bytes(out)


def test_a_face_is_read_once_per_process_and_again_when_its_file_changes(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(truetype, "_faces", {})
    path = tmp_path / "face.ttf"
    path.write_bytes(FACES[1].read_bytes())
    first = truetype.face(path)
    assert truetype.face(path) is first
    assert truetype.face(str(path)) is first
    assert truetype.face(FontPath(str(path), 0)) is first  # as matplotlib's PDF backend names it
    path.write_bytes(FACES[0].read_bytes())  # another font under the same name
    assert truetype.face(path).num_glyphs != first.num_glyphs
    path.write_bytes(b"not a font")
    for _ in range(2):  # refused every time, not only the first
        with pytest.raises(truetype.Unsupported):
            truetype.face(path)


@pytest.mark.parametrize("path", FACES, ids=lambda p: p.name)
def test_the_metrics_are_fonttools(path: Path) -> None:
    """What measuring reads (every character's advance, units per em, ascent, descent) is what fontTools reads."""
    from cheatsheet.compose.text import fonts

    face = truetype.face(path)
    theirs = fonts._fonttools_metrics(path)
    assert face.advances() == theirs.advances and list(face.advances()) == sorted(theirs.advances)
    assert face.units_per_em == theirs.upem
    assert (face.ascent / face.units_per_em, -face.descent / face.units_per_em) == (theirs.ascent, theirs.descent)
