"""Read a UTF-8 text file, turning every failure into an InputError with a place."""

from __future__ import annotations

import stat
import unicodedata
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..limits import MAX_INPUT_BYTES


def _missing_part(path: Path) -> tuple[int, str]:
    """0-based index in ``str(path)`` of the first part that does not exist, and that part."""
    text = str(path)
    parts = path.parts
    pos = 0
    probe = Path(parts[0]) if parts else Path(".")
    for k, part in enumerate(parts):
        if k:
            probe = probe / part
        at = text.find(part, pos)
        if at >= 0:
            pos = at
        if not probe.exists():
            return max(0, pos), part
        pos += len(part)
    return 0, text


# What a file is, by its first bytes: said instead of "save it as UTF-8" when one is given as a prompt.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (a WebP image or a WAV sound)"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a .docx, .hwpx or .xlsx document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .hwp, .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x00\x01\x00\x00", "a TrueType font"),
    (b"OTTO", "an OpenType font"),
)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "a binary file"
    return None


def read_limited(stream: BinaryIO, shown: str) -> bytes:
    """At most MAX_INPUT_BYTES from ``stream``; an InputError naming the limit when it holds more."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large(shown)
    return data


def _too_large(shown: str) -> InputError:
    return InputError(shown, 1, 1, f"the input is larger than {MAX_INPUT_BYTES:,} bytes, the most a sheet reads",
                      "a chapter's prompt is a few dozen KB: give the prompt itself, not a whole book", "")


def read_text(path: Path) -> str:
    shown = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise InputError(shown, 1, 1, "this is not a plain file (a device, pipe or socket)",
                             "give a prompt or chapter YAML saved as a file", shown)
        if info.st_size > MAX_INPUT_BYTES:
            raise _too_large(shown)
        with path.open("rb") as f:
            data = read_limited(f, shown)
    except FileNotFoundError:
        _, part = _missing_part(path)
        what = "no such file" if part == path.name else f"no such folder '{part}'"
        raise InputError(
            shown, 0, 0, what, "check the path; prompts and chapter YAMLs are plain files", "",
        ) from None
    except IsADirectoryError:
        raise InputError(shown, 0, 0, "this is a folder, not a file", "give the path of a file", "") from None
    except NotADirectoryError:
        raise InputError(shown, 0, 0, "a part of this path is a file, not a folder", "check the path", "") from None
    except OSError as exc:
        raise InputError(shown, 0, 0, f"cannot read the file ({(exc.strerror or str(exc)).lower()})",
                         "check its permissions", "") from None
    return decode_text(data, shown)


def decode_text(data: bytes, shown: str) -> str:
    """The text of a prompt or chapter file's bytes (UTF-8, a BOM dropped, line ends made \\n, in
    Unicode normal form C);
    ``shown`` names it in errors."""
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(
            shown, 0, 0, f"this is {kind}, not a text prompt",
            "give the cheat-sheet prompt itself: the .md or .txt file with the '# Layout Structure' diagram "
            "(or a chapters/NAME.yaml)", "",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(shown, 0, 0, "the file is UTF-16, not UTF-8",
                         "save the file as UTF-8 (in most editors: Save with Encoding -> UTF-8)", "")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line_end = data.find(b"\n", exc.start)
        raw = data[line_start : line_end if line_end >= 0 else len(data)]
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        shown_line = raw.decode("utf-8", errors="replace").rstrip("\r")
        raise InputError(
            shown, line, col, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8 (in most editors: Save with Encoding -> UTF-8)", shown_line,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    # NFC: decomposed Hangul (as macOS writes file names and some editors text) and e + U+0301 become
    # the syllables and letters the fonts have; a mark with no composed form stays with its letter.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
