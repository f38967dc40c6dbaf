"""Load the versioned entity lexicons in pipeline/resources/ (cached, read once per process)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp import resource_files
from pipeline.nlp.slogans import lexicon as slogan_lexicon

VILLAGES_FILE = "villages.tsv.gz"
MIN_SURNAME_FREQUENCY = 10  # rarer "surnames" (会, 是, 有 …) are mostly ordinary characters
GENERIC_PLACE_WORDS = {"街道", "社区", "新区", "城区", "郊区", "矿区", "林区", "开发区", "市辖区"}
FUNCTION_CHARS = set("的了和与及在是为对把将从向以于等各这那其之也都就还并而或被由给让使到说")


@dataclass(frozen=True)
class Division:
    """One administrative division (levels: 0 province … 3 township)."""

    name: str
    alias: str
    level: int
    parent: str
    prefecture: str
    province: str


@dataclass(frozen=True)
class Organs:
    """Organization pattern lists from organs.tsv."""

    levels: tuple[str, ...]
    cores: dict[str, str]  # core → canonical template
    standalone: dict[str, str]  # complete name → canonical (full) name
    suffixes: tuple[str, ...]
    groups: tuple[str, ...]
    loc_suffixes: tuple[str, ...]


@dataclass(frozen=True)
class Title:
    """A title that anchors a following name."""

    text: str
    kind: str  # office | byline
    organization: str  # implied organization, may be ""


def resource_rows(name: str) -> list[list[str]]:
    """Tab-separated fields of each line of a resource file (blank and # lines skipped)."""
    rows = []
    for line in resource_files.text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """All divisions of levels 0–3 from divisions.tsv."""
    out = []
    for row in resource_rows("divisions.tsv")[1:]:
        row = row + [""] * (7 - len(row))
        name, alias, level, _code, parent, prefecture, province = row[:7]
        out.append(Division(name, alias, int(level), parent, prefecture, province))
    return tuple(out)


@lru_cache(maxsize=1)
def divisions_by_surface() -> dict[str, tuple[Division, ...]]:
    """Full names and aliases (of levels 0–2, and townships without 镇/乡/街道) → divisions."""
    index: dict[str, list[Division]] = defaultdict(list)
    for division in divisions():
        if division.name in GENERIC_PLACE_WORDS:
            continue
        index[division.name].append(division)
        alias = division.alias or _township_alias(division)
        if alias and len(alias) >= 2 and alias != division.name:
            index[alias].append(division)
    return {key: tuple(value) for key, value in index.items()}


def _township_alias(division: Division) -> str:
    if division.level != 3:
        return ""
    for suffix in ("街道", "镇", "乡"):
        if division.name.endswith(suffix) and len(division.name) - len(suffix) >= 2:
            return division.name[: -len(suffix)]
    return ""


@lru_cache(maxsize=1)
def organs() -> Organs:
    """Organization patterns."""
    kinds: dict[str, list[list[str]]] = defaultdict(list)
    for row in resource_rows("organs.tsv"):
        kinds[row[0]].append(row[1:])
    return Organs(
        levels=tuple(r[0] for r in kinds["level"]),
        cores={r[0]: (r[1] if len(r) > 1 else "{place}" + r[0]) for r in kinds["core"]},
        standalone={r[0]: (r[1] if len(r) > 1 else r[0]) for r in kinds["standalone"]},
        suffixes=tuple(r[0] for r in kinds["suffix"]),
        groups=tuple(r[0] for r in kinds["group"]),
        loc_suffixes=tuple(r[0] for r in kinds["loc_suffix"]),
    )


@lru_cache(maxsize=1)
def titles() -> tuple[Title, ...]:
    """Titles, longest first."""
    rows = [Title(r[0], r[1] if len(r) > 1 else "office", r[2] if len(r) > 2 else "")
            for r in resource_rows("titles.txt")]
    return tuple(sorted(rows, key=lambda t: -len(t.text)))


@lru_cache(maxsize=4)  # called with two thresholds: a size-1 cache re-read the file each time
def surnames(min_frequency: int = MIN_SURNAME_FREQUENCY,
             include_function_chars: bool = False) -> frozenset[str]:
    """Chinese surnames (single and compound) at least this frequent, minus function chars
    (于, 向, 和) unless `include_function_chars`."""
    return frozenset(row[0] for row in resource_rows("surnames.txt")
                     if int(row[1]) >= min_frequency
                     and (include_function_chars or row[0] not in FUNCTION_CHARS))


@lru_cache(maxsize=1)
def not_entities() -> frozenset[str]:
    """Surface forms that are never entities."""
    return frozenset(row[0] for row in resource_rows("not_entities.txt"))


@lru_cache(maxsize=1)
def verb_like_words() -> frozenset[str]:
    """Frequent verbs, prepositions, conjunctions and adverbs (verb_like_words.txt)."""
    return frozenset(row[0] for row in resource_rows("verb_like_words.txt"))


@lru_cache(maxsize=1)
def not_model_entities() -> frozenset[str]:
    """Surface forms a model may tag but that are never entities: idioms (idioms.txt:
    众志成城) and the formulations of the slogans lexicon (新发展格局, 美丽中国, 美丽乡村)."""
    return frozenset(row[0] for row in resource_rows("idioms.txt")) | frozenset(
        entry.phrase for entry in slogan_lexicon.load())


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str | None, bool]]:
    """One-character place abbreviation → (canonical name or None, usable beyond runs)."""
    return {row[0]: (None if row[1] == "-" else row[1], row[2] == "all")
            for row in resource_rows("abbreviations.tsv")}


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """Named non-administrative regions (LOC)."""
    return frozenset(row[0] for row in resource_rows("regions.txt"))


