"""Derived rows: handovers with their own spans, bounded co-mentions, mention rows."""

from __future__ import annotations

from datetime import date

from pipeline.people import build as build_module
from pipeline.people.build import build
from tests.people.helpers import article

CITY = [("丽水", "丽水市")]


def _mayor(article_id: str, day: str, name: str, title: str = "市长", others=()) -> object:
    text = f"丽水{title}{name}主持会议。" + "".join(f"{o}出席。" for o in others)
    return article(article_id, text, day, people=[name, *others], places=CITY,
                   roles=[(f"{title}{name}", name, title, "市政府")])


def test_a_handover_gives_each_holder_their_own_span_and_acting_is_its_own_office():
    articles = [_mayor("a-a0", "2024-11-19", "林国栋"), _mayor("b-a0", "2025-01-14", "林国栋"),
                _mayor("c-a0", "2025-03-04", "孙启明", "代市长"),
                _mayor("d-a0", "2025-04-01", "孙启明"), _mayor("e-a0", "2025-06-24", "孙启明")]
    rows = [(r["name"], r["title"], r["first_seen"], r["last_seen"], r["n_articles"],
             r["example_article_id"]) for r in build(articles).offices]
    assert rows == [
        ("孙启明", "代市长", date(2025, 3, 4), date(2025, 3, 4), 1, "c-a0"),
        ("林国栋", "市长", date(2024, 11, 19), date(2025, 1, 14), 2, "a-a0"),
        ("孙启明", "市长", date(2025, 4, 1), date(2025, 6, 24), 2, "d-a0"),
    ]
    assert {r["organization"] for r in build(articles).offices} == {"丽水市人民政府"}


def test_co_mentions_count_shared_articles_of_people_named_twice():
    articles = [_mayor("a-a0", "2025-01-01", "林国栋", others=["郑晓燕", "王平"]),
                _mayor("b-a0", "2025-02-01", "林国栋", others=["郑晓燕"]),
                _mayor("c-a0", "2025-03-01", "林国栋", others=["何建平"])]
    rows = build(articles).co_mentions
    assert [(r["name_a"], r["name_b"], r["n_articles"], r["first_seen"], r["last_seen"])
            for r in rows] == [("林国栋", "郑晓燕", 2, date(2025, 1, 1), date(2025, 2, 1))]
    assert all(r["person_a"] < r["person_b"] for r in rows)
    persons = build(articles).persons
    assert len(build_module.co_mention_rows(persons, min_articles=1)) == 4  # 王平, 何建平 too
    assert len(build_module.co_mention_rows(persons, min_articles=1, max_people=2)) == 3


def test_people_rows_count_mentions_and_articles():
    derived = build([_mayor("a-a0", "2025-01-01", "林国栋"), _mayor("b-a0", "2025-02-01", "林国栋")])
    (person,) = derived.people
    assert person["person_id"] == "林国栋@丽水市" and person["n_articles"] == 2
    assert person["n_mentions"] == 2 and person["places"] == ["丽水市"]
    assert person["organizations"] == ["丽水市人民政府"]
    assert (person["first_seen"], person["last_seen"]) == (date(2025, 1, 1), date(2025, 2, 1))
    assert [m["kind"] for m in derived.person_mentions] == ["name", "name"]
