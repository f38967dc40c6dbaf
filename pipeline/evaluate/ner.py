"""Entity-level exact-span evaluation of NER on the modern sets (2015–2025 news labelled by
the team, `ner_modern.py`: dev and test), MSRA test and People's Daily NER test.

Systems measured in one run: the trained model alone, the full entity stage (pipeline
tokenizer + model + rules), the rules alone, and jieba.posseg (nr → PER, ns → LOC,
nt → ORG). Prints P/R/F1 per type and micro, and characters per second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pipeline.evaluate import ner_modern
from pipeline.train.ner_data import Sentence, halfwidth, read_bio

Spans = set[tuple[int, int, str]]
LABELS = ("PER", "LOC", "ORG")
TEST_SETS = {
    "msra_test": ("msra_ner/msra_test_bio.tsv", "\t"),
    "peoples_daily_test": ("peoples_daily_ner/example.test", None),
}
MODERN_SETS = {"modern_dev": "dev", "modern_test": "test"}


def load_test(corpora: Path, name: str, limit: int = 0) -> list[Sentence]:
    """A test set with width-normalized text (offsets unchanged)."""
    if name in MODERN_SETS:
        out = ner_modern.load(corpora, MODERN_SETS[name])
    else:
        rel, sep = TEST_SETS[name]
        out = [Sentence(halfwidth(s.text), s.spans) for s in read_bio(corpora / rel, sep)]
    return out[:limit] if limit else out


def check_corpora(corpora: Path) -> None:
    """Raise FileNotFoundError naming the first missing test file."""
    for rel, _ in TEST_SETS.values():
        if not (Path(corpora) / rel).exists():
            raise FileNotFoundError(
                f"{Path(corpora) / rel} not found: --corpora must be the shared corpora "
                f"directory (with msra_ner/ and peoples_daily_ner/)")


def prf(gold: list[Spans], pred: list[Spans]) -> dict[str, dict[str, float]]:
    """Precision/recall/F1 (percent) per label and micro over exact (start, end, label)."""
    table = {}
    for label in (*LABELS, "micro"):
        keep = (lambda s: True) if label == "micro" else (lambda s, lab=label: s[2] == lab)
        g = sum(len({s for s in spans if keep(s)}) for spans in gold)
        p = sum(len({s for s in spans if keep(s)}) for spans in pred)
        tp = sum(len({s for s in gs if keep(s)} & {s for s in ps if keep(s)})
                 for gs, ps in zip(gold, pred, strict=True))
        precision = 100 * tp / p if p else 0.0
        recall = 100 * tp / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"p": precision, "r": recall, "f": f1, "gold": g}
    return table


def model_only(model_path: Path) -> Callable[[list[str]], list[Spans]]:
    """The character NER model without rules."""
    from pipeline.nlp.entities import (
        char_features,  # noqa: F401
        inference,  # noqa: F401
    )

    nlp = inference.load(model_path)

    def predict(texts: list[str]) -> list[Spans]:
        return [{(e.start_char, e.end_char, e.label_) for e in doc.ents}
                for doc in nlp.pipe(texts, batch_size=256)]

    return predict


def word_model(model_path: Path) -> Callable[[list[str]], list[Spans]]:
    """The word-token NER model alone: Baokan segmentation → word NER → character offsets."""
    from pipeline.nlp.entities import inference
    from pipeline.train import ner_words

    nlp = inference.load(model_path)
    segment = ner_words.segmenter()

    def predict(texts: list[str]) -> list[Spans]:
        docs = (ner_words.word_doc(nlp.vocab, segment(text)) for text in texts)
        return [{(e.start_char, e.end_char, e.label_) for e in doc.ents}
                for doc in nlp.pipe(docs, batch_size=256)]

    return predict


def entity_stage(model_path: Path | None,
                 word_model_path: Path | None = None) -> Callable[[list[str]], list[Spans]]:
    """Pipeline tokenizer + (models) + rules, as in production (the word model's ORG spans
    replace the character model's when `word_model_path` holds a model)."""
    from pipeline.nlp.entities import component as entities  # noqa: F401
    from pipeline.nlp.language import load_tokenizer_pipeline

    nlp = load_tokenizer_pipeline()
    if model_path is not None:
        nlp.add_pipe("baokan_ner", config={"model_path": str(model_path)})
    if word_model_path is not None and (word_model_path / "config.cfg").exists():
        nlp.add_pipe("baokan_ner_words", config={"model_path": str(word_model_path)})
    nlp.add_pipe("baokan_entities")

    def predict(texts: list[str]) -> list[Spans]:
        return [{(e.start_char, e.end_char, e.label_) for e in doc.ents}
                for doc in nlp.pipe(texts)]

    return predict


def jieba_posseg() -> Callable[[list[str]], list[Spans]]:
    """jieba.posseg tags mapped to entity labels."""
    import jieba.posseg as pseg

    mapping = {"nr": "PER", "ns": "LOC", "nt": "ORG"}

    def predict(texts: list[str]) -> list[Spans]:
        out = []
        for text in texts:
            spans, pos = set(), 0
            for word, flag in pseg.cut(text):
                if flag in mapping:
                    spans.add((pos, pos + len(word), mapping[flag]))
                pos += len(word)
            out.append(spans)
        return out

    return predict


def run_system(predict: Callable[[list[str]], list[Spans]], sentences: list[Sentence]) -> dict:
    """Scores and characters/s of one system on one test set."""
    texts = [s.text for s in sentences]
    predict(texts[:20])  # warm up (model loading, dictionaries)
    started = time.perf_counter()
    pred = predict(texts)
    seconds = time.perf_counter() - started
    gold = [set(s.spans) for s in sentences]
    return {"scores": prf(gold, pred), "bag": ner_modern.bag_f1(sentences, pred),
            "chars_per_s": sum(map(len, texts)) / seconds}


def evaluate(corpora: Path, model_path: Path, limit: int = 0, jieba: bool = True,
             word_model_path: Path | None = None) -> dict:
    """All systems on all test sets: {test set: {system: result}}. `pipeline` is production:
    tokenizer + character model + word model ORG (when `word_model_path` holds one) + rules."""
    systems: dict[str, Callable] = {}
    has_words = word_model_path is not None and (word_model_path / "config.cfg").exists()
    if (model_path / "config.cfg").exists():
        systems["char model"] = model_only(model_path)
        if has_words:
            systems["word model"] = word_model(word_model_path)
            systems["char+rules"] = entity_stage(model_path)
            systems["word+rules"] = entity_stage(None, word_model_path)
        systems["pipeline"] = entity_stage(model_path, word_model_path if has_words else None)
    systems["rules"] = entity_stage(None)
    if jieba:
        systems["jieba.posseg"] = jieba_posseg()
    results: dict = {}
    check_corpora(corpora)
    for name in (*MODERN_SETS, *TEST_SETS):
        sentences = load_test(corpora, name, limit)
        if not sentences:
            continue
        results[name] = {system: run_system(predict, sentences)
                         for system, predict in systems.items()}
        results[name]["word_boundary_ceiling"] = {
            seg: boundary_ceiling(sentences, fn) for seg, fn in segmenters().items()}
    return results


def format_report(results: dict) -> str:
    """A plain-text table of the results."""
    lines = []
    for test_set, systems in results.items():
        lines.append(f"== {test_set}")
        lines.append(f"{'system':<14}{'PER F':>8}{'LOC F':>8}{'ORG F':>8}"
                     f"{'micro P':>9}{'micro R':>9}{'micro F':>9}{'bag F':>8}{'chars/s':>10}")
        for system, result in systems.items():
            if system == "word_boundary_ceiling":
                continue
            s = result["scores"]
            lines.append(f"{system:<14}{s['PER']['f']:>8.1f}{s['LOC']['f']:>8.1f}"
                         f"{s['ORG']['f']:>8.1f}{s['micro']['p']:>9.1f}{s['micro']['r']:>9.1f}"
                         f"{s['micro']['f']:>9.1f}{result.get('bag', {}).get('f', 0.0):>8.1f}"
                         f"{result['chars_per_s']:>10,.0f}")
        for seg, value in systems.get("word_boundary_ceiling", {}).items():
            lines.append(f"entities aligned with {seg} word boundaries: {value:.1f}%")
    return "\n".join(lines)


def boundary_ceiling(sentences: list[Sentence], segment: Callable[[str], list[str]]) -> float:
    """Percent of gold entities whose both ends are word boundaries of `segment`.

    This caps the recall of any NER that labels whole word tokens (the word-vs-character
    decision): an entity inside or across a word cannot be tagged exactly.
    """
    total = aligned = 0
    for sentence in sentences:
        bounds, pos = {0}, 0
        for word in segment(sentence.text):
            pos += len(word)
            bounds.add(pos)
        for start, end, _ in sentence.spans:
            total += 1
            aligned += start in bounds and end in bounds
    return 100 * aligned / total if total else 0.0


def segmenters() -> dict[str, Callable[[str], list[str]]]:
    """Word segmenters available here: the pipeline tokenizer and jieba (HMM on)."""
    import jieba

    from pipeline.nlp.language import load_tokenizer_pipeline

    tokenizer = load_tokenizer_pipeline()
    return {"pipeline tokenizer": lambda text: [t.text_with_ws for t in tokenizer(text)],
            "jieba": lambda text: list(jieba.cut(text))}
