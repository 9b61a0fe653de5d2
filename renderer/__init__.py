"""Hand-drawn cheat-sheet renderer: a prompt's layout diagram and content to an A4 sheet."""

import os as _os
import signal as _signal
import sys as _sys

__version__ = "0.1.0"


def _exit_on_stop(signum: int, frame: object) -> None:
    _os._exit(128 + signum)


def _quiet_stops() -> None:
    """Run as the ``cheatsheet`` command (or ``python -m cheatsheet``): from the first moment the package
    is imported, a stop signal ends the process with 128 + its number, never with a traceback from the
    middle of an import; ``cli.run`` then takes the signals over."""
    argv = getattr(_sys, "orig_argv", _sys.argv)
    command = _os.path.splitext(_os.path.basename(_sys.argv[0] if _sys.argv else ""))[0]
    if command != "cheatsheet" and not {"cheatsheet", "cheatsheet.cli"} & set(argv):
        return
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(_signal, name):
            _signal.signal(getattr(_signal, name), _exit_on_stop)


_quiet_stops()
