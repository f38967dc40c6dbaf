"""The text of a Doc, read once.

`Doc.text` joins `token.text_with_ws` over a new Token object for every token: about 1 µs
per character of article on this machine, and the sentence, entity, slogan and statistics
components each need the text. The Baokan tokenizer stores the text it was given in
`doc.user_data[TEXT_KEY]`; `doc_text` returns it when it still spells the Doc (same length
as the Doc's last token ends; no component changes the text), else reads `doc.text` once and
stores it.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "baokan_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, cached in `doc.user_data`."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None or len(text) != _length(doc):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def _length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
