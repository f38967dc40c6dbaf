"""Places for people and offices: a division's province, prefecture and county.

A `Place` is where a person acts or an office sits, at the level known: a province
(浙江省), a prefecture (丽水市) or a county (遂昌县, with its prefecture and province), or
`NATIONAL` (中共中央, 国务院). Two places are compatible when neither contradicts the other
at a level both know: 丽水市 and 遂昌县 are, 遂昌县 and 缙云县 are not, 丽水市 and 衢州市
are not; a national place is compatible with every place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp.entities import lexicons as lex

NATIONAL_MEDIA = ("新华", "人民", "光明日报", "经济日报", "中国", "中央", "央视", "解放军", "求是", "学习时报")
NATIONAL_PREFIXES = ("中共中央", "中央", "国务院", "全国", "中华人民共和国", "国家", "最高人民")


@dataclass(frozen=True, order=True)
class Place:
    """A place at the level known (lower levels None); `national` for central organs."""

    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    national: bool = False

    @property
    def name(self) -> str | None:
        """The most specific name: county, else prefecture, else province (全国 if national)."""
        if self.national:
            return "全国"
        return self.county or self.prefecture or self.province

    @property
    def known(self) -> bool:
        return self.national or self.province is not None

    def compatible(self, other: Place) -> bool:
        """Neither contradicts the other at a level both know."""
        if self.national or other.national:
            return True
        return all(a is None or b is None or a == b for a, b in (
            (self.province, other.province), (self.prefecture, other.prefecture),
            (self.county, other.county)))

    def within(self, name: str) -> bool:
        """This place is the division `name` or lies inside it (遂昌县 within 丽水市)."""
        return name in (self.province, self.prefecture, self.county)

    def at_prefecture(self) -> Place:
        """The same place without its county."""
        return Place(self.province, self.prefecture, None, self.national)


NATIONAL = Place(national=True)
UNKNOWN = Place()


def place_of(division: lex.Division) -> Place:
    """The Place of a division; a township stands for its county."""
    if division.level == 0:
        return Place(division.province)
    if division.level == 1:
        return Place(division.province, division.prefecture)
    county = division.name if division.level == 2 else division.parent
    return Place(division.province, division.prefecture, county or None)


@lru_cache(maxsize=1)
def _full_names() -> dict[str, tuple[lex.Division, ...]]:
    """Full division names (levels 0–3) → divisions; the province row of a municipality
    (上海市 level 0 and 1) stays, so it resolves as a prefecture."""
    index: dict[str, list[lex.Division]] = {}
    for division in lex.divisions():
        index.setdefault(division.name, []).append(division)
    return {name: tuple(found) for name, found in index.items()}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[lex.Division, ...]]:
    """Short names of provinces, prefectures and counties (浙江, 丽水, 遂昌) → divisions."""
    index: dict[str, list[lex.Division]] = {}
    for division in lex.divisions():
        if division.level <= 2 and len(division.alias) >= 2:
            index.setdefault(division.alias, []).append(division)
    return {name: tuple(found) for name, found in index.items()}


@lru_cache(maxsize=65536)
def resolve(name: str, context: Place = UNKNOWN, aliases: bool = False) -> Place | None:
    """The Place a division name (or, with `aliases`, a short name) stands for. Among
    namesakes: the one compatible with `context`, else the highest level (a prefecture
    over a township of the same name); None when that still leaves several."""
    options = _full_names().get(name) or (_aliases().get(name, ()) if aliases else ())
    places = {place_of(d) for d in options}
    if context.known and len(places) > 1:
        places = {p for p in places if p.compatible(context)} or places
    if len(places) > 1:
        level = min(d.level for d in options if place_of(d) in places)
        places = {place_of(d) for d in options if d.level == level and place_of(d) in places}
    return places.pop() if len(places) == 1 else None


def place_prefix(text: str, context: Place = UNKNOWN,
                 aliases: bool = True) -> tuple[str, str, Place] | None:
    """The longest division name (or, with `aliases`, short name) `text` starts with: (surface,
    full name, Place). 遂昌县人民政府 → (遂昌县, 遂昌县, …), 丽水学院 → (丽水, 丽水市, …),
    碧湖镇党委 → (碧湖镇, 碧湖镇, the Place of 莲都区). National media (新华社) name none."""
    if text.startswith(NATIONAL_MEDIA):
        return None
    for short in (False, True) if aliases else (False,):
        for length in range(min(len(text), 12), 1, -1):
            surface = text[:length]
            place = resolve(surface, context, aliases=short)
            if place is not None:
                full = surface if not short else _alias_name(surface, place)
                return surface, full, place
    return None


def _alias_name(alias: str, place: Place) -> str:
    """The full name of the prefecture or county a short name stands for."""
    return next((d.name for d in _aliases().get(alias, ()) if place_of(d) == place), alias)


def name_place(text: str) -> Place:
    """The place a paper's name names (丽水日报 → 丽水市, 今日遂昌 → 遂昌县, 浙江日报 →
    浙江省): the longest division name, else alias, inside it; none for national media
    (新华社, 光明日报: 新华区 and 光明区 are not what they name)."""
    if text.startswith(NATIONAL_MEDIA):
        return UNKNOWN
    for aliases in (False, True):
        for length in range(min(len(text), 12), 1, -1):
            for start in range(len(text) - length + 1):
                place = resolve(text[start:start + length], aliases=aliases)
                if place is not None:
                    return place
    return UNKNOWN


def article_place(names: Iterable[str], dominance: float = 2.0) -> Place:
    """Where an article is, from the places it names (LOC canonicals, places of its
    organizations): the prefecture named most, its county when one dominates (named
    `dominance` times as often as any other), else the province named most."""
    places = [p for p in (resolve(n) for n in names) if p is not None and not p.national]
    if not places:
        return UNKNOWN
    prefectures = Counter((p.province, p.prefecture) for p in places if p.prefecture)
    if not prefectures:
        province = Counter(p.province for p in places).most_common(1)[0][0]
        return Place(province)
    (province, prefecture), _ = prefectures.most_common(1)[0]
    counties = Counter(p.county for p in places if p.prefecture == prefecture and p.county)
    ranked = counties.most_common(2)
    county = ranked[0][0] if ranked and (
        len(ranked) == 1 or ranked[0][1] >= dominance * ranked[1][1]) else None
    return Place(province, prefecture, county)
