"""Rule sentence splitter for Chinese news: 。！？；… and a following closing quote."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.doc_text import doc_text

SENTENCE_END = set("。！？!?；;…")
CLOSERS = set("”’」』)）》\"'")


@Language.component("baokan_sentences", assigns=["token.is_sent_start"])
def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after terminal punctuation (and its closing quotes) and at newlines.

    Works on the token offsets and doc.text (no Token objects) and writes all flags at once.
    """
    if len(doc):
        text = doc_text(doc)
        spans = doc.to_array([IDX, LENGTH]).tolist()
        flags = sentence_starts([text[start : start + length] for start, length in spans])
        doc.from_array([SENT_START], numpy.asarray(flags, dtype="int64").astype("uint64"))
    return doc


def sentence_starts(tokens: list[str]) -> list[int]:
    """SENT_START value per token: 1 starts a sentence, -1 does not (0: a leading closer).

    A token starts a sentence when it is not a closer and the last non-closer token before
    it ended in terminal punctuation or held a newline (or there is none).
    """
    flags = []
    start_next = True
    for token in tokens:
        closer = _is_closer(token)
        if start_next and not closer:
            flags.append(1)
            start_next = False
        else:
            flags.append(-1 if flags else 0)
        if token and (token[-1] in SENTENCE_END or "\n" in token):
            start_next = True
    return flags


def _is_closer(text: str) -> bool:
    return bool(text) and all(ch in CLOSERS for ch in text)
