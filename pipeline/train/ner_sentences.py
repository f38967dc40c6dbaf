"""The unit of NER training and test data: a text with its character entity spans."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int, str]  # (start char, end char, label)


@dataclass
class Sentence:
    """One training or test unit: text plus character entity spans."""

    text: str
    spans: list[Span] = field(default_factory=list)


def halfwidth(text: str) -> str:
    """Map FULLWIDTH FORMS U+FF01–FF5E to ASCII (the pipeline's normalization)."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
