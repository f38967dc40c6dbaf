"""Helpers for the reliability tests: time bounds, the CLI in a subprocess, fault injection."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Overtime(BaseException):
    """Raised by `within`; a BaseException, so no `except Exception` (or OSError, whose
    subclass TimeoutError is) in the code under test can swallow it."""


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail with Overtime if the block runs longer than `seconds` (SIGALRM, main thread; it
    interrupts Python code and blocking system calls, not a long call into C)."""

    def expire(signum, frame):
        raise Overtime(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def environment(**extra: str) -> dict[str, str]:
    """os.environ with this checkout first on PYTHONPATH (worktrees win over the venv's)."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def baokan(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` in a subprocess, killed after `timeout` seconds."""
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True,
                          text=True, timeout=timeout, env=environment(**env))


def python(code: str, timeout: float = 60, memory_mb: int | None = None) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter, killed after `timeout` s, optionally with its address
    space limited to `memory_mb` (so a runaway read fails fast instead of filling the host)."""

    def limit() -> None:
        if memory_mb:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout, env=environment(), preexec_fn=limit)


def on_normalize(monkeypatch, action: Callable[[str], None]) -> None:
    """Call `action(text)` before the runner normalizes each source text (a fault injected at
    a precise moment of a real run: between reading an input and processing its documents)."""
    import pipeline.runner

    real = pipeline.runner.normalize

    def normalize(text: str) -> str:
        action(text)
        return real(text)

    monkeypatch.setattr(pipeline.runner, "normalize", normalize)
