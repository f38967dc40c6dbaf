"""Dask engine: the same batch work unit on a dask.distributed cluster's workers.

Workers need Baokan installed (same version); each loads the spaCy pipeline once per
process (`nlp()` is cached). At most `2 × workers` batches are in flight.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from pipeline.engine.batch import BatchResult, Document, process_batch
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings


def run_batches(batches: Iterable[list[Document]], run_id: str, scheduler: str,
                settings: Settings = DEFAULT_SETTINGS) -> Iterator[BatchResult]:
    """Process batches on the cluster at `scheduler` (tcp://host:port), in input order."""
    from distributed import Client

    with Client(scheduler, set_as_default=False) as client:
        in_flight = 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(process_batch, batch, run_id, settings, pure=False))
            while len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
