"""Baokan's Chinese tokenizer: the shipped pkuseg CRF model plus deterministic fixes.

`BaokanTokenizer` is registered as ``baokan.ChineseTokenizer.v1``. Per whitespace-free chunk:

1. the pkuseg CRF (features + Viterbi from spacy-pkuseg) segments it, fed in the model's
   canonical character form (ASCII widened to full-width, one char → one char); besides
   pkuseg's features it has non-lexical dictionary features (a word of an external
   dictionary begins / ends / covers this char, by length), serialized with the model;
2. number rules (`fix_boundaries`): never split inside a number or a Latin word; a number
   keeps its magnitude and percent sign (2181.2亿, 1.72万亿, 15.2%: the numeral of the PKU
   standard, and what `pipeline.nlp.numbers.parse_number` reads) and is split from the
   unit or classifier after it (2181.2亿|元, 5|名); dates keep the PKU form (1998年|7月|5日, 二○○一年);
3. the user dictionary merges whole tokens that spell a listed word (longest first); it
   never cuts a token, so 北京市 does not apply to the PKU-standard 北京|市委;
4. forced words (names of three or more characters from the leaders lexicon,
   `pipeline/resources/leaders.tsv`) are one token wherever they occur, cutting tokens if
   need be: the PFR-trained CRF cuts 习近|平 in 学习贯彻习近平总书记.

Before the number rules, punctuation the PKU standard never glues is split off (`split_punct`):
the 1998 training text has no ASCII period, 「」, ∶ or ASCII quotes, so the CRF attached them
to the word before (捐款.). Runs of one mark (……, ——) stay one token.

The pkuseg model is stored in the pipeline directory (float16 weights, compressed), so
loading needs nothing outside the repository.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, repeat
from pathlib import Path
from typing import Any

import numpy as np
import spacy
import srsly
from spacy import util
from spacy.tokens import Doc
from spacy.util import DummyTokenizer
from spacy.vocab import Vocab

from pipeline.nlp.doc_text import TEXT_KEY
from pipeline.normalize import to_fullwidth, to_halfwidth
from pipeline.paths import RESOURCES

_LATIN = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*(?:[.'&-][A-Za-z][A-Za-z0-9]*)*")
_NUMBER = re.compile(
    r"(?:(?<![A-Za-z0-9.)])-)?(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
)
_SLASH = re.compile(r"(?<![0-9A-Za-z])/|/(?![0-9A-Za-z])")
_MAGNITUDE = re.compile(r"万亿|千亿|百亿|千万|百万|十万|亿|万|千(?![米克瓦卡焦帕伏赫兆字])|百(?!分)")
_PERCENT = frozenset("%‰")
_UNIT_SYMBOLS = frozenset("℃℉°㎡㎞㎏㎝㎜")
_KEEP_AFTER_NUMBER = frozenset("多余来几")
# A year in Chinese numerals (一九九八年, 二○○一年, 二〇二五年; ○ U+25CB and 〇 both serve as
# zero, and scanned text mixes in digits: 二001年) is one PKU word, like 1998年.
_NUMERAL_YEAR = re.compile(r"(?<![〇○零一二三四五六七八九十百千万\d.])[一二12][〇○零一二三四五六七八九\d]{3}年")
_NON_WORD = re.compile(r"\S+")


def halfwidth(text: str) -> str:
    """FULLWIDTH FORMS → ASCII (the pipeline normalization)."""
    return to_halfwidth(text)


def canonical(text: str) -> str:
    """The pkuseg model's input form: ASCII widened to full-width (length-preserving)."""
    return to_fullwidth(to_halfwidth(text))


# ------------------------------------------------------------------ user dictionary


