"""The curated slogan lexicon (pipeline/resources/slogans_lexicon.txt) and its matcher.

Matching runs spaCy's PhraseMatcher over a character-level view of the text, so the
result does not depend on how the pipeline's tokenizer segments words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.nlp import common_words as slogan_words
from pipeline.nlp import resource_files
from pipeline.nlp.slogans.quotes import unify

LEXICON_FILE = "slogans_lexicon.txt"
# A lexicon hit followed by one of these is part of an organisation name: 乡村振兴局.
ORG_SUFFIX = frozenset("局办处科厅所站委会")


@dataclass(frozen=True)
class Entry:
    """One lexicon line: the formulation and its optional category."""

    phrase: str
    category: str | None = None


def parse(text: str) -> list[Entry]:
    """Entries of a lexicon file's text: one per line, '#' comments, tab-separated columns."""
    entries: dict[str, Entry] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        columns = [c.strip() for c in line.split("\t")]
        phrase = unify(columns[0]) if columns else ""
        if len(phrase) >= 2 and phrase not in entries:
            category = columns[1] if len(columns) > 1 and columns[1] else None
            entries[phrase] = Entry(phrase, category)
    return list(entries.values())


def load(path: Path | str | None = None) -> list[Entry]:
    """Entries of the lexicon at `path` (default: the resource file slogans_lexicon.txt)."""
    if path is None:
        return parse(resource_files.text(LEXICON_FILE))
    return parse(Path(path).read_text(encoding="utf-8"))


def char_doc(vocab: Vocab, text: str) -> Doc:
    """A Doc with one token per character: token index == character offset."""
    chars = list(text) or [" "]
    return Doc(vocab, words=chars, spaces=[False] * len(chars))


class LexiconMatcher:
    """Finds lexicon formulations in text by character offsets, longest match first."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.vocab = Vocab()
        self.matcher = PhraseMatcher(self.vocab)
        patterns = [char_doc(self.vocab, e.phrase) for e in entries]
        if patterns:
            self.matcher.add("SLOGAN", patterns)
        self.phrases = frozenset(e.phrase for e in entries)

    def __call__(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) matches; longer matches win, then earlier ones."""
        if not self.phrases or not text:
            return []
        hits = [(s, e) for _, s, e in self.matcher(char_doc(self.vocab, text))]
        hits = [(s, e) for s, e in hits if not (e < len(text) and text[e] in ORG_SUFFIX)]
        hits = [(s, e) for s, e in hits if not _split_word(text, s)]
        chosen: list[tuple[int, int]] = []
        taken = bytearray(len(text))
        for start, end in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
            if not any(taken[start:end]):
                chosen.append((start, end))
                taken[start:end] = b"\x01" * (end - start)
        return sorted(chosen)


def _split_word(text: str, start: int) -> bool:
    """The match starts inside a word: 最新发展理念 is not 新发展理念 (最新 is a word, 新发 is not)."""
    if start == 0:
        return False
    words = slogan_words.load()
    return text[start - 1 : start + 1] in words and text[start : start + 2] not in words
