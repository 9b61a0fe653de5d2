"""One module per kind of block, as platypus has one flowable per kind: each answers ``measure(width, size)``
with the height it needs, ``split(height, ...)`` where it may break across columns, and ``place(x, y, ...)``
with its marks in page millimetres (``base.Block`` is the shape they share).  Each module also holds the
recogniser that finds its kind in a region's lines; ``compose/parse.py`` asks each in turn.

``text_item``: a written line (paragraph, bullet, step, └─ sub-item, checklist); ``code``; ``table``; ``quote``
(a sticky note); ``frame`` (one box around lines); ``beforeafter``; ``flow`` (stages between ↓ lines);
``costbars`` (``label: $$$`` lines)."""
