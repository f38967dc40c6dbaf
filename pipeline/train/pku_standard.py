"""Move PFR 1998 to the SIGHAN 2005 PKU segmentation standard (the PKU test set's).

SIGHAN 2005's PKU training set is the same People's Daily January 1998 text as PFR,
re-segmented: 提出 and 更是 are split (提|出), 初级阶段 and 知识产权 are one word. The full
set is not in the corpora, but two parts of it are: its word list (all 55,303 word types,
`pku_training_words.utf8`) and a 10 % sample of its lines (`pku_dev_10pct.utf8`, 1,875
of them found in PFR). From these, and from nothing in any test set:

1. a sample line replaces its PFR paragraph;
2. a PFR word missing from the SIGHAN word list is split — SIGHAN never has it whole (170 of
   170 such occurrences are split in the sample): as the sample splits it, else into the
   longest list words from the left;
3. a PFR word the sample splits in most of its occurrences (提出, 64 of 64) is split the same
   way everywhere;
4. two or three adjacent PFR words that spell a SIGHAN word which is never a PFR word are
   joined: where the sample shows them, when it joins most of their occurrences; else when
   they occur at most 3 times in PFR (such joins are right 52 of 56 times in the sample,
   against 34 of 92 for frequent ones).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.train import corpora

WORD_LIST = corpora.SIGHAN_WORDS["pku"]
SAMPLE = "sighan2005_cws/partial_training/pku_dev_10pct.utf8"
MAX_JOIN = 3  # words joined into one
RARE = 3  # a join unseen in the sample is made when the words occur this often or less

Words = tuple[str, ...]


@dataclass
class Conversion:
    """What moves a PFR word sequence to the SIGHAN standard (keys half-width)."""

    sample: dict[str, list[str]] = field(default_factory=dict)  # text key → SIGHAN words
    splits: dict[str, list[int]] = field(default_factory=dict)  # word → piece lengths
    joins: set[Words] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)  # what was changed, for the report

    def apply(self, words: list[str]) -> list[str]:
        """One PFR paragraph (original characters) in the SIGHAN standard."""
        keys = [corpora.to_halfwidth(w) for w in words]
        text = "".join(words)
        sample = self.sample.get("".join(keys))
        if sample is not None:
            self.counts["sample lines"] += 1
            return _cut(text, [len(w) for w in sample])
        out: list[str] = []
        i = 0
        while i < len(words):
            n = self._join_at(keys, i)
            if n > 1:
                out.append("".join(words[i : i + n]))
                self.counts["joins"] += 1
                i += n
                continue
            lengths = self.splits.get(keys[i])
            if lengths:
                out += _cut(words[i], lengths)
                self.counts["splits"] += 1
            else:
                out.append(words[i])
            i += 1
        return out

    def _join_at(self, keys: list[str], i: int) -> int:
        for n in range(MAX_JOIN, 1, -1):
            if tuple(keys[i : i + n]) in self.joins:
                return n
        return 1


def _cut(text: str, lengths: Iterable[int]) -> list[str]:
    out, pos = [], 0
    for length in lengths:
        out.append(text[pos : pos + length])
        pos += length
    return out


def _spans(words: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for word in words:
        out.append((pos, pos + len(word)))
        pos += len(word)
    return out


def read_sample(corpora_dir: Path) -> Iterator[list[str]]:
    """The 10 % sample of SIGHAN 2005 PKU training lines, half-width words."""
    for words in corpora.read_segmented(corpora_dir / SAMPLE):
        yield [corpora.to_halfwidth(w) for w in words]


def learn(corpora_dir: Path, paragraphs: list[list[str]]) -> Conversion:
    """The conversion from the SIGHAN word list, the sample and the PFR `paragraphs`."""
    listed = corpora.read_word_list(corpora_dir / WORD_LIST)  # half-width
    pfr = [[corpora.to_halfwidth(w) for w in words] for words in paragraphs]
    vocab = Counter(w for words in pfr for w in words)
    by_text = {"".join(words): words for words in pfr}
    aligned = [(by_text[key], s) for s in read_sample(corpora_dir)
               if (key := "".join(s)) in by_text]
    sample_splits, word_seen = _sample_splits(aligned)
    join_seen, join_made = _sample_joins(aligned, listed, vocab)
    conv = Conversion(sample={"".join(s): s for _, s in aligned})
    for word in vocab:
        observed = sample_splits.get(word)
        if word not in listed:
            best = observed.most_common(1)[0][0] if observed else _list_pieces(word, listed)
            if best and len(best) > 1:
                conv.splits[word] = list(best)
        elif observed and 2 * sum(observed.values()) > word_seen[word] >= 2:
            conv.splits[word] = list(observed.most_common(1)[0][0])
    for gram, count in _join_candidates(pfr, listed, vocab).items():
        seen = join_seen[gram]
        if (seen and 2 * join_made[gram] > seen) or (not seen and count <= RARE):
            conv.joins.add(gram)
    return conv


def _sample_splits(aligned) -> tuple[dict[str, Counter], Counter]:
    """PFR word → Counter of the piece lengths the sample splits it into; occurrences."""
    splits: dict[str, Counter] = {}
    seen: Counter = Counter()
    for pfr_words, sighan_words in aligned:
        bounds = {end for _, end in _spans(sighan_words)}
        for word, (start, end) in zip(pfr_words, _spans(pfr_words), strict=True):
            seen[word] += 1
            inner = sorted(b for b in bounds if start < b < end)
            if inner:
                cuts = [start, *inner, end]
                lengths = tuple(b - a for a, b in zip(cuts, cuts[1:], strict=False))
                splits.setdefault(word, Counter())[lengths] += 1
    return splits, seen


def _sample_joins(aligned, listed: set[str], vocab: Counter) -> tuple[Counter, Counter]:
    """Join candidates seen in the sample, and how often the sample joins them."""
    seen: Counter = Counter()
    made: Counter = Counter()
    for pfr_words, sighan_words in aligned:
        whole = set(_spans(sighan_words))
        spans = _spans(pfr_words)
        for gram, i, n in _grams(pfr_words, listed, vocab):
            seen[gram] += 1
            made[gram] += (spans[i][0], spans[i + n - 1][1]) in whole
    return seen, made


def _join_candidates(pfr: list[list[str]], listed: set[str], vocab: Counter) -> Counter:
    return Counter(gram for words in pfr for gram, _, _ in _grams(words, listed, vocab))


def _grams(words: list[str], listed: set[str], vocab: Counter) -> Iterator[tuple[Words, int, int]]:
    """Runs of 2..MAX_JOIN letter/digit words spelling a listed word that PFR never has."""
    for n in range(2, MAX_JOIN + 1):
        for i in range(len(words) - n + 1):
            gram = tuple(words[i : i + n])
            joined = "".join(gram)
            if joined in listed and joined not in vocab and joined.isalnum():
                yield gram, i, n


def _list_pieces(word: str, listed: set[str]) -> tuple[int, ...] | None:
    """Longest listed words from the left covering `word`, single characters allowed."""
    lengths, pos = [], 0
    while pos < len(word):
        size = next((n for n in range(len(word) - pos, 0, -1)
                     if n == 1 or word[pos : pos + n] in listed), 1)
        if size == len(word):
            return None
        lengths.append(size)
        pos += size
    return tuple(lengths)
