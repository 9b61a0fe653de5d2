"""``cheatsheet import``: a prompt -> an editable layout file + chapter YAML that render alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .export import write_files_atomic
from .render import lay_out
from .sources.chapter_yaml import dump_chapter_yaml
from .sources.layout_file import layout_file_text
from .sources.moment import read_source, with_moment
from .sources.prompt import read_prompt


@dataclass(frozen=True)
class Imported:
    layout_path: Path
    chapter_path: Path


_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def bad_name(name: str) -> str:
    """Why ``name`` cannot name an imported pair ("" when it can): it must be a plain file name, so
    that nothing is ever written outside ``layouts/`` and ``chapters/``."""
    if not _NAME.fullmatch(name) or ".." in name or name.lower().endswith((".yaml", ".yml", ".txt")):
        return ("the name of the pair is a plain name such as ch11: letters, digits, '-', '_' and '.', "
                "no folder, no '..' and no extension (it becomes layouts/NAME.txt and chapters/NAME.yaml)")
    return ""


def import_prompt(prompt: Path, name: str, root: Path, force: bool = False, source: Path | None = None,
                  text: str | None = None) -> Imported:
    """``force``: overwrite a layout or chapter file of that name (which an author may have edited);
    ``source``: a chapter source file whose timestamp and video address the chapter YAML keeps;
    ``text``: the prompt's text, already read (standard input), named ``prompt`` in messages."""
    why = bad_name(name)
    if why:
        raise ValueError(f"{name!r}: {why}")
    chapter = read_prompt(prompt, text)
    if source is not None:
        chapter = with_moment(chapter, read_source(source))
    layout = lay_out(chapter)
    titles = {r.id: r.label for r in layout.leaves()}
    layout_name = f"{name}.txt"
    layout_path = root / "layouts" / layout_name
    chapter_path = root / "chapters" / f"{name}.yaml"
    existing = [p for p in (layout_path, chapter_path) if p.exists()]
    if existing and not force:
        also = f" (and {existing[1]})" if len(existing) > 1 else ""
        raise InputError(
            str(existing[0]), 0, 0, f"already exists{also}: importing {prompt.name} as {name!r} would overwrite it",
            f"it may hold edits made by hand: import under another name (-o {name}-2), or add --force to "
            "overwrite", "",
        )
    header = (f"# {chapter.meta.title or name}: imported from {prompt.name} by 'cheatsheet import'.\n"
              f"# Edit freely: regions are matched by id to the diagram in layouts/{layout_name}.\n")
    text = header + dump_chapter_yaml(chapter, layout_name, layout.content, titles)
    write_files_atomic([(layout_path, layout_file_text(chapter.layout).encode("utf-8")),
                        (chapter_path, text.encode("utf-8"))])
    return Imported(layout_path, chapter_path)
