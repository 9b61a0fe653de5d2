"""The ``cheatsheet`` command: render, layout, import, build, watch, check."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from . import theme
from .console import COLOR_MODES, Console, display_pad, set_colour, utf8_streams
from .drawing_process import Drawer
from .errors import ERROR, InputError, Notice, diagnostic, os_error, with_note
from .hints import hint_for
from .limits import MAX_DPI
from .sources import STDIN


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cheatsheet-renderer")
    except PackageNotFoundError:
        from . import __version__

        return __version__


class _VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked (importlib.metadata costs a
    hundredth of a second on every start otherwise)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show the program's version number and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        sys.stdout.write(f"{parser.prog} {_version()}\n")  # on standard output, as argparse's own
        parser.exit()


SOURCE_HELP = ("a chapter source file of the course (a translation with 'timestamp:' in its front matter, or a "
               "transcript with [H:MM:SS] marks): the chapter's moment in the video, for the footer and the QR code, "
               "where the prompt gives none")


def _dpi(text: str) -> int:
    """A --dpi value: a whole number up to MAX_DPI (a PNG past it would take gigabytes to draw)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value > MAX_DPI:
        raise argparse.ArgumentTypeError(f"{value} is more than {MAX_DPI}, the highest resolution a sheet is "
                                         f"drawn at ({MAX_DPI} dpi is already {round(MAX_DPI * 297 / 25.4):,} px "
                                         "wide)")
    return value


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {ln}" for ln in lines)


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    common = argparse.ArgumentParser(add_help=False)
    talk = common.add_mutually_exclusive_group()
    # SUPPRESS: no default, so a -q given before the command is not reset by the command's own parser
    talk.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                      help="print errors only (no warnings, no file names)")
    talk.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                      help="also print how each sheet was fitted (body size, regions, moved bands)")
    common.add_argument("--color", choices=COLOR_MODES, default=argparse.SUPPRESS,
                        help="colour the messages: auto (default: on a terminal, unless NO_COLOR is set), "
                             "always or never")
    p = argparse.ArgumentParser(
        prog="cheatsheet", parents=[common], formatter_class=fmt,
        description="Hand-drawn A4 cheat sheets from cheat-sheet prompts: a prompt's box-drawing layout, ratios "
                    "and markdown content become a print-ready PDF (and PNG, SVG) that looks like a pen note.",
        epilog=_examples("cheatsheet render prompt.md            # out/prompt.pdf and out/prompt.png",
                         "cheatsheet build prompts/ -o out         # every prompt of a folder",
                         "cheatsheet check prompt.md              # report problems, write nothing",
                         "cheatsheet COMMAND --help               # the options of one command"))
    p.add_argument("--version", action=_VersionAction)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser(
        "render", parents=[common], formatter_class=fmt, help="render prompts or chapter YAMLs to PDF and PNG",
        description="Render each prompt or chapter YAML to a sheet. Nothing is written unless every output of "
                    "that input could be made; earlier files are replaced only by complete new ones.",
        epilog=_examples("cheatsheet render chapters/ch10.yaml              # out/ch10.pdf + out/ch10.png",
                         "cheatsheet render prompt.md -o sheets/            # sheets/prompt.pdf + .png",
                         "cheatsheet render prompt.md -o ch10.pdf           # just that PDF",
                         "cheatsheet render prompt.md -o web/ch10.svg       # just an SVG",
                         "cheatsheet render prompt.md --format svg,pdf      # out/prompt.svg + .pdf",
                         "cheatsheet render prompt.md -o - > ch10.pdf       # the PDF on standard output",
                         "cat prompt.md | cheatsheet render - -o ch10.png   # a prompt from standard input"))
    r.add_argument("inputs", nargs="+", metavar="PROMPT_OR_YAML",
                   help="prompt files (markdown, any extension), chapter YAMLs (.yaml), or - for standard input")
    r.add_argument("-o", "--out", default="out", metavar="DIR|FILE|-",
                   help="a folder (default: out/) for DIR/NAME.pdf and .png, one file NAME.pdf, .png or .svg "
                        "(format from its extension; one input only), or - for one format on standard output "
                        "(--format, default pdf)")
    r.add_argument("--format", metavar="pdf|png|svg",
                   help="what to write, one format or several joined by commas (default: pdf,png)")
    r.add_argument("--dpi", type=_dpi, default=theme.DEFAULT_DPI,
                   help=f"PNG resolution (default: {theme.DEFAULT_DPI}, i.e. 2339 x 1654 px)")
    only = r.add_mutually_exclusive_group()
    only.add_argument("--pdf-only", action="store_true", help="write the PDF only")
    only.add_argument("--png-only", action="store_true", help="write the PNG only")
    r.add_argument("--svg", action="store_true", help="also write DIR/NAME.svg (writing turned into paths)")
    r.add_argument("--exact", action="store_true",
                   help="keep the bands and columns at the prompt's ratios (within 1 mm) instead of letting them "
                        "give and take up to a quarter so that the page can write larger")
    r.add_argument("--strict", action="store_true",
                   help="fail instead of growing a band that cannot fit or drawing a placeholder glyph")
    r.add_argument("--one-page", action="store_true",
                   help="fail instead of going on over a second page when the page cannot hold the content")
    r.add_argument("--source", metavar="FILE", help=SOURCE_HELP)
    r.add_argument("--no-qr", dest="qr", action="store_false",
                   help="leave out the QR code of the video in the title banner (the footer then gives the address)")

    lay = sub.add_parser(
        "layout", parents=[common], formatter_class=fmt, help="print the region tree of a prompt or chapter",
        description="Print the regions read from the diagram (id, kind, title, rect in mm from the page's "
                    "top-left) and which section went where.",
        epilog=_examples("cheatsheet layout prompt.md", "cheatsheet layout prompt.md --fitted --json",
                         "cheatsheet layout chapters/ch10.yaml --png boxes.png",
                         "cheatsheet layout chapters/ch10.yaml --overlay ch10-regions.png"))
    lay.add_argument("input", metavar="PROMPT_OR_YAML", help="a prompt, a chapter YAML, or - for standard input")
    lay.add_argument("--json", action="store_true", help="print it as JSON")
    lay.add_argument("--png", metavar="FILE", help="draw the empty boxes with their titles to FILE")
    lay.add_argument("--fitted", action="store_true",
                     help="show the rects after fitting, the page's body size and how far each band and column moved")
    lay.add_argument("--overlay", metavar="FILE.png",
                     help="draw the rendered sheet with the fitted region tree on top to FILE.png: each region's "
                          "outline, id, title, size in mm and share of the page, its sections and how far "
                          "fitting moved it")
    lay.add_argument("--dpi", type=_dpi, default=theme.DEFAULT_DPI,
                     help=f"with --overlay: its resolution (default: {theme.DEFAULT_DPI})")
    lay.add_argument("--exact", action="store_true",
                     help="with --fitted or --overlay: fit with the bands at the prompt's ratios")
    lay.add_argument("--source", metavar="FILE", help=SOURCE_HELP)

    im = sub.add_parser(
        "import", parents=[common], formatter_class=fmt, help="turn a prompt into layouts/NAME.txt + chapters/NAME.yaml",
        description="Write an editable pair that renders exactly like the prompt: layouts/NAME.txt (diagram and "
                    "ratios) and chapters/NAME.yaml (metadata and each region's markdown). Existing files are "
                    "never overwritten without --force.",
        epilog=_examples("cheatsheet import prompt.md -o ch11", "cheatsheet import prompt.md -o ch11 --force",
                         "cat prompt.md | cheatsheet import - -o ch11"))
    im.add_argument("prompt", help="the prompt file, or - for standard input")
    im.add_argument("-o", "--name", required=True, metavar="NAME",
                    help="the name of the pair (e.g. ch11): letters, digits, '-', '_' and '.', no folder")
    im.add_argument("--root", default=".", help="folder holding layouts/ and chapters/ (default: .)")
    im.add_argument("--force", action="store_true", help="overwrite an existing layouts/NAME.txt or chapters/NAME.yaml")
    im.add_argument("--source", metavar="FILE",
                    help="a chapter source file of the course: its timestamp and video address are kept in the "
                         "chapter YAML (timestamp, source_url)")

    b = sub.add_parser(
        "build", parents=[common], formatter_class=fmt, help="render every prompt or chapter YAML of a folder",
        description="Render every prompt (.md, .markdown) and chapter YAML (.yaml, .yml) of a folder, in "
                    "parallel on the cores: a progress bar on a terminal (one line per chapter otherwise), each "
                    "warning with its chapter, and a summary table.  A chapter whose input, layout file, source "
                    "file and renderer are those of its last build is not rendered again (--force renders it). "
                    "A failing chapter is reported and the others still written; exit 1 if any failed.",
        epilog=_examples("cheatsheet build", "cheatsheet build prompts/ -o course/ -j 2 --dpi 300",
                         "cheatsheet build prompts/ --sources transcripts/ --booklet course/course.pdf"))
    b.add_argument("folder", nargs="?", metavar="DIR",
                   help="folder of prompts and chapter YAMLs (default: chapters/)")
    b.add_argument("-o", "--out", default="out", metavar="DIR", help="output folder (default: out/)")
    b.add_argument("--chapters", metavar="DIR", help="the same as DIR (kept for older scripts)")
    b.add_argument("--sources", metavar="DIR",
                   help="folder of the chapters' source files (translations or transcripts): each chapter takes "
                        "the one of its name or, failing that, of its chapter number, for its moment in the video")
    b.add_argument("--force", action="store_true", help="render every chapter, even one that has not changed")
    b.add_argument("--title", help="the booklet's document title (default: the booklet's file name)")
    b.add_argument("--dpi", type=_dpi, default=theme.DEFAULT_DPI, help=f"PNG resolution (default: {theme.DEFAULT_DPI})")
    b.add_argument("-j", "--jobs", type=int, default=0, help="parallel renders (default: all cores)")
    b.add_argument("--booklet", metavar="FILE.pdf",
                   help="also write one PDF of all chapters in chapter order, one page each, with a bookmark "
                        "per chapter title (not written if a chapter fails)")
    b.add_argument("--no-qr", dest="qr", action="store_false", help="leave out the QR codes of the video")

    w = sub.add_parser(
        "watch", parents=[common], formatter_class=fmt, help="render a prompt or chapter again on every save",
        description="Watch the file (and, for a chapter YAML, its layout file; with --source, that file), "
                    "render it, then render again whenever one of them is saved (a save made during a render "
                    "included), in one warm process. A save that cannot be rendered prints its error and leaves "
                    "the earlier files as they were. Ctrl-C stops.",
        epilog=_examples("cheatsheet watch prompt.md", "cheatsheet watch chapters/ch10.yaml -o out/",
                         "cheatsheet watch prompt.md --format svg --no-qr --strict"))
    w.add_argument("input", metavar="PROMPT_OR_YAML", help="a prompt or a chapter YAML")
    w.add_argument("-o", "--out", default="out", metavar="DIR", help="output folder (default: out/)")
    w.add_argument("--format", metavar="pdf|png|svg",
                   help="what to write on every save, one format or several joined by commas (default: pdf,png)")
    w.add_argument("--dpi", type=_dpi, default=theme.DEFAULT_DPI, help=f"PNG resolution (default: {theme.DEFAULT_DPI})")
    w.add_argument("--exact", action="store_true", help="keep the bands and columns at the prompt's ratios")
    w_only = w.add_mutually_exclusive_group()
    w_only.add_argument("--pdf-only", action="store_true", help="write the PDF only")
    w_only.add_argument("--png-only", action="store_true", help="write the PNG only")
    w.add_argument("--svg", action="store_true", help="also write DIR/NAME.svg")
    w.add_argument("--strict", action="store_true",
                   help="fail instead of growing a band that cannot fit or drawing a placeholder glyph")
    w.add_argument("--one-page", action="store_true",
                   help="fail instead of going on over a second page when the page cannot hold the content")
    w.add_argument("--source", metavar="FILE", help=SOURCE_HELP)
    w.add_argument("--no-qr", dest="qr", action="store_false", help="leave out the QR code of the video")

    ex = sub.add_parser(
        "examples", parents=[common], formatter_class=fmt, help="copy the bundled example chapters into a folder",
        description="Copy the bundled chapters (DIR/chapters/*.yaml), their layout files (DIR/layouts/*.txt) and "
                    "the guide's example prompts (DIR/prompts/*.md) into DIR, to render or to start from. Files "
                    "there already are never overwritten without --force.",
        epilog=_examples("cheatsheet examples my-course", "cd my-course && cheatsheet build -o out",
                         "cheatsheet render my-course/prompts/minimal.md"))
    ex.add_argument("folder", metavar="DIR", help="where to copy them (made if missing)")
    ex.add_argument("--force", action="store_true", help="overwrite example files that are there already")

    c = sub.add_parser(
        "check", parents=[common], formatter_class=fmt, help="compose without writing and report problems",
        description="Compose the sheet without writing it and report, each with its place: overfull boxes, "
                    "characters no font has, text below 7 pt, empty regions (errors); unmatched sections, moved "
                    "bands, pale inks (warnings). Exit 1 when not clean.",
        epilog=_examples("cheatsheet check prompt.md", "cheatsheet check chapters/ch10.yaml --json --strict"))
    c.add_argument("input", metavar="PROMPT_OR_YAML", help="a prompt, a chapter YAML, or - for standard input")
    c.add_argument("--json", action="store_true", help="print the report as JSON")
    c.add_argument("--strict", action="store_true",
                   help="fail on warnings too (unmatched sections, layout notices, low ink contrast)")
    c.add_argument("--exact", action="store_true", help="fit with the bands and columns at the prompt's ratios")
    c.add_argument("--source", metavar="FILE", help=SOURCE_HELP)
    return p


