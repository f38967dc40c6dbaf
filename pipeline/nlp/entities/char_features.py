"""Character tokenizers with word features for the character-level NER model.

Each character is one token carrying three hashed features that the model's MultiHashEmbed
reads besides the character itself:

- NORM  = the character bigram starting here (c[i] c[i+1]);
- LEMMA = the word containing the character;
- TAG   = the character's position in that word and the word length (B2, M4, E3, S1 …),
  in v2 followed by a gazetteer tag when the word run is a known name (`B3|LOC-B`).

`baokan.word_features.v1` (current model): words from Baokan's own pkuseg tokenizer — in the
pipeline the article's tokens are passed in (`from_words`), so text is segmented once — and a
name gazetteer (PER/LOC/ORG, built by `baokan train ner`) serialized with the model.
`baokan.char_features.v1` (first model): words from a jieba dictionary segmentation.
Both are registered in spaCy's tokenizer registry; the model's config names one, so
`spacy.load("models/ner")` needs this module imported first.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import LEMMA, NORM, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

FEATURE_ATTRS = [NORM, LEMMA, TAG]
_random = random.Random(0)


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines in every run's log
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _position(index: int, length: int) -> str:
    """Position of a character in its word and the word length: S1, B2, M4, E3 …"""
    size = min(length, 4)
    if length == 1:
        return "S1"
    if index == 0:
        return f"B{size}"
    if index == length - 1:
        return f"E{size}"
    return f"M{size}"


@lru_cache(maxsize=64)
def _position_tag(index: int, length: int) -> int:
    return get_string_id(_position(index, length))


@lru_cache(maxsize=8)
def words(text: str) -> tuple[str, ...]:
    """Dictionary segmentation used for the word features (cached for the last texts)."""
    return tuple(_jieba().cut(text, HMM=False))


def dictionary() -> dict[str, int]:
    """The segmentation dictionary: word → frequency."""
    return _jieba().FREQ


def feature_array(text: str) -> numpy.ndarray:
    """(n_chars, 3) uint64 hashes: bigram, containing word, position tag."""
    rows = numpy.zeros((len(text), 3), dtype="uint64")
    for i in range(len(text)):
        rows[i, 0] = get_string_id(text[i : i + 2])
    i = 0
    for word in words(text):
        word_id = get_string_id(word)
        for j in range(len(word)):
            rows[i + j, 1] = word_id
            rows[i + j, 2] = _position_tag(j, len(word))
        i += len(word)
    return rows


class CharFeatureTokenizer:
    """Text → Doc of single-character tokens carrying NORM/LEMMA/TAG word features."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        chars = list(text)
        doc = Doc(self.vocab, words=chars, spaces=[False] * len(chars))
        if chars:
            doc.from_array(FEATURE_ATTRS, feature_array(text))
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> CharFeatureTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> CharFeatureTokenizer:
        return self


@registry.tokenizers("baokan.char_features.v1")
def create_char_feature_tokenizer():
    """spaCy registry entry: `[nlp.tokenizer] @tokenizers = "baokan.char_features.v1"`."""

    def create(nlp) -> CharFeatureTokenizer:
        return CharFeatureTokenizer(nlp.vocab)

    return create


# --- v2: word features from Baokan's own segmentation, plus a name gazetteer -------------

GAZETTEER_FILE = "gazetteer.tsv"
GAZETTEER_MAX_TOKENS = 4  # a gazetteer match spans at most this many word tokens


@lru_cache(maxsize=1)
def _segmenter():
    """The pipeline's pkuseg tokenizer (shipped model + domain user dictionary)."""
    from pipeline.nlp.tokenizer.segmenter import load_tokenizer_pipeline

    return load_tokenizer_pipeline().tokenizer


@lru_cache(maxsize=200_000)  # training re-reads the same sentences every epoch
def word_offsets(text: str) -> tuple[int, ...]:
    """Start offsets of the pipeline tokenizer's words, plus len(text) at the end."""
    if not text:
        return (0,)
    return (*(token.idx for token in _segmenter()(text)), len(text))


