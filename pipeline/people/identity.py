"""Person identity across the archive: the article nodes of one name grouped into persons.

The decision rule, for the nodes (article, name) of one name, taken in order — nodes with an
office first, then by date and article:

1. A node that names an office a person already holds (same unified title and canonical
   organization) is that person.
2. Otherwise it joins a person whose places are compatible with its own (`Place.compatible`:
   no contradiction at a level both know). A node's places are its offices' places when it
   names an office (former ones included: 原遂昌县委书记 tells where the person was), else the
   article's place (its county when one dominates, else its prefecture); a reporter's byline
   counts at the prefecture of its paper (else of the article) only. Offices must agree on their own: a node with a local
   office does not join a person whose offices are all national, and the reverse.
3. Among several candidates: the one with most articles, then the earliest.
4. A node with no place at all joins the leader of that name, else the person of that name
   with most articles, if any.
5. Otherwise it starts a new person. Names in the leaders lexicon start as one person with
   the national (or their province's) place, so 习近平 is one person wherever he is named;
   only a node holding a post of a prefecture or county (李强, 县长) is another person.

So the same name in 遂昌县 and 缙云县, or in 丽水市 and 衢州市, is two people, unless one
office-bearing node joins them (a 丽水市 official is compatible with all its counties); two
namesakes in one county are one person (the tables cannot tell them apart).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from pipeline.nlp.entities import lexicons as lex
from pipeline.people.mentions import HeldOffice, Node
from pipeline.people.offices import Office
from pipeline.people.places import NATIONAL, Place

MAIN_PLACES = 3
MAIN_ORGANIZATIONS = 3


@dataclass
class Person:
    """A person: the nodes of one name that the rule put together."""

    name: str
    nodes: list[Node] = field(default_factory=list)
    places: set[Place] = field(default_factory=set)
    office_places: set[Place] = field(default_factory=set)
    offices: set[tuple[str, str | None]] = field(default_factory=set)
    person_id: str = ""
    home: Place | None = None  # a leader's place from the leaders lexicon

    def add(self, node: Node) -> None:
        self.nodes.append(node)
        self.places |= set(node_places(node))
        self.office_places |= set(_office_places(node))
        self.offices |= {(o.title, o.organization) for o in _all_offices(node)}

    @property
    def n_articles(self) -> int:
        return len({n.article_id for n in self.nodes})


@lru_cache(maxsize=1)
def _leaders() -> dict[str, Place]:
    """Leaders lexicon names → their place (national, or the province they served)."""
    places: dict[str, Place] = {}
    for leader in lex.leaders():
        place = NATIONAL if leader.level == "national" else Place(leader.region or None)
        if leader.name not in places or place == NATIONAL:
            places[leader.name] = place
    return places


def _all_offices(node: Node):
    return [h.office for h in node.offices]


def _office_places(node: Node) -> list[Place]:
    return [o.place for o in _all_offices(node) if o.place is not None and o.place.known]


def node_places(node: Node) -> list[Place]:
    """Where a node puts its person (rule 2 of the module docstring)."""
    offices = _office_places(node)
    if offices:
        return offices
    if node.byline:  # a reporter belongs to the paper, wherever the story is
        place = node.paper_place if node.paper_place.known else node.place
        return [place.at_prefecture()] if place.known else []
    return [node.place] if node.place.known else []


def group_people(nodes: Iterable[Node]) -> list[Person]:
    """Persons of all names, each with a unique person_id."""
    by_name: dict[str, list[Node]] = {}
    for node in nodes:
        by_name.setdefault(node.name, []).append(node)
    people: list[Person] = []
    for name in sorted(by_name):
        people += _group_name(name, by_name[name])
    for person in people:
        complete_offices(person)
    assign_ids(people)
    return people


def complete_offices(person: Person) -> None:
    """An office whose organization was written by its level only (县委书记 in a county paper,
    市委书记 in a county-level city's paper) is the person's office of the same title written
    with a place of that level, when there is exactly one (县委 → 中共遂昌县委, 市委 → 中共江山市委
    rather than the prefecture's 中共衢州市委 the article's context gave)."""
    placed = {(h.office.title, h.office.organization): h.office
              for n in person.nodes for h in n.offices if h.placed and h.office.organization}
    for node in person.nodes:
        node.offices = [_completed(h, placed) for h in node.offices]


def _completed(held: HeldOffice, placed: dict[tuple[str, str], Office]) -> HeldOffice:
    if held.placed or not held.written:
        return held
    level, core = held.written.removeprefix("中共")[:1], held.written.removeprefix("中共")[1:]
    template = lex.organs().cores.get(core)
    if template is None:
        return held
    pattern = re.compile("^" + re.escape(template).replace(re.escape("{place}"), "(.+)") + "$")
    fits = [office for (title, organization), office in placed.items()
            if title == held.office.title and (m := pattern.match(organization))
            and m.group(1).endswith(level)]
    if len(fits) != 1 or fits[0] == held.office:
        return held
    return HeldOffice(fits[0], held.former, held.written, placed=False)


def _group_name(name: str, nodes: list[Node]) -> list[Person]:
    people: list[Person] = []
    leader = _leaders().get(name)
    if leader is not None:
        seed = Person(name, home=leader)
        seed.places.add(leader)
        seed.office_places.add(leader)
        people.append(seed)
    for node in sorted(nodes, key=_order):
        person = _choose(node, people)
        if person is None:
            person = Person(name)
            people.append(person)
        person.add(node)
    return [p for p in people if p.nodes]


def _order(node: Node) -> tuple:
    return (not node.offices, node.date is None, node.date or date.min, node.article_id)


def _choose(node: Node, people: list[Person]) -> Person | None:
    offices = {(o.title, o.organization) for o in _all_offices(node) if o.organization}
    sharing = [p for p in people if p.offices & offices]
    if sharing:
        return _best(sharing)
    places = node_places(node)
    if not places:
        leader = [p for p in people if p.home is not None]
        return leader[0] if leader else (_best([p for p in people if p.nodes])
                                         if any(p.nodes for p in people) else None)
    fitting = [p for p in people if _compatible(node, places, p)]
    return _best(fitting) if fitting else None


def _compatible(node: Node, places: list[Place], person: Person) -> bool:
    if not any(a.compatible(b) for a in places for b in person.places):
        return False
    mine = _office_places(node)
    if mine and person.office_places:
        if person.home is not None and all(p.prefecture is None for p in mine):
            return True  # a leader's provincial posts (省委书记习近平 in a retrospective)
        return any(_offices_agree(a, b) for a in mine for b in person.office_places)
    return True


def _offices_agree(a: Place, b: Place) -> bool:
    """Office places agree when both are national or both local and compatible."""
    return a.national == b.national and a.compatible(b)


def _best(people: list[Person]) -> Person:
    """Most articles, then the earliest created (people are in creation order)."""
    return max(people, key=lambda p: (p.n_articles, -people.index(p)))


def main_places(person: Person) -> list[str]:
    """The places named most often across the person's articles, most frequent first (a
    leader's own place from the leaders lexicon first)."""
    counts: Counter = Counter()
    for node in person.nodes:
        counts.update({p.name for p in node_places(node) if p.name})
    home = [person.home.name] if person.home is not None and person.home.name else []
    return home + [p for p in _top(counts, MAIN_PLACES) if p not in home][: MAIN_PLACES - len(home)]


def main_organizations(person: Person) -> list[str]:
    counts: Counter = Counter()
    for node in person.nodes:
        counts.update({o.organization for o in _all_offices(node) if o.organization})
    return _top(counts, MAIN_ORGANIZATIONS)


def _top(counts: Counter, n: int) -> list[str]:
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def assign_ids(people: list[Person]) -> None:
    """person_id = name@main place (name alone when none); namesakes with the same id get
    #2, #3 … in order of first appearance."""
    seen: Counter = Counter()
    for person in sorted(people, key=_first_key):
        places = main_places(person)
        base = f"{person.name}@{places[0]}" if places else person.name
        seen[base] += 1
        person.person_id = base if seen[base] == 1 else f"{base}#{seen[base]}"


def _first_key(person: Person) -> tuple:
    dates = [n.date for n in person.nodes if n.date is not None]
    return (person.name, not dates, min(dates, default=date.min),
            min(n.article_id for n in person.nodes))
