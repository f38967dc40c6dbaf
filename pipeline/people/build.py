"""The derived tables' rows from the articles' people: people, offices, co_mentions and
person_mentions (the link from every person_id to its articles and spans).

Every row is dated by its articles' `event_date`, else their publication date. An office
row is one person in one post (unified title + canonical organization) with its first and
last article: when a post changes hands, each holder has a row with their own span.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from pipeline.people.identity import Person, group_people, main_organizations, main_places
from pipeline.people.mentions import ArticleInput, Node, article_nodes

CO_MENTION_MIN_ARTICLES = 2  # only people named in at least this many articles get pairs
CO_MENTION_MAX_PEOPLE = 40  # per article, the people mentioned most (a name list is not a network)


@dataclass
class Derived:
    """Rows of each derived table (without run_id) and the people behind them."""

    people: list[dict]
    offices: list[dict]
    co_mentions: list[dict]
    person_mentions: list[dict]
    persons: list[Person]

    def tables(self) -> dict[str, list[dict]]:
        return {"people": self.people, "offices": self.offices,
                "co_mentions": self.co_mentions, "person_mentions": self.person_mentions}


def build(articles: Iterable[ArticleInput]) -> Derived:
    """Group every article's people into persons and derive the tables."""
    nodes = [node for article in articles for node in article_nodes(article)]
    persons = group_people(nodes)
    return Derived(people_rows(persons), office_rows(persons), co_mention_rows(persons),
                   mention_rows(persons), persons)


def _span(dates: Iterable[date | None]) -> tuple[date | None, date | None]:
    known = [d for d in dates if d is not None]
    return (min(known), max(known)) if known else (None, None)


def people_rows(persons: list[Person]) -> list[dict]:
    rows = []
    for person in sorted(persons, key=lambda p: p.person_id):
        first, last = _span(n.date for n in person.nodes)
        rows.append({"person_id": person.person_id, "name": person.name,
                     "n_mentions": sum(len(n.mentions) for n in person.nodes),
                     "n_articles": person.n_articles, "first_seen": first, "last_seen": last,
                     "places": main_places(person),
                     "organizations": main_organizations(person)})
    return rows


def office_rows(persons: list[Person]) -> list[dict]:
    """One row per person and post held (former posts and posts of no known organization
    are left out), ordered by place, organization, title and first date."""
    rows = []
    for person in persons:
        held: dict[tuple[str, str], list[Node]] = defaultdict(list)
        places: dict[tuple[str, str], str | None] = {}
        for node in person.nodes:
            for office in {o for o in node.current_offices if o.organization}:
                key = (office.title, office.organization)
                held[key].append(node)
                places.setdefault(key, office.place_name)
        for (title, organization), nodes in held.items():
            first, last = _span(n.date for n in nodes)
            example = min(nodes, key=lambda n: (n.date is None, n.date or date.min, n.article_id))
            rows.append({"person_id": person.person_id, "name": person.name, "title": title,
                         "organization": organization, "place": places[(title, organization)],
                         "first_seen": first, "last_seen": last,
                         "n_articles": len({n.article_id for n in nodes}),
                         "example_article_id": example.article_id})
    return sorted(rows, key=lambda r: (r["place"] or "", r["organization"], r["title"],
                                       r["first_seen"] or date.min, r["person_id"]))


def co_mention_rows(persons: list[Person], min_articles: int = CO_MENTION_MIN_ARTICLES,
                    max_people: int = CO_MENTION_MAX_PEOPLE) -> list[dict]:
    """Pairs of people (each in at least `min_articles` articles) named in the same articles,
    bylines left out, at most `max_people` per article (the most mentioned), with the number
    of shared articles and their dates."""
    by_article: dict[str, list[tuple[int, Person, date | None]]] = defaultdict(list)
    for person in persons:
        if person.n_articles < min_articles:
            continue
        for node in person.nodes:
            if not node.byline:
                by_article[node.article_id].append((len(node.mentions), person, node.date))
    pairs: dict[tuple[str, str], list[date | None]] = defaultdict(list)
    names: dict[str, str] = {}
    for present in by_article.values():
        present = sorted(present, key=lambda x: (-x[0], x[1].person_id))[:max_people]
        for _, person, _ in present:
            names[person.person_id] = person.name
        ids = sorted({p.person_id for _, p, _ in present})
        day = present[0][2] if present else None
        for a, b in combinations(ids, 2):
            pairs[(a, b)].append(day)
    rows = []
    for (a, b), days in sorted(pairs.items()):
        first, last = _span(days)
        rows.append({"person_a": a, "person_b": b, "name_a": names[a], "name_b": names[b],
                     "n_articles": len(days), "first_seen": first, "last_seen": last})
    return rows


def mention_rows(persons: list[Person]) -> list[dict]:
    rows = []
    for person in persons:
        for node in person.nodes:
            rows += [{"doc_id": node.doc_id, "article_id": node.article_id,
                      "person_id": person.person_id, "name": person.name, "start": m.start,
                      "end": m.end, "text": m.text, "kind": m.kind, "date": node.date}
                     for m in node.mentions]
    return sorted(rows, key=lambda r: (r["doc_id"], r["start"], r["end"]))
