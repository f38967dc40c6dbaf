"""PER / LOC / ORG entities: trained character NER + domain rules, merged into doc.ents.

Components (added by `add_to`):
- `baokan_ner`: runs the character-level model in models/ner on doc.text and keeps its
  spans as candidates (only if the model exists);
- `baokan_ner_words`: runs the word-token model in models/ner_words on the article's tokens
  and keeps its ORG spans, which replace the character model's ORG (only if it exists);
- `baokan_entities`: gazetteer, organ and title-anchored name rules, merges all
  candidates (anchored rules > longest span > rule > gazetteer > model), splits word tokens
  at entity boundaries and sets doc.ents with Span._.canonical/_.source/_.score.
  Title + name patterns go to doc._.people_roles and doc.spans["people_roles"].
Rows for the `entities` and `people_roles` tables are registered with pipeline.tables.rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.model_files import require_pipeline_dir
from pipeline.nlp.doc_text import doc_text
from pipeline.nlp.entities import (
    char_features,  # noqa: F401  (registers the char tokenizer)
    inference,
    name_lists,
    rules,
)
from pipeline.nlp.entities import lexicons as lex
from pipeline.nlp.entities.word_docs import word_doc  # also registers the word model's callback
from pipeline.nlp.factories import evaluated_annotations
from pipeline.nlp.language import keep_lexemes
from pipeline.nlp.settings import DEFAULT_SETTINGS, NER_CHOICES, Settings
from pipeline.paths import MODELS
from pipeline.tables import rows

NER_DIR = MODELS / "ner"
MODEL_KEY = "baokan_ner"
WORD_NER_DIR = NER_DIR.parent / "ner_words"
WORD_MODEL_KEY = "baokan_ner_words"
SOURCE_ORDER = {"rule": 0, "gazetteer": 1, "model": 2}

for _name in ("canonical", "source", "score"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("people_roles"):
    Doc.set_extension("people_roles", default=None)
if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)


def batches_by_chars(docs: Iterable[Doc], max_chars: int) -> Iterator[list[Doc]]:
    """Consecutive Docs in batches of at most `max_chars` characters (a longer Doc alone)."""
    batch: list[Doc] = []
    size = 0
    for doc in docs:
        length = len(doc_text(doc))
        if batch and size + length > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += length
    if batch:
        yield batch


class ModelNer:
    """A trained NER pipeline (own vocabulary) run over the article Docs; its spans, scored
    with the model's dev precision per label, go to `doc.user_data[key]` for the merger.

    Batches hold about `batch_chars` characters: the CNN's matrices then stay in the CPU
    caches (`benchmarks/components.py`: 300 articles in one batch cost the character model
    15.3 µs/char, batches of 4–8 articles 12.5)."""

    key = MODEL_KEY
    batch_chars = 4000

    def __init__(self, nlp: Language, name: str, model_path: str) -> None:
        self.name = name
        self.model_path = Path(model_path)
        self._model: Language | None = None
        self._scores: dict[str, float] = {}

    def _load(self) -> Language:
        if self._model is None:
            self._model = inference.load(self.model_path)
            # the model's words and characters outlive the per-batch memory zones (1 s)
            keep_lexemes(self._model.vocab, list(self._model.vocab.strings))
            per_type = self._model.meta.get("performance", {}).get("ents_per_type") or {}
            self._scores = {label: round(p["p"], 3) for label, p in per_type.items()}
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """Batch the articles through the model (`nlp.pipe` calls this) by characters, not by
        `nlp.pipe`'s document count (`batch_size` is ignored); the model's memory zone frees
        the strings of each batch."""
        model = self._load()
        for batch in batches_by_chars(docs, self.batch_chars):
            with model.memory_zone():
                found = [[(e.start_char, e.end_char, e.label_, self._scores.get(e.label_, 0.85))
                          for e in model_doc.ents]
                         for model_doc in self._run(model, batch)]
            for doc, spans in zip(batch, found, strict=True):
                doc.user_data[self.key] = spans
                yield doc

    def _run(self, model: Language, batch: list[Doc]) -> Iterator[Doc]:
        raise NotImplementedError


class CharNer(ModelNer):
    """The character-level model (models/ner) on the article text."""

    def _run(self, model: Language, batch: list[Doc]) -> Iterator[Doc]:
        """Character Docs through the model. A word-feature model (`from_words`) reuses the
        pipeline's own tokens, so the article is not segmented a second time."""
        if not hasattr(model.tokenizer, "from_words"):
            return model.pipe([doc_text(doc) for doc in batch])
        char_docs = []
        for doc in batch:
            text = doc_text(doc)
            starts = doc.to_array(IDX).tolist() if len(doc) else []
            char_docs.append(model.tokenizer.from_words(text, [*starts, len(text)]))
        return run_components(model, char_docs)


