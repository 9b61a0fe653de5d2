"""Imports run one way, down the stages a sheet goes through, and never back up.

    sources/ -> layout/ -> plan/ -> compose/ (text/ -> blocks/ -> diagrams/ -> the page, fit) -> draw/ -> export

A stage may import the stages before it and the common modules (errors, the model, the theme, the box-drawing
grammar); the commands (cli, check, render, course, ...) may import anything.  Read with ``ast`` from the
files, so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import renderer

ROOT = Path(renderer.__file__).parent
# module prefix -> rank: a module may import a module of a lower rank, or of its own stage
COMMON = ("renderer.errors", "renderer.limits", "renderer.model", "renderer.theme", "renderer.boxes",
          "renderer.swap", "renderer.text_metrics", "renderer.pdf_fonts")
STAGES = (
    ("renderer.sources", 1),
    ("renderer.layout", 2),
    ("renderer.plan", 3),
    ("renderer.compose.ink", 4),
    ("renderer.compose.marks", 4),
    ("renderer.compose.text", 5),
    ("renderer.compose.shapes", 5),
    ("renderer.compose.blocks", 6),
    ("renderer.compose.diagrams", 7),
    ("renderer.compose", 8),  # the registry of kinds, a region, fit and the page
    ("renderer.draw", 9),
    ("renderer.raster", 9),  # the rasteriser the export makes the PNG with, from the finished PDF
    ("renderer.export", 10),
)
COMMANDS = 11  # cli, render, check, course, watch, importer, console, booklet_fonts


def rank(module: str) -> tuple[int, str]:
    """The rank of a module and the stage it is counted in."""
    if module == "renderer" or any(module == c or module.startswith(c + ".") for c in COMMON):
        return 0, "common"
    for prefix, r in STAGES:  # the longest prefixes come first within a package
        if module == prefix or module.startswith(prefix + "."):
            return r, prefix
    return COMMANDS, "commands"


def module_name(path: Path) -> str:
    parts = ("renderer",) + path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every renderer module the file imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("renderer"):
                continue
            # ``from . import theme`` names modules; ``from .x import y`` names the module x
            names = [f"{target}.{a.name}" for a in node.names] if node.module is None else [target]
            out.extend((node.lineno, t) for t in names)
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names if a.name.startswith("renderer"))
    return out


def back_up() -> list[str]:
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        name = module_name(path)
        r, stage = rank(name)
        for line, target in imports(path):
            tr, tstage = rank(target)
            if tstage != stage and tr >= r and r != COMMANDS:
                wrong.append(f"{path.relative_to(ROOT.parent)}:{line}: {name} ({stage}) imports {target} ({tstage})")
    return wrong


def test_imports_run_down_the_stages() -> None:
    assert back_up() == []


def test_the_check_sees_an_arrow_back_up(tmp_path: Path) -> None:
    assert rank("renderer.sources.prompt")[0] < rank("renderer.layout.diagram")[0]
    assert rank("renderer.compose.text.fonts")[0] < rank("renderer.compose.blocks.table")[0]
    assert rank("renderer.compose.page")[0] < rank("renderer.draw.artists")[0]
    assert rank("renderer.boxes.dialects") == (0, "common")
