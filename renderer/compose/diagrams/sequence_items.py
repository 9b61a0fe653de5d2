"""What a sequence diagram holds: participants, messages, notes and the frames round them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Actor:
    id: str
    label: str
    kind: str = "participant"  # participant | actor


@dataclass
class Message:
    a: str
    b: str
    text: str = ""
    dashed: bool = False
    head: str = "arrow"  # arrow | open | cross | none
    both: bool = False  # arrow heads at both ends


@dataclass
class Note:
    side: str  # left | right | over
    actors: list[str]
    text: str


@dataclass
class Frame:
    kind: str  # loop | alt | opt | par | critical | break | rect
    sections: list[Section] = field(default_factory=list)


@dataclass
class Section:
    label: str
    items: list[Message | Note | Frame] = field(default_factory=list)


Item = Message | Note | Frame