def run_components(model: Language, docs: list[Doc]) -> Iterator[Doc]:
    """Docs already tokenized for `model` through its components (no tokenizer call)."""
    stream: Iterable[Doc] = docs
    for _, component in model.pipeline:
        stream = component.pipe(stream)
    return iter(stream)


class WordNer(ModelNer):
    """The word-token model (models/ner_words) on the article's own pkuseg tokens. Its ORG
    spans beat the character model's (81.7 / 85.1 vs 72.6 / 80.3 F1 on MSRA / People's Daily
    test) while the character model is better on PER, so with both models the merger takes
    ORG from this one (`model_spans`); alone (`--ner words`) it supplies every label."""

    key = WORD_MODEL_KEY
    batch_chars = 8000  # fewer tokens than characters: a larger batch for the same matrices

    def _run(self, model: Language, batch: list[Doc]) -> Iterator[Doc]:
        return run_components(model, [word_doc(model.vocab, doc) for doc in batch])


@Language.factory("baokan_ner_words", default_config={"model_path": str(WORD_NER_DIR)})
@evaluated_annotations
def make_word_ner(nlp: Language, name: str, model_path: str) -> WordNer:
    """The trained word-token NER as the source of ORG candidates."""
    return WordNer(nlp, name, model_path)


@Language.factory("baokan_ner", default_config={"model_path": str(NER_DIR)})
@evaluated_annotations
def make_char_ner(nlp: Language, name: str, model_path: str) -> CharNer:
    """The trained character NER as a candidate source."""
    return CharNer(nlp, name, model_path)


@Language.factory("baokan_entities", default_config={"use_rules": True})
@evaluated_annotations
def make_entities(nlp: Language, name: str, use_rules: bool) -> EntityMerger:
    """Rules + merge into doc.ents."""
    return EntityMerger(use_rules)


class EntityMerger:
    """Collects model and rule candidates and writes doc.ents and people_roles."""

    def __init__(self, use_rules: bool = True) -> None:
        self.use_rules = use_rules

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        model = [rules.Candidate(_person_start(text, s, e) if lab == "PER" else s, e, lab,
                                 "model", score, None)
                 for start, end, lab, score in model_spans(doc)
                 for s, e in _split_on_space(text, start, end)]
        _mend_model_spans(model, text)
        model = rules.split_country_companies(model, text)
        _consistent_persons(model, text)
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
            _trim_word_prefixes(model, found, ctx.text)
            rules.trim_overlong_orgs(model, found, ctx.text)
        chosen = select(rules.outside_formulations(candidates, ctx.text), ctx.text)
        chosen = sorted(chosen + rules.repeated_mentions(chosen, ctx), key=lambda c: c.start)
        if self.use_rules:
            chosen = sorted(chosen + rules.bare_group_mentions(chosen, ctx), key=lambda c: c.start)
        for cand in chosen:
            if cand.canonical is None:
                cand.canonical = canonical_for(cand, ctx)
        set_entities(doc, chosen, roles)
        return doc


# A three-character model person ending in one of these took the word after a two-character
# name (宣传部长王纲到温州 → 王纲, 李强受邀 → 李强).
NAME_FOLLOWERS = frozenset("到在说是的了对把将从向受等就也称用告")
# A model place ending in one of these is an organisation (余村党支部, X镇人民政府).
ORG_ENDINGS = ("党支部", "党总支", "党委", "党组", "委员会", "村委会", "居委会", "管委会",
               "人民政府", "公司", "集团", "银行", "医院", "大学", "学院", "中学", "小学",
               "协会", "研究所", "研究院", "公安局", "法院", "检察院")


# An organisation never ends in a session number: the organ follows it (九届全国人大).
SESSION_SUFFIX = re.compile(r"第?[一二三四五六七八九十百零〇]+届$")


def _mend_model_spans(model: list[rules.Candidate], text: str) -> None:
    """Model spans with four systematic slips mended: a person that took the verb after a
    two-character name loses it, a "person" of four or more characters ending in 州 is a
    place, a place ending in an organisation word becomes an organisation, and an
    organisation that took the session number after it loses it (省委十五届七次全会 → 省委).
    (亚 in 亚运会 stays a place: MSRA tags it so, 43 of 47 times.)"""
    for cand in model:
        span = text[cand.start:cand.end]
        if cand.label == "PER" and len(span) == 3 and span[-1] in NAME_FOLLOWERS:
            cand.end -= 1
        elif cand.label == "PER" and len(span) >= 4 and span[-1] == "州":
            cand.label = "LOC"  # 敖德萨州, 萨马拉州: a state or oblast (persons: 陈贵州, 3 chars)
        elif cand.label == "LOC" and span.endswith(ORG_ENDINGS):
            cand.label = "ORG"
        elif cand.label == "PER" and len(span) in (2, 3) and span[-1] == "村":
            cand.label = "LOC"  # 余村, 俞邦村: villages
        elif cand.label == "ORG" and span.endswith("党组") and \
                text[cand.end:cand.end + 2] in ("成员", "书记") and len(span) > 4:
            cand.end -= 2  # 区政府|党组成员: the title is 党组成员
        elif cand.label == "ORG" and (session := SESSION_SUFFIX.search(
                span + ("届" if text[cand.end:cand.end + 1] == "届" else ""))):
            if session.start() >= 2:  # 中共二十|届 (the model stopped before 届) too
                cand.end = cand.start + session.start()


