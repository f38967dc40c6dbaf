"""Measure the statistics component: precision/recall on the team's labelled set and the seed.

Scored per sentence: a predicted figure matches a gold figure when value (relative tolerance
1e-6) and base unit agree (one-to-one, greedy). On top of that:
- role: (value, unit, role) must agree;
- indicator: (value, unit) and the indicators contain one another (after dropping quotes,
  brackets and spaces; a gold indicator of one character must be contained in the prediction).
A naive baseline (an Arabic number followed by 元/万元/亿元/%) is scored in the same run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.paths import CORPORA, EVALUATION_DATA, SEED

DATA = EVALUATION_DATA / "statistics_labelled.jsonl"
SEED_DIR = SEED
NEWS_LABELS = EVALUATION_DATA / "statistics_news_labels.jsonl"

Figure = dict  # {"value", "unit", "role", "qualifier", "indicator"}
Predictor = Callable[[str], list[Figure]]


@dataclass
class Counts:
    """True positives, predictions and gold figures for one criterion."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores of one system on one set."""

    value_unit: Counts = field(default_factory=Counts)
    role: Counts = field(default_factory=Counts)
    indicator: Counts = field(default_factory=Counts)
    qualifier: Counts = field(default_factory=Counts)
    negatives_hit: int = 0
    negatives: int = 0
    errors: list[str] = field(default_factory=list)


