"""What the word-token NER model (models/ner_words) needs at inference: its lexical-attribute
callback (named in the model's config) and the Doc of pkuseg words it reads.

The model is trained by `pipeline.train.ner_words` on these same Docs; it must be fed Docs
built from the Baokan tokenizer's words, never raw text.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.attrs import IDX, LENGTH, SUFFIX
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.doc_text import doc_text


@spacy.registry.callbacks("baokan.word_lex_attrs.v1")
def word_lex_attrs() -> Callable[[Language], Language]:
    """SUFFIX = a word's last character (省, 市, 委, 部 …), not spaCy's last three."""

    def apply(nlp: Language) -> Language:
        nlp.vocab.lex_attr_getters[SUFFIX] = lambda string: string[-1:]
        return nlp

    return apply


def word_doc(vocab, tokens: Doc) -> Doc:
    """A Doc in `vocab` with the words and spaces of a tokenizer Doc (read from the token
    offsets and the text: no Token objects)."""
    if not len(tokens):
        return Doc(vocab, words=[])
    text = doc_text(tokens)
    spans = tokens.to_array([IDX, LENGTH]).tolist()
    starts = [start for start, _ in spans[1:]] + [len(text)]
    words = [text[start:start + length] for start, length in spans]
    spaces = [next_start > start + length for (start, length), next_start in zip(spans, starts, strict=True)]
    return Doc(vocab, words=words, spaces=spaces)
