"""The layout stage: a chapter's diagram and ratios -> placed regions (their content: the plan stage)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from ..errors import InputError, Notice
from ..limits import MAX_BANDS
from ..model import Chapter, Content, Placement
from .diagram import parse_diagram
from .place import Split, initial_split, place
from .regions import Region, build_regions


@dataclass
class Layout:
    bands: list[Region]
    split: Split
    content: dict[str, list[Content]]  # leaf region id -> its content, in order
    placements: list[Placement] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    source_file: str = ""  # the file holding the diagram and ratio spec
    spec_line: int = 1  # the ratio spec's line there (the diagram's first line without one)
    plan_notes: list[str] = field(default_factory=list)
    sketches: dict[str, Content] = field(default_factory=dict)  # box id -> its sketch, where a piece replaced it  # what the plan decided about the boxes' sketches
    prompt_split: Split | None = None  # the prompt's own split, when the title band was grown for its banner

    def leaves(self) -> list[Region]:
        out: list[Region] = []
        for b in self.bands:
            if b.kind != "title":
                out.extend(b.leaves())
        return out

    def find(self, rid: str) -> Region:
        for b in self.bands:
            for r in b.walk():
                if r.id == rid:
                    return r
        raise KeyError(rid)

    def replace(self, split: Split) -> None:
        self.split = split
        place(self.bands, split)

    def placed(self, split: Split, prompt_split: Split | None = None) -> Layout:
        """The same layout with its regions placed at ``split``: a new region tree (this layout is not
        changed).  ``prompt_split``: the prompt's own split, when ``split`` moved away from it."""
        bands = copy.deepcopy(self.bands)
        place(bands, split)
        return replace(self, bands=bands, split=split,
                       prompt_split=self.prompt_split if prompt_split is None else prompt_split)


def layout_chapter(chapter: Chapter) -> Layout:
    diagram = parse_diagram(chapter.layout)
    notices: list[Notice] = list(chapter.notices) + list(diagram.notices)
    bands = build_regions(diagram)
    if len(bands) > MAX_BANDS:
        src = chapter.layout
        raise InputError(src.file, src.first_line, 1, f"the diagram has {len(bands):,} bands, more than the "
                                                      f"{MAX_BANDS} a sheet takes",
                         "a sheet holds a handful of bands: join bands, or split the chapter into several sheets",
                         src.diagram[0] if src.diagram else "")
    split = initial_split(chapter.layout, bands, notices, qr=bool(chapter.meta.source_url.strip()))
    place(bands, split)
    spec = chapter.layout.ratio_spec
    lay = Layout(bands, split, {}, [], notices, chapter.layout.file,
                 spec.line if spec else chapter.layout.first_line)
    leaves = lay.leaves()
    if not leaves:
        src = chapter.layout
        raise InputError(
            src.file, src.first_line, len(src.diagram[0]) - len(src.diagram[0].lstrip()) + 1,
            "the diagram has only a title band and no band for the content",
            "add bands below the title, each after a ├───┤ rule", src.diagram[0],
        )
    if chapter.region_content is not None:
        ids = [r.id for r in leaves]
        for rid, items in chapter.region_content.items():
            if rid not in ids:
                raise _unknown_region(chapter, rid, items, leaves)
        lay.content = {r.id: list(chapter.region_content.get(r.id, [])) for r in leaves}
        return lay
    lay.content = {r.id: [] for r in leaves}  # the plan stage decides what each box shows
    return lay


def _unknown_region(chapter: Chapter, rid: str, items: list[Content], leaves: list[Region]) -> InputError:
    """A chapter YAML names a region the layout does not have: point at its key, list the real ones."""
    from difflib import get_close_matches

    from ..sources.chapter_yaml import region_key_place

    place_ = region_key_place(chapter.source, rid)
    if place_ is None:
        first = items[0] if items else None
        place_ = (first.line if first else 1, 1)
    ids = [r.id for r in leaves]
    close = get_close_matches(rid, ids, n=1)
    regions = ", ".join(f"{r.id} ({r.describe()})" if r.describe() else r.id for r in leaves)
    hint = (f"did you mean '{close[0]}'? " if close else "") + f"the layout {chapter.layout.file} has: {regions}"
    return InputError(chapter.source, place_[0], place_[1], f"no region '{rid}' in the layout", hint)
