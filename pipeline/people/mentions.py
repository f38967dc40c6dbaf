"""Each article's people: their mentions, the offices their roles name, where the article is.

One `Node` per (article, full name). Its mentions are the PER entities and people_roles
persons with that name (a byline credit is kind `byline`), and the references to it that
name no one in full, linked within the article:

- surname + form of address (吴书记, 周市长, 王主任) when exactly one person of the article
  with that surname holds a post addressed so (书记 for 市委书记 / 党委副书记, 市长 for 副市长 /
  代市长 …; the exact post first: 周市长 is the 市长, not the 副市长, when both are named);
- a head's title alone (市委书记在讲话中指出, 县长强调) when exactly one person holds it here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from pipeline.nlp.entities import lexicons as lex
from pipeline.people.offices import Office, canonical_organization, is_byline, is_former, office
from pipeline.people.places import Place, article_place, place_prefix

HEAD_TITLE = re.compile("^(?:[省市县区镇乡]委(?:副)?书记|代?[省市县区镇乡]长)$")
ADDRESS_PREFIXES = ("常务", "副", "代", "第一", "执行")
NOT_ADDRESSED = frozenset({"常委", "委员", "党组成员", "党委委员", "教授", "副教授", "院士"})
HEAD_LEVELS = frozenset("省市县区镇乡")
# A head's title alone starts a clause or follows a function word (会上,县长指出 / 要求县长 …);
# after any other character it is part of a longer title or a place's (副县长, 遂昌县委书记).
TITLE_AFTER = frozenset(",，。;；:：、!?“”‘’()《》 \n的和与及向对请由给")
TITLE_NOT_BEFORE = ("助理", "热线", "信箱", "令", "杯")
NAME_CHARS = re.compile(r"^[\u4e00-\u9fff·]{2,8}$")


@dataclass(frozen=True)
class EntityRow:
    """An entities row (document offsets)."""

    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None


@dataclass(frozen=True)
class RoleRow:
    """A people_roles row (document offsets)."""

    person: str
    title: str | None
    organization: str | None
    start: int
    end: int


@dataclass
class ArticleInput:
    """What the derived stage reads of one article."""

    article_id: str
    doc_id: str
    start: int  # offset of `text` in documents.text
    text: str
    date: date | None
    entities: list[EntityRow] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    source_name: str | None = None
    fallback_place: Place = Place()  # the page's place, when the article names none
    paper_place: Place = Place()  # the place the paper serves (its name, else its articles)


@dataclass(frozen=True)
class Mention:
    """A mention of a person: document offsets, surface, kind (name | byline |
    surname_title | title)."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class HeldOffice:
    """An office a role names: `former` after 原 / 时任; `placed` when the organization was
    written with its place (遂昌县委), not only its level (县委), whose place was inferred."""

    office: Office
    former: bool
    written: str | None = None  # the organization as the role wrote it
    placed: bool = True


@dataclass
class Node:
    """One name in one article: its mentions and offices, the article's place and date."""

    article_id: str
    doc_id: str
    name: str
    date: date | None
    place: Place
    source_name: str | None
    paper_place: Place = Place()
    mentions: list[Mention] = field(default_factory=list)
    offices: list[HeldOffice] = field(default_factory=list)

    @property
    def byline(self) -> bool:
        """Only credited as reporter or photographer here."""
        return all(m.kind == "byline" for m in self.mentions)

    @property
    def current_offices(self) -> list[Office]:
        return [h.office for h in self.offices if not h.former]


@lru_cache(maxsize=1)
def _compound_surnames() -> frozenset[str]:
    return frozenset(s for s in lex.surnames() if len(s) == 2)


def surname(name: str) -> str:
    """The surname of a full name (欧阳 for 欧阳明, 吴 for 吴舜泽)."""
    return name[:2] if len(name) >= 3 and name[:2] in _compound_surnames() else name[:1]


def address_title(title: str) -> str | None:
    """How a holder is addressed after the surname: 市委副书记 → 书记, 常务副市长 → 市长,
    村党支部书记 → 书记; None for posts not used so (常委, 委员)."""
    if title in NOT_ADDRESSED:
        return None
    if title.endswith("书记") and title != "总书记":
        return "书记"
    changed = True
    while changed:
        changed = False
        for prefix in ADDRESS_PREFIXES:
            if title.startswith(prefix) and len(title) > len(prefix) + 1:
                title, changed = title[len(prefix):], True
    return None if title in NOT_ADDRESSED else title


def is_full_name(name: str) -> bool:
    """Two or more name characters, not a compound surname alone (欧阳) nor a surname with a
    form of address (吴书记)."""
    if not NAME_CHARS.match(name) or name in _compound_surnames():
        return False
    return name[len(surname(name)):] not in _address_words()


