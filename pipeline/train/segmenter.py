"""Train, prune and package the Baokan pkuseg word segmenter (PKU / People's Daily standard).

Steps: PFR 1998 paragraphs (optionally moved to the SIGHAN 2005 PKU standard,
`pku_standard`) → sentences → drop sentences found in any test set → write
pkuseg train/dev files in the model's canonical character form (`canonical`) → run the
spacy-pkuseg CRF trainer (one process, a checkpoint after every iteration) with the
non-lexical dictionary features added (`feature_dictionary`, `dict_extractor`, half of the
dictionary hidden from training by `dict_dropout`) → prune near-zero features → package as a
spaCy pipeline directory (`models/segmenter`; the dictionary is stored with the model).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import random
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import srsly

from pipeline.nlp.tokenizer.pkuseg import (
    DICT_MAX_LEN,
    DICTIONARY_FILE,
    CompiledCRF,
    Dictionaries,
    PkusegModel,
    as_families,
    blank_pipeline,
    canonical,
    dict_feature_names,
)
from pipeline.paths import MODELS
from pipeline.train import corpora, pku_standard

log = logging.getLogger(__name__)

DEFAULT_OUT = MODELS / "segmenter"
DICT_DROPOUT = 0.5


@dataclass
class DataReport:
    """Counts for the written training files."""

    train_sentences: int
    dev_sentences: int
    dropped_as_test: int
    dropped_by_test_set: dict[str, int]
    train_chars: int
    standard_changes: dict[str, int]  # PFR moved to the SIGHAN 2005 PKU standard


def _write_lines(path: Path, sentences: Iterable[list[str]]) -> tuple[int, int]:
    count = chars = 0
    with open(path, "w", encoding="utf-8") as out:
        for words in sentences:
            out.write(" ".join(canonical(w) for w in words) + "\n")
            count += 1
            chars += sum(map(len, words))
    return count, chars


def pfr_sentences(paragraphs: Iterable[list[str]],
                  conversion: pku_standard.Conversion | None = None) -> Iterator[list[str]]:
    """PFR paragraphs split into sentences (word lists), each paragraph first moved to
    another standard by `conversion` when given."""
    for words in paragraphs:
        yield from corpora.split_sentences(conversion.apply(words) if conversion else words)


def write_training_files(
    corpora_dir: Path, work_dir: Path, dev_every: int = 100, sentences: Iterable | None = None,
    sighan_standard: bool = False,
) -> DataReport:
    """Write ``train.txt`` and ``dev.txt`` (every `dev_every`-th sentence) under `work_dir`
    (PFR moved to the SIGHAN 2005 PKU standard first when `sighan_standard`)."""
    keys = corpora.test_sentence_keys(corpora_dir)
    report = corpora.DedupReport()
    conversion = None
    if sentences is None:
        paragraphs = corpora.read_pfr_words(corpora_dir)
        if sighan_standard:  # the conversion is learned from the same paragraphs, read once
            paragraphs = list(paragraphs)
            conversion = pku_standard.learn(corpora_dir, paragraphs)
        sentences = pfr_sentences(paragraphs, conversion)
    kept = list(corpora.dedup_sentences(sentences, keys, report))
    dev = [s for i, s in enumerate(kept) if dev_every and i % dev_every == dev_every - 1]
    train = [s for i, s in enumerate(kept) if not (dev_every and i % dev_every == dev_every - 1)]
    random.Random(13).shuffle(train)
    n_train, chars = _write_lines(work_dir / "train.txt", train)
    n_dev, _ = _write_lines(work_dir / "dev.txt", dev or train[:50])
    changes = dict(conversion.counts) if conversion else {}
    return DataReport(n_train, n_dev, report.dropped, report.by_test_set, chars, changes)


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def dict_extractor(dictionary: Dictionaries):  # noqa: ANN201 (pkuseg's Cython class)
    """A pkuseg FeatureExtractor that appends the non-lexical dictionary features
    (``d.B2`` … ``dl.M5``, `pipeline.nlp.tokenizer.dict_features`) to every node's features;
    ``build`` registers them in ``feature_to_idx`` like any other feature."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    class DictFeatureExtractor(FeatureExtractor):
        def __init__(self, families: dict[str, frozenset[str]]) -> None:
            super().__init__()
            self.dictionary = families
            self._last: tuple[list | None, list] = (None, [])

        def get_node_features(self, idx: int, wordary: list[str]) -> list[str]:
            if self._last[0] is not wordary:  # computed once per sentence
                self._last = (wordary, dict_feature_names(wordary, self.dictionary))
            return super().get_node_features(idx, wordary) + self._last[1][idx]

    return DictFeatureExtractor(as_families(dictionary))


