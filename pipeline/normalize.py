"""Offset-safe text normalization. Its output is `documents.text`, the text every offset
in every table refers to.

- full-width ASCII forms (U+FF01–FF5E) → ASCII, ideographic space → space;
- control and zero-width characters removed, every line break style → "\\n";
- whitespace runs folded to one space, lines trimmed, blank lines dropped (paragraphs are
  separated by a single "\\n");
- paragraphs re-joined where the page layout broke a sentence in two.
"""

from __future__ import annotations

import re
import unicodedata

FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULLWIDTH[0x3000] = 0x20
WIDEN = {code - 0xFEE0: code for code in range(0xFF01, 0xFF5F)}
DELETE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD], None)
LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85")
SPACES = re.compile(r"[^\S\n]+")
# A broken line ends inside a sentence: on a Han character or a comma-like mark …
OPEN_END = re.compile(r"[\u4e00-\u9fff,、]$")
# … and the next one goes on with a Han character, a digit or a lowercase letter.
CONTINUES = re.compile(r"^[\u4e00-\u9fff0-9a-z]")
NOT_CONTINUATION = re.compile(r"^(本报讯|本报记者|本报通讯员|记者|通讯员|首席记者|特约记者|图为|新华社|——)")
MIN_BROKEN_LINE = 40


def to_halfwidth(text: str) -> str:
    """FULLWIDTH FORMS U+FF01–FF5E → ASCII, ideographic space → space (length-preserving)."""
    return text.translate(FULLWIDTH)


def to_fullwidth(text: str) -> str:
    """ASCII U+0021–007E → FULLWIDTH FORMS (the form pkuseg's features expect)."""
    return text.translate(WIDEN)


def normalize(text: str) -> str:
    """Normalize raw decoded text for Chinese newspaper processing."""
    text = LINE_BREAKS.sub("\n", text)
    text = to_halfwidth(text).translate(DELETE)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(rejoin_broken_paragraphs([line for line in lines if line]))


def rejoin_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join a paragraph with the next when a layout break cut a sentence in two (linear:
    the pieces of a joined paragraph are concatenated once, at the end)."""
    groups: list[list[str]] = []
    lengths: list[int] = []
    for paragraph in paragraphs:
        if groups and _is_broken(lengths[-1], groups[-1][-1], paragraph):
            groups[-1].append(paragraph)
            lengths[-1] += len(paragraph)
        else:
            groups.append([paragraph])
            lengths.append(len(paragraph))
    return ["".join(group) for group in groups]


def _is_broken(length: int, last_piece: str, paragraph: str) -> bool:
    """Does a paragraph of `length` characters ending with `last_piece` go on in `paragraph`?"""
    return (
        length >= MIN_BROKEN_LINE
        and bool(OPEN_END.search(last_piece[-1:]))
        and bool(CONTINUES.match(paragraph))
        and not NOT_CONTINUATION.match(paragraph)
    )
