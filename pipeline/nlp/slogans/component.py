"""Policy formulations (提法): find, classify and canonicalize them.

Component `baokan_slogans` writes:
- `doc.spans["slogans"]`: one span per formulation, `span.label_` = kind
  (quoted | numbered | lexicon) and `span._.slogan` = the row dict
  {start, end, text, canonical, kind, head, issuer, score} (character offsets into doc.text);
- `doc.spans["quotations"]`: quotes that are not formulations, `span.label_` = type
  (speech | name | other) and `span._.quotation` = {start, end, text, type};
- `doc._.slogan_rows` / `doc._.quotation_rows`: the same dicts in text order (the source of
  the `slogans` and `quotations` tables; spans are token-aligned, rows are exact).

Everything works on character offsets, so it does not matter how the tokenizer segments.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.nlp import common_words as slogan_words
from pipeline.nlp import resource_files
from pipeline.nlp.doc_text import doc_text
from pipeline.nlp.factories import evaluated_annotations
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.nlp.slogans import content_model as slogan_model
from pipeline.nlp.slogans import context as ctx
from pipeline.nlp.slogans import lexicon as slogan_lexicon
from pipeline.nlp.slogans import numbered
from pipeline.nlp.slogans.classifier import Context, judge
from pipeline.nlp.slogans.quotes import Quote, canonical, find_quotes

LEXICON_FILE = "slogans_lexicon.txt"
CONTENT_MODEL_FILE = "content_nb.json"
SAVED_RESOURCES = (slogan_words.WORDS_FILE, *numbered.RESOURCE_FILES)

for _ext in ("slogan", "quotation"):
    if not Span.has_extension(_ext):
        Span.set_extension(_ext, default=None)
for _ext in ("slogan_rows", "quotation_rows"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


@Language.factory(
    "baokan_slogans",
    default_config={"lexicon_path": None, "max_quote_chars": 500, "content_model": True},
    requires=["doc.ents"],
    assigns=["doc.spans", "span._.slogan", "span._.quotation", "doc._.slogan_rows",
             "doc._.quotation_rows"],
)
@evaluated_annotations
def make_slogans(
    nlp: Language, name: str, lexicon_path: str | None, max_quote_chars: int,
    content_model: bool,
) -> SloganFinder:
    """Build the component; `lexicon_path` None means the shipped lexicon;
    `content_model` False scores quotes with the rules alone."""
    return SloganFinder(lexicon_path, max_quote_chars, content_model)


def add_to(nlp: Language, settings: Settings = DEFAULT_SETTINGS) -> None:
    """Add the slogan component to the Baokan pipeline."""
    if "baokan_slogans" not in nlp.pipe_names:
        nlp.add_pipe("baokan_slogans")


def lexicon_phrases() -> list[str]:
    """The shipped lexicon's formulations (e.g. for a tokenizer user dictionary)."""
    return [entry.phrase for entry in slogan_lexicon.load()]


