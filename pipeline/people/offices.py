"""One office from a people_roles row: unified title, canonical organization and its place.

- Organization: the canonical name of the ORG entity the role names (丽水市委 → 中共丽水市委),
  else the organs template applied to its place (遂昌县政府 → 遂昌县人民政府, 县委 → 中共
  遂昌县委 in an article about 遂昌县), else as written.
- Title: the title as the post is called, whatever the role wrote before it: a party
  committee's posts carry its short name (书记 of 中共丽水市委 → 市委书记, 副书记 of 中共
  碧湖镇委员会 → 党委副书记), other posts are the bare title (宣传部部长 → 部长 of 中共莲都区委
  宣传部). 代市长 and 市长, 副书记 and 书记, 常务副市长 and 副市长 stay different offices.
- A role written after 原 / 时任 / 已故 (原县委书记胡建国) is a former office: it tells who the
  person is, but no office is held then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp.entities import lexicons as lex
from pipeline.people.places import NATIONAL, NATIONAL_PREFIXES, Place, place_prefix

FORMER_BEFORE = ("原", "时任", "已故", "前任", "卸任")
COMMITTEE = re.compile("^中共(?P<place>.+?)(?P<kind>工作委员会|委员会|委)$")
COMMITTEE_SHORT = {"委员会": "党委", "工作委员会": "党工委"}
COMMITTEE_TITLES = frozenset({"书记", "副书记", "常务副书记", "常委", "委员", "秘书长", "副秘书长",
                              "第一书记"})
PARTY_ORGAN_TITLES = ("党委", "党工委", "党组")


@dataclass(frozen=True)
class Office:
    """A post: unified title, canonical organization (None when unknown), its place (and
    the place's name as the organization writes it: 碧湖镇, whose Place is 莲都区's)."""

    title: str
    organization: str | None
    place: Place | None
    place_name: str | None = None


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    """Office titles of titles.txt, longest first."""
    return tuple(t.text for t in lex.titles() if t.kind == "office")


@lru_cache(maxsize=1)
def byline_titles() -> frozenset[str]:
    """Titles that credit a reporter (记者, 通讯员), not an office."""
    return frozenset(t.text for t in lex.titles() if t.kind == "byline")


def is_byline(title: str | None) -> bool:
    return bool(title) and title in byline_titles()


def bare_title(written: str) -> str:
    """The title without the organ written before it: 市委副书记 → 副书记, 宣传部部长 → 部长,
    县委常务副县长 → 常务副县长."""
    bare = next((t for t in _titles() if written.endswith(t)), written)
    prefix = written[: len(written) - len(bare)]
    if prefix.endswith("常务") and not bare.startswith("常务"):
        bare = "常务" + bare
    return bare


def canonical_organization(organization: str, context: Place, named: Sequence[str] = ()) -> str:
    """The organs template applied to the organization's place: 遂昌县政府 → 遂昌县人民政府,
    县委 → 中共遂昌县委. A level alone (县委, 市政府) stands for the first of the `named` places
    of that level (a county paper's own county, the place of the role before it in a chain:
    江山市委书记刘海涛、市长方敏 → 江山市人民政府), else for the context's; as written when
    neither is known."""
    text = organization.removeprefix("中共")
    cores = lex.organs().cores
    found = place_prefix(text, context)
    if found is not None:
        surface, full, _place = found
        rest = text[len(surface):]
        return cores[rest].format(place=full) if rest in cores else organization
    level, rest = text[:1], text[1:]
    if level in lex.organs().levels and rest in cores:
        place = next((n for n in named if n and n.endswith(level)), None) or \
            _level_place(level, context)
        if place:
            return cores[rest].format(place=place)
    return organization


def _level_place(level: str, context: Place) -> str | None:
    """The place a level character stands for in this context (市 → its prefecture)."""
    name = {"省": context.province, "市": context.prefecture, "州": context.prefecture,
            "县": context.county, "区": context.county}.get(level)
    return name if name and name.endswith(level) else None


def organization_place(organization: str | None, context: Place) -> Place | None:
    """Where an organization sits: the place it starts with (中共丽水市委 → 丽水市), the
    context's province/prefecture/county for a level character (省委… → 浙江省), national
    for central organs; None when it names no place."""
    if not organization:
        return None
    text = organization.removeprefix("中共")
    if text.startswith(NATIONAL_PREFIXES) or organization in ("中共中央", "党中央"):
        return NATIONAL
    found = place_prefix(text, context)
    if found is not None:
        return found[2]
    level = text[:1]
    if level == "省" and context.province:
        return Place(context.province)
    if level in "市州" and context.prefecture:
        return context.at_prefecture()
    if level in "县区" and context.county:
        return context
    return None


def unified_title(written: str, organization: str | None) -> str:
    """The post's usual name given its canonical organization (see the module docstring)."""
    bare = bare_title(written)
    match = COMMITTEE.match(organization or "")
    if match:
        short = COMMITTEE_SHORT.get(match.group("kind"), match.group("place")[-1] + "委")
        for organ in PARTY_ORGAN_TITLES:
            if bare.startswith(organ) and bare[len(organ):] in COMMITTEE_TITLES:
                bare = bare[len(organ):]
        if bare in COMMITTEE_TITLES:
            return short + bare
    if organization is None or organization == _unresolved(written):
        return written  # 市委书记 with no known 市: keep it as written
    return bare


def _unresolved(written: str) -> str:
    """The organ a written title starts with (市委 in 市委书记), '' if none."""
    bare = bare_title(written)
    return written[: len(written) - len(bare)]


def office(written: str, organization: str | None, context: Place,
           named: Sequence[str] = ()) -> Office:
    """The office a role names, with `organization` already canonical where an entity gave it."""
    canonical = canonical_organization(organization, context, named) if organization else None
    place = organization_place(canonical, context)
    found = place_prefix(canonical.removeprefix("中共"), context) if canonical else None
    name = found[1] if found is not None else (place.name if place else None)
    return Office(unified_title(written, canonical), canonical, place, name)


def is_former(text_before: str) -> bool:
    """The role follows 原 / 时任 / 已故 … (原县委书记胡建国): not held at the time."""
    return text_before.endswith(FORMER_BEFORE)
