"""Benchmark: where a render's time goes, against the floor of plain matplotlib.

    .venv/bin/python bench/run.py [--runs N] [--dpi 200] [--json FILE]

For each bundled chapter (``chapters/*.yaml``), in a fresh worker process:

- seconds for reading + layout, composing, drawing (building the matplotlib figure), PDF save
  and PNG save; the first (cold) run and the median of the next N (warm) runs;
- the floor: plain matplotlib putting the same page on paper with no layout work (the same text
  strings in the same fonts and sizes, the same lines, fills and boxes as straight polylines,
  the same grid), saved to PDF and PNG the same way; and the ratio ours / floor.

Then, as a user runs it: ``cheatsheet render CH`` (PDF + PNG) as a whole process (median wall
seconds of N, peak resident memory from wait4), the PDF's size, and ``cheatsheet build`` of
every chapter (wall seconds and CPU seconds, against the sum of the single renders).

A course: the bundled chapters copied under 24 names (ch01..ch24) into a temporary folder and
built with ``cheatsheet build`` (seconds per page, peak memory of the largest process); and a warm
re-render as ``cheatsheet watch`` does it (the same render called twice in one process, the second
timed).

Targets are printed beside the numbers, never asserted.  Prints a markdown report.
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
CLI = [sys.executable, "-m", "renderer.cli"]  # this tree's code, run from ROOT
COURSE_SIZE = 24
SCRIPT = Path(sys.executable).parent / "cheatsheet"
STAGES = ("read_layout", "compose", "draw", "pdf", "png")
FLOOR_STAGES = ("draw", "pdf", "png")

TARGET_RATIO = 1.3
TARGET_PROCESS_S = 3.0
TARGET_PDF_KB = 300
TARGET_RSS_MB = 400
TARGET_RERENDER_S = 1.0


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


def _pipeline(path: Path, dpi: int) -> tuple[dict[str, float], object, bytes]:
    from renderer.compose.page import compose_page
    from renderer.export import figure_for, pdf_bytes, png_bytes
    from renderer.layout.engine import layout_chapter
    from renderer.sources import read_input

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
    png_bytes(fig, dpi)
    t.append(time.perf_counter())
    return {s: t[k + 1] - t[k] for k, s in enumerate(STAGES)}, page, pdf


def floor_figure(marks: list, dpi: int):
    """The same page in plain matplotlib: no wobble, no resampling, no seeded randomness."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon, Rectangle

    from renderer import theme
    from renderer.compose import marks as mk
    from renderer.draw import artists
    from renderer.draw.canvas import setup_matplotlib

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
    from renderer.export import pdf_bytes, png_bytes

    t = [time.perf_counter()]
    fig = floor_figure(marks, dpi)
    t.append(time.perf_counter())
    pdf = pdf_bytes(fig)
    t.append(time.perf_counter())
    png_bytes(fig, dpi)
    t.append(time.perf_counter())
    return {s: t[k + 1] - t[k] for k, s in enumerate(FLOOR_STAGES)}, pdf


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def worker(path: Path, runs: int, dpi: int, marks_file: str = "") -> WorkerResult:
    import resource

    t0 = time.perf_counter()
    import matplotlib.figure  # noqa: F401  (what the command imports before it draws)

    import renderer.compose.page  # noqa: F401
    import renderer.export  # noqa: F401
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
    from renderer.compose.marks import TextMark

    texts = [m for m in page.marks if isinstance(m, TextMark)]
    return WorkerResult(path.stem, import_s, cold, _median(ours), _median(floors), len(page.marks),
                        len(texts) + sum(m.bold for m in texts), len(pdf), len(floor_pdf),
                        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def floor_process(marks_file: Path, dpi: int) -> None:
    """The floor as a whole process: import matplotlib, draw the page's marks plainly, save both."""
    import pickle

    from renderer.export import pdf_bytes, png_bytes

    fig = floor_figure(pickle.loads(marks_file.read_bytes()), dpi)
    pdf_bytes(fig)
    png_bytes(fig, dpi)


def warm_rerender(path: Path, dpi: int) -> dict[str, float]:
    """``cheatsheet watch``'s re-render: the first render in this process, then the timed second."""
    from renderer.console import Console
    from renderer.watch import Watcher

    with tempfile.TemporaryDirectory(prefix="cheatsheet-watch-") as tmp:
        w = Watcher(str(path), Path(tmp), Console(0), dpi)
        t0 = time.perf_counter()
        w.render()
        t1 = time.perf_counter()
        w.render()
        t2 = time.perf_counter()
    return {"first_s": t1 - t0, "again_s": t2 - t1}


def course(chapters: list[Path], dpi: int, runs: int, tmp: Path) -> tuple[int, Process]:
    """The bundled chapters copied under COURSE_SIZE names, with their layouts, built as a user builds
    a course; the fastest of ``runs`` builds."""
    import shutil

    root = tmp / "course"
    (root / "chapters").mkdir(parents=True)
    (root / "layouts").mkdir()
    for k in range(COURSE_SIZE):
        src = chapters[k % len(chapters)]
        shutil.copy(src, root / "chapters" / f"ch{k + 1:02d}.yaml")
    for lay in (chapters[0].parent.parent / "layouts").glob("*.txt"):
        shutil.copy(lay, root / "layouts")
    builds = [run_process([*CLI, "-q", "build", "--chapters", str(root / "chapters"), "-o", str(root / "out"),
                           "--dpi", str(dpi)], ROOT) for _ in range(runs)]
    if any(b.code != 0 for b in builds):
        raise SystemExit(f"the course build failed:\n{builds[0].stderr}")
    return COURSE_SIZE, min(builds, key=lambda b: b.wall_s)


# --- the driver ---------------------------------------------------------------------------


@dataclass
class Process:
    wall_s: float
    cpu_s: float
    maxrss_mb: float
    code: int
    stderr: str = ""


def run_process(args: list[str], cwd: Path) -> Process:
    """Run a command; its wall seconds, its CPU seconds (with its reaped children) and peak memory."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    rerender: dict[str, float] = field(default_factory=dict)  # chapter -> warm re-render seconds


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


def run(runs: int, dpi: int, chapters: list[Path]) -> Report:
    report = Report(machine(), dpi, runs)
    with tempfile.TemporaryDirectory(prefix="cheatsheet-bench-") as tmp:
        out = Path(tmp)
        for ch in chapters:
            print(f"  {ch.stem}: stages and floor ...", file=sys.stderr, flush=True)
            marks = out / f"{ch.stem}.marks"
            w = subprocess.run([sys.executable, __file__, "--worker", str(ch), "--runs", str(runs), "--dpi", str(dpi),
                                "--marks", str(marks)], cwd=ROOT, capture_output=True, text=True, check=True)
            result = WorkerResult(**json.loads(w.stdout))
            print(f"  {ch.stem}: whole process ...", file=sys.stderr, flush=True)
            procs, floors = [], []
            for _ in range(runs):
                procs.append(run_process([str(SCRIPT), "render", str(ch), "-o", str(out), "--dpi", str(dpi)], ROOT))
                floors.append(run_process([sys.executable, __file__, "--floor-process", str(marks), "--dpi", str(dpi)],
                                          ROOT))
            bad = [p for p in procs + floors if p.code != 0]
            if bad:
                raise SystemExit(f"a run for {ch} failed:\n{bad[0].stderr}")
            report.chapters.append(ChapterRow(
                result, statistics.median(p.wall_s for p in procs), statistics.median(p.cpu_s for p in procs),
                statistics.median(p.wall_s for p in floors), max(p.maxrss_mb for p in procs),
                (out / f"{ch.stem}.pdf").stat().st_size / 1024, (out / f"{ch.stem}.png").stat().st_size / 1024))
        print("  build ...", file=sys.stderr, flush=True)
        builds = [run_process([str(SCRIPT), "build", "--chapters", str(chapters[0].parent), "-o", str(out / "build"),
                               "--dpi", str(dpi)], ROOT) for _ in range(runs)]
        if any(b.code != 0 for b in builds):
            raise SystemExit(f"cheatsheet build failed:\n{builds[0].stderr}")
        best = min(builds, key=lambda b: b.wall_s)
        report.build_wall_s = statistics.median(b.wall_s for b in builds)
        report.build_cpu_s = best.cpu_s
        report.build_rss_mb = best.maxrss_mb
        report.build_jobs = min(len(chapters), os.cpu_count() or 1)
        report.build_serial_s = sum(c.process_s for c in report.chapters)
        print(f"  course of {COURSE_SIZE} ...", file=sys.stderr, flush=True)
        report.course_pages, best_course = course(chapters, dpi, max(1, runs // 2), out)
        report.course_wall_s, report.course_cpu_s = best_course.wall_s, best_course.cpu_s
        report.course_rss_mb = best_course.maxrss_mb
        for ch in chapters:
            print(f"  {ch.stem}: warm re-render ...", file=sys.stderr, flush=True)
            w = subprocess.run([sys.executable, __file__, "--rerender", str(ch), "--dpi", str(dpi)], cwd=ROOT,
                               capture_output=True, text=True, check=True)
            report.rerender[ch.stem] = json.loads(w.stdout)["again_s"]
    return report


def _ok(good: bool) -> str:
    return "yes" if good else "**no**"


def markdown(r: Report) -> str:
    m = r.machine
    out = [
        f"Measured {m['date']} on {m['nproc']} cores of {m['cpu']} ({m['system']}), Python {m['python']}, "
        f"matplotlib {m['matplotlib']}; load average {m['load']} at the start; PNG at {r.dpi} dpi; "
        f"figures are medians of {r.runs} runs.",
        "",
        "Stages in one process (seconds; cold = the first render in a fresh process, warm = later ones):",
        "",
        "| chapter | import | read + layout | compose | draw | PDF save | PNG save | ours (warm) | ours (cold) "
        "| floor draw | floor PDF | floor PNG | floor | ours / floor | draw+save / floor |",
        "|---|" + "---:|" * 15,
    ]
    for c in r.chapters:
        w, f = c.worker.warm, c.worker.floor
        out.append(
            f"| {c.worker.chapter} | {c.worker.import_s:.2f} | {w['read_layout']:.3f} | {w['compose']:.2f} "
            f"| {w['draw']:.2f} | {w['pdf']:.2f} | {w['png']:.2f} | {c.ours_s:.2f} | {sum(c.worker.cold.values()):.2f} "
            f"| {f['draw']:.2f} | {f['pdf']:.2f} | {f['png']:.2f} | {c.floor_s:.2f} | {c.ratio:.2f} "
            f"| {c.draw_save_ratio:.2f} |")
    out += [
        "",
        "As a user runs it (`cheatsheet render CH`, PDF + PNG, one process per chapter):",
        "",
        "| chapter | marks | text artists | whole process (s) | its CPU (s) | floor process (s) | ours / floor "
        "| peak memory (MB) | PDF (KB) | floor PDF (KB) | PNG (KB) |",
        "|---|" + "---:|" * 10,
    ]
    for c in r.chapters:
        out.append(f"| {c.worker.chapter} | {c.worker.marks} | {c.worker.text_artists} | {c.process_s:.2f} "
                   f"| {c.process_cpu_s:.2f} | {c.floor_process_s:.2f} | {c.process_s / c.floor_process_s:.2f} "
                   f"| {c.process_rss_mb:.0f} | {c.pdf_kb:.0f} | {c.worker.floor_pdf_bytes / 1024:.0f} "
                   f"| {c.png_kb:.0f} |")
    out += [
        "",
        "(`cheatsheet render` saves the PNG in a forked child while it saves the PDF, so its CPU seconds can exceed "
        "its wall seconds; the floor process imports matplotlib, draws the same marks plainly and saves both, "
        "one after the other.)",
    ]
    speedup = r.build_serial_s / r.build_wall_s if r.build_wall_s else 0.0
    out += [
        "",
        f"`cheatsheet build` of {len(r.chapters)} chapters on {r.build_jobs} workers: {r.build_wall_s:.2f} s wall, "
        f"{r.build_cpu_s:.2f} s CPU (so {r.build_cpu_s / r.build_wall_s:.2f} cores busy on average), against "
        f"{r.build_serial_s:.2f} s for the single renders one after another: {speedup:.2f}x.",
        "",
        "| target | wanted | measured | met |",
        "|---|---|---|---|",
    ]
    worst_ratio = max(c.ratio for c in r.chapters)
    worst_proc = max(c.process_s for c in r.chapters)
    worst_pdf = max(c.pdf_kb for c in r.chapters)
    worst_rss = max(c.process_rss_mb for c in r.chapters)
    worst_proc_ratio = max(c.process_s / c.floor_process_s for c in r.chapters)
    out += [
        f"| ours / floor, in one process (warm) | <= {TARGET_RATIO} | {worst_ratio:.2f} (worst chapter) "
        f"| {_ok(worst_ratio <= TARGET_RATIO)} |",
        f"| ours / floor, whole process | <= {TARGET_RATIO} | {worst_proc_ratio:.2f} (worst chapter) "
        f"| {_ok(worst_proc_ratio <= TARGET_RATIO)} |",
        f"| one chapter, PDF + PNG, whole process | <= {TARGET_PROCESS_S:g} s | {worst_proc:.2f} s | "
        f"{_ok(worst_proc <= TARGET_PROCESS_S)} |",
        f"| PDF size | <= {TARGET_PDF_KB} KB | {worst_pdf:.0f} KB | {_ok(worst_pdf <= TARGET_PDF_KB)} |",
        f"| peak memory | <= {TARGET_RSS_MB} MB | {worst_rss:.0f} MB | {_ok(worst_rss <= TARGET_RSS_MB)} |",
        f"| build uses both cores | ~{r.build_jobs}x | {speedup:.2f}x faster than one by one | "
        f"{_ok(speedup >= 0.8 * min(r.build_jobs, len(r.chapters)))} |",
    ]
    if r.course_pages:
        out += [
            "",
            f"A course of {r.course_pages} chapters (the bundled ones under new names), `cheatsheet build`: "
            f"{r.course_wall_s:.2f} s wall, {r.course_wall_s / r.course_pages:.2f} s per page, "
            f"{r.course_cpu_s:.2f} s CPU, peak memory {r.course_rss_mb:.0f} MB (the largest process).",
            "",
            "Warm re-render as `cheatsheet watch` does it (PDF + PNG written; the second render in one process): "
            + ", ".join(f"{k} {v:.2f} s" for k, v in r.rerender.items())
            + f" (wanted: well under {TARGET_RERENDER_S:g} s).",
        ]
    return "\n".join(out)


def markdown_course(r: Report) -> str:
    return "\n".join([
        f"Measured {r.machine['date']} on {r.machine['nproc']} cores of {r.machine['cpu']}; load average "
        f"{r.machine['load']} at the start; PNG at {r.dpi} dpi.",
        "",
        f"A course of {r.course_pages} chapters, `cheatsheet build`: {r.course_wall_s:.2f} s wall, "
        f"{r.course_wall_s / r.course_pages:.2f} s per page, {r.course_cpu_s:.2f} s CPU, peak memory "
        f"{r.course_rss_mb:.0f} MB (the largest process).",
        "",
        "Warm re-render as `cheatsheet watch` does it: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in r.rerender.items()) + f" (wanted: well under {TARGET_RERENDER_S:g} s).",
    ])


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
    p.add_argument("--course-only", action="store_true",
                   help="measure only the course build and the warm re-render")
    args = p.parse_args(argv)
    if args.rerender:
        print(json.dumps(warm_rerender(Path(args.rerender), args.dpi)))
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
    if args.course_only:
        report = Report(machine(), args.dpi, args.runs)
        with tempfile.TemporaryDirectory(prefix="cheatsheet-bench-") as tmp:
            report.course_pages, best = course(chapters, args.dpi, args.runs, Path(tmp))
        report.course_wall_s, report.course_cpu_s, report.course_rss_mb = best.wall_s, best.cpu_s, best.maxrss_mb
        for ch in chapters:
            w = subprocess.run([sys.executable, __file__, "--rerender", str(ch), "--dpi", str(args.dpi)], cwd=ROOT,
                               capture_output=True, text=True, check=True)
            report.rerender[ch.stem] = json.loads(w.stdout)["again_s"]
        print(markdown_course(report))
        return 0
    report = run(args.runs, args.dpi, chapters)
    print(markdown(report))
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
