"""The trained NER models as pipeline components: `baokan_ner` (the character model,
models/ner, on the article text with the article's own words as features) and
`baokan_ner_words` (the word-token model, models/ner_words, on the article's pkuseg tokens).

Each runs its model over batches of articles and leaves its spans, scored with the model's dev
precision per label, in `doc.user_data[MODEL_KEY]` / `doc.user_data[WORD_MODEL_KEY]` for the
merger (`component.py`). The model travels with the pipeline: `to_disk` copies its directory,
`from_disk` loads it from there. Which models run (`baokan run --ner`) is NER_SETUPS.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.model_files import require_pipeline_dir
from pipeline.nlp.doc_text import doc_text
from pipeline.nlp.entities import (
    char_features,  # noqa: F401  (registers the char tokenizer)
    inference,
)
from pipeline.nlp.entities.word_docs import word_doc  # also registers the word model's callback
from pipeline.nlp.factories import evaluated_annotations
from pipeline.nlp.lexemes import keep_lexemes
from pipeline.nlp.settings import DEFAULT_SETTINGS, NER_CHOICES, Settings
from pipeline.paths import MODELS

NER_DIR = MODELS / "ner"
MODEL_KEY = "baokan_ner"
WORD_NER_DIR = NER_DIR.parent / "ner_words"
WORD_MODEL_KEY = "baokan_ner_words"
MODEL_SUBDIR = "model"


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
        self.model_path = model_dir(model_path)
        self._model: Language | None = None
        self._scores: dict[str, float] = {}

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        """Save the trained model (its directory, as trained) under `path/model`."""
        target = Path(path) / MODEL_SUBDIR
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.model_path, target)

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> ModelNer:
        """Use the model saved by `to_disk` (loaded at the first Doc)."""
        self.model_path = Path(path) / MODEL_SUBDIR
        self._model = None
        return self

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


@Language.factory("baokan_ner_words", default_config={"model_path": "ner_words"},
                  assigns=["doc.user_data"])
@evaluated_annotations
def make_word_ner(nlp: Language, name: str, model_path: str) -> WordNer:
    """The trained word-token NER as the source of ORG candidates."""
    return WordNer(nlp, name, model_path)


@Language.factory("baokan_ner", default_config={"model_path": "ner"},
                  assigns=["doc.user_data"])
@evaluated_annotations
def make_char_ner(nlp: Language, name: str, model_path: str) -> CharNer:
    """The trained character NER as a candidate source."""
    return CharNer(nlp, name, model_path)


# Which trained models the entity stage runs (`baokan run --ner`): both (character model
# PER/LOC + word model ORG, the most accurate), words or chars (one model, faster), rules.
NER_SETUPS: dict[str, tuple[str, ...]] = {
    "both": (MODEL_KEY, WORD_MODEL_KEY), "words": (WORD_MODEL_KEY,), "chars": (MODEL_KEY,),
    "rules": (),
}
assert tuple(NER_SETUPS) == NER_CHOICES
MODEL_DIRS = {MODEL_KEY: NER_DIR, WORD_MODEL_KEY: WORD_NER_DIR}


def model_dir(model_path: str | Path) -> Path:
    """The directory of a trained model: a bare name ("ner") is a folder of models/
    (`pipeline.paths.MODELS`), anything else a path."""
    path = Path(model_path)
    return MODELS / path if len(path.parts) == 1 and not path.is_absolute() else path


def runs_model(factory: str, config: dict, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Whether `build` adds a component of `factory`: every one but the NER models, which
    run when `settings.ner` names them (ModelError when such a model is missing)."""
    if settings.ner not in NER_SETUPS:
        raise ValueError(f"unknown NER setup {settings.ner!r} ({', '.join(NER_CHOICES)})")
    if factory not in MODEL_DIRS:
        return True
    if factory not in NER_SETUPS[settings.ner]:
        return False
    require_pipeline_dir(model_dir(config.get("model_path", "")))  # no silent skip
    return True