def run() -> None:
    """The console script: main(), then an immediate exit.  Python's own shutdown puts the
    default signal handlers back, so a stop signal landing then would kill a finished run
    with a bare -15; leaving at once (all files are already written and synced) avoids that."""
    from .export import STOP_SIGNALS, exit_quietly

    # until main() takes them over, and again once it gives them back: a stop signal ends the
    # process at once with 128 + its number (130 for Ctrl-C), never with a traceback
    for s in STOP_SIGNALS:
        signal.signal(s, exit_quietly)
    utf8_streams()
    try:
        code = main()
    except KeyboardInterrupt as exc:  # a second signal while the first one was being reported
        code = 128 + getattr(exc, "signum", signal.SIGINT)
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
        code = _main(argv)
    except KeyboardInterrupt as exc:  # a signal between the command's end and here
        code = _interrupted(exc)
    while True:  # a signal landing while the handlers are put back ends the run as stopped
        try:
            restore_signal_handlers(old)
            return code
        except KeyboardInterrupt as exc:
            code = _interrupted(exc)


def _main(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    set_colour(getattr(args, "color", "auto"))
    con = Console(0 if getattr(args, "quiet", False) else 2 if getattr(args, "verbose", False) else 1)
    try:
        if args.command == "render":
            return cmd_render(args, con)
        if args.command == "layout":
            return cmd_layout(args, con)
        if args.command == "import":
            return cmd_import(args, con)
        if args.command == "build":
            return cmd_build(args, con)
        if args.command == "watch":
            from .watch import cmd_watch

            if args.dpi <= 0 or args.input == STDIN:
                return _usage_error("watch", "give a file to watch (not -) and a positive --dpi")
            formats, why = _formats(args)
            if formats is None:
                return _usage_error("watch", why)
            return cmd_watch(args.input, args.out, args.dpi, args.exact, con, svg=formats["svg"], qr=args.qr,
                             source_file=args.source, strict=args.strict, pdf=formats["pdf"], png=formats["png"],
                             one_page=args.one_page)
        if args.command == "examples":
            from .examples import copy_examples

            written, why = copy_examples(Path(args.folder), force=args.force)
            if why:
                con.error(why)
                return 1
            con.out(f"{len(written)} files copied into {args.folder}: chapters/, layouts/ and prompts/ "
                    f"(cheatsheet build {Path(args.folder) / 'chapters'} -o out)")
            return 0
        if args.command == "check":
            from .check import cmd_check

            return cmd_check(args)
    except InputError as exc:
        con.error(exc.render())
        return 1
    except KeyboardInterrupt as exc:
        return _interrupted(exc)
    except BrokenPipeError:  # the reader went away (``cheatsheet layout | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file that cannot be read or written: the machine's problem, not ours
        con.error(os_error(exc))
        return 1
    except Exception as exc:  # an internal fault: one line, never a traceback
        stop = _stop_inside(exc)
        if stop is not None:  # a stop signal raised inside an import (Python wraps it): the run was stopped
            return _interrupted(stop)
        if os.environ.get("CHEATSHEET_DEBUG"):
            raise
        con.error(diagnostic(ERROR, f"internal error: {type(exc).__name__}: {exc}",
                             hint="set CHEATSHEET_DEBUG=1 for details"))
        return 3
    return 0


def _stop_inside(exc: BaseException) -> KeyboardInterrupt | None:
    """The stop signal an exception wraps (``RuntimeError: Error calling __set_name__`` when it landed
    while a class of an imported module was being made), or None."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _interrupted(exc: KeyboardInterrupt) -> int:
    """Exit status 128 + signal number, as a shell reports a process stopped by that signal."""
    import signal

    signum = getattr(exc, "signum", signal.SIGINT)
    print(f"cheatsheet: interrupted by {signal.Signals(signum).name}: files written before it are complete, "
          "the ones being written are left as they were (no temporary file remains)", file=sys.stderr)
    return 128 + signum


def _usage_error(command: str, message: str) -> int:
    print(f"cheatsheet {command}: error: {message}", file=sys.stderr)  # argparse's own form
    return 2


def print_notices(con: Console, notices: list[Notice], source: str = "") -> None:
    """Each warning; one about another file (a layout the chapter uses) also names the chapter."""
    for n in notices:
        text = str(n)
        if source and n.file != source:
            text = with_note(text, f"chapter {Path(source).stem}")
        con.warning(text)


def output_stems(inputs: list[str]) -> tuple[list[str], list[str]]:
    """The output name of each input, and a warning for each input renamed so that two inputs with
    the same stem (a/ch10.md, b/ch10.md) never overwrite each other: the second is written as
    b-ch10, or ch10-2 where that is taken too."""
    stems: list[str] = []
    warnings: list[str] = []
    taken: set[str] = set()
    for inp in inputs:
        p = Path(inp)
        stem = "stdin" if inp == STDIN else p.stem
        if stem.lower() in taken:
            parent = p.resolve().parent.name if inp != STDIN else ""
            candidates = ([f"{parent}-{stem}"] if parent else []) + [f"{stem}-{k}" for k in range(2, len(inputs) + 2)]
            new = next(c for c in candidates if c.lower() not in taken)
            message = f"another input is also named {stem!r}: writing this one as {new!r}"
            warnings.append(diagnostic("warning", message, inp, hint=hint_for(message)))
            stem = new
        taken.add(stem.lower())
        stems.append(stem)
    return stems, warnings


def _fitted_summary(result) -> str:
    sizes = sorted({round(f.size, 2) for f in result.page.fits.values()})
    body = f"{sizes[0]:g} pt" if len(sizes) == 1 else f"{sizes[0]:g}-{sizes[-1]:g} pt" if sizes else "-"
    return f"{result.chapter.source}: {len(result.page.fits)} regions, body {body}"


FORMATS = ("pdf", "png", "svg")
FORMAT_NAMES = "pdf, png and svg (NAME.pdf, NAME.png, NAME.svg)"


def _formats(args: argparse.Namespace) -> tuple[dict[str, bool] | None, str]:
    """What to write: from --format if given, else from --pdf-only / --png-only / --svg; or (None, why)."""
    if args.format is None:
        return {"pdf": not args.png_only, "png": not args.pdf_only, "svg": args.svg}, ""
    if args.pdf_only or args.png_only or args.svg:
        return None, "--format already says what to write: leave out --pdf-only, --png-only and --svg"
    asked = [f.strip().lower().lstrip(".") for f in args.format.split(",") if f.strip()]
    unknown = [f for f in asked if f not in FORMATS]
    if unknown or not asked:
        return None, f"--format {args.format}: unknown format {unknown[0] if unknown else ''!r}: the formats are pdf, png and svg"
    return {f: f in asked for f in FORMATS}, ""


def cmd_render(args: argparse.Namespace, con: Console) -> int:
    from .export import OUTPUT_SUFFIXES

    if args.dpi <= 0:
        return _usage_error("render", "--dpi must be a positive number")
    if args.inputs.count(STDIN) > 1:
        return _usage_error("render", "standard input (-) can be read only once")
    formats, why = _formats(args)
    if formats is None:
        return _usage_error("render", why)
    to_stdout = args.out == "-"
    target = Path(args.out)
    suffix = target.suffix.lower()
    one_file = (not to_stdout and bool(suffix) and not args.out.endswith(("/", os.sep)) and not target.is_dir())
    if one_file and suffix not in OUTPUT_SUFFIXES:
        return _usage_error("render", f"-o {args.out}: unknown output format {suffix!r}: the formats are "
                                      f"{FORMAT_NAMES}; to mean a folder, end it with /")
    if (one_file or to_stdout) and len(args.inputs) > 1:
        return _usage_error("render", f"-o {args.out} names one file, but {len(args.inputs)} inputs were "
                                      "given: give a folder (-o DIR/) to render several")
    if one_file:
        kind = suffix.lstrip(".")
        if args.pdf_only or args.png_only or args.svg or (args.format and [f for f in FORMATS if formats[f]] != [kind]):
            return _usage_error("render", f"-o {args.out} already says which file to write: leave out "
                                          "--format, --pdf-only, --png-only and --svg (or make them agree)")
        formats = {f: f == kind for f in FORMATS}
    if to_stdout:
        if args.format is None and not (args.png_only or args.pdf_only or args.svg):
            formats = {"pdf": True, "png": False, "svg": False}
        elif args.svg:
            formats = {"pdf": False, "png": False, "svg": True}
        chosen = [f for f in FORMATS if formats[f]]
        if len(chosen) != 1:
            return _usage_error("render", "-o - writes one format to standard output: give --format pdf, png or svg")
    stems, renames = output_stems(args.inputs)
    for w in renames:
        con.warning(w)
    # one chapter: drawn by a process that gets ready while this one imports and composes
    drawer = Drawer.start() if len(args.inputs) == 1 else None
    try:
        return _render_each(args, con, formats, stems, target, one_file, to_stdout, drawer)
    finally:
        if drawer is not None:
            drawer.close()


def _render_each(args: argparse.Namespace, con: Console, formats: dict[str, bool], stems: list[str],
                 target: Path, one_file: bool, to_stdout: bool, drawer: Drawer | None) -> int:
    from .render import render, write_output_files, write_outputs

    failed = 0
    for inp, stem in zip(args.inputs, stems):  # each input on its own: one bad input does not stop the others
        try:
            result = render(inp, dpi=args.dpi, strict=args.strict, exact=args.exact, qr=args.qr,
                            source=args.source, one_page=args.one_page, drawer=drawer, **formats)
        except InputError as exc:
            con.error(exc.render())
            failed += 1
            continue
        print_notices(con, result.notices, result.chapter.source)
        con.detail(_fitted_summary(result))
        if to_stdout:
            _write_stdout(result, con)
            continue
        written = write_output_files(result, [target]) if one_file else write_outputs(result, target, stem)
        for p in written:
            con.out(str(p))
    return 1 if failed else 0


def _write_stdout(result, con: Console) -> None:
    """The one format asked for, as bytes on standard output (a PNG or SVG: its first page)."""
    data = result.pdf or result.png or result.svg or b""
    if (result.png and result.more_png) or (result.svg and result.more_svg):
        con.warning(str(Notice(result.chapter.source, 0, 0, f"the sheet has {1 + len(result.more_png or result.more_svg)} "
                                                            "pages: standard output takes the first")))
    out = sys.stdout.buffer
    out.write(data)
    out.flush()


def _region_json(r) -> dict:
    return {"id": r.id, "kind": r.kind, "title": r.label, "rect": [round(v, 2) for v in r.rect],
            "children": [_region_json(c) for c in r.children]}


def cmd_layout(args: argparse.Namespace, con: Console) -> int:
    from .render import lay_out
    from .sources import read_input

    if args.overlay and (Path(args.overlay).suffix.lower() != ".png" or args.dpi <= 0):
        return _usage_error("layout", f"--overlay {args.overlay}: name a .png file (and give a positive --dpi)")
    chapter = read_input(args.input, args.source)
    layout = lay_out(chapter)
    page = None
    if args.fitted or args.overlay:
        from .compose.page import compose_page

        page = compose_page(chapter, layout, overflow_ok=True, exact=args.exact)
        layout = page.layout  # placed where fitting put every region
    print_notices(con, page.notices if page is not None else layout.notices, chapter.source)
    where: dict[str, list[str]] = {}
    for p in layout.placements:
        name = f"{p.section.icon} {p.section.title}".strip() or p.section.body.strip().split("\n")[0][:40]
        where.setdefault(p.region_id, []).append(f"{name} (line {p.section.line}; {p.how}: {p.reason})")
    if args.json:
        doc = {"page": {"width": theme.PAGE_W, "height": theme.PAGE_H},
               "regions": [_region_json(b) for b in layout.bands],
               "sections": [{"section": f"{p.section.icon} {p.section.title}".strip(), "region": p.region_id,
                             "match": p.how, "reason": p.reason, "line": p.section.line}
                            for p in layout.placements]}
        if page is not None and args.fitted:
            doc["fitted"] = {"body_pt": page.body_pt,
                             "region_body_pt": {rid: f.size for rid, f in page.fits.items()},
                             "moves": [{"what": m.what, "region": m.region_id, "before": round(m.before, 4),
                                        "after": round(m.after, 4), "beyond_tolerance": m.beyond}
                                       for m in page.moves]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for band in layout.bands:
            for r in band.walk():
                depth = r.id.count(".")
                x, y, w, h = r.rect
                print(f"{display_pad('  ' * depth + r.id, 18)} {r.kind:<6} {display_pad(repr(r.label), 50)} "
                      f"x={x:6.1f} y={y:6.1f} w={w:6.1f} h={h:6.1f} mm")
                for s in where.get(r.id, []):
                    print(f"{'  ' * depth}    <- {s}")
        for s in where.get("", []):
            print(f"nowhere <- {s}")
        for note in layout.plan_notes:
            print(f"sketch: {note}")
        if page is not None and args.fitted:
            print(f"page body: {page.body_pt:g} pt")
            for m in page.moves:
                print(f"moved: {m.what} ({m.region_id}) {m.before * 100:.1f}% -> {m.after * 100:.1f}%"
                      + (" (beyond the tolerance: warned)" if m.beyond else ""))
    if args.png:
        from .compose.preview import preview_marks
        from .export import figure_for, png_bytes, write_atomic

        fig = figure_for(preview_marks(layout), 100)
        write_atomic(Path(args.png), png_bytes(fig, 100))
    if args.overlay and page is not None:
        from .compose.overlay import overlay_marks
        from .export import figure_for, png_bytes, write_atomic

        fig = figure_for(page.marks + overlay_marks(page, layout), args.dpi)
        write_atomic(Path(args.overlay), png_bytes(fig, args.dpi))
        con.out(args.overlay)
    return 0


def cmd_import(args: argparse.Namespace, con: Console) -> int:
    from .importer import bad_name, import_prompt

    why = bad_name(args.name)
    if why:
        return _usage_error("import", f"-o {args.name}: {why}")
    text = None
    prompt = Path(args.prompt)
    if args.prompt == STDIN:
        from .errors import remember_text
        from .sources import STDIN_NAME
        from .sources.text_file import decode_text

        text = decode_text(sys.stdin.buffer.read(), STDIN_NAME)
        remember_text(STDIN_NAME, text)
        prompt = Path(STDIN_NAME)
    done = import_prompt(prompt, args.name, Path(args.root), force=args.force,
                         source=Path(args.source) if args.source else None, text=text)
    con.out(str(done.layout_path))
    con.out(str(done.chapter_path))
    return 0


def cmd_build(args: argparse.Namespace, con: Console) -> int:
    from .course import BUILD_SUFFIXES, build_course, chapter_files, find_sources

    if args.dpi <= 0 or args.jobs < 0:
        return _usage_error("build", "--dpi must be positive and --jobs not negative")
    if args.booklet and Path(args.booklet).suffix.lower() != ".pdf":
        return _usage_error("build", f"--booklet {args.booklet}: the booklet is a PDF: name it NAME.pdf")
    if args.folder and args.chapters and args.folder != args.chapters:
        return _usage_error("build", "give the folder once: DIR or --chapters DIR")
    folder = Path(args.folder or args.chapters or "chapters")
    if not folder.is_dir():
        con.error(diagnostic(ERROR, "no such folder", str(folder),
                             hint="give the folder of the prompts or chapter YAMLs: cheatsheet build DIR"))
        return 1
    if args.sources and not Path(args.sources).is_dir():
        con.error(diagnostic(ERROR, "no such folder", args.sources, hint="--sources names the folder of the "
                                                                          "chapters' source files"))
        return 1
    chapters = chapter_files(folder)
    if not chapters:
        con.error(diagnostic(ERROR, f"no prompts or chapter YAMLs to build ({', '.join(BUILD_SUFFIXES)})",
                             str(folder), hint="give the folder that holds them: cheatsheet build DIR"))
        return 1
    sources = find_sources(chapters, Path(args.sources)) if args.sources else {}
    n = args.jobs or min(len(chapters), os.cpu_count() or 1)
    booklet = Path(args.booklet) if args.booklet else None
    return build_course(chapters, args.out, args.dpi, n, con, booklet, qr=args.qr, sources=sources,
                        force=args.force, title=args.title or (booklet.stem if booklet else ""))


if __name__ == "__main__":
    run()