@dataclass(frozen=True)
class Leader:
    """A row of leaders.tsv: a national or provincial leader and one post held."""

    name: str
    title: str
    organ: str
    level: str
    region: str


@lru_cache(maxsize=1)
def leaders() -> tuple[Leader, ...]:
    """Today's national and provincial leadership (leaders.tsv, written by the team)."""
    if not resource_files.exists("leaders.tsv"):
        return ()
    rows = resource_rows("leaders.tsv")[1:]
    return tuple(Leader(*(row + [""] * 5)[:5]) for row in rows if row and row[0])


@lru_cache(maxsize=1)
def leader_names() -> frozenset[str]:
    """The leaders' names."""
    return frozenset(leader.name for leader in leaders())


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Foreign countries that may stand before a company's name (countries.txt)."""
    return frozenset(row[0] for row in resource_rows("countries.txt"))


@lru_cache(maxsize=1)
def no_entity_phrases() -> tuple[str, ...]:
    """Formulations inside which no place or organisation is tagged (中国式现代化), longest first."""
    return tuple(sorted((row[0] for row in resource_rows("no_entity_phrases.txt")),
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def _villages_by_county() -> dict[str, dict[str, str]]:
    """county → prefecture → its villages' names joined by tabs (villages.tsv.gz, JioNLP's
    fifth level; one string per county keeps the 634 k names in about 15 MB). Read in place
    (resource_files.path), from pipeline/resources/ or the copy a saved pipeline brought."""
    import gzip

    path = resource_files.path(VILLAGES_FILE)
    if not path.exists():
        return {}
    lists: dict[tuple[str, str], list[str]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                name, county, prefecture = line.rstrip("\n").split("\t")
                lists[county, prefecture].append(name)
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (county, prefecture), names in lists.items():
        out[county][prefecture] = "\t".join(names)
    return dict(out)


@lru_cache(maxsize=256)
def county_villages(county: str | None, city: str | None) -> frozenset[str]:
    """Names of the villages and communities of `county` (within `city` when given)."""
    by_prefecture = _villages_by_county().get(county or "", {})
    return frozenset(name for prefecture, names in by_prefecture.items()
                     if city is None or prefecture == city for name in names.split("\t"))


@lru_cache(maxsize=64)
def city_villages(city: str | None) -> frozenset[str]:
    """Names of the villages and communities of every county of `city`."""
    if not city:
        return frozenset()
    return frozenset(name for by_prefecture in _villages_by_county().values()
                     for name in by_prefecture.get(city, "").split("\t") if name)
