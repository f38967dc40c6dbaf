"""Shared fixtures: the sample archive run once per session, and the seed page when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.paths import CHECKOUT, SEED

REPO = CHECKOUT
SAMPLES = REPO / "data" / "samples"
SEED_DIR = SEED


LAYERED_PAGE = """青田县召开侨乡发展大会

本报讯(记者 林晓帆)3月12日,青田县召开侨乡发展大会。县委书记周明远出席会议并讲话。

会议强调,要深入践行“八八战略”,扎实推进“千万工程”,以“侨乡+”为抓手推动共同富裕。\
今年全县地区生产总值达到386.5亿元,同比增长7.8%。

青田县侨联、县商务局负责人作交流发言。
"""


@pytest.fixture(scope="session")
def layered_out(tmp_path_factory) -> Path:
    """A real run over LAYERED_PAGE, whose entities, slogans and statistics are all non-empty."""
    import pandas as pd

    from pipeline.runner import RunOptions, run_pipeline

    root = tmp_path_factory.mktemp("layered")
    page = root / "in" / "2026-03-12" / "page01.txt"
    page.parent.mkdir(parents=True)
    page.write_text(LAYERED_PAGE, encoding="utf-8")
    run_pipeline([page], root / "out", RunOptions(progress=False))
    for table in ("entities", "slogans", "statistics"):
        assert len(pd.read_parquet(root / "out" / table)), table
    return root / "out"


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
