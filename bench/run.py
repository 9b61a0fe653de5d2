"""Benchmark: where a render's time goes, against the floor of plain matplotlib.

    .venv/bin/python bench/run.py [--runs N] [--dpi 200] [--json FILE]

For each bundled chapter (``chapters/*.yaml``), in a fresh worker process:

- seconds for reading + layout, composing, drawing (building the matplotlib figure), PDF save
  and PNG save; the first (cold) run and the median of the next N (warm) runs;
- the floor: plain matplotlib putting the same page on paper with no layout work (the same text
  strings in the same fonts and sizes, the same lines, fills and boxes as straight polylines,
  the same grid), saved to PDF and PNG the same way; and the ratio ours / floor.

Then, as a user runs it: ``cheatsheet render CH`` (PDF + PNG) as a whole process (median wall
seconds of N, peak resident memory from wait4), the PDF's size and whether its text can be
selected (every text mark's string found in the text read back from the PDF), and
``cheatsheet build`` of every chapter (wall seconds and CPU seconds, against the sum of the
single renders).

Typst, for comparison (when the ``typst`` package is installed: ``pip install -e '.[bench]'``):
the same page content written as Typst source by ``bench/typst_page.py`` from the composed
page's marks (the floor's marks), compiled to PDF and to PNG at the same dpi with the same fonts
and nothing else; as a whole process (``python -c`` importing typst and writing both files,
taken in turns with ours and the floor's) and in one process (the first compile, then the median
of N compiles each after a one-word edit of the page, as ``typst watch`` recompiles a save).

A course: 24 different inputs (the bundled chapters, then the test corpus's prompts) in a temporary
folder, built with ``cheatsheet build -j 2 --force`` (median wall and CPU seconds of N builds, seconds per
page, peak memory of the largest process); and a warm re-render as ``cheatsheet watch`` does it (a
one-word edit written to a copy of the chapter's file, then the render and the writes in the same
process: the median of N edits, wall and CPU).

The same course is then built again after a one-word edit of one chapter (no ``--force``: only that
chapter is rendered), the median of N edits.

The package is compiled to bytecode first, as an installed one is.  Targets are printed beside the
figures they apply to, with whether each is met; they are never asserted.  Prints a markdown report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "cheatsheet.cli"]  # this tree's code, run from ROOT
COURSE_SIZE = 24
SCRIPT = Path(sys.executable).parent / "cheatsheet"
STAGES = ("read_layout", "compose", "draw", "pdf", "png")
FLOOR_STAGES = ("draw", "pdf", "png")

COURSE_JOBS = 2  # the course target is for 2 cores

# What the renderer is to reach (printed beside the figures, never asserted).
TARGET_PROCESS_S = 0.8  # one chapter, PDF + PNG, `cheatsheet render` as a whole process
TARGET_RERENDER_S = 0.35  # a warm re-render of a chapter in one process (what `watch` does)
TARGET_COURSE_S = 8.0  # COURSE_SIZE chapters with `cheatsheet build` on COURSE_JOBS cores
TARGET_COURSE_ONE_S = 1.5  # ... built again after one of them changed
TARGET_RSS_MB = 400  # peak memory of a process
TARGET_PDF_SAVE_S = 0.25
TARGET_PDF_KB = 300  # ... with its text selectable
TARGET_RATIO = 1.0  # ours / the plain-matplotlib floor
TARGET_TYPST_RATIO = 4.0  # one chapter as a whole process, ours / Typst (the issue's second bound on it)

# Typst as a whole process: import typst, compile the page to PDF and to PNG, write both files.
TYPST_PROCESS = """
import sys
import typst

