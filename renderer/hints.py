"""What to do about each warning: the ``hint:`` line a warning is printed with.

A warning is made where the problem is found, as a place and a message (errors.Notice); the hint
is looked up here by the message's words, so that every warning of every reader carries one (the
same advice as the guide's docs/troubleshooting.md gives in its "fix" column).  A warning whose
message matches none of these gets the general hint, which points at that guide."""

from __future__ import annotations

import re

GENERAL = "see docs/troubleshooting.md for what this means and how to fix it; cheatsheet check lists every problem"

# (a pattern of the message, the hint), the first match wins
HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), h) for p, h in (
    # finding the layout
    (r"^read '#+ .*' as the layout section: did you mean", "correct the heading to silence this warning"),
    (r"^this diagram is under no '# Layout Structure' heading",
     "put '# Layout Structure' (or '**1. 레이아웃 구조**') on the line above the diagram"),
    # the diagram and the ratios
    (r"^two band rules with no line between them", "remove one of the two ├───┤ rules"),
    (r"^the ratios add up to .*scaled to 100%", "correct the percentages of the ratio spec so that they add up to 100"),
    (r"^the ratio spec lists \d+ bands? but the diagram has",
     "give one ratio line per drawn band, top to bottom, the title band included"),
    (r"^band \d+ is split \d+ ways here but the diagram draws",
     "give as many shares in the column split as the band has boxes"),
    (r"the column split .* is not understood",
     "write the split as 좌 40% / 우 60%, 40:60, 1:1:2 or 3등분 (see docs/ratios.md)"),
    (r"^the shares written in the diagram's .* add up to", "correct the shares written in the diagram to add up to 100"),
    (r"^the shares written in the diagram's .* leave no room",
     "give the other bands (or columns) a share too, or lower the shares given"),
    # the video moment
    (r"^the chapter gives the timestamp", "remove the timestamp you do not want, from the chapter or from the file"),
    # content
    (r"^a mermaid block runs into the next heading", "add the closing ``` under the mermaid block"),
    (r"^raw HTML .* is not drawn", "remove the HTML tag; the words inside it are written (<br> breaks the line)"),
    (r"^an image .* is not drawn", "remove the image, or keep it for its alt text"),
    (r"^(a|an) \w+ .* is not drawn", "remove it from the prompt; the sheet draws only what markdown can write"),
    (r"says this again \(as line \d+ does\)", "delete one of the two copies"),
    (r"^no font has the character",
     "replace the character with one the fonts have (cheatsheet check counts it as an error; --strict fails)"),
    # mermaid
    (r"^mermaid '(style|classDef|class|linkStyle|click|direction)' is not drawn",
     "nothing to fix: the sheet draws in its own inks; remove the line to silence this warning"),
    (r"^mermaid .*(not understood|not fully understood)",
     "write nodes and edges as A[text] --> B{text} or A -- label --> B (sequence: A->>B: text)"),
    (r"^mermaid edge with no target", "finish the edge: A --> B"),
    (r"^mermaid .*(with no subgraph open|has no 'end'|outside a frame|with no frame open)",
     "balance each subgraph, loop, alt or opt with its 'end'"),
    (r"^mermaid .* (is|are) not drawn", "nothing to fix: the rest of the diagram is drawn"),
    (r"^mermaid '\w+' diagrams are not drawn as pictures",
     "draw it as a flowchart, mindmap, sequenceDiagram or pie, or leave it as code"),
    (r"^empty (mermaid block|mindmap)", "fill the block, or remove it"),
    (r"^pie slice .* (negative value|larger than)", "give each slice a positive number: \"name\" : 90"),
    (r"^pie line not understood", "write each slice as \"name\" : 90"),
    (r"pie .*slices", "keep a pie to a few slices, or write the numbers as a table"),
    (r"nested more than \d+ deep", "nest fewer frames; the messages inside are drawn all the same"),
    # fitting the page
    (r"so that the title banner holds its QR code", "give the title band more in the ratio spec, or render with --no-qr"),
    (r"^band \d+, column \d+: .*(fits|room for its neighbours)",
     "shorten that column's content, or give it a larger share in the column split"),
    (r"^band \d+: .*(fits|to make room)", "shorten that box's content, or give its band more in the ratio spec"),
    (r"is written at .* pt, below the page's", "shorten that box's content, or give its band more room"),
    (r"^the page cannot hold all the content", "shorten the content, or give those bands more room (--one-page refuses)"),
    # commands
    (r"^another input is also named", "give the inputs different names, or render them into different folders"),
    (r"^the sheet has \d+ pages: standard output takes the first", "write to a folder (-o DIR/) for every page"),
))


def hint_for(message: str) -> str:
    """The hint of a warning's message: what to do about it."""
    for pattern, hint in HINTS:
        if pattern.search(message):
            return hint
    return GENERAL