@lru_cache(maxsize=1)
def _address_words() -> frozenset[str]:
    words = {address_title(t.text) for t in lex.titles() if t.kind == "office"}
    return frozenset(w for w in words if w)


def article_nodes(article: ArticleInput) -> list[Node]:
    """The article's people with their mentions, offices and bare references."""
    place = _place(article)
    nodes: dict[str, Node] = {}

    def node(name: str) -> Node:
        if name not in nodes:
            nodes[name] = Node(article.article_id, article.doc_id, name, article.date, place,
                               article.source_name, article.paper_place)
        return nodes[name]

    byline_spans = [(r.start, r.end, r.person) for r in article.roles if is_byline(r.title)]
    taken: set[tuple[int, int]] = set()
    people = [e for e in article.entities if e.label == "PER"]
    full = {n for n in [*(e.canonical or e.text for e in people), *(r.person for r in article.roles)]
            if is_full_name(n)}
    for entity in people:
        name, span, text = _full_mention(entity, article, full)
        if name is not None and span not in taken:
            kind = "byline" if _inside(*span, name, byline_spans) else "name"
            node(name).mentions.append(Mention(*span, text, kind))
            taken.add(span)
    chain: tuple[int, str | None] = (-1, None)  # end of the last role, its written place
    for role in article.roles:
        span = (role.end - len(role.person), role.end)
        if is_full_name(role.person) and span not in taken:
            kind = "byline" if is_byline(role.title) else "name"
            node(role.person).mentions.append(Mention(*span, role.person, kind))
            taken.add(span)
        if role.person in nodes and role.title and not is_byline(role.title):
            chained = chain[1] if role.start == chain[0] + 1 else None
            held = _held_office(role, article, place, chained)
            if held not in nodes[role.person].offices:
                nodes[role.person].offices.append(held)
            chain = (role.end, _written_place(role.organization) or chained)
    _merge_extended_names(nodes)
    _link_references(article, nodes)
    for found in nodes.values():
        found.mentions.sort(key=lambda m: m.start)
    return sorted(nodes.values(), key=lambda n: n.mentions[0].start)


def _full_mention(entity: EntityRow, article: ArticleInput,
                  full: set[str]) -> tuple[str | None, tuple[int, int], str]:
    """The full name a PER entity stands for, its span and surface: itself, or the longest
    full name of the article that starts where a cut-short one does (欧阳|立表示 → 欧阳立)."""
    name = entity.canonical or entity.text
    span = (entity.start, entity.end)
    local = entity.start - article.start
    longer = [n for n in full if len(n) > len(entity.text) and n.startswith(entity.text)
              and article.text.startswith(n, local)]
    if longer:
        best = max(longer, key=len)
        return best, (entity.start, entity.start + len(best)), best
    return (name if is_full_name(name) else None), span, entity.text


def _merge_extended_names(nodes: dict[str, Node]) -> None:
    """A three-character name that is a two-character name of the article plus one character
    took the next word's first character (县委书记徐明作表态发言 beside 徐明任…): the shorter."""
    for name in [n for n in nodes if len(n) == 3 and n[:2] in nodes]:
        extended, target = nodes.pop(name), nodes[name[:2]]
        target.mentions += [Mention(m.start, m.end - 1, m.text[:-1], m.kind)
                            for m in extended.mentions]
        target.offices += [h for h in extended.offices if h not in target.offices]


def _place(article: ArticleInput) -> Place:
    """The article's place (its LOC entities and the places of its organizations), made
    more specific by its page's or paper's place when the two agree (an article naming only
    浙江 in a 丽水 paper is in 丽水市)."""
    names = place_names(article)
    names += [_organization_place_name(e.canonical or e.text) for e in article.entities
              if e.label == "ORG"]
    return refine(article_place(n for n in names if n), article.fallback_place)


def place_names(article: ArticleInput) -> list[str]:
    """The canonical names of the article's LOC entities (not 代县 in 代县长)."""
    return [e.canonical or e.text for e in article.entities
            if e.label == "LOC" and not _before_head_title(article, e)]


def refine(place: Place, wider: Place) -> Place:
    """`place`, or `wider` when `place` is unknown, or when both agree and `wider` says more."""
    if not place.known:
        return wider
    if wider.known and place.compatible(wider) and _depth(wider) > _depth(place):
        return wider
    return place


def _depth(place: Place) -> int:
    return sum(level is not None for level in (place.province, place.prefecture, place.county))


def _before_head_title(article: ArticleInput, entity: EntityRow) -> bool:
    """A two-character 'place' before 长 is a character + a head's title (代县长), as in
    the entity rules; a model may still have tagged it."""
    after = entity.end - article.start
    return (len(entity.text) == 2 and entity.text[-1] in HEAD_LEVELS
            and article.text[after:after + 1] == "长")