def _trim_word_prefixes(model: list[rules.Candidate], found: list[rules.Candidate],
                        text: str) -> None:
    """A model organisation that is a rule's organ with a verb-like word in front of it
    (联合|市发展改革委, 通过|县财政局) starts where the organ starts (not 中国|国务院)."""
    organ_start = {c.end: c.start for c in found if c.label == "ORG" and c.source == "rule"}
    for cand in model:
        start = organ_start.get(cand.end)
        if (cand.label == "ORG" and start is not None and start > cand.start
                and text[cand.start:start] in lex.verb_like_words()):
            cand.start = start


def _consistent_persons(model: list[rules.Candidate], text: str) -> None:
    """Model persons end as the same person elsewhere in the article: a two-character one
    followed by the character that makes a three-character person found elsewhere is
    extended (丁薛|祥 when 丁薛祥 is found too); a three-character one whose first two
    characters are a person found elsewhere, and whose last character makes a word with the
    next one, ends a character earlier (陈红带|队 when 陈红 is found too)."""
    people = {text[c.start:c.end] for c in model if c.label == "PER"}
    for cand in model:
        if cand.label != "PER":
            continue
        if cand.end - cand.start == 2 and len(longer := text[cand.start:cand.end + 1]) == 3 \
                and longer in people:
            cand.end += 1
        elif (cand.end - cand.start == 3 and text[cand.start:cand.end - 1] in people
              and rules.dictionary_word(text[cand.end - 1:cand.end + 1])):
            cand.end -= 1