class SloganFinder:
    """Quoted, numbered and lexicon formulations of a Doc, by character offsets.

    Its data — the lexicon, the content model and the common words — are read at the first
    Doc (from `lexicon_path` or pipeline/resources/, and models/slogans) unless `from_disk`
    loaded the copies saved with the pipeline."""

    def __init__(self, lexicon_path: str | None = None, max_quote_chars: int = 500,
                 content_model: bool = True):
        self.lexicon_path = lexicon_path
        self.max_quote_chars = max_quote_chars
        self.use_content_model = content_model
        self._entries: list[slogan_lexicon.Entry] | None = None
        self._matcher: slogan_lexicon.LexiconMatcher | None = None
        self._model: slogan_model.ContentModel | None = None
        self._model_loaded = False

    @property
    def entries(self) -> list[slogan_lexicon.Entry]:
        if self._entries is None:
            self._set_lexicon(slogan_lexicon.load(self.lexicon_path))
        return self._entries

    @property
    def matcher(self) -> slogan_lexicon.LexiconMatcher:
        if self._matcher is None:
            self._set_lexicon(self.entries)
        return self._matcher

    @property
    def model(self) -> slogan_model.ContentModel | None:
        """The content model (None when switched off or not trained)."""
        if not self._model_loaded:
            self._model = slogan_model.load() if self.use_content_model else None
            self._model_loaded = True
        return self._model

    def use_model(self, model: slogan_model.ContentModel | None) -> None:
        """Score quotes with `model` from now on (None: the rules alone)."""
        self._model, self._model_loaded = model, True

    def _set_lexicon(self, entries: list[slogan_lexicon.Entry]) -> None:
        self._entries = entries
        self._matcher = slogan_lexicon.LexiconMatcher(entries)

    def __call__(self, doc: Doc) -> Doc:
        slogans, quotations = self.find(doc_text(doc), _entity_labels(doc), _word_spans(doc))
        doc._.slogan_rows = slogans
        doc._.quotation_rows = quotations
        doc.spans["slogans"] = _spans(doc, slogans, "kind", "slogan")
        doc.spans["quotations"] = _spans(doc, quotations, "type", "quotation")
        return doc

    def find(self, text: str, entities: dict[tuple[int, int], str] | None = None,
             words: list[tuple[int, int]] | None = None) -> tuple[list[dict], list[dict]]:
        """(slogan rows, quotation rows) for `text`, each sorted by offset; `words` are the
        tokenizer's word spans (None when it segments characters)."""
        slogans, quotations = self._quoted(text, entities or {})
        covered = [(r["start"], r["end"]) for r in slogans]
        covered += [(r["start"], r["end"]) for r in quotations if r["type"] != "speech"]
        slogans += self._unquoted(text, covered, words)
        slogans.sort(key=lambda r: (r["start"], r["end"]))
        return slogans, quotations

    def _quoted(self, text: str, entities: dict[tuple[int, int], str]
                ) -> tuple[list[dict], list[dict]]:
        slogans: list[dict] = []
        quotations: list[dict] = []
        for quote, surface, canon, context in self.quote_contexts(text, entities):
            verdict = judge(text, quote, canon, context)
            if verdict.label == "slogan":
                kind = "numbered" if verdict.numbered else "quoted"
                slogans.append(_row(quote.start, quote.end, surface, canon, kind,
                                    verdict.head, verdict.issuer, verdict.score))
            else:
                quotations.append({"start": quote.start, "end": quote.end,
                                   "text": surface, "type": verdict.label})
        return slogans, quotations

    def quote_contexts(self, text: str, entities: dict[tuple[int, int], str] | None = None
                       ) -> list[tuple[Quote, str, str, Context]]:
        """(quote, surface, canonical, context) for every quote pair of `text`."""
        quotes = find_quotes(text, self.max_quote_chars)
        touching = _adjacent(text, quotes)
        words = slogan_words.load()
        result = []
        for quote in quotes:
            surface = text[quote.start : quote.end]
            canon = canonical(surface)
            context = Context(
                adjacent=quote in touching,
                entity_label=(entities or {}).get((quote.start + 1, quote.end - 1)),
                in_lexicon=canon in self.matcher.phrases,
                word_tag=words.get(canon),
                content_score=self.model.score(canon) if self.model else None,
            )
            result.append((quote, surface, canon, context))
        return result

    def _unquoted(self, text: str, covered: list[tuple[int, int]],
                  words: list[tuple[int, int]] | None = None) -> list[dict]:
        found: dict[tuple[int, int], tuple[str, float]] = {}
        for span in numbered.numbered_phrases(text, words):
            found[span] = ("numbered", 0.85)
        for span in self.matcher(text):
            phrase = text[span[0] : span[1]]
            found[span] = ("numbered" if ctx.is_numbered(phrase) else "lexicon", 0.95)
        result = []
        for (start, end), (kind, score) in sorted(found.items()):
            if _overlaps(start, end, covered):
                continue
            covered.append((start, end))
            surface = text[start:end]
            head = ctx.head_after(ctx.window_after(text, end))
            issuer = ctx.issuer_before(ctx.window_before(text, start))
            result.append(_row(start, end, surface, canonical(surface), kind, head, issuer, score))
        return result

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        """Save the lexicon, the content model, the common words and the numbered rules'
        word lists with the pipeline."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        lines = [f"{e.phrase}\t{e.category or ''}".rstrip("\t") for e in self.entries]
        (path / LEXICON_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
        if self.model is not None:
            (path / CONTENT_MODEL_FILE).write_text(slogan_model.dumps(self.model), encoding="utf-8")
        resource_files.write(resource_files.snapshot(SAVED_RESOURCES), path)

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> SloganFinder:
        """Load the lexicon, content model and word lists saved by `to_disk`."""
        path = Path(path)
        self._set_lexicon(slogan_lexicon.load(path / LEXICON_FILE))
        model_file = path / CONTENT_MODEL_FILE
        self._model = (slogan_model.loads(model_file.read_text(encoding="utf-8"))
                       if model_file.exists() else None)
        self._model_loaded = True
        resource_files.install(resource_files.read(path, SAVED_RESOURCES))
        return self


def _row(start: int, end: int, surface: str, canon: str, kind: str, head: str | None,
         issuer: str | None, score: float) -> dict:
    return {"start": start, "end": end, "text": surface, "canonical": canon, "kind": kind,
            "head": head, "issuer": issuer, "score": float(score)}


def _word_spans(doc: Doc) -> list[tuple[int, int]] | None:
    """The tokens' character spans, or None when the tokenizer segments single characters."""
    spans = [(t.idx, t.idx + len(t.text)) for t in doc]
    return spans if any(end - start > 1 for start, end in spans) else None


def _adjacent(text: str, quotes: list[Quote]) -> set[Quote]:
    """Quotes that touch another quote, directly or across 、/和: “强城”“兴村”“融合”."""
    starts = {q.start: q for q in quotes}
    touching = set()
    for quote in quotes:
        for gap in (0, 1):
            other = starts.get(quote.end + gap)
            if other and (gap == 0 or text[quote.end] in "、和与及"):
                touching.update((quote, other))
    return touching


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _entity_labels(doc: Doc) -> dict[tuple[int, int], str]:
    return {(ent.start_char, ent.end_char): ent.label_ for ent in doc.ents}


def _spans(doc: Doc, records: list[dict], label_key: str, extension: str) -> list[Span]:
    spans = []
    for record in records:
        span = doc.char_span(record["start"], record["end"], label=record[label_key],
                             alignment_mode="expand")
        if span is not None:
            span._.set(extension, record)
            spans.append(span)
    return spans
