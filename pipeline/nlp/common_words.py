"""Dictionary words, to tell a scare-quoted ordinary word (“停摆”, “一把手”) from a coined
formulation (“强城”, “跨山统筹”), which is almost never a dictionary entry.

`pipeline/resources/common_words.tsv` is derived from HanLP's CoreNatureDictionary
(Apache-2.0, hankcs/HanLP @ 78769d80, data/dictionary/CoreNatureDictionary.txt): Han words
of 2–5 characters seen at least `MIN_FREQ` times, tagged `w` (ordinary word) or `name`
(person, place or organisation name), plus the idioms (tag `i`) of HanLP's supplementary
lexicon `custom/现代汉语补充词库.txt` (same licence and commit) as `w`: a quoted idiom
(“一池春水”) is rhetoric, not a formulation. Rebuild with
`python -m pipeline.nlp.slogan_words <CoreNatureDictionary.txt> [<现代汉语补充词库.txt>]`.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from pipeline.nlp import resource_files
from pipeline.paths import RESOURCES

WORDS_FILE = "common_words.tsv"
WORDS_PATH = RESOURCES / WORDS_FILE  # where `python -m pipeline.nlp.common_words` writes
MIN_FREQ = 5
NAME_TAGS = frozenset({"nr", "nrf", "nrj", "ns", "nsf", "nt"})
SKIP_TAGS = frozenset({"m", "mq", "q", "t", "w"})
HAN = re.compile(r"[\u4e00-\u9fff]{2,5}")
HEADER = ("# Derived from HanLP CoreNatureDictionary + the idioms of 现代汉语补充词库 "
          "(Apache-2.0, hankcs/HanLP @ 78769d80).\n"
          "# word<TAB>tag (w = ordinary word, name = person/place/organisation name)\n")


@lru_cache(maxsize=1)
def load(path: Path | None = None) -> dict[str, str]:
    """word → tag ("w" or "name") of `path` (default: the resource file common_words.tsv);
    empty when the file is absent."""
    if path is None:
        if not resource_files.exists(WORDS_FILE):
            return {}
        content = resource_files.text(WORDS_FILE)
    elif not path.exists():
        return {}
    else:
        content = path.read_text(encoding="utf-8")
    words = {}
    for line in content.splitlines():
        if line and not line.startswith("#"):
            word, _, tag = line.partition("\t")
            words[word] = tag or "w"
    return words


def derive(lines: list[str], min_freq: int = MIN_FREQ) -> dict[str, str]:
    """word → tag from CoreNatureDictionary lines (`word tag freq [tag freq …]`)."""
    words = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or not HAN.fullmatch(parts[0]):
            continue
        tags, freqs = parts[1::2], parts[2::2]
        if not all(f.isdigit() for f in freqs) or sum(map(int, freqs)) < min_freq:
            continue
        if tags[0] in SKIP_TAGS:
            continue
        words[parts[0]] = "name" if tags[0] in NAME_TAGS else "w"
    return words


def idioms(lines: list[str]) -> dict[str, str]:
    """word → "w" for the idioms (tag i) of a `word tag freq` lexicon."""
    words = {}
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[1] == "i" and HAN.fullmatch(parts[0]):
            words[parts[0]] = "w"
    return words


def write(words: dict[str, str], path: Path = WORDS_PATH) -> None:
    """Write the resource file, sorted."""
    body = "".join(f"{w}\t{t}\n" for w, t in sorted(words.items()))
    path.write_text(HEADER + body, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    derived = derive(Path(sys.argv[1]).read_text(encoding="utf-8").splitlines())
    if len(sys.argv) > 2:
        extra = idioms(Path(sys.argv[2]).read_text(encoding="utf-8").splitlines())
        derived = {**extra, **derived}
    write(derived)
