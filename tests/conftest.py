"""Shared fixtures: the sample archive run once per session, and the seed page when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
SEED_DIR = REPO.parent / "shared" / "seed"


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """Output directory of one full pipeline run over data/samples."""
    from pipeline.runner import RunOptions, run_pipeline

    out = tmp_path_factory.mktemp("sample_out")
    run_pipeline([SAMPLES], out, RunOptions(progress=False))
    return out


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """Output directory of one full pipeline run over the seed page (skipped without ../shared)."""
    if not SEED_DIR.exists():
        pytest.skip("../shared/seed is not present")
    from pipeline.runner import RunOptions, run_pipeline

    out = tmp_path_factory.mktemp("seed_out")
    run_pipeline(sorted(SEED_DIR.glob("*.txt")), out, RunOptions(progress=False))
    return out