class Gazetteer:
    """Known names → PER / LOC / ORG, matched over whole word tokens, longest first."""

    def __init__(self, entries: dict[str, str] | None = None) -> None:
        self.entries = entries or {}

    def matches(self, text: str, offsets: Sequence[int]) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, label) matches of 1–4 consecutive words."""
        found: list[tuple[int, int, str]] = []
        get = self.entries.get
        last = len(offsets) - 1
        i = 0
        while i < last:
            step = 1
            for j in range(min(last, i + GAZETTEER_MAX_TOKENS), i, -1):
                start, end = offsets[i], offsets[j]
                label = get(text[start:end]) if end - start >= 2 else None
                if label:
                    found.append((start, end, label))
                    step = j - i
                    break
            i += step
        return found

    def to_text(self) -> str:
        return "".join(f"{name}\t{label}\n" for name, label in sorted(self.entries.items()))

    @classmethod
    def from_text(cls, data: str) -> Gazetteer:
        entries = {}
        for line in data.splitlines():
            name, _, label = line.partition("\t")
            if name and label:
                entries[name] = label
        return cls(entries)


@lru_cache(maxsize=4096)
def _tag_id(index: int, length: int, gazetteer_tag: str) -> int:
    return get_string_id(_position(index, length) + gazetteer_tag)


@lru_cache(maxsize=4096)
def _word_tag_ids(length: int, gazetteer_tags: tuple[str, ...]) -> list[int]:
    """TAG ids of the characters of one word (position + gazetteer tag each)."""
    return [_tag_id(j, length, tag) for j, tag in enumerate(gazetteer_tags)]


def word_feature_array(text: str, offsets: Sequence[int],
                       names: list[tuple[int, int, str]]) -> numpy.ndarray:
    """(n_chars, 3) uint64 hashes: bigram; containing word; position in word + gazetteer tag
    (e.g. `B2|ORG-B`: first of a two-character word, first character of a known ORG);
    `offsets` are word starts from 0 plus len(text) at the end.
    Columns are built as lists and converted once (a numpy element write per character
    cost more than the hashing)."""
    n = len(text)
    gazetteer_tags = [""] * n
    for start, end, label in names:
        gazetteer_tags[start] = f"|{label}-B"
        for k in range(start + 1, end):
            gazetteer_tags[k] = f"|{label}-I"
    bigrams = [get_string_id(text[i : i + 2]) for i in range(n)]
    words: list[int] = []
    tags: list[int] = []
    for start, end in zip(offsets, offsets[1:], strict=False):  # they cover the text
        length = end - start
        words += [get_string_id(text[start:end])] * length
        tags += _word_tag_ids(length, tuple(gazetteer_tags[start:end]))
    return numpy.array([bigrams, words, tags], dtype="uint64").T.copy()


class WordFeatureTokenizer:
    """Text → Doc of single-character tokens whose features come from Baokan's word
    segmentation and a name gazetteer (serialized with the model as gazetteer.tsv).

    `lexicon_dropout` (training only) hides each gazetteer match with that probability so
    that the model keeps learning names from context, not only from the list.
    """

    def __init__(self, vocab: Vocab, lexicon_dropout: float = 0.0) -> None:
        self.vocab = vocab
        self.lexicon_dropout = lexicon_dropout
        self.gazetteer = Gazetteer()

    def __call__(self, text: str) -> Doc:
        return self.from_words(text, word_offsets(text), self.lexicon_dropout)

    def from_words(self, text: str, offsets: Sequence[int], dropout: float = 0.0) -> Doc:
        """Build the character Doc from given word start offsets (+ len(text) at the end);
        the pipeline passes its own tokens so that text is segmented only once."""
        chars = list(text)
        doc = Doc(self.vocab, words=chars, spaces=[False] * len(chars))
        if chars:
            names = self.gazetteer.matches(text, offsets)
            if dropout:
                names = [m for m in names if _random.random() >= dropout]
            doc.from_array(FEATURE_ATTRS, word_feature_array(text, offsets, names))
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def initialize(self, get_examples=None, *, nlp=None, gazetteer_path: str | None = None,
                   pkuseg_model=None, pkuseg_user_dict=None):
        """`[initialize.tokenizer] gazetteer_path = …`: load the name list (name TAB label).
        The pkuseg_* settings come with spaCy's `zh` defaults and are not used here."""
        if gazetteer_path:
            with open(gazetteer_path, encoding="utf-8") as handle:
                self.gazetteer = Gazetteer.from_text(handle.read())

    def to_bytes(self, **kwargs) -> bytes:
        return self.gazetteer.to_text().encode("utf-8")

    def from_bytes(self, data: bytes, **kwargs) -> WordFeatureTokenizer:
        self.gazetteer = Gazetteer.from_text(data.decode("utf-8"))
        return self

    def to_disk(self, path, **kwargs) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / GAZETTEER_FILE).write_text(self.gazetteer.to_text(), encoding="utf-8")

    def from_disk(self, path, **kwargs) -> WordFeatureTokenizer:
        file = Path(path) / GAZETTEER_FILE
        if file.exists():
            self.gazetteer = Gazetteer.from_text(file.read_text(encoding="utf-8"))
        return self


@registry.tokenizers("baokan.word_features.v1")
def create_word_feature_tokenizer(lexicon_dropout: float = 0.0):
    """`[nlp.tokenizer] @tokenizers = "baokan.word_features.v1"` (NER model v2)."""

    def create(nlp) -> WordFeatureTokenizer:
        return WordFeatureTokenizer(nlp.vocab, lexicon_dropout)

    return create
