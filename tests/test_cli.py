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
