"""Run progress: a live bar on a terminal, plain periodic log lines otherwise (cron).

Progress is counted in bytes of input, so one large file (a JSONL feed of 600 records)
moves the bar as its records are read, not only when it ends; the line also says how many
records of the current file have been read. Characters per second are measured from the
first processed batch on, so the time the workers spend loading the models does not count.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from pipeline.report import count

LOG_EVERY_SECONDS = 30.0


class RunProgress:
    """Bytes read (for the bar and the ETA), files, records, documents, chars/s, errors."""

    def __init__(self, console: Console, total_files: int, live: bool, total_bytes: int = 0,
                 clock: Callable[[], float] = time.perf_counter):
        self.console = console
        self.live = live
        self.clock = clock
        self.total_files = total_files
        self.total_bytes = max(total_bytes, 1)
        self.files = 0
        self.done_bytes = 0  # of finished files
        self.file_bytes = 0  # read so far in the current file (its records' text)
        self.file_size = 0
        self.records = 0  # read so far in the current file
        self.fields = {"documents": 0, "chars": 0, "errors": 0}
        self.started = self.last_log = clock()
        self.first_batch: tuple[float, int] | None = None  # (time, chars) of the first result
        self.bar = Progress(
            TextColumn("[bold]baokan[/]"), BarColumn(),
            TextColumn("{task.fields[where]}"),
            TextColumn("{task.fields[documents]} docs · {task.fields[rate]} chars/s · "
                       "{task.fields[errors]} errors"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, disable=not live, transient=True,
        )
        self.task = self.bar.add_task("run", total=self.total_bytes, documents=0, rate="…",
                                      errors=0, where=self._where())

    def __enter__(self) -> RunProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)
        if not self.live:
            self._log(final=True)

    def file_started(self, size: int) -> None:
        self.file_bytes, self.file_size, self.records = 0, size, 0

    def record_read(self, n_bytes: int) -> None:
        """A record (document) of the current file was read."""
        self.records += 1
        self.file_bytes = min(self.file_bytes + n_bytes, self.file_size)
        self._refresh()

    def file_done(self, size: int) -> None:
        self.files += 1
        self.done_bytes += size
        self.file_bytes = self.file_size = self.records = 0
        self._refresh()

    def update(self, **fields: int) -> None:
        if self.first_batch is None and fields.get("chars"):
            self.first_batch = (self.clock(), fields["chars"])
        self.fields.update(fields)
        self._refresh()

    def chars_per_second(self) -> float | None:
        """Characters per second since the first processed batch (None before a second)."""
        if self.first_batch is None:
            return None
        since, chars = self.first_batch
        elapsed = self.clock() - since
        done = self.fields["chars"] - chars
        return done / elapsed if elapsed > 0 and done > 0 else None

    def warn(self, message: str) -> None:
        """`warning: message`, the message printed as is (no rich markup: [line 12] stays)."""
        self._print(f"[yellow]warning[/]: {escape(message)}")

    def note(self, message: str) -> None:
        """`note: message`, for what the run decided on its own (a detected JSONL field)."""
        self._print(f"[cyan]note[/]: {escape(message)}")

    def _print(self, markup: str) -> None:
        stamp = "" if self.live else f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S%z} "
        self.console.print(stamp + markup, highlight=False, soft_wrap=True)

    def _completed(self) -> int:
        return min(self.done_bytes + self.file_bytes, self.total_bytes)

    def _where(self) -> str:
        where = f"{self.files}/{self.total_files} files"
        if self.records:
            where += f", {count(self.records)} records into the next"
        return where

    def _rate_text(self) -> str:
        rate = self.chars_per_second()
        return "…" if rate is None else count(rate)

    def _refresh(self) -> None:
        self.bar.update(self.task, completed=self._completed(), where=self._where(),
                        documents=count(self.fields["documents"]), rate=self._rate_text(),
                        errors=count(self.fields["errors"]))
        if not self.live and self.clock() - self.last_log >= LOG_EVERY_SECONDS:
            self._log()

    def _log(self, final: bool = False) -> None:
        self.last_log = now = self.clock()
        elapsed = now - self.started
        done = self._completed()
        eta = ""
        if not final and done and self.first_batch is not None:
            since = now - self.first_batch[0]
            eta = f", ETA {since / done * (self.total_bytes - done):.0f}s" if since > 0 else ""
        percent = "" if final else f" ({100 * done / self.total_bytes:.0f}% of the bytes)"
        self._print(
            f"progress: {escape(self._where())}{percent}, {count(self.fields['documents'])} "
            f"documents, {self._rate_text()} chars/s, {count(self.fields['errors'])} errors, "
            f"{elapsed:.0f}s elapsed{eta}")
