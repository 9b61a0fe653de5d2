"""Draw the guide's pictures: every PNG in docs/img/ comes from a prompt in docs/examples/.

    python docs/make_gallery.py           # (re)write docs/img/*.png and docs/gallery.md
    python docs/make_gallery.py --check   # exit 1 when one of them is missing, stale or not made here

Each example prompt is composed and drawn once, at DPI; a picture is the whole sheet, the sheet with
its region tree on top (as ``cheatsheet layout --overlay`` draws it), the empty boxes (as ``cheatsheet
layout --png`` draws them), or one box of the sheet cut out.  The renderer draws the same pixels on
every run, so the files are the same bytes on every machine.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
IMG = ROOT / "docs" / "img"
DPI = 90
MARGIN_MM = 1.5  # around a cut-out box

# example -> {image name: what it shows}: "page", "overlay", "boxes" or a box title as the diagram writes it
PICTURES: dict[str, dict[str, str]] = {
    "minimal.md": {"minimal": "page"},
    "columns.md": {"columns": "page", "columns-overlay": "overlay", "columns-boxes": "boxes"},
    "plan.md": {"plan": "page"},
    "gallery_text.md": {
        "kind-lists": "📝 목록과 단계",
        "kind-checklist": "✅ 체크리스트",
        "kind-emphasis": "🖍️ 강조",
        "kind-table": "📊 표",
        "kind-code-chips": "🏷️ 코드와 토큰",
        "kind-quote": "💬 인용",
    },
    "gallery_pictures.md": {
        "kind-flow": "⬇️ 흐름",
        "kind-chain": "➡️ 사슬",
        "kind-before-after": "🆚 전과 후",
        "kind-cost-bars": "💰 비용 막대",
        "kind-box-drawing": "🧱 상자 그림",
        "kind-session": "🖥️ 세션",
    },
    "gallery_mermaid.md": {
        "kind-flowchart": "🔀 Flowchart",
        "kind-mindmap": "🗺️ Mind Map",
        "kind-sequence": "📨 Sequence",
        "kind-pie": "🥧 Pie",
    },
}


# the gallery page: (heading, [(image, what it shows)]) per group, the source of each kind taken from its example
GROUPS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("Writing", "gallery_text.md", [
        ("kind-lists", "`-` bullets, `1.` steps with `└─` sub-items: lines with hanging markers, `└─` as a pen stroke."),
        ("kind-checklist", "`✅`/`❌` lines and `- [x]`/`- [ ]` task items: ticks in green, crosses in red, boxes drawn."),
        ("kind-emphasis", "`**bold**` on a highlighter, `*italic*` underlined, `~~strike~~` struck through, "
                          "`[links](…)` live in the PDF."),
        ("kind-table", "A markdown table: a hand-ruled grid, the header on a pale fill, widths from the content."),
        ("kind-code-chips", "Special tokens and `` `code` `` as chips (special tokens orange, text tokens blue); "
                            "fenced code on a pale panel."),
        ("kind-quote", "`> quote` with `- author`: a sticky note, signed."),
    ]),
    ("Pictures", "gallery_pictures.md", [
        ("kind-flow", "Lines between `↓` lines: stages in boxes joined by arrows."),
        ("kind-chain", "`A → [B] → C` chains, one under another: boxes joined by arrows, sideways when they fit."),
        ("kind-before-after", "`**A vs B:**` and two `label:` groups: two panels with a big arrow."),
        ("kind-cost-bars", "`label: $$$$$` lines: a small bar chart."),
        ("kind-box-drawing", "A box drawing in a code block: redrawn by hand, arrows from box to box."),
        ("kind-session", "One drawn box holding only lines: a framed panel, its lines as typed."),
    ]),
    ("Mermaid", "gallery_mermaid.md", [
        ("kind-flowchart", "`flowchart`/`graph`: ranked boxes, `{decision}` diamonds, edge labels beside their line."),
        ("kind-mindmap", "`mindmap` (or a `- Create a Mermaid mindmap:` list of `Root:`/`Level` lines): "
                         "curved branches from the root."),
        ("kind-sequence", "`sequenceDiagram`: participants (actors as stick figures), messages in order, notes."),
        ("kind-pie", "`pie`: slices in the highlighter inks with a key."),
    ]),
]

GALLERY_HEAD = """# Gallery: what is drawn from what

[Guide](README.md) · [Prompt format](prompt-format.md) · [Layout](layout.md) · [Ratios](ratios.md) ·
[Content](content.md) · **Gallery** · [Troubleshooting](troubleshooting.md)