def load(path: Path = DATA, split: str = "all") -> list[dict]:
    """Labelled examples: {"text", "figures": [...], "not": [...], "split": "dev" | "test"}."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [item for item in items if split == "all" or item["split"] == split]


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _norm(text: str | None) -> str:
    return re.sub(r"[“”\"‘’《》()（）\s·]", "", text or "")


def indicator_match(gold: str | None, pred: str | None) -> bool:
    """Gold and predicted indicators contain one another (see module doc)."""
    g, p = _norm(gold), _norm(pred)
    if not g:
        return True
    if not p:
        return False
    return g in p or (len(p) >= 2 and p in g)


def score(items: Iterable[dict], predict: Predictor, with_errors: bool = False) -> Report:
    """Score `predict` against every labelled item."""
    report = Report()
    for item in items:
        gold = item["figures"]
        pred = predict(item["text"])
        _score_one(report, gold, pred, item, with_errors)
    return report


def _score_one(report: Report, gold: list[Figure], pred: list[Figure], item: dict,
               with_errors: bool) -> None:
    for counts in (report.value_unit, report.role, report.indicator, report.qualifier):
        counts.pred += len(pred)
        counts.gold += len(gold)
    used: set[int] = set()
    for g in gold:
        match = next((i for i, p in enumerate(pred) if i not in used
                      and same_value(g["value"], p["value"]) and g["unit"] == p["unit"]), None)
        if match is None:
            if with_errors:
                report.errors.append(f"MISS {g.get('surface')} {g['value']} {g['unit']} | {item['text']}")
            continue
        used.add(match)
        p = pred[match]
        report.value_unit.tp += 1
        report.role.tp += g["role"] == p["role"]
        report.qualifier.tp += g.get("qualifier", "exact") == p.get("qualifier")
        report.indicator.tp += indicator_match(g.get("indicator"), p.get("indicator"))
        if with_errors and g["role"] != p["role"]:
            report.errors.append(f"ROLE {g.get('surface')} gold={g['role']} pred={p['role']} | {item['text']}")
        if with_errors and not indicator_match(g.get("indicator"), p.get("indicator")):
            report.errors.append(f"IND  {g.get('surface')} gold={g.get('indicator')} "
                                 f"pred={p.get('indicator')} | {item['text']}")
        if with_errors and g.get("qualifier", "exact") != p.get("qualifier"):
            report.errors.append(f"QUAL {g.get('surface')} gold={g.get('qualifier')} "
                                 f"pred={p.get('qualifier')} | {item['text']}")
    for i, p in enumerate(pred):
        if i not in used and with_errors:
            report.errors.append(f"FP   {p.get('text')} {p['value']} {p['unit']} | {item['text']}")
    for surface in item.get("not", []):
        report.negatives += 1
        if any(surface in (p.get("text") or "") or (p.get("text") or "@") in surface for p in pred):
            report.negatives_hit += 1


# --- systems -----------------------------------------------------------------------------------

_BASELINE = re.compile(r"(\d+(?:\.\d+)?)(万元|亿元|元|%)")
_BASELINE_SCALE = {"元": (1, "元"), "万元": (10**4, "元"), "亿元": (10**8, "元"), "%": (1, "%")}


def baseline(text: str) -> list[Figure]:
    """The naive regex: an Arabic number followed by 元/万元/亿元/%."""
    out = []
    for m in _BASELINE.finditer(text):
        scale, unit = _BASELINE_SCALE[m.group(2)]
        out.append({"value": float(m.group(1)) * scale, "unit": unit, "role": "level",
                    "qualifier": "exact", "indicator": None, "text": m.group(0)})
    return out


def baokan_predictor(meta: dict | None = None) -> Predictor:
    """Figures from the full Baokan spaCy pipeline (`doc.spans["statistics"]`)."""
    from pipeline.nlp import language
    from pipeline.nlp.statistics import component as stats

    nlp = language.nlp()
    if "baokan_statistics" not in nlp.pipe_names:
        nlp = language.build()
        stats.add_to(nlp)

    def predict(text: str) -> list[Figure]:
        doc = nlp.make_doc(text)
        doc._.meta = dict(meta or {})
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
        return [dict(span._.statistic) for span in doc.spans.get(stats.SPAN_KEY, [])]

    return predict


# --- held-out news text (labels only in the repo; the text stays in ../shared/corpora) ----------


def news_items(labels: Path = NEWS_LABELS, corpora: Path = CORPORA) -> list[dict] | None:
    """Hand-labelled random sentences of the 新闻联播 corpus, or None when the corpus is absent."""
    source = corpora / "xinwenlianbo_2025" / "xinwenlianbo_2025-10_2025-12.jsonl"
    if not source.exists() or not labels.exists():
        return None
    content = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        content[record["id"]] = record["content"]
    items = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        text = content[label["id"]][label["start"]: label["end"]]
        items.append({"text": text, "figures": label["figures"], "not": [], "split": "news"})
    return items


# --- seed ----------------------------------------------------------------------------------------


def seed_items(seed_dir: Path = SEED_DIR) -> tuple[list[str], dict] | None:
    """Paragraphs of the seed article and its expected.json, or None when absent."""
    texts = sorted(seed_dir.glob("000_*.txt")) if seed_dir.is_dir() else []
    expected = seed_dir / "expected.json"
    if not texts or not expected.exists():
        return None
    paragraphs = [p for p in texts[0].read_text(encoding="utf-8").split("\n") if p.strip()]
    return paragraphs, json.loads(expected.read_text(encoding="utf-8"))


def seed_check(predict: Predictor, seed_dir: Path = SEED_DIR) -> dict | None:
    """Which seed figures are found (value, unit, role, qualifier, indicator) and negatives hit."""
    loaded = seed_items(seed_dir)
    if loaded is None:
        return None
    paragraphs, expected = loaded
    pred = [p for para in paragraphs for p in predict(para)]
    missing = [e for e in expected.get("statistics", []) if not any(seed_match(e, p) for p in pred)]
    hits = [n for n in expected.get("not_statistics", [])
            if any(n == p.get("text") or n in (p.get("text") or "") for p in pred)]
    return {"expected": len(expected.get("statistics", [])), "missing": missing,
            "negatives_hit": hits, "predicted": len(pred)}


def seed_match(expected: dict, pred: Figure) -> bool:
    """A predicted row satisfies one expected seed figure."""
    if not same_value(float(expected["value"]), pred["value"]) or expected["unit"] != pred["unit"]:
        return False
    if expected.get("role") and expected["role"] != pred["role"]:
        return False
    if expected.get("qualifier") and expected["qualifier"] != pred.get("qualifier"):
        return False
    contains = expected.get("indicator_contains")
    return not contains or contains in (pred.get("indicator") or "")


# --- command -----------------------------------------------------------------------------------


def format_report(name: str, report: Report, indicators: bool = True) -> str:
    lines = [f"  {name}"]
    rows = [("value+unit", report.value_unit), ("+role", report.role),
            ("+indicator", report.indicator), ("+qualifier", report.qualifier)]
    for label, counts in rows if indicators else rows[:2] + rows[3:]:
        lines.append(f"    {label:<11} P={counts.precision:.3f} R={counts.recall:.3f} "
                     f"F1={counts.f1:.3f}  (tp={counts.tp} pred={counts.pred} gold={counts.gold})")
    lines.append(f"    negatives predicted: {report.negatives_hit}/{report.negatives}")
    return "\n".join(lines)


def main(data: Path = DATA, show_errors: bool = False) -> str:
    """Run every measurement and return the printable report."""
    predict = baokan_predictor()
    out = []
    for split in ("dev", "test", "all"):
        items = load(data, split)
        n_fig = sum(len(i["figures"]) for i in items)
        out.append(f"labelled set [{split}]: {len(items)} sentences, {n_fig} figures")
        ours = score(items, predict, with_errors=show_errors and split == "dev")
        out.append(format_report("baokan", ours))
        out.append(format_report("baseline regex (number + 元/万元/亿元/%)", score(items, baseline)))
        if show_errors and split == "dev":  # never list held-out errors: do not tune on them
            out += [f"      {e}" for e in ours.errors]
    news = news_items()
    if news is None:
        out.append("news sample: ../shared/corpora absent, skipped")
    else:
        out.append(f"held-out news text (random 新闻联播 sentences with digits, labelled by hand): "
                   f"{len(news)} sentences, {sum(len(i['figures']) for i in news)} figures")
        out.append(format_report("baokan", score(news, predict), indicators=False))
        out.append(format_report("baseline regex (number + 元/万元/亿元/%)", score(news, baseline),
                                 indicators=False))
    seed = seed_check(baokan_predictor({"city": "丽水市"}))
    if seed is None:
        out.append("seed: ../shared/seed absent, skipped")
    else:
        found = seed["expected"] - len(seed["missing"])
        out.append(f"seed: {found}/{seed['expected']} expected figures found; "
                   f"not_statistics predicted: {seed['negatives_hit'] or 'none'}; "
                   f"{seed['predicted']} rows in total")
        out += [f"  missing: {m}" for m in seed["missing"]]
        base = seed_check(baseline)
        if base is not None:
            out.append(f"seed baseline: {base['expected'] - len(base['missing'])}/"
                       f"{base['expected']} found")
    return "\n".join(out)
