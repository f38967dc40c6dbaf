"""Baokan (报刊): information extraction for Chinese newspaper archives.

Public API: `nlp()` the cached spaCy pipeline, `run()` the archive → Parquet pipeline.
"""

from __future__ import annotations

__version__ = "0.1.0"

from pipeline.nlp.language import nlp  # noqa: E402


def run(inputs, out, **options):
    """Process input paths into Parquet tables under `out`; returns the run summary."""
    from pipeline.run import RunOptions, run_pipeline

    return run_pipeline(list(inputs), out, RunOptions(**options))


__all__ = ["nlp", "run", "__version__"]
