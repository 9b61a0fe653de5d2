"""Writing: the font chain and measuring (``fonts``), inline markup to styled runs (``inline``), line breaking
(``linebreak``) and set lines to text marks (``setting``).  Every block writes through these; a word's width
is decided in ``fonts.width``, where a line breaks in ``linebreak``, how a run is inked in ``setting``."""
