"""`baokan people OUT [NAME]` and `baokan offices OUT --place P`: the derived tables as rich tables.

Reads only the published `people`, `offices`, `person_mentions` and `articles` tables.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from pipeline.analysis import is_output, load
from pipeline.people.places import resolve


class ReportError(Exception):
    """Nothing to show: not an output directory, no such person or place."""


def _tables(out: Path, names: list[str]) -> dict[str, pd.DataFrame]:
    if not is_output(out):
        raise ReportError(f"{out} is not a Baokan output directory")
    return load(out, names)


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _names(values) -> str:
    return "、".join(values) if values is not None and len(values) else ""


def people(out: Path, name: str | None = None, limit: int = 30,
           console: Console | None = None) -> None:
    """The most mentioned people, or one name's persons with their offices and timeline."""
    console = console or Console()
    tables = _tables(out, ["people", "offices", "person_mentions", "articles"])
    found = tables["people"]
    if name is None:
        console.print(_people_table(found.sort_values(["n_articles", "n_mentions", "person_id"],
                                                      ascending=[False, False, True]).head(limit)))
        return
    chosen = found[(found.name == name) | (found.person_id == name)]
    if chosen.empty:
        chosen = found[found.person_id.str.startswith(name)]
    if chosen.empty:
        raise ReportError(f"no person named {name!r} in {out}")
    for person in chosen.sort_values("first_seen").itertuples():
        _person(console, person, tables)


def _people_table(frame: pd.DataFrame) -> Table:
    table = Table("person_id", "articles", "mentions", "first seen", "last seen", "places",
                  "organizations", title=f"People ({len(frame)})")
    for row in frame.itertuples():
        table.add_row(row.person_id, str(row.n_articles), str(row.n_mentions), _day(row.first_seen),
                      _day(row.last_seen), _names(row.places), _names(row.organizations))
    return table


def _person(console: Console, person, tables: dict[str, pd.DataFrame]) -> None:
    console.print(f"[bold]{person.name}[/] [dim]{person.person_id}[/] · {person.n_articles} articles, "
                  f"{person.n_mentions} mentions, {_day(person.first_seen)} – {_day(person.last_seen)}"
                  f" · {_names(person.places)}")
    offices = tables["offices"]
    held = offices[offices.person_id == person.person_id].sort_values(["first_seen", "title"])
    table = Table("title", "organization", "place", "from", "to", "articles",
                  title=f"Offices of {person.name}")
    for row in held.itertuples():
        table.add_row(row.title, row.organization, row.place or "", _day(row.first_seen),
                      _day(row.last_seen), str(row.n_articles))
    console.print(table if len(held) else "  no office named")
    console.print(_timeline(person, tables))


def _timeline(person, tables: dict[str, pd.DataFrame]) -> Table:
    mentions = tables["person_mentions"]
    mine = mentions[mentions.person_id == person.person_id]
    articles = tables["articles"].set_index("article_id")
    table = Table("date", "article", "headline", "named as", title=f"Timeline of {person.name}")
    for article_id, rows in sorted(mine.groupby("article_id"),
                                   key=lambda item: (_day(item[1].date.iloc[0]), item[0])):
        headline = articles.headline.get(article_id) if article_id in articles.index else None
        forms = "、".join(dict.fromkeys(rows.sort_values("start").text))
        table.add_row(_day(rows.date.iloc[0]), article_id, headline if isinstance(headline, str) else "",
                      forms)
    return table


def offices(out: Path, place: str, console: Console | None = None) -> None:
    """Who held which office in `place` (and the places inside it) over time; each change of
    holder of one post is a new row with the holder's own dates."""
    console = console or Console()
    rows = _tables(out, ["offices"])["offices"]
    target = resolve(place) or resolve(place, aliases=True)
    if target is None:
        raise ReportError(f"unknown place {place!r}")
    inside = rows[rows.place.map(lambda p: _within(p, target.name or place))]
    if inside.empty:
        raise ReportError(f"no office in {place} in {out}")
    inside = inside.sort_values(["place", "organization", "title", "first_seen", "person_id"])
    table = Table("place", "organization", "title", "holder", "from", "to", "articles",
                  title=f"Offices in {target.name or place}")
    previous = None
    for row in inside.itertuples():
        post = (row.place, row.organization, row.title)
        if previous is not None and post != previous:
            table.add_section()
        table.add_row(row.place or "", row.organization, row.title, row.name, _day(row.first_seen),
                      _day(row.last_seen), str(row.n_articles))
        previous = post
    console.print(table)


def _within(place: str | None, name: str) -> bool:
    if not isinstance(place, str) or not place:
        return False
    found = resolve(place)
    return place == name or (found is not None and found.within(name))
