"""The plain data that flows between the stages: read -> layout -> compose -> draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import Notice


@dataclass(frozen=True)
class Meta:
    """Front matter of a chapter: what the title banner and footer show."""

    title: str = ""
    title_kr: str = ""
    chapter: int | None = None
    total_chapters: int | None = None
    author: str = ""
    source_url: str = ""
    timestamp: str = ""
    lecture: str = ""


@dataclass(frozen=True)
class Ratio:
    """One band's share of the page height, as the prompt wrote it."""

    percent: float
    line: int
    col: int
    label: str
    columns: tuple[float, ...] = ()  # the band's horizontal split, when given
    unread: str = ""  # words that look like a column split but could not be read as one
    unread_col: int = 0  # 1-based column of those words in the line


@dataclass(frozen=True)
class RatioSpec:
    """The prompt's ``배치 비율``: one ratio per band, top to bottom."""

    file: str
    line: int
    ratios: tuple[Ratio, ...]


@dataclass(frozen=True)
class LayoutSource:
    """A box-drawing diagram and its ratio spec, with their place in a file."""

    file: str
    first_line: int  # file line (1-based) of the diagram's first line
    diagram: tuple[str, ...]
    ratio_spec: RatioSpec | None
    ratio_text: str = ""  # the ratio spec as written, for the layout file


@dataclass(frozen=True)
class Section:
    """A content section of a prompt: ``## <icon> <title> (<hint>)`` and its markdown."""

    icon: str
    title: str
    hint: str
    body: str
    file: str
    line: int  # file line of the section heading
    body_line: int  # file line of the body's first line
    # how it was written: "section" (a heading's section), "bold" (a bold part), "style" (a section
    # under the style block), "request" (a style request carrying data), "summary" / "key-points"
    # (the Source Text's notes, kept in reserve)
    origin: str = "section"
    context: str = ""  # the titles of the parts it sits in ("주제 1: 왜 엔지니어링인가" over "토론 내용")


@dataclass(frozen=True)
class Placement:
    """Where the plan put one written piece, and why."""

    section: Section
    region_id: str  # "" for a piece with nothing to draw (a request with no data)
    how: str  # "title", "kind", "sketch", "room", "reserve" or "nothing"
    score: float
    reason: str = ""


@dataclass(frozen=True)
class Content:
    """Markdown that goes into one region, with where it came from."""

    markdown: str
    file: str
    line: int  # file line of the markdown's first line
    label: str = ""  # the section title it came from, for messages


@dataclass
class Chapter:
    """Everything read from a prompt or a chapter YAML, before layout."""

    source: str
    meta: Meta
    layout: LayoutSource
    sections: list[Section] = field(default_factory=list)  # every written piece, in file order
    reserve: list[Section] = field(default_factory=list)  # the Source Text's summary and key points
    emphasis: tuple[str, ...] = ()  # key phrases the prompt asks to emphasise
    region_content: dict[str, list[Content]] | None = None  # from YAML: region id -> content
    notices: list[Notice] = field(default_factory=list)  # warnings from reading it
