"""The people/offices evaluation: the labelled set's shape, the scorer, and the targets on a real run."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.evaluate import people as ev


def test_labelled_set_covers_months_places_changes_namesakes_and_references():
    records = ev.load()
    assert len(records) >= 40
    assert {r["split"] for r in records} == {"dev", "test", "heldout"}
    months = {r["published"][:7] for r in records}
    papers = {r["source"] for r in records}
    assert len(months) >= 6 and len(papers) >= 6
    names = {}
    for record in records:
        for surface in [*record["people"], *record["refs"]]:
            assert surface in record["text"], (record["id"], surface)
        for name, person in record["people"].items():
            names.setdefault(name, set()).add(person)
        for person, _title, _organization in record["offices"]:
            assert person in {*record["people"].values()}, (record["id"], person)
    assert sum(len(people) > 1 for people in names.values()) >= 5  # namesakes
    assert sum(len(r["refs"]) for r in records) >= 20  # 吴书记, 县长 …
    titles = {o[1] for r in records for o in r["offices"]}
    assert {"代市长", "市长", "代县长", "县长", "市委书记", "市委副书记"} <= titles
    assert any(r["published"][5:7] == "01" and (r["event_date"] or "")[5:7] == "12" for r in records)


def test_pairwise_identity_scoring():
    gold = {("a", "x"): "P", ("b", "x"): "P", ("c", "x"): "Q"}
    assert (s := ev.pairwise(gold, {("a", "x"): "1", ("b", "x"): "1", ("c", "x"): "2"},
                             {"a", "b", "c"})).f1 == 1.0 and s.gold == 1
    merged = ev.pairwise(gold, {("a", "x"): "1", ("b", "x"): "1", ("c", "x"): "1"}, {"a", "b", "c"})
    assert (merged.tp, merged.pred, merged.gold) == (1, 3, 1)
    missed = ev.pairwise(gold, {("a", "x"): "1"}, {"a", "b", "c"})
    assert (missed.tp, missed.pred, missed.gold) == (0, 0, 1)


def test_gold_office_spans_use_the_event_date_else_the_paper():
    records = [{"event_date": "2024-12-30", "published": "2025-01-02", "offices": [["P", "t", "o"]]},
               {"event_date": None, "published": "2025-02-05", "offices": [["P", "t", "o"]]}]
    assert ev.gold_offices(records) == {("P", "t", "o"): (date(2024, 12, 30), date(2025, 2, 5))}


@pytest.fixture(scope="module")
def reports():
    return ev.evaluate()


def test_targets_on_the_whole_set(reports):
    whole = reports["all"]
    assert whole.n_articles == len(ev.load())
    assert whole.identity.f1 >= 0.95
    assert whole.offices.precision >= 0.95 and whole.offices.recall >= 0.90
    assert whole.date_accuracy >= 0.98 and whole.nulls_right == whole.nulls_gold


def test_every_split_is_reported(reports):
    assert set(reports) == set(ev.SPLITS)
    assert all(r.identity.gold and r.offices.gold and r.dates_gold for r in reports.values())
    assert "identity pairwise" in ev.format_report(reports["heldout"])
