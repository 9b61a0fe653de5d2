"""One font subset per face for a whole booklet, instead of one per page.

Each chapter's PDF embeds its own subsets of the faces it uses (the hand font alone is some 75 kB a
page), so a booklet of 24 chapters would carry 24 copies of most of the same glyphs.  matplotlib
embeds a TrueType face as a CID font whose CIDs are the characters drawn, mapped to the subset's
glyphs by a CIDToGIDMap.  ``share_fonts`` makes, for each face, one subset of the original font file
holding every character any page draws with it, and points every page's font at that one file with
one CIDToGIDMap; each page keeps its own widths and ToUnicode map, which stay true.  A face whose
fonts do not look exactly like that (a CID that is not a character of the font, a subset whose own
character map disagrees with its CIDToGIDMap) is left as it was.
"""

from __future__ import annotations

import io
import zlib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def font_files() -> dict[str, str]:
    """PostScript name -> font file, for the bundled fonts and matplotlib's own (DejaVu)."""
    import matplotlib
    from fontTools.ttLib import TTFont

    from . import theme

    folders = [Path(theme.FONT_DIR), Path(matplotlib.get_data_path()) / "fonts" / "ttf"]
    out: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.[ot]tf")):
            try:
                with TTFont(str(path), lazy=True) as f:
                    name = f["name"].getDebugName(6)
            except Exception:  # noqa: BLE001 - a file that is not a font: not one of ours
                continue
            if name:
                out.setdefault(name, str(path))
    return out


def _cid_map(data: bytes) -> dict[int, int]:
    """CID -> glyph id of a CIDToGIDMap stream (two bytes per CID), the glyphs other than .notdef."""
    return {cid: (data[2 * cid] << 8) | data[2 * cid + 1] for cid in range(len(data) // 2)
            if data[2 * cid] or data[2 * cid + 1]}


def _embedded(font: Any) -> tuple[str, Any, Any] | None:
    """(face name, CID font, font descriptor) of a Type0 font with a TrueType CID font, else None."""
    if font.get("/Subtype") != "/Type0":
        return None
    kids = font.get("/DescendantFonts")
    if not kids:
        return None
    cid = kids[0].get_object()
    desc = cid.get("/FontDescriptor")
    if cid.get("/Subtype") != "/CIDFontType2" or desc is None or "/FontFile2" not in desc.get_object():
        return None
    gmap = cid.get("/CIDToGIDMap")
    if gmap is None or not hasattr(gmap.get_object(), "get_data"):
        return None
    base = str(cid.get("/BaseFont", ""))
    return base.split("+", 1)[-1].lstrip("/"), cid, desc.get_object()


def share_fonts(writer: Any) -> int:
    """Give every page of ``writer`` (a pypdf PdfWriter) one subset per face; the faces shared."""
    from fontTools.ttLib import TTFont
    from pypdf.generic import NameObject, StreamObject

    from .pdf_fonts import subset_font

    faces: dict[str, list[tuple[Any, Any, dict[int, int]]]] = {}
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            found = _embedded(ref.get_object())
            if found is None:
                continue
            name, cid, desc = found
            faces.setdefault(name, []).append((cid, desc, _cid_map(cid["/CIDToGIDMap"].get_object().get_data())))
    shared = 0
    files = font_files()
    for name, uses in sorted(faces.items()):
        path = files.get(name)
        if path is None or len(uses) < 2:
            continue
        with TTFont(path, lazy=True) as original:
            ids = {g: i for i, g in enumerate(original.getGlyphOrder())}
            cmap = {c: ids[g] for c, g in (original.getBestCmap() or {}).items() if g in ids}
        chars = sorted({c for _, _, m in uses for c in m})
        if any(c not in cmap for c in chars) or not _subsets_agree(uses):
            continue
        sub = subset_font(path, [cmap[c] for c in chars])
        new_gid = dict(sub.glyph_index_map)
        top = max(chars)
        table = bytearray(2 * (top + 1))
        for c in chars:
            g = new_gid[cmap[c]]
            table[2 * c], table[2 * c + 1] = g >> 8, g & 0xFF
        fontfile = StreamObject()
        fontfile.set_data(zlib.compress(sub.data, 9))
        fontfile[NameObject("/Filter")] = NameObject("/FlateDecode")
        fontfile[NameObject("/Length1")] = _number(len(sub.data))
        gidmap = StreamObject()
        gidmap.set_data(zlib.compress(bytes(table), 9))
        gidmap[NameObject("/Filter")] = NameObject("/FlateDecode")
        file_ref, map_ref = writer._add_object(fontfile), writer._add_object(gidmap)
        for cid, desc, _ in uses:
            desc[NameObject("/FontFile2")] = file_ref
            cid[NameObject("/CIDToGIDMap")] = map_ref
        shared += 1
    return shared


def _number(n: int) -> Any:
    from pypdf.generic import NumberObject

    return NumberObject(n)


def _subsets_agree(uses: list[tuple[Any, Any, dict[int, int]]]) -> bool:
    """Each embedded subset draws CID c with the glyph its own character map gives c: the CIDs are
    characters, so the shared subset can be made from the original font's character map."""
    from fontTools.ttLib import TTFont

    for _, desc, m in uses:
        try:
            with TTFont(io.BytesIO(desc["/FontFile2"].get_object().get_data()), lazy=True) as f:
                own = f.getBestCmap() or {}
                order = f.getGlyphOrder()
        except Exception:  # noqa: BLE001 - a subset fontTools cannot read: leave the face as it is
            return False
        ids = {g: i for i, g in enumerate(order)}
        if any(ids.get(own.get(c, ""), -1) != g for c, g in m.items()):
            return False
    return True