def dict_dropout(families: dict[str, frozenset[str]], rate: float) -> dict[str, frozenset[str]]:
    """The dictionary the training features see: a fixed `rate` of the words (chosen by a
    stable hash) hidden, so that, as for unseen words at test time, some training words
    have no dictionary match and the character features keep their weight."""
    cut = int(rate * 1000)
    return {f: frozenset(w for w in words if zlib.crc32(w.encode()) % 1000 >= cut)
            for f, words in families.items()}


def run_pkuseg(train_file: Path, dev_file: Path, model_dir: Path, iterations: int,
               dictionary: Dictionaries = (), dropout: float = 0.0) -> list[float]:
    """spacy-pkuseg CRF training (ADF) with a saved checkpoint after each iteration.

    Same steps as ``spacy_pkuseg.train`` but the model is written to `model_dir` after every
    iteration, so a long run can be stopped and still ships its last checkpoint.
    A non-empty `dictionary` ({family: words} or core words) adds the dictionary features
    and is saved with the model; the training features see it with `dropout` applied.
    Returns the dev F1 per iteration.
    """
    from spacy_pkuseg import trainer
    from spacy_pkuseg.config import config
    from spacy_pkuseg.data import DataSet
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    model_dir.mkdir(parents=True, exist_ok=True)
    os.makedirs(config.outDir, exist_ok=True)
    config.trainFile, config.testFile = str(train_file), str(dev_file)
    config.modelDir, config.nThread, config.ttlIter = str(model_dir), 1, iterations
    config.init_model = None
    families = as_families(dictionary)
    seen = dict_dropout(families, dropout)
    extractor = dict_extractor(seen) if families else FeatureExtractor()
    extractor.build(config.trainFile)
    extractor.save()
    srsly.write_json(model_dir / DICTIONARY_FILE, {f: sorted(w) for f, w in families.items()})
    for text, conll, feat, idx, gold in (
        (config.trainFile, config.c_train, config.f_train, config.fFeatureTrain, config.fGoldTrain),
        (config.testFile, config.c_test, config.f_test, config.fFeatureTest, config.fGoldTest),
    ):
        extractor.convert_text_file_to_feature_file(text, conll, feat)
        extractor.convert_feature_file_to_idx_file(feat, idx, gold)
    config.globalCheck()
    config.swLog = open(os.path.join(config.outDir, config.fLog), "w")  # noqa: SIM115
    trainset = DataSet.load(config.fFeatureTrain, config.fGoldTrain)
    devset = DataSet.load(config.fFeatureTest, config.fGoldTest)
    config.nUpdate = max(1, min(10, len(trainset)))  # ADF decay updates per epoch
    log.info("features=%d train=%d dev=%d", len(extractor.feature_to_idx), len(trainset), len(devset))
    random.seed(0)  # ADF shuffles the training sentences with the global generator
    crf = trainer.Trainer(config, trainset, extractor)
    scores: list[float] = []
    for it in range(iterations):
        start = time.time()
        err, _, diff = crf.train_epoch()
        score = crf.test(devset, it)[0]
        scores.append(score)
        crf.model.save(str(model_dir))
        log.info("iter %d  err=%.1f diff=%.2e  %.0fs  dev F1=%.2f  (checkpoint saved)",
                 it + 1, err, diff, time.time() - start, score)
    config.swLog.close()
    return scores


