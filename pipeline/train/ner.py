"""`baokan train ner`: convert corpora, run `spacy train` (ner.cfg, then ner_finetune.cfg),
package models/ner.

The packaged model is a character-level spaCy pipeline (tokenizer `baokan.word_features.v1`:
features from Baokan's segmentation and a name gazetteer serialized with the model; tok2vec +
ner). `baokan_scores.json` next to it lists the per-label dev precision (the pipeline reads
the same numbers from meta.json as the `score` of model entities); `training_stats.json` the
data and dedup counts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.paths import MODELS
from pipeline.train import ner_data, ner_resources

CONFIG = Path(__file__).with_name("ner.cfg")
FINETUNE_CONFIG = Path(__file__).with_name("ner_finetune.cfg")
MODERN_CONFIG = Path(__file__).with_name("ner_modern.cfg")
MODERN_SOURCES = ("msra", "cluener", "boson", "synthetic")


def train(corpora: Path, output: Path = MODELS / "ner", workdir: Path = Path("build/ner"),
          overrides: dict | None = None, finetune_overrides: dict | None = None) -> dict:
    """Stage 1: MSRA + PFR with ner.cfg. Stage 2: continue on MSRA only with
    ner_finetune.cfg. Package stage 2's best model; returns its dev scores."""
    from spacy.cli.train import train as spacy_train

    from pipeline.nlp.entities import char_features  # noqa: F401  (registers the tokenizer)

    gazetteer = workdir / "gazetteer.tsv"
    ner_resources.write_gazetteer(corpora, gazetteer)
    ner_data.convert(corpora, workdir / "data")
    spacy_train(CONFIG, workdir / "run",
                overrides={**_paths(workdir / "data", gazetteer), **(overrides or {})})
    return finetune(corpora, output, workdir, finetune_overrides)


def finetune(corpora: Path, output: Path = MODELS / "ner", workdir: Path = Path("build/ner"),
             overrides: dict | None = None) -> dict:
    """Stage 2 from stage 1's best checkpoint in `workdir` (also usable on its own when
    stage 1 was stopped early), then package. Returns the dev scores."""
    from spacy.cli.train import train as spacy_train

    from pipeline.nlp.entities import char_features  # noqa: F401  (registers the tokenizer)

    gazetteer = workdir / "gazetteer.tsv"
    msra = ner_data.convert(corpora, workdir / "data_msra", sources=("msra",))
    base = {"paths.base_model": str(workdir / "run" / "model-best")}
    spacy_train(FINETUNE_CONFIG, workdir / "finetune",
                overrides={**_paths(workdir / "data_msra", gazetteer), **base, **(overrides or {})})
    mixed = json.loads((workdir / "data" / "stats.json").read_text())
    names = sum(1 for _ in gazetteer.open(encoding="utf-8"))
    stats = {"gazetteer_names": names, "stage1_msra_pfr": mixed, "stage2_msra": msra}
    return package(workdir / "finetune" / "model-best", output, stats)


def modern(corpora: Path, base: Path = MODELS / "ner", output: Path = MODELS / "ner",
           workdir: Path = Path("build/ner"), overrides: dict | None = None) -> dict:
    """Stage 3: continue the packaged model `base` on MSRA train mixed with modern text
    (CLUENER 2020, BosonNLP, synthetic modern-news sentences; test sentences removed) with
    ner_modern.cfg, then package. Returns the dev scores."""
    from spacy.cli.train import train as spacy_train

    from pipeline.nlp.entities import char_features  # noqa: F401  (registers the tokenizer)

    gazetteer = workdir / "gazetteer.tsv"
    if not gazetteer.exists():
        gazetteer.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(base / "tokenizer" / "gazetteer.tsv", gazetteer)
    data = workdir / "data_modern"
    mixed = ner_data.convert(corpora, data, sources=MODERN_SOURCES)
    spacy_train(MODERN_CONFIG, workdir / "modern",
                overrides={**_paths(data, gazetteer), "paths.base_model": str(base),
                           **(overrides or {})})
    stats = json.loads((base / "training_stats.json").read_text())
    stats["stage3_modern"] = mixed
    return package(workdir / "modern" / "model-best", output, stats)


def _paths(data: Path, gazetteer: Path) -> dict[str, str]:
    return {"paths.train": str(data / "train.spacy"), "paths.dev": str(data / "dev.spacy"),
            "paths.gazetteer": str(gazetteer)}


def package(best: Path, output: Path, stats: dict) -> dict:
    """Copy the best model to `output` with its score table and training stats."""
    meta = json.loads((best / "meta.json").read_text())
    per_type = meta.get("performance", {}).get("ents_per_type") or {}
    scores = {label: round(values["p"], 3) for label, values in dict(per_type).items()}
    if output.exists():
        keep = {p.name: p.read_bytes() for p in output.glob("*.md")}
        shutil.rmtree(output)
    else:
        keep = {}
    shutil.copytree(best, output)
    for name, content in keep.items():
        (output / name).write_bytes(content)
    _disable_lexicon_dropout(output / "config.cfg")
    (output / "baokan_scores.json").write_text(json.dumps(scores, indent=1))
    (output / "training_stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False))
    return meta.get("performance", {})


def _disable_lexicon_dropout(config_path: Path) -> None:
    """The gazetteer dropout is a training device: the packaged model sees every match. The
    gazetteer itself ships in tokenizer/, so the build path is not kept either."""
    from thinc.api import Config

    config = Config().from_disk(config_path, interpolate=False)
    if "lexicon_dropout" in config["nlp"]["tokenizer"]:
        config["nlp"]["tokenizer"]["lexicon_dropout"] = 0.0
    if "gazetteer" in config["paths"]:
        config["paths"]["gazetteer"] = None
    config.to_disk(config_path)
