"""SIGTERM and SIGINT as exceptions in a run, held back while a commit is applied.

`baokan run` turns SIGTERM into `Terminated` (a SystemExit with status 143) so that the run
stops like on Ctrl-C: the engine's workers are stopped, the work collected so far is
published with a `runs` row `status = failed`, and the lock is released. Inside `deferred()`
both signals only set a flag and are raised when the block ends, so a commit is never
interrupted half-applied by this process's own handler.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Terminated(SystemExit):
    """The run received SIGTERM."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)

    def __str__(self) -> str:
        return "terminated by SIGTERM"


_pending: list[int] = []
_deferring = 0


def _raise_for(signum: int) -> None:
    if signum == signal.SIGTERM:
        raise Terminated
    raise KeyboardInterrupt


def _handler(signum: int, frame) -> None:
    if _deferring:
        _pending.append(signum)
        return
    _raise_for(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """Install the handlers for the block (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _handler) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _pending.clear()


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGTERM/SIGINT back until the block is done, then raise the first one."""
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    if not _deferring and _pending:
        signum = _pending[0]
        _pending.clear()
        _raise_for(signum)
