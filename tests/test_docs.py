"""The user guide (docs/) stays true: its pictures are what its examples draw, and its troubleshooting
page explains every warning and error the renderer can print."""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TROUBLESHOOTING = ROOT / "docs" / "troubleshooting.md"

# calls that make a warning or an error, and the index of their message argument
MESSAGE_ARG = {"Notice": 3, "InputError": 3, "FitError": 3, "_err": 3, "_node_err": 2, "Finding": 2, "once": 2}

# messages put together where no scan sees them whole (with each message's words as the guide quotes them)
CURATED = (
    "no font has the character",  # compose/coverage.py
    "drawn as a red placeholder box",
    "another input is also named",  # cli.py: two inputs with one name
    "cannot write into the folder",  # export.py
    "no chapter YAMLs to build",  # cli.py: build
    "internal error",  # cli.py: a bug, never a traceback
    "(--strict)",
)


def _gallery():
    spec = importlib.util.spec_from_file_location("make_gallery", ROOT / "docs" / "make_gallery.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_gallery_is_current():
    gallery = _gallery()
    problems = gallery.stale(gallery.pictures())
    assert not problems, "\n".join(problems) + "\nrefresh the guide's pictures with: python docs/make_gallery.py"


FENCED = re.compile(r"^(`{3,})[^\n]*\n.*?^\1`*[ \t]*$", re.M | re.S)  # a fenced block, from its opening line


def _anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings."""
    text = FENCED.sub("", page.read_text(encoding="utf-8"))
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


def test_guide_links_resolve():
    """Every relative link and image of the guide and the README points at a file (and heading) that exists."""
    broken = []
    for page in [ROOT / "README.md", ROOT / "bench" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = FENCED.sub("", page.read_text(encoding="utf-8"))
        text = re.sub(r"(?<!\[)`[^`\n]*`", "", text)  # code spans, but not a link's words
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            dest = page.parent / path if path else page
            if not dest.exists() or (anchor and dest.suffix == ".md" and anchor not in _anchors(dest)):
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken, "broken links:\n" + "\n".join(broken)


def _pieces(node: ast.AST, func: ast.AST | None) -> list[str]:
    """The texts a message expression can be: f-string holes as NUL, a name as what it is assigned."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "\0" for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pieces(node.left, func), _pieces(node.right, func)
        return [left[0] + "\0" + right[0]] if left and right else left or right
    if isinstance(node, ast.IfExp):
        return _pieces(node.body, func) + _pieces(node.orelse, func)
    if isinstance(node, ast.Name) and func is not None:
        return [t for n in ast.walk(func) if isinstance(n, ast.Assign)
                and any(isinstance(g, ast.Name) and g.id == node.id for g in n.targets) for t in _pieces(n.value, func)]
    return []


def _fragment(text: str) -> str:
    """What the guide must quote of a message: its longest run without a hole, at most six words."""
    run = max(text.split("\0"), key=len)
    words = run.strip(" :;,.()'\"!?-").split()
    return " ".join(words[:6]) if len(words) >= 2 else ""


@functools.cache
def messages() -> dict[str, str]:
    """Every warning and error message literal in renderer/, as fragment -> where it is."""
    out: dict[str, str] = {}
    for path in sorted((ROOT / "renderer").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            f = call.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            args: list[ast.AST] = []
            if name in MESSAGE_ARG and len(call.args) > MESSAGE_ARG[name]:
                args = [call.args[MESSAGE_ARG[name]]]
            elif name == "append" and call.args and isinstance(f.value, ast.Name) and f.value.id == "warnings":
                args = [call.args[0]]  # a mermaid reader's (line, message)
            elif name == "MermaidResult" and len(call.args) > 1 and isinstance(call.args[1], ast.List):
                args = call.args[1].elts
            args = [a.elts[1] if isinstance(a, ast.Tuple) and len(a.elts) == 2 else a for a in args]
            func = max((fn for fn in funcs if fn.lineno <= call.lineno <= fn.end_lineno), key=lambda fn: fn.lineno,
                       default=None)
            for text in (t for a in args for t in _pieces(a, func)):
                frag = _fragment(text)
                if frag:
                    out.setdefault(frag, f"{path.relative_to(ROOT)}:{call.lineno}")
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("`", "")).lower()


@functools.cache
def _doc() -> str:
    return _norm(TROUBLESHOOTING.read_text(encoding="utf-8"))


def test_the_scan_finds_the_messages():
    found = messages()
    assert len(found) > 60
    assert "the ratios add up to" in " | ".join(found)


@pytest.mark.parametrize("fragment", sorted(set(messages()) | set(CURATED)))
def test_troubleshooting_explains(fragment: str):
    doc = _doc()
    where = messages().get(fragment, "the curated list in tests/test_docs.py")
    assert _norm(fragment) in doc, f"docs/troubleshooting.md does not explain the message {fragment!r} ({where})"


def test_the_project_links_no_page_that_does_not_exist():
    """[project.urls] names no PyPI page of its own (the project is not published there) and every
    link is a web address."""
    import tomllib

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("urls", {})
    for name, url in urls.items():
        assert url.startswith("https://"), (name, url)
        assert "pypi.org/project/cheatsheet" not in url, (name, url)
