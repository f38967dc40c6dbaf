"""Exact-span evaluation of the word-token NER model (pipeline/train/ner_words.py).

Same test sets and scorer as `baokan evaluate ner` (`load_test`, `prf`): the test text is
segmented with Baokan's tokenizer, the word model labels the words, and entities are mapped
back to character offsets. chars/s covers segmentation plus the model.

Run: .venv/bin/python -m pipeline.evaluate.ner_words --model build/ner_words/model-best
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from pipeline.evaluate.ner import TEST_SETS, Spans, format_report, load_test, run_system


def word_model(model_path: Path,
               segment: Callable | None = None) -> Callable[[list[str]], list[Spans]]:
    """Segment → word NER → character-offset entities."""
    import spacy

    from pipeline.train import ner_words

    nlp = spacy.load(model_path)
    segment = segment or ner_words.segmenter()

    def predict(texts: list[str]) -> list[Spans]:
        docs = (ner_words.word_doc(nlp.vocab, segment(text)) for text in texts)
        return [{(e.start_char, e.end_char, e.label_) for e in doc.ents}
                for doc in nlp.pipe(docs, batch_size=256)]

    return predict


def evaluate(corpora: Path, model_path: Path, limit: int = 0) -> dict:
    """{test set: {"word model": {"scores": …, "chars_per_s": …}}}."""
    predict = word_model(model_path)
    return {name: {"word model": run_system(predict, load_test(corpora, name, limit))}
            for name in TEST_SETS}


def per_type(results: dict) -> str:
    """P/R/F1 per label and micro, one block per test set."""
    lines = []
    for test_set, systems in results.items():
        for system, result in systems.items():
            lines.append(f"== {test_set} / {system}")
            lines.append(f"{'label':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
            for label, s in result["scores"].items():
                lines.append(f"{label:<8}{s['p']:>7.1f}{s['r']:>7.1f}{s['f']:>7.1f}{s['gold']:>7}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("build/ner_words/model-best"))
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    results = evaluate(args.corpora, args.model, args.limit)
    print(format_report(results))
    print(per_type(results))


if __name__ == "__main__":
    main()
