"""The ``cheatsheet`` command: render, layout, import, build, check."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import theme
from .errors import InputError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cheatsheet", description="Hand-drawn A4 cheat sheets from cheat-sheet prompts.")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("render", help="render prompts or chapter YAMLs to PDF and PNG")
    r.add_argument("inputs", nargs="+", metavar="PROMPT_OR_YAML")
    r.add_argument("-o", "--out", default="out", help="output folder (default: out/)")
    r.add_argument("--dpi", type=int, default=theme.DEFAULT_DPI, help="PNG resolution (default: 200)")
    only = r.add_mutually_exclusive_group()
    only.add_argument("--pdf-only", action="store_true")
    only.add_argument("--png-only", action="store_true")
    r.add_argument("--strict", action="store_true", help="fail instead of growing a band that cannot fit")

    lay = sub.add_parser("layout", help="print the region tree of a prompt or chapter")
    lay.add_argument("input", metavar="PROMPT_OR_YAML")
    lay.add_argument("--json", action="store_true", help="print it as JSON")
    lay.add_argument("--png", metavar="FILE", help="draw the empty boxes with their titles to FILE")
    lay.add_argument("--fitted", action="store_true", help="show the rects after auto-fit has grown any band")

    im = sub.add_parser("import", help="turn a prompt into layouts/NAME.txt + chapters/NAME.yaml")
    im.add_argument("prompt")
    im.add_argument("-o", "--name", required=True, metavar="NAME")
    im.add_argument("--root", default=".", help="folder holding layouts/ and chapters/ (default: .)")

    b = sub.add_parser("build", help="render every chapters/*.yaml")
    b.add_argument("-o", "--out", default="out")
    b.add_argument("--chapters", default="chapters")
    b.add_argument("--dpi", type=int, default=theme.DEFAULT_DPI)
    b.add_argument("-j", "--jobs", type=int, default=0, help="parallel renders (default: all cores)")

    c = sub.add_parser("check", help="compose without writing and report problems")
    c.add_argument("input", metavar="PROMPT_OR_YAML")
    c.add_argument("--json", action="store_true", help="print the report as JSON")
    c.add_argument("--strict", action="store_true",
                   help="fail on warnings too (unmatched sections, layout notices, low ink contrast)")
    return p


def run() -> None:
    """The console script: main(), then an immediate exit.  Python's own shutdown puts the
    default signal handlers back, so a stop signal landing then would kill a finished run
    with a bare -15; leaving at once (all files are already written and synced) avoids that."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    from .export import install_signal_handlers, restore_signal_handlers

    old = install_signal_handlers()
    try:
        return _main(argv)
    finally:
        restore_signal_handlers(old)


