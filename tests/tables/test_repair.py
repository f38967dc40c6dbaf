"""Damaged Parquet parts: a run refuses to build on them, `baokan repair` sets them aside and
the next run restores their documents, each exactly once."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.runner import RunOptions, UsageError, run_pipeline
from pipeline.tables.repair import repair
from pipeline.tables.schemas import TABLES
from tests.conftest import SAMPLES
from tests.faults import baokan
from tests.test_status import damage

FEED = SAMPLES / "feed.jsonl"
PAGE = "第二条\n本报讯 全市开展植树活动,县委书记周明远参加。"


def _counts(out) -> dict[str, int]:
    return {table: len(pd.read_parquet(out / table)) for table in TABLES if table != "runs"}


def _two_runs(tmp_path):
    page = tmp_path / "in" / "b.txt"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    first = run_pipeline([FEED], out, RunOptions(progress=False))
    second = run_pipeline([FEED, page], out, RunOptions(progress=False))
    return out, page, first.run_id, second.run_id


def test_a_truncated_part_stops_the_run_until_repaired(tmp_path):
    out, page, _, second = _two_runs(tmp_path)
    counts = _counts(out)
    [part] = [p for p in (out / "entities").glob("*.parquet") if second in p.name]
    damage(part, "truncated")
    with pytest.raises(UsageError, match="damaged Parquet part"):
        run_pipeline([FEED, page], out, RunOptions(progress=False))
    result = baokan("run", str(FEED), "--out", str(out), timeout=120)
    assert result.returncode == 1 and "baokan repair" in result.stderr
    assert "Traceback" not in result.stderr
    repair(out)
    assert run_pipeline([FEED, page], out, RunOptions(progress=False)).n_documents == 1
    assert _counts(out) == counts


@pytest.mark.parametrize("how", ["flipped", "truncated"])
@pytest.mark.parametrize("table", ["documents", "entities", "errors"])
def test_repair_sets_damaged_parts_aside_and_the_next_run_restores_them(tmp_path, how, table):
    out, page, first, second = _two_runs(tmp_path)
    (tmp_path / "in" / "bad.txt").write_bytes(b"")  # an errors row in a third run
    third = run_pipeline([FEED, page, tmp_path / "in"], out, RunOptions(progress=False)).run_id
    counts = _counts(out)
    damaged_run = third if table == "errors" else second
    [part] = [p for p in (out / table).glob("*.parquet") if damaged_run in p.name]
    damage(part, how)
    report = repair(out)
    assert [p.name for p, _ in report.damaged] == [part.name]
    assert (out / "_state" / "damaged" / table / part.name).exists() and not part.exists()
    assert report.dropped_documents == (0 if table == "errors" else 1)
    documents = pd.read_parquet(out / "documents")
    assert set(documents.run_id) <= {first, second}
    assert repair(out).damaged == []  # a repaired output is healthy
    restored = run_pipeline([FEED, page, tmp_path / "in"], out, RunOptions(progress=False))
    assert restored.n_documents == (0 if table == "errors" else 1)
    assert _counts(out) == counts
    assert pd.read_parquet(out / "documents").doc_id.is_unique
    assert len(pd.read_parquet(out / "errors")) == 1


def test_repair_command(tmp_path):
    out = tmp_path / "out"
    run_pipeline([FEED], out, RunOptions(progress=False))
    (out / "_state" / "manifest.json").unlink()
    result = baokan("repair", str(out), timeout=120)
    assert result.returncode == 0 and "no damaged parts" in result.stdout, result.stderr
    assert (out / "_state" / "manifest.json").exists()
    missing = baokan("repair", str(tmp_path / "nothing"), timeout=120)
    assert missing.returncode == 1