class UserDict:
    """Words kept whole by merging tokens: at each token start, the longest run of whole
    tokens that spells a listed word is merged (half-width text; it never cuts a token)."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        self.max_len = 0
        self.update(words)

    def update(self, words: Iterable[str], reset: bool = False) -> None:
        if reset:
            self.words = set()
        self.words.update(w for w in (halfwidth(w.strip()) for w in words) if len(w) > 1)
        self.prefixes = {w[:2] for w in self.words}
        self.max_len = max(map(len, self.words), default=0)

    def merge(self, text: str, starts: list[int]) -> list[int]:
        """Token starts after merging dictionary words (`starts` sorted, without 0)."""
        if not self.words:
            return starts
        bounds = [0, *starts, len(text)]
        last = len(bounds) - 1
        prefixes = self.prefixes
        candidates = [i for i in range(last) if text[bounds[i] : bounds[i] + 2] in prefixes]
        removed: set[int] = set()
        free = 0  # first token index not inside an earlier merge
        for i in candidates:
            if i < free:
                continue
            s, j, k = bounds[i], i + 1, i + 2
            while k <= last and bounds[k] - s <= self.max_len:
                if text[s : bounds[k]] in self.words:
                    j = k
                k += 1
            if j > i + 1:
                removed.update(bounds[i + 1 : j])
                free = j
        return [b for b in starts if b not in removed] if removed else starts


def read_user_dict(path: Path) -> list[str]:
    """First column of a lexicon file ('#' comments, optional tab-separated columns)."""
    if not Path(path).exists():
        return []
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("\t", 1)[0].strip()
        if word and not word.startswith("#"):
            words.append(word)
    return words


# ------------------------------------------------------------------ punctuation


# Marks that stay inside a token: the name separator (阿夸·伊博姆), percent and unit signs
# after numbers (the number rules attach them), and the slash (its own rule).
_KEEP_PUNCT = frozenset("·•・%‰℃℉°/")


def _is_punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS" and char not in _KEEP_PUNCT


def split_punct(text: str, starts: set[int]) -> set[int]:
    """Token starts with every punctuation mark of half-width `text` a token of its own (a run
    of the same mark is one token), except a mark between two digits (6∶1, 3.5, 1,000); the
    Latin rule runs after this and joins U.S. again."""
    last = len(text) - 1
    for i, char in enumerate(text):
        if _is_punct(char) and not (0 < i < last and text[i - 1].isdigit()
                                    and text[i + 1].isdigit()):  # 6∶1, 3.5, 1,000
            if i == 0 or text[i - 1] != char:
                starts.add(i)
            if i + 1 < len(text) and text[i + 1] != char:
                starts.add(i + 1)
    return starts


class ForcedWords:
    """Words that are one token wherever they occur (leaders' names): their boundaries are
    cut and the boundaries inside them removed. Matched left to right, longest first."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        self._pattern: re.Pattern | None = None
        self.update(words)

    def update(self, words: Iterable[str], reset: bool = False) -> None:
        if reset:
            self.words = set()
        self.words.update(w for w in (halfwidth(w.strip()) for w in words) if len(w) > 1)
        alternation = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        self._pattern = re.compile(alternation) if self.words else None

    def apply(self, text: str, starts: set[int]) -> set[int]:
        """`starts` with every occurrence of a forced word made one token."""
        if self._pattern is None:
            return starts
        for match in self._pattern.finditer(text):
            begin, end = match.span()
            starts.difference_update(range(begin + 1, end))
            starts.update((begin, end))
        starts.discard(0)
        starts.discard(len(text))
        return starts


# ------------------------------------------------------------------ number / Latin rules


def fix_boundaries(text: str, starts: set[int]) -> set[int]:
    """Apply the number/Latin rules to token start offsets `starts` of half-width `text`."""
    n = len(text)
    for m in _LATIN.finditer(text):
        starts.difference_update(range(m.start() + 1, m.end()))
    for m in _NUMERAL_YEAR.finditer(text):
        starts.difference_update(range(m.start() + 1, m.end()))
        starts.add(m.start())
    for m in _SLASH.finditer(text):  # 晴/多云, -5℃/3℃: "/" is a token; 3/4, km/h stay
        starts.update((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        if (s > 0 and text[s - 1].isascii() and text[s - 1].isalpha()) or (
            e < n and text[e].isascii() and text[e].isalpha()
        ):
            continue  # part of a Latin/alphanumeric word (G20, 5G)
        starts.difference_update(range(s + 1, e))
        if text[s] == "-":
            starts.add(s)  # a signed number (晴-5℃) starts a token
        mag = _MAGNITUDE.match(text, e)
        end = mag.end() if mag else e
        if end < n and text[end] in _PERCENT:
            end += 1
        if end == e:
            if e < n and text[e] in _UNIT_SYMBOLS:
                starts.add(e)  # -5|℃
            continue  # otherwise a bare number: the CRF decides (1998年, 10|年, 5|名, 90年代)
        starts.difference_update(range(e, end))
        if end < n and text[end] not in _KEEP_AFTER_NUMBER and not text[end].isspace():
            starts.add(end)
    starts.discard(0)
    starts.discard(n)
    return starts


# ------------------------------------------------------------------ pkuseg CRF


class PkusegModel:
    """A raw spacy-pkuseg model (feature strings + weight vector), as training writes it."""

    def __init__(self, features: dict, weights: np.ndarray, n_tag: int,
                 dictionary: Dictionaries = ()) -> None:
        from spacy_pkuseg.feature_extractor import FeatureExtractor
        from spacy_pkuseg.model import Model

        self.dictionary = as_families(dictionary)  # external words of the d* features
        self.extractor = FeatureExtractor.__new__(FeatureExtractor)
        self.extractor.unigram = set(features["unigram"])
        self.extractor.bigram = set()
        self.extractor.feature_to_idx = features["feature_to_idx"]
        self.extractor.tag_to_idx = features["tag_to_idx"]
        self.model = Model.__new__(Model)
        self.model.n_tag = n_tag
        self.model.n_feature = len(weights) // n_tag - n_tag
        self.model.n_transition_feature = len(weights)
        self.model.w = np.ascontiguousarray(weights, dtype=np.float64)
        self._cache_weights()
        self.begin_tags = {i for t, i in self.extractor.tag_to_idx.items() if "B" in t}

    @classmethod
    def from_dir(cls, path: Path) -> PkusegModel:
        """Load ``features.msgpack`` + ``weights.npz`` (a raw pkuseg or a Baokan-packed model)."""
        packed = Path(path) / "features.msgpack.gz"
        if packed.exists():
            features = srsly.msgpack_loads(gzip.decompress(packed.read_bytes()))
        else:
            features = srsly.read_msgpack(Path(path) / "features.msgpack")
        npz = np.load(Path(path) / "weights.npz")
        n_tag = int(npz["sizes"][0])
        return cls(features, npz["w"], n_tag, read_dictionaries(Path(path)))

    def _cache_weights(self) -> None:
        n_tag, n_feature = self.model.n_tag, self.model.n_feature
        self.node_weights = self.model.w[: n_tag * n_feature].reshape(n_feature, n_tag)
        trans = self.model.w[n_tag * n_feature :].reshape(n_tag, n_tag)  # [s, s_pre]
        self.edge_score = np.ascontiguousarray(1.0 + trans.T)  # as getLogYY: [s_pre, s]


# ------------------------------------------------------------------ dictionary features

DICTIONARY_FILE = "dictionary.json"  # {family: words} in a raw pkuseg model dir
# core words, Chinese names, foreign names, places, supplementary words, core words PFR splits
DICT_FAMILIES = ("d", "dn", "df", "dl", "ds", "dx")
DICT_ROLES = "BEM"  # a dictionary word begins / ends here, or covers this char inside
DICT_BUCKETS = 4  # word lengths 2, 3, 4, 5+ (words of 2..6 characters are matched)
DICT_MAX_LEN = 6
DICT_WIDTH = 3 * DICT_BUCKETS  # features per family

Dictionaries = Mapping[str, Iterable[str]] | Iterable[str]


def as_families(dictionary: Dictionaries) -> dict[str, frozenset[str]]:
    """{family: words}; a plain word list is the core family ``d``."""
    if isinstance(dictionary, Mapping):
        unknown = set(dictionary) - set(DICT_FAMILIES)
        if unknown:
            raise ValueError(f"unknown dictionary families {sorted(unknown)}")
        return {f: frozenset(w) for f, w in dictionary.items() if w}
    words = frozenset(dictionary)
    return {"d": words} if words else {}


def dict_feature_name(role: int, bucket: int, family: str = "d") -> str:
    """The non-lexical feature string, e.g. ``d.B2`` (a core word of 2 chars begins here),
    ``dn.M3`` (inside a 3-char Chinese name)."""
    return f"{family}.{DICT_ROLES[role]}{bucket + 2}"


def read_dictionaries(path: Path) -> dict[str, frozenset[str]]:
    """The dictionaries saved with a raw model (``dictionary.json``); none if absent."""
    if (Path(path) / DICTIONARY_FILE).exists():
        return as_families(srsly.read_json(Path(path) / DICTIONARY_FILE))
    return {}


def dict_hits(flat: str, dictionary: frozenset[str] | set[str]) -> tuple[np.ndarray, np.ndarray]:
    """(starts, lengths) of every dictionary word occurrence in `flat` (one char per node,
    NUL for a multi-char node such as **Num, which no word contains)."""
    starts: list[int] = []
    lengths: list[int] = []
    n = len(flat)
    for ln in range(2, min(DICT_MAX_LEN, n) + 1):
        hits = [p for p in range(n - ln + 1) if flat[p : p + ln] in dictionary]
        starts += hits
        lengths += [ln] * len(hits)
    return np.asarray(starts, dtype=np.intp), np.asarray(lengths, dtype=np.intp)


def dict_features(n: int, starts: np.ndarray, lengths: np.ndarray,
                  families: np.ndarray | int = 0, n_families: int = 1) -> np.ndarray:
    """(n, n_families * DICT_WIDTH) 0/1 matrix; column (family * 3 + role) * DICT_BUCKETS
    + bucket fires when a word of that family and length bucket begins (B) / ends (E) at the
    char or covers it inside (M). `families`: the family index of each word occurrence."""
    width = n_families * DICT_WIDTH
    size = (n + 1) * width
    col = families * DICT_WIDTH + np.minimum(lengths, DICT_BUCKETS + 1) - 2
    last = (starts + lengths - 1) * width
    on = np.zeros(size)
    on[starts * width + col] = 1
    on[last + col + DICT_BUCKETS] = 1
    inner = col + 2 * DICT_BUCKETS  # +1 after the first char, -1 at the last, running sum
    diff = (np.bincount((starts + 1) * width + inner, minlength=size)
            - np.bincount(last + inner, minlength=size))
    on += np.cumsum(diff.reshape(n + 1, width), axis=0).ravel() > 0
    return on.reshape(n + 1, width)[:n]


def dict_feature_names(nodes: list[str], dictionary: Dictionaries) -> list[list[str]]:
    """Per node, the dictionary feature strings that fire (the training-side form of
    `dict_features`, family by family)."""
    flat = _flat(nodes)
    out: list[list[str]] = [[] for _ in nodes]
    for family, words in sorted(as_families(dictionary).items()):
        on = dict_features(len(nodes), *dict_hits(flat, words))
        names = [dict_feature_name(k // DICT_BUCKETS, k % DICT_BUCKETS, family)
                 for k in range(DICT_WIDTH)]
        for i, row in enumerate(on):
            out[i] += [names[k] for k in np.flatnonzero(row)]
    return out


def _flat(nodes: list[str]) -> str:
    return "".join(c if len(c) == 1 else "\0" for c in nodes)


# ------------------------------------------------------------------ compiled CRF (runtime)

_NOWORD = "**noWord"
_CHAR_TYPES = {"c": 0, "c-1": 1, "c1": 2, "c-2": 3, "c2": 4}
_PAIR_TYPES = {"c-1c": 0, "cc1": 1, "c-2c-1": 2}
_LENGTHS = (6, 5, 4, 3, 2)
_SHIFT = len(DICT_FAMILIES)  # lexicon value: word code << _SHIFT | family bits
_MASK = (1 << _SHIFT) - 1


class CompiledCRF:
    """The pkuseg CRF re-indexed for fast decoding; scores equal spacy-pkuseg's exactly.

    pkuseg builds ~80 feature strings per character and looks each up in one dict of
    ~10^6 entries (memory-bound). Here each feature *key* is looked up once per text:
    a character → its 5 unigram-feature weight rows, a character pair → its 3 bigram rows,
    a training word → its 6 word rows (w1, w-1 and the four word/no-word pair features),
    an adjacent word pair → 2 rows. Node scores are sums of gathered rows (numpy);
    the 50 word-pair features per character are counted by distinct pair.
    The non-lexical dictionary features (``d.B2`` … ``dl.M5``, see `dict_features`) are one
    (families * 12, n_tag) table; training words and the words of every dictionary family
    share one lookup per substring (value: word code and one bit per family).
    """

    TABLES = ("chars", "pairs", "words", "word_pairs")

    def __init__(self, keys: dict[str, list[str]], rows: dict[str, np.ndarray],
                 bias: np.ndarray, noword: np.ndarray, edge: np.ndarray,
                 begin_tags: list[int], dictionary: Dictionaries = (),
                 dict_rows: np.ndarray | None = None) -> None:
        self.keys = keys
        self.rows = {name: np.ascontiguousarray(r, dtype=np.float64) for name, r in rows.items()}
        self.codes = {name: {k: i + 1 for i, k in enumerate(keys[name])} for name in self.TABLES}
        self.bias = np.asarray(bias, dtype=np.float64)
        self.noword = np.asarray(noword, dtype=np.float64)  # [ww.l nw*nw, ww.r nw*nw]
        self.edge = np.ascontiguousarray(edge, dtype=np.float64)
        self.begin_tags = frozenset(begin_tags)
        self.dictionary = {f: sorted(w) for f, w in sorted(as_families(dictionary).items())}
        self.dict_rows = np.zeros((len(DICT_FAMILIES) * DICT_WIDTH, self.edge.shape[0]))
        if dict_rows is not None:  # fewer rows: a model with the first families only
            self.dict_rows[: len(dict_rows)] = dict_rows
        # substring → training-word code << families | one bit per dictionary family
        lexicon = {w: code << _SHIFT for w, code in self.codes["words"].items()}
        for family, words in self.dictionary.items():
            bit = 1 << DICT_FAMILIES.index(family)
            for word in words:
                lexicon[word] = lexicon.get(word, 0) | bit
        self.lexicon = lexicon
        self._active_families = np.array([DICT_FAMILIES.index(f) for f in self.dictionary],
                                         dtype=np.intp)
        self._active_rows = np.concatenate(
            [self.dict_rows[f * DICT_WIDTH : (f + 1) * DICT_WIDTH] for f in self._active_families]
            or [np.zeros((0, self.edge.shape[0]))])

    @classmethod
    def compile(cls, model: PkusegModel) -> CompiledCRF:
        """Re-index a raw pkuseg model (feature strings + weight vector)."""
        n_tag = model.model.n_tag
        node = model.node_weights
        tables: dict[str, dict[str, dict[int, int]]] = {name: {} for name in cls.TABLES}
        for word in model.extractor.unigram:
            tables["words"][word] = {}
        bias = np.zeros(n_tag)
        noword = np.zeros((2, n_tag))
        dict_rows = np.zeros((len(DICT_FAMILIES) * DICT_WIDTH, n_tag))
        for name, idx in model.extractor.feature_to_idx.items():
            table, key, slot = _classify(name)
            if table == "bias":
                bias += node[idx]
            elif table == "dict":
                dict_rows[slot] += node[idx]
            elif table == "noword":
                noword[slot] += node[idx]
            else:
                tables[table].setdefault(key, {})[slot] = idx
        widths = {"chars": 5, "pairs": 3, "words": 6, "word_pairs": 2}
        keys, rows = {}, {}
        for name, table in tables.items():
            keys[name] = sorted(table)
            arr = np.zeros((len(table) + 1, widths[name], n_tag))
            for i, key in enumerate(keys[name], start=1):
                for slot, idx in table[key].items():
                    arr[i, slot] = node[idx]
            rows[name] = arr
        return cls(keys, rows, bias, noword, model.edge_score, sorted(model.begin_tags),
                   model.dictionary, dict_rows)

    # -------------------------------------------------------------- persistence

    def to_dir(self, path: Path, dtype: type = np.float16) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        meta = {"keys": self.keys, "begin_tags": sorted(self.begin_tags),
                "dictionary": self.dictionary}
        blob = gzip.compress(srsly.msgpack_dumps(meta), compresslevel=9, mtime=0)
        (path / "index.msgpack.gz").write_bytes(blob)
        arrays = {name: self.rows[name].astype(dtype) for name in self.TABLES}
        np.savez_compressed(path / "weights.npz", bias=self.bias, noword=self.noword,
                            edge=self.edge, dict=self.dict_rows, **arrays)

    @classmethod
    def from_dir(cls, path: Path) -> CompiledCRF:
        path = Path(path)
        meta = srsly.msgpack_loads(gzip.decompress((path / "index.msgpack.gz").read_bytes()))
        npz = np.load(path / "weights.npz")
        rows = {name: npz[name] for name in cls.TABLES}
        dict_rows = npz["dict"] if "dict" in npz.files else None  # absent before d* features
        return cls(meta["keys"], rows, npz["bias"], npz["noword"], npz["edge"],
                   meta["begin_tags"], meta.get("dictionary", {}), dict_rows)

    @property
    def vocabulary(self) -> list[str]:
        """The training word list."""
        return self.keys["words"]

    # -------------------------------------------------------------- decoding

    def starts(self, text: str) -> list[int]:
        """Token start offsets (excluding 0) for a canonical-form chunk."""
        from spacy_pkuseg import inference

        if not text:
            return []
        nodes = _nodes(text)
        tags = inference.run_viterbi(self.node_scores(nodes), self.edge)[1].tolist()
        begin = self.begin_tags
        return [i for i in range(1, len(nodes)) if tags[i] in begin]

    def node_scores(self, nodes: list[str]) -> np.ndarray:
        """(n, n_tag) node scores of a normalized node sequence."""
        n = len(nodes)
        ch = self.rows["chars"]
        c = np.fromiter(map(self.codes["chars"].get, nodes, repeat(0)), np.intp, n)
        score = ch[c, 0] + self.bias
        score[1:] += ch[c[:-1], 1]
        score[:-1] += ch[c[1:], 2]
        score[2:] += ch[c[:-2], 3]
        score[:-2] += ch[c[2:], 4]
        if n > 1:
            pa = self.rows["pairs"]
            keys = [a + "." + b for a, b in zip(nodes[:-1], nodes[1:], strict=True)]
            p = np.fromiter(map(self.codes["pairs"].get, keys, repeat(0)), np.intp, n - 1)
            score[1:] += pa[p, 0]
            score[:-1] += pa[p, 1]
            score[2:] += pa[p[:-1], 2]
        self._add_word_scores(nodes, score)
        return score

    def _lookup(self, flat: str) -> tuple[np.ndarray, ...]:
        """Training-word occurrences (starts, lengths, codes) and dictionary-word occurrences
        (starts, lengths, family bits) of lengths 6..2, by one lookup per substring."""
        n = len(flat)
        get = self.lexicon.get
        found: list[list[int]] = [[], [], [], [], [], []]
        occ_p, occ_len, occ_code, dict_p, dict_len, dict_bits = found
        for ln in _LENGTHS:
            if ln > n:
                continue
            vals = list(map(get, [flat[p : p + ln] for p in range(n - ln + 1)]))
            hits = list(compress(range(len(vals)), vals))
            if not hits:
                continue
            values = [vals[p] for p in hits]
            codes = [v >> _SHIFT for v in values]
            occ_p += compress(hits, codes)
            occ_code += filter(None, codes)
            occ_len += [ln] * (len(occ_p) - len(occ_len))
            bits = [v & _MASK for v in values]
            dict_p += compress(hits, bits)
            dict_bits += filter(None, bits)
            dict_len += [ln] * (len(dict_p) - len(dict_len))
        return tuple(np.asarray(x, dtype=np.intp) for x in found)

    def _add_dict_scores(self, n: int, starts: np.ndarray, lengths: np.ndarray,
                         bits: np.ndarray, score: np.ndarray) -> None:
        """Adds the dictionary rows; an occurrence counts once for each of its families
        (numbered among the model's families only, to keep the feature matrix small)."""
        active = self._active_families
        fam: np.ndarray | int = 0
        if len(active) > 1:
            occurrence, fam = np.nonzero((bits[:, None] >> active) & 1)
            starts, lengths = starts[occurrence], lengths[occurrence]
        score += dict_features(n, starts, lengths, fam, len(active)) @ self._active_rows

    def _add_word_scores(self, nodes: list[str], score: np.ndarray) -> None:
        n = len(nodes)
        flat = _flat(nodes)
        P, occ_len, occ_code, dict_p, dict_len, dict_bits = self._lookup(flat)
        if len(dict_p):
            self._add_dict_scores(n, dict_p, dict_len, dict_bits, score)
        Q = P + occ_len - 1
        starting = np.bincount(P, minlength=n + 1)[: n + 1]
        ending = np.bincount(Q, minlength=n)[:n]
        post_in = 5 - starting[:n]  # no-word counts per position
        post_ex = 5 - starting[1 : n + 1]
        pre_in = 5 - ending
        pre_ex = 5 - np.concatenate(([0], ending[:-1]))
        score += (pre_ex * post_in)[:, None] * self.noword[0]
        score += (pre_in * post_ex)[:, None] * self.noword[1]
        if not len(occ_code):
            return
        wd = self.rows["words"][occ_code]
        np.add.at(score, P, wd[:, 0] + wd[:, 2] * pre_ex[P][:, None])
        np.add.at(score, Q, wd[:, 1] + wd[:, 3] * post_ex[Q][:, None])
        inside = Q + 1 < n
        np.add.at(score, Q[inside] + 1, wd[inside, 4] * post_in[Q[inside] + 1][:, None])
        before = P >= 1
        np.add.at(score, P[before] - 1, wd[before, 5] * pre_in[P[before] - 1][:, None])
        self._add_word_pairs(flat, P.tolist(), occ_len.tolist(), score)

    def _add_word_pairs(self, flat: str, occ_p: list[int], occ_len: list[int],
                        score: np.ndarray) -> None:
        by_start: dict[int, list[str]] = {}
        for p, ln in zip(occ_p, occ_len, strict=True):
            by_start.setdefault(p, []).append(flat[p : p + ln])
        code_of = self.codes["word_pairs"].get
        wp = self.rows["word_pairs"]
        for p, ln in zip(occ_p, occ_len, strict=True):
            for b in by_start.get(p + ln, ()):
                code = code_of(flat[p : p + ln] + "*" + b)
                if code is not None:
                    score[p + ln] += wp[code, 0]
                    score[p + ln - 1] += wp[code, 1]


def _nodes(text: str) -> list[str]:
    """pkuseg's ``normalize_text``: keyword chars renamed, digits → **Num, letters → **Letter."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor as FE

    global _NODE_MAP
    if _NODE_MAP is None:
        _NODE_MAP = {c: "**Num" for c in FE.num} | {c: "**Letter" for c in FE.letter if c not in FE.num}
    get = _NODE_MAP.get
    return [get(c, c) for c in text.translate(FE.keywords_translate_table)]


_NODE_MAP: dict[str, str] | None = None


def _classify(name: str) -> tuple[str, str, int]:
    """Feature string → (table, key, slot)."""
    if name == "$$":
        return "bias", "", 0
    kind, _, rest = name.partition(".")
    if kind in DICT_FAMILIES:  # d.B2 … dl.M5
        role, bucket = DICT_ROLES.index(rest[0]), int(rest[1:]) - 2
        return "dict", "", DICT_FAMILIES.index(kind) * DICT_WIDTH + role * DICT_BUCKETS + bucket
    if kind in _CHAR_TYPES:
        return "chars", rest, _CHAR_TYPES[kind]
    if kind in _PAIR_TYPES:
        return "pairs", rest, _PAIR_TYPES[kind]
    if kind == "w1":
        return "words", rest, 0
    if kind == "w-1":
        return "words", rest, 1
    side, _, pair = rest.partition(".")  # ww.l.A*B / ww.r.A*B
    left = side == "l"
    nw = _NOWORD + "*"
    if pair == nw + _NOWORD:
        return "noword", "", 0 if left else 1
    if pair.startswith(nw):
        return "words", pair[len(nw) :], 2 if left else 5
    if pair.endswith("*" + _NOWORD):
        return "words", pair[: -len(_NOWORD) - 1], 4 if left else 3
    return "word_pairs", pair, 0 if left else 1


# ------------------------------------------------------------------ spaCy tokenizer


class BaokanTokenizer(DummyTokenizer):
    """spaCy tokenizer: pkuseg CRF → number/Latin rules → user dictionary merges."""

    def __init__(self, vocab: Vocab, number_rules: bool = True) -> None:
        self.vocab = vocab
        self.number_rules = number_rules
        self.model: CompiledCRF | None = None
        self.user_dict = UserDict()
        self.forced = ForcedWords()

    def initialize(
        self, get_examples: Callable | None = None, *, nlp: Any = None,
        pkuseg_model: str | None = None, user_dict: Iterable[str] = (),
    ) -> None:
        if pkuseg_model:
            self.model = CompiledCRF.compile(PkusegModel.from_dir(Path(pkuseg_model)))
        self.user_dict.update(user_dict, reset=True)

    def pkuseg_update_user_dict(self, words: list[str], reset: bool = False) -> None:
        """Add words to be kept whole (same name as spaCy's ChineseTokenizer method)."""
        self.user_dict.update(words, reset=reset)

    def force_words(self, words: Iterable[str], reset: bool = False) -> None:
        """Add words that are one token wherever they occur, cutting tokens if need be."""
        self.forced.update(words, reset=reset)

    def segment(self, text: str) -> list[str]:
        """Words of `text` (whitespace dropped)."""
        return [text[s:e] for s, e in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) character offsets of the words of `text`."""
        out: list[tuple[int, int]] = []
        for m in _NON_WORD.finditer(text):
            base, chunk = m.start(), m.group()
            bounds = [0, *self.chunk_starts(chunk), len(chunk)]
            out.extend((base + a, base + b) for a, b in zip(bounds[:-1], bounds[1:], strict=True))
        return out

    def chunk_starts(self, chunk: str) -> list[int]:
        """Token start offsets of a whitespace-free chunk."""
        if self.model is None:
            raise ValueError("BaokanTokenizer has no pkuseg model: call initialize() first")
        half = halfwidth(chunk)
        starts = set(self.model.starts(canonical(half)))
        if self.number_rules:
            starts = fix_boundaries(half, split_punct(half, starts))
        starts = set(self.user_dict.merge(half, sorted(starts)))
        return sorted(self.forced.apply(half, starts))

    def __call__(self, text: str) -> Doc:
        words, spaces = _words_and_spaces(text, self.spans(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # -------------------------------------------------------------- serialization

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = util.ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", {"number_rules": self.number_rules})
        srsly.write_json(path / "user_dict.json", sorted(self.user_dict.words))
        srsly.write_json(path / "forced_words.json", sorted(self.forced.words))
        if self.model is not None:
            self.model.to_dir(path / "pkuseg_model")

    def from_disk(self, path: str | Path, **kwargs: Any) -> BaokanTokenizer:
        path = util.ensure_path(path)
        if (path / "cfg").exists():
            self.number_rules = bool(srsly.read_json(path / "cfg").get("number_rules", True))
        if (path / "user_dict.json").exists():
            self.user_dict.update(srsly.read_json(path / "user_dict.json"), reset=True)
        if (path / "forced_words.json").exists():
            self.forced.update(srsly.read_json(path / "forced_words.json"), reset=True)
        if (path / "pkuseg_model" / "index.msgpack.gz").exists():
            self.model = CompiledCRF.from_dir(path / "pkuseg_model")
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            self.to_disk(tmp)
            files = {p.name: p.read_bytes() for p in Path(tmp).rglob("*") if p.is_file()}
        return srsly.msgpack_dumps(files)

    def from_bytes(self, data: bytes, **kwargs: Any) -> BaokanTokenizer:
        import tempfile

        files = srsly.msgpack_loads(data)
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "pkuseg_model").mkdir()
            for name, blob in files.items():
                sub = "pkuseg_model" if name in ("index.msgpack.gz", "weights.npz") else ""
                (root / sub / name).write_bytes(blob)
            return self.from_disk(root)


def _words_and_spaces(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy words/spaces from word offsets (as ``util.get_words_and_spaces``, but linear):
    one space after a word is its trailing space, other whitespace becomes a token."""
    words: list[str] = []
    spaces: list[bool] = []
    pos, n = 0, len(text)
    for start, end in spans:
        if start > pos:
            words.append(text[pos:start])
            spaces.append(False)
        words.append(text[start:end])
        spaces.append(False)
        pos = end
        if pos < n and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < n:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


@spacy.registry.tokenizers("baokan.ChineseTokenizer.v1")
def create_tokenizer(number_rules: bool = True) -> Callable:
    """Registry entry used in ``models/segmenter/config.cfg``."""

    def make(nlp: Any) -> BaokanTokenizer:
        return BaokanTokenizer(nlp.vocab, number_rules=number_rules)

    return make


USER_DICT_FILES = (RESOURCES / "userdict.txt", RESOURCES / "slogans_lexicon.txt")
LEADERS_FILE = RESOURCES / "leaders.tsv"
FORCED_MIN_CHARS = 3  # shorter names (李强, 蔡奇) are merged, never forced: 李强调 is ambiguous


def leader_names(path: Path = LEADERS_FILE) -> list[str]:
    """Names of the leaders lexicon (first column; header and comments skipped)."""
    return [w for w in read_user_dict(path) if w != "name"]


def domain_forced_words() -> list[str]:
    """Words forced whole: leaders' names of three or more characters."""
    return [w for w in leader_names() if len(w) >= FORCED_MIN_CHARS]


def domain_user_dict() -> list[str]:
    """Words of the versioned user dictionaries (userdict.txt + slogans lexicon first column)."""
    words: list[str] = []
    for path in USER_DICT_FILES:
        words.extend(read_user_dict(path))
    return words + leader_names()


def blank_pipeline(model_dir: Path | None = None, user_dict: Iterable[str] = ()) -> Any:
    """A blank ``zh`` pipeline with a BaokanTokenizer (model from a raw pkuseg dir if given)."""
    config = {"nlp": {"tokenizer": {"@tokenizers": "baokan.ChineseTokenizer.v1"}}}
    nlp = spacy.blank("zh", config=config)
    nlp.tokenizer.initialize(pkuseg_model=str(model_dir) if model_dir else None,
                             user_dict=user_dict)
    return nlp
