"""Local engine: batches run inline (1 worker) or in a process pool, results in order.

Each pool process loads the spaCy pipeline once (initializer); at most `2 × workers`
batches are in flight, so memory stays flat however large the archive.

Workers never outlive the run: each asks the kernel for SIGKILL when its parent dies
(Linux `PR_SET_PDEATHSIG`; a watchdog thread checks the parent elsewhere), ignores SIGINT
(the main process handles Ctrl-C), and when the run stops early (an exception, SIGTERM,
Ctrl-C) the main process kills its workers instead of waiting for their batches.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from pipeline.engine.batch import BatchResult, Document, process_batch
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings

PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 1.0


def default_workers() -> int:
    """All cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batches(batches: Iterable[list[Document]], run_id: str, workers: int,
                settings: Settings = DEFAULT_SETTINGS) -> Iterator[BatchResult]:
    """Process batches, yielding results in input order."""
    if workers <= 1:
        for batch in batches:
            yield process_batch(batch, run_id, settings)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up,
                               initargs=(settings, os.getpid()))
    finished = False
    try:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(process_batch, batch, run_id, settings))
            while len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers now (their batches are abandoned), then shut it down."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError):
            process.kill()
    for process in processes:
        process.join(timeout=10)
    pool.shutdown(wait=False, cancel_futures=True)


def _warm_up(settings: Settings, parent: int) -> None:
    """Tie the worker's life to its parent's, then load the spaCy pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    from pipeline.nlp.language import nlp

    nlp(settings)


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)
