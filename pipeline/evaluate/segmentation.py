"""Word segmentation evaluation: word P/R/F1, OOV recall and chars/s, Baokan vs jieba.

Gold and output are compared as character spans, so the full-width/half-width form of
digits and letters cannot matter; OOV words are gold words (half-width normalized) absent
from the Baokan model's training word list (OOV-R), and — fixed whatever the model, so
comparable between models and with the bakeoff — absent from the test set's own training
word list (OOV-L: SIGHAN 2005 `pku_training_words` / `msr_training_words`, CTB6 train
words). Speed is characters per CPU second of this
single-threaded process (`time.process_time`), so other jobs on a shared machine do not
count against it; each line of the test file is one call, as in the SIGHAN setup.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.train import corpora

Segmenter = Callable[[str], list[str]]
GSD_TEST = "ud_chinese_gsd_hankcs/test.conll"
GSD_TRAIN = "ud_chinese_gsd_hankcs/train.conll"


@dataclass
class Score:
    """Counts and derived metrics of one system on one test set."""

    system: str
    test_set: str
    gold: int = 0
    pred: int = 0
    correct: int = 0
    oov: int = 0
    oov_correct: int = 0
    listed_oov: int = 0  # gold words outside the test set's own training word list
    listed_oov_correct: int = 0
    chars: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return 100.0 * self.correct / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def oov_recall(self) -> float:
        return 100.0 * self.oov_correct / self.oov if self.oov else 0.0

    @property
    def listed_oov_recall(self) -> float:
        return 100.0 * self.listed_oov_correct / self.listed_oov if self.listed_oov else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


def spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Character spans of a word sequence."""
    out, pos = set(), 0
    for word in words:
        out.add((pos, pos + len(word)))
        pos += len(word)
    return out


def score_lines(
    system: str, test_set: str, gold: list[list[str]], segment: Segmenter, vocab: set[str],
    listed: set[str] | None = None,
) -> Score:
    """Segment each gold line's text, normalized as the pipeline does, and count matches
    (OOV against the model's `vocab` and against the test set's training word list `listed`)."""
    texts = [corpora.to_halfwidth("".join(words)) for words in gold]
    start = time.process_time()
    outputs = [segment(text) for text in texts]
    score = Score(system, test_set, seconds=time.process_time() - start)
    for words, text, out in zip(gold, texts, outputs, strict=True):
        out = [w for w in out if w.strip()]
        if "".join(out) != text.replace(" ", ""):
            raise ValueError(f"{system} changed the text of a {test_set} line")
        gold_spans, pred_spans = spans(words), spans(out)
        score.chars += len(text)
        score.gold += len(gold_spans)
        score.pred += len(pred_spans)
        score.correct += len(gold_spans & pred_spans)
        pos = 0
        for word in words:
            key, found = corpora.to_halfwidth(word), (pos, pos + len(word)) in pred_spans
            if key not in vocab:
                score.oov += 1
                score.oov_correct += found
            if listed is not None and key not in listed:
                score.listed_oov += 1
                score.listed_oov_correct += found
            pos += len(word)
    return score


def test_sets(corpora_dir: Path) -> dict[str, list[list[str]]]:
    """PKU test, MSR test (SIGHAN 2005 gold), CTB6 test and UD Chinese GSD test (modern web
    text, its own punctuation: ASCII periods, 「」, ％)."""
    root = Path(corpora_dir)
    sets = {
        "PKU test": list(corpora.read_sighan_gold(root, "pku")),
        "MSR test": list(corpora.read_sighan_gold(root, "msr")),
        "CTB6 test": list(corpora.read_ctb6(root, "test")),
    }
    if (root / GSD_TEST).exists():
        sets["GSD test"] = list(corpora.read_conll_words(root / GSD_TEST))
    return sets


def listed_words(corpora_dir: Path) -> dict[str, set[str]]:
    """Each test set's own training word list, half-width (the bakeoff's OOV reference)."""
    root = Path(corpora_dir)
    ctb6 = {w for words in corpora.read_ctb6(root, "train") for w in words}
    gsd = ({w for words in corpora.read_conll_words(root / GSD_TRAIN) for w in words}
           if (root / GSD_TRAIN).exists() else set())
    return {"PKU test": corpora.read_word_list(root / corpora.SIGHAN_WORDS["pku"]),
            "MSR test": corpora.read_word_list(root / corpora.SIGHAN_WORDS["msr"]),
            "CTB6 test": {corpora.to_halfwidth(w) for w in ctb6},
            "GSD test": {corpora.to_halfwidth(w) for w in gsd}}


def baokan_segmenter(nlp=None) -> Segmenter:
    """The shipped tokenizer (with the domain user dictionary) as a word-list function."""
    from pipeline.nlp.language import load_tokenizer_pipeline

    tokenizer = (nlp or load_tokenizer_pipeline()).tokenizer
    return lambda text: [t.text for t in tokenizer(text)]


def jieba_segmenter() -> Segmenter:
    """jieba's default (precise mode, HMM on), initialized before timing."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return lambda text: jieba.lcut(text)


def training_vocab(nlp=None) -> set[str]:
    """The Baokan model's training word list, half-width normalized."""
    from pipeline.nlp.language import load_tokenizer_pipeline

    tokenizer = (nlp or load_tokenizer_pipeline()).tokenizer
    return {corpora.to_halfwidth(w) for w in tokenizer.model.vocabulary}


def evaluate(
    corpora_dir: Path, systems: dict[str, Segmenter], vocab: set[str]
) -> list[Score]:
    """Score every system on every test set."""
    scores = []
    listed = listed_words(corpora_dir)
    for name, gold in test_sets(corpora_dir).items():
        for system, segment in systems.items():
            scores.append(score_lines(system, name, gold, segment, vocab, listed[name]))
    return scores


def format_table(scores: list[Score]) -> str:
    """A plain-text results table."""
    header = (f"{'test set':<10} {'system':<8} {'P':>6} {'R':>6} {'F1':>6} {'OOV-R':>6} "
              f"{'OOV-L':>6} {'chars/s':>9}")
    lines = [header, "-" * len(header)]
    for s in scores:
        lines.append(
            f"{s.test_set:<10} {s.system:<8} {s.precision:6.2f} {s.recall:6.2f} {s.f1:6.2f} "
            f"{s.oov_recall:6.2f} {s.listed_oov_recall:6.2f} {s.chars_per_second:9,.0f}"
        )
    return "\n".join(lines)


def run(corpora_dir: Path, with_jieba: bool = True, model_dir: Path | None = None) -> list[Score]:
    """The `baokan evaluate segmentation` command: print and return the scores
    (`model_dir`: a segmenter pipeline other than models/segmenter)."""
    from pipeline.nlp.language import load_tokenizer_pipeline

    nlp = load_tokenizer_pipeline(model_dir=model_dir)
    systems = {"baokan": baokan_segmenter(nlp)}
    if with_jieba:
        systems["jieba"] = jieba_segmenter()
    scores = evaluate(corpora_dir, systems, training_vocab(nlp))
    print(format_table(scores))
    return scores
