"""Measure the statistics component on the real-news sets of issue 21.

Two hand-labelled sets (README: `data/statistics_README.md`):
- `statistics_news2_labels.jsonl`: passages of the 新闻联播 2025 corpus, offsets and labels only;
- `statistics_local_labelled.jsonl`: county- and city-paper reports written by the team.

Per passage, a predicted figure matches a gold one when value (relative tolerance 1e-6) and base
unit agree, one-to-one, preferring a prediction whose span overlaps the gold span. Value+unit
gives P/R; role, qualifier, indicator and subject are accuracies over the matched figures
(indicator and subject only where the gold has one). An indicator is right when it equals one
of the gold alternatives (`a|b`) after dropping quotes, brackets and spaces: the whole noun
phrase, not containment. A subject is right when it names the same place or body (a final
省/市/县/区 may differ: 江苏 = 江苏省).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.normalize import to_halfwidth
from pipeline.paths import CORPORA, EVALUATION_DATA

NEWS2_LABELS = EVALUATION_DATA / "statistics_news2_labels.jsonl"
LOCAL_LABELS = EVALUATION_DATA / "statistics_local_labelled.jsonl"
CCTV_FILE = "xinwenlianbo_2025/xinwenlianbo_2025-10_2025-12.jsonl"

Figure = dict
MetaPredictor = Callable[[str, dict], list[Figure]]


@dataclass
class Accuracy:
    """Right answers among the matched figures that the criterion applies to."""

    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok


@dataclass
class RealReport:
    """Scores of one system on one real-news set."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    role: Accuracy = field(default_factory=Accuracy)
    qualifier: Accuracy = field(default_factory=Accuracy)
    indicator: Accuracy = field(default_factory=Accuracy)
    subject: Accuracy = field(default_factory=Accuracy)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0


# --- loading -------------------------------------------------------------------------------


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def news_items(split: str = "all", labels: Path = NEWS2_LABELS,
               corpora: Path = CORPORA) -> list[dict] | None:
    """新闻联播 passages with their figures (offsets made relative), or None without the corpus."""
    source = corpora / CCTV_FILE
    if not source.exists() or not labels.exists():
        return None
    content = {r["id"]: r["content"] for r in _jsonl(source)}
    items = []
    for label in _jsonl(labels):
        if split != "all" and label["split"] != split:
            continue
        start = label["start"]
        figures = [dict(f, start=f["start"] - start, end=f["end"] - start) for f in label["figures"]]
        items.append({"id": label["id"], "text": content[label["id"]][start: label["end"]],
                      "meta": {"date": date.fromisoformat(label["date"])}, "figures": figures,
                      "split": label["split"]})
    return items


def local_items(split: str = "all", labels: Path = LOCAL_LABELS) -> list[dict]:
    """Team-written county-paper passages. Only the date goes to the pipeline: the place is
    inferred from the text as in a run (`meta` city/county are the truth, kept for reading)."""
    items = []
    for item in _jsonl(labels):
        if split == "all" or item["split"] == split:
            meta = {"date": date.fromisoformat(item["meta"]["date"])}
            items.append(dict(item, meta=meta, place=item["meta"]))
    return items


# --- comparing -------------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    return re.sub(r"[“”\"‘’《》()（）\s·]", "", text or "")


def indicator_right(gold: str, pred: str | None) -> bool:
    """The predicted indicator is one of the gold alternatives, whole."""
    return _norm(pred) in {_norm(g) for g in gold.split("|")}


_PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|省|市|县|区|旗)$")


def _place(text: str | None) -> str:
    name = _norm(text)
    shorter = _PLACE_SUFFIX.sub("", name)
    return shorter if len(shorter) >= 2 else name


def subject_right(gold: str, pred: str | None) -> bool:
    """The predicted subject names one of the gold places or bodies."""
    return bool(pred) and _place(pred) in {_place(g) for g in gold.split("|")}


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _match(gold: Figure, pred: list[Figure], used: set[int]) -> int | None:
    candidates = [i for i, p in enumerate(pred) if i not in used
                  and _same(gold["value"], p["value"]) and gold["unit"] == p["unit"]]
    overlapping = [i for i in candidates
                   if p_overlaps(pred[i], gold.get("start"), gold.get("end"))]
    return (overlapping or candidates or [None])[0]


def p_overlaps(pred: Figure, start: int | None, end: int | None) -> bool:
    return start is not None and pred.get("start", -1) < end and start < pred.get("end", -1)


# --- scoring ---------------------------------------------------------------------------------


def score(items: Iterable[dict], predict: MetaPredictor, with_errors: bool = False) -> RealReport:
    """Score `predict(text, meta)` on every item."""
    report = RealReport()
    for item in items:
        pred = predict(to_halfwidth(item["text"]), item["meta"])
        _score_item(report, item, pred, with_errors)
    return report


