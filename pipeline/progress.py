"""Run progress: a live bar on a terminal, plain periodic log lines otherwise (cron)."""

from __future__ import annotations

import time

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

LOG_EVERY_SECONDS = 30.0


class RunProgress:
    """Files done (by bytes, for the ETA), documents, characters/s and errors."""

    def __init__(self, console: Console, total_files: int, live: bool):
        self.console = console
        self.live = live
        self.total_files = total_files
        self.files = 0
        self.fields = {"documents": 0, "chars": 0, "errors": 0}
        self.started = time.perf_counter()
        self.last_log = self.started
        self.bar = Progress(
            TextColumn("[bold]baokan[/]"), BarColumn(),
            TextColumn("{task.completed}/{task.total} files"),
            TextColumn("{task.fields[documents]} docs · {task.fields[rate]} chars/s · "
                       "{task.fields[errors]} errors"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, disable=not live, transient=True,
        )
        self.task = self.bar.add_task("run", total=total_files, documents=0, rate="0", errors=0)

    def __enter__(self) -> RunProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)
        if not self.live:
            self._log(final=True)

    def file_done(self, size: int) -> None:
        self.files += 1
        self.bar.update(self.task, completed=self.files)
        self._maybe_log()

    def update(self, **fields: int) -> None:
        self.fields.update(fields)
        rate = self.fields["chars"] / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, documents=self.fields["documents"], rate=f"{rate:,.0f}",
                        errors=self.fields["errors"])
        self._maybe_log()

    def warn(self, message: str) -> None:
        """`warning: message`, the message printed as is (no rich markup: [line 12] stays)."""
        self.console.print(f"[yellow]warning[/]: {escape(message)}", highlight=False,
                           soft_wrap=True)

    def note(self, message: str) -> None:
        """`note: message`, for what the run decided on its own (a detected JSONL field)."""
        self.console.print(f"[cyan]note[/]: {escape(message)}", highlight=False, soft_wrap=True)

    def _maybe_log(self) -> None:
        if not self.live and time.perf_counter() - self.last_log >= LOG_EVERY_SECONDS:
            self._log()

    def _log(self, final: bool = False) -> None:
        self.last_log = now = time.perf_counter()
        elapsed = now - self.started
        rate = self.fields["chars"] / max(elapsed, 1e-9)
        eta = ""
        if not final and self.files:
            eta = f", ETA {elapsed / self.files * (self.total_files - self.files):.0f}s"
        self.console.print(
            f"progress: {self.files}/{self.total_files} files, {self.fields['documents']} documents, "
            f"{rate:,.0f} chars/s, {self.fields['errors']} errors, {elapsed:.0f}s elapsed{eta}",
            highlight=False, soft_wrap=True)
