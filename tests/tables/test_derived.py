"""The derived tables on real runs: rebuilt after a run that changed the source tables, untouched
by a no-op rerun, declared schemas, offsets that slice the documents."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

from pipeline.evaluate import people as people_eval
from pipeline.runner import RunOptions, run_pipeline
from pipeline.tables import derived, state
from pipeline.tables.schemas import DERIVED, TABLES

IDS = ("ls-01", "ls-02", "ls-03", "ls-06", "sc-01", "sc-02", "sc-06")


def _records(ids=IDS) -> list[dict]:
    return [r for r in people_eval.load() if r["id"] in ids]


def _write_feed(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for source, lines in people_eval._feeds(records).items():
        (folder / f"{source}.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def people_out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("people")
    run_pipeline([_write_feed(root / "in", _records())], root / "out", RunOptions(progress=False))
    return root / "out"


def _files(out: Path) -> dict[str, int]:
    paths = [p for table in DERIVED for p in (out / table).glob("*.parquet")]
    paths.append(out / state.STATE / derived.FINGERPRINT)
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in paths}


def test_derived_tables_have_their_declared_schemas(people_out):
    for table in DERIVED:
        dataset = ds.dataset(people_out / table, format="parquet")
        assert dataset.schema.equals(TABLES[table], check_metadata=False), table
        assert len(list((people_out / table).glob("*.parquet"))) == 1
    people = pd.read_parquet(people_out / "people")
    assert people.person_id.is_unique and (people.n_articles >= 1).all()
    assert set(pd.read_parquet(people_out / "offices").person_id) <= set(people.person_id)


def test_person_mentions_slice_the_documents(people_out):
    texts = pd.read_parquet(people_out / "documents").set_index("doc_id")["text"]
    mentions = pd.read_parquet(people_out / "person_mentions")
    assert {"name", "surname_title", "byline"} <= set(mentions.kind)
    for row in mentions.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_offices_follow_a_handover(people_out):
    offices = pd.read_parquet(people_out / "offices")
    secretaries = offices[(offices.organization == "中共丽水市委") & (offices.title == "市委书记")]
    spans = {r.name: (str(r.first_seen), str(r.last_seen))
             for r in secretaries.itertuples()}
    assert spans == {"胡立新": ("2024-11-05", "2024-12-03"), "林国栋": ("2025-02-26", "2025-02-26")}


def test_a_noop_rerun_leaves_the_derived_tables_alone(people_out, tmp_path):
    before = _files(people_out)
    time.sleep(0.01)
    again = run_pipeline([people_out.parent / "in"], people_out, RunOptions(progress=False))
    assert again.n_documents == 0
    assert _files(people_out) == before
    assert not set(DERIVED) & set(again.table_rows)
    assert derived.is_current(people_out)


def test_a_run_with_new_articles_rebuilds_them(tmp_path):
    out = tmp_path / "out"
    first = _records(("ls-01", "ls-02"))
    run_pipeline([_write_feed(tmp_path / "in1", first)], out, RunOptions(progress=False))
    before = pd.read_parquet(out / "people").set_index("name").n_articles
    later = run_pipeline([_write_feed(tmp_path / "in2", _records(("ls-03",)))], out,
                         RunOptions(progress=False))
    after = pd.read_parquet(out / "people").set_index("name").n_articles
    assert later.table_rows["people"] == len(after)
    assert before["胡立新"] == 1 and after["胡立新"] == 2 and "周建华" in after
    assert len(list((out / "people").glob("*.parquet"))) == 1  # the old part is gone
    record = json.loads((out / state.STATE / derived.FINGERPRINT).read_text())
    assert record["run_id"] == later.run_id and later.derived_seconds > 0


def test_a_stale_fingerprint_is_rebuilt_from_the_published_tables(people_out, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(people_out, copy)
    (copy / state.STATE / derived.FINGERPRINT).unlink()
    assert not derived.is_current(copy)
    counts = derived.rebuild(copy, "manual")
    assert counts == {t: len(pd.read_parquet(people_out / t)) for t in DERIVED}
    assert derived.is_current(copy) and derived.rebuild(copy, "again") is None
