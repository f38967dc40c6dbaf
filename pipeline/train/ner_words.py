"""Word-token NER training data and training (issue 4: words vs characters, by measurement).

Same sentences as the character model (`ner_data`: MSRA train + PFR 1998-01, test sentences
removed), segmented with Baokan's own tokenizer so each token is a pkuseg word. A gold entity
whose ends are not word boundaries cannot be one exact word span: its words get the
*missing* NER annotation (neither entity nor O), so the model is neither taught a wrong
boundary nor taught that the name is not an entity; `convert` counts these per label.

Training mirrors the character model: stage 1 `spacy train` ner_words.cfg on MSRA + PFR,
stage 2 ner_words_finetune.cfg on MSRA only, both on gold-preprocessed docs (the word tokens
in the DocBin are the model's tokens). At inference the model must be fed Docs built from
the Baokan tokenizer's words (see `word_model` in `pipeline.evaluate.ner`), never raw text.
Measured and not kept (session 3): gazetteer tags and two-character suffixes as extra word
features (MSRA / People's Daily test 84.3 / 88.0 vs 84.2 / 88.1), and `spacy pretrain` of the
tok2vec on 8.3 M characters of deduplicated raw news text (83.0 / 88.0).
Run: .venv/bin/python -m pipeline.train.ner_words --corpora ../shared/corpora  (writes
build/ner_words/model-best, then build/ner_words/finetune/model-best, packaged to
models/ner_words).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from pipeline.nlp.entities.word_docs import word_doc, word_lex_attrs  # noqa: F401  (the model's callback)
from pipeline.train import ner, ner_data
from pipeline.train.ner_data import Sentence

CONFIG = Path(__file__).with_name("ner_words.cfg")
FINETUNE_CONFIG = Path(__file__).with_name("ner_words_finetune.cfg")
MODERN_STEPS = 1800  # stage 3 (modern text), on ner_words_finetune.cfg's other settings


def segmenter() -> Callable[[str], Doc]:
    """Baokan's pipeline tokenizer (pkuseg + number rules + user dictionary)."""
    from pipeline.nlp.language import load_tokenizer_pipeline

    return load_tokenizer_pipeline().tokenizer


def annotate(doc: Doc, sentence: Sentence, counts: Counter) -> Doc:
    """Set word-aligned entities; words of unaligned entities get missing annotation."""
    ents, missing = [], []
    for start, end, label in sentence.spans:
        span = doc.char_span(start, end, label=label)
        counts[f"{label}_total"] += 1
        if span is not None:
            ents.append(span)
            continue
        counts[f"{label}_unaligned"] += 1
        expanded = doc.char_span(start, end, alignment_mode="expand")
        if expanded is not None:
            missing.append(expanded)
    taken = {i for span in ents for i in range(span.start, span.end)}
    missing = [s for s in spacy.util.filter_spans(missing)
               if not taken.intersection(range(s.start, s.end))]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def to_docbin(sentences: list[Sentence], segment: Callable[[str], Doc],
              counts: Counter, vocab=None) -> DocBin:
    """A DocBin of word-token Docs with aligned entity spans."""
    vocab = vocab or spacy.blank("zh").vocab
    bin_ = DocBin(store_user_data=False)
    for sentence in sentences:
        bin_.add(annotate(word_doc(vocab, segment(sentence.text)), sentence, counts))
    return bin_


def convert(corpora: Path, out_dir: Path, sources: tuple[str, ...] = ("msra", "pfr"),
            dev_fraction: float = 0.02, seed: int = 0,
            segment: Callable[[str], Doc] | None = None) -> dict:
    """Write train.spacy / dev.spacy (word tokens) and stats.json with alignment counts."""
    keys = ner_data.test_keys(corpora)
    kept, counts = ner_data.dedup(ner_data.training_sentences(corpora, sources), keys)
    pool = [s for name in sources for s in kept[name]]
    random.Random(seed).shuffle(pool)
    n_dev = max(1, int(len(pool) * dev_fraction)) if dev_fraction and len(pool) > 1 else 0
    segment = segment or segmenter()
    align: Counter = Counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    to_docbin(pool[n_dev:], segment, align).to_disk(out_dir / "train.spacy")
    to_docbin(pool[:n_dev], segment, align).to_disk(out_dir / "dev.spacy")
    stats = {"test_keys": len(keys), **counts, "train": len(pool) - n_dev, "dev": n_dev,
             "alignment": dict(sorted(align.items()))}
    (out_dir / "stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False))
    return stats


def train(data: Path, output: Path, overrides: dict | None = None,
          config: Path = CONFIG) -> None:
    """`spacy train` a config (stage 1: ner_words.cfg; stage 2: ner_words_finetune.cfg with
    `paths.base_model`) on converted data (train.spacy / dev.spacy in `data`)."""
    from spacy.cli.train import train as spacy_train

    paths = {"paths.train": str(data / "train.spacy"), "paths.dev": str(data / "dev.spacy")}
    spacy_train(config, output, overrides={**paths, **(overrides or {})})


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--workdir", type=Path, default=Path("build/ner_words"))
    parser.add_argument("--max-steps", type=int, default=0, help="stage 1; 0: the config's")
    parser.add_argument("--stage", choices=["1", "2", "both", "modern"], default="both",
                        help="modern: continue --base on MSRA + CLUENER + Boson + synthetic")
    parser.add_argument("--base", type=Path, default=ner.MODELS / "ner_words")
    parser.add_argument("--output", type=Path, default=ner.MODELS / "ner_words")
    parser.add_argument("--sources", default="msra,pfr",
                        help="stage-1 corpora, comma-separated: msra, pfr, cluener, boson")
    args = parser.parse_args()
    work = args.workdir
    if args.stage == "modern":
        mixed = convert(args.corpora, work / "data_modern", sources=ner.MODERN_SOURCES)
        print(json.dumps(mixed, ensure_ascii=False))
        train(work / "data_modern", work / "modern",
              {"paths.base_model": str(args.base), "training.max_steps": MODERN_STEPS},
              FINETUNE_CONFIG)
        stats = json.loads((args.base / "training_stats.json").read_text())
        stats["stage3_modern"] = mixed
        print(json.dumps(ner.package(work / "modern" / "model-best", args.output, stats)))
    if args.stage in ("1", "both"):
        sources = tuple(args.sources.split(","))
        print(json.dumps(convert(args.corpora, work / "data", sources), ensure_ascii=False))
        extra = {"training.max_steps": args.max_steps} if args.max_steps else {}
        train(work / "data", work, extra)
    if args.stage in ("2", "both"):
        msra = convert(args.corpora, work / "data_msra", sources=("msra",))
        print(json.dumps(msra, ensure_ascii=False))
        train(work / "data_msra", work / "finetune",
              {"paths.base_model": str(work / "model-best")}, FINETUNE_CONFIG)
        stats = {"stage2_msra": msra,
                 "stage1": json.loads((work / "data" / "stats.json").read_text())}
        print(json.dumps(ner.package(work / "finetune" / "model-best", args.output, stats)))
