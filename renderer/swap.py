"""A library function stood in for by ours only inside a block: re-entrant (nested blocks keep the
stand-in until the outermost ends) and safe across threads.  Used where matplotlib's internals are
replaced for a save (``pdf_fonts``, ``text_metrics``); when the module is not what we expect the
block runs with the library's own function."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any


class Swap:
    def __init__(self, find: Callable[[], ModuleType | None], name: str, stand_in: Callable[..., Any]) -> None:
        self._find = find  # the module to patch, or None when its internals are not the expected ones
        self._name = name
        self._stand_in = stand_in
        self._lock = threading.Lock()
        self._depth = 0
        self.original: Any = None  # the library's own function while the stand-in is in place

    @contextmanager
    def active(self) -> Iterator[bool]:
        """Inside: the stand-in is in place; yields whether it is (False: the library's own is used)."""
        module = self._find()
        if module is None:
            yield False
            return
        with self._lock:
            if self._depth == 0:
                self.original = getattr(module, self._name)
                setattr(module, self._name, self._stand_in)
            self._depth += 1
        try:
            yield True
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    setattr(module, self._name, self.original)
                    self.original = None
