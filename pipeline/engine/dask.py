"""Dask engine: the same batch work unit on a dask.distributed cluster's workers.

Workers need Baokan installed (same version); each loads the spaCy pipeline once per
process (`nlp()` is cached). At most `2 × workers` batches are in flight. Every wait is
bounded by `timeout`: connecting to the scheduler, waiting for a first worker, and a
stretch with no worker at all while batches are pending (EngineError).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator

from pipeline.engine import EngineError
from pipeline.engine.batch import BatchResult, Document, process_batch
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings

POLL_SECONDS = 2.0


def run_batches(batches: Iterable[list[Document]], run_id: str, scheduler: str,
                settings: Settings = DEFAULT_SETTINGS, timeout: float = 30.0) -> Iterator[BatchResult]:
    """Process batches on the cluster at `scheduler` (tcp://host:port), in input order."""
    with _connect(scheduler, timeout) as client:
        in_flight = 2 * max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(process_batch, batch, run_id, settings, pure=False))
            while len(pending) >= in_flight:
                yield _result(client, pending.popleft(), timeout)
        while pending:
            yield _result(client, pending.popleft(), timeout)


def _connect(scheduler: str, timeout: float):
    from distributed import Client

    try:
        client = Client(scheduler, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler} within "
                          f"{timeout:g} s ({type(exc).__name__})") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        raise EngineError(f"the Dask scheduler at {scheduler} has no workers "
                          f"(waited {timeout:g} s)") from None
    return client


def _result(client, future, timeout: float) -> BatchResult:
    """The future's result; EngineError once the cluster has had no worker for `timeout`."""
    workerless_since = None
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            pass
        if client.nthreads():
            workerless_since = None
            continue
        workerless_since = workerless_since or time.monotonic()
        if time.monotonic() - workerless_since > timeout:
            raise EngineError(f"every Dask worker is gone (none for {timeout:g} s) with "
                              "batches still to run")
