"""Lists of names written without separators (…名单 委员:李鹏乔石李瑞环…, 丁关根刀爱民(傣族)…).

Name lists lose their spaces in many archives (PDF and OCR text, the SIGHAN / MSRA re-releases
of People's Daily); a tagger then reads 孙起孟雷洁琼 as 孙起 + 孟雷洁琼. Stretches of CJK
characters are cut at punctuation, brackets, prose characters (的, 和) and list roles (委员,
秘书长); stretches joined only by an annotation (女), (满族), spaces or 、 form a group. Each
stretch is split by dynamic programming into names and left-over characters:

- a Chinese name is a surname (surnames.txt, compound first) and one or two given-name
  characters, or two surnames and two given-name characters (范徐丽泰); a transliterated or
  minority name (帕巴拉·格列朗杰, 乌力吉) is two to five characters, or up to twelve with a
  name dot;
- each name scores how much more likely its characters are in names than in ordinary words
  (log-likelihood ratio from name_chars.tsv, minus a penalty for ordinary dictionary words);
  consecutive names with the same surname score a bonus (lists sorted by surname strokes:
  王占王克王涛王海); each left-over character costs SKIP_COST;
- the group is a list when at least MIN_NAMES of its names are Chinese and make two thirds
  of them, their mean score is at least MIN_MEAN_LLR, at most MAX_SKIPPED of the characters
  are left over and — when a model ran — the model's persons cover at least MIN_MODEL_SHARE
  of it. Names next to a left-over character are not emitted.

The names become anchored rule candidates (they override the models inside the group).
Measured in session 6 on the same model outputs: MSRA test 89.0 → 90.5 micro F1 (one
2,400-character list of the 1997 funeral committee and NPC presidium); People's Daily test
91.17 → 91.21, dev unchanged; in the 2025 news transcripts 70 names of 、-separated lists, all
correct.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp import common_words as slogan_words
from pipeline.nlp.entities import lexicons as lex
from pipeline.nlp.entities.rules import Candidate, Context

# when a stretch is a list
MIN_NAMES = 3  # Chinese names a stretch needs
MIN_MEAN_LLR = 6.0  # mean score of its names (log-likelihood ratio, name against ordinary words)
MAX_SKIPPED = 0.15  # share of its characters that no name may take
MIN_MODEL_SHARE = 0.5  # share of it the model's persons must cover, when a model ran
# the split
MIN_CHINESE_LLR = -2.0  # weakest Chinese name (surname + given name) considered
MIN_FOREIGN_LLR = 4.0  # weakest transliterated / minority name considered
FOREIGN_PRIOR = math.log(0.15)  # prior of a transliterated / minority name against a Chinese one
GIVEN_LENGTH_PRIOR = {1: math.log(0.3), 2: math.log(0.7)}
DOUBLE_SURNAME_PRIOR = math.log(0.02)  # 范徐丽泰: the husband's surname before her own
WORD_PENALTY = 5.0  # subtracted from a name that is an ordinary word (同志, 高远)
SAME_SURNAME_BONUS = 2.0  # a name with the previous name's surname (lists sorted by strokes)
SKIP_COST = -6.0  # a character that belongs to no name
MAX_UNDOTTED = 5  # longest transliterated name without a name dot
MAX_FOREIGN = 12  # longest with one
NAME_LIKE_LLR = -1.0  # known characters below this in every kind of name part count as prose
NAME_DOTS = "·•・"  # the dot inside transliterated and minority names, in its common forms
# stretches: CJK characters and name dots, cut at anything else and at CUT
MIN_PIECE = 6
PROSE_RUN, PROSE_SHARE = 8, 0.3  # a run this long with this share of not-name characters is prose
ANNOTATION = r"[(（](?:女|男|[\u4e00-\u9fff]{1,5}族|女[,，、][\u4e00-\u9fff]{1,5}族)[)）]"
NAME_SEPARATOR = r"(?:[ \t\u3000]+|、)"
RUN_OR_NOTE = re.compile(  # a stretch, or what joins names: (女), (满族), (女,壮族), spaces, 、
    rf"(?P<note>{ANNOTATION}{NAME_SEPARATOR}?|{NAME_SEPARATOR})"
    rf"|(?P<run>[\u4e00-\u9fff{NAME_DOTS}]+)")
PROSE_CHARS = "的了是在和与及或等就都也而着过地得"  # in no given or transliterated name
LIST_ROLES = ("主任委员", "副主任委员", "委员", "成员", "组长", "副组长", "主任", "副主任",
              "主席", "副主席", "秘书长", "副秘书长", "团长", "副团长", "召集人")
CUT = re.compile("|".join(sorted(LIST_ROLES, key=len, reverse=True)) + f"|[{PROSE_CHARS}]")
SCORE = 0.9


@dataclass(frozen=True)
class NameChars:
    """Log probabilities of a character in given names, in transliterated names, in text."""

    given: dict[str, float]
    foreign: dict[str, float]
    text: dict[str, float]
    unseen: tuple[float, float, float]
    surnames: dict[str, float]  # surname → log probability among surnames
    not_name: frozenset[str] = frozenset()  # known characters that hardly occur in names


@lru_cache(maxsize=1)
def name_chars() -> NameChars:
    """name_chars.tsv and surnames.txt as smoothed log probabilities."""
    rows = [(r[0], [int(x) for x in r[1:4]]) for r in lex.resource_rows("name_chars.tsv")]
    size = len(rows) + 1
    columns = []
    for column in range(3):
        total = sum(counts[column] for _, counts in rows) + 0.5 * size
        columns.append(({c: math.log((counts[column] + 0.5) / total) for c, counts in rows},
                        math.log(0.5 / total)))
    freq = {r[0]: int(r[1]) for r in lex.resource_rows("surnames.txt") if r[0] not in PROSE_CHARS}
    total = sum(freq.values())
    stats = NameChars(columns[0][0], columns[1][0], columns[2][0],
                      (columns[0][1], columns[1][1], columns[2][1]),
                      {s: math.log(f / total) for s, f in freq.items()})
    return dataclasses.replace(stats, not_name=_not_name(stats))


def _not_name(stats: NameChars) -> frozenset[str]:
    """Known characters less than NAME_LIKE_LLR as likely in a given name, a transliterated
    name or as a surname as in ordinary words (unknown, rare characters may be names)."""
    def best(c: str) -> float:
        return max(stats.given.get(c, stats.unseen[0]), stats.foreign.get(c, stats.unseen[1]),
                   stats.surnames.get(c, -math.inf)) - stats.text.get(c, stats.unseen[2])
    return frozenset(c for c in stats.text if best(c) < NAME_LIKE_LLR) - frozenset(NAME_DOTS)


@lru_cache(maxsize=1)
def _deletion_table(chars: frozenset[str]) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


def not_name_count(run: str, stats: NameChars) -> int:
    """How many characters of `run` hardly occur in names (counted in C by str.translate)."""
    return len(run) - len(run.translate(_deletion_table(stats.not_name)))


def is_candidate_run(run: str, stats: NameChars) -> bool:
    """Cheap test before the split: few enough prose characters (most groups of running
    text fail here)."""
    return not_name_count(run, stats) <= MAX_SKIPPED * len(run)


def _ratio(chars: str, table: dict[str, float], unseen: float, stats: NameChars) -> float:
    text_unseen = stats.unseen[2]
    return sum(table.get(c, unseen) - stats.text.get(c, text_unseen) for c in chars)


def chinese_name_llr(surname: str, given: str, stats: NameChars) -> float:
    """Surname + given name against the same characters as ordinary text."""
    surname_text = sum(stats.text.get(c, stats.unseen[2]) for c in surname)
    return (stats.surnames[surname] - surname_text + GIVEN_LENGTH_PRIOR[len(given)]
            + _ratio(given, stats.given, stats.unseen[0], stats))


def foreign_name_llr(name: str, stats: NameChars) -> float:
    """A transliterated or minority name against ordinary text (a name dot counts as a
    character of such names)."""
    plain = "".join("·" if c in NAME_DOTS else c for c in name)
    return FOREIGN_PRIOR + _ratio(plain, stats.foreign, stats.unseen[1], stats)


def _word_penalty(part: str) -> float:
    """Ordinary dictionary words (同志, 高远, 秘书长) are rarely the names in a list."""
    return WORD_PENALTY if slogan_words.load().get(part) == "w" else 0.0


def _double_surname_name(run: str, pos: int, stats: NameChars) -> list[tuple[int, str, float]]:
    """A married woman's name with her husband's surname first (范徐丽泰, 梁刘柔芬)."""
    first, second, given = run[pos:pos + 1], run[pos + 1:pos + 2], run[pos + 2:pos + 4]
    if len(given) < 2 or first not in stats.surnames or second not in stats.surnames \
            or any(c in NAME_DOTS for c in given):
        return []
    score = (chinese_name_llr(second, given, stats) + DOUBLE_SURNAME_PRIOR + stats.surnames[first]
             - stats.text.get(first, stats.unseen[2]))
    return [(pos + 4, first, score)] if score >= MIN_CHINESE_LLR else []


def _parts_at(run: str, pos: int, stats: NameChars) -> list[tuple[int, str, float]]:
    """(end, surname or "", score) of every name that can start at `pos`: Chinese names
    scoring at least MIN_CHINESE_LLR, transliterated ones at least MIN_FOREIGN_LLR (the more
    flexible reading needs the stronger evidence)."""
    parts = []
    for size in (1, 2):
        surname = run[pos:pos + size]
        if len(surname) < size or surname not in stats.surnames:
            continue
        for given in (1, 2):
            end = pos + size + given
            chunk = run[pos + size:end]
            if len(chunk) == given and not any(c in NAME_DOTS for c in chunk):
                score = chinese_name_llr(surname, chunk, stats) - _word_penalty(run[pos:end])
                if score >= MIN_CHINESE_LLR:
                    parts.append((end, surname, score))
    parts += _double_surname_name(run, pos, stats)
    if run[pos] in NAME_DOTS:
        return parts
    for end in range(pos + 2, min(len(run), pos + MAX_FOREIGN) + 1):
        name = run[pos:end]
        dots = sum(c in NAME_DOTS for c in name)
        if name[-1] in NAME_DOTS or (dots == 0 and len(name) > MAX_UNDOTTED):
            continue
        score = foreign_name_llr(name, stats) - _word_penalty(name)
        if score >= MIN_FOREIGN_LLR:
            parts.append((end, "", score))
    return parts


@dataclass
class Split:
    """A run split into names, with the characters no name took."""

    names: list[tuple[int, int, float, bool]]  # start, end, score, Chinese (has a surname)
    skipped: list[int]  # offsets of the characters no name took

    def sure_names(self) -> list[tuple[int, int]]:
        """(start, end) of the names not next to a left-over character (丁贵明为|稽察: a name
        that ends where the split gave up is the least certain one)."""
        left_over = set(self.skipped)
        return [(s, e) for s, e, _, _ in self.names if s - 1 not in left_over and e not in left_over]

    def is_list(self) -> bool:
        """Enough names, most of them Chinese, strong on average, covering the run (every
        character is in a name or left over)."""
        chinese = sum(1 for *_, has_surname in self.names if has_surname)
        mean = sum(score for _, _, score, _ in self.names) / max(1, len(self.names))
        length = sum(end - start for start, end, _, _ in self.names) + len(self.skipped)
        return (chinese >= MIN_NAMES and chinese * 3 >= len(self.names) * 2
                and mean >= MIN_MEAN_LLR and len(self.skipped) <= MAX_SKIPPED * length)


def split_names(run: str, stats: NameChars | None = None) -> Split:
    """Best split of `run` into names and skipped characters (dynamic programming over
    positions × the last name's surname)."""
    stats = stats or name_chars()
    # best[pos]: last surname → (total, previous pos, previous surname, part score or None)
    best: list[dict[str, tuple[float, int, str, float | None]]] = [{} for _ in range(len(run) + 1)]
    best[0][""] = (0.0, -1, "", None)

    def offer(end: int, surname: str, value: float, pos: int, last: str, score: float | None):
        if value > best[end].get(surname, (-math.inf,))[0]:
            best[end][surname] = (value, pos, last, score)

    for pos in range(len(run)):
        parts = _parts_at(run, pos, stats)
        for last, (total, *_rest) in list(best[pos].items()):
            offer(pos + 1, "", total + SKIP_COST, pos, last, None)
            for end, surname, score in parts:
                bonus = SAME_SURNAME_BONUS if surname and surname == last else 0.0
                offer(end, surname, total + score + bonus, pos, last, score)
    names, skipped, end = [], [], len(run)
    surname = max(best[end], key=lambda s: best[end][s][0])
    while end > 0:
        _, start, previous, score = best[end][surname]
        if score is None:
            skipped.append(start)
        else:
            names.append((start, end, score, bool(surname)))
        end, surname = start, previous
    return Split(names[::-1], skipped)


def _prose(run: str, stats: NameChars) -> bool:
    """A run between punctuation with too many characters of ordinary text to hold a list
    (most runs of an article end here)."""
    return len(run) >= PROSE_RUN and not_name_count(run, stats) > PROSE_SHARE * len(run)


def groups(text: str, stats: NameChars | None = None) -> list[list[tuple[int, int]]]:
    """Stretches of CJK characters and name dots, cut at everything else (punctuation,
    brackets, digits), at prose characters (的, 和) and at list roles (委员); stretches
    separated only by an annotation (女), (满族), (女,壮族), spaces or 、 form one group, the
    unit that is or is not a list. Runs of prose break groups; groups shorter than MIN_PIECE
    characters are left out."""
    stats = stats or name_chars()
    found: list[list[tuple[int, int]]] = []
    group: list[tuple[int, int]] = []
    last_end = -1
    for run in RUN_OR_NOTE.finditer(text):
        if run.lastgroup == "note":
            last_end = run.end() if run.start() == last_end else -1
            continue
        prose = _prose(run.group(), stats)
        if run.start() != last_end or prose:
            found.append(group)
            group = []
        if prose:
            last_end = -1
            continue
        start = run.start()
        for cut in CUT.finditer(text, run.start(), run.end()):
            if cut.start() > start:
                group.append((start, cut.start()))
            found.append(group)
            group, start = [], cut.end()
        if run.end() > start:
            group.append((start, run.end()))
        last_end = run.end()
    found.append(group)
    return [g for g in found if sum(e - s for s, e in g) >= MIN_PIECE]


def _model_agrees(ctx: Context, stretches: list[tuple[int, int]]) -> bool:
    """Without a model, or when the model's persons cover at least MIN_MODEL_SHARE of the
    group (a tagger sees names there, even if it cuts them wrongly)."""
    if not ctx.has_model:
        return True
    covered = sum(max(0, min(e, end) - max(s, start))
                  for start, end in stretches for s, e in ctx.model_per.items())
    return covered >= MIN_MODEL_SHARE * sum(end - start for start, end in stretches)


def name_list_candidates(ctx: Context) -> list[Candidate]:
    """PER candidates for the names of every group of stretches that reads as a list."""
    found, stats = [], name_chars()
    for group in groups(ctx.text, stats):
        if not is_candidate_run("".join(ctx.text[s:e] for s, e in group), stats):
            continue
        split = Split([], [])
        for start, end in group:
            part = split_names(ctx.text[start:end], stats)
            split.names += [(start + s, start + e, score, chinese) for s, e, score, chinese in part.names]
            split.skipped += [start + offset for offset in part.skipped]
        if split.is_list() and _model_agrees(ctx, group):
            found += [Candidate(s, e, "PER", "rule", SCORE, tier=0) for s, e in split.sure_names()]
    return found
