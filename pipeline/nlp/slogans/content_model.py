"""Content model for quoted spans: does the TEXT inside the quotes look like a formulation?

A naive Bayes model over the content's characters, character bigrams and length, trained
without hand labels (`pipeline.train.slogans`): formulations (强城, 煤改气, 两个维护) versus
scare-quoted words and names (停摆, 米袋子, 太平洋号). Its log-odds is one more feature of
`slogans.classifier`. Artifact: models/slogans/content_nb.json (see MODEL_CARD.md there).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.paths import MODELS

MODEL_PATH = MODELS / "slogans" / "content_nb.json"


@dataclass(frozen=True)
class ContentModel:
    """Naive Bayes log-likelihood ratios of content features."""

    llr: dict[str, float]
    offset: float = 0.0  # raw score where the weak labels split (centres the score on 0)

    def raw(self, canon: str) -> float:
        """Sum of feature log-likelihood ratios, damped by the feature count."""
        feats = content_features(canon)
        if not feats:
            return 0.0
        return sum(self.llr.get(f, 0.0) for f in feats) / math.sqrt(len(feats))

    def score(self, canon: str) -> float:
        """Centred log-odds that this quote content is a formulation (0 = no opinion)."""
        return self.raw(canon) - self.offset


def content_features(canon: str) -> set[str]:
    """Characters, character bigrams with boundaries, and a length bucket."""
    bare = canon.replace("“", "").replace("”", "")
    if not bare:
        return set()
    padded = f"^{bare}$"
    feats = {f"c:{ch}" for ch in bare}
    feats |= {f"b:{padded[i:i + 2]}" for i in range(len(padded) - 1)}
    feats.add(f"len:{min(len(bare), 9)}")
    return feats


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> ContentModel | None:
    """The shipped content model, or None when it has not been trained."""
    if not path.exists():
        return None
    return loads(path.read_text(encoding="utf-8"))


def loads(text: str) -> ContentModel:
    """A content model from its JSON (as written by `dumps` or `baokan train slogans`)."""
    data = json.loads(text)
    return ContentModel(data["llr"], data.get("offset", 0.0))


def dumps(model: ContentModel) -> str:
    """The JSON of `model` (its log-likelihood ratios and offset)."""
    data = {"version": 1, "offset": model.offset, "llr": dict(sorted(model.llr.items()))}
    return json.dumps(data, ensure_ascii=False, indent=0)
