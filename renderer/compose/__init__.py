"""From a region's markdown to marks in page millimetres.

``text/``: fonts, measuring, inline markup, line breaking, text marks.  ``blocks/``: one module per kind of
block (recognise, measure, split, place).  ``diagrams/``: the mermaid kinds and typed box pictures.  At this
level: ``parse`` (the registry that asks each kind in turn), ``region`` (one box's blocks in newspaper
columns), ``fit`` (one body size for the page, the final rects, the banner's room, the notices), ``page`` (the
sheet composed from what fit decided), ``overflow`` (the second page), ``marks`` (what draw/ consumes)."""
