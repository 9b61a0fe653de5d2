"""Fonts, inline markup, line breaking and one module per kind of block: measure, then place."""