typ, fonts, out, dpi = sys.argv[1:]
c = typst.Compiler(font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                                          font_paths=[fonts]), ignore_system_fonts=True)
c.compile(typ, output=out + ".pdf", format="pdf")
c.compile(typ, output=out + ".png", format="png", ppi=float(dpi))
"""
TYPST_INSTALL = "pip install -e '.[bench]'"


# --- the worker: one chapter, in its own process ----------------------------------------


@dataclass
class WorkerResult:
    chapter: str
    import_s: float
    cold: dict[str, float]
    warm: dict[str, float]
    floor: dict[str, float]
    marks: int
    text_artists: int
    pdf_bytes: int
    floor_pdf_bytes: int
    maxrss_mb: float
    texts_found: int  # text marks whose string the PDF's text layer gives back
    texts_total: int


def _pipeline(path: Path, dpi: int) -> tuple[dict[str, float], object, bytes]:
    from cheatsheet.compose.page import compose_page
    from cheatsheet.export import figure_for, pdf_bytes, png_from_pdf
    from cheatsheet.layout.engine import layout_chapter
    from cheatsheet.sources import read_input

    t = [time.perf_counter()]
    chapter = read_input(path)
    layout = layout_chapter(chapter)
    t.append(time.perf_counter())
    page = compose_page(chapter, layout)
    t.append(time.perf_counter())
    fig = figure_for(page.marks, dpi)
    t.append(time.perf_counter())
    pdf = pdf_bytes(fig)
    t.append(time.perf_counter())
    png_from_pdf(pdf, dpi)  # the PNG is the PDF page rasterised, as render makes it
    t.append(time.perf_counter())
    return {s: t[k + 1] - t[k] for k, s in enumerate(STAGES)}, page, pdf


def floor_figure(marks: list, dpi: int):
    """The same page in plain matplotlib: no wobble, no resampling, no seeded randomness."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon, Rectangle

    from cheatsheet import theme
    from cheatsheet.compose import marks as mk
    from cheatsheet.draw import artists
    from cheatsheet.draw.canvas import setup_matplotlib

    setup_matplotlib()
    fig = Figure(figsize=(theme.PAGE_W / 25.4, theme.PAGE_H / 25.4), dpi=dpi)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor(theme.PAPER)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, theme.PAGE_W)
    ax.set_ylim(theme.PAGE_H, 0)
    ax.set_axis_off()
    ax.set_facecolor(theme.PAPER)
    grid = [((x, 0.0), (x, theme.PAGE_H)) for x in range(0, int(theme.PAGE_W) + 1, int(theme.GRID_PITCH))]
    grid += [((0.0, y), (theme.PAGE_W, y)) for y in range(0, int(theme.PAGE_H) + 1, int(theme.GRID_PITCH))]
    ax.add_collection(LineCollection(grid, colors=theme.GRID, linewidths=theme.GRID_WIDTH_PT, zorder=0))
    lines: dict[tuple, list] = {}
    for m in marks:
        if isinstance(m, mk.TextMark):
            kw = dict(fontsize=m.size_pt, family=[m.face], color=m.color, va="baseline", ha=m.ha,
                      rotation=m.rotation, rotation_mode="anchor", parse_math=False, zorder=5)
            ax.text(m.x, m.y, m.text, **kw)
            if m.bold:  # the page has the word twice: so does the floor
                ax.text(m.x + theme.BOLD_OFFSET, m.y, m.text, **kw)
        elif isinstance(m, mk.StrokeMark):
            pts = list(m.points) + ([m.points[0]] if m.closed else [])
            if m.fill:
                ax.add_patch(Polygon(m.points, closed=True, facecolor=m.fill, edgecolor="none", alpha=m.fill_alpha,
                                     zorder=1))
            if m.width_pt > 0:
                lines.setdefault((m.color, m.width_pt, m.alpha), []).append(pts)
        elif isinstance(m, mk.ArrowMark):
            lines.setdefault((m.color, m.width_pt, 1.0), []).append([m.start, m.end])
        elif isinstance(m, mk.MarkerMark):
            ax.add_patch(Rectangle((m.x, m.y), m.w, m.h, facecolor=m.color, edgecolor="none", alpha=m.alpha,
                                   zorder=2))
        elif type(m).__name__ == "BackingMark":
            ax.add_patch(Rectangle((m.x, m.y), m.w, m.h, facecolor=m.color, edgecolor="none", zorder=4))
        elif type(m).__name__ == "QRMark" and hasattr(artists, "_qr"):
            artists._qr(ax, m)  # already one plain compound path
    for (color, width, alpha), segs in sorted(lines.items(), key=lambda kv: str(kv[0])):
        ax.add_collection(LineCollection(segs, colors=color, linewidths=width, alpha=alpha, capstyle="round",
                                         joinstyle="round", zorder=3))
    return fig


def _floor(marks: list, dpi: int) -> tuple[dict[str, float], bytes]:
    """The floor saved the way ours is, one after the other: the PDF, then the PNG rasterised from it."""
    from cheatsheet.export import pdf_bytes, png_from_pdf

    t = [time.perf_counter()]
    fig = floor_figure(marks, dpi)
    t.append(time.perf_counter())
    pdf = pdf_bytes(fig)
    t.append(time.perf_counter())
    png_from_pdf(pdf, dpi)
    t.append(time.perf_counter())
    return {s: t[k + 1] - t[k] for k, s in enumerate(FLOOR_STAGES)}, pdf


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def worker(path: Path, runs: int, dpi: int, marks_file: str = "") -> WorkerResult:
    import resource

    t0 = time.perf_counter()
    import matplotlib.figure  # noqa: F401  (what the command imports before it draws)

    import cheatsheet.compose.page  # noqa: F401
    import cheatsheet.export  # noqa: F401
    import_s = time.perf_counter() - t0
    cold, page, pdf = _pipeline(path, dpi)
    _, floor_pdf = _floor(page.marks, dpi)  # warms the floor's own caches
    ours, floors = [], []
    for _ in range(runs):  # taken in turns, so that a change in the machine's load hits both alike
        ours.append(_pipeline(path, dpi)[0])
        floors.append(_floor(page.marks, dpi)[0])
    if marks_file:
        import pickle

        Path(marks_file).write_bytes(pickle.dumps(page.marks))
    from cheatsheet.compose.marks import TextMark

    texts = [m for m in page.marks if isinstance(m, TextMark)]
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return WorkerResult(path.stem, import_s, cold, _median(ours), _median(floors), len(page.marks),
                        len(texts) + sum(m.bold for m in texts), len(pdf), len(floor_pdf), maxrss,
                        *selectable(pdf, texts))


