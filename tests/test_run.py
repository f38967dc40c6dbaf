"""End to end: the sample archive in, readable Parquet tables out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from pipeline.runner import RunOptions, UsageError, exit_status, run_pipeline
from pipeline.tables.schemas import TABLES
from tests.conftest import SAMPLES
from tests.faults import baokan, on_normalize

EXPECTED = json.loads((SAMPLES / "EXPECTED.json").read_text(encoding="utf-8"))["files"]
SPAN_TABLES = ("articles", "sentences", "entities", "people_roles", "slogans", "quotations", "statistics")


def test_every_table_is_readable_by_pandas_pyarrow_and_duckdb(sample_out):
    for table, schema in TABLES.items():
        frame = pd.read_parquet(sample_out / table)
        assert list(frame.columns) == schema.names
        dataset = ds.dataset(sample_out / table, format="parquet")
        assert dataset.schema.equals(schema, check_metadata=False)
        count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{sample_out}/{table}/**/*.parquet')")
        assert count.fetchall()[0][0] == len(frame)


def test_sample_archive_counts(sample_out):
    documents = pd.read_parquet(sample_out / "documents")
    articles = pd.read_parquet(sample_out / "articles")
    expected_docs = sum(len(f["documents"]) for f in EXPECTED.values())
    expected_articles = sum(d["articles"]["count"] for f in EXPECTED.values() for d in f["documents"])
    assert len(documents) == expected_docs
    assert len(articles) == expected_articles
    assert pd.read_parquet(sample_out / "errors").empty
    runs = pd.read_parquet(sample_out / "runs")
    assert runs.iloc[0]["n_documents"] == expected_docs and runs.iloc[0]["status"] == "ok"


def test_sample_encodings_dates_and_headlines(sample_out):
    documents = pd.read_parquet(sample_out / "documents")
    articles = pd.read_parquet(sample_out / "articles")
    for name, expected in EXPECTED.items():
        rows = documents[documents.source_path.str.endswith(name)]
        assert set(rows.encoding) == {expected["encoding"]} or name.endswith(".zip")
        assert {str(d) for d in rows.published_date} == {expected["published_date"]}
        headlines = set(articles[articles.doc_id.isin(rows.doc_id)].headline.dropna())
        reporters = {n for r in articles[articles.doc_id.isin(rows.doc_id)].reporters for n in r}
        for document in expected["documents"]:
            assert set(h for h in document["articles"]["headlines"] if h) <= headlines
            assert set(document["articles"].get("bylines_include", [])) <= reporters


def test_all_offsets_slice_the_document_text(sample_out):
    texts = pd.read_parquet(sample_out / "documents").set_index("doc_id")["text"]
    for table in SPAN_TABLES:
        for row in pd.read_parquet(sample_out / table).itertuples():
            assert texts[row.doc_id][row.start:row.end] == row.text, (table, row)


def test_ids_are_unique_and_stable(sample_out, tmp_path):
    articles = pd.read_parquet(sample_out / "articles")
    assert articles.article_id.is_unique
    again = tmp_path / "again"
    run_pipeline([SAMPLES], again, RunOptions(progress=False))
    assert sorted(pd.read_parquet(again / "articles").article_id) == sorted(articles.article_id)


def test_rerun_adds_no_duplicate_documents(tmp_path):
    out = tmp_path / "out"
    first = run_pipeline([SAMPLES], out, RunOptions(progress=False))
    second = run_pipeline([SAMPLES], out, RunOptions(progress=False))
    assert second.n_documents == 0 and second.n_unchanged_inputs == first.n_inputs
    documents = pd.read_parquet(out / "documents")
    assert documents.doc_id.is_unique and len(documents) == first.n_documents
    assert len(pd.read_parquet(out / "runs")) == 2


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("好消息\n本报讯 今天全市天气晴好,市民出行方便。", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (inputs / "broken.txt.gz").write_bytes(gzip.compress("新闻正文内容".encode() * 2000 + bytes(range(256)) * 40)[:200])
    (inputs / "feed.jsonl").write_text('{"text": "一条正常的新闻。"}\n{oops\n', encoding="utf-8")
    summary = run_pipeline([inputs], tmp_path / "out", RunOptions(progress=False))
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert summary.n_documents == 2
    assert sorted(errors.error_type) == ["binary", "corrupt_archive", "empty", "malformed_json"]
    assert set(errors.stage) <= {"ingest", "decode", "parse"}
    assert len(summary.failed_inputs) == 4
    assert pd.read_parquet(tmp_path / "out" / "runs").iloc[0]["status"] == "partial"


def test_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="input not found"):
        run_pipeline([tmp_path / "missing"], tmp_path / "out")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UsageError, match="cannot write"):
        run_pipeline([blocker], blocker / "out")


def test_ner_setup_is_a_processing_version(tmp_path):
    """A run with other NER models counts as another version: --reprocess redoes its documents."""
    out = tmp_path / "out"
    feed = SAMPLES / "feed.jsonl"
    run_pipeline([feed], out, RunOptions(progress=False))
    with_words = run_pipeline([feed], out, RunOptions(progress=False, ner="words", reprocess=True))
    assert with_words.n_reprocessed == with_words.n_documents == 3
    runs = pd.read_parquet(out / "runs").sort_values("started_at")
    assert [dict(v)["ner_setup"] for v in runs.model_versions] == ["both", "words"]
    assert len(pd.read_parquet(out / "documents")) == 3
    with pytest.raises(UsageError, match="unknown --ner"):
        run_pipeline([feed], out, RunOptions(progress=False, ner="fast"))


def test_run_api_is_exported(tmp_path):
    import pipeline

    summary = pipeline.run([SAMPLES / "feed.jsonl"], tmp_path / "o", progress=False)
    assert summary.n_documents == 3
    assert isinstance(Path(summary.out), Path)


# --- reliability: one bad input never loses the run ---------------------------------------

GOOD = "好消息\n本报讯 今天全市天气晴好,市民出行方便。"


def _inputs(tmp_path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return folder


def test_unreadable_and_deleted_inputs_are_errors_rows(tmp_path, monkeypatch):
    folder = _inputs(tmp_path, {"a.txt": GOOD, "c.txt": GOOD.replace("晴好", "多云")})
    (folder / "b.txt").symlink_to("/proc/self/mem")  # a regular file whose read fails (EIO)
    on_normalize(monkeypatch, lambda text: (folder / "c.txt").unlink(missing_ok=True))
    summary = run_pipeline([folder / "a.txt", folder / "b.txt", folder / "c.txt"], tmp_path / "out",
                           RunOptions(progress=False))
    errors = pd.read_parquet(tmp_path / "out" / "errors").sort_values("source_path")
    assert summary.n_documents == 1
    assert list(errors.error_type) == ["unreadable", "missing"]
    assert [Path(p).name for p in errors.source_path] == ["b.txt", "c.txt"]
    assert pd.read_parquet(tmp_path / "out" / "runs").status[0] == "partial"


@pytest.mark.parametrize("option, value, message", [
    ("checkpoint_docs", 0, "--checkpoint-docs"), ("checkpoint_docs", -5, "--checkpoint-docs"),
    ("max_member_bytes", -1, "--max-member-bytes"), ("max_member_bytes", 0, "--max-member-bytes"),
    ("glob", "[", "--glob"), ("glob", "", "--glob"), ("batch_size", 0, "batch size"),
])
def test_bad_option_values_are_usage_errors(tmp_path, option, value, message):
    options = RunOptions(progress=False, **{option: value})
    with pytest.raises(UsageError, match=message.replace("-", r"\-")):
        run_pipeline([SAMPLES / "feed.jsonl"], tmp_path / "out", options)


def test_bad_option_values_exit_one_on_the_command_line(tmp_path):
    result = baokan("run", str(SAMPLES / "feed.jsonl"), "--out", str(tmp_path / "o"),
                    "--checkpoint-docs", "0", timeout=60)
    assert result.returncode == 1 and "--checkpoint-docs" in result.stderr
    assert "Traceback" not in result.stderr


def test_interrupted_run_leaves_a_failed_runs_row(tmp_path, monkeypatch):
    folder = _inputs(tmp_path, {"a.txt": GOOD, "b.txt": GOOD.replace("晴好", "多云")})

    def interrupt(text: str) -> None:
        if "多云" in text:
            raise KeyboardInterrupt

    on_normalize(monkeypatch, interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline([folder], tmp_path / "out", RunOptions(progress=False, batch_size=1))
    runs = pd.read_parquet(tmp_path / "out" / "runs")
    assert list(runs.status) == ["failed"] and "KeyboardInterrupt" in runs.error[0]
    assert runs.finished_at.notna().all()
    monkeypatch.undo()
    run_pipeline([folder], tmp_path / "out", RunOptions(progress=False))
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert len(documents) == 2 and documents.doc_id.is_unique


def test_names_that_are_not_utf8_are_stored_escaped(tmp_path):
    import os

    folder = _inputs(tmp_path, {})
    (folder / os.fsdecode(b"\xff\xfe.txt")).write_text(GOOD, encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"id": "x\\ud800", "title": "t\\udfff", "text": "本报讯 全市开展植树活动。"}\n',
                                       encoding="utf-8")
    summary = run_pipeline([folder], tmp_path / "out", RunOptions(progress=False))
    assert summary.n_documents == 2 and not summary.failed_inputs
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert any(p.endswith("\\xff\\xfe.txt") for p in documents.source_path)
    assert "t\\udfff" in set(documents.title)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert set(errors.error_type) == {"escaped_name"} and len(errors) == 2


# --- reliability: inputs are read, not dropped; failures are retried ------------------------

def test_inputs_without_any_document_are_not_a_success(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.xml", "<x/>")
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    folder = _inputs(tmp_path, {"scans.zip": buffer.getvalue(),
                                "notes.gz": gzip.compress(GOOD.encode())})
    summary = run_pipeline([folder], tmp_path / "out", RunOptions(progress=False))
    assert summary.n_documents == 0 and len(summary.failed_inputs) == 2
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert sorted(errors.source_member) == ["notes", "page.xml", "photo.jpg"]
    assert pd.read_parquet(tmp_path / "out" / "runs").status[0] == "partial"
    result = baokan("run", str(folder), "--out", str(tmp_path / "out"), timeout=120)
    assert result.returncode == 2


def test_inputs_that_hold_no_readable_file_warn_and_exit_two(tmp_path):
    """A directory with no file the readers (or --glob) take is noted and the run exits 2;
    a path that does not exist stays a usage error."""
    folder = _inputs(tmp_path, {"scan.pdf": b"%PDF-1.4"})
    summary = run_pipeline([folder], tmp_path / "out", RunOptions(progress=False))
    assert summary.n_inputs == 0 and summary.empty_inputs == [str(folder)]
    assert exit_status(summary) == 2
    summary = run_pipeline([SAMPLES], tmp_path / "out", RunOptions(progress=False, glob="*.doc"))
    assert summary.empty_inputs == [str(SAMPLES)] and exit_status(summary) == 2
    with pytest.raises(UsageError, match="input not found"):
        run_pipeline([folder / "gone"], tmp_path / "out", RunOptions(progress=False))
    result = baokan("run", str(folder), "--out", str(tmp_path / "out"), timeout=120)
    assert result.returncode == 2 and "no file matches --glob '*'" in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_inputs_are_retried_and_still_reported(tmp_path):
    folder = _inputs(tmp_path, {"good.txt": GOOD, "feed.jsonl": '{oops\n{"title": "no text"}\n'})
    out = tmp_path / "out"
    first = run_pipeline([folder], out, RunOptions(progress=False))
    assert first.n_errors == 2 and len(first.failed_inputs) == 1
    second = run_pipeline([folder], out, RunOptions(progress=False))
    assert second.n_unchanged_inputs == 1 and second.n_errors == 2
    assert [Path(p).name for p in second.failed_inputs] == ["feed.jsonl"]
    assert len(pd.read_parquet(out / "errors")) == 2  # replaced, not duplicated
    rerun = baokan("run", str(folder), "--out", str(out), timeout=120)
    assert rerun.returncode == 2 and "feed.jsonl" in rerun.stdout
    (folder / "feed.jsonl").write_text('{"text": "本报讯 全市开展植树活动。"}\n', encoding="utf-8")
    fixed = run_pipeline([folder], out, RunOptions(progress=False))
    assert fixed.n_errors == 0 and fixed.n_documents == 1 and not fixed.failed_inputs
    assert pd.read_parquet(out / "errors").empty
    assert run_pipeline([folder], out, RunOptions(progress=False)).n_unchanged_inputs == 2


def test_documents_with_nlp_errors_are_retried(tmp_path):
    """A component that fails on one article: an nlp errors row with the doc_id, retried by
    the next run (still failing: still reported, not duplicated), gone once it succeeds."""
    from spacy.language import Language

    from pipeline.nlp.language import nlp

    if "test_explode" not in Language.factories:
        @Language.component("test_explode")
        def explode(doc):
            if "爆炸" in doc.text:
                raise RuntimeError("boom")
            return doc

    folder = _inputs(tmp_path, {"a.txt": GOOD, "b.txt": "坏消息\n本报讯 仓库发生爆炸,无人受伤。"})
    out = tmp_path / "out"
    language = nlp(RunOptions().settings)
    language.add_pipe("test_explode", first=True)
    try:
        first = run_pipeline([folder], out, RunOptions(progress=False))
        second = run_pipeline([folder], out, RunOptions(progress=False))
    finally:
        language.remove_pipe("test_explode")
    errors = pd.read_parquet(out / "errors")
    assert first.n_errors == second.n_errors == 1 and second.n_reprocessed == 1
    assert list(errors.stage) == ["nlp"] and errors.doc_id.notna().all()
    assert pd.read_parquet(out / "documents").doc_id.is_unique
    third = run_pipeline([folder], out, RunOptions(progress=False))
    assert third.n_errors == 0 and third.n_reprocessed == 1
    assert pd.read_parquet(out / "errors").empty
    assert len(pd.read_parquet(out / "articles")) == 2
