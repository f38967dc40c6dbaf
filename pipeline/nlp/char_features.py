"""Character tokenizer with word features for the character-level NER model.

Each character is one token. Three hashed features are attached per character so that
the model's MultiHashEmbed sees more than the character itself:

- NORM  = the character bigram starting here (c[i] c[i+1]);
- LEMMA = the dictionary word containing the character (jieba, no HMM, deterministic);
- TAG   = the character's position in that word and the word length (B2, M4, E3, S1 …).

Registered as `baokan.char_features.v1` in spaCy's tokenizer registry; the NER model's
config names it, so `spacy.load("models/ner")` needs this module imported first.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, NORM, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

FEATURE_ATTRS = [NORM, LEMMA, TAG]


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" lines in every run's log
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=64)
def _position_tag(index: int, length: int) -> int:
    size = min(length, 4)
    if length == 1:
        return get_string_id("S1")
    if index == 0:
        return get_string_id(f"B{size}")
    if index == length - 1:
        return get_string_id(f"E{size}")
    return get_string_id(f"M{size}")


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
