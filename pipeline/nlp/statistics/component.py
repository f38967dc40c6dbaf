"""The `baokan_statistics` component: every figure in an article as a typed row.

Works on CHARACTER offsets of `doc.text` (never on token boundaries) so the result does not
depend on the tokenizer. For each sentence: find numbers (`numbers.find_numbers`), drop those
that are not statistics (dates, ordinals, codes, slogans, quotes, numbers inside words), read
the unit after each number, the qualifier around it, its role from the verbs before it, and the
indicator / subject / year / period from its clause. 分别 lists are distributed item by item.

API: `doc.spans["statistics"]`, one Span per figure, with `span._.statistic` a dict holding the
row fields of the `statistics` table (see `Statistic` below and pipeline/tables/schemas.py).
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp import resource_files
from pipeline.nlp.doc_text import doc_text
from pipeline.nlp.factories import evaluated_annotations
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.nlp.statistics.context import (
    indicator_left,
    indicator_right,
    masked_ranges,
    period_of,
    split_items,
    strip_region,
    subject_of,
    year_of,
)
from pipeline.nlp.statistics.mentions import Mention, ratio_ranges, read_mention
from pipeline.nlp.statistics.numbers import find_numbers
from pipeline.nlp.statistics.roles import (
    article_year,
    assign_roles,
    clause_start,
    link_groups,
    unitless_ok,
)
from pipeline.nlp.statistics.units import UNITS_FILE

SPAN_KEY = "statistics"
LOG = logging.getLogger(__name__)
CONTEXT_CHARS = 200  # how far back in the sentence subject / year / period are looked for
if not Span.has_extension("statistic"):
    # dict with the Statistic fields (value, unit, role, indicator …) for each figure span
    Span.set_extension("statistic", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)


@dataclass
class Statistic:
    """One row of the `statistics` table (offsets are characters into the article text)."""

    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str | None
    surface_unit: str | None
    currency: str | None
    qualifier: str
    role: str
    indicator: str | None
    subject: str | None
    year: int | None
    period: str | None
    statement_id: str
    score: float


_SENT_END = re.compile(r"[。！？!?;；\n]")


def extract(text: str, meta: dict | None = None, skip: list[tuple[int, int]] | None = None,
            quote_max: int = 15) -> list[Statistic]:
    """All statistics in `text` (an article), left to right.

    `meta` is the article context ({"city", "date"}); `skip` holds character ranges to ignore
    (slogan spans); quotes up to `quote_max` characters are treated as slogans too.
    """
    meta = meta or {}
    masks = masked_ranges(text, quote_max) + list(skip or [])
    out: list[Statistic] = []
    counter = [0]
    start = 0
    for m in [*_SENT_END.finditer(text), None]:
        end = m.end() if m else len(text)
        if end > start:
            out += _safe_sentence(text, start, end, masks, meta, counter)
        start = end
    return out


def _safe_sentence(text: str, s_start: int, s_end: int, masks: list[tuple[int, int]],
                   meta: dict, counter: list[int]) -> list[Statistic]:
    """One sentence's rows; a sentence the rules cannot read is logged and skipped, never fatal."""
    try:
        return [row for row in _sentence(text, s_start, s_end, masks, meta, counter)
                if math.isfinite(row.value)]
    except (ArithmeticError, IndexError, ValueError, KeyError) as exc:
        LOG.warning("statistics: skipped sentence at %d (%s: %s)", s_start, type(exc).__name__, exc)
        return []


def _sentence(text: str, s_start: int, s_end: int, masks: list[tuple[int, int]], meta: dict,
              counter: list[int]) -> list[Statistic]:
    sent = text[s_start:s_end]
    ratios = ratio_ranges(sent, s_start)
    mentions: list[Mention] = []
    for nm in find_numbers(sent):
        if mentions and s_start + nm.start < mentions[-1].end:
            continue  # the upper end of a range already read (3%至5%)
        mention = read_mention(text, s_start, nm, masks, ratios)
        if mention is not None:
            mentions.append(mention)
    if not mentions:
        return []
    link_groups(text, mentions)
    assign_roles(text, s_start, mentions, article_year(meta))
    mentions = [m for m in mentions if m.unit is not None or m.role in ("ratio", "rank")
                or unitless_ok(text, s_start, m)]
    kept = {id(m) for m in mentions}
    for m in mentions:
        m.group = [g for g in m.group if id(g) in kept]
        if len(m.group) < 2:
            m.group = []
    _assign_indicators(text, s_start, mentions, counter)
    _distribute(text, s_start, mentions, counter)
    return [_row(text, s_start, m, meta) for m in mentions]


def _assign_indicators(text: str, s_start: int, mentions: list[Mention],
                       counter: list[int]) -> None:
    current: str | None = None
    prev_end = s_start
    counter[0] += 1
    for i, m in enumerate(mentions):
        clause = clause_start(text, s_start, m.start)
        left = text[max(prev_end, clause): m.start]
        found = None
        if not (m.group and m.group[0] is not m):
            found = _indicator_for(text, m, left)
        if found and found != current and not (m.role == "to" and i > 0):
            if current is not None or i > 0:
                counter[0] += 1
            current = found
            m.fresh = True
        paired = m.role == "to" and any(o.role == "from" for o in mentions[:i])
        m.indicator = current if paired and current else (found or current)
        m.statement = counter[0]
        prev_end = m.end


def _indicator_for(text: str, m: Mention, left: str) -> str | None:
    """The clause's own indicator: the noun after a count (20名企业职工) or before the figure."""
    from_left = indicator_left(left)
    if m.role in ("from", "to"):
        return from_left
    right = None
    if m.unit is not None and m.unit.kind in ("count", "people"):
        right = indicator_right(text[m.end: m.end + 14])
    elif m.role == "share" and re.match(r"(?:以上|以下|左右)?的", text[m.end: m.end + 3]):
        after = text[m.end: m.end + 18]
        right = indicator_right(after[after.index("的") + 1:])
    elif m.role == "share" and m.match.number.kind in ("tenths", "fraction"):
        right = indicator_right(text[m.end: m.end + 14])
    return right or from_left