def _split_on_space(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of a model span between whitespace (张可 郑丹 are two names), with unpaired
    punctuation, wrapping quotes and a trailing ordinal trimmed (“兴村 → 兴村, “三江口” →
    三江口, X小学第十八 → X小学); parts with an unbalanced quote inside (X第十八届“牡丹亭)
    are dropped."""
    parts, begin = [], start
    for i in range(start, end + 1):
        if i == end or text[i].isspace():
            trimmed = _trim_ordinal(text, *_trim(text, begin, i))
            if trimmed[1] > trimmed[0] and _balanced(text[trimmed[0]:trimmed[1]]):
                parts.append(trimmed)
            begin = i + 1
    return parts


PAIRS = {"“": "”", "‘": "’", "《": "》", "(": ")", "（": "）", "「": "」"}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}


def _trim(text: str, begin: int, stop: int) -> tuple[int, int]:
    while stop > begin:
        inner = text[begin:stop]
        first, last = inner[0], inner[-1]
        if len(inner) > 2 and PAIRS.get(first) == last and inner.count(first) == 1:
            begin, stop = begin + 1, stop - 1
        elif _is_punct(first) and not (first in PAIRS and PAIRS[first] in inner[1:]):
            begin += 1
        elif _is_punct(last) and not (last in CLOSERS and CLOSERS[last] in inner[:-1]):
            stop -= 1
        else:
            break
    return begin, stop


TRAILING_ORDINAL = re.compile(r"第[0-9〇零一二三四五六七八九十百千两]+$")


def _trim_ordinal(text: str, begin: int, stop: int) -> tuple[int, int]:
    """A name never ends in an ordinal: 第十八 belongs to the 届/次/期 that follows."""
    match = TRAILING_ORDINAL.search(text, begin, stop)
    return (begin, match.start()) if match and match.start() - begin >= 2 else (begin, stop)


# Characters that start no four-character name: a person span of four or more characters
# that begins with one took the preposition before a name (习近平同拉马福萨总统会谈).
PREPOSITIONS = frozenset("与和同跟对把被让给在将为从")
# Titles of foreign office-holders, besides those in titles.txt, that a model person span
# may have taken in front of the name (多数党领袖图恩).
FOREIGN_TITLES = ("总统", "首相", "议长", "国王", "王储", "领袖", "大使", "外长", "总督")


def _person_start(text: str, start: int, end: int) -> int:
    """Start of a model PER span without a leading preposition (同拉马福萨 → 拉马福萨) or
    title (领袖图恩 → 图恩, 书记王五 → 王五) when two characters of name remain."""
    if end - start >= 4 and text[start] in PREPOSITIONS:
        return start + 1
    title = rules.title_at(text, start) or next(
        (t for t in FOREIGN_TITLES if text.startswith(t, start)), None)
    return start + len(title) if title and end - start - len(title) >= 2 else start


def _balanced(inner: str) -> bool:
    """No quote or bracket opened without being closed (or the reverse) inside the span."""
    return all(inner.count(opener) == inner.count(closer) for opener, closer in PAIRS.items())


def _is_punct(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def model_spans(doc: Doc) -> list[tuple[int, int, str, float]]:
    """The models' spans: one model's alone, or — when both ran — each model's stronger
    labels (word model ORG, character model PER/LOC), then any other span of either model
    where nothing was chosen: the character model's over-long ORG spans (中国对外政策) are
    dropped and the word model's place inside is kept, and an organisation only the
    character model found is kept (+1.3 / +0.2 micro F1 on MSRA / People's Daily test)."""
    spans = doc.user_data.get(MODEL_KEY)
    words = doc.user_data.get(WORD_MODEL_KEY)
    if spans is None or words is None:
        return spans or words or []
    chosen = [w for w in words if w[2] == "ORG"]
    for candidates in ([s for s in spans if s[2] != "ORG"], [w for w in words if w[2] != "ORG"],
                       [s for s in spans if s[2] == "ORG"]):
        chosen += [c for c in candidates if not _overlaps(c, chosen)]
    return sorted(chosen)


def _overlaps(span: tuple, others: list[tuple]) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


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
                         model_orgs=[c for c in model if c.label == "ORG"], county=county)


def rule_candidates(ctx: rules.Context) -> tuple[list[rules.Candidate], list[rules.Role]]:
    """All rule and gazetteer candidates plus people_roles."""
    places = rules.usable_places(ctx)
    orgs = rules.organ_candidates(ctx, places)
    people, roles = rules.title_candidates(ctx, orgs, places)
    gazetteer = rules.gazetteer_candidates(ctx, places)
    areas = [*rules.loc_suffix_candidates(ctx, places), *rules.village_candidates(ctx, places)]
    named = rules.name_before_title_candidates(ctx)
    short = [*rules.abbreviation_candidates(ctx), *rules.honorific_candidates(ctx)]
    listed = name_lists.name_list_candidates(ctx)
    modern = [*rules.leader_candidates(ctx), *rules.central_candidates(ctx),
              *rules.numbered_congress_candidates(ctx), *rules.bare_village_organ_candidates(ctx)]
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


def entity_rows(doc: Doc) -> list[dict]:
    """Rows of the `entities` table."""
    return [
        {"start": ent.start_char, "end": ent.end_char, "text": ent.text, "label": ent.label_,
         "canonical": ent._.canonical, "source": ent._.source or "model",
         "score": ent._.score}
        for ent in doc.ents
    ]


def role_rows(doc: Doc) -> list[dict]:
    """Rows of the `people_roles` table."""
    roles = doc._.people_roles or []
    text = doc_text(doc) if roles else ""
    return [
        {"person": r["person"], "title": r["title"], "organization": r["organization"],
         "start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]]}
        for r in roles
    ]


# Which trained models the entity stage runs (`baokan run --ner`): both (character model
# PER/LOC + word model ORG, the most accurate), words or chars (one model, faster), rules.
NER_SETUPS: dict[str, tuple[str, ...]] = {
    "both": (MODEL_KEY, WORD_MODEL_KEY), "words": (WORD_MODEL_KEY,), "chars": (MODEL_KEY,),
    "rules": (),
}
assert tuple(NER_SETUPS) == NER_CHOICES
MODEL_DIRS = {MODEL_KEY: NER_DIR, WORD_MODEL_KEY: WORD_NER_DIR}


def add_to(nlp: Language, settings: Settings = DEFAULT_SETTINGS) -> None:
    """Add the NER models of `settings.ner` and the entity rules."""
    if settings.ner not in NER_SETUPS:
        raise ValueError(f"unknown NER setup {settings.ner!r} ({', '.join(NER_CHOICES)})")
    for factory in NER_SETUPS[settings.ner]:
        path = MODEL_DIRS[factory]
        if factory not in nlp.pipe_names:  # ModelError when the model is missing
            nlp.add_pipe(factory, config={"model_path": str(require_pipeline_dir(path))})
    if "baokan_entities" not in nlp.pipe_names:
        nlp.add_pipe("baokan_entities")


rows.register("entities", "entity_id", "e", entity_rows)
rows.register("people_roles", None, "", role_rows)
