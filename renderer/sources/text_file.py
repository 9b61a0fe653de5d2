"""Read a UTF-8 text file, turning every failure into an InputError with a place."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            str(path), 0, 0, "no such file", "check the path; prompts and chapter YAMLs are plain files"
        ) from None
    except IsADirectoryError:
        raise InputError(str(path), 0, 0, "this is a folder, not a file", "give the path of a file") from None
    except OSError as exc:
        raise InputError(str(path), 0, 0, f"cannot read the file ({exc.strerror})", "check its permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.split(b"\n")[-1].decode("utf-8", errors="replace")) + 1
        raise InputError(
            str(path), line, col, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
            "save the file as UTF-8", source_line="",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
