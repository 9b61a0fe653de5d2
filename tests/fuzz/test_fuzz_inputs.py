"""Fuzzing the reader and the layout engine: real prompts, layout files and chapter YAMLs, mutated the way
hand-typed files go wrong (lines deleted, doubled, shifted, cut short, stray box-drawing and wide characters,
random ratio specs).  The property: read_input + layout_chapter either succeed, with a sane layout, or raise
one InputError with a place and a hint; never any other exception.

The default run is bounded and derandomised (the same examples every time); ``pytest -m fuzz`` runs the
same properties with random examples, many more of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheatsheet.errors import InputError
from cheatsheet.layout.place import usable_rect
from cheatsheet.render import lay_out
from cheatsheet.sources import read_input
from tests.conftest import CHAPTERS, SEED_FILES, SEEDS

ROOT = Path(__file__).resolve().parent.parent.parent
LAYOUTS = ROOT / "layouts"


@dataclass(frozen=True)
class Base:
    name: str
    lines: tuple[str, ...]
    span: tuple[int, int]  # the lines most mutations aim at: the layout section (diagram + ratio spec)


def _layout_span(lines: list[str]) -> tuple[int, int]:
    start = next((i for i, ln in enumerate(lines) if ln.lower().startswith("# layout structure")), 0)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("# ")), len(lines))
    return start, max(start, end - 1)


def _base(name: str, text: str) -> Base:
    lines = text.split("\n")
    return Base(name, tuple(lines), _layout_span(lines))


def _seed_texts() -> dict[str, str]:
    return {k: (SEEDS / f).read_text(encoding="utf-8") for k, f in sorted(SEED_FILES.items()) if (SEEDS / f).is_file()}


def _layout_bases() -> list[Base]:
    """The bundled layout files, and the seeds cut down to front matter + layout section (fast to read)."""
    out = [_base(p.stem, p.read_text(encoding="utf-8")) for p in sorted(LAYOUTS.glob("*.txt"))]
    for name, text in _seed_texts().items():
        lines = text.split("\n")
        a, b = _layout_span(lines)
        out.append(_base(f"{name}-layout", "\n".join(lines[:12] + lines[a : b + 1])))
    return out


def _prompt_bases() -> list[Base]:
    bases = [_base(name, text) for name, text in _seed_texts().items()]
    return bases or _layout_bases()


LAYOUT_BASES = _layout_bases()
PROMPT_BASES = _prompt_bases()
YAML_BASES = [_base(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CHAPTERS.glob("*.yaml"))]

# --- what gets inserted ------------------------------------------------------------------

BOX = st.integers(0x2500, 0x257F).map(chr)
HANGUL = st.integers(0xAC00, 0xD7A3).map(chr)
EMOJI = st.sampled_from(["🍌", "📖", "👥", "⚡", "🤖", "✅", "🧠", "🧀", "📊", "💡", "👩‍💻", "🇰🇷"])
EMOJI_VS16 = st.sampled_from(["⚠️", "❤️", "✔️", "☀️", "🅰️", "✏️", "\ufe0f"])
WIDE = st.one_of(HANGUL, EMOJI, EMOJI_VS16, st.sampled_from(["　", "한글", "ｗ", "中"]))
ODD = st.sampled_from(["\t", "\u00a0", "\u200b", "\u2028", "\x0c", "%", "#", "*", "`", "|", "-", "(", ")",
                       # YAML that once crashed or may: a date that is no date, tags, aliases, complex keys
                       " 2024-13-45", ": 2024-02-30", " !!python/object:os.system", " &a", " *a", "? [x]", "<<: *a"])
INSERT = st.one_of(BOX, BOX, WIDE, ODD, st.text(max_size=4))


def _pct() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 120).map(str),
        st.floats(0, 100, allow_nan=False).map(lambda f: f"{f:.1f}"),
        st.sampled_from(["열", "", "1/2", "~30", "**25", "9" * 30, "9" * 400, "１０", "-5", "3.", "약 20"]),
    )


@st.composite
def ratio_item(draw: st.DrawFn) -> tuple[str, str, str]:
    label = draw(st.sampled_from(["상단", "중상단", "중앙", "하단", "하단-하", "Title", ""]))
    pct = draw(_pct())
    split = draw(st.one_of(
        st.just(""),
        st.builds(lambda a, b: f"좌 {a}% / 우 {b}%", _pct(), _pct()),
        st.builds(lambda a, b, c: f"좌 {a}% / 중앙 {b}% / 우 {c}%", _pct(), _pct(), _pct()),
        st.one_of(st.integers(0, 40), st.integers(10**6, 10**12)).map(lambda n: f"**{n}등분**"),
        st.just("좌우 분할"),
    ))
    return label, pct, split


@st.composite
def ratio_spec(draw: st.DrawFn) -> list[str]:
    items = draw(st.lists(ratio_item(), min_size=0, max_size=8))
    if draw(st.booleans()):
        return ["**배치 비율**:"] + [f"- {a} ({p}%): {s}".rstrip() for a, p, s in items]
    rows = [f"| {a} | {p}% | {s} |" for a, p, s in items]
    return ["## 배치 비율", "", "| 영역 | 비율 | 배치 |", "|------|------|------|", *rows]


def _is_spec_line(text: str) -> bool:
    st_ = text.lstrip()
    return bool(st_) and st_[0] in "-|*"


def _replace_spec(lines: list[str], spec: list[str]) -> list[str]:
    """Put ``spec`` where the ratio spec was (its mark line and the list or table under it)."""
    k = next((i for i, ln in enumerate(lines) if "배치 비율" in ln), -1)
    if k < 0:
        return lines + [""] + spec
    j = k + 1
    while j < len(lines):
        if _is_spec_line(lines[j]) or (not lines[j].strip() and j + 1 < len(lines) and _is_spec_line(lines[j + 1])):
            j += 1
            continue
        break
    return lines[:k] + spec + lines[j:]


@st.composite
def mutated(draw: st.DrawFn, bases: list[Base], max_ops: int = 6, spec_ops: bool = True) -> tuple[str, str]:
    """(base name, text): a base with 1..max_ops of the mutations a hand-typed file suffers."""
    base = draw(st.sampled_from(bases))
    lines = list(base.lines)
    ops = ["delete", "duplicate", "shift", "truncate", "insert", "insert", "wide", "swap", "blank", "join"]
    if spec_ops:
        ops.append("ratios")
    for _ in range(draw(st.integers(1, max_ops))):
        if not lines:
            break
        n = len(lines)
        lo, hi = min(base.span[0], n - 1), min(base.span[1], n - 1)
        i = draw(st.integers(lo, hi)) if draw(st.integers(0, 9)) else draw(st.integers(0, n - 1))
        op = draw(st.sampled_from(ops))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "shift":
            k = draw(st.integers(-4, 4))
            lines[i] = " " * k + line if k >= 0 else line[-k:]
        elif op == "truncate":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        elif op in ("insert", "wide"):
            at = draw(st.integers(0, len(line)))
            ch = draw(INSERT if op == "insert" else WIDE)
            lines[i] = line[:at] + ch + line[at:]
        elif op == "swap":
            j = draw(st.integers(lo, hi))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "blank":
            lines.insert(i, "")
        elif op == "join" and i + 1 < n:
            lines[i : i + 2] = [line + lines[i + 1]]
        elif op == "ratios":
            lines = _replace_spec(lines, draw(ratio_spec()))
    return base.name, "\n".join(lines)


@st.composite
def random_diagram(draw: st.DrawFn) -> tuple[str, str]:
    """A diagram made up from scratch: rows of box-drawing characters, wide characters and text."""
    width = draw(st.integers(3, 40))
    cell = st.one_of(BOX, BOX, BOX, st.just(" "), st.just(" "), WIDE, st.sampled_from(list("ab1 :()%")))
    rows = draw(st.lists(st.lists(cell, max_size=width).map("".join), min_size=1, max_size=14))
    top = "┌" + "─" * (width - 2) + "┐"
    bottom = "└" + "─" * (width - 2) + "┘"
    framed = [top] + [f"│{r}│" if draw(st.booleans()) else r for r in rows]
    if draw(st.integers(0, 5)):
        framed.append(bottom)
    spec = draw(ratio_spec()) if draw(st.booleans()) else []
    return "random", "# Layout Structure\n\n" + "\n".join(framed) + "\n\n" + "\n".join(spec) + "\n"


# --- the property ------------------------------------------------------------------------


def check(path: Path, where: set[str]) -> None:
    """read_input + layout_chapter: a sane layout, or an InputError with a place and a hint."""
    try:
        layout = lay_out(read_input(path))
    except InputError as err:
        assert err.file in where, err
        assert (err.line >= 1 and err.col >= 1) or (err.line, err.col) == (0, 0), err  # a real place, or none
        assert err.message.strip() and "\n" not in err.message, err
        assert err.hint.strip(), err
        shown = err.render().split("\n")
        assert shown[0].startswith(f"{err.file}:{err.line}:{err.col}: "), shown
        assert shown[2].strip() == "^" and shown[-1].startswith("hint: "), shown
        return
    x0, y0, w, h = usable_rect()
    assert layout.bands
    assert sum(b.rect[3] for b in layout.bands) == pytest.approx(h)
    for band in layout.bands:
        for r in band.walk():
            assert all(math.isfinite(v) for v in r.rect), (r.id, r.rect)
            rx, ry, rw, rh = r.rect
            assert rw >= 0 and rh >= 0, (r.id, r.rect)
            assert x0 - 1e-6 <= rx and rx + rw <= x0 + w + 1e-6, (r.id, r.rect)
            assert y0 - 1e-6 <= ry and ry + rh <= y0 + h + 1e-6, (r.id, r.rect)
    assert set(layout.content) == {r.id for r in layout.leaves()}
    for n in layout.notices:
        assert n.line >= 1 and n.message


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _check_prompt(scratch: Path, text: str) -> None:
    path = scratch / "prompt.md"
    path.write_text(text, encoding="utf-8")
    check(path, {str(path)})


def _check_chapter(scratch: Path, chapter_text: str, layout_text: str | None = None) -> None:
    """A chapter YAML beside the bundled layouts (or beside one mutated layout file)."""
    chapters = scratch / "chapters"
    layouts = scratch / "layouts"
    chapters.mkdir(exist_ok=True)
    layouts.mkdir(exist_ok=True)
    for p in LAYOUTS.glob("*.txt"):
        (layouts / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    if layout_text is not None:
        (layouts / "ch10.txt").write_text(layout_text, encoding="utf-8")
    path = chapters / "chapter.yaml"
    path.write_text(chapter_text, encoding="utf-8")
    check(path, {str(path), *(str(p) for p in layouts.glob("*.txt"))})


def _fast(n: int):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _long(n: int):
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# the bounded run: about 2,400 examples in all (with test_generated_diagrams.py), about a minute and a half


@_fast(600)
@given(mutated(LAYOUT_BASES))
def test_mutated_layout_sections(scratch: Path, case: tuple[str, str]) -> None:
    _check_prompt(scratch, case[1])


@_fast(300)
@given(mutated(LAYOUT_BASES, max_ops=3, spec_ops=False).flatmap(
    lambda case: st.tuples(st.just(case[0]), ratio_spec().map(lambda s: _replace_spec(case[1].split("\n"), s)))))
def test_random_ratio_specs(scratch: Path, case: tuple[str, list[str]]) -> None:
    _check_prompt(scratch, "\n".join(case[1]))


@_fast(200)
@given(mutated(PROMPT_BASES))
def test_mutated_whole_prompts(scratch: Path, case: tuple[str, str]) -> None:
    _check_prompt(scratch, case[1])


@_fast(400)
@given(random_diagram())
def test_made_up_diagrams(scratch: Path, case: tuple[str, str]) -> None:
    _check_prompt(scratch, case[1])


@_fast(350)
@given(mutated(YAML_BASES, spec_ops=False))
def test_mutated_chapter_yamls(scratch: Path, case: tuple[str, str]) -> None:
    _check_chapter(scratch, case[1])


@_fast(250)
@given(mutated([b for b in LAYOUT_BASES if b.name == "ch10"]))
def test_chapter_yaml_with_a_mutated_layout_file(scratch: Path, case: tuple[str, str]) -> None:
    _check_chapter(scratch, (CHAPTERS / "ch10.yaml").read_text(encoding="utf-8"), case[1])


# the long run: pytest -m fuzz


@pytest.mark.fuzz
@_long(20000)
@given(mutated(LAYOUT_BASES, max_ops=10))
def test_long_mutated_layout_sections(scratch: Path, case: tuple[str, str]) -> None:
    _check_prompt(scratch, case[1])


@pytest.mark.fuzz
@_long(5000)
@given(mutated(PROMPT_BASES, max_ops=10))
def test_long_mutated_whole_prompts(scratch: Path, case: tuple[str, str]) -> None:
    _check_prompt(scratch, case[1])


@pytest.mark.fuzz
@_long(10000)
@given(random_diagram())
def test_long_made_up_diagrams(scratch: Path, case: tuple[str, str]) -> None:
    _check_prompt(scratch, case[1])


@pytest.mark.fuzz
@_long(8000)
@given(mutated(YAML_BASES, max_ops=10, spec_ops=False))
def test_long_mutated_chapter_yamls(scratch: Path, case: tuple[str, str]) -> None:
    _check_chapter(scratch, case[1])


@pytest.mark.fuzz
@_long(5000)
@given(mutated([b for b in LAYOUT_BASES if b.name == "ch10"], max_ops=10))
def test_long_chapter_yaml_with_a_mutated_layout_file(scratch: Path, case: tuple[str, str]) -> None:
    _check_chapter(scratch, (CHAPTERS / "ch10.yaml").read_text(encoding="utf-8"), case[1])
