"""The `baokan` command: exit statuses and the summary, run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import SAMPLES


def _baokan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True,
                          text=True, timeout=600)


def test_run_prints_summary_and_exits_zero(tmp_path):
    result = _baokan("run", str(SAMPLES / "feed.jsonl"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "documents 3" in result.stdout and "errors 0" in result.stdout


def test_failed_inputs_exit_two_and_are_named(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 10)
    result = _baokan("run", str(bad), str(SAMPLES / "feed.jsonl"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "bad.txt" in result.stdout and "binary" in result.stderr


def test_missing_input_is_a_usage_error(tmp_path):
    result = _baokan("run", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "input not found" in result.stderr


def test_usage_errors_exit_one_including_parse_errors(tmp_path):
    """Every usage error exits 1 (the command-line library's own parse errors exit 2
    otherwise, the code of "some inputs failed")."""
    out = str(tmp_path / "out")
    cases = {
        "no input": ("run",),
        "unknown option": ("run", "--outt", out, str(SAMPLES)),
        "bad number": ("run", "--workers", "many", str(SAMPLES), "--out", out),
        "unknown command": ("frobnicate",),
        "missing input": ("run", str(tmp_path / "nope"), "--out", out),
    }
    for name, args in cases.items():
        result = _baokan(*args)
        assert result.returncode == 1, (name, result.returncode, result.stderr)
        assert "Traceback" not in result.stderr, name
    assert "--outt" in _baokan(*cases["unknown option"]).stderr


def test_help_shows_flags_as_flags_and_inputs_by_name():
    result = _baokan("run", "--help")
    assert result.returncode == 0, result.stderr
    assert "<bool>" not in result.stdout and "{" not in result.stdout
    usage = next(line for line in result.stdout.splitlines() if line.startswith("Usage:"))
    assert usage.endswith("run [OPTIONS] INPUT..."), usage
    reprocess = next(line for line in result.stdout.splitlines() if "--reprocess" in line)
    assert reprocess.split()[0] == "--reprocess" and reprocess.split()[1][0].isupper()


def test_version_and_info():
    import pipeline
    from pipeline.nlp.language import MODELS_DIR
    from pipeline.version import tree_digest

    version = _baokan("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"baokan {pipeline.__version__}"
    info = _baokan("info")
    assert info.returncode == 0, info.stderr
    text = info.stdout
    assert f"baokan {pipeline.__version__}" in text and "spacy 3.8" in text
    for name in ("segmenter", "ner", "ner_words", "slogans"):
        assert str(MODELS_DIR / name) in text and tree_digest(MODELS_DIR / name) in text, name
    assert "fonts" in text and "corpora" in text


def test_evaluate_ner_without_corpora_says_what_is_missing(tmp_path):
    result = _baokan("evaluate", "ner", "--corpora", str(tmp_path / "corpora"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "msra_ner/msra_test_bio.tsv" in lines[0] and "--corpora" in lines[0]


def test_glob_matching_nothing_warns_and_exits_two(tmp_path):
    result = _baokan("run", str(SAMPLES), "--glob", "*.xml", "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert f"{SAMPLES}: no file matches --glob '*.xml'" in result.stderr
    assert "no input file" in result.stdout


def test_input_that_yields_no_document_warns_and_exits_two(tmp_path):
    import zipfile

    archive = tmp_path / "scans.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("page01.pdf", b"%PDF-1.4 not a format Baokan reads")
    result = _baokan("run", str(archive), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    # every member not read is an errors row of its own (issue 22), named in the warning
    assert "scans.zip [page01.pdf]: unsupported" in result.stderr
    assert str(archive) in result.stdout  # named among the failed inputs


def _news_feed(tmp_path, n: int, field: str = "content"):
    """A JSONL file in the transcripts' layout: id, date, title and the text in `field`."""
    import json

    body = "本报讯 11月{}日,县委召开常委会会议,研究部署今冬明春农业农村重点工作。会议强调,要扎实推进“千万工程”。"
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"id": f"n{i}", "date": f"2025-11-{i + 1:02d}",
                                        "title": f"县委召开常委会会议{i}", field: body.format(i + 1)},
                                       ensure_ascii=False) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


def test_text_field_option_and_detection_notice(tmp_path):
    feed = _news_feed(tmp_path, 3)
    chosen = _baokan("run", str(feed), "--text-field", "content", "--out", str(tmp_path / "a"))
    assert chosen.returncode == 0, chosen.stderr
    assert "documents 3" in chosen.stdout and "note:" not in chosen.stderr
    detected = _baokan("run", str(feed), "--out", str(tmp_path / "b"))
    assert detected.returncode == 0, detected.stderr
    assert "documents 3" in detected.stdout
    assert detected.stderr.count("note:") == 1 and "reading 'content'" in detected.stderr


def test_one_warning_per_file_with_a_count_and_brackets_kept(tmp_path):
    import pandas as pd

    feed = _news_feed(tmp_path, 40)
    result = _baokan("run", str(feed), "--text-field", "body", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1, result.stderr
    assert "news.jsonl [line 1]: missing_text" in warnings[0]  # not eaten as rich markup
    assert "40 times in this file" in warnings[0] and "fields found: id, date, title, content" in warnings[0]
    assert len(pd.read_parquet(tmp_path / "out" / "errors")) == 40


def test_ctrl_c_says_what_was_kept_and_a_rerun_goes_on(tmp_path):
    import os
    import signal
    import time

    import pandas as pd

    pages = tmp_path / "pages"
    pages.mkdir()
    line = "县委召开常委会会议,研究部署今冬明春农业农村重点工作。会议强调,要扎实推进“千万工程”。"
    for i in range(160):
        (pages / f"page{i:03d}.txt").write_text(f"第{i}次会议\n" + line * 8, encoding="utf-8")
    command = [sys.executable, "-m", "pipeline", "run", str(pages), "--out", str(tmp_path / "out"),
               "--workers", "1", "--batch-size", "2", "--checkpoint-docs", "4"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    while not list((tmp_path / "out" / "documents").glob("*.parquet")):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C on a terminal sends
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr
    assert "interrupted:" in stderr and "Run the same command again" in stderr
    assert "Traceback" not in stderr
    kept = len(pd.read_parquet(tmp_path / "out" / "documents"))
    assert 0 < kept < 160
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    documents = pd.read_parquet(tmp_path / "out" / "documents")
    assert len(documents) == 160 and documents.doc_id.is_unique


def test_evaluate_segmentation_without_corpora_is_one_line(tmp_path):
    result = _baokan("evaluate", "segmentation", "--corpora", str(tmp_path / "corpora"),
                     "--no-jieba")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert str(tmp_path / "corpora") in line and "--corpora DIR" in line
