"""``cheatsheet examples DIR``: the bundled chapters, their layouts and the guide's example prompts,
copied into a folder of the user's, so that they are at hand after ``pip install`` too.

In a checkout they are the repository's ``chapters/``, ``layouts/`` and ``docs/examples/``; an
installed package carries the same files as ``cheatsheet/bundled/`` (pyproject.toml maps them)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import ERROR, diagnostic

_HERE = Path(__file__).resolve().parent
# what is copied: the folder it lands in -> (the installed package's folder, the checkout's folder, suffixes)
PARTS = {
    "chapters": ("bundled/chapters", "chapters", (".yaml",)),
    "layouts": ("bundled/layouts", "layouts", (".txt",)),
    "prompts": ("bundled/prompts", "docs/examples", (".md",)),
}


def bundled() -> dict[str, list[Path]]:
    """The bundled files of each part, installed or in a checkout."""
    out: dict[str, list[Path]] = {}
    for part, (installed, checkout, suffixes) in PARTS.items():
        folder = _HERE / installed
        if not folder.is_dir():
            folder = _HERE.parent / checkout
        out[part] = sorted(p for p in folder.iterdir() if p.suffix in suffixes) if folder.is_dir() else []
    return out


def copy_examples(dest: Path, force: bool = False) -> tuple[list[Path], str]:
    """Copy every bundled file into ``dest/chapters``, ``dest/layouts`` and ``dest/prompts``; nothing
    is written when one of them is there already, unless ``force``.  The files written, or ([], why)."""
    files = [(src, dest / part / src.name) for part, srcs in bundled().items() for src in srcs]
    if not files:
        return [], diagnostic(ERROR, "this installation carries no example chapters", hint="reinstall the package")
    there = [d for _, d in files if d.exists()]
    if there and not force:
        return [], diagnostic(ERROR, f"{len(there)} of the example files are there already (as {there[0]})",
                              str(dest), hint="give another folder, or --force to overwrite them")
    for src, d in files:
        d.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, d)
    return [d for _, d in files], ""