def train_segmenter(
    corpora_dir: Path,
    out_dir: Path = DEFAULT_OUT,
    iterations: int = 30,
    work_dir: Path | None = None,
    max_mb: float = 40.0,
    min_weight: float = 0.02,
    sentences: Iterable[list[str]] | None = None,
    dictionary: Dictionaries | None = None,
    user_lexicon: bool = False,
    dropout: float = DICT_DROPOUT,
    sighan_standard: bool = False,
) -> dict:
    """Full reproducible training run; returns a summary dict (also written as train_info.json).

    `sentences` replaces the PFR corpus (used by the tiny test fixture); `dictionary` the
    external words of the dictionary features, {family: words} or core words (default
    `feature_dictionary`; empty: no dictionary features). `user_lexicon` packages the
    merge-only HanLP user dictionary (`lexicon_words`; with the dictionary features it adds
    only +0.5 PKU OOV recall and costs 20-40 % of the speed, so it is off by default).
    `dropout`: see `run_pkuseg`. `sighan_standard`: train on PFR moved to the SIGHAN 2005
    PKU standard (`pku_standard`; PKU F1 +0.18 but the NER on its words −0.2, not shipped).
    """
    work = Path(work_dir or tempfile.mkdtemp(prefix="baokan-seg-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    data = write_training_files(Path(corpora_dir), work, sentences=sentences,
                                sighan_standard=sighan_standard)
    log.info("data: %s", json.dumps(asdict(data), ensure_ascii=False))
    families = as_families(feature_dictionary(Path(corpora_dir)) if dictionary is None
                           else dictionary)
    sizes = {f: len(w) for f, w in families.items()}
    log.info("dictionary features: %s", sizes)
    raw_dir = work / "pkuseg_raw"
    with _cwd(work):
        scores = run_pkuseg(work / "train.txt", work / "dev.txt", raw_dir, iterations, families,
                            dropout)
    summary = {"data": asdict(data), "iterations": iterations, "dev_f1": scores,
               "dictionary_words": sizes, "dict_dropout": dropout, "user_lexicon": user_lexicon,
               "sighan_standard": sighan_standard}
    summary.update(package(raw_dir, Path(out_dir), max_mb=max_mb, min_weight=min_weight,
                           corpora_dir=Path(corpora_dir) if user_lexicon else None))
    (Path(out_dir) / "train_info.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return summary


def prune(model: PkusegModel, min_weight: float) -> PkusegModel:
    """Drop features whose largest |weight| over all tags is below `min_weight`.

    Feature 0 (the always-on bias) and the tag-transition weights are kept; the training
    word list is kept whole because word membership itself changes which features fire.
    """
    n_tag, n_feature = model.model.n_tag, model.model.n_feature
    node = model.model.w[: n_tag * n_feature].reshape(n_feature, n_tag)
    keep = np.abs(node).max(axis=1) >= min_weight
    keep[0] = True
    new_index = np.cumsum(keep) - 1
    features = {
        name: int(new_index[idx])
        for name, idx in model.extractor.feature_to_idx.items()
        if keep[idx]
    }
    weights = np.concatenate([node[keep].ravel(), model.model.w[n_tag * n_feature :]])
    data = {
        "unigram": model.extractor.unigram,
        "feature_to_idx": features,
        "tag_to_idx": model.extractor.tag_to_idx,
    }
    return PkusegModel(data, weights, n_tag, model.dictionary)


def dir_mb(path: Path) -> float:
    """Total size of the files under `path` in MB."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1e6


HANLP_CORE = "hanlp_dictionaries/CoreNatureDictionary.txt"
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def lexicon_words(corpora_dir: Path, vocabulary: Iterable[str]) -> list[str]:
    """Words of HanLP's core dictionary (People's Daily based, Apache-2.0) that the model
    did not see in training, minus those PFR 1998 splits more often than it keeps whole.

    Packaged into the tokenizer's user dictionary (merge-only), this lifts out-of-vocabulary
    recall; HanLP's larger supplementary lexicon was measured to hurt and is not used.
    """
    path = Path(corpora_dir) / HANLP_CORE
    if not path.exists():
        return []
    seen = {corpora.to_halfwidth(w) for w in vocabulary}
    candidates = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split(maxsplit=1)[0] if line.strip() else ""
        if _CJK_WORD.match(word) and word not in seen:
            candidates.append(word)
    audit = audit_user_dict(candidates, corpora.read_pfr_words(Path(corpora_dir)))
    return [w for w in candidates if audit.get(w, (0, 0))[1] <= audit.get(w, (0, 0))[0]]


HANLP_PERSONS = "hanlp_dictionaries/custom__人名词典.txt"
HANLP_FOREIGN = "hanlp_dictionaries/person__nrf.txt"
HANLP_PLACES = "hanlp_dictionaries/custom__全国地名大全.txt"
HANLP_SUPPLEMENT = "hanlp_dictionaries/custom__现代汉语补充词库.txt"
# Families of the shipped model; names/places (dn, df, dl) were measured to add nothing.
FEATURE_FAMILIES = ("d", "ds", "dx")


def _dictionary_entries(path: Path, split_dot: bool = False) -> Iterator[tuple[str, str]]:
    """(word, first tag or "") per line of a HanLP dictionary file; words that the pkuseg
    features can match: 2..6 CJK characters, none of pkuseg's number characters (normalized
    to **Num, so never matched). `split_dot`: each part of 约瑟夫·施瓦特尔 is a word."""
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        tag = fields[1] if len(fields) > 1 else ""
        for word in (fields[0].split("·") if split_dot else fields[:1]):
            if (_CJK_WORD.match(word) and len(word) <= DICT_MAX_LEN
                    and not FeatureExtractor.num.intersection(word)):
                yield word, tag


def feature_dictionary(
    corpora_dir: Path, families: Iterable[str] = FEATURE_FAMILIES
) -> dict[str, list[str]]:
    """The external words of the dictionary features, by family (all HanLP, Apache-2.0):
    ``d`` the core dictionary minus words PFR 1998 splits more often than it keeps whole
    (`audit_user_dict`); ``dn`` Chinese person names (人名词典 nr); ``df`` foreign names
    (人名词典 nrf + person/nrf); ``dl`` place names (全国地名大全); ``ds`` the supplementary
    lexicon (现代汉语补充词库); ``dx`` the core words the audit removed from ``d``."""
    root = Path(corpora_dir)
    out: dict[str, list[str]] = {}
    core = {"d", "dx"} & set(families)
    candidates = [w for w, _ in _dictionary_entries(root / HANLP_CORE)] if core else []
    if "d" in families and candidates:
        audit = audit_user_dict(candidates, corpora.read_pfr_words(root))
        out["d"] = sorted({w for w in candidates
                           if audit.get(w, (0, 0))[1] <= audit.get(w, (0, 0))[0]})
        if "dx" in families:
            out["dx"] = sorted(set(candidates) - set(out["d"]))
    persons = (list(_dictionary_entries(root / HANLP_PERSONS, split_dot=True))
               if {"dn", "df"} & set(families) else [])
    if "dn" in families:
        out["dn"] = sorted({w for w, tag in persons if tag == "nr" and len(w) <= 4})
    if "df" in families:
        foreign = {w for w, tag in persons if tag == "nrf"}
        listed = _dictionary_entries(root / HANLP_FOREIGN, split_dot=True)
        out["df"] = sorted(foreign | {w for w, _ in listed})
    if "dl" in families:
        out["dl"] = sorted({w for w, _ in _dictionary_entries(root / HANLP_PLACES)})
    if "ds" in families:
        out["ds"] = sorted({w for w, _ in _dictionary_entries(root / HANLP_SUPPLEMENT)})
    return {f: w for f, w in out.items() if w}


def package(
    raw_dir: Path, out_dir: Path, max_mb: float = 40.0, min_weight: float = 0.0,
    corpora_dir: Path | None = None,
) -> dict:
    """Prune the raw pkuseg model until the pipeline fits `max_mb`; save it to `out_dir`.

    `min_weight` is the first pruning threshold tried; it doubles (from 0.001) until the
    packaged pipeline is small enough.
    """
    raw = PkusegModel.from_dir(raw_dir)
    lexicon = lexicon_words(corpora_dir, raw.extractor.unigram) if corpora_dir else []
    threshold = min_weight
    while True:
        model = prune(raw, threshold) if threshold > 0 else raw
        nlp = blank_pipeline()
        nlp.tokenizer.model = CompiledCRF.compile(model)
        nlp.tokenizer.pkuseg_update_user_dict(lexicon)
        card = out_dir / "MODEL_CARD.md"
        card_text = card.read_text(encoding="utf-8") if card.exists() else None
        if out_dir.exists():
            shutil.rmtree(out_dir)
        nlp.to_disk(out_dir)
        if card_text is not None:
            card.write_text(card_text, encoding="utf-8")
        size = dir_mb(out_dir)
        log.info("min_weight=%g features=%d size=%.1f MB", threshold,
                 len(model.extractor.feature_to_idx), size)
        if size <= max_mb:
            break
        threshold = max(threshold * 2, 0.001)
    return {
        "raw_features": len(raw.extractor.feature_to_idx),
        "features": len(model.extractor.feature_to_idx),
        "min_weight": threshold,
        "size_mb": round(size, 1),
        "lexicon_words": len(lexicon),
    }


def audit_user_dict(
    words: Iterable[str], sentences: Iterable[list[str]]
) -> dict[str, tuple[int, int]]:
    """Per dictionary word: (times it is one gold word, times the tokenizer's merge would join
    gold words into it). Run on PKU-standard text, a word with more joins than gold
    occurrences would cost accuracy."""
    from pipeline.nlp.tokenizer.pkuseg import UserDict, halfwidth

    user_dict = UserDict(words)
    counts: dict[str, list[int]] = {}
    for sent in sentences:
        sent = [halfwidth(w) for w in sent]
        text = "".join(sent)
        starts = list(itertools.accumulate(map(len, sent)))[:-1]
        for word in sent:
            if word in user_dict.words:
                counts.setdefault(word, [0, 0])[0] += 1
        merged = user_dict.merge(text, starts)
        bounds = [0, *merged, len(text)]
        joined = set(starts) - set(merged)
        for s, e in zip(bounds[:-1], bounds[1:], strict=True):
            if any(s < b < e for b in joined):
                counts.setdefault(text[s:e], [0, 0])[1] += 1
    return {word: (good, bad) for word, (good, bad) in counts.items()}
