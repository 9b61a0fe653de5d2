"""Fuzzing the whole way to the drawn page: the seeds, the test prompts and the chapter YAMLs, mutated as
hand-typed files go wrong and as a reliability audit attacks them (combining marks, right-to-left text, ZWJ
sequences, NUL bytes, invalid UTF-8, long lines, deep nesting, long tables, extreme numbers, many bands).

The property: reading, layout, composing and drawing (the Figure with every artist; no file is saved) either
give a page or raise the project's own InputError with a place and a hint; never any other exception, never
more than SECONDS of CPU for one input, and never more than MAX_RSS of memory at its peak.

The default run is bounded and derandomised; ``pytest -m fuzz`` runs 10,000 mutations with random examples (CI a
budget of them, seeded by the commit).
"""

from __future__ import annotations

import hashlib
import os
import resource
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cheatsheet.errors import InputError
from cheatsheet.export import figure_for
from cheatsheet.render import compose
from tests.conftest import CHAPTERS, ROOT
from tests.fuzz.test_fuzz_inputs import LAYOUTS, PROMPT_BASES, YAML_BASES, Base, _base, mutated

SECONDS = 10.0
MAX_RSS = 1 << 30  # bytes
LONG_LINE = 20_000  # the longest line of words made, and (a quarter of it) the longest run with no place to break
# The long run's size and seed.  ``pytest -m fuzz`` runs 10,000 mutations from a random seed; CI runs a budget of
# them on every commit (.ci/run: CHEATSHEET_FUZZ_EXAMPLES, and CHEATSHEET_FUZZ_SEED from the commit's id), so that
# each commit tries other inputs and the run stays within CI's minutes.
LONG_RUN = int(os.environ.get("CHEATSHEET_FUZZ_EXAMPLES", "10000"))
LONG_SEED = os.environ.get("CHEATSHEET_FUZZ_SEED", "")

PROMPTS = [_base(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "prompts").glob("*.md"))]
TEXT_BASES = PROMPT_BASES + PROMPTS

# What the audit threw at the inputs, beyond a hand's mistakes.
ATTACKS = st.one_of(
    st.sampled_from(["\u0301" * 30, "a\u0308\u0323\u0301", "שלום עולם", "مرحبا", "\u202eevil\u202c", "\u200f",
                     "👨‍👩‍👧‍👦", "🏳️‍🌈", "👩🏽‍💻", "\x00", "\x1b]0;x\x07\x1b[2J", "\ufffe", "\U0010ffff", "\ud7ff",
                     "1e308", "-1e308", "nan", "inf", "9" * 400, "0.0000000001", ">", "> -", "```", "```mermaid",
                     "|", "| a | b |", "- ", "  - ", "1. ", "**", "`", "$$$$$"]),
    st.text(max_size=6),
)


