"""Rule sentence splitter for Chinese news: 。！？；… and a following closing quote."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = set("。！？!?；;…")
CLOSERS = set("”’」』)）》\"'")


@Language.component("baokan_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after terminal punctuation (and its closing quotes) and at newlines."""
    start_next = True
    for token in doc:
        text = token.text
        if start_next and not _is_closer(text):
            token.is_sent_start = True
            start_next = False
        elif token.i > 0:
            token.is_sent_start = False
        if text and (text[-1] in SENTENCE_END or "\n" in text):
            start_next = True
        elif start_next and _is_closer(text):
            start_next = True
    return doc


def _is_closer(text: str) -> bool:
    return bool(text) and all(ch in CLOSERS for ch in text)
