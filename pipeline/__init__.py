"""Baokan (报刊): information extraction for Chinese newspaper archives.

Public API: `nlp()` the cached spaCy pipeline, `run()` the archive → Parquet pipeline,
`load()` the tables as pandas DataFrames, `connect()` a DuckDB connection with a view per table.
"""

from __future__ import annotations

from pipeline.analysis import connect, load
from pipeline.nlp.language import nlp
from pipeline.version import __version__


def run(inputs, out, **options):
    """Process input paths into Parquet tables under `out`; returns the run summary."""
    from pathlib import Path

    from pipeline.runner import RunOptions, run_pipeline

    if isinstance(inputs, str | Path):
        inputs = [inputs]
    return run_pipeline([Path(p) for p in inputs], Path(out), RunOptions(**options))


__all__ = ["connect", "load", "nlp", "run", "__version__"]