def _organization_place_name(organization: str) -> str | None:
    """The division whose full name an organization's canonical name starts with (中共丽水市委
    → 丽水市; not 新华社 → 新华区, whose short name it merely starts with)."""
    found = place_prefix(organization.removeprefix("中共"), aliases=False)
    return found[1] if found is not None else None


def _inside(start: int, end: int, name: str, spans: Iterable[tuple[int, int, str]]) -> bool:
    return any(s <= start and end <= e and person == name for s, e, person in spans)


def _held_office(role: RoleRow, article: ArticleInput, place: Place,
                 chained: str | None) -> HeldOffice:
    """The role's office. An organization written with its place (丽水市委) takes the
    canonical name of the ORG entity it is; one written by its level only (县委, 市政府) is
    the organ of the place the level stands for here: the one the chain of roles named
    before it (江山市委书记刘海涛、市长方敏), else the county paper's own county, else the
    article's (offices.canonical_organization)."""
    name_start = role.end - len(role.person)
    written = role.organization
    entity = next((e.canonical or e.text for e in article.entities
                   if e.label == "ORG" and role.start <= e.start and e.end <= name_start
                   and e.text == written), written)
    placed = bool(written) and _written_place(written) is not None
    canonical = entity
    if written and not placed:
        named = [chained, article.paper_place.county]
        own = canonical_organization(written, place, [n for n in named if n])
        canonical = own if own != written else entity
    before = article.text[max(0, role.start - article.start - 3): role.start - article.start]
    return HeldOffice(office(role.title or "", canonical, place), is_former(before), written, placed)


def _written_place(organization: str | None) -> str | None:
    """The full name of the place an organization is written with (遂昌县委 → 遂昌县)."""
    found = place_prefix(organization.removeprefix("中共")) if organization else None
    return found[1] if found is not None else None


def _link_references(article: ArticleInput, nodes: dict[str, Node]) -> None:
    """Add surname + address (吴书记) and head-title (市委书记) references."""
    holders = [n for n in nodes.values() if not n.byline]
    covered = [(m.start, m.end) for n in nodes.values() for m in n.mentions]
    covered += [(r.start, r.end) for r in article.roles]
    found: list[tuple[Node, int, int, str]] = []
    for form, node in _address_forms(holders).items():
        found += [(node, s, e, "surname_title") for s, e in _occurrences(article, form, covered)]
    for title, node in _head_titles(holders).items():
        found += [(node, s, e, "title")
                  for s, e in _occurrences(article, title, covered, free_title=True)]
    for node, start, end, kind in found:
        text = article.text[start - article.start:end - article.start]
        node.mentions.append(Mention(start, end, text, kind))


def _address_forms(holders: list[Node]) -> dict[str, Node]:
    """吴书记 → its one holder: the one whose post is exactly so addressed first (市长 over
    副市长), else the only one addressed so; forms with several holders are dropped."""
    exact: dict[str, list[Node]] = {}
    loose: dict[str, list[Node]] = {}
    for node in holders:
        for held in node.current_offices:
            address = address_title(held.title)
            if address is None:
                continue
            form = surname(node.name) + address
            bucket = exact if held.title.endswith(address) and not _has_prefix(held.title, address) else loose
            if node not in bucket.setdefault(form, []):
                bucket[form].append(node)
    forms = {}
    for form in {*exact, *loose}:
        candidates = exact.get(form) or loose.get(form, [])
        if len(candidates) == 1:
            forms[form] = candidates[0]
    return forms


def _has_prefix(title: str, address: str) -> bool:
    """副市长 / 代市长 / 常务副市长 are addressed 市长 but are not the 市长."""
    head = title[: len(title) - len(address)]
    return head.endswith(ADDRESS_PREFIXES)


def _head_titles(holders: list[Node]) -> dict[str, Node]:
    """Head titles (市委书记, 县长) held by exactly one person of the article."""
    owners: dict[str, list[Node]] = {}
    for node in holders:
        for held in node.current_offices:
            if HEAD_TITLE.match(held.title) and node not in owners.setdefault(held.title, []):
                owners[held.title].append(node)
    return {title: nodes[0] for title, nodes in owners.items() if len(nodes) == 1}


def _occurrences(article: ArticleInput, form: str, covered: list[tuple[int, int]],
                 free_title: bool = False) -> list[tuple[int, int]]:
    """Document spans of `form` in the article that overlap no mention or role yet (and,
    with `free_title`, stand alone: not part of 副县长, 原县委书记, 乡镇长, 市长热线)."""
    spans = []
    for match in re.finditer(re.escape(form), article.text):
        before = article.text[match.start() - 1] if match.start() else "\n"
        if free_title and (before not in TITLE_AFTER
                           or article.text.startswith(TITLE_NOT_BEFORE, match.end())):
            continue
        start, end = match.start() + article.start, match.end() + article.start
        if not any(s < end and start < e for s, e in covered):
            covered.append((start, end))
            spans.append((start, end))
    return spans
