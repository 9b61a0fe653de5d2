"""Reading YAML (chapter files, a prompt's front matter) with errors that say where and what to do."""

from __future__ import annotations

import re

import yaml

from ..errors import InputError
from ..limits import MAX_YAML_NODES


class TooManyValues(yaml.YAMLError):
    """The YAML holds more than MAX_YAML_NODES values once its aliases are expanded (an alias bomb)."""

    def __init__(self, mark: yaml.Mark | None, count: int) -> None:
        super().__init__(f"more than {MAX_YAML_NODES:,} values")
        self.mark = mark
        self.count = count


def expanded_size(node: yaml.Node, memo: dict[int, int] | None = None) -> int:
    """How many values ``node`` holds with every alias expanded, counted without expanding any (each
    node once); TooManyValues at the first node (the innermost) past MAX_YAML_NODES."""
    memo = {} if memo is None else memo
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a node that holds itself counts once
    n = 1
    if isinstance(node, yaml.MappingNode):
        n += sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        n += sum(expanded_size(v, memo) for v in node.value)
    if n > MAX_YAML_NODES:
        raise TooManyValues(node.start_mark, n)
    memo[key] = n
    return n


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text: ``timestamp: 2024-13-45`` is a string, not a ValueError,
    and refuses a document of more than MAX_YAML_NODES values, aliases counted as expanded."""

    def construct_document(self, node: yaml.Node):  # noqa: ANN201 (PyYAML's own signature)
        expanded_size(node)
        return super().construct_document(node)


Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_KEY_VALUE = re.compile(r"^(\s*)([^\s:#][^:#]*?)\s*:\s+(\S.*)$")
_KEY = re.compile(r"^(\s*)([^\s:#-][^:]*?)\s*:(?:\s|$)")


def at(mark: yaml.Mark | None) -> tuple[int, int]:
    """(line, col), 1-based, of a PyYAML mark, counting lines as the rest of the program does (line feeds only:
    PyYAML also breaks lines at U+0085, U+2028 and U+2029)."""
    if mark is None:
        return 1, 1
    buf = getattr(mark, "buffer", None)
    if isinstance(buf, str) and 0 <= mark.index <= len(buf):
        start = buf.rfind("\n", 0, mark.index) + 1
        return buf.count("\n", 0, mark.index) + 1, mark.index - start + 1
    return mark.line + 1, mark.column + 1


def _indent(s: str) -> int:
    return len(s) - len(s.lstrip(" "))


def _indented_under_a_value(lines: list[str], k: int) -> tuple[int, str] | None:
    """Line ``k`` (0-based) is a ``key: …`` line indented under a line whose key already has a value
    (``title: "x"`` then ``  chapter: 9``): (its indent, the key above), else None."""
    if not 0 <= k < len(lines) or not _KEY.match(lines[k]) or _indent(lines[k]) == 0:
        return None
    above = next((j for j in range(k - 1, -1, -1) if lines[j].strip() and not lines[j].lstrip().startswith("#")), -1)
    if above < 0:
        return (_indent(lines[k]), "")
    m = _KEY_VALUE.match(lines[above])
    if m and _indent(lines[above]) < _indent(lines[k]) and not m.group(3).startswith(("|", ">", "&", "#")):
        return (_indent(lines[k]), m.group(2).strip())
    return None


def yaml_error(file: str, lines: list[str], exc: yaml.YAMLError, first: int = 0) -> InputError:
    """PyYAML's own words and place (its problem mark, else its context mark), with a plain hint.

    ``lines`` are the file's lines and the YAML text starts at ``first`` of them (0-based): a prompt's
    front matter starts below its ``---`` line.  An indentation error points at the line indented wrong."""
    if isinstance(exc, TooManyValues):
        line, col = at(exc.mark)
        line += first
        return InputError(file, line, col,
                          f"the YAML holds more than {MAX_YAML_NODES:,} values once its aliases (*name) are expanded",
                          "write the values out instead of nesting aliases of aliases; a chapter needs a few hundred",
                          lines[line - 1] if 1 <= line <= len(lines) else "")
    problem_mark = getattr(exc, "problem_mark", None)
    ctx_mark = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    context = getattr(exc, "context", None) or ""
    mark = problem_mark or ctx_mark
    hint = "check the indentation and quoting of this line (block text goes under '|')"
    if "end of stream" in problem and ctx_mark is not None and "quoted" in context:
        mark = ctx_mark  # an unclosed quote: where it opens, not the end of the file
        hint = "close the quote on the same line, or write the text as a block under '|'"
    if "could not find expected ':'" in problem and ctx_mark is not None:
        mark = ctx_mark  # the key that lacks its ':', not the line after it
    if "flow" in context and "<stream end>" in problem and ctx_mark is not None:
        mark = ctx_mark  # a '[' or '{' never closed: where it opens
        hint = "close the '[' or '{' on the same line, or quote the value"
    line, col = at(mark)
    line += first
    msg = f"YAML syntax error: {problem}"
    if context and ctx_mark is not None and ctx_mark is not mark:
        msg += f" ({context} on line {at(ctx_mark)[0] + first})"
    elif context and mark is ctx_mark:
        msg += f" ({context})"
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    under = None
    if "mapping values are not allowed" in problem or "expected <block end>" in problem:
        under = _indented_under_a_value(lines, line - 1)
    if "\t" in text[: max(0, col)]:
        hint = "YAML indents with spaces, never tabs: replace the tab on this line with spaces"
    elif under is not None:
        indent, key = under
        col = indent + 1
        msg = "YAML indentation error: this line is indented" + (f" under '{key}', which already has a value"
                                                                   if key else " more than the lines above it")
        hint = (f"start it at the left margin like the keys around it (remove the {indent} space"
                f"{'s' if indent != 1 else ''} before it), or quote a value that holds ': '")
    elif "mapping values are not allowed" in problem:
        hint = "a ':' inside a value needs quotes (title: \"a: b\") or a block under '|'"
    elif "expected <block end>" in problem:
        col = _indent(text) + 1
        hint = "this line is indented differently from the lines of the same block: line it up with them"
    elif "could not find expected ':'" in problem:
        hint = "each line of a mapping is 'key: value'; text longer than one line goes in a block under '|'"
    return InputError(file, line, col, msg, hint, text)
