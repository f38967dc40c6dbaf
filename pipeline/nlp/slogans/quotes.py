"""Quote pairs in raw text and the canonical form of a formulation — pure functions.

Works on character offsets only. Quotes never cross a line break (paragraphs are
separated by "\\n" after normalization) and never run longer than `max_chars`, so an
unbalanced or runaway quote cannot swallow the rest of a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "\"": "\"", "〝": "〞"}
OPENERS = frozenset(PAIRS)
CLOSERS = {close: open_ for open_, close in PAIRS.items() if open_ != "\""}
MAX_DEPTH = 4

FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20
_QUOTE_STYLE = str.maketrans({"‘": "“", "’": "”", "「": "“", "」": "”", "『": "“", "』": "”",
                              "〝": "“", "〞": "”"})
_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "･": "·", "∙": "·", "●": "·"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Quote:
    """A balanced quote pair: `start` at the opening mark, `end` after the closing mark."""

    start: int
    end: int
    depth: int

    def content(self, text: str) -> str:
        """The text between the quote marks."""
        return text[self.start + 1 : self.end - 1]


def find_quotes(text: str, max_chars: int = 500) -> list[Quote]:
    """Every balanced quote pair in `text`, outer and nested, sorted by start offset."""
    found: list[Quote] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
        elif ch == "\"":
            _ascii_quote(stack, found, i, max_chars)
        elif ch in OPENERS:
            _push(stack, ch, i, max_chars)
        elif ch in CLOSERS:
            _close(stack, found, CLOSERS[ch], i, max_chars)
    return sorted(found, key=lambda q: (q.start, -q.end))


def _push(stack: list[tuple[str, int]], ch: str, i: int, max_chars: int) -> None:
    while stack and i - stack[0][1] > max_chars:
        stack.pop(0)
    if len(stack) >= MAX_DEPTH:
        stack.pop(0)
    stack.append((ch, i))


def _close(stack: list[tuple[str, int]], found: list[Quote], opener: str, i: int,
           max_chars: int) -> None:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][0] == opener:
            start = stack[k][1]
            del stack[k:]
            if i - start - 1 <= max_chars and i > start + 1:
                found.append(Quote(start, i + 1, k))
            return


def _ascii_quote(stack: list[tuple[str, int]], found: list[Quote], i: int, max_chars: int) -> None:
    if any(ch == "\"" for ch, _ in stack):
        _close(stack, found, "\"", i, max_chars)
    else:
        _push(stack, "\"", i, max_chars)


def unify(text: str) -> str:
    """Full-width forms → ASCII, every quote style → “”, dot variants → ·, spaces folded."""
    text = text.translate(FULLWIDTH).translate(_QUOTE_STYLE).translate(_DOTS)
    return _SPACES.sub(" ", text).strip()


def canonical(surface: str) -> str:
    """Canonical form of a formulation: outer quotes stripped, styles and widths unified."""
    text = unify(surface)
    if len(text) >= 2 and text[0] in "“\"" and text[-1] in "”\"":
        text = text[1:-1].strip()
    return text