@st.composite
def attacked(draw: st.DrawFn, bases: list[Base]) -> tuple[str, str, bool]:
    """(base name, text, whether its bytes are to be broken UTF-8): a mutated base with 0..3 attacks."""
    name, text = draw(mutated(bases, max_ops=6))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["insert", "insert", "long", "run", "nest", "table", "pie", "loops", "bands"]))
        if op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(ATTACKS) + lines[i][at:]
        elif op == "long":  # a long line of words, up to LONG_LINE
            lines[i] = " ".join([lines[i] or "word"] * draw(st.integers(10, 500)))[:LONG_LINE]
        elif op == "run":  # no break opportunity: brackets, dots, letters, Hangul
            mark = draw(st.sampled_from(["[", ".", "a", "(", "…", ",", "가", "“"]))
            lines[i] += mark * draw(st.integers(100, LONG_LINE // 4))
        elif op == "nest":
            lines[i:i] = ["  " * k + "- item" for k in range(draw(st.integers(10, 500)))]
        elif op == "table":
            n = draw(st.integers(10, 2_000))
            lines[i:i] = ["| a | b |", "|---|---|", *(f"| r{k} | v{k} |" for k in range(n))]
        elif op == "pie":
            value = draw(st.sampled_from(["1e308", "1e-308", "0", "5", "1e15", "2e15"]))
            n = draw(st.integers(1, 300))
            lines[i:i] = ["```mermaid", "pie", *(f'  "s{k}" : {value}' for k in range(n)), "```"]
        elif op == "loops":
            n = draw(st.integers(1, 300))
            lines[i:i] = ["```mermaid", "sequenceDiagram", *["loop x"] * n, "A->>B: hi", *["end"] * n, "```"]
        elif op == "bands":
            lines[i:i] = ["├──────┤", "│ a    │"] * draw(st.integers(1, 200))
    return name, "\n".join(lines), draw(st.integers(0, 19)) == 0


def _write(path: Path, text: str, broken: bool) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    if broken:
        data = data[: len(data) // 2] + b"\xff\xfe\xc3" + data[len(data) // 2 :]
    path.write_bytes(data)


_STATUS = Path("/proc/self/status")


def _reset_peak_rss() -> None:
    """Start the process's peak memory afresh (Linux: writing 5 to clear_refs resets VmHWM), so that the
    peak read after an input is that input's own, not the largest of every input before it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_rss() -> int:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux gives KB


def _check(path: Path, where: set[str]) -> None:
    _reset_peak_rss()
    start = time.process_time()  # this process's own seconds: other work on the machine does not count
    try:
        _, page = compose(path)
        fig = figure_for(page.marks, 30)
        fig.clear()
    except InputError as err:
        assert err.file in where, err
        assert (err.line >= 1 and err.col >= 1) or (err.line, err.col) == (0, 0), err  # a real place, or none
        assert err.message.strip() and err.hint.strip(), err
        shown = err.render()
        assert "\x1b" not in shown and "\x00" not in shown, shown
    took = time.process_time() - start
    assert took < SECONDS, f"{took:.1f} s"
    assert _peak_rss() < MAX_RSS, f"{_peak_rss() / 2**20:.0f} MB"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pipeline")
    (root / "chapters").mkdir()
    (root / "layouts").mkdir()
    for p in LAYOUTS.glob("*.txt"):
        (root / "layouts" / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def _one(scratch: Path, case: tuple[str, str, bool], chapter: bool) -> None:
    _, text, broken = case
    path = scratch / "chapters" / "chapter.yaml" if chapter else scratch / "prompt.md"
    _write(path, text, broken)
    _check(path, {str(path), *(str(p) for p in (scratch / "layouts").glob("*.txt"))})


def _seeded(test):
    """The long run's test, from LONG_SEED when one is given (any text: a commit's id)."""
    return seed(int(hashlib.sha256(LONG_SEED.encode()).hexdigest()[:16], 16))(test) if LONG_SEED else test


def _settings(n: int, derandomize: bool):
    return settings(max_examples=n, deadline=None, derandomize=derandomize, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# the bounded run of the default suite: a few dozen inputs, about half a minute


@_settings(30, True)
@given(attacked(TEXT_BASES))
def test_attacked_prompts_compose_or_fail_cleanly(scratch: Path, case: tuple[str, str, bool]) -> None:
    _one(scratch, case, chapter=False)


@_settings(15, True)
@given(attacked(YAML_BASES))
def test_attacked_chapter_yamls_compose_or_fail_cleanly(scratch: Path, case: tuple[str, str, bool]) -> None:
    _one(scratch, case, chapter=True)


# the long run: pytest -m fuzz (10,000 mutations in all)


@pytest.mark.fuzz
@_seeded
@_settings(LONG_RUN * 7 // 10, False)
@given(attacked(TEXT_BASES))
def test_long_attacked_prompts(scratch: Path, case: tuple[str, str, bool]) -> None:
    _one(scratch, case, chapter=False)


@pytest.mark.fuzz
@_seeded
@_settings(LONG_RUN * 3 // 10, False)
@given(attacked(YAML_BASES))
def test_long_attacked_chapter_yamls(scratch: Path, case: tuple[str, str, bool]) -> None:
    _one(scratch, case, chapter=True)


def test_the_chapters_are_fuzzed_beside_their_layouts() -> None:
    assert YAML_BASES and all((LAYOUTS / f"{b.name}.txt").is_file() for b in YAML_BASES)
    assert CHAPTERS.is_dir() and len(PROMPTS) >= 20