def _distribute(text: str, s_start: int, mentions: list[Mention], counter: list[int]) -> None:
    """分别 lists: item k of every list in a statement gets indicator item k and its own id."""
    items_ids: dict[tuple[int, int], int] = {}
    for i, m in enumerate(mentions):
        if not m.group or m.group[0] is not m:
            continue
        clause = clause_start(text, s_start, m.start)
        if "分别" not in text[clause: m.start] and "分别" not in _statement_text(text, mentions, m):
            continue
        base = m.indicator or ""
        items = split_items(base, len(m.group)) if base else None
        if items is None:
            items = _previous_items(mentions[:i], len(m.group))
        years = _listed_years(text[s_start: m.start], len(m.group))
        for k, member in enumerate(m.group):
            if years:
                member.year = years[k]
            key = (m.statement, k)
            if key not in items_ids:
                counter[0] += 1
                items_ids[key] = counter[0]
            member.statement = items_ids[key]
            if items:
                member.indicator = items[k]


_YEAR_LIST = re.compile(r"((?:19|20)\d{2})年(?:[、和与及至]((?:19|20)\d{2})年)+")


def _listed_years(before: str, n: int) -> list[int] | None:
    """2023年、2024年分别…: one year per list item."""
    found = list(_YEAR_LIST.finditer(before))
    if not found:
        return None
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", found[-1].group(0))]
    return years if len(years) == n else None


def _previous_items(before: list[Mention], n: int) -> list[str] | None:
    """出口…，进口…，分别增长A和B: the last n distinct indicators named in the sentence."""
    names: list[str] = []
    for m in before:
        if m.fresh and m.indicator and m.indicator not in names:
            names.append(m.indicator)
    return names[-n:] if len(names) >= n else None


def _statement_text(text: str, mentions: list[Mention], m: Mention) -> str:
    first = next(x for x in mentions if x.statement == m.statement)
    return text[max(0, first.start - 12): first.start]


def _row(text: str, s_start: int, m: Mention, meta: dict) -> Statistic:
    unit = m.unit
    factor = unit.factor if unit else 1.0
    value = m.value * factor
    high = m.high * factor if m.high is not None else None
    if m.role in ("change_pct", "pct_point", "change_abs") and m.sign < 0 and value > 0:
        value, high = -value, (-high if high is not None else None)
    before = text[max(s_start, m.start - CONTEXT_CHARS): m.start]
    article_date = meta.get("date") if isinstance(meta.get("date"), date) else None
    role = m.role or "level"
    if role == "ratio" and unit is None:
        base_unit = None
    else:
        base_unit = unit.base if unit else ("位" if role == "rank" else None)
    return Statistic(
        start=m.start,
        end=m.end,
        text=text[m.start: m.end],
        value=float(value),
        value_high=float(high) if high is not None else None,
        unit=base_unit,
        surface_unit=m.surface_unit or (unit.surface if unit else None),
        currency=unit.currency if unit else None,
        qualifier=m.qualifier,
        role=role,
        indicator=strip_region(m.indicator, meta.get("city")),
        subject=subject_of(before, meta.get("city")),
        year=m.year or year_of(before, article_date),
        period=period_of(before),
        statement_id=str(m.statement),
        score=round(m.score * (1.0 if m.indicator else 0.8), 3),
    )


class StatisticsComponent:
    """Adds `doc.spans["statistics"]`, each span with `span._.statistic` (a row dict).

    Its data is the unit table (units.tsv): read from pipeline/resources/ until
    `initialize` or `from_disk` gives it its own copy; `to_disk` saves it with the pipeline."""

    def __init__(self, nlp: Language, name: str, quote_max: int = 15):
        self.name = name
        self.quote_max = quote_max
        self.files: dict[str, str] | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   resources: str | None = None) -> None:
        """Take the unit table from the directory `resources` (default: pipeline/resources/)."""
        self.files = (resource_files.read(Path(resources), [UNITS_FILE]) if resources
                      else resource_files.snapshot([UNITS_FILE]))
        resource_files.install(self.files)

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        """Save the unit table under `path`."""
        files = self.files if self.files is not None else resource_files.snapshot([UNITS_FILE])
        resource_files.write(files, Path(path))

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> StatisticsComponent:
        """Load and install the unit table saved by `to_disk`."""
        self.files = resource_files.read(Path(path), [UNITS_FILE])
        resource_files.install(self.files)
        return self

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta if isinstance(doc._.meta, dict) else {}
        skip = [(s.start_char, s.end_char) for s in doc.spans.get("slogans", [])]
        spans = []
        for stat in extract(doc_text(doc), meta, skip, self.quote_max):
            span = doc.char_span(stat.start, stat.end, alignment_mode="expand")
            if span is None:
                continue
            span._.statistic = asdict(stat)
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory("baokan_statistics", default_config={"quote_max": 15},
                  requires=["doc.spans"], assigns=["doc.spans", "span._.statistic"])
@evaluated_annotations
def make_statistics(nlp: Language, name: str, quote_max: int) -> StatisticsComponent:
    """Factory for the statistics component."""
    return StatisticsComponent(nlp, name, quote_max)


def add_to(nlp: Language, settings: Settings = DEFAULT_SETTINGS) -> None:
    """Add the statistics component at the end of `nlp`."""
    if "baokan_statistics" not in nlp.pipe_names:
        nlp.add_pipe("baokan_statistics", last=True)
