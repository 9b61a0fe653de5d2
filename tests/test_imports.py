"""Imports run one way, down the stages a sheet goes through, and never back up.

    sources/ -> layout/ -> plan/ -> compose/ (text/ -> blocks/ -> diagrams/ -> the page, fit) -> draw/ -> export

A stage may import the stages before it and the common modules (errors, the model, the theme, the box-drawing
grammar); the commands (cli, check, render, course, ...) may import anything.  Read with ``ast`` from the
files, so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cheatsheet

ROOT = Path(cheatsheet.__file__).parent
# module prefix -> rank: a module may import a module of a lower rank, or of its own stage
COMMON = ("cheatsheet.errors", "cheatsheet.limits", "cheatsheet.model", "cheatsheet.theme", "cheatsheet.boxes",
          "cheatsheet.swap", "cheatsheet.text_metrics", "cheatsheet.text_layout", "cheatsheet.pdf_fonts",
          "cheatsheet.truetype", "cheatsheet.hints")
STAGES = (
    ("cheatsheet.sources", 1),
    ("cheatsheet.layout", 2),
    ("cheatsheet.plan", 3),
    ("cheatsheet.compose.ink", 4),
    ("cheatsheet.compose.marks", 4),
    ("cheatsheet.compose.text", 5),
    ("cheatsheet.compose.shapes", 5),
    ("cheatsheet.compose.blocks", 6),
    ("cheatsheet.compose.diagrams", 7),
    ("cheatsheet.compose", 8),  # the registry of kinds, a region, fit and the page
    ("cheatsheet.draw", 9),
    ("cheatsheet.raster", 9),  # the rasteriser the export makes the PNG with, from the finished PDF
    ("cheatsheet.export", 10),
)
COMMANDS = 11  # cli, render, check, course, watch, importer, console, booklet_fonts


def rank(module: str) -> tuple[int, str]:
    """The rank of a module and the stage it is counted in."""
    if module == "cheatsheet" or any(module == c or module.startswith(c + ".") for c in COMMON):
        return 0, "common"
    for prefix, r in STAGES:  # the longest prefixes come first within a package
        if module == prefix or module.startswith(prefix + "."):
            return r, prefix
    return COMMANDS, "commands"


def module_name(path: Path) -> str:
    parts = ("cheatsheet",) + path.relative_to(ROOT).with_suffix("").parts
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
            if not target.startswith("cheatsheet"):
                continue
            # ``from . import theme`` names modules; ``from .x import y`` names the module x
            names = [f"{target}.{a.name}" for a in node.names] if node.module is None else [target]
            out.extend((node.lineno, t) for t in names)
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names if a.name.startswith("cheatsheet"))
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
    assert rank("cheatsheet.sources.prompt")[0] < rank("cheatsheet.layout.diagram")[0]
    assert rank("cheatsheet.compose.text.fonts")[0] < rank("cheatsheet.compose.blocks.table")[0]
    assert rank("cheatsheet.compose.page")[0] < rank("cheatsheet.draw.artists")[0]
    assert rank("cheatsheet.boxes.dialects") == (0, "common")


COMPOSE_ONLY = """
import sys
from cheatsheet.render import compose
for path in sys.argv[1:]:
    compose(path)
print(sorted(m for m in ("matplotlib", "numpy", "PIL", "pypdfium2") if m in sys.modules))
"""


def test_composing_imports_nothing_that_draws() -> None:
    """Reading, planning and composing every bundled chapter and corpus prompt (a mind map among
    them) needs neither matplotlib nor numpy: the process that composes while a drawing process
    imports them (drawing_process) never pays for them."""
    import subprocess
    import sys

    from tests.conftest import ROOT as repo

    inputs = sorted((repo / "chapters").glob("*.yaml")) + sorted((repo / "tests" / "prompts").glob("*.md"))
    assert len(inputs) > 20 and any("mindmap" in p.name for p in inputs)
    p = subprocess.run([sys.executable, "-c", COMPOSE_ONLY, *map(str, inputs)], cwd=repo, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
