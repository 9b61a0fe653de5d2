"""``cheatsheet build`` of a course (a broken chapter, the booklet) and ``layout --overlay``.

Run as ``python -m cheatsheet.cli`` from the repository, so that these tests check this tree's code."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from cheatsheet.export import png_size
from tests.conftest import CHAPTERS, ROOT

LOW_DPI = 30

pytestmark = pytest.mark.slow


def cli(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CHEATSHEET_DEBUG"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    p = subprocess.run([sys.executable, "-m", "cheatsheet.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                       text=True, env=env, timeout=timeout)
    assert "Traceback" not in p.stderr + p.stdout, p.stderr
    return p


def _course(root: Path, broken: bool) -> Path:
    """A course folder: ch09 and ch24 (with their layouts) and, if ``broken``, a chapter whose YAML
    does not parse."""
    (root / "chapters").mkdir(parents=True)
    (root / "layouts").mkdir()
    for name in ("ch09", "ch24"):
        shutil.copy(CHAPTERS / f"{name}.yaml", root / "chapters")
        shutil.copy(ROOT / "layouts" / f"{name}.txt", root / "layouts")
    if broken:
        (root / "chapters" / "ch10.yaml").write_text("title: [unclosed\nlayout: ch10.txt\n", encoding="utf-8")
    return root / "chapters"


def test_a_broken_chapter_does_not_stop_the_others(tmp_path: Path) -> None:
    chapters = _course(tmp_path, broken=True)
    out = tmp_path / "out"
    p = cli("build", "--chapters", chapters, "-o", out, "--dpi", LOW_DPI, "-j", 2,
            "--booklet", out / "course.pdf")
    assert p.returncode == 1
    assert sorted(f.name for f in out.iterdir()) == [".cheatsheet-build.json", "ch09.pdf", "ch09.png", "ch24.pdf",
                                                     "ch24.png"]
    assert "ch10.yaml:2:7: error: YAML syntax error" in p.stderr  # the error, with its place
    assert "booklet" in p.stderr and "not written" in p.stderr
    lines = p.stdout.splitlines()
    assert sum(ln.startswith("[") and "/3] ch" in ln for ln in lines) == 3  # one plain line each on a pipe
    row = next(ln for ln in lines if "ch10" in ln and "failed" in ln and not ln.startswith("["))
    assert "|" in row  # a row of the summary table
    assert any("ch09" in ln and "| ok" in ln for ln in lines)


def test_quiet_build_prints_errors_only(tmp_path: Path) -> None:
    chapters = _course(tmp_path, broken=True)
    (chapters / "ch09.yaml").unlink()
    p = cli("-q", "build", "--chapters", chapters, "-o", tmp_path / "out", "--dpi", LOW_DPI, "-j", 1)
    assert p.returncode == 1 and p.stdout == ""
    assert "ch10.yaml" in p.stderr and "warning" not in p.stderr


def test_booklet_pages_bookmarks_and_same_bytes(tmp_path: Path) -> None:
    from pypdf import PdfReader

    chapters = _course(tmp_path, broken=False)
    books = []
    for run in ("a", "b"):
        out = tmp_path / run
        p = cli("build", "--chapters", chapters, "-o", out, "--dpi", LOW_DPI, "-j", 2, "--booklet", out / "c.pdf")
        assert p.returncode == 0, p.stderr
        books.append((out / "c.pdf").read_bytes())
    assert books[0] == books[1]
    reader = PdfReader(io.BytesIO(books[0]))
    assert len(reader.pages) == 2
    from cheatsheet.sources import read_input

    want = [read_input(chapters / f"{n}.yaml").meta.title for n in ("ch09", "ch24")]
    assert [o.title for o in reader.outline] == want
    assert [reader.get_destination_page_number(o) for o in reader.outline] == [0, 1]
    assert b"CreationDate" not in books[0] and b"ModDate" not in books[0]
    assert reader.metadata.title == "c"  # the booklet's name, or --title
    # each page is that chapter's sheet, in chapter order: the chapter's own PDF's drawing
    for k, name in enumerate(("ch09", "ch24")):
        own = PdfReader(tmp_path / "a" / f"{name}.pdf").pages[0]
        assert reader.pages[k].get_contents().get_data() == own.get_contents().get_data()


def test_overlay_png_and_its_marks(tmp_path: Path) -> None:
    dest = tmp_path / "ov.png"
    p = cli("layout", CHAPTERS / "ch10.yaml", "--overlay", dest, "--dpi", LOW_DPI)
    assert p.returncode == 0, p.stderr
    assert Image.open(dest).size == png_size(LOW_DPI)


def test_overlay_marks_name_every_region() -> None:
    from cheatsheet import theme
    from cheatsheet.compose.marks import BackingMark, StrokeMark, TextMark
    from cheatsheet.compose.overlay import overlay_marks
    from cheatsheet.render import compose

    chapter, page = compose(CHAPTERS / "ch10.yaml", overflow_ok=True)
    marks = overlay_marks(page, page.layout)
    texts = "\n".join(m.text for m in marks if isinstance(m, TextMark))
    regions = [r for b in page.layout.bands for r in b.walk()]
    for r in regions:
        assert f"{r.id} {r.kind}" in texts
    outlines = [m for m in marks if isinstance(m, StrokeMark) and m.color == theme.OVERLAY_INK]
    assert len(outlines) == len(regions)
    assert all(m.color == theme.OVERLAY_INK for m in marks if isinstance(m, TextMark))
    assert sum(isinstance(m, BackingMark) for m in marks) == len(regions) + 1  # a label each and the legend
    for mv in page.moves:  # every move is written on its region's label
        assert f"{mv.before * 100:.1f}% -> {mv.after * 100:.1f}%" in texts


def test_a_failed_chapter_s_earlier_outputs_and_booklet_are_marked_stale(tmp_path: Path) -> None:
    chapters = _course(tmp_path, broken=True)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ch10.pdf").write_bytes(b"%PDF- an earlier ch10")
    (out / "ch10.png").write_bytes(b"an earlier ch10 png")
    (out / "course.pdf").write_bytes(b"%PDF- an earlier booklet")
    p = cli("build", "--chapters", chapters, "-o", out, "--dpi", LOW_DPI, "-j", 2, "--booklet", out / "course.pdf")
    assert p.returncode == 1
    names = sorted(f.name for f in out.iterdir() if not f.name.startswith("."))  # the build record aside
    assert names == ["ch09.pdf", "ch09.png", "ch10.stale.pdf", "ch10.stale.png", "ch24.pdf", "ch24.png",
                     "course.stale.pdf"]
    assert (out / "ch10.stale.pdf").read_bytes() == b"%PDF- an earlier ch10"
    said = " ".join(p.stdout.split())
    assert "ch10 failed: its earlier outputs were kept as" in said and "ch10.stale.pdf" in said
    assert "the earlier booklet was kept as" in said and "course.stale.pdf" in said


# --- a course from a folder of prompts ---------------------------------------------------------

PROMPTS = ROOT / "tests" / "prompts"
TRANSLATION = ROOT / "tests" / "data" / "seeds" / "001_547d284c1956cbba.txt"  # has 'timestamp:'


def _status(stdout: str) -> dict[str, str]:
    """chapter -> its status, from the one plain line per chapter on a pipe."""
    out = {}
    for ln in stdout.splitlines():
        if ln.startswith("[") and "] " in ln:
            name, status = ln.split("] ", 1)[1].split()[:2]
            out[name] = status
    return out


def test_find_sources_by_name_then_by_number(tmp_path: Path) -> None:
    from cheatsheet.course import chapter_files, find_sources

    for name in ("ch05_tokenization.md", "ch06_inference.md", "ch10.yaml", "notes.txt", "ch2.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    chapters = chapter_files(tmp_path)
    assert [p.name for p in chapters] == ["ch2.md", "ch05_tokenization.md", "ch06_inference.md", "ch10.yaml"]
    src = tmp_path / "src"
    src.mkdir()
    for name in ("05_nn.txt", "05_tokenization.txt", "ch10.md", "06.md", "99.txt", "ch2.pdf"):
        (src / name).write_text("x", encoding="utf-8")
    found = {Path(k).name: v.name for k, v in find_sources(chapters, src).items()}
    assert found == {"ch05_tokenization.md": "05_tokenization.txt", "ch06_inference.md": "06.md",
                     "ch10.yaml": "ch10.md"}


def test_build_a_folder_of_prompts_again_only_what_changed(tmp_path: Path) -> None:
    prompts, sources, out = tmp_path / "prompts", tmp_path / "sources", tmp_path / "out"
    prompts.mkdir()
    sources.mkdir()
    for name in ("ch05_tokenization.md", "ch06_inference.md"):
        shutil.copy(PROMPTS / name, prompts)
    (prompts / "notes.txt").write_text("not a prompt", encoding="utf-8")
    shutil.copy(TRANSLATION, sources / "06_inference.txt")
    args = ["build", prompts, "-o", out, "--sources", sources, "--dpi", LOW_DPI, "-j", 1]
    p = cli(*args)
    assert p.returncode == 0, p.stderr
    assert _status(p.stdout) == {"ch05_tokenization": "ok", "ch06_inference": "ok"}
    cache = out / ".cheatsheet-build.json"
    assert sorted(f.name for f in out.iterdir()) == [".cheatsheet-build.json", "ch05_tokenization.pdf",
                                                      "ch05_tokenization.png", "ch06_inference.pdf",
                                                      "ch06_inference.png"]  # no temporary file
    first, stamps = cache.read_bytes(), {f.name: f.stat().st_mtime_ns for f in out.iterdir()}
    p = cli(*args)
    assert p.returncode == 0 and _status(p.stdout) == {"ch05_tokenization": "unchanged", "ch06_inference": "unchanged"}
    assert cache.read_bytes() == first and {f.name: f.stat().st_mtime_ns for f in out.iterdir()} == stamps
    assert "unchanged" in p.stdout.split("[2/2]")[1]  # the summary says so too
    # the source file is an input of chapter 6 (found by its number): changing it builds that chapter only
    (sources / "06_inference.txt").write_text(TRANSLATION.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    p = cli(*args)
    assert _status(p.stdout) == {"ch05_tokenization": "unchanged", "ch06_inference": "ok"}
    p = cli(*args, "--force")
    assert _status(p.stdout) == {"ch05_tokenization": "ok", "ch06_inference": "ok"}
    # what a forced build records (each worker works out its chapter's key) is what the next build compares
    forced = cache.read_bytes()
    p = cli(*args)
    assert _status(p.stdout) == {"ch05_tokenization": "unchanged", "ch06_inference": "unchanged"}
    assert cache.read_bytes() == forced
    cli(*args[:-1], 2, "--force")  # the same in two worker processes
    assert cache.read_bytes() == forced
    # an output removed by hand is made again
    (out / "ch05_tokenization.png").unlink()
    p = cli(*args)
    assert _status(p.stdout) == {"ch05_tokenization": "ok", "ch06_inference": "unchanged"}
    # a different dpi is a different sheet
    p = cli(*args[:-4], "--dpi", LOW_DPI + 1, "-j", 1)
    assert set(_status(p.stdout).values()) == {"ok"}


def test_build_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    p = cli("build", tmp_path / "nope", "-o", tmp_path / "o")
    assert p.returncode == 1 and p.stderr.startswith(f"{tmp_path / 'nope'}: error: no such folder\nhint: ")


def _faces(pdf: bytes) -> list[tuple[int, str, dict[int, list]]]:
    """Per page and embedded TrueType font: (page, face, CID -> the glyph's outline as drawn)."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    from cheatsheet.booklet_fonts import _cid_map, _embedded

    out = []
    for k, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        for ref in page["/Resources"]["/Font"].values():
            found = _embedded(ref.get_object())
            if found is None:
                continue
            name, cid, desc = found
            gmap = _cid_map(cid["/CIDToGIDMap"].get_object().get_data())
            font = TTFont(io.BytesIO(desc["/FontFile2"].get_object().get_data()))
            glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
            outlines = {}
            for c, g in gmap.items():
                pen = RecordingPen()
                glyphs[order[g]].draw(pen)
                outlines[c] = pen.value
            out.append((k, name, outlines))
    return out


def test_the_booklet_embeds_each_face_once_with_the_same_glyphs(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from cheatsheet.course import booklet_bytes

    chapters = _course(tmp_path, broken=False)
    out = tmp_path / "out"
    p = cli("build", chapters, "-o", out, "--dpi", LOW_DPI, "-j", 2, "--booklet", out / "c.pdf", "--title", "Course")
    assert p.returncode == 0, p.stderr
    own = [(out / f"{n}.pdf").read_bytes() for n in ("ch09", "ch24")]
    book = (out / "c.pdf").read_bytes()
    assert PdfReader(io.BytesIO(book)).metadata.title == "Course"
    assert len(book) < 0.9 * sum(len(b) for b in own)  # 24 chapters: 3.3 MB -> 1.8 MB
    assert booklet_bytes([("a", own[0]), ("b", own[1])]) == booklet_bytes([("a", own[0]), ("b", own[1])])
    files = {}
    reader = PdfReader(io.BytesIO(book))
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            kid = ref.get_object().get("/DescendantFonts")
            if kid and "/FontFile2" in kid[0].get_object()["/FontDescriptor"]:
                desc = kid[0].get_object()["/FontDescriptor"]
                files.setdefault(str(kid[0].get_object()["/BaseFont"]).split("+")[-1], set()).add(
                    desc.raw_get("/FontFile2").idnum)
    assert files.get("NanumPen-Regular") and len(files["NanumPen-Regular"]) == 1  # one file for both pages
    # every character of every page is drawn with the glyph its own chapter's PDF drew it with
    mine = {(k, name, c): o for k, name, outlines in _faces(book) for c, o in outlines.items()}
    theirs = {(k, name, c): o for k, pdf in enumerate(own) for _, name, outlines in _faces(pdf)
              for c, o in outlines.items()}
    assert theirs and all(mine.get(key) == outline for key, outline in theirs.items())


def test_an_unchanged_chapter_is_found_without_reading_it_and_a_changed_layout_file_builds_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The record keeps the layout file each chapter named, so that a build finds an unchanged chapter from the
    digests of its files alone; editing the layout file a chapter YAML names builds that chapter again."""
    import json

    from cheatsheet import course
    from cheatsheet.cli import main

    chapters = _course(tmp_path, broken=False)
    out = tmp_path / "out"
    args = ["-q", "build", "--chapters", str(chapters), "-o", str(out), "--dpi", str(LOW_DPI), "-j", "1"]
    assert main(args) == 0
    record = json.loads((out / ".cheatsheet-build.json").read_text(encoding="utf-8"))
    assert record["format"] == course.CACHE_FORMAT
    assert {k: v["layout"] for k, v in record["chapters"].items()} == {
        n: str((tmp_path / "layouts" / f"{n}.txt").resolve()) for n in ("ch09", "ch24")}
    read: list[str] = []
    real = course.chapter_layout
    monkeypatch.setattr(course, "chapter_layout", lambda path, source: read.append(path) or real(path, source))
    stamps = {f.name: f.stat().st_mtime_ns for f in out.iterdir()}
    assert main(args) == 0
    assert read == [] and {f.name: f.stat().st_mtime_ns for f in out.iterdir()} == stamps  # nothing read, nothing written
    layout = tmp_path / "layouts" / "ch24.txt"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(args[1:]) == 0
    assert [Path(p).name for p in read] == ["ch24.yaml"]  # read by its own build, to record its key
    assert (out / "ch24.png").stat().st_mtime_ns != stamps["ch24.png"]
    assert (out / "ch09.png").stat().st_mtime_ns == stamps["ch09.png"]
    # a record of another format (an older renderer's) is not trusted: every chapter is built again
    (out / ".cheatsheet-build.json").write_text(json.dumps({"format": 1, "chapters": record["chapters"]}),
                                               encoding="utf-8")
    read.clear()
    assert main(args) == 0
    assert sorted(Path(p).name for p in read) == ["ch09.yaml", "ch24.yaml"]
