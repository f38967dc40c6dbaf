"""PER / LOC / ORG entities: the `baokan_entities` component merges the NER models' spans
(`ner_models.py`, mended in `model_spans.py`) with the gazetteer, organ and title-anchored
name rules (`rules.py` over the lexicons of `lexicons.py`) into doc.ents.

Candidates are merged anchored rules > longest span > rule > gazetteer > model; word tokens
are split at entity boundaries; every entity carries Span._.canonical/_.source/_.score.
Title + name patterns go to doc._.people_roles and doc.spans["people_roles"]. The rows of the
`entities` and `people_roles` tables are read from these by `pipeline.tables.rows`.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp import resource_files
from pipeline.nlp.doc_text import doc_text
from pipeline.nlp.entities import lexicons as lex
from pipeline.nlp.entities import name_lists, rules
from pipeline.nlp.entities.model_spans import model_candidates, trim_word_prefixes
from pipeline.nlp.entities.ner_models import MODEL_KEY, WORD_MODEL_KEY
from pipeline.nlp.factories import evaluated_annotations

# The lexicon files the entity rules read (pipeline/resources/), saved with the component.
LEXICON_FILES = ("divisions.tsv", "organs.tsv", "titles.txt", "surnames.txt",
                 "not_entities.txt", "verb_like_words.txt", "idioms.txt", "abbreviations.tsv",
                 "regions.txt", "name_chars.tsv", "countries.txt", "leaders.tsv",
                 "no_entity_phrases.txt", "slogans_lexicon.txt", "common_words.tsv")
# Large binary lexicons, copied as files and read in place.
BINARY_FILES = (lex.VILLAGES_FILE,)
SOURCE_ORDER = {"rule": 0, "gazetteer": 1, "model": 2}

for _name in ("canonical", "source", "score"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("people_roles"):
    Doc.set_extension("people_roles", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)


@Language.factory(
    "baokan_entities", default_config={"use_rules": True},
    assigns=["doc.ents", "span._.canonical", "span._.source", "span._.score",
             "doc._.people_roles", "doc.spans", "doc._.meta"],
)
@evaluated_annotations
def make_entities(nlp: Language, name: str, use_rules: bool) -> EntityMerger:
    """Rules + merge into doc.ents."""
    return EntityMerger(use_rules)


class EntityMerger:
    """Collects model and rule candidates and writes doc.ents and people_roles.

    Its data are the lexicon files of LEXICON_FILES: read from pipeline/resources/ until
    `initialize` or `from_disk` gives it its own copies (then every reader uses those,
    `pipeline.nlp.resource_files`); `to_disk` saves them with the pipeline."""

    def __init__(self, use_rules: bool = True) -> None:
        self.use_rules = use_rules
        self.files: dict[str, str] | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None,
                   resources: str | None = None) -> None:
        """Take the lexicons from the directory `resources` (default: pipeline/resources/)."""
        source = Path(resources) if resources else None
        self.files = (resource_files.read(source, LEXICON_FILES) if source
                      else resource_files.snapshot(LEXICON_FILES))
        resource_files.install(self.files)
        if source:
            resource_files.install_paths({name: source / name for name in BINARY_FILES
                                          if (source / name).exists()})

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        """Save the lexicons under `path`."""
        files = self.files if self.files is not None else resource_files.snapshot(LEXICON_FILES)
        resource_files.write(files, Path(path))
        resource_files.copy(BINARY_FILES, Path(path))

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> EntityMerger:
        """Load and install the lexicons saved by `to_disk`."""
        self.files = resource_files.read(Path(path), LEXICON_FILES)
        resource_files.install(self.files)
        resource_files.install_paths({name: Path(path) / name for name in BINARY_FILES
                                      if (Path(path) / name).exists()})
        return self

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        model = model_candidates(doc, text)
        ctx = article_context(doc, text, model)
        doc.user_data.pop(MODEL_KEY, None)
        doc.user_data.pop(WORD_MODEL_KEY, None)
        for cand in model:
            cand.end = rules.toponym_end(ctx, cand.start, cand.end) if cand.label == "LOC" else cand.end
        candidates = list(model)
        roles: list[rules.Role] = []
        if self.use_rules:
            found, roles = rule_candidates(ctx)
            model = rules.prefer_rule_tilings(model, found, ctx)
            candidates = [*model, *found]
            candidates += rules.congress_candidates(ctx, [c for c in candidates if c.label == "ORG"])
            trim_word_prefixes(model, found, ctx.text)
            rules.trim_overlong_orgs(model, found, ctx.text)
        chosen = select(rules.outside_formulations(candidates, ctx.text), ctx.text)
        chosen = sorted(chosen + rules.repeated_mentions(chosen, ctx), key=lambda c: c.start)
        if self.use_rules:
            chosen = sorted(chosen + rules.bare_group_mentions(chosen, ctx), key=lambda c: c.start)
        if self.use_rules:
            rules.state_grid_prefix(chosen, ctx.text)
            rules.places_among_places(chosen, ctx.text)
            chosen = rules.branch_offices(chosen, ctx.text)
        for cand in chosen:
            if cand.canonical is None:
                cand.canonical = canonical_for(cand, ctx)
        set_entities(doc, chosen, roles)
        return doc


def article_context(doc: Doc, text: str, model: list[rules.Candidate]) -> rules.Context:
    """Boundaries, city and county (from doc._.meta, or inferred and stored there) and the
    model's PER and ORG spans."""
    if doc._.meta is None:
        doc._.meta = {}
    city = doc._.meta.get("city") or rules.infer_city(text)
    doc._.meta["city"] = city
    county = doc._.meta.get("county") or rules.infer_county(text, city)
    doc._.meta["county"] = county
    model_per = {c.start: c.end for c in model if c.label == "PER"}
    covered = {i for c in model for i in range(c.start, c.end)}
    return rules.Context(text, rules.WordBoundaries(text), city, rules.province_of(city),
                         model_per, covered, has_model=MODEL_KEY in doc.user_data
                         or WORD_MODEL_KEY in doc.user_data,
                         model_orgs=[c for c in model if c.label == "ORG"], county=county,
                         model_spans=list(model))


