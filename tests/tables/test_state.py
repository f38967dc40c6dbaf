"""Incremental runs, reprocessing, locking and crash recovery on real output directories."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.runner import RunOptions, run_pipeline
from pipeline.tables import state
from pipeline.tables.schemas import TABLES
from tests.conftest import SAMPLES
from tests.faults import baokan, environment, on_normalize

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


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory):
    """200 pages, written once for the kill tests."""
    folder = tmp_path_factory.mktemp("kill") / "in"
    _big_archive(folder, 200)
    return folder


def _published(out) -> bool:
    return any((out / "documents").glob("*.parquet")) if (out / "documents").exists() else False


def _staging(out) -> bool:
    return (out / state.STAGING).exists() and any((out / state.STAGING).rglob("*.parquet"))


# When the run is killed: during start-up, while the first part files are written, and after
# tables were published (a later checkpoint then runs or commits). The rules-only entity
# setup (BAOKAN_NER=rules) keeps the runs short; crash safety does not depend on the models.
KILL_POINTS = {"start-up": lambda out: True, "staging": _staging, "published": _published}


@pytest.mark.parametrize("when", list(KILL_POINTS))
def test_kill_minus_nine_loses_and_duplicates_nothing(tmp_path, big_archive, when):
    inputs = big_archive
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out), "-w", "1",
               "--batch-size", "4"]
    env = {**os.environ, "BAOKAN_CHECKPOINT_DOCS": "40", "BAOKAN_NER": "rules"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    time.sleep(0.5)
    while not KILL_POINTS[when](out) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL, "the run ended before it was killed"
    if (out / "documents").exists():
        pd.read_parquet(out / "documents")  # published tables stay readable
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    _assert_each_document_once(out, 200)


# --- reliability: faults never duplicate, corrupt or block -----------------------------------

FEED = SAMPLES / "feed.jsonl"
PAGE_A = "第一条\n本报讯 今天天气晴好,市民出行方便。"


def _rows(out, table: str) -> int:
    return len(pd.read_parquet(out / table))


@pytest.mark.parametrize("damage", ["deleted", "truncated", "not_an_object", "wrong_types"])
def test_a_damaged_manifest_is_rebuilt_from_the_tables_without_duplicates(tmp_path, damage):
    out = tmp_path / "out"
    first = run_pipeline([FEED], out, RunOptions(progress=False))
    manifest = out / state.STATE / state.MANIFEST
    if damage == "deleted":
        manifest.unlink()
    elif damage == "truncated":
        manifest.write_bytes(manifest.read_bytes()[:40])
    elif damage == "not_an_object":
        manifest.write_text("[]")
    else:
        manifest.write_text(json.dumps({"inputs": {"x": 5}, "documents": ["a"]}))
    counts = {table: _rows(out, table) for table in DOC_TABLES}
    second = run_pipeline([FEED], out, RunOptions(progress=False))
    assert second.n_documents == 0 and second.n_skipped == first.n_documents
    assert {table: _rows(out, table) for table in DOC_TABLES} == counts
    _assert_each_document_once(out, first.n_documents)
    assert len(state.Manifest.load(out).documents) == first.n_documents
    third = run_pipeline([FEED], out, RunOptions(progress=False))
    assert third.n_unchanged_inputs == 1


def test_same_size_rewrite_during_the_run_is_processed_next_time(tmp_path, monkeypatch):
    """The manifest's signature is the bytes read, not a hash taken after the file changed."""
    page = tmp_path / "in" / "a.txt"
    page.parent.mkdir()
    page.write_text(PAGE_A, encoding="utf-8")
    rewritten = PAGE_A.replace("晴好", "多云")

    def rewrite(text: str) -> None:
        if "晴好" in text:
            page.write_text(rewritten, encoding="utf-8")
            os.utime(page, ns=(time.time_ns(), time.time_ns() + 10**9))

    on_normalize(monkeypatch, rewrite)
    run_pipeline([page], tmp_path / "out", RunOptions(progress=False))
    monkeypatch.undo()
    second = run_pipeline([page], tmp_path / "out", RunOptions(progress=False))
    texts = set(pd.read_parquet(tmp_path / "out" / "documents").text)
    assert second.n_documents == 1 and any("多云" in text for text in texts)


def test_an_input_named_twice_is_read_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.jsonl").write_text('{"text": "一条正常的新闻。"}\n{oops\n', encoding="utf-8")
    summary = run_pipeline([folder / "feed.jsonl", folder, folder / "feed.jsonl"], tmp_path / "out",
                           RunOptions(progress=False))
    assert summary.n_inputs == 1 and summary.n_documents == 1
    assert _rows(tmp_path / "out", "errors") == 1


