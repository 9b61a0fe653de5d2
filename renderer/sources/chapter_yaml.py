"""Chapter YAML: metadata, the layout file's name, and per region its content in markdown.

::

    title: "10. Post-Training Data (Conversations)"
    chapter: 10
    layout: ch10.txt            # a file in ../layouts/ (or a path relative to this file)
    regions:
      band2.col1:
        title: "📖 WHAT IS SFT?"  # for the reader; regions are matched by id
        content:
          - |
            **LLM 학습 파이프라인:**
            ...
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import InputError
from ..model import Chapter, Content, LayoutSource
from .address import ADDRESS_HINT, address_problem
from .frontmatter import meta_from_dict
from .layout_file import read_layout_file
from .text_file import read_text
from .yaml_errors import Loader, at, yaml_error

_SHAPE_HINT = "see chapters/ch10.yaml for the expected shape"


def _node_err(file: str, node: yaml.Node, msg: str, hint: str = _SHAPE_HINT) -> InputError:
    line, col = at(node.start_mark)
    return InputError(file, line, col, msg, hint)


def _map(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _keys(node: yaml.Node) -> dict[str, yaml.Node]:
    """Each key of a mapping node -> the key's own node (for its place)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def region_key_place(path: str | Path, rid: str) -> tuple[int, int] | None:
    """(line, col) of the key ``rid`` under ``regions:`` in a chapter YAML, or None."""
    try:
        root = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    key = _keys(_map(root).get("regions")).get(rid)
    if key is None:
        return None
    return at(key.start_mark)


def read_chapter_yaml(path: Path) -> Chapter:
    file = str(path)
    text = read_text(path)
    lines = text.split("\n")
    try:
        root = yaml.compose(text, Loader=Loader)
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        raise yaml_error(file, lines, exc) from None
    except RecursionError:
        raise InputError(file, 1, 1, "the YAML is nested too deeply", _SHAPE_HINT, lines[0]) from None
    if root is None or not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        line, col = at(root.start_mark if root is not None else None)
        raise InputError(file, line, col, "a chapter YAML must be a mapping (key: value lines)", _SHAPE_HINT)
    nodes = _map(root)
    if "layout" not in nodes:
        line, col = at(root.start_mark)
        raise InputError(file, line, col, "the chapter names no layout file",
                         "add a line 'layout: NAME.txt' naming a file in layouts/")
    layout_node = nodes["layout"]
    if not isinstance(data["layout"], str) or not data["layout"].strip():
        raise _node_err(file, layout_node, "'layout' must be a file name", "write e.g. 'layout: ch10.txt'")
    layout = _layout(path, data["layout"], layout_node)
    content: dict[str, list[Content]] = {}
    regions = nodes.get("regions")
    if regions is not None:
        if not isinstance(regions, yaml.MappingNode):
            raise _node_err(file, regions, "'regions' must map region ids to their content")
        for key_node, val in regions.value:
            rid = str(key_node.value)
            content[rid] = _region_content(file, rid, val)
    emphasis = data.get("emphasis") or []
    if not isinstance(emphasis, list) or not all(isinstance(e, str) for e in emphasis):
        raise _node_err(file, nodes["emphasis"], "'emphasis' must be a list of phrases")
    meta = meta_from_dict({k: v for k, v in data.items() if k not in ("regions", "layout", "emphasis")})
    problem = address_problem(meta.source_url)
    if problem:
        key = next(k for k in ("source_url", "sourceUrl") if k in nodes)
        raise _node_err(file, nodes[key], f"'{key}': {problem}", ADDRESS_HINT)
    return Chapter(file, meta, layout, [], emphasis=tuple(emphasis), region_content=content)


def layouts_folder(chapter: Path) -> Path:
    """The one folder a chapter's layout file may be read from: ``layouts/`` of its project (the
    folder above the chapter's own folder)."""
    return chapter.parent.parent / "layouts"


def _layout(path: Path, name: str, node: yaml.Node) -> LayoutSource:
    """The layout file ``name`` from the project's ``layouts/`` (named as a file there, or by a path
    relative to the chapter that leads there); any other place is an error, and nothing is read from it."""
    folder = layouts_folder(path)
    hint = f"put the layout file in {folder} and name it there, e.g. 'layout: ch10.txt'"
    if Path(name).is_absolute():
        raise _node_err(str(path), node, "the layout file must be in the project's layouts/ folder, not anywhere "
                                         "on the machine", hint)
    try:
        inside = folder.resolve()
    except (OSError, RuntimeError, ValueError):
        inside = None
    refused = False
    for c in (path.parent / name, folder / name):
        try:
            real = c.resolve()
            found = c.is_file()
        except (OSError, RuntimeError, ValueError):
            continue
        if not found:
            continue
        if inside is None or not real.is_relative_to(inside):
            refused = True
            continue
        return read_layout_file(c)
    if refused:
        raise _node_err(str(path), node, f"the layout file '{name}' is outside the project's layouts/ folder", hint)
    raise _node_err(str(path), node, f"no layout file '{name}'",
                    f"put it in {folder} or give a path relative to this file")


def _region_content(file: str, rid: str, node: yaml.Node) -> list[Content]:
    fields = _map(node)
    if not isinstance(node, yaml.MappingNode) or "content" not in fields:
        raise _node_err(file, node, f"region '{rid}' needs a 'content' entry", "give it 'content:' with markdown under it")
    val = fields["content"]
    items = val.value if isinstance(val, yaml.SequenceNode) else [val]
    out = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode):
            raise _node_err(file, item, f"the content of region '{rid}' must be markdown text")
        line = at(item.start_mark)[0] + (1 if item.style in ("|", ">") else 0)
        label = fields["title"].value if "title" in fields and isinstance(fields["title"], yaml.ScalarNode) else rid
        out.append(Content(str(item.value), file, line, label))
    return out


def dump_chapter_yaml(chapter: Chapter, layout_name: str, content: dict[str, list[Content]],
                      titles: dict[str, str]) -> str:
    """The editable YAML of a chapter (block scalars for markdown)."""
    m = chapter.meta

    class Dumper(yaml.SafeDumper):
        pass

    def str_rep(dumper: yaml.SafeDumper, s: str) -> yaml.ScalarNode:
        if "\n" in s:
            return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="|")
        return dumper.represent_scalar("tag:yaml.org,2002:str", s)

    Dumper.add_representer(str, str_rep)
    data: dict = {"title": m.title, "titleKr": m.title_kr}
    if m.chapter is not None:
        data["chapter"] = m.chapter
    if m.total_chapters is not None:
        data["totalChapters"] = m.total_chapters
    for key, val in (("author", m.author), ("lecture", m.lecture), ("source_url", m.source_url),
                     ("timestamp", m.timestamp)):
        if val:
            data[key] = val
    data["layout"] = layout_name
    if chapter.emphasis:
        data["emphasis"] = list(chapter.emphasis)
    regions = {}
    for rid, items in content.items():
        regions[rid] = {"title": titles.get(rid, ""),
                        "content": ["\n".join(ln.rstrip() for ln in c.markdown.split("\n")).strip("\n") + "\n"
                                    for c in items]}
    data["regions"] = regions
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)
