"""Acceptance on the seed page (../shared/seed), read as a file named for its publication date.

The page is copied into a temporary directory as 2025-07-06.txt (nothing of it is stored in
the repository) and run through the whole pipeline.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pipeline.runner import RunOptions, run_pipeline
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def dated_seed_out(tmp_path_factory) -> Path:
    pages = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.exists() else []
    if not pages:
        pytest.skip("../shared/seed is not present")
    root = tmp_path_factory.mktemp("dated_seed")
    (root / "in").mkdir()
    shutil.copyfile(pages[0], root / "in" / "2025-07-06.txt")
    run_pipeline([root / "in"], root / "out", RunOptions(progress=False))
    return root / "out"


def _office(out: Path, name: str) -> list[tuple]:
    offices = pd.read_parquet(out / "offices")
    return [(r.title, r.organization, r.first_seen) for r in offices[offices.name == name].itertuples()]


def test_the_meeting_report_is_dated_by_its_dateline(dated_seed_out):
    articles = pd.read_parquet(dated_seed_out / "articles").sort_values("article_index")
    first = articles.iloc[0]
    assert first.dateline.endswith("7月5日") and first.event_date == date(2025, 7, 5)


def test_seed_offices(dated_seed_out):
    assert ("市委书记", "中共丽水市委", date(2025, 7, 5)) in _office(dated_seed_out, "吴舜泽")
    assert [o[:2] for o in _office(dated_seed_out, "戴平辉")] == [("市委副书记", "中共丽水市委")]
    assert ("组长", "省委学习教育第二督导组") in [o[:2] for o in _office(dated_seed_out, "钟关华")]
    people = pd.read_parquet(dated_seed_out / "people").set_index("name")
    assert people.loc["吴舜泽", "first_seen"] == date(2025, 7, 5)
    assert "中共丽水市委" in list(people.loc["吴舜泽", "organizations"])