Each picture is one box of a sheet rendered from [`examples/`](examples/), beside the section that made it.
This page and its pictures are written by `python docs/make_gallery.py`; edit the script or the examples,
not this file. The whole list of kinds, with every detail, is in the project README ("What the content becomes
on the page").
"""


def _section(example: str, title: str) -> str:
    """The markdown of the ``## <title>`` section of an example, as written."""
    lines = (EXAMPLES / example).read_text(encoding="utf-8").split("\n")
    start = lines.index(f"## {title}") + 1
    end = next((k for k in range(start, len(lines)) if lines[k].startswith(("## ", "# "))), len(lines))
    return "\n".join(lines[start:end]).strip("\n")


def gallery_page() -> str:
    out = [GALLERY_HEAD]
    for group, example, kinds in GROUPS:
        out.append(f"## {group}\n\nFrom [`examples/{example}`](examples/{example}).\n")
        for name, what in kinds:
            title = PICTURES[example][name]
            out.append(f"### {title}\n\n{what}\n\n````markdown\n{_section(example, title)}\n````\n\n"
                       f"![{title}](img/{name}.png)\n")
    return "\n".join(out)


def _png(marks: list) -> bytes:
    import matplotlib.pyplot as plt

    from cheatsheet.export import figure_for, png_bytes

    fig = figure_for(marks, DPI)
    try:
        return png_bytes(fig, DPI)
    finally:
        plt.close(fig)


def _file(png: bytes, rect: tuple[float, float, float, float] | None = None) -> bytes:
    """The PNG as stored: cut to ``rect`` (mm, with a margin) when given, compressed losslessly as far as
    Pillow goes (the renderer writes fast, not small)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        if rect is not None:
            px = DPI / 25.4
            x, y, w, h = rect
            im = im.crop((max(0, round((x - MARGIN_MM) * px)), max(0, round((y - MARGIN_MM) * px)),
                          min(im.width, round((x + w + MARGIN_MM) * px)),
                          min(im.height, round((y + h + MARGIN_MM) * px))))
        out = io.BytesIO()
        im.save(out, format="PNG", optimize=True)
        return out.getvalue()


def pictures() -> dict[str, bytes]:
    """Every image of docs/img/, by file name, as this checkout draws it."""
    from cheatsheet.compose.overlay import overlay_marks
    from cheatsheet.compose.preview import preview_marks
    from cheatsheet.render import compose

    out: dict[str, bytes] = {}
    for example, wanted in PICTURES.items():
        _, page = compose(EXAMPLES / example)
        layout = page.layout
        sheet = _png(page.marks)
        by_title = {r.label: r for r in layout.leaves()}
        for name, what in wanted.items():
            if what == "page":
                data = _file(sheet)
            elif what == "overlay":
                data = _file(_png(page.marks + overlay_marks(page, layout)))
            elif what == "boxes":
                data = _file(_png(preview_marks(layout)))
            elif what in by_title:
                data = _file(sheet, by_title[what].rect)
            else:
                raise SystemExit(f"{example}: no box titled {what!r} (boxes: {', '.join(by_title)})")
            out[f"{name}.png"] = data
    return out


def stale(made: dict[str, bytes]) -> list[str]:
    """What differs between docs/img/ (and docs/gallery.md) and ``made``: one line per file."""
    problems = []
    page = ROOT / "docs" / "gallery.md"
    if not page.exists() or page.read_text(encoding="utf-8") != gallery_page():
        problems.append("docs/gallery.md is not what docs/make_gallery.py writes now")
    for name, data in sorted(made.items()):
        path = IMG / name
        if not path.exists():
            problems.append(f"docs/img/{name} is missing")
        elif path.read_bytes() != data:
            problems.append(f"docs/img/{name} is not what docs/examples/ draws now")
    for path in sorted(IMG.glob("*.png")):
        if path.name not in made:
            problems.append(f"docs/img/{path.name} is made by no example in docs/make_gallery.py")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when docs/img/ is not current")
    args = ap.parse_args(argv)
    made = pictures()
    if args.check:
        problems = stale(made)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            print("refresh them with: python docs/make_gallery.py", file=sys.stderr)
        return 1 if problems else 0
    IMG.mkdir(parents=True, exist_ok=True)
    for path in IMG.glob("*.png"):
        if path.name not in made:
            path.unlink()
    for name, data in sorted(made.items()):
        path = IMG / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"wrote docs/img/{name} ({len(data) // 1024} KB)")
    page = ROOT / "docs" / "gallery.md"
    text = gallery_page()
    if not page.exists() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")
        print("wrote docs/gallery.md")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
