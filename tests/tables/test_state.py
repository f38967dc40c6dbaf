"""Incremental runs, reprocessing, locking and crash recovery on real output directories."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from pipeline.runner import RunOptions, run_pipeline
from pipeline.tables import state
from pipeline.tables.schemas import TABLES
from tests.conftest import SAMPLES

DOC_TABLES = [t for t, s in TABLES.items() if "doc_id" in s.names]


def _assert_each_document_once(out, expected_docs: int):
    documents = pd.read_parquet(out / "documents")
    assert documents.doc_id.is_unique and len(documents) == expected_docs
    articles = pd.read_parquet(out / "articles")
    assert articles.article_id.is_unique
    for table in DOC_TABLES:
        frame = pd.read_parquet(out / table)
        assert set(frame.doc_id.dropna()) <= set(documents.doc_id), table
    per_doc_runs = articles.groupby("doc_id").run_id.nunique()
    assert (per_doc_runs == 1).all()


def test_new_and_changed_files_are_processed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("第一条\n本报讯 今天天气晴好,市民出行方便。", encoding="utf-8")
    out = tmp_path / "out"
    assert run_pipeline([inputs], out, RunOptions(progress=False)).n_documents == 1
    (inputs / "b.txt").write_text("第二条\n本报讯 全市开展植树活动,参与群众众多。", encoding="utf-8")
    time.sleep(0.01)
    (inputs / "a.txt").write_text("第一条\n本报讯 今天天气晴好,市民出行方便,景区游客增多。", encoding="utf-8")
    second = run_pipeline([inputs], out, RunOptions(progress=False))
    assert second.n_documents == 2 and second.n_unchanged_inputs == 0
    third = run_pipeline([inputs], out, RunOptions(progress=False))
    assert third.n_documents == 0 and third.n_unchanged_inputs == 2
    _assert_each_document_once(out, 3)


def test_outdated_documents_are_reprocessed_only_on_request(tmp_path):
    out = tmp_path / "out"
    first = run_pipeline([SAMPLES], out, RunOptions(progress=False))
    manifest_path = out / state.STATE / state.MANIFEST
    data = json.loads(manifest_path.read_text())
    for record in data["inputs"].values():
        record["version"] = "0.0.0+older"
    data["documents"] = dict.fromkeys(data["documents"], "0.0.0+older")
    manifest_path.write_text(json.dumps(data))
    assert len(state.Manifest.load(out).outdated_documents(state.processing_version())) == 8
    plain = run_pipeline([SAMPLES], out, RunOptions(progress=False))
    assert plain.n_documents == 0
    again = run_pipeline([SAMPLES], out, RunOptions(progress=False, reprocess=True))
    assert again.n_reprocessed == first.n_documents == again.n_documents
    _assert_each_document_once(out, first.n_documents)
    assert not state.Manifest.load(out).outdated_documents(state.processing_version())


def test_live_lock_refuses_and_stale_lock_is_taken_over(tmp_path):
    out = tmp_path / "out"
    lock = state.acquire_lock(out)
    with pytest.raises(state.LockedError, match="locked"):
        state.acquire_lock(out)
    state.release_lock(lock)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    lock.write_text(json.dumps({"pid": int(dead), "host": os.uname().nodename}))
    taken = state.acquire_lock(out)
    assert json.loads(taken.read_text())["pid"] == os.getpid()
    state.release_lock(taken)


def test_locked_output_exits_three(tmp_path):
    out = tmp_path / "out"
    lock = state.acquire_lock(out)
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(SAMPLES / "feed.jsonl"),
                             "--out", str(out), "-w", "1"], capture_output=True, text=True)
    state.release_lock(lock)
    assert result.returncode == 3 and "locked" in result.stderr


def test_interrupted_commit_is_rolled_forward(tmp_path):
    out = tmp_path / "out"
    run_pipeline([SAMPLES / "feed.jsonl"], out, RunOptions(progress=False))
    staged = out / state.STAGING / "crashed" / "documents" / "part-crashed-00000.parquet"
    staged.parent.mkdir(parents=True)
    extra = tmp_path / "extra.parquet"
    pd.read_parquet(out / "documents").head(0).to_parquet(extra)
    staged.write_bytes(extra.read_bytes())
    journal = state.journal_path(out, "crashed")
    journal.write_text(json.dumps({"moves": [[str(staged), str(out / "documents" / staged.name)]],
                                   "deletes": []}))
    (out / state.STAGING / "orphan").mkdir()
    assert state.recover(out) == ["crashed"]
    assert (out / "documents" / staged.name).exists() and not journal.exists()
    assert not (out / state.STAGING).exists()


def _big_archive(folder, n: int):
    folder.mkdir()
    for i in range(n):
        body = "".join(f"第{i}号文件第{j}段,全市各地认真贯彻会议精神,推动各项工作落地见效。" for j in range(30))
        (folder / f"page{i:04d}.txt").write_text(f"标题{i}\n本报讯(记者 王明){body}", encoding="utf-8")


@pytest.mark.parametrize("delay", [0.8, 1.6, 2.4])
def test_kill_minus_nine_loses_and_duplicates_nothing(tmp_path, delay):
    inputs = tmp_path / "in"
    _big_archive(inputs, 400)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out), "-w", "1",
               "--batch-size", "4"]
    env = {**os.environ, "BAOKAN_CHECKPOINT_DOCS": "40"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if (out / "documents").exists():
        pd.read_parquet(out / "documents")  # published tables stay readable
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    _assert_each_document_once(out, 400)