def rule_candidates(ctx: rules.Context) -> tuple[list[rules.Candidate], list[rules.Role]]:
    """All rule and gazetteer candidates plus people_roles."""
    places = rules.usable_places(ctx)
    orgs = rules.organ_candidates(ctx, places)
    people, roles = rules.title_candidates(ctx, orgs, places)
    gazetteer = rules.gazetteer_candidates(ctx, places)
    areas = [*rules.loc_suffix_candidates(ctx, places), *rules.village_candidates(ctx, places),
             *rules.village_gazetteer_candidates(ctx)]
    named = rules.name_before_title_candidates(ctx)
    short = [*rules.abbreviation_candidates(ctx), *rules.honorific_candidates(ctx)]
    listed = name_lists.name_list_candidates(ctx)
    modern = [*rules.leader_candidates(ctx), *rules.central_candidates(ctx),
              *rules.numbered_congress_candidates(ctx), *rules.bare_village_organ_candidates(ctx),
              *rules.department_candidates(ctx, places), *rules.tibetan_name_candidates(ctx),
              *rules.anonymised_candidates(ctx)]
    return [*orgs, *people, *gazetteer, *areas, *named, *short, *listed, *modern], roles


def select(candidates: list[rules.Candidate], text: str) -> list[rules.Candidate]:
    """Non-overlapping candidates: anchored first, then longest, then rule > gazetteer > model."""
    blocked = lex.not_entities()
    generic_endings = tuple(w for w in blocked if len(w) >= 3)
    not_model = lex.not_model_entities()
    usable = [c for c in candidates if c.end > c.start and text[c.start:c.end].strip()
              and not _blocked(text[c.start:c.end], c.source, blocked, generic_endings,
                               not_model)]
    usable.sort(key=lambda c: (c.tier, -(c.end - c.start), SOURCE_ORDER[c.source], c.start))
    taken = bytearray(len(text) + 1)
    chosen = []
    for cand in usable:
        if any(taken[cand.start:cand.end]):
            continue
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _blocked(name: str, source: str, blocked: frozenset[str],
             generic_endings: tuple[str, ...], not_model: frozenset[str]) -> bool:
    """A generic word, or a model span that spells an idiom or a slogan (not_model) or ends
    in a generic term of three or more characters (高质量发展建设共同富裕示范区 ends in
    示范区: a policy designation, not a place)."""
    return name in blocked or (source == "model" and (
        name in not_model or name.endswith(generic_endings)))


def canonical_for(cand: rules.Candidate, ctx: rules.Context) -> str:
    """Canonical form of a model span: full division name for LOC aliases, else the text."""
    surface = ctx.text[cand.start:cand.end]
    if cand.label == "LOC":
        division = rules.resolve_place(surface, ctx)
        if division is not None:
            return division.name
    return surface


def set_entities(doc: Doc, chosen: list[rules.Candidate], roles: list[rules.Role]) -> None:
    """Split tokens at entity boundaries, then set doc.ents and the role spans."""
    split_at(doc, {b for c in chosen for b in (c.start, c.end)}
             | {b for r in roles for b in (r.start, r.end)})
    ents = []
    for cand in chosen:
        span = doc.char_span(cand.start, cand.end, label=cand.label)
        if span is None:
            continue
        span._.canonical, span._.source, span._.score = cand.canonical, cand.source, cand.score
        ents.append(span)
    doc.ents = ents
    doc._.people_roles = [vars(r) for r in roles]
    doc.spans["people_roles"] = [s for r in roles
                                 if (s := doc.char_span(r.start, r.end, label="ROLE"))]


def split_at(doc: Doc, offsets: set[int]) -> None:
    """Split tokens so that every offset is a token boundary."""
    cuts = _cuts_inside_tokens(doc, offsets)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, token_cuts in cuts.items():
            token = doc[i]
            bounds = [0, *(o - token.idx for o in token_cuts), len(token.text)]
            pieces = [token.text[a:b] for a, b in pairwise(bounds)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


def _cuts_inside_tokens(doc: Doc, offsets: set[int]) -> dict[int, list[int]]:
    """Token index → the offsets strictly inside its text, ascending (token order)."""
    if not len(doc) or not offsets:
        return {}
    spans = doc.to_array([IDX, LENGTH]).astype("int64")
    starts, ends = spans[:, 0], spans[:, 0] + spans[:, 1]
    wanted = numpy.array(sorted(offsets), dtype="int64")
    token = numpy.searchsorted(starts, wanted, side="right") - 1
    at = token.clip(0)
    inside = (token >= 0) & (starts[at] < wanted) & (wanted < ends[at])
    cuts: dict[int, list[int]] = {}
    for i, offset in zip(token[inside].tolist(), wanted[inside].tolist(), strict=True):
        cuts.setdefault(i, []).append(offset)
    return cuts
