"""Convert NER training corpora to character-level spaCy DocBins, test sentences removed.

Sources (see /work/shared/corpora/MANIFEST.md): MSRA NER train (char BIO) and the People's
Daily 1998-01 corpus (PFR: nr → PER, ns → LOC, nt → ORG; bracketed compounds such as
`[中共中央/nt 办公厅/n]nt` become one entity; surname `nr` + given-name `nr` form one PER). Every
training sentence that also occurs in a test set (MSRA test, People's Daily NER dev/test,
SIGHAN 2005 tests) is dropped. Text gets the pipeline's width normalization.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from pipeline.paths import RESOURCES
from pipeline.train.ner_sentences import Sentence, Span, halfwidth  # noqa: F401  (re-exported)

PFR_LABELS = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
SYNTHETIC_SENTENCES = 6000  # template sentences of the modern stage (ner_synthetic.py)
SENTENCE_RE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』]*|$)")


def _open(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8-sig")


def read_bio(path: Path, sep: str | None = None) -> Iterator[Sentence]:
    """Read `char<sep>TAG` lines with blank lines between sentences (BIO or BMES tags)."""
    chars: list[str] = []
    tags: list[str] = []
    with _open(path) as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line.strip():
                if chars:
                    yield Sentence("".join(chars), bio_spans(tags))
                chars, tags = [], []
                continue
            parts = line.split(sep) if sep else line.split()
            if len(parts) < 2:  # a whitespace character as the token itself
                parts = [" ", parts[-1]] if parts else [" ", "O"]
            chars.append(parts[0][:1])
            tags.append(parts[-1])
    if chars:
        yield Sentence("".join(chars), bio_spans(tags))


def bio_spans(tags: list[str]) -> list[Span]:
    """Spans from BIO/BMES/BIOES tags (labels after the `-`)."""
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix in ("I", "M", "E") and kind == label and start >= 0
        if not continues and start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and not continues):
            start, label = i, kind
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, label))
            start, label = -1, ""
    return spans


def parse_pfr_line(line: str) -> Sentence | None:
    """One PFR paragraph (`id/m  word/pos  [w/pos w/pos]nt …`) → text and spans."""
    tokens = line.split()
    if len(tokens) < 2:
        return None
    text_parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    bracket: list[tuple[int, str, str]] | None = None  # inner (start, word, tag)
    bracket_start = 0
    last_nr: tuple[int, int] | None = None
    for token in tokens[1:]:
        opens = token.startswith("[") and "/" in token
        if opens:
            token = token[1:]
            bracket, bracket_start, last_nr = [], pos, None
        outer = None
        match = re.match(r"^(.*)/([A-Za-z]+)\](\w+)$", token)
        if match:
            word, tag, outer = match.groups()
        else:
            word, _, tag = token.rpartition("/")
        if not word:
            continue
        start, pos = pos, pos + len(word)
        text_parts.append(word)
        if bracket is not None:
            bracket.append((start, word, tag))
        else:
            last_nr = _add_word_span(spans, word, start, tag, last_nr)
        if outer is not None and bracket is not None:
            label = PFR_LABELS.get(outer)
            if label and outer != "nr":
                spans.append((bracket_start, pos, label))
                last_nr = None
            else:
                for s, w, t in bracket:
                    last_nr = _add_word_span(spans, w, s, t, last_nr)
            bracket = None
    return Sentence(halfwidth("".join(text_parts)), spans)


def _add_word_span(spans: list[Span], word: str, start: int, tag: str,
                   last_nr: tuple[int, int] | None) -> tuple[int, int] | None:
    """Add a single-word entity. PFR tags a Chinese name as surname + given name (江/nr
    泽民/nr): an `nr` of at most two characters joins a directly preceding `nr` that is a
    known surname and not yet joined, so lists of names (李/nr 鹏/nr 乔/nr 石/nr) stay
    separate. Returns the surname span the next `nr` may join, or None."""
    label = PFR_LABELS.get(tag)
    if label is None:
        return None
    end = start + len(word)
    if tag == "nr" and last_nr is not None and last_nr[1] == start and len(word) <= 2:
        spans[-1] = (last_nr[0], end, "PER")
        return None
    spans.append((start, end, label))
    return (start, end) if tag == "nr" and word in surnames() else None


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Chinese surnames from pipeline/resources/surnames.txt (one per line, TAB frequency)."""
    path = RESOURCES / "surnames.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


def read_pfr(path: Path) -> Iterator[Sentence]:
    """PFR paragraphs as Sentences."""
    with _open(path) as handle:
        for line in handle:
            sentence = parse_pfr_line(line)
            if sentence is not None and sentence.text:
                yield sentence


def read_cluener(path: Path) -> Iterator[Sentence]:
    """CLUENER2020 JSON lines mapped to PER/LOC/ORG (name; address, scene; org, gov, company)."""
    mapping = {"name": "PER", "address": "LOC", "scene": "LOC", "organization": "ORG",
               "government": "ORG", "company": "ORG"}
    with _open(path) as handle:
        for line in handle:
            record = json.loads(line)
            spans = [
                (s, e + 1, mapping[kind])
                for kind, names in record.get("label", {}).items() if kind in mapping
                for positions in names.values() for s, e in positions
            ]
            yield Sentence(halfwidth(record["text"]), _drop_overlaps(spans))


BOSON_MARKUP = re.compile(r"\{\{(\w+):(.*?)\}\}", re.S)
BOSON_LABELS = {"person_name": "PER", "location": "LOC", "org_name": "ORG",
                "company_name": "ORG"}


