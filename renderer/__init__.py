"""Hand-drawn cheat-sheet renderer: a prompt's layout diagram and content to an A4 sheet."""

__version__ = "0.1.0"