def selectable(pdf: bytes, texts: list) -> tuple[int, int]:
    """How many of the page's text marks come back, each as one string, from the PDF's text layer
    (white space aside): text kept as text, not outlines."""
    import io

    from pypdf import PdfReader

    layer = "".join("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    return sum("".join(m.text.split()) in layer for m in texts), len(texts)


def edited(marks: list, k: int) -> list:
    """The page with a one-word edit: `` k`` added to its middle text mark."""
    from dataclasses import replace

    from cheatsheet.compose.marks import TextMark

    texts = [i for i, m in enumerate(marks) if isinstance(m, TextMark)]
    i = texts[len(texts) // 2]
    return [*marks[:i], replace(marks[i], text=f"{marks[i].text} {k}"), *marks[i + 1:]]


def typst_worker(marks_file: Path, fonts: Path, runs: int, dpi: int) -> dict[str, float]:
    """Typst in one process: import, the first compile of the page (PDF, then PNG), then the
    median of ``runs`` compiles by the same compiler, each after a one-word edit of the page."""
    import pickle

    t0 = time.perf_counter()
    import typst  # noqa: F401

    import_s = time.perf_counter() - t0
    import typst_page  # bench/ is this script's folder

    marks = pickle.loads(marks_file.read_bytes())
    sources = [typst_page.page_source(marks).encode()]
    sources += [typst_page.page_source(edited(marks, k)).encode() for k in range(1, runs + 1)]
    c = typst_page.compiler(fonts)
    times, pdf = [], b""
    for src in sources:
        t = [time.perf_counter()]
        pdf = c.compile(src, format="pdf")
        t.append(time.perf_counter())
        c.compile(src, format="png", ppi=float(dpi))
        t.append(time.perf_counter())
        times.append({"pdf": t[1] - t[0], "png": t[2] - t[1]})
    edit = _median(times[1:])
    return {"import_s": import_s, "first_pdf": times[0]["pdf"], "first_png": times[0]["png"],
            "edit_pdf": edit["pdf"], "edit_png": edit["png"], "pdf_bytes": len(pdf)}


def floor_process(marks_file: Path, dpi: int) -> None:
    """The floor as a whole process: import matplotlib, draw the page's marks plainly, save both."""
    import pickle

    from cheatsheet.export import pdf_bytes, png_from_pdf

    fig = floor_figure(pickle.loads(marks_file.read_bytes()), dpi)
    png_from_pdf(pdf_bytes(fig), dpi)


def edit_one_word(text: str, k: int) -> str:
    """A chapter's text with a word added to its first written line of Korean (a line of a region's
    content in a chapter YAML, a bullet or sentence of a prompt), as a writer's save changes it."""
    lines = text.split("\n")
    for region_content in (True, False):  # a line of a region's content first, else a bullet or a sentence
        for i, line in enumerate(lines):
            body = line.strip()
            if not any("\uac00" <= ch <= "\ud7a3" for ch in body) or body.startswith(("#", "|")) or ":" in body:
                continue
            if line.startswith("      ") if region_content else body.startswith(("- ", "* ")) or line == body:
                lines[i] = f"{line} 편집{k}"
                return "\n".join(lines)
    return text + f"\n편집{k}\n"


def warm_rerender(path: Path, dpi: int, runs: int = 3) -> dict[str, float]:
    """``cheatsheet watch``'s re-render after a real save: the first render in this process, then
    the median of ``runs`` renders, each after a one-word edit of the chapter's file (a copy, with
    its layouts), timed from the write of the file to the outputs on disk, wall and CPU."""
    import shutil

    from cheatsheet.console import Console
    from cheatsheet.watch import Watcher

    with tempfile.TemporaryDirectory(prefix="cheatsheet-watch-") as tmp:
        root = Path(tmp)
        (root / "chapters").mkdir()
        if (path.parent.parent / "layouts").is_dir():
            shutil.copytree(path.parent.parent / "layouts", root / "layouts")
        src = root / "chapters" / path.name
        text = path.read_text(encoding="utf-8")
        src.write_text(text, encoding="utf-8")
        w = Watcher(str(src), root / "out", Console(0), dpi)
        t0 = time.perf_counter()
        w.render()
        first = time.perf_counter() - t0
        walls, cpus = [], []
        for k in range(1, runs + 1):
            t, c = time.perf_counter(), time.process_time()
            src.write_text(edit_one_word(text, k), encoding="utf-8")
            if not w.render():
                raise SystemExit(f"the edited {path.name} did not render")
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            import gc

            gc.collect()  # as watch_loop does between saves
    return {"first_s": first, "again_s": statistics.median(walls), "again_cpu_s": statistics.median(cpus)}


def course_inputs(chapters: list[Path], n: int = 0) -> list[Path]:
    """COURSE_SIZE different inputs: the bundled chapters, then the test corpus's prompts
    (tests/prompts, tests/data/pictures) in name order; no copies, which would hit the caches."""
    n = n or COURSE_SIZE
    corpus = sorted((ROOT / "tests" / "prompts").glob("*.md")) + sorted((ROOT / "tests" / "data" / "pictures").glob("*.md"))
    picked = (list(chapters) + corpus)[:n]
    if len(picked) < n:
        raise SystemExit(f"only {len(picked)} different inputs for a course of {n}")
    return picked


def course(chapters: list[Path], dpi: int, runs: int, tmp: Path) -> tuple[int, Process, Process]:
    """COURSE_SIZE different chapters and prompts (course_inputs) in one folder, with the layouts,
    built from scratch as a user builds a course, ``runs`` times: the median wall and CPU seconds,
    and the largest peak memory.  Then the same course built again after a one-word edit of one
    chapter (another chapter each time), as a user rebuilds it: only that chapter is rendered."""
    import shutil

    root = tmp / "course"
    (root / "chapters").mkdir(parents=True)
    (root / "layouts").mkdir()
    for src in course_inputs(chapters):
        shutil.copy(src, root / "chapters" / src.name)
    for lay in (chapters[0].parent.parent / "layouts").glob("*.txt"):
        shutil.copy(lay, root / "layouts")
    build = [*CLI, "-q", "build", "--chapters", str(root / "chapters"), "-o", str(root / "out"), "--dpi", str(dpi),
             "-j", str(COURSE_JOBS)]
    builds = [run_process([*build, "--force"], ROOT) for _ in range(runs)]
    if any(b.code != 0 for b in builds):
        raise SystemExit(f"the course build failed:\n{builds[0].stderr}")
    edits = []
    files = sorted((root / "chapters").iterdir())
    for k in range(runs):
        src = files[k % len(files)]
        src.write_text(edit_one_word(src.read_text(encoding="utf-8"), k + 1), encoding="utf-8")
        edits.append(run_process(build, ROOT))
    if any(b.code != 0 for b in edits):
        raise SystemExit(f"the course rebuild after an edit failed:\n{edits[0].stderr}")
    return COURSE_SIZE, median_process(builds), median_process(edits)


def median_process(runs: list[Process]) -> Process:
    """The median wall and the median CPU seconds of several runs, and the largest peak memory."""
    return Process(statistics.median(p.wall_s for p in runs), statistics.median(p.cpu_s for p in runs),
                   max(p.maxrss_mb for p in runs), 0)


# --- the driver ---------------------------------------------------------------------------


@dataclass
class Process:
    wall_s: float
    cpu_s: float
    maxrss_mb: float
    code: int
    stderr: str = ""


def run_process(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Process:
    """Run a command; its wall seconds, its CPU seconds (with its reaped children) and peak memory."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **env} if env else None)
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Process(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, err)


@dataclass
class ChapterRow:
    worker: WorkerResult
    process_s: float
    process_cpu_s: float
    floor_process_s: float
    process_rss_mb: float
    pdf_kb: float
    png_kb: float
    serial_process_s: float = 0.0  # the same command without the drawing process (CHEATSHEET_DRAW_AHEAD=never)
    serial_process_cpu_s: float = 0.0
    typst: dict[str, float] | None = None  # typst_worker's figures
    typst_process_s: float = 0.0
    typst_process_rss_mb: float = 0.0
    typst_pdf_kb: float = 0.0
    typst_png_kb: float = 0.0

    @property
    def ours_s(self) -> float:
        return sum(self.worker.warm.values())

    @property
    def floor_s(self) -> float:
        return sum(self.worker.floor.values())

    @property
    def ratio(self) -> float:
        return self.ours_s / self.floor_s

    @property
    def draw_save_ratio(self) -> float:
        w = self.worker.warm
        return (w["draw"] + w["pdf"] + w["png"]) / self.floor_s


@dataclass
class Report:
    machine: dict[str, str]
    dpi: int
    runs: int
    chapters: list[ChapterRow] = field(default_factory=list)
    build_wall_s: float = 0.0
    build_cpu_s: float = 0.0
    build_rss_mb: float = 0.0
    build_jobs: int = 0
    build_serial_s: float = 0.0
    course_pages: int = 0
    course_wall_s: float = 0.0
    course_cpu_s: float = 0.0
    course_rss_mb: float = 0.0
    course_one_wall_s: float = 0.0  # the course built again after a one-word edit of one chapter
    course_one_cpu_s: float = 0.0
    rerender: dict[str, float] = field(default_factory=dict)  # chapter -> warm re-render seconds after an edit
    rerender_cpu: dict[str, float] = field(default_factory=dict)  # ... and its CPU seconds
    typst_version: str = ""  # the typst package's version; empty: not installed, not measured


def machine() -> dict[str, str]:
    import matplotlib

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {"date": date.today().isoformat(), "nproc": str(os.cpu_count()), "cpu": cpu or "unknown", "load": load,
            "python": platform.python_version(), "matplotlib": matplotlib.__version__,
            "system": f"{platform.system()} {platform.release()}"}


def typst_version() -> str:
    """The installed typst package's version, or "" when it is not installed."""
    from importlib import metadata

    try:
        return metadata.version("typst")
    except metadata.PackageNotFoundError:
        return ""


def run(runs: int, dpi: int, chapters: list[Path]) -> Report:
    report = Report(machine(), dpi, runs, typst_version=typst_version())
    with tempfile.TemporaryDirectory(prefix="cheatsheet-bench-") as tmp:
        out = Path(tmp)
        fonts = Path()
        if report.typst_version:
            import typst_page  # bench/ is this script's folder

            fonts = typst_page.font_dir(out / "typst-fonts")
        for ch in chapters:
            print(f"  {ch.stem}: stages and floor ...", file=sys.stderr, flush=True)
            marks = out / f"{ch.stem}.marks"
            w = subprocess.run([sys.executable, __file__, "--worker", str(ch), "--runs", str(runs), "--dpi", str(dpi),
                                "--marks", str(marks)], cwd=ROOT, capture_output=True, text=True, check=True)
            result = WorkerResult(**json.loads(w.stdout))
            typ = out / "typst" / f"{ch.stem}.typ"
            typst_in_process = None
            if report.typst_version:
                import pickle

                print(f"  {ch.stem}: Typst in one process ...", file=sys.stderr, flush=True)
                typ.parent.mkdir(exist_ok=True)
                typ.write_text(typst_page.page_source(pickle.loads(marks.read_bytes())), encoding="utf-8")
                w = subprocess.run([sys.executable, __file__, "--typst-worker", str(marks), "--fonts", str(fonts),
                                    "--runs", str(runs), "--dpi", str(dpi)], cwd=ROOT, capture_output=True, text=True,
                                   check=True)
                typst_in_process = json.loads(w.stdout)
            print(f"  {ch.stem}: whole process ...", file=sys.stderr, flush=True)
            procs, serials, floors, typsts = [], [], [], []
            for _ in range(runs):  # in turns, so that a change in the machine's load hits each alike
                render_args = [str(SCRIPT), "render", str(ch), "-o", str(out), "--dpi", str(dpi)]
                procs.append(run_process(render_args, ROOT))
                serials.append(run_process(render_args, ROOT, {"CHEATSHEET_DRAW_AHEAD": "never"}))
                floors.append(run_process([sys.executable, __file__, "--floor-process", str(marks), "--dpi", str(dpi)],
                                          ROOT))
                if report.typst_version:
                    typsts.append(run_process([sys.executable, "-c", TYPST_PROCESS, typ.name, str(fonts), ch.stem,
                                               str(dpi)], typ.parent))
            bad = [p for p in procs + serials + floors + typsts if p.code != 0]
            if bad:
                raise SystemExit(f"a run for {ch} failed:\n{bad[0].stderr}")
            row = ChapterRow(
                result, statistics.median(p.wall_s for p in procs), statistics.median(p.cpu_s for p in procs),
                statistics.median(p.wall_s for p in floors), max(p.maxrss_mb for p in procs),
                (out / f"{ch.stem}.pdf").stat().st_size / 1024, (out / f"{ch.stem}.png").stat().st_size / 1024,
                statistics.median(p.wall_s for p in serials), statistics.median(p.cpu_s for p in serials))
            if typsts:
                row.typst = typst_in_process
                row.typst_process_s = statistics.median(p.wall_s for p in typsts)
                row.typst_process_rss_mb = max(p.maxrss_mb for p in typsts)
                row.typst_pdf_kb = (typ.parent / f"{ch.stem}.pdf").stat().st_size / 1024
                row.typst_png_kb = (typ.parent / f"{ch.stem}.png").stat().st_size / 1024
            report.chapters.append(row)
        print("  build ...", file=sys.stderr, flush=True)
        builds = [run_process([str(SCRIPT), "build", "--chapters", str(chapters[0].parent), "-o", str(out / "build"),
                               "--dpi", str(dpi), "--force"], ROOT) for _ in range(runs)]
        if any(b.code != 0 for b in builds):
            raise SystemExit(f"cheatsheet build failed:\n{builds[0].stderr}")
        med = median_process(builds)
        report.build_wall_s, report.build_cpu_s, report.build_rss_mb = med.wall_s, med.cpu_s, med.maxrss_mb
        report.build_jobs = min(len(chapters), os.cpu_count() or 1)
        report.build_serial_s = sum(c.process_s for c in report.chapters)
        print(f"  course of {COURSE_SIZE} ...", file=sys.stderr, flush=True)
        report.course_pages, course_run, one = course(chapters, dpi, runs, out)
        report.course_wall_s, report.course_cpu_s = course_run.wall_s, course_run.cpu_s
        report.course_rss_mb = course_run.maxrss_mb
        report.course_one_wall_s, report.course_one_cpu_s = one.wall_s, one.cpu_s
        rerenders(report, chapters, dpi, runs)
    return report


def rerenders(report: Report, chapters: list[Path], dpi: int, runs: int = 3) -> None:
    for ch in chapters:
        print(f"  {ch.stem}: warm re-render ...", file=sys.stderr, flush=True)
        w = subprocess.run([sys.executable, __file__, "--rerender", str(ch), "--dpi", str(dpi), "--runs", str(runs)],
                           cwd=ROOT,
                           capture_output=True, text=True, check=True)
        again = json.loads(w.stdout)
        report.rerender[ch.stem] = again["again_s"]
        report.rerender_cpu[ch.stem] = again["again_cpu_s"]


def _ok(good: bool) -> str:
    return "yes" if good else "**no**"


def _mark(good: bool) -> str:
    return "✓" if good else "✗"


def _vs(value: float, target: float, fmt: str = ".2f", unit: str = "") -> str:
    """A figure with whether it meets its target (at most ``target``)."""
    return f"{value:{fmt}}{unit} {_mark(value <= target)}"


def _typst_line(r: Report) -> str:
    if r.typst_version:
        return (f"Typst: the `typst` package {r.typst_version}, compiling the same page content "
                f"(`bench/typst_page.py`) with the same fonts only.")
    return (f"Typst: not measured, the `typst` package is not installed (`{TYPST_INSTALL}` installs it); "
            "its columns and row are left out.")


def _course_lines(r: Report) -> list[str]:
    return [
        f"A course of {r.course_pages} different chapters (the bundled ones, then the test corpus's prompts), "
        f"`cheatsheet build -j {COURSE_JOBS} --force`, medians of {r.runs} builds: "
        f"{_vs(r.course_wall_s, TARGET_COURSE_S, unit=' s')} wall (target <= {TARGET_COURSE_S:g} s), "
        f"{r.course_wall_s / r.course_pages:.2f} s per page, {r.course_cpu_s:.2f} s CPU, peak memory "
        f"{_vs(r.course_rss_mb, TARGET_RSS_MB, '.0f', ' MB')} (the largest process; target <= {TARGET_RSS_MB} MB).",
        "",
        f"The same course built again (`cheatsheet build -j {COURSE_JOBS}`, no `--force`) after a one-word edit of "
        f"one of its chapters, another each time, median of {r.runs}: "
        f"{_vs(r.course_one_wall_s, TARGET_COURSE_ONE_S, unit=' s')} wall (target <= {TARGET_COURSE_ONE_S:g} s), "
        f"{r.course_one_cpu_s:.2f} s CPU.",
        "",
        "Warm re-render as `cheatsheet watch` does it (a one-word edit written to the chapter's file, then its "
        f"PDF + PNG rendered and written in the same process; median of {r.runs} edits, wall (CPU); "
        f"target <= {TARGET_RERENDER_S:g} s): "
        + ", ".join(f"{k} {_vs(v, TARGET_RERENDER_S, unit=' s')} ({r.rerender_cpu.get(k, 0):.2f} s CPU)"
                    for k, v in r.rerender.items()) + ".",
    ]


def markdown(r: Report) -> str:
    m = r.machine
    typ = bool(r.typst_version) and all(c.typst for c in r.chapters)
    out = [
        f"Measured {m['date']} on {m['nproc']} cores of {m['cpu']} ({m['system']}), Python {m['python']}, "
        f"matplotlib {m['matplotlib']}; load average {m['load']} at the start; PNG at {r.dpi} dpi; "
        f"figures are medians of {r.runs} runs. {_typst_line(r)} A target is given in its column's head "
        "(at most); ✓ met, ✗ not met.",
        "",
        "Stages in one process (seconds; cold = the first render in a fresh process, warm = later ones):",
        "",
        f"| chapter | import | read + layout | compose | draw | PDF save (<= {TARGET_PDF_SAVE_S:g}) | PNG save "
        f"| ours (warm) | ours (cold) | floor draw | floor PDF | floor PNG | floor | ours / floor "
        f"(<= {TARGET_RATIO:.1f}) | draw+save / floor |",
        "|---|" + "---:|" * 14,
    ]
    for c in r.chapters:
        w, f = c.worker.warm, c.worker.floor
        out.append(
            f"| {c.worker.chapter} | {c.worker.import_s:.2f} | {w['read_layout']:.3f} | {w['compose']:.2f} "
            f"| {w['draw']:.2f} | {_vs(w['pdf'], TARGET_PDF_SAVE_S)} | {w['png']:.2f} | {c.ours_s:.2f} "
            f"| {sum(c.worker.cold.values()):.2f} | {f['draw']:.2f} | {f['pdf']:.2f} | {f['png']:.2f} "
            f"| {c.floor_s:.2f} | {_vs(c.ratio, TARGET_RATIO)} | {c.draw_save_ratio:.2f} |")
    if typ:
        out += [
            "",
            "Typst in one process (seconds; the same page content compiled by one compiler in a fresh process: "
            f"the first compile, then the median of {r.runs} compiles each after a one-word edit of the page, as "
            "`typst watch` recompiles a save; ours / Typst has no target, it is shown beside ours / floor):",
            "",
            "| chapter | import typst | PDF, first | PNG, first | PDF, after an edit | PNG, after an edit "
            "| Typst after an edit | ours (warm) | ours / Typst | ours PDF save / Typst PDF after an edit |",
            "|---|" + "---:|" * 9,
        ]
        for c in r.chapters:
            t = c.typst or {}
            again = t["edit_pdf"] + t["edit_png"]
            out.append(f"| {c.worker.chapter} | {t['import_s']:.3f} | {t['first_pdf']:.2f} | {t['first_png']:.2f} "
                       f"| {t['edit_pdf']:.3f} | {t['edit_png']:.2f} | {again:.2f} | {c.ours_s:.2f} "
                       f"| {c.ours_s / again:.1f} | {c.worker.warm['pdf'] / t['edit_pdf']:.0f} |")
    out += [
        "",
        "As a user runs it (`cheatsheet render CH`, PDF + PNG, one process per chapter"
        + ("; Typst: `python -c` importing typst and writing the page's PDF and PNG" if typ else "") + "):",
        "",
        f"| chapter | marks | text artists | whole process (s) (<= {TARGET_PROCESS_S:g}) | its CPU (s) "
        "| without the drawing process (s) | its CPU (s) "
        f"| floor process (s) | ours / floor (<= {TARGET_RATIO:.1f}) "
        + (f"| Typst process (s) | ours / Typst (<= {TARGET_TYPST_RATIO:g}) " if typ else "")
        + f"| peak memory (MB) (<= {TARGET_RSS_MB}) | PDF (KB) (<= {TARGET_PDF_KB}) | PDF text selectable "
        "| floor PDF (KB) " + ("| Typst PDF (KB) " if typ else "") + "| PNG (KB) |",
        "|---|" + "---:|" * (16 if typ else 13),
    ]
    for c in r.chapters:
        w = c.worker
        typst_cells = (f"| {c.typst_process_s:.2f} | {_vs(c.process_s / c.typst_process_s, TARGET_TYPST_RATIO, '.1f')} "
                       if typ else "")
        out.append(f"| {w.chapter} | {w.marks} | {w.text_artists} | {_vs(c.process_s, TARGET_PROCESS_S)} "
                   f"| {c.process_cpu_s:.2f} | {c.serial_process_s:.2f} | {c.serial_process_cpu_s:.2f} "
                   f"| {c.floor_process_s:.2f} "
                   f"| {_vs(c.process_s / c.floor_process_s, TARGET_RATIO)} {typst_cells}"
                   f"| {_vs(c.process_rss_mb, TARGET_RSS_MB, '.0f')} | {_vs(c.pdf_kb, TARGET_PDF_KB, '.0f')} "
                   f"| {w.texts_found}/{w.texts_total} {_mark(w.texts_found == w.texts_total)} "
                   f"| {w.floor_pdf_bytes / 1024:.0f} " + (f"| {c.typst_pdf_kb:.0f} " if typ else "")
                   + f"| {c.png_kb:.0f} |")
    out += [
        "",
        "(`cheatsheet render` of one chapter forks a drawing process where a core is idle: it imports matplotlib "
        "and readies the fonts while the first process composes, then draws the page and rasterises its PDF for "
        "the PNG; its CPU seconds count both processes. Without it (`CHEATSHEET_DRAW_AHEAD=never`, or on a busy "
        "machine) one process does it all in turn. The floor process imports "
        "matplotlib, draws the same marks plainly and saves both the same way, one after the other. PDF text selectable: the page's text marks whose string the PDF's text layer gives "
        "back.)",
    ]
    speedup = r.build_serial_s / r.build_wall_s if r.build_wall_s else 0.0
    out += [
        "",
        f"`cheatsheet build` of {len(r.chapters)} chapters on {r.build_jobs} workers: {r.build_wall_s:.2f} s wall, "
        f"{r.build_cpu_s:.2f} s CPU (so {r.build_cpu_s / r.build_wall_s:.2f} cores busy on average), against "
        f"{r.build_serial_s:.2f} s for the single renders one after another: {speedup:.2f}x.",
    ]
    if r.course_pages:
        out += ["", *_course_lines(r)]
    worst = {
        "proc": max(c.process_s for c in r.chapters),
        "pdf_save": max(c.worker.warm["pdf"] for c in r.chapters),
        "pdf_kb": max(c.pdf_kb for c in r.chapters),
        "ratio": max(c.ratio for c in r.chapters),
        "proc_ratio": max(c.process_s / c.floor_process_s for c in r.chapters),
        "rss": max(c.process_rss_mb for c in r.chapters),
    }
    found = sum(c.worker.texts_found for c in r.chapters)
    total = sum(c.worker.texts_total for c in r.chapters)
    out += [
        "",
        "| target | wanted | measured | met |",
        "|---|---|---|---|",
        f"| one chapter, PDF + PNG, whole process (`cheatsheet render`) | <= {TARGET_PROCESS_S:g} s "
        f"| {worst['proc']:.2f} s (worst chapter) | {_ok(worst['proc'] <= TARGET_PROCESS_S)} |",
    ]
    if r.rerender:
        again = max(r.rerender.values())
        out.append(f"| warm re-render of a chapter in one process (`watch`) | <= {TARGET_RERENDER_S:g} s "
                   f"| {again:.2f} s (worst chapter) | {_ok(again <= TARGET_RERENDER_S)} |")
    if r.course_pages:
        out += [
            f"| {r.course_pages} chapters, `cheatsheet build` on {COURSE_JOBS} cores | <= {TARGET_COURSE_S:g} s "
            f"| {r.course_wall_s:.2f} s | {_ok(r.course_wall_s <= TARGET_COURSE_S)} |",
            f"| peak memory of that build | <= {TARGET_RSS_MB} MB | {r.course_rss_mb:.0f} MB "
            f"| {_ok(r.course_rss_mb <= TARGET_RSS_MB)} |",
            f"| the same course built again after one chapter changed | <= {TARGET_COURSE_ONE_S:g} s "
            f"| {r.course_one_wall_s:.2f} s | {_ok(r.course_one_wall_s <= TARGET_COURSE_ONE_S)} |",
        ]
    out += [
        f"| peak memory of `cheatsheet render` | <= {TARGET_RSS_MB} MB | {worst['rss']:.0f} MB (worst chapter) "
        f"| {_ok(worst['rss'] <= TARGET_RSS_MB)} |",
        f"| PDF save | <= {TARGET_PDF_SAVE_S:g} s | {worst['pdf_save']:.2f} s (worst chapter) "
        f"| {_ok(worst['pdf_save'] <= TARGET_PDF_SAVE_S)} |",
        f"| PDF size | <= {TARGET_PDF_KB} KB | {worst['pdf_kb']:.0f} KB (largest) "
        f"| {_ok(worst['pdf_kb'] <= TARGET_PDF_KB)} |",
        f"| PDF text selectable | every text mark | {found} of {total} | {_ok(found == total)} |",
        f"| ours / floor, in one process (warm) | <= {TARGET_RATIO:.1f} | {worst['ratio']:.2f} (worst chapter) "
        f"| {_ok(worst['ratio'] <= TARGET_RATIO)} |",
        f"| ours / floor, whole process | <= {TARGET_RATIO:.1f} | {worst['proc_ratio']:.2f} (worst chapter) "
        f"| {_ok(worst['proc_ratio'] <= TARGET_RATIO)} |",
    ]
    if typ:
        proc = [c.process_s / c.typst_process_s for c in r.chapters]
        warm = [c.ours_s / ((c.typst or {})["edit_pdf"] + (c.typst or {})["edit_png"]) for c in r.chapters]
        out += [
            f"| ours / Typst, whole process | <= {TARGET_TYPST_RATIO:g} | {min(proc):.1f}-{max(proc):.1f} "
            f"| {_ok(max(proc) <= TARGET_TYPST_RATIO)} |",
            f"| ours (warm) / Typst after an edit, in one process | shown | {min(warm):.1f}-{max(warm):.1f} "
            "| no target |",
        ]
    else:
        out.append(f"| ours / Typst | shown | not measured: `{TYPST_INSTALL}` installs typst | - |")
    return "\n".join(out)


def markdown_course(r: Report) -> str:
    return "\n".join([
        f"Measured {r.machine['date']} on {r.machine['nproc']} cores of {r.machine['cpu']}; load average "
        f"{r.machine['load']} at the start; PNG at {r.dpi} dpi. ✓ met, ✗ not met.",
        "",
        *_course_lines(r),
    ])


def compiled() -> None:
    """The package's modules compiled to bytecode before anything is timed, as pip compiles an installed
    package: where PYTHONDONTWRITEBYTECODE is set (as on some build machines) every process would compile
    them again, 0.2 s that no user pays."""
    import compileall

    import cheatsheet

    compileall.compile_dir(str(Path(cheatsheet.__file__).parent), quiet=1)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3, help="timed runs per measurement (default 3)")
    p.add_argument("--dpi", type=int, default=200)
    p.add_argument("--chapters", default=str(ROOT / "chapters"), help="folder of chapter YAMLs")
    p.add_argument("--json", metavar="FILE", help="also write the raw numbers as JSON")
    p.add_argument("--worker", metavar="CHAPTER", help=argparse.SUPPRESS)
    p.add_argument("--marks", default="", help=argparse.SUPPRESS)
    p.add_argument("--floor-process", metavar="MARKS", help=argparse.SUPPRESS)
    p.add_argument("--rerender", metavar="CHAPTER", help=argparse.SUPPRESS)
    p.add_argument("--typst-worker", metavar="MARKS", help=argparse.SUPPRESS)
    p.add_argument("--fonts", default="", help=argparse.SUPPRESS)
    p.add_argument("--course-only", action="store_true",
                   help="measure only the course build and the warm re-render")
    args = p.parse_args(argv)
    if args.rerender:
        print(json.dumps(warm_rerender(Path(args.rerender), args.dpi, args.runs)))
        return 0
    if args.typst_worker:
        print(json.dumps(typst_worker(Path(args.typst_worker), Path(args.fonts), args.runs, args.dpi)))
        return 0
    if args.worker:
        print(json.dumps(asdict(worker(Path(args.worker), args.runs, args.dpi, args.marks))))
        return 0
    if args.floor_process:
        floor_process(Path(args.floor_process), args.dpi)
        return 0
    if not SCRIPT.is_file():
        print(f"no console script at {SCRIPT}: run this with the project's virtualenv python", file=sys.stderr)
        return 2
    chapters = sorted(Path(args.chapters).glob("*.yaml"))
    if not chapters:
        print(f"{args.chapters}: no chapter YAMLs", file=sys.stderr)
        return 2
    compiled()
    if args.course_only:
        report = Report(machine(), args.dpi, args.runs)
        with tempfile.TemporaryDirectory(prefix="cheatsheet-bench-") as tmp:
            report.course_pages, med, one = course(chapters, args.dpi, args.runs, Path(tmp))
        report.course_wall_s, report.course_cpu_s, report.course_rss_mb = med.wall_s, med.cpu_s, med.maxrss_mb
        report.course_one_wall_s, report.course_one_cpu_s = one.wall_s, one.cpu_s
        rerenders(report, chapters, args.dpi, args.runs)
        print(markdown_course(report))
        return 0
    report = run(args.runs, args.dpi, chapters)
    print(markdown(report))
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
