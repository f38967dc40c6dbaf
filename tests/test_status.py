"""`baokan status`: runs, tables, documents per month, errors and versions of real outputs."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from pipeline.status import NotAnOutput, collect, render
from tests.conftest import SAMPLES


def _text(status) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    render(status, console)
    return console.file.getvalue()


def test_sample_output_status(sample_out):
    status = collect(sample_out)
    assert len(status.runs) == 1 and status.runs.status.iloc[0] == "ok"
    assert status.months.to_dict() == {"2025-11": 8}
    assert status.table_rows["documents"] == 8 and status.table_rows["articles"] == 14
    assert status.errors.empty and "tokenizer" in status.model_versions
    text = _text(status)
    assert status.runs.run_id.iloc[0] in text
    assert "2025-11" in text and "errors: none" in text and "tokenizer" in text


def test_errors_unknown_dates_and_second_run(tmp_path):
    from pipeline.runner import RunOptions, run_pipeline

    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01" * 50)
    undated = tmp_path / "in" / "notes.txt"
    undated.write_text("县里召开会议。\n\n会议研究了下一步工作。\n", encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline([bad, undated], out, RunOptions(progress=False))
    run_pipeline([SAMPLES / "feed.jsonl"], out, RunOptions(progress=False))
    status = collect(out)
    assert len(status.runs) == 2
    assert status.runs.status.tolist()[0] == "partial"
    assert status.months.to_dict() == {"2025-11": 3, "unknown date": 1}
    assert status.errors["count"].sum() == 1 and "bad.txt" in status.errors.example.iloc[0]
    text = _text(status)
    assert "unknown date" in text and "errors (1)" in text
    assert status.errors.error_type.iloc[0] in text


@pytest.mark.parametrize("kind", ["missing", "empty", "file"])
def test_not_an_output_directory(tmp_path, kind):
    target = {"missing": tmp_path / "nope", "empty": tmp_path, "file": tmp_path / "f.txt"}[kind]
    if kind == "file":
        target.write_text("x", encoding="utf-8")
    with pytest.raises(NotAnOutput):
        collect(target)


def test_cli_status(sample_out, tmp_path):
    ok = subprocess.run([sys.executable, "-m", "pipeline", "status", str(sample_out)],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "documents 8" in ok.stdout and "2025-11" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "pipeline", "status", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "not a Baokan output directory" in bad.stderr


def damage(part, how: str) -> None:
    """Flip 64 bytes in the middle of a Parquet part, or cut it in half."""
    data = bytearray(part.read_bytes())
    if how == "truncated":
        part.write_bytes(bytes(data[: len(data) // 2]))
        return
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
    part.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flipped", "truncated"])
def test_status_reports_damaged_parts(tmp_path, how):
    from pipeline.runner import RunOptions, run_pipeline

    out = tmp_path / "out"
    run_pipeline([SAMPLES / "feed.jsonl"], out, RunOptions(progress=False))
    [part] = sorted((out / "documents").glob("*.parquet"))
    damage(part, how)
    status = collect(out)
    assert [p.name for p, _ in status.damaged] == [part.name]
    assert status.table_rows["documents"] == 0 and status.table_rows["articles"] == 3
    text = _text(status)
    assert "damaged" in text and part.name in text and "baokan repair" in text
    result = subprocess.run([sys.executable, "-m", "pipeline", "status", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "damaged" in result.stdout, result.stderr


def test_status_lock_note_only_while_a_run_holds_it(sample_out, tmp_path):
    from pipeline.tables import state

    assert not collect(sample_out).locked
    lock = state.acquire_lock(sample_out)
    try:
        assert collect(sample_out).locked
    finally:
        state.release_lock(lock)


def test_summary_and_status_write_counts_the_same_way(sample_out):
    from pipeline.runner import RunSummary, print_summary

    status = collect(sample_out)
    status.runs.loc[0, "n_sentences"] = 12345
    status.table_rows["sentences"] = 12345
    summary = RunSummary(run_id="r", out=sample_out, n_inputs=5, n_documents=8,
                         n_sentences=12345, n_chars=2_500_000, seconds=2.0)
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_summary(summary, console)
    printed = console.file.getvalue()
    shown = _text(status)
    assert "sentences 12,345" in printed and "12,345" in shown and "12345" not in shown + printed


def test_piped_output_is_not_wrapped(tmp_path):
    from pipeline.runner import RunOptions, run_pipeline

    deep = tmp_path / ("an_archive_folder_with_a_rather_long_descriptive_name_" * 2) / "2025-11-05"
    deep.mkdir(parents=True)
    bad = deep / "page_with_a_long_file_name_that_does_not_decode_at_all.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    run_pipeline([bad, SAMPLES / "feed.jsonl"], tmp_path / "out", RunOptions(progress=False))
    env = {key: value for key, value in __import__("os").environ.items() if key != "COLUMNS"}
    result = subprocess.run([sys.executable, "-m", "pipeline", "status", str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert str(bad) in result.stdout  # on one line, not folded at 80 columns
    run = subprocess.run([sys.executable, "-m", "pipeline", "run", str(bad), "--out",
                          str(tmp_path / "out2")], capture_output=True, text=True, timeout=300,
                         env=env)
    assert str(bad) in run.stdout and str(bad) in run.stderr
