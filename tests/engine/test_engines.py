"""Local process pool and a real Dask LocalCluster on loopback give the same tables as inline."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.runner import RunOptions, UsageError, run_pipeline
from pipeline.tables.schemas import TABLES
from tests.conftest import SAMPLES
from tests.faults import within

CONTENT_TABLES = [t for t in TABLES if t not in ("runs",)]
VOLATILE = {"run_id", "processed_at"}


def _tables(out) -> dict[str, pd.DataFrame]:
    frames = {}
    for table in CONTENT_TABLES:
        frame = pd.read_parquet(out / table)
        frame = frame.drop(columns=[c for c in VOLATILE if c in frame.columns])
        key = [c for c in frame.columns if frame[c].map(lambda v: isinstance(v, str | int)).all()]
        frames[table] = frame.sort_values(key).reset_index(drop=True) if key else frame
    return frames


def _assert_same(a, b):
    left, right = _tables(a), _tables(b)
    for table in CONTENT_TABLES:
        pd.testing.assert_frame_equal(left[table], right[table], check_like=True, obj=table)


def test_two_local_workers_match_inline(sample_out, tmp_path):
    out = tmp_path / "pool"
    run_pipeline([SAMPLES], out, RunOptions(progress=False, workers=2, batch_size=2))
    _assert_same(sample_out, out)


def test_dask_local_cluster_matches_inline(sample_out, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        run_pipeline([SAMPLES], out, RunOptions(progress=False, engine="dask",
                                                scheduler=cluster.scheduler_address, batch_size=2))
    _assert_same(sample_out, out)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_dask_scheduler_is_a_clear_error_within_the_timeout(tmp_path):
    pytest.importorskip("distributed")
    options = RunOptions(progress=False, engine="dask", dask_timeout=3,
                         scheduler=f"tcp://127.0.0.1:{_free_port()}")
    with within(40), pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        run_pipeline([SAMPLES / "feed.jsonl"], tmp_path / "out", options)
    runs = pd.read_parquet(tmp_path / "out" / "runs")
    assert list(runs.status) == ["failed"] and "Dask scheduler" in runs.error[0]


def test_dask_scheduler_without_workers_does_not_wait_forever(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=0, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        options = RunOptions(progress=False, engine="dask", dask_timeout=3,
                             scheduler=cluster.scheduler_address)
        with within(60), pytest.raises(UsageError, match="no workers"):
            run_pipeline([SAMPLES / "feed.jsonl"], tmp_path / "out", options)
