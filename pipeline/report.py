"""How Baokan's commands write numbers and where they print them.

One format for a count everywhere (the run summary, `baokan status`, progress lines):
thousands separated by commas, so `sentences 12,345` reads the same in each. Output that
goes to a pipe or a file is not wrapped at 80 columns (rich's default away from a
terminal), so no path or word is cut in two; `COLUMNS` still sets a width.
"""

from __future__ import annotations

import os
import sys

from rich.console import Console

PIPE_WIDTH = 1000  # wide enough that tables keep their natural width


def count(number: int | float) -> str:
    """12345 → '12,345'."""
    return f"{int(number):,}"


def seconds(value: float) -> str:
    """1.64 → '1.6s'."""
    return f"{value:.1f}s"


def stdout_console(stream=None) -> Console:
    """A console on stdout (or `stream`): a terminal's own width, else no wrapping."""
    stream = stream or sys.stdout
    piped = not (hasattr(stream, "isatty") and stream.isatty()) and "COLUMNS" not in os.environ
    return Console(file=stream, highlight=False, width=PIPE_WIDTH if piped else None,
                   soft_wrap=piped)
