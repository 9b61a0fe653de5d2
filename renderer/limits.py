"""Every limit on what an input may hold, in one place (README.md, "Limits", lists them).

Each is far beyond what a chapter's sheet holds (a bundled chapter is about 20 KB, a few dozen table rows,
lists three levels deep); an input past one is refused at once, with the limit named, before any work is
spent on it, except the drawing limits (MAX_NESTING, MAX_PIE_*), past which the sheet is drawn with less and
a warning."""

from __future__ import annotations

MAX_INPUT_BYTES = 1_000_000  # a prompt, chapter YAML or layout file
MAX_URL_CHARS = 1_000  # a video address, letters beyond ASCII counted as %XX: a QR code holds about 2,300 bytes
URL_SCHEMES = ("http", "https")  # the only schemes a video address (and so the QR code) may have
MAX_YAML_NODES = 20_000  # values in a chapter YAML or front matter, aliases counted as expanded
MAX_NESTING = 40  # frames (loop, alt, ...) of a sequence diagram drawn inside each other; deeper ones are not drawn as frames
MAX_TABLE_ROWS = 300  # rows of one markdown table
MAX_PIE_SLICES = 100  # slices of one pie
MAX_PIE_VALUE = 1e15  # a pie slice's value
MAX_CODE_LINES = 800  # lines of one fenced code block or mermaid diagram
MAX_BANDS = 60  # bands of a layout diagram
MAX_DPI = 600  # --dpi of a PNG (600 dpi: 7,016 x 4,961 px, about 300 MB while drawing; print needs no more)
