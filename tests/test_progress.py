"""Progress counts records and bytes within one large input, and chars/s leaves out the
time the workers spend loading the models."""

from __future__ import annotations

import io
import json

from rich.console import Console

from pipeline import progress
from pipeline.progress import RunProgress


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _progress(clock: Clock, **kwargs) -> tuple[RunProgress, Console]:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    return RunProgress(console, live=False, clock=clock, **kwargs), console


def test_chars_per_second_leave_out_model_loading():
    clock = Clock()
    run, _ = _progress(clock, total_files=1, total_bytes=10_000)
    assert run.chars_per_second() is None
    clock.now = 10.0  # ten seconds loading the models, then the first batch
    run.update(chars=1_000)
    clock.now = 12.0
    run.update(chars=5_000)
    assert run.chars_per_second() == 2_000  # not 5,000 / 12 s


def test_records_and_bytes_within_one_file_are_counted():
    clock = Clock()
    run, console = _progress(clock, total_files=1, total_bytes=1_000)
    run.file_started(1_000)
    run.record_read(300)
    run.record_read(300)
    run._log()
    line = console.file.getvalue().splitlines()[-1]
    assert "0/1 files, 2 records into the next" in line and "60% of the bytes" in line


def test_a_run_over_one_feed_reports_progress_inside_it(tmp_path, monkeypatch, capsys):
    from pipeline.runner import RunOptions, run_pipeline

    body = "县委召开常委会会议,研究部署今冬明春农业农村重点工作,强调要扎实推进“千万工程”。{}"
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": body.format(i)}, ensure_ascii=False) + "\n"
                            for i in range(12)), encoding="utf-8")
    monkeypatch.setattr(progress, "LOG_EVERY_SECONDS", 0.0)
    run_pipeline([feed], tmp_path / "out", RunOptions(progress=False, ner="rules", batch_size=2))
    lines = [line for line in capsys.readouterr().err.splitlines() if "progress:" in line]
    inside = [line for line in lines if "0/1 files," in line and "records into the next" in line]
    assert inside, lines
    assert lines[-1].split(" ", 2)[2].startswith("progress: 1/1 files")  # after the timestamp
