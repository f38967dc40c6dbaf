"""Readers for the segmentation corpora in ``../shared/corpora`` and the test-set dedup filter.

All readers yield text exactly as stored (no normalization); `to_halfwidth` is the
pipeline's full-width → half-width normalization and `dedup_key` the key used to match
training sentences against test sentences. The corpora are for training and measuring
only: nothing read here may be copied into the repository.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.normalize import to_fullwidth, to_halfwidth  # noqa: F401  (re-exported for readers)

PFR_PATH = "pfr1998_pos/199801.utf8.txt.gz"
CTB6 = {split: f"ctb6_cws/ctb6.{split}.seg" for split in ("train", "dev", "test")}
SXU = {split: f"sxu_cws/{split}.txt" for split in ("train", "test")}
SIGHAN_GOLD = {
    "pku": "sighan2005_cws/pku_test_gold.utf8",
    "msr": "sighan2005_cws/msr_test_gold.utf8",
}
SIGHAN_RAW = {"pku": "sighan2005_cws/pku_test.utf8", "msr": "sighan2005_cws/msr_test.utf8"}
SIGHAN_WORDS = {
    "pku": "sighan2005_cws/pku_training_words.utf8",
    "msr": "sighan2005_cws/msr_training_words.utf8",
}
NER_TEST_FILES = (
    "msra_ner/msra_test_bio.tsv",
    "peoples_daily_ner/example.dev",
    "peoples_daily_ner/example.test",
)

_PFR_ID = re.compile(r"^\d{8}-\d{2}-\d{3}-\d{3}/m$")
_SENT_END = frozenset("。！？!?")
_CLOSERS = frozenset("”’」』）)")
_SPACE = re.compile(r"\s+")




def dedup_key(text: str) -> str:
    """Normalized sentence key: half-width, no whitespace."""
    return _SPACE.sub("", to_halfwidth(text))


def _open(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig") as handle:
        yield from handle


# ---------------------------------------------------------------- PFR 1998 (People's Daily)


@dataclass
class PfrParagraph:
    """One PFR paragraph: (word, pos) tokens and bracket groups ``(start, end, tag)``."""

    pid: str
    tokens: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [word for word, _ in self.tokens]


def parse_pfr_line(line: str) -> PfrParagraph | None:
    """Parse ``19980101-01-001-006/m  在/p  [中央/n  电台/n]nt …``; None for blank lines."""
    fields = line.split()
    if not fields:
        return None
    pid = ""
    if _PFR_ID.match(fields[0]):
        pid = fields.pop(0)[:-2]
    para = PfrParagraph(pid)
    open_at: int | None = None
    for item in fields:
        if item.startswith("[") and len(item) > 1 and "/" in item:
            open_at = len(para.tokens)
            item = item[1:]
        group_tag = None
        close = item.rfind("]")
        if close > 0 and "/" in item[:close] and open_at is not None:
            item, group_tag = item[:close], item[close + 1 :]
        word, _, pos = item.rpartition("/")
        if not word:
            word, pos = item, "x"
        para.tokens.append((word, pos))
        if group_tag is not None and open_at is not None:
            para.groups.append((open_at, len(para.tokens), group_tag))
            open_at = None
    return para


def read_pfr(corpora_dir: Path) -> Iterator[PfrParagraph]:
    """PFR paragraphs with POS tags and bracket groups (for the NER helper too)."""
    for line in _open(Path(corpora_dir) / PFR_PATH):
        para = parse_pfr_line(line)
        if para is not None and para.tokens:
            yield para


def read_pfr_words(corpora_dir: Path) -> Iterator[list[str]]:
    """PFR paragraphs as word lists (PKU standard boundaries, tags and brackets removed)."""
    for para in read_pfr(corpora_dir):
        yield para.words


# ---------------------------------------------------------------- space-separated corpora


def read_segmented(path: Path) -> Iterator[list[str]]:
    """One sentence per line, words separated by whitespace (CTB6, SXU, SIGHAN gold)."""
    for line in _open(Path(path)):
        words = line.split()
        if words:
            yield words


def read_ctb6(corpora_dir: Path, split: str) -> Iterator[list[str]]:
    return read_segmented(Path(corpora_dir) / CTB6[split])


def read_sxu(corpora_dir: Path, split: str) -> Iterator[list[str]]:
    return read_segmented(Path(corpora_dir) / SXU[split])


def read_sighan_gold(corpora_dir: Path, name: str) -> Iterator[list[str]]:
    """SIGHAN 2005 ``pku``/``msr`` test gold segmentation."""
    return read_segmented(Path(corpora_dir) / SIGHAN_GOLD[name])


def read_sighan_raw(corpora_dir: Path, name: str) -> Iterator[str]:
    """SIGHAN 2005 ``pku``/``msr`` unsegmented test input lines."""
    for line in _open(Path(corpora_dir) / SIGHAN_RAW[name]):
        if line.strip():
            yield line.strip()


def read_conll_words(path: Path) -> Iterator[list[str]]:
    """The word forms of each sentence of a CoNLL-X / CoNLL-U file (UD Chinese GSD)."""
    words: list[str] = []
    for line in _open(Path(path)):
        line = line.rstrip("\n")
        if not line.strip():
            if words:
                yield words
            words = []
        elif not line.startswith("#"):
            columns = line.split("\t")
            if len(columns) > 1 and columns[0].isdigit():
                words.append(columns[1])
    if words:
        yield words


def read_word_list(path: Path) -> set[str]:
    """A word list (one word per line), half-width normalized."""
    return {to_halfwidth(line.strip()) for line in _open(Path(path)) if line.strip()}


def read_char_bio(path: Path) -> Iterator[str]:
    """Sentences of a char-per-line BIO file (``char<TAB or space>TAG``, blank line between)."""
    chars: list[str] = []
    for line in _open(Path(path)):
        parts = line.rstrip("\n").split()
        if not parts:
            if chars:
                yield "".join(chars)
            chars = []
            continue
        chars.append(parts[0])
    if chars:
        yield "".join(chars)


# ---------------------------------------------------------------- sentences and dedup


def split_sentences(words: list[str]) -> list[list[str]]:
    """Split a segmented paragraph after 。！？ (plus closing quotes) at word boundaries."""
    sentences: list[list[str]] = []
    current: list[str] = []
    for i, word in enumerate(words):
        current.append(word)
        ends = word[-1] in _SENT_END
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if ends and not (nxt and nxt[0] in _CLOSERS):
            sentences.append(current)
            current = []
        elif current and word[0] in _CLOSERS and len(current) > 1 and current[-2][-1] in _SENT_END:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _split_text(text: str) -> list[str]:
    return ["".join(s) for s in split_sentences(list(text))]


def test_sentence_keys(corpora_dir: Path, min_chars: int = 5) -> dict[str, set[str]]:
    """Dedup keys of every test set, per set: whole lines and their sentences."""
    root = Path(corpora_dir)
    gold_files = {
        "sighan_pku_test": root / SIGHAN_GOLD["pku"],
        "sighan_msr_test": root / SIGHAN_GOLD["msr"],
        "ctb6_test": root / CTB6["test"],
    }
    texts: dict[str, Iterable[str]] = {
        name: ("".join(words) for words in read_segmented(path))
        for name, path in gold_files.items()
        if path.exists()
    }
    for rel in NER_TEST_FILES:
        if (root / rel).exists():
            texts[rel] = read_char_bio(root / rel)
    keys: dict[str, set[str]] = {}
    for name, lines in texts.items():
        found: set[str] = set()
        for line in lines:
            for piece in [line, *_split_text(line)]:
                key = dedup_key(piece)
                if len(key) >= min_chars:
                    found.add(key)
        keys[name] = found
    return keys


@dataclass
class DedupReport:
    """Counts of a dedup pass."""

    kept: int = 0
    dropped: int = 0
    by_test_set: dict[str, int] = field(default_factory=dict)


def dedup_sentences(
    sentences: Iterable[list[str]], test_keys: dict[str, set[str]], report: DedupReport
) -> Iterator[list[str]]:
    """Drop training sentences whose dedup key occurs in any test set; count in `report`."""
    for words in sentences:
        key = dedup_key("".join(words))
        hits = [name for name, keys in test_keys.items() if key in keys]
        if hits:
            report.dropped += 1
            for name in hits:
                report.by_test_set[name] = report.by_test_set.get(name, 0) + 1
            continue
        report.kept += 1
        yield words
