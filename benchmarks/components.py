"""CPU time per character of each spaCy pipeline component, on the same articles.

    .venv/bin/python benchmarks/components.py            # 300 news articles
    .venv/bin/python benchmarks/components.py --articles 50
    .venv/bin/python benchmarks/components.py --ner words   # the pipeline of `baokan run --ner words`

Texts: the raw news corpus in ../shared/corpora when present (read, never copied), else the
team's sample archive. Each component runs over all texts in turn (`pipe` where it has one),
timed with `process_time`, so the numbers add up to the pipeline's NLP cost per character.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "xinwenlianbo_2025" / "xinwenlianbo_2025-10_2025-12.jsonl"


def article_texts(limit: int) -> list[str]:
    """Up to `limit` article texts: the news corpus if present, else the samples."""
    if CORPUS.exists():
        lines = CORPUS.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["content"] for line in lines[:limit]]
    sys.path.insert(0, str(REPO))
    from pipeline.ingest import expand_inputs, iter_sources

    sources = iter_sources(expand_inputs([REPO / "data" / "samples"]))
    return [s.text for s in sources if getattr(s, "text", "")][:limit]


def profile(texts: list[str], ner: str = "both") -> list[tuple[str, float]]:
    """(component, microseconds per character) in pipeline order, tokenizer first."""
    from pipeline.nlp.language import nlp as load
    from pipeline.nlp.settings import Settings

    pipeline = load(Settings(ner=ner))
    list(pipeline.pipe(texts[:3]))  # load lazily-loaded models before timing
    chars = sum(map(len, texts))
    started = time.process_time()
    docs = [pipeline.make_doc(text) for text in texts]
    timings = [("tokenizer", time.process_time() - started)]
    for name, component in pipeline.pipeline:
        started = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs))
        else:
            docs = [component(doc) for doc in docs]
        timings.append((name, time.process_time() - started))
    return [(name, 1e6 * seconds / chars) for name, seconds in timings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="number of articles")
    parser.add_argument("--ner", default="both", help="NER setup (both, words, chars, rules)")
    args = parser.parse_args()
    texts = article_texts(args.articles)
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters, --ner {args.ner}")
    rows = profile(texts, args.ner)
    for name, micros in rows:
        print(f"{name:20s} {micros:7.1f} us/char  {1e6 / micros if micros else 0:>12,.0f} chars/s")
    total = sum(m for _, m in rows)
    print(f"{'total':20s} {total:7.1f} us/char  {1e6 / total:>12,.0f} chars/s")


if __name__ == "__main__":
    main()
