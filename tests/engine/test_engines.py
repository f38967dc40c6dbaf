"""Local process pool and a real Dask LocalCluster on loopback give the same tables as inline."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.runner import RunOptions, UsageError, run_pipeline
from pipeline.tables.schemas import TABLES
from tests.conftest import SAMPLES
from tests.faults import environment, within

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


def _pool_workers(process) -> list:
    """The pool's worker processes (spawned children running multiprocessing's spawn_main)."""
    return [child for child in process.children(recursive=True)
            if "spawn_main" in " ".join(child.cmdline())]


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_pool_workers_exit_with_the_main_process(tmp_path, sig):
    import contextlib
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(200):
        (inputs / f"p{i:03d}.txt").write_text(f"标题{i}\n本报讯 " + "全市各地认真贯彻会议精神。" * 40,
                                              encoding="utf-8")
    out = tmp_path / "out"
    main = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out),
                             "-w", "2", "--batch-size", "2"], env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        deadline = time.monotonic() + 180
        while len(workers) < 2:
            assert main.poll() is None and time.monotonic() < deadline, "no pool workers seen"
            workers = _pool_workers(psutil.Process(main.pid))
            time.sleep(0.2)
        time.sleep(3)  # let them load the pipeline and start on batches
        main.send_signal(getattr(signal, sig))
        main.wait(timeout=60)
        gone, alive = psutil.wait_procs(workers, timeout=20)
        assert not alive, f"{len(alive)} pool workers outlived the main process ({sig})"
    finally:
        main.kill()
        for worker in workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                worker.kill()
    if sig == "SIGTERM":
        assert main.returncode == 128 + signal.SIGTERM
        runs = pd.read_parquet(out / "runs")
        assert list(runs.status) == ["failed"] and "SIGTERM" in runs.error[0]
