"""Pictures: the mermaid kinds (``mermaid`` reads the source; ``graph`` flowcharts, ``sequence``, ``pie``,
``mindmap``), a box drawing redrawn by hand (``drawing``) and the words written beside a line (``label``).
Each is a block like those of ``compose/blocks/``: measure, split (never: a picture stays whole), place."""
