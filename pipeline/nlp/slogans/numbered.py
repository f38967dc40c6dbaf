"""Number-headed formulations outside quotes: 十五五, 三大攻坚战, 两个确立, 八纵八横, 三改一拆,
两不愁三保障, 五级书记抓乡村振兴.

Pure functions over the text and, when the tokenizer segments words, the tokens' character
spans: a formulation then starts and ends on word boundaries and takes the whole last word
(三大攻坚战, not 三大攻坚). Without word spans (a character-segmenting pipeline) the rules
that need them fall back to shorter, stricter patterns.

`pipeline/resources/predicate_words.txt` holds the verbs, adjectives, adverbs and set
phrases of HanLP's CoreNatureDictionary (Apache-2.0, hankcs/HanLP @ 78769d80): after N个 they
make a formulation (两个维护, 五个认同, 三个务必), where a noun makes a count (三个月, 五个村).
Rebuild with `python -m pipeline.nlp.slogans.numbered <CoreNatureDictionary.txt>`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from pipeline.nlp import common_words, resource_files
from pipeline.nlp.slogans.context import CN_DIGITS, MODIFIERS, SLOGAN_HEADS
from pipeline.paths import RESOURCES

PREDICATES_FILE = "predicate_words.txt"
IDIOMS_FILE = "idioms.txt"
RESOURCE_FILES = (PREDICATES_FILE, IDIOMS_FILE)  # saved with a pipeline by the component
PREDICATES_PATH = RESOURCES / PREDICATES_FILE  # where `python -m pipeline.nlp.slogans.numbered` writes
PREDICATE_TAGS = re.compile(r"^(?:v|a|d|i|l)")  # PKU-98: verbs, adjectives, adverbs, set phrases
VERB_TAGS = re.compile(r"^v")  # kept in the resource: verbs are "v", other predicates "p"
MIN_FREQ = 3
NOT_PREDICATES = frozenset({"多", "多少", "左右", "以上", "以下", "不等"})  # 两个多小时
HEADER = ("# Verbs, adjectives, adverbs and set phrases (PKU-98 tags v*, a*, d*, i, l) of 2-4 Han "
          "characters from HanLP CoreNatureDictionary (Apache-2.0, hankcs/HanLP @ 78769d80),\n"
          "# seen at least 3 times; word<TAB>v (a verb) or p (another predicate word). "
          "Used by pipeline/nlp/slogans/numbered.py.\n")

Span = tuple[int, int]
NUMERALS = "两三四五六七八九十"
# Characters that make a numeral a plain count or a measure: 三人一组, 五月一日, 两国两党.
MEASURES = frozenset("个人天年月日周次位名只条件元岁时分秒米里层楼号期批家户口股座张台辆架艘"
                     "项篇本届成倍国党方省市地世场种类套部支所栋幢片段道门轮遍回趟级组队班份笔"
                     "起例棵株头匹亩吨斤度点")
_FIVE_YEAR = re.compile("十[一二三四五六七八九]五")
_NUMBERED_HEADS = (
    "攻坚行动 专项行动 行动 战略任务 战略 任务 工程 计划 差距 目标 体系 机制 举措 改革 攻坚 "
    "平台 定位 使命 要求 理念 产业集群 倡议 奇迹 战役"
).split()
_BIG = re.compile(
    f"(?<![0-9{CN_DIGITS}第])[{NUMERALS}]大(?:[\u4e00-\u9fff]{{0,2}}?"
    f"(?:{'|'.join(sorted(_NUMBERED_HEADS, key=len, reverse=True))})"
    f"|[\u4e00-\u9fff]{{2}}产业(?!链))"
)
_COUNT = re.compile(f"(?<![0-9{CN_DIGITS}第几每这那])[{NUMERALS}]个")
_PAIRED = re.compile(f"(?<![0-9{CN_DIGITS}第几])[一{NUMERALS}双][\u4e00-\u9fff]{{1,2}}"
                     f"[一{NUMERALS}双][\u4e00-\u9fff]{{1,2}}")
_PAIRED_START = re.compile(f"(?=[一{NUMERALS}双][\u4e00-\u9fff]{{1,2}}[一{NUMERALS}双])")
_SECRETARIES = re.compile(f"(?<![0-9{CN_DIGITS}第])[{NUMERALS}]级书记(?:一起)?抓")
_HEAD_OR_MODIFIER = tuple(sorted(set(SLOGAN_HEADS + MODIFIERS), key=len, reverse=True))
_AFTER_OK = re.compile(r"^(?:$|[^\u4e00-\u9fff]|[的和与及等])")


@lru_cache(maxsize=1)
def predicates() -> dict[str, str]:
    """word → "v" (verb) or "p" (other predicate word); empty when the resource is absent."""
    if not resource_files.exists(PREDICATES_FILE):
        return {}
    words = {}
    for line in resource_files.text(PREDICATES_FILE).splitlines():
        if line and not line.startswith("#"):
            word, _, tag = line.partition("\t")
            words[word] = tag
    return words


def numbered_phrases(text: str, words: Sequence[Span] | None = None) -> list[Span]:
    """Number-headed formulations outside quotes as (start, end), possibly overlapping
    (the caller keeps the first of overlapping spans in its own order)."""
    bounds = _Bounds(words)
    spans = five_year_plans(text)
    spans += [bounds.whole_word(m.start(), m.end()) for m in _BIG.finditer(text)]
    spans += _counted(text, bounds)
    spans += _paired(text, bounds)
    spans += _secretaries(text, bounds)
    return spans


def five_year_plans(text: str) -> list[Span]:
    """Unquoted 十四五 / 十五五 mentions."""
    spans = []
    for match in _FIVE_YEAR.finditer(text):
        start = match.start()
        if start and text[start - 1] in CN_DIGITS + "第":
            continue
        spans.append((start, match.end()))
    return spans


class _Bounds:
    """Word boundaries of the text (every position when the tokenizer gave none)."""

    def __init__(self, words: Sequence[Span] | None):
        self.known = words is not None
        self.starts = {s for s, _ in words or ()}
        self.ends = {e for _, e in words or ()}
        self.word_at = dict(words or ())
        self.word_end = {p: e for s, e in words or () for p in range(s + 1, e)}

    def aligned(self, start: int, end: int) -> bool:
        return not self.known or (start in self.starts and end in self.ends)

    def whole_word(self, start: int, end: int) -> Span:
        """Extend `end` to the end of the word it falls inside: 三大攻坚|战 → 三大攻坚战."""
        return start, self.word_end.get(end, end)


def _counted(text: str, bounds: _Bounds) -> list[Span]:
    """N个 + verbs or adjectives: 两个维护, 两个毫不动摇, 五个进一步到位 (not 三个月, 三个主产区)."""
    spans = []
    for match in _COUNT.finditer(text):
        ends = _predicate_chain(text, match.end(), bounds)
        end = next((e for e in reversed(ends) if _boundary_after(text, e)), None)
        if end is not None:
            spans.append((match.start(), end))
    return spans


def _predicate_chain(text: str, pos: int, bounds: _Bounds) -> list[int]:
    """The ends of a run of up to three predicate words from `pos` (健康|先行), each ending
    on a word boundary."""
    words, ends = predicates(), []
    for _ in range(3):
        size = next((k for k in (4, 3, 2) if text[pos:pos + k] in words
                     and text[pos:pos + k] not in NOT_PREDICATES
                     and (not bounds.known or pos + k in bounds.ends)), 0)
        if not size:
            break
        pos += size
        ends.append(pos)
    return ends


def _boundary_after(text: str, end: int) -> bool:
    """A formulation ends the phrase or heads it: 两个确立的, 四个全面战略布局 (not 十个细分行业)."""
    after = text[end:end + 6]
    return bool(_AFTER_OK.match(after)) or after.startswith(_HEAD_OR_MODIFIER)


def _paired(text: str, bounds: _Bounds) -> list[Span]:
    """Two numbered parts: 八纵八横, 三改一拆, 六稳六保, 两不愁三保障, 一老一小. Parts of two
    characters need word boundaries; measures, idioms and dictionary words are skipped."""
    spans = []
    for candidate in _PAIRED_START.finditer(text):
        ends = _paired_ends(text, candidate.start(), bounds)
        if ends:
            spans.append((candidate.start(), ends[0]))
    return spans


def _paired_ends(text: str, start: int, bounds: _Bounds) -> list[int]:
    match = _PAIRED.match(text, start)
    if not match or (start and text[start - 1] in CN_DIGITS + "第几"):
        return []
    ends = []
    for first in (1, 2):
        second_at = start + 1 + first
        if second_at >= len(text) or text[second_at] not in "一" + NUMERALS + "双":
            continue
        for second in (2, 1):
            end = second_at + 1 + second
            if end <= match.end() and _good_pair(text, start, second_at, end, bounds):
                ends.append(end)
    return ends


def _good_pair(text: str, start: int, second_at: int, end: int, bounds: _Bounds) -> bool:
    """Parts are Han characters, not numerals or measures, and differ; the phrase is not a
    dictionary word or idiom. A part of two characters is a word (保障, 不愁) and the phrase
    ends on a word boundary; with parts of one character only the start must be one (the
    tokenizer may glue the last part to the next word: 八纵八横|高铁网, 三纵四|横路网)."""
    parts = (text[start + 1:second_at], text[second_at + 1:end])
    joined = "".join(parts)
    if MEASURES & set(joined) or parts[0] == parts[1]:
        return False
    if not re.fullmatch("[\u4e00-\u9fff]+", joined) or any(ch in CN_DIGITS for ch in joined):
        return False
    phrase = text[start:end]
    if phrase in common_words.load() or phrase in _idioms():
        return False
    if max(map(len, parts)) == 1:
        return not bounds.known or start in bounds.starts
    if not bounds.known:
        return False
    return all(len(p) == 1 or _known_word(p) for p in parts) and bounds.aligned(start, end)


def _known_word(part: str) -> bool:
    """A dictionary or predicate word, or a negated verb (不愁, 无废)."""
    return part in common_words.load() or part in predicates() or part[0] in "不无零"


def _secretaries(text: str, bounds: _Bounds) -> list[Span]:
    """五级书记抓乡村振兴: the task is the next word (or four characters without words)."""
    spans = []
    for match in _SECRETARIES.finditer(text):
        end = match.end()
        if bounds.known:
            end = bounds.word_at.get(end, end)
        else:
            run = re.match("[\u4e00-\u9fff]{1,4}", text[end:])
            end += len(run.group()) if run else 0
        if end > match.end():
            spans.append((match.start(), end))
    return spans


@lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    if not resource_files.exists(IDIOMS_FILE):
        return frozenset()
    lines = resource_files.text(IDIOMS_FILE).splitlines()
    return frozenset(line.strip() for line in lines if line and not line.startswith("#"))


def derive(lines: list[str], min_freq: int = MIN_FREQ) -> dict[str, str]:
    """word → "v" | "p" from CoreNatureDictionary lines (`word tag freq [tag freq …]`)."""
    words = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or not re.fullmatch("[\u4e00-\u9fff]{2,4}", parts[0]):
            continue
        tags, freqs = parts[1::2], parts[2::2]
        if not all(f.isdigit() for f in freqs) or sum(map(int, freqs)) < min_freq:
            continue
        top = tags[max(range(len(freqs)), key=lambda i: int(freqs[i]))]
        if PREDICATE_TAGS.match(top) and parts[0] not in NOT_PREDICATES:
            words[parts[0]] = "v" if VERB_TAGS.match(top) else "p"
    return words


def write(words: dict[str, str], path: Path = PREDICATES_PATH) -> None:
    """Write the resource file, sorted."""
    body = "".join(f"{w}\t{t}\n" for w, t in sorted(words.items()))
    path.write_text(HEADER + body, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    write(derive(Path(sys.argv[1]).read_text(encoding="utf-8-sig").splitlines()))
