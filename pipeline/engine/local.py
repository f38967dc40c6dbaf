"""Local engine: batches run inline (1 worker) or in a process pool, results in order.

Each pool process loads the spaCy pipeline once (initializer); at most `2 × workers`
batches are in flight, so memory stays flat however large the archive.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from pipeline.engine.batch import BatchResult, Document, process_batch
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings


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
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up,
                             initargs=(settings,)) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(process_batch, batch, run_id, settings))
            while len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _warm_up(settings: Settings) -> None:
    """Load the spaCy pipeline once when a worker process starts."""
    from pipeline.nlp.language import nlp

    nlp(settings)
