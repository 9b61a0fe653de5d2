"""``cheatsheet import``: a prompt -> an editable layout file + chapter YAML that render alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .export import write_files_atomic
from .layout.engine import layout_chapter
from .sources.chapter_yaml import dump_chapter_yaml
from .sources.layout_file import layout_file_text
from .sources.prompt import read_prompt


@dataclass(frozen=True)
class Imported:
    layout_path: Path
    chapter_path: Path


def import_prompt(prompt: Path, name: str, root: Path) -> Imported:
    chapter = read_prompt(prompt)
    layout = layout_chapter(chapter)
    titles = {r.id: r.label for r in layout.leaves()}
    layout_name = f"{name}.txt"
    layout_path = root / "layouts" / layout_name
    chapter_path = root / "chapters" / f"{name}.yaml"
    header = (f"# {chapter.meta.title or name}: imported from {prompt.name} by 'cheatsheet import'.\n"
              f"# Edit freely: regions are matched by id to the diagram in layouts/{layout_name}.\n")
    text = header + dump_chapter_yaml(chapter, layout_name, layout.content, titles)
    write_files_atomic([(layout_path, layout_file_text(chapter.layout).encode("utf-8")),
                        (chapter_path, text.encode("utf-8"))])
    return Imported(layout_path, chapter_path)