def _main(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    try:
        if args.command == "render":
            return cmd_render(args)
        if args.command == "layout":
            return cmd_layout(args)
        if args.command == "import":
            return cmd_import(args)
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            from .check import cmd_check

            return cmd_check(args)
    except InputError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    except BrokenPipeError:  # the reader went away (``cheatsheet layout | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file that cannot be read or written: the machine's problem, not ours
        where = f": {exc.filename}" if exc.filename else ""
        print(f"cheatsheet: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # an internal fault: one line, never a traceback
        if os.environ.get("CHEATSHEET_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc} (set CHEATSHEET_DEBUG=1 for details)", file=sys.stderr)
        return 3
    return 0


def _interrupted(exc: KeyboardInterrupt) -> int:
    """Exit status 128 + signal number, as a shell reports a process stopped by that signal."""
    import signal

    signum = getattr(exc, "signum", signal.SIGINT)
    print(f"cheatsheet: interrupted by {signal.Signals(signum).name}: files written before it are complete, "
          "the ones being written are left as they were (no temporary file remains)", file=sys.stderr)
    return 128 + signum


def _print_notices(notices: list) -> None:
    for n in notices:
        print(str(n), file=sys.stderr)


def cmd_render(args: argparse.Namespace) -> int:
    from .render import render, write_outputs

    if args.dpi <= 0:
        print("cheatsheet render: error: --dpi must be a positive number", file=sys.stderr)
        return 2
    out = Path(args.out)
    failed = 0
    parallel = (os.cpu_count() or 1) > 1  # the PNG is saved on a second core while the PDF is saved
    for inp in args.inputs:  # each input on its own: one bad input does not stop the others
        try:
            result = render(inp, dpi=args.dpi, pdf=not args.png_only, png=not args.pdf_only, strict=args.strict,
                            parallel=parallel)
        except InputError as exc:
            print(exc.render(), file=sys.stderr)
            failed += 1
            continue
        _print_notices(result.notices)
        for p in write_outputs(result, out, Path(inp).stem):
            print(p, flush=True)
    return 1 if failed else 0


def _region_json(r) -> dict:
    return {"id": r.id, "kind": r.kind, "title": r.label, "rect": [round(v, 2) for v in r.rect],
            "children": [_region_json(c) for c in r.children]}


def cmd_layout(args: argparse.Namespace) -> int:
    from .layout.engine import layout_chapter
    from .sources import read_input

    chapter = read_input(args.input)
    layout = layout_chapter(chapter)
    if args.fitted:
        from .compose.page import compose_page

        compose_page(chapter, layout, overflow_ok=True)
    _print_notices(layout.notices)
    where: dict[str, list[str]] = {}
    for p in layout.placements:
        where.setdefault(p.region_id, []).append(f"{p.section.icon} {p.section.title}".strip() + f" ({p.how})")
    if args.json:
        doc = {"page": {"width": theme.PAGE_W, "height": theme.PAGE_H},
               "regions": [_region_json(b) for b in layout.bands],
               "sections": [{"section": f"{p.section.icon} {p.section.title}".strip(), "region": p.region_id,
                             "match": p.how, "line": p.section.line} for p in layout.placements]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for band in layout.bands:
            for r in band.walk():
                depth = r.id.count(".")
                x, y, w, h = r.rect
                print(f"{'  ' * depth}{r.id:<16} {r.kind:<6} {r.label!r:<50} "
                      f"x={x:6.1f} y={y:6.1f} w={w:6.1f} h={h:6.1f} mm")
                for s in where.get(r.id, []):
                    print(f"{'  ' * depth}    <- {s}")
    if args.png:
        from .compose.preview import preview_marks
        from .export import figure_for, png_bytes, write_atomic

        fig = figure_for(preview_marks(layout), 100)
        write_atomic(Path(args.png), png_bytes(fig, 100))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import import_prompt

    done = import_prompt(Path(args.prompt), args.name, Path(args.root))
    print(done.layout_path)
    print(done.chapter_path)
    return 0


def _build_one(job: tuple[str, str, int]) -> tuple[str, list[str], str | None]:
    from .render import render, write_outputs

    path, out, dpi = job
    try:
        result = render(path, dpi=dpi)
        written = write_outputs(result, Path(out), Path(path).stem)
        return path, [str(n) for n in result.notices] + [str(p) for p in written], None
    except InputError as exc:
        return path, [], exc.render()


def cmd_build(args: argparse.Namespace) -> int:
    chapters = sorted(Path(args.chapters).glob("*.yaml"))
    if not chapters:
        print(f"{args.chapters}: no chapter YAMLs to build", file=sys.stderr)
        return 1
    jobs = [(str(c), args.out, args.dpi) for c in chapters]
    if args.dpi <= 0 or args.jobs < 0:
        print("cheatsheet build: error: --dpi must be positive and --jobs not negative", file=sys.stderr)
        return 2
    n = args.jobs or min(len(jobs), os.cpu_count() or 1)
    if n > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=n)
        try:
            results = list(pool.map(_build_one, jobs))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # renders under way finish their (atomic) writes
            raise
        pool.shutdown()
    else:
        results = [_build_one(j) for j in jobs]
    failed = 0
    for _, lines, err in results:
        for ln in lines:
            print(ln, file=sys.stderr if "warning" in ln else sys.stdout)
        if err:
            failed += 1
            print(err, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    run()