def read_boson(path: Path) -> Iterator[Sentence]:
    """BosonNLP NER paragraphs (inline ``{{type:text}}`` markup) mapped to PER/LOC/ORG
    (person_name; location; org_name, company_name); time and product_name are plain text."""
    with _open(path) as handle:
        for line in handle:
            text, spans, pos = [], [], 0
            for match in BOSON_MARKUP.finditer(line):
                text.append(line[pos:match.start()])
                name = match.group(2).strip()
                start = sum(map(len, text))
                if match.group(1) in BOSON_LABELS and name:
                    spans.append((start, start + len(name), BOSON_LABELS[match.group(1)]))
                text.append(name)
                pos = match.end()
            text.append(line[pos:].rstrip("\n"))
            if "".join(text).strip():
                yield Sentence(halfwidth("".join(text)), spans)


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def split_sentences(sentence: Sentence) -> list[Sentence]:
    """Split a unit at 。！？ (entities never cross these); spans re-based."""
    out: list[Sentence] = []
    for match in SENTENCE_RE.finditer(sentence.text):
        start, end = match.span()
        if end <= start:
            continue
        spans = [(s - start, e - start, lab) for s, e, lab in sentence.spans
                 if s >= start and e <= end]
        out.append(Sentence(sentence.text[start:end], spans))
    return out


def dedup_key(text: str) -> str:
    """Comparison key: normalized width, whitespace removed."""
    return "".join(halfwidth(text).split())


def test_keys(corpora: Path) -> set[str]:
    """Keys of every test sentence (whole units and their 。-split sentences)."""
    units: list[str] = []
    units += [s.text for s in read_bio(corpora / "msra_ner/msra_test_bio.tsv", "\t")]
    for name in ("example.dev", "example.test"):
        units += [s.text for s in read_bio(corpora / "peoples_daily_ner" / name)]
    sighan = corpora / "sighan2005_cws"
    for name in ("pku_test_gold.utf8", "msr_test_gold.utf8", "cityu_test_gold.utf8",
                 "as_testing_gold.utf8"):
        if (sighan / name).exists():
            with _open(sighan / name) as handle:
                units += [line for line in handle if line.strip()]
    keys = set()
    for unit in units:
        keys.add(dedup_key(unit))
        keys.update(dedup_key(s.text) for s in split_sentences(Sentence(unit)))
    keys.discard("")
    return keys


def training_sentences(corpora: Path, sources: Iterable[str]) -> dict[str, list[Sentence]]:
    """Sentences of each named source (msra, pfr, cluener, boson, synthetic), split at
    sentence ends."""
    from pipeline.train import ner_synthetic

    readers = {
        "msra": lambda: read_bio(corpora / "msra_ner/msra_train_bio.tsv.gz", "\t"),
        "pfr": lambda: read_pfr(corpora / "pfr1998_pos/199801.utf8.txt.gz"),
        "cluener": lambda: read_cluener(corpora / "cluener2020/train.json"),
        "boson": lambda: read_boson(corpora / "boson_ner/origindata.txt"),
        "synthetic": lambda: ner_synthetic.sentences(SYNTHETIC_SENTENCES),
    }
    out = {}
    for name in sources:
        units = readers[name]()
        out[name] = [s for unit in units for s in split_sentences(
            Sentence(halfwidth(unit.text), unit.spans)) if s.text.strip()]
    return out


def dedup(sentences: dict[str, list[Sentence]], keys: set[str]) -> tuple[dict, Counter]:
    """Drop sentences whose key is a test key; count kept/removed per source."""
    counts: Counter = Counter()
    kept: dict[str, list[Sentence]] = {}
    for name, items in sentences.items():
        kept[name] = [s for s in items if dedup_key(s.text) not in keys]
        counts[f"{name}_total"] = len(items)
        counts[f"{name}_removed"] = len(items) - len(kept[name])
    return kept, counts


def to_docbin(sentences: list[Sentence], vocab=None):
    """A DocBin of character-token Docs with entity spans."""
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    vocab = vocab or Vocab()
    bin_ = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for sentence in sentences:
        chars = list(sentence.text)
        doc = Doc(vocab, words=chars, spaces=[False] * len(chars))
        ents = [doc.char_span(s, e, label=lab) for s, e, lab in sentence.spans]
        doc.ents = [ent for ent in ents if ent is not None]
        bin_.add(doc)
    return bin_


def convert(corpora: Path, out_dir: Path, sources: tuple[str, ...] = ("msra", "pfr"),
            dev_fraction: float = 0.02, seed: int = 0) -> dict:
    """Write train.spacy / dev.spacy (dev = held-out training sentences) and stats.json."""
    keys = test_keys(corpora)
    kept, counts = dedup(training_sentences(corpora, sources), keys)
    pool = [s for name in sources for s in kept[name]]
    random.Random(seed).shuffle(pool)
    n_dev = max(1, int(len(pool) * dev_fraction)) if dev_fraction and len(pool) > 1 else 0
    out_dir.mkdir(parents=True, exist_ok=True)
    to_docbin(pool[n_dev:]).to_disk(out_dir / "train.spacy")
    to_docbin(pool[:n_dev]).to_disk(out_dir / "dev.spacy")
    labels = Counter(lab for s in pool for _, _, lab in s.spans)
    stats = {"test_keys": len(keys), **counts, "train": len(pool) - n_dev, "dev": n_dev,
             "train_chars": sum(len(s.text) for s in pool[n_dev:]), "labels": dict(labels)}
    (out_dir / "stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False))
    return stats