def _score_item(report: RealReport, item: dict, pred: list[Figure], with_errors: bool) -> None:
    report.pred += len(pred)
    report.gold += len(item["figures"])
    used: set[int] = set()
    note = _noter(report, item, with_errors)
    for gold in item["figures"]:
        i = _match(gold, pred, used)
        if i is None:
            note("MISS", gold, None)
            continue
        used.add(i)
        report.tp += 1
        _score_pair(report, gold, pred[i], note)
    for i, p in enumerate(pred):
        if i not in used:
            note("FP", None, p)


def _score_pair(report: RealReport, gold: Figure, pred: Figure, note) -> None:
    report.role.add(gold["role"] == pred["role"])
    if gold["role"] != pred["role"]:
        note("ROLE", gold, pred)
    report.qualifier.add(gold["qualifier"] == pred.get("qualifier"))
    if gold.get("indicator"):
        ok = indicator_right(gold["indicator"], pred.get("indicator"))
        report.indicator.add(ok)
        if not ok:
            note("IND", gold, pred)
    if gold.get("subject"):
        ok = subject_right(gold["subject"], pred.get("subject"))
        report.subject.add(ok)
        if not ok:
            note("SUBJ", gold, pred)


def _noter(report: RealReport, item: dict, with_errors: bool):
    def note(kind: str, gold: Figure | None, pred: Figure | None) -> None:
        if not with_errors:
            return
        where = gold or pred or {}
        text = item["text"]
        s, e = where.get("start", 0), where.get("end", 0)
        context = text[max(0, s - 25): s] + "[" + text[s:e] + "]" + text[e: e + 8]
        g = f"gold={gold['role']}/{gold.get('indicator')}/{gold.get('subject')}" if gold else ""
        p = (f"pred={pred['value']:g}{pred['unit'] or ''}/{pred['role']}/{pred.get('indicator')}/"
             f"{pred.get('subject')}") if pred else ""
        report.errors.append(f"{kind:<4} {item['id']} {g} {p} | {context}".replace("\n", "⏎"))
    return note


# --- systems and command ---------------------------------------------------------------------


BASELINE_PATTERN = re.compile(r"(\d+(?:\.\d+)?)(万元|亿元|元|%)")
BASELINE_SCALE = {"元": (1, "元"), "万元": (10**4, "元"), "亿元": (10**8, "元"), "%": (1, "%")}


def baseline(text: str, meta: dict) -> list[Figure]:
    """The naive regex (an Arabic number followed by 元/万元/亿元/%), with offsets."""
    out = []
    for m in BASELINE_PATTERN.finditer(text):
        scale, unit = BASELINE_SCALE[m.group(2)]
        out.append({"value": float(m.group(1)) * scale, "unit": unit, "role": "level",
                    "qualifier": "exact", "indicator": None, "subject": None,
                    "start": m.start(), "end": m.end()})
    return out


def baokan_meta_predictor() -> Callable[[str, dict], list[Figure]]:
    """The full Baokan pipeline (`doc.spans["statistics"]`), with the article context (`doc._.meta`) given per text."""
    from pipeline.nlp import language
    from pipeline.nlp.statistics import component as stats

    nlp = language.nlp()
    if "baokan_statistics" not in nlp.pipe_names:
        nlp = language.build()
        stats.add_to(nlp)

    def predict(text: str, meta: dict) -> list[Figure]:
        doc = nlp.make_doc(text)
        doc._.meta = dict(meta)
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
        return [dict(span._.statistic) for span in doc.spans.get(stats.SPAN_KEY, [])]

    return predict


def format_report(name: str, r: RealReport) -> str:
    return (f"    {name:<9} value+unit P={r.precision:.3f} R={r.recall:.3f} "
            f"(tp={r.tp} pred={r.pred} gold={r.gold})  role={r.role.rate:.3f} "
            f"indicator={r.indicator.rate:.3f} ({r.indicator.right}/{r.indicator.total}) "
            f"subject={r.subject.rate:.3f} ({r.subject.right}/{r.subject.total}) "
            f"qualifier={r.qualifier.rate:.3f}")


def report_lines(show_errors: bool = False) -> list[str]:
    """Printable lines for both sets, dev and test (errors of the dev splits only)."""
    predict = baokan_meta_predictor()
    out = ["real news of issue 21 (role, indicator, subject, qualifier: accuracy on matched figures)"]
    sets = [("新闻联播 2025 passages", news_items), ("county-paper reports", local_items)]
    for split in ("dev", "test"):
        both: list[dict] = []
        for name, loader in sets:
            items = loader(split)
            if items is None:
                out.append(f"  {name} [{split}]: ../shared/corpora absent, skipped")
                continue
            both += items
            out += _set_lines(f"{name} [{split}]", items, predict, show_errors and split == "dev")
        out += _set_lines(f"both [{split}]", both, predict, False)
    return out


def _set_lines(title: str, items: list[dict], predict: MetaPredictor, errors: bool) -> list[str]:
    ours = score(items, predict, with_errors=errors)
    lines = [f"  {title}: {len(items)} passages, {sum(len(i['figures']) for i in items)} figures",
             format_report("baokan", ours), format_report("baseline", score(items, baseline))]
    return lines + [f"      {e}" for e in ours.errors]