def test_errors_rows_are_not_duplicated_after_a_kill_following_a_checkpoint(tmp_path):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    records = [json.dumps({"text": f"标题{i}\n本报讯 第{i}号新闻,全市各地认真贯彻会议精神。"},
                          ensure_ascii=False) for i in range(300)]
    feed.write_text("{oops\n" + "\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    command = ["run", str(feed), "--out", str(out), "-w", "1", "--batch-size", "4"]
    env = environment(BAOKAN_CHECKPOINT_DOCS="20")
    process = subprocess.Popen([sys.executable, "-m", "pipeline", *command], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(pq.ParquetFile(p).metadata.num_rows for p in (out / "errors").glob("*.parquet")):
            assert process.poll() is None and time.monotonic() < deadline, "no checkpoint seen"
            time.sleep(0.05)
    finally:
        process.kill()
        process.wait()
    assert _rows(out, "documents") < 300  # killed before the file was finished
    result = baokan(*command, timeout=300, BAOKAN_CHECKPOINT_DOCS="20")
    assert result.returncode == 2, result.stderr[-2000:]
    errors = pd.read_parquet(out / "errors")
    assert list(errors.source_member) == ["line 1"]
    _assert_each_document_once(out, 300)


def _commit_blocked(folder) -> bool:
    """Make `folder` refuse new entries (chattr +i: works for root too); False if impossible."""
    return subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0 \
        if shutil.which("chattr") else False


def test_a_commit_that_cannot_complete_changes_nothing(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(PAGE_A, encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline([inputs], out, RunOptions(progress=False))
    before = {table: _rows(out, table) for table in DOC_TABLES}
    (inputs / "b.txt").write_text("第二条\n本报讯 全市开展植树活动,县委书记周明远参加。", encoding="utf-8")
    if not _commit_blocked(out / "entities"):
        pytest.skip("chattr +i is not available here")
    try:
        with pytest.raises(OSError):
            run_pipeline([inputs], out, RunOptions(progress=False))
        assert {table: _rows(out, table) for table in DOC_TABLES} == before
        runs = pd.read_parquet(out / "runs").sort_values("started_at")
        assert list(runs.status) == ["ok", "failed"] and "entities" in runs.error.iloc[-1]
        assert not list((out / state.STATE).glob("journal-*"))
    finally:
        subprocess.run(["chattr", "-i", str(out / "entities")], check=True)
    again = run_pipeline([inputs], out, RunOptions(progress=False))
    assert again.n_documents == 1
    _assert_each_document_once(out, 2)


def test_a_held_lock_whose_file_is_still_empty_is_not_stale(tmp_path):
    out = tmp_path / "out"
    lock = state.acquire_lock(out)
    try:
        lock.write_text("")  # as between the holder's create and its write
        with pytest.raises(state.LockedError):
            state.acquire_lock(out)
    finally:
        state.release_lock(lock)


def test_a_lock_naming_a_live_unrelated_process_is_taken_over(tmp_path):
    """PID reuse (after a reboot): the PID in the file belongs to some other live process."""
    out = tmp_path / "out"
    (out / state.STATE).mkdir(parents=True)
    other = subprocess.Popen(["sleep", "30"])
    try:
        (out / state.STATE / "lock").write_text(json.dumps({"pid": other.pid, "host": os.uname().nodename}))
        lock = state.acquire_lock(out)
        state.release_lock(lock)
    finally:
        other.kill()
        other.wait()


RACER = """
import os, sys, time
from pathlib import Path
from pipeline.tables import state
out, marker = Path(sys.argv[1]), Path(sys.argv[1]) / "inside"
start = float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
try:
    lock = state.acquire_lock(out)
except state.LockedError:
    sys.exit(0)
fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # FileExistsError: two holders
time.sleep(0.05)
os.close(fd)
marker.unlink()
state.release_lock(lock)
"""


def test_racing_processes_never_hold_the_lock_together(tmp_path):
    for trial in range(4):
        out = tmp_path / f"out{trial}"
        (out / state.STATE).mkdir(parents=True)
        (out / state.STATE / "lock").write_text(json.dumps({"pid": 2**22 + 17, "host": os.uname().nodename}))
        start = time.time() + 1.5
        racers = [subprocess.Popen([sys.executable, "-c", RACER, str(out), str(start)],
                                   env=environment(), stderr=subprocess.PIPE, text=True)
                  for _ in range(8)]
        failures = [r.communicate(timeout=60)[1] for r in racers if r.wait(timeout=60) != 0]
        assert not failures, failures[0][-1500:]
