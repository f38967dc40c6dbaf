"""Rule and gazetteer entity candidates on article text (no spaCy objects here).

Gazetteer: administrative divisions (full names anywhere; short aliases of provinces and
prefectures anywhere, of counties and townships only inside the article's city), plus
named regions. Organs: level + core (市委, 县纪委, 丽水市发改委), standalone names
(党中央), place + modifier + institution suffix (丽水职业技术学院, 遂昌县实验小学), organ +
temporary group (省委学习教育第二督导组). Names: surname + given name after a title
(市委书记吴舜泽, 记者 刘烨煌, 通讯员 张可 郑丹).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import jieba

from pipeline.nlp.entities import char_features
from pipeline.nlp.entities import lexicons as lex

CJK = re.compile(r"[\u4e00-\u9fff]")
JIEBA_RUN = jieba.re_han_default  # the character runs jieba segments (others: one per word)
NUMERAL = "一二三四五六七八九十百零〇0123456789"
SEPARATORS = " \u3000、,，"
TOPONYM_SUFFIXES = frozenset("口湾岛港洲渡")
POST_TITLES = ("总书记", "同志", "主席", "总理", "委员长")
COMMON_WORD_FREQ = 2000  # jieba dictionary frequency above which a bigram is not a name
NAME_WORD_FREQ = 20  # an undelimited name after a title that starts with such a word needs the model
# Surnames that are far more often an adverb, verb or adjective right after a title (曾多次,
# 高度, 谈到): an undelimited name with one is taken only when the model tagged it.
ADVERB_SURNAMES = frozenset("曾谈高常全原时单向多")
TOWNSHIP_WORD_FREQ = 300  # a township's short name this frequent as a word is not the place
TRUSTED_SURNAME_FREQUENCY = 100  # undelimited names the model did not tag need a common surname


@dataclass
class Candidate:
    """An entity candidate with character offsets into the article text."""

    start: int
    end: int
    label: str
    source: str  # model | rule | gazetteer
    score: float
    canonical: str | None = None
    tier: int = 1  # 0 = anchored rules that override overlapping candidates


@dataclass
class Role:
    """A title + name pattern."""

    person: str
    title: str
    organization: str | None
    start: int
    end: int


class WordBoundaries:
    """Offsets where jieba's dictionary segmentation (no HMM) of `text` puts a word boundary.

    Same answers as the offsets of `char_features.words(text)`, but lazy: jieba cuts each
    run of its "han" characters on its own and every other character is a word (except a
    CR LF pair), so only the runs the rules ask about are segmented.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._runs = [(m.start(), m.end()) for m in JIEBA_RUN.finditer(text)]
        self._run_starts = [start for start, _ in self._runs]
        self._cut: dict[int, frozenset[int]] = {}

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int) or not 0 <= offset <= len(self.text):
            return False
        if offset in (0, len(self.text)):
            return True
        i = bisect.bisect_right(self._run_starts, offset - 1) - 1
        if i >= 0 and offset < self._runs[i][1]:  # inside a run: ask jieba
            return offset in self._run_boundaries(*self._runs[i])
        return self.text[offset - 1 : offset + 1] != "\r\n"

    def _run_boundaries(self, start: int, end: int) -> frozenset[int]:
        if start not in self._cut:
            offsets, offset = set(), start
            for word in char_features.words(self.text[start:end]):
                offset += len(word)
                offsets.add(offset)
            self._cut[start] = frozenset(offsets)
        return self._cut[start]


@dataclass
class Context:
    """What the rules know about the article."""

    text: str
    boundaries: Container[int]  # word boundaries (a WordBoundaries, or a set in tests)
    city: str | None = None
    province: str | None = None
    model_per: dict[int, int] = field(default_factory=dict)  # start → end of model PER spans
    model_covered: set[int] = field(default_factory=set)  # offsets inside model entities
    has_model: bool = False
    model_orgs: list[Candidate] = field(default_factory=list)  # model ORG spans (for roles)
    model_spans: list[Candidate] = field(default_factory=list)  # every model span (祁连山 + 国家公园)
    county: str | None = None  # the article's county or district, when one dominates


def is_cjk(char: str) -> bool:
    return bool(CJK.match(char))


@lru_cache(maxsize=1)
def _place_surfaces() -> frozenset[str]:
    """Division surfaces (full names and aliases) and region names, all of 2+ characters."""
    return frozenset([*lex.divisions_by_surface(), *lex.regions()])


@lru_cache(maxsize=1)
def _surface_lengths() -> dict[str, tuple[int, ...]]:
    """First two characters → lengths of the surfaces starting with them, longest first."""
    lengths: dict[str, set[int]] = {}
    for surface in _place_surfaces():
        lengths.setdefault(surface[:2], set()).add(len(surface))
    return {prefix: tuple(sorted(v, reverse=True)) for prefix, v in lengths.items()}


HEAD_LEVELS = frozenset("省市县区镇乡")  # X长 after these is a head's title (县长, 市长)


@lru_cache(maxsize=8)
def place_matches(text: str, every: bool = False) -> tuple[tuple[int, int, str], ...]:
    """Left-to-right longest matches of division surfaces and regions: (start, end, surface).
    With `every`, the longest match at each position, overlapping ones included (和合|肥: the
    caller filters, then resolves overlaps, so a rejected 和合 does not hide 合肥)."""
    surfaces = _place_surfaces()
    lengths_at = _surface_lengths().get
    out = []
    i, last = 0, len(text) - 1
    while i < last:  # one dictionary lookup per position: most bigrams start no place
        for length in lengths_at(text[i : i + 2], ()):
            surface = text[i : i + length]
            if length == 2 and text[i + 2 : i + 3] == "长" and surface[1] in HEAD_LEVELS:
                continue  # 代县长, 和县长: a character before 县长, not 代县 or 和县
            if len(surface) == length and surface in surfaces:
                out.append((i, i + length, surface))
                if not every:
                    i += length - 1
                break
        i += 1
    return tuple(out)


def _left_to_right(places: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping places, the first (then longest) at each point."""
    out, end = [], -1
    for place in sorted(places, key=lambda p: (p[0], -(p[1] - p[0]))):
        if place[0] >= end:
            out.append(place)
            end = place[1]
    return out


def _division_mentions(text: str,
                       names_of: Callable[[str, Iterable[lex.Division]], set[str]]) -> Counter:
    """Mentions per division: each place match counts for the one name `names_of(surface,
    divisions)` returns, and for none when it returns several (an ambiguous alias)."""
    counts: Counter = Counter()
    for _, _, surface in place_matches(text):
        names = names_of(surface, lex.divisions_by_surface().get(surface, ()))
        if len(names) == 1:
            counts[names.pop()] += 1
    return counts


def infer_city(text: str) -> str | None:
    """Most frequently mentioned prefecture-level city (full name or alias), if any."""
    def cities(surface: str, options) -> set[str]:
        prefectures = {d.name for d in options if d.level == 1}
        # a full county name also tells the city (莲都区 → 丽水市)
        return prefectures or {d.prefecture for d in options
                               if d.level == 2 and d.name == surface}

    counts = _division_mentions(text, cities)
    return counts.most_common(1)[0][0] if counts else None


def infer_county(text: str, city: str | None) -> str | None:
    """The county-level division (in `city` when known) mentioned at least twice as often
    as any other, by full name or alias; None when the article names several alike."""
    ranked = _division_mentions(text, lambda surface, options: {
        d.name for d in options if d.level == 2 and (city is None or d.prefecture == city)
    }).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def province_of(city: str | None) -> str | None:
    """The province a prefecture-level city belongs to."""
    for division in lex.divisions_by_surface().get(city or "", ()):
        if division.level == 1:
            return division.province
    return None


def resolve_place(surface: str, ctx: Context) -> lex.Division | None:
    """The division a surface refers to in this article, or None if not usable."""
    options = lex.divisions_by_surface().get(surface, ())
    full = [d for d in options if d.name == surface]
    local = [d for d in options if ctx.city and d.prefecture == ctx.city]
    if local:
        return min(local, key=lambda d: d.level)
    if full:
        return min(full, key=lambda d: d.level)
    alias = [d for d in options if d.level <= 1]
    return min(alias, key=lambda d: d.level) if alias else None


# A full name whose last character starts a word with the next one stands for its alias:
# 义乌市场 (义乌 + 市场), 义乌市民, 勐海县城.
ALIAS_BEFORE = frozenset({"市场", "市民", "县城", "市区", "县域", "市域"})


def usable_places(ctx: Context) -> list[tuple[int, int, str]]:
    """Place matches that count in this article: (start, end, canonical name)."""
    out = []
    generic = lex.organs().loc_suffixes + lex.organs().suffixes
    for start, end, surface in place_matches(ctx.text, every=True):
        if surface in lex.regions():
            out.append((start, end, surface))
            continue
        division = resolve_place(surface, ctx)
        if division is None:
            continue
        if division.level == 3 and (start not in ctx.boundaries or end not in ctx.boundaries):
            continue
        if surface == division.name and ctx.text[end - 1:end + 1] in ALIAS_BEFORE and division.alias:
            out.append((start, start + len(division.alias), division.name))  # 义乌|市场, 勐海|县城
            continue
        if division.level == 3 and division.prefecture != ctx.city and dictionary_word(surface):
            continue  # 小城镇, 老城区: townships elsewhere whose full name is also a word
        if division.name != surface:  # alias
            if surface.endswith(generic):
                continue
            if division.level >= 2 and division.prefecture != ctx.city:
                continue
            if division.level >= 2 and _common_word(surface):  # 建设(镇)
                continue
            if division.level == 3 and dictionary_word(surface, TOWNSHIP_WORD_FREQ):
                continue  # 航天(镇), 光明(街道), 新华(街道): words before they are townships
            if division.level <= 1 and not (start in ctx.boundaries or end in ctx.boundaries):
                continue
            if division.level <= 1 and dictionary_word(surface) and not (
                    start in ctx.boundaries and end in ctx.boundaries):
                continue  # 长治 in 长治久安
        out.append((start, end, division.name))
    return _left_to_right(out)


def gazetteer_candidates(ctx: Context, places: list[tuple[int, int, str]]) -> list[Candidate]:
    """LOC candidates from usable division and region matches."""
    return [Candidate(start, end, "LOC", "gazetteer",
                      0.95 if ctx.text[start:end] == name else 0.85, name)
            for start, end, name in places]


@lru_cache(maxsize=1)
def _organ_regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    organs = lex.organs()

    def alt(items) -> str:
        return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True))

    core = re.compile(f"([{''.join(organs.levels)}])({alt(organs.cores)})")
    standalone = re.compile(alt(organs.standalone))
    suffix = re.compile(alt(organs.suffixes))
    group = re.compile(f"(?:第[{NUMERAL}]+)?(?:{alt(organs.groups)})")
    loc_suffix = re.compile(alt(organs.loc_suffixes))
    return core, standalone, suffix, group, loc_suffix


def _place_ending_at(places: dict[int, list[tuple[int, str]]], end: int) -> tuple[int, str] | None:
    found = places.get(end)
    return max(found, key=lambda p: end - p[0]) if found else None


def _outer_start(places: dict[int, list[tuple[int, str]]], start: int) -> int:
    """Extend a place leftwards over directly preceding places (陕西省 + 铜川市)."""
    while (outer := _place_ending_at(places, start)) is not None:
        start = outer[0]
    return start


def organ_candidates(ctx: Context, places: list[tuple[int, int, str]]) -> list[Candidate]:
    """ORG candidates: organs, standalone names, place + suffix institutions, groups."""
    core_re, standalone_re, suffix_re, group_re, _ = _organ_regexes()
    ends: dict[int, list[tuple[int, str]]] = {}
    for start, end, surface in places:
        ends.setdefault(end, []).append((start, surface))
    standalone = lex.organs().standalone
    out = [Candidate(m.start(), m.end(), "ORG", "rule", 0.95, standalone[m.group()])
           for m in standalone_re.finditer(ctx.text)
           if m.start() in ctx.boundaries and (m.end() in ctx.boundaries or len(m.group()) >= 4)]
    out += [c for m in core_re.finditer(ctx.text) if (c := _core_organ(m, ctx, ends))]
    out += [c for m in suffix_re.finditer(ctx.text) if (c := _suffix_org(m, ctx, ends))]
    out += [c for m in VILLAGE_ORGAN.finditer(ctx.text) if (c := _village_organ(m, ctx, ends))]
    out += [c for m in group_re.finditer(ctx.text) if (c := _group_org(m, ctx, out))]
    return out


def _model_place_name(ctx: Context, begin: int, end: int) -> bool:
    """A model entity starts at `begin` and covers `begin`..`end` (+ 村)."""
    return (begin >= 0 and (begin - 1) not in ctx.model_covered
            and all(i in ctx.model_covered for i in range(begin, end + 1))
            and all(is_cjk(c) and c not in lex.FUNCTION_CHARS for c in ctx.text[begin:end]))


VILLAGE_ORGAN = re.compile("(?:村|社区)(?:党支部|党总支|党委|村民委员会|村委会|居民委员会|居委会"
                           "|股份经济合作社|经济合作社)")


def _village_organ(match: re.Match, ctx: Context, ends) -> Candidate | None:
    """A village's or community's organ (余村党支部, 下姜村村委会): the name before 村 is what
    follows a township (天荒坪镇余村), else what a model took for the start of an entity
    there (农村党支部, 该村村委会 have no name); canonical with the township when there is one."""
    start = match.start()
    township, name_start = None, None
    for gap in (1, 2, 3):
        if (place := _place_ending_at(ends, start - gap)) is not None:
            township, name_start = place, start - gap
            break
    if township is None:
        name_start = next((start - n for n in (3, 2, 1) if _model_place_name(ctx, start - n, start)),
                          None)
    if name_start is None:
        return None
    organ = ctx.text[name_start:match.end()]
    canonical = (township[1] if township else "") + organ
    return Candidate(name_start, match.end(), "ORG", "rule", 0.85, canonical)


def _core_organ(match: re.Match, ctx: Context, ends) -> Candidate | None:
    """市委 / 丽水市委 / 中共丽水市委 with canonical form."""
    level, core = match.group(1), match.group(2)
    start, end = match.start(), match.end()
    template = lex.organs().cores[core]
    place = _place_ending_at(ends, start + 1)
    if place is None and (before := _place_ending_at(ends, start)) is not None \
            and before[1].endswith(level):
        place = before  # 黟县 + 县委: the place written in full before the level character
    if place is not None:
        division = resolve_place(place[1], ctx)
        full = division.name if division else place[1]
        start = place[0]
        canonical = template.format(place=full) if full.endswith(level) else None
        start = _outer_start(ends, start)
    else:
        if start not in ctx.boundaries and start > 0 and is_cjk(ctx.text[start - 1]):
            return None
        canonical = _level_canonical(level, template, ctx)
    if ctx.text[max(0, start - 2) : start] == "中共":
        start -= 2
    return Candidate(start, end, "ORG", "rule", 0.9, canonical or ctx.text[start:end])


def _level_canonical(level: str, template: str, ctx: Context) -> str | None:
    place = {"市": ctx.city, "省": ctx.province, "县": ctx.county, "区": ctx.county}.get(level)
    if place and place.endswith(level):
        return template.format(place=place)
    return None


COMPANY_SUFFIXES = ("公司", "集团", "合作社", "合作联社")
COMPANY_MODIFIER = 12  # characters of a company's own name between its place and its suffix


def _suffix_org(match: re.Match, ctx: Context, ends) -> Candidate | None:
    """Place + short modifier + institution suffix (丽水职业技术学院); a company or cooperative
    may have a longer name (大同云冈新能源装备有限公司, 文昌市龙楼镇宝陵村椰子种植专业合作社)."""
    start = match.start()
    longest = COMPANY_MODIFIER if match.group().endswith(COMPANY_SUFFIXES) else 4
    for gap in range(0, longest + 1):
        place = _place_ending_at(ends, start - gap)
        if place is None:
            continue
        modifier = ctx.text[start - gap : start]
        if all(is_cjk(c) and c not in lex.FUNCTION_CHARS for c in modifier):
            begin = _outer_start(ends, place[0])  # 文昌市龙楼镇宝陵村…合作社: one name
            text = ctx.text[begin : match.end()]
            return Candidate(begin, match.end(), "ORG", "rule", 0.85, text)
        return None
    return None


GROUP_GAP = 8  # characters of modifier between an organ and its group (省委学习教育第二督导组)
# A leading group's name holds its whole task: 省委学习贯彻习近平新时代中国特色社会主义思想主题教育领导小组.
LONG_GROUPS = ("领导小组", "中心组")
LONG_GROUP_GAP = 30


def _group_org(match: re.Match, ctx: Context, organs: list[Candidate]) -> Candidate | None:
    """Organ + modifier + 第N + group (省委学习教育第二督导组)."""
    start = match.start()
    longest = LONG_GROUP_GAP if match.group().endswith(LONG_GROUPS) else GROUP_GAP
    for organ in sorted(organs, key=lambda c: -c.end):
        gap = ctx.text[organ.end : start]
        if organ.end <= start and len(gap) <= longest:
            if all(is_cjk(c) and c not in lex.FUNCTION_CHARS for c in gap):
                text = ctx.text[organ.start : match.end()]
                return Candidate(organ.start, match.end(), "ORG", "rule", 0.9, text, tier=0)
    return None


CONGRESS = re.compile(f"第[{NUMERAL}]+[次届](?:全国)?(?:人民)?代表大会(?:常务委员会)?"
                      f"|(?<![{NUMERAL}第])[一二三四五六七八九十]{{1,3}}大"
                      r"(?=$|[^\u4e00-\u9fff]|[的贺代精报以召开闭会期上])")


def congress_candidates(ctx: Context, orgs: list[Candidate]) -> list[Candidate]:
    """A congress is an organisation: 第十五次全国代表大会, 第九届全国人民代表大会, joined to the
    party or body right before it (中国致公党第十一次全国代表大会, 民建七大); the short form
    (七大) only after one."""
    ends = {org.end: org.start for org in orgs}
    out = []
    for match in CONGRESS.finditer(ctx.text):
        start = ends.get(match.start())
        if start is None and match.group().startswith("第"):
            start = match.start()
        if start is not None:
            text = ctx.text[start : match.end()]
            out.append(Candidate(start, match.end(), "ORG", "rule", 0.85, text))
    return out


def loc_suffix_candidates(ctx: Context, places: list[tuple[int, int, str]]) -> list[Candidate]:
    """Place + area suffix (碧湖新城, 莲都经开区), also with a short modifier between them
    (安化黑茶博物馆, 南宁抽水蓄能电站); a park, reserve or work may follow a mountain or river
    the model found (祁连山国家公园, 贺兰山东麓, 亭子口灌区)."""
    ends: dict[int, list[tuple[int, str]]] = {}
    for start, end, surface in places:
        ends.setdefault(end, []).append((start, surface))
    model_ends = {c.end: (c.start, ctx.text[c.start:c.end]) for c in ctx.model_spans
                  if c.label != "PER"}
    people = {c.end: (c.start, ctx.text[c.start:c.end]) for c in ctx.model_spans
              if c.label == "PER"}
    out = []
    for match in _organ_regexes()[4].finditer(ctx.text):
        begin = _area_name_start(ctx, ends, model_ends, match.start())
        if begin is None and (person := people.get(match.start())):
            begin = person[0]  # 沈从文故居; 喀纳斯 (a PER by mistake) + 景区
        if begin is None:
            continue
        organ = ZONE_ORGAN.match(ctx.text, match.end())
        end, label = (organ.end(), "ORG") if organ else (match.end(), "LOC")
        out.append(Candidate(begin, end, label, "rule", 0.8, ctx.text[begin:end]))
    for start, end, surface in places:  # 雄安新区管委会
        if surface in lex.regions() and (organ := ZONE_ORGAN.match(ctx.text, end)):
            out.append(Candidate(start, organ.end(), "ORG", "rule", 0.8,
                                 ctx.text[start:organ.end()]))
    return out


AREA_MODIFIER = 4  # characters between a place and an area suffix (安化 + 黑茶 + 博物馆)
# Words that make the phrase a description, not a name (黄河上游荒漠草原, 成都铁路格尔隧道).
NOT_IN_AREA_NAMES = ("上游", "中游", "下游", "沿岸", "沿线", "两岸", "周边", "境内", "一带", "地区",
                     "铁路", "公路", "高速")
LEVEL_ENDINGS = tuple("省市县区旗镇乡村")


def _area_name_start(ctx: Context, ends, model_ends, suffix_start: int) -> int | None:
    """Where the name before an area suffix starts: a place or model place right before it
    (亭子口灌区), else one a short modifier before it: a short form is part of the name
    (安化黑茶博物馆, 海南热带雨林国家公园), after a full name the name is the next level of
    an address (兴国县|兴江水库, 星村镇|燕子窠生态茶园)."""
    if (place := _place_ending_at(ends, suffix_start)) is not None:
        return place[0]
    if suffix_start in model_ends:
        return model_ends[suffix_start][0]
    if suffix_start not in ctx.boundaries:
        return None
    for gap in range(2, AREA_MODIFIER + 1):
        begin = suffix_start - gap
        place = _place_ending_at(ends, begin)
        if place is None and begin in model_ends:
            place = model_ends[begin]
        if place is None:
            continue
        if not _name_modifier(ctx.text[begin:suffix_start]):
            return None
        surface = ctx.text[place[0]:begin]
        return begin if surface.endswith(LEVEL_ENDINGS) else place[0]
    return None


def _name_modifier(modifier: str) -> bool:
    """Characters that may sit inside a name between its place and its suffix."""
    return (all(is_cjk(c) and c not in lex.FUNCTION_CHARS for c in modifier)
            and not any(w in modifier for w in NOT_IN_AREA_NAMES)
            and not any(modifier.startswith(w) or modifier.endswith(w)
                        for w in lex.verb_like_words() if len(w) <= len(modifier)))


# The organs of a zone: 高新区党工委, 经开区管委会 (organisations, the zone alone is a place).
ZONE_ORGAN = re.compile("党工委|管委会|管理委员会|工委|党委|执委会")


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    titles = "|".join(re.escape(t.text) for t in lex.titles())
    organs = lex.organs()
    cores = "|".join(re.escape(c) for c in sorted(organs.cores, key=len, reverse=True))
    organ = f"(?:[{''.join(organs.levels)}](?:{cores}))"
    one = f"(?:{organ}?(?:常务)?(?:{titles}))"
    departments = "|".join(re.escape(d) for d in party_departments())
    later = f"(?:(?:{organ}|{departments})?(?:常务)?(?:{titles}))"
    return re.compile(f"{one}(?:[、]{later})*")


@lru_cache(maxsize=1)
def party_departments() -> tuple[str, ...]:
    """Departments of a party committee written without it after a first title of the same
    chain (县委常委、宣传部部长 = 县委宣传部部长): the 委 cores of organs.tsv less 委, longest
    first."""
    cores = lex.organs().cores
    return tuple(sorted((c[1:] for c in cores if c.startswith("委") and len(c) > 2
                         and c[-1] in "部委办校室"), key=len, reverse=True))


def _title_parts(chain: str) -> list[tuple[str, str | None, lex.Title]]:
    """Split a title chain into (title text, organization, Title)."""
    out: list[tuple[str, str | None, lex.Title]] = []
    organ = None  # the last organ named in the chain: 市人大常委会党组书记、主任 → its 主任
    for part in chain.split("、"):
        for title in lex.titles():
            if part.endswith(title.text):
                prefix = part[: -len(title.text)].removesuffix("常务")
                if organ and organ.endswith("委") and prefix in party_departments():
                    prefix = organ + prefix  # 县委常委、宣传部部长 → 县委宣传部
                organ = prefix or organ
                named = part != title.text and not part.startswith("常务")
                organization = (organ + _party_organ(title.text) if named
                                else title.organization or organ)
                out.append((part, organization, title))
                break
    return out


def name_at(ctx: Context, pos: int, delimited: bool) -> int | None:
    """End of a Chinese personal name starting at pos, or None."""
    text = ctx.text
    run = 0
    while pos + run < len(text) and is_cjk(text[pos + run]) and run < 5:
        run += 1
    closed = 2 <= run <= 4 and pos + run < len(text) and not is_cjk(text[pos + run])
    if closed and text[pos + run - 1] == "摄":  # (记者 李舸摄): photo credit
        run -= 1
    elif closed and run == 3 and text[pos + run - 1] in lex.FUNCTION_CHARS:
        run -= 1  # 委员长乔石从3月起…: a two-character name and a function word
    closed = closed and 2 <= run <= 3
    if not closed and pos in ctx.model_per and 2 <= ctx.model_per[pos] - pos <= 6 \
            and text[pos : ctx.model_per[pos]] not in _compound_surnames():
        return ctx.model_per[pos]  # (a compound surname alone is no name: 欧阳|立主持)
    if not closed and pos in ctx.model_covered:
        return None
    spaced = pos > 0 and text[pos - 1] in " \u3000:、"
    # a closed, spaced run (记者 于海洋 邵丹) may start with a surname that is also a function
    # character (于, 向, 和)
    known = lex.surnames(include_function_chars=closed and spaced)
    surname = next((text[pos : pos + n] for n in (2, 1) if text[pos : pos + n] in known), None)
    if surname is None or title_at(text, pos) or _common_word(text[pos : pos + 2]):
        return None
    given_start = pos + len(surname)
    if run <= len(surname) or text[pos + run : pos + run + 1] in ("·", "•", "-"):
        return None
    if ctx.has_model and not spaced and len(surname) == 1 \
            and surname not in lex.surnames(TRUSTED_SURNAME_FREQUENCY):
        return None  # a rare one-character surname; a compound one (欧阳, 司马) is distinctive
    if not closed and not spaced and ctx.has_model and (
            surname in ADVERB_SURNAMES or dictionary_word(text[pos : pos + 2])):
        return None  # 曾多次, 主席贺电为…: a word the model did not take for a name
    if run <= len(surname) + 2 and (delimited or run <= 3):
        return pos + run
    if delimited:
        return None
    third = text[given_start + 1] if given_start + 1 < len(text) else ""
    if third in lex.FUNCTION_CHARS:
        return given_start + 1
    if _word_at(text, given_start + 2):
        return given_start + 2
    if _word_at(text, given_start + 1):
        return given_start + 1
    return given_start + 2


@lru_cache(maxsize=1)
def _compound_surnames() -> frozenset[str]:
    return frozenset(s for s in lex.surnames() if len(s) == 2)


def _common_word(text: str) -> bool:
    """A frequent dictionary word (关于, 会议) rather than a name."""
    return dictionary_word(text, COMMON_WORD_FREQ)


def dictionary_word(text: str, min_frequency: int = NAME_WORD_FREQ) -> bool:
    """A word of the segmentation dictionary seen at least `min_frequency` times (贺信)."""
    from pipeline.nlp.entities.char_features import dictionary

    return dictionary().get(text, 0) >= min_frequency


def _word_at(text: str, pos: int) -> bool:
    """True if a dictionary word of 2–3 characters starts at pos."""
    from pipeline.nlp.entities.char_features import dictionary

    freq = dictionary()
    return any(freq.get(text[pos : pos + n], 0) > 0 for n in (2, 3) if pos + n <= len(text))


def title_at(text: str, pos: int) -> str | None:
    """The longest title of titles.txt starting at pos, if any."""
    return next((t.text for t in lex.titles() if text.startswith(t.text, pos)), None)


def title_candidates(ctx: Context, orgs: list[Candidate],
                     places: list[tuple[int, int, str]] = ()) -> tuple[list[Candidate], list[Role]]:
    """PER candidates after titles, and the people_roles they imply."""
    people: list[Candidate] = []
    roles: list[Role] = []
    role_orgs = [*ctx.model_orgs, *orgs]  # a rule's organ wins over a model span ending there
    org_by_end = {c.end: c for c in role_orgs if c.label == "ORG"}
    place_start_by_end = {end: start for start, end, _ in places}
    for match in _title_regex().finditer(ctx.text):
        parts = _title_parts(match.group())
        if not parts or ctx.text[match.end() : match.end() + 1] == "会":
            continue
        if any(o.start <= match.start() and o.end > match.end() for o in orgs):
            continue
        byline = parts[-1][2].kind == "byline"
        for name_start, name_end in _names_after(ctx, match.end(), byline):
            people.append(Candidate(name_start, name_end, "PER", "rule", 0.9,
                                    ctx.text[name_start:name_end], tier=0))
            previous = roles[-1] if roles and roles[-1].end == match.start() - 1 else None
            if previous is not None and ctx.text[previous.end] == "、":
                parts = [(p, o or previous.organization, t) for p, o, t in parts]
            roles += _roles(ctx, match, parts, (name_start, name_end), org_by_end, role_orgs,
                            _place_before(ctx, match.start(), place_start_by_end))
    return people, roles


def _place_before(ctx: Context, start: int, place_start_by_end: dict[int, int]) -> int | None:
    """Start of the place written right before a title at `start`, also when the place's
    last character is the title's first (临海市|长, 遂昌县|长: 临海市 + 市长)."""
    if start in place_start_by_end:
        return place_start_by_end[start]
    if ctx.text[start:start + 1] in HEAD_LEVELS:
        return place_start_by_end.get(start + 1)
    return None


def _names_after(ctx: Context, pos: int, byline: bool) -> list[tuple[int, int]]:
    names = []
    while True:
        skip = 0
        while pos + skip < len(ctx.text) and ctx.text[pos + skip] in " \u3000:" and skip < 2:
            skip += 1
        if names and skip == 0 and (pos >= len(ctx.text) or ctx.text[pos] not in SEPARATORS):
            break
        if names and skip == 0:
            skip = 1
        end = name_at(ctx, pos + skip, delimited=bool(names) or (byline and skip == 0))
        if end is None:
            break
        names.append((pos + skip, end))
        if not byline:
            break
        pos = end
    return names


def _roles(ctx, match, parts, name, org_by_end, orgs, place_start) -> list[Role]:
    """Roles of one name; an organization right before the titles (丽水市委 书记) or holding
    the first title's organ (缙云县委 in 缙云县委书记) names the organization in full, and a
    place right before a title that implies its government names that government
    (遂昌县县长 → 遂昌县政府). A rule's organ holds the title before a model span (缙云县委,
    not a model's 云县委), then the longer one."""
    preceding = org_by_end.get(match.start())
    holder = max((o for o in orgs if o.start < match.start() < o.end <= match.end()),
                 key=lambda o: (o.source == "rule", o.end - o.start), default=None)
    government = _place_government(ctx, parts[0], place_start, match.start())
    anchor = holder or preceding
    if anchor is not None:
        start = anchor.start
    else:
        start = place_start if government is not None else match.start()
    rows = []
    first_organ = parts[0][1]
    holder_text = ctx.text[holder.start : holder.end] if holder is not None else None
    for i, (part, organization, _title) in enumerate(parts):
        if i == 0 and holder_text is not None:
            organization = holder_text
        elif holder_text and first_organ and organization and \
                organization.startswith(first_organ):  # 遂昌县委常委、宣传部部长: 遂昌县委宣传部
            organization = holder_text.removesuffix(first_organ) + organization
        elif organization is None and preceding is not None:
            organization = ctx.text[preceding.start : preceding.end] + _party_organ(part)
        elif i == 0 and preceding is None and government is not None:
            organization = government
        rows.append(Role(ctx.text[name[0] : name[1]], part, organization, start, name[1]))
    return rows


PARTY_ORGANS = ("党支部", "党工委", "党委", "党组")


def _party_organ(title: str) -> str:
    """The party organ a title names inside its organisation (衢州学院 + 党委书记 → 党委)."""
    return next((o for o in PARTY_ORGANS if title.startswith(o) and len(title) > len(o)), "")


def _place_government(ctx: Context, part, place_start: int | None, place_end: int) -> str | None:
    """The government of the place ending at place_end when the title implies a government
    of the place's level (遂昌县 + 县长 → 遂昌县政府), else None."""
    _text, organization, title = part
    if place_start is None or not organization or organization != title.organization:
        return None
    surface = ctx.text[place_start:place_end]
    if place_end > place_start and surface[-1] == organization[0]:
        return surface + organization[1:]
    if ctx.text[place_end:place_end + 1] == organization[0]:  # 临海 + 市政府 (临海市长)
        return surface + organization
    return None


def name_before_title_candidates(ctx: Context) -> list[Candidate]:
    """Names directly before 总书记/同志/主席… (习近平总书记), preceded by a boundary."""
    out = []
    pattern = re.compile("|".join(POST_TITLES))
    for match in pattern.finditer(ctx.text):
        end = match.start()
        if match.end() not in ctx.boundaries:
            continue
        for length in (3, 2):
            start = end - length
            if start < 0 or ctx.text[start] not in lex.surnames(TRUSTED_SURNAME_FREQUENCY):
                continue
            name = ctx.text[start:end]
            if not all(is_cjk(c) for c in name) or _common_word(name[:2]):
                continue
            if _common_word(name[1:3]) and len(name) == 3:
                continue
            if _left_boundary(ctx, start):
                out.append(Candidate(start, end, "PER", "rule", 0.8, name))
                break
    return out


RELATION_WORDS = ("两国", "三国", "四国", "双方", "关系", "友好", "友谊", "建交", "会谈", "合作",
                  "贸易", "经贸", "谈判", "首脑", "元首", "领导人", "外长", "联合", "之间", "边境",
                  "边界", "战争", "之战", "冲突", "峰会", "会议", "对话", "交流", "双边", "两军",
                  "两地", "三地", "四地", "五地", "多地", "等地", "两省", "三省", "四省", "一体化",
                  "协同", "两岸", "三方", "命运共同体", "各领域", "有关部门", "人民", "经济互补",
                  "东西部", "对口", "结对", "协作")
TRAVEL_VERBS = "访来驻抵离赴旅回返进在"
NOT_TRAVEL = frozenset({"来日", "来意", "在意", "进德"})  # 来日方长, 来意, 不在意, 进德修业
PARTY_ABBREVIATIONS = {"国": "中国国民党", "共": "中国共产党"}  # 国共两党, 国共合作
HONORIFICS = ("先生", "女士", "老师", "大娘", "大爷", "大妈", "大嫂", "师傅", "阿姨", "老汉")


@lru_cache(maxsize=1)
def _abbreviation_regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """Runs before a relation word; X方; travel verb + X; 国共 before a relation word."""
    abbr = lex.abbreviations()
    every = "".join(abbr)
    single = "".join(c for c, (_, anywhere) in abbr.items() if anywhere)
    relation = "|".join(RELATION_WORDS)
    return (re.compile(f"[{every}](?:、?[{every}]){{1,4}}(?=两党|{relation})"),
            re.compile(f"[{single}](?=方)"),
            re.compile(f"(?<=[{TRAVEL_VERBS}])[{single}]"),
            re.compile(f"国共(?=两党|{relation})"))


# One-character abbreviations of countries before 军 (army), 方 (side) or 称 (says): 俄军, 赞方, 乌称.
COUNTRY_CHARS = "中华美日俄英法德意加韩朝印越泰以澳欧墨菲蒙缅葡荷土埃叙古老柬哈吉塔乌巴伊瑞赞坦"
COUNTRY_BEFORE = re.compile(f"[{COUNTRY_CHARS}](?=[军方称])")

# One-character abbreviations of provinces and special regions; three or more written together
# (沪苏浙皖, 黑吉辽, 湘鄂赣) list places, one per character.
PROVINCE_CHARS = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇陕甘青宁藏蒙港澳台"
PROVINCE_RUN = re.compile(f"(?<![{PROVINCE_CHARS}])[{PROVINCE_CHARS}]{{3,6}}(?![{PROVINCE_CHARS}])")


CLAUSE_OPENERS = frozenset(" \u3000,，。;；:：、()（）“”\n")


def _abbreviation_run_start(ctx: Context, start: int, end: int) -> int | None:
    """Where a run of abbreviations really starts: not inside a word (加深|中美两国 starts at
    中), and no run at all when it spells a place or a country (汉中等地, 西藏人民, 印尼人民)."""
    run = ctx.text[start:end].replace("、", "")
    if run in _place_surfaces() or run in lex.countries():
        return None
    abbr = lex.abbreviations()
    while end - start >= 2 and (start not in ctx.boundaries or (
            not abbr.get(ctx.text[start], (None, True))[1]
            and dictionary_word(ctx.text[start:start + 2]))):
        start += 1  # an ambiguous character that starts a word (加深): not a place
    return start if end - start >= 2 else None


def abbreviation_candidates(ctx: Context) -> list[Candidate]:
    """One-character place abbreviations in fixed news patterns: a run before a relation word
    (中美两国, 中、美、俄三国, 美中关系), one before 方 (俄方), one after a travel verb (访华,
    在京举行, 驻港) that does not start a word (not 在美国, 在京剧院, 审美方面)."""
    abbr = lex.abbreviations()
    runs, party, travel, parties = _abbreviation_regexes()
    spans: list[tuple[int, int]] = []
    anchored: list[tuple[int, int]] = []
    for match in runs.finditer(ctx.text):  # 中美两国, 津甘东西部协作: over a model's 津甘东西部
        start = _abbreviation_run_start(ctx, match.start(), match.end())
        if start is not None and match.end() in ctx.boundaries:
            anchored += [(i, i + 1) for i in range(start, match.end()) if ctx.text[i] != "、"]
    for match in PROVINCE_RUN.finditer(ctx.text):  # 沪苏浙皖一体化: one place per character
        if match.group() not in _place_surfaces():  # 京津冀, 陕甘宁 are one place
            anchored += [(i, i + 1) for i in range(match.start(), match.end())]
    for match in COUNTRY_BEFORE.finditer(ctx.text):  # 俄军, 乌称, 赞方 (not 西方)
        word = ctx.text[match.start():match.end() + 1]
        clause_start = match.start() == 0 or ctx.text[match.start() - 1] in CLAUSE_OPENERS
        says = word[-1] == "称"  # 乌称 at a clause start; not 美称, 古称
        if match.start() in ctx.boundaries and match.end() + 1 in ctx.boundaries and (
                (clause_start and not dictionary_word(word)) if says else not _common_word(word)):
            anchored.append(match.span())  # over a model's 乌军 / 中方 place
    for match in party.finditer(ctx.text):
        if match.start() in ctx.boundaries and match.end() + 1 in ctx.boundaries:
            spans.append(match.span())
    for match in travel.finditer(ctx.text):
        free = match.end() in ctx.boundaries or not _word_at(ctx.text, match.start())
        verb = ctx.text[match.start() - 1 : match.end()]
        if match.start() - 1 in ctx.boundaries and free and verb not in NOT_TRAVEL:
            spans.append(match.span())
    out = [Candidate(s, e, "LOC", "rule", 0.8, abbr.get(ctx.text[s], (None,))[0])
           for s, e in sorted(set(spans) - set(anchored))]
    out += [Candidate(s, e, "LOC", "rule", 0.85, abbr.get(ctx.text[s], (None,))[0], tier=0)
            for s, e in sorted(set(anchored))]
    for match in parties.finditer(ctx.text):
        if match.start() in ctx.boundaries:
            out += [Candidate(i, i + 1, "ORG", "rule", 0.8, PARTY_ABBREVIATIONS[ctx.text[i]])
                    for i in range(match.start(), match.end())]
    return out


def honorific_candidates(ctx: Context) -> list[Candidate]:
    """A surname alone before a form of address (王先生, 刘老师, 王大娘) is a person."""
    out = []
    surnames = lex.surnames(TRUSTED_SURNAME_FREQUENCY)
    for match in re.finditer("|".join(HONORIFICS), ctx.text):
        start = match.start() - 1
        if start < 0 or ctx.text[start] not in surnames or not _left_boundary(ctx, start):
            continue
        if match.end() in ctx.boundaries and not _common_word(ctx.text[start:match.start() + 1]):
            out.append(Candidate(start, start + 1, "PER", "rule", 0.8, ctx.text[start]))
    return out


def _left_boundary(ctx: Context, start: int) -> bool:
    """The character before start ends a word: not CJK, a function char, or a dictionary word."""
    if start == 0 or not is_cjk(ctx.text[start - 1]):
        return True
    before = ctx.text[start - 1]
    return before in lex.FUNCTION_CHARS or _common_word(ctx.text[max(0, start - 2) : start])


def toponym_end(ctx: Context, start: int, end: int) -> int:
    """Extend a place over a toponym suffix the model left out (三江 + 口), when the suffix
    ends a word there (not 口号, 山区)."""
    if end < len(ctx.text) and ctx.text[end] in TOPONYM_SUFFIXES and end + 1 in ctx.boundaries:
        if not _common_word(ctx.text[end : end + 2]) and not _word_at(ctx.text, end):
            return end + 1
    return end


def repeated_mentions(chosen: list[Candidate], ctx: Context) -> list[Candidate]:
    """Further mentions of the names a rule or the gazetteer found in an article, and of
    persons the model found at least twice: the same text between two word boundaries where
    nothing was chosen (吴舜泽强调 after 市委书记吴舜泽) gets the same label, source and
    canonical name. The model's places and organisations are not copied: it has read every
    mention already, and copying spread its mistakes (a slogan it tagged twice became
    sixteen places). Names that are also common words (和平, 光明) are not repeated, nor
    persons longer than four characters."""
    text = ctx.text
    taken = bytearray(len(text) + 1)
    for cand in chosen:
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    names: dict[str, Candidate] = {}
    model_people = Counter(text[c.start:c.end] for c in chosen
                           if c.source == "model" and c.label == "PER")
    for cand in chosen:
        name = text[cand.start:cand.end]
        trusted = cand.source != "model" or model_people[name] >= 2
        if trusted and len(name) >= 2 and not (cand.label == "PER" and len(name) > 4):
            names.setdefault(name, cand)
    found = []
    for name, cand in names.items():
        if _common_word(name):
            continue
        for match in re.finditer(re.escape(name), text):
            start, end = match.span()
            if any(taken[start:end]) or start not in ctx.boundaries or end not in ctx.boundaries:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Candidate(start, end, cand.label, cand.source, cand.score,
                                   cand.canonical))
    return found


# ------------------------------------------------------------------ modern news


def leader_candidates(ctx: Context) -> list[Candidate]:
    """Every mention of a name in the leaders lexicon is a person (习近平 in 学习贯彻习近平总书记,
    in 习近平新时代中国特色社会主义思想): anchored, so a model span across it gives way. A
    two-character name (李强, 蔡奇) must also start and end a word (not 小李强调说)."""
    names = lex.leader_names()
    if not names:
        return []
    out = []
    for match in _leader_regex(names).finditer(ctx.text):
        start, end = match.span()
        if end - start < 3 and not (start in ctx.boundaries and end in ctx.boundaries):
            continue
        if match.group() in AMBIGUOUS_LEADER_NAMES and not _leader_context(ctx.text, start, end):
            continue  # 一片汪洋, 钟山脚下
        out.append(Candidate(start, end, "PER", "rule", 0.99, match.group(), tier=0))
    return out


# Leaders' names that are also ordinary words or places: a person only next to a title or a
# reporting verb (国务院副总理汪洋, 汪洋指出; not 一片汪洋, 钟山脚下).
AMBIGUOUS_LEADER_NAMES = frozenset({"汪洋", "钟山"})
LEADER_CONTEXT_AFTER = ("同志", "指出", "强调", "出席", "主持", "会见", "表示", "说", "在", "、", "，", ",")


def _leader_context(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1] in "长记席理任员、") or text.startswith(
        LEADER_CONTEXT_AFTER, end)


@lru_cache(maxsize=2)
def _leader_regex(names: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


# 中央 is the central leadership (an ORG) before these, not in 中央企业, 中央财政, 中央八项规定.
CENTRAL_FOLLOWERS = ("作出", "部署", "决策", "决定", "要求", "精神", "关于", "的", "高度", "印发",
                     "批准", "提出", "强调", "统一", "领导", "和国务院", "、国务院", "关心", "指示",
                     "重大", "号召", "确定", "出台", "文件", "一号文件", "巡视", "和国家机关")
NOT_BEFORE_CENTRAL = frozenset("党团派正的路桥场河湖街屋台殿厅心")
CENTRAL_AFTER_PUNCT = re.compile(r"中央(?=[,，、。;；:：”’)）]|$)")


def central_candidates(ctx: Context) -> list[Candidate]:
    """中央 standing for the central leadership (中央作出部署, 党中央、中央…) is an
    organisation, canonical 中共中央; a word starting with 中央 (中央企业) is not."""
    out = []
    for match in re.finditer("中央", ctx.text):
        start, end = match.span()
        if start > 0 and ctx.text[start - 1] in NOT_BEFORE_CENTRAL:
            continue  # 党中央, 团中央 (standalone organs), 民主党派中央, 正中央, 路中央
        follows = ctx.text[end:end + 5]
        if CENTRAL_AFTER_PUNCT.match(ctx.text, start) or (
                follows.startswith(CENTRAL_FOLLOWERS) and not follows.startswith("的企业")):
            out.append(Candidate(start, end, "ORG", "rule", 0.85, "中共中央"))
    return out


NUMBERED_CONGRESS = re.compile(f"(?<![{NUMERAL}])([省市县区州旗])第?[{NUMERAL}]+届"
                               "(?:人民代表大会|人大|政协|纪律检查委员会|纪委|委员会)"
                               "(?:常务委员会|常委会)?")
# A term number before a national organ belongs to it (MSRA: 九届全国人大; 二十届中央纪委).
NUMBERED_NATIONAL = re.compile(f"(?:中国共产党|中共)?(?<![{NUMERAL}第])第?[一二三四五六七八九十]{{1,3}}届"
                               "(?:中央纪委|中央委员会|全国人大常委会|全国人大|全国政协|中央军委)")
# 中共 before a term number stands for the party (中共二十届四中全会: 中共 is the ORG).
PARTY_BEFORE_TERM = re.compile("中共(?=第?[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]中全会)")


def numbered_congress_candidates(ctx: Context) -> list[Candidate]:
    """A level or a place before 第N届人大 / 政协 / 纪委 names the body: 县第十八届人大 (ORG),
    with the place written before it when there is one (遂昌县第十八届人大, 中共栖霞市第十五届
    纪律检查委员会); a term number before a national organ too (二十届中央纪委)."""
    out = []
    places = {end: start for start, end, _ in usable_places(ctx)}
    for match in NUMBERED_CONGRESS.finditer(ctx.text):
        start = places.get(match.start() + 1, match.start())
        if start == match.start() and start > 0 and is_cjk(ctx.text[start - 1]) \
                and start not in ctx.boundaries:
            continue
        if ctx.text[max(0, start - 2):start] in ("中共", "政协"):
            start -= 2  # 中共栖霞市第十五届纪律检查委员会, 政协巴马瑶族自治县第十届委员会
        out.append(Candidate(start, match.end(), "ORG", "rule", 0.9, ctx.text[start:match.end()],
                             tier=0))
    out += [Candidate(m.start(), m.end(), "ORG", "rule", 0.9, m.group(), tier=0)
            for m in NUMBERED_NATIONAL.finditer(ctx.text)]
    out += [Candidate(m.start(), m.end(), "ORG", "rule", 0.9, "中国共产党", tier=0)
            for m in PARTY_BEFORE_TERM.finditer(ctx.text)]
    return out


GENERIC_COMPANY_WORD_FREQ = 1000  # jieba frequency of a generic first word (航空, 中央, 联邦)
COMPANY_ENDINGS = ("集团", "公司", "有限公司", "股份有限公司", "银行", "汽车", "电气", "电子",
                   "通讯社", "社", "电视台")  # 俄罗斯|塔斯社


def split_country_companies(model: list[Candidate], text: str) -> list[Candidate]:
    """A model organisation that is a foreign country + a company (德国西门子集团) becomes the
    country (LOC) and the company (ORG): the company is named without the country too. Not
    when the rest starts with an ordinary word (英国|航空公司, 法国|中央银行: generic)."""
    out = []
    for cand in model:
        name = text[cand.start:cand.end]
        country = next((c for c in sorted(lex.countries(), key=len, reverse=True)
                        if name.startswith(c)), None) if cand.label == "ORG" else None
        rest = name[len(country):] if country else ""
        if country and len(rest) >= 3 and rest.endswith(COMPANY_ENDINGS) \
                and not dictionary_word(rest[:2], GENERIC_COMPANY_WORD_FREQ):
            cut = cand.start + len(country)
            out.append(Candidate(cand.start, cut, "LOC", cand.source, cand.score, country))
            out.append(Candidate(cut, cand.end, "ORG", cand.source, cand.score, None))
        else:
            out.append(cand)
    return out


@lru_cache(maxsize=1)
def _no_entity_regex() -> re.Pattern | None:
    phrases = lex.no_entity_phrases()
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


# Quoted honorific titles of a place (“中国苹果之都”, “天马故乡”, “沙县小吃第一村”): names inside
# are not tagged.
QUOTED_HONORIFIC = re.compile("“[^”]{1,20}?(?:之乡|之都|之城|故乡|第一村|名城|名镇)”")
# Products named after their place (五常大米, 敖汉小米, 榕江卷粉, 哈密瓜) and ethnic groups
# (蒙古族, 朝鲜族): the place before them is not tagged.
PRODUCT_WORDS = ("大米", "小米", "香米", "红茶", "绿茶", "黑茶", "白茶", "毛尖", "小吃", "卷粉", "米粉",
                 "米线", "香菇", "木耳", "脐橙", "蜜柚", "蜜桔", "牛肉", "羊肉", "黄酒", "陈醋", "火腿",
                 "瓜", "族")


def outside_formulations(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Candidates minus places and organisations inside a fixed formulation (中国 in
    中国式现代化, 枫桥 in 枫桥经验) or a quoted honorific title (“中国苹果之都”), and places
    naming a product or an ethnic group (五常|大米, 蒙古|族); persons stay (习近平 in
    习近平新时代中国特色社会主义思想)."""
    pattern = _no_entity_regex()
    inside = [m.span() for m in pattern.finditer(text)] if pattern else []
    inside += [m.span() for m in QUOTED_HONORIFIC.finditer(text)]
    return [c for c in candidates if c.label == "PER" or not (
        any(a <= c.start and c.end <= b for a, b in inside)
        or (c.label == "LOC" and text.startswith(PRODUCT_WORDS, c.end)
            and not text.startswith("族自治", c.end)))]


GROUP_WORDS = ("督导组", "巡视组", "巡察组")  # named in the guideline; a bare 检查组 is generic


def bare_group_mentions(chosen: list[Candidate], ctx: Context) -> list[Candidate]:
    """A bare 督导组 (宣讲团, 巡察组 …) after the group was named in full in the article
    (省委第二督导组 … 督导组组长霍立新) refers back to it: an organisation."""
    named = {g for c in chosen if c.label == "ORG"
             for g in GROUP_WORDS if ctx.text[c.start:c.end].endswith(g) and c.end - c.start > len(g)}
    if not named:
        return []
    taken = bytearray(len(ctx.text) + 1)
    for cand in chosen:
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    out = []
    for match in re.finditer("|".join(named), ctx.text):
        start, end = match.span()
        if not any(taken[start:end]) and start in ctx.boundaries:
            out.append(Candidate(start, end, "ORG", "rule", 0.8, match.group()))
    return out


def prefer_rule_tilings(model: list[Candidate], found: list[Candidate],
                        ctx: Context) -> list[Candidate]:
    """Model spans that the rules contradict give way: one that cuts a word and overlaps a rule
    or gazetteer span (京津冀协|同), one that rule spans tile exactly (区纪委区监委 → 区纪委 +
    区监委), and a place that runs a division into a village (铜冶镇南铜冶村 → 铜冶镇 +
    南铜冶村)."""
    starts: dict[int, list[Candidate]] = {}
    covered = bytearray(len(ctx.text) + 1)
    for cand in found:
        starts.setdefault(cand.start, []).append(cand)
        covered[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    out = []
    for cand in model:
        if _takes_one_char(cand, ctx) and any(covered[cand.start:cand.end]):
            continue
        if _tiled(cand, starts):
            continue
        out += _split_chain(cand, starts, ctx)
    return out


def _takes_one_char(cand: Candidate, ctx: Context) -> bool:
    """The span took one character of the word after (京津冀协|同) or before it."""
    end_cut = cand.end not in ctx.boundaries and cand.end - 1 in ctx.boundaries
    start_cut = cand.start not in ctx.boundaries and cand.start + 1 in ctx.boundaries
    return end_cut or start_cut


def _tiled(cand: Candidate, starts: dict[int, list[Candidate]]) -> bool:
    """Rule spans cover `cand` exactly, in two or more pieces."""
    pos, pieces = cand.start, 0
    while pos < cand.end:
        nxt = [f.end for f in starts.get(pos, ()) if f.end <= cand.end and f.end > pos
               and (f.start, f.end) != (cand.start, cand.end)]
        if not nxt:
            return False
        pos, pieces = max(nxt), pieces + 1
    return pieces >= 2


VILLAGE_ENDINGS = ("村", "社区", "组", "屯", "寨")


def _split_chain(cand: Candidate, starts: dict[int, list[Candidate]],
                 ctx: Context) -> list[Candidate]:
    """A model place that starts with a township or county and runs on into a village."""
    if cand.label != "LOC":
        return [cand]
    heads = [f for f in starts.get(cand.start, ()) if f.label == "LOC" and f.end < cand.end]
    if heads:
        head = max(heads, key=lambda f: f.end)
        rest = ctx.text[head.end:cand.end]
        if len(rest) >= 2 and rest.endswith(VILLAGE_ENDINGS) and head.end in ctx.boundaries:
            return [Candidate(cand.start, head.end, "LOC", cand.source, cand.score),
                    Candidate(head.end, cand.end, "LOC", cand.source, cand.score)]
    return [cand]


BARE_VILLAGE_ORGAN = re.compile("(?<![\u4e00-\u9fff])(?:村|社区)(?:党总支|党支部|党委|委会|两委|居委会)"
                                "|(?<=[,，、。;；:：原])(?:村|社区)(?:党总支|党支部|党委|委会|两委|居委会)")


def bare_village_organ_candidates(ctx: Context) -> list[Candidate]:
    """村党总支, 村党支部, 村委会 standing alone at the start of a clause (the village is the
    article's): organisations, like 县委."""
    return [Candidate(m.start(), m.end(), "ORG", "rule", 0.8, m.group())
            for m in BARE_VILLAGE_ORGAN.finditer(ctx.text)]


INSTITUTION_ENDINGS = ("中央", "常委会", "党组", "政府", "人大", "政协", "法院", "检察院", "总局",
                       "总署", "分局", "工委", "办公厅", "办公室", "书记处", "政治局", "学院", "研究院", "研究所", "实验室", "中心", "医院", "学校", "中学", "小学",
                       "分公司", "子公司", "公司", "集团", "银行", "支行", "分行", "委员会", "党委",
                       "党支部", "党总支", "工会", "协会", "商会", "学会", "基金会", "合作社", "部",
                       "局", "处", "科", "室", "站", "所", "馆", "队", "团", "组", "社", "厅", "委",
                       "办", "院", "校", "会", "行", "台", "报", "网")


JOINING_WORDS = ("联合", "会同", "与", "和", "及", "同", "协同", "携手")
NOT_INSTITUTION_ENDINGS = ("团队", "学科", "专家", "人员", "负责人", "工作人员", "代表团队")


def trim_overlong_orgs(model: list[Candidate], found: list[Candidate], text: str) -> None:
    """A model organisation that runs past a rule's organisation into a noun that is no
    institution (安徽工程大学|环境学科, 临沂大学|专家团队) ends where the rule's ends."""
    rule_end: dict[int, int] = {}
    for cand in found:
        if cand.label == "ORG":
            rule_end[cand.start] = max(rule_end.get(cand.start, 0), cand.end)
    for cand in model:
        end = rule_end.get(cand.start)
        name = text[cand.start:cand.end]
        joined = end is not None and text[end:cand.end].startswith(JOINING_WORDS)
        if cand.label == "ORG" and end is not None and end < cand.end and (
                name.endswith(NOT_INSTITUTION_ENDINGS) or joined
                or not name.endswith(INSTITUTION_ENDINGS)):
            cand.end = end  # also X局|联合市农业农村局: two organs joined by a verb


VILLAGE_AFTER_TOWNSHIP = re.compile("[\u4e00-\u9fff]{1,5}?(?:嘎查|村|社区)")
TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "苏木")


def village_candidates(ctx: Context, places: list[tuple[int, int, str]]) -> list[Candidate]:
    """A village or community written right after its township (卞庄街道代村, 铜冶镇南铜冶村):
    a place, when it ends a word and holds no function character."""
    out = []
    for _start, end, name in places:
        if not name.endswith(TOWNSHIP_ENDINGS):
            continue
        match = VILLAGE_AFTER_TOWNSHIP.match(ctx.text, end)
        if match and match.end() in ctx.boundaries and not any(
                c in lex.FUNCTION_CHARS for c in match.group()[:-1]):
            out.append(Candidate(end, match.end(), "LOC", "rule", 0.8, None))
    return out


VILLAGE_END = re.compile("村|社区")
VILLAGE_MAX_CHARS = 6


def village_gazetteer_candidates(ctx: Context) -> list[Candidate]:
    """Villages and communities of the article's county (any length) or city (three or more
    characters) from the gazetteer (余村, 涵口村 in an 安吉县 / 晋江 article); ordinary words
    (农村, 新村) and names that do not start a word are skipped."""
    if not (ctx.county or ctx.city) or "村" not in ctx.text and "社区" not in ctx.text:
        return []
    in_county = lex.county_villages(ctx.county, ctx.city) if ctx.county else frozenset()
    in_city = lex.city_villages(ctx.city)
    out = []
    for match in VILLAGE_END.finditer(ctx.text):
        end = match.end()
        for start in range(max(0, end - VILLAGE_MAX_CHARS), end - len(match.group())):
            name = ctx.text[start:end]
            local = name in in_county or (len(name) >= 3 and name in in_city)
            if local and start in ctx.boundaries and not dictionary_word(name):
                out.append(Candidate(start, end, "LOC", "gazetteer", 0.85, name))
                break
    return out


# Departments named by their fields (县文化体育广播电视和旅游局, 县农牧水利和科技局): a level
# character or a place, then only characters of department names, then 局 / 委员会 / 中心.
DEPARTMENT_CHARS = ("文化体育广播电视和旅游农牧渔业水利科技学术教育卫生健康自然资源规划生态环境住房城乡"
                    "建设交通运输商务市场监督管理应急退役军人事务医疗保障人力社会民族宗教统计审计信访"
                    "林业草原农村工业信息化发展改革财政司法公安民政粮食物资储备机关行政审批政务服务大数"
                    "据营商投资促进经济合作外事侨港澳台乡村振兴文广新闻出版体旅能源城市综合执法水土保持"
                    "科学技术人民防空气象地震残疾妇女儿童青少年老龄档案史志党史研究")
DEPARTMENT = re.compile(f"(?<![\u4e00-\u9fff])([省市县区旗州盟])([{DEPARTMENT_CHARS}]{{4,16}}?)"
                        "(局|委员会|服务中心|中心|事业局|分局)")


def department_candidates(ctx: Context, places: list[tuple[int, int, str]]) -> list[Candidate]:
    """Departments whose long names list their fields (县文化广电和旅游局), after a level character
    at a word start or after a place (海北州 + 文体旅游广电局)."""
    out = []
    for match in DEPARTMENT.finditer(ctx.text):
        out.append(Candidate(match.start(), match.end(), "ORG", "rule", 0.85, match.group()))
    ends = {end: start for start, end, _ in places}
    for match in re.finditer(f"[{DEPARTMENT_CHARS}]{{4,16}}?(?:局|委员会|服务中心|事业局)", ctx.text):
        start = ends.get(match.start())
        if start is not None:
            out.append(Candidate(start, match.end(), "ORG", "rule", 0.85,
                                 ctx.text[start:match.end()]))
    return out


# Tibetan personal names are two syllables of two characters (扎西平措, 才让卓玛, 次仁央金).
TIBETAN_SYLLABLES = frozenset(
    "扎西 平措 才让 卓玛 次仁 顿珠 多吉 尼玛 达瓦 格桑 拉姆 旦增 索朗 洛桑 央金 德吉 普布 边巴 巴桑 强巴 "
    "贡布 桑吉 措姆 白玛 曲珍 琼达 仁青 加措 嘉措 卓嘎 泽仁 更登 罗布 益西 丹增 才旦 周措 吉美 次旦 "
    "达娃 旺堆 旺姆 群培 拉巴 米玛 巴珠 普琼 德庆 玉珍 卓措 索南 多杰 仁增 次央 央宗 达珍 措吉 "
    "当周 才旺 拉毛 卓玛吉 东周 完么 更藏 斗拉".split())


def tibetan_name_candidates(ctx: Context) -> list[Candidate]:
    """Two Tibetan name syllables written together (县政协主席扎西平措): a person."""
    out = []
    text = ctx.text
    for i in range(len(text) - 3):
        if text[i:i + 2] in TIBETAN_SYLLABLES and text[i + 2:i + 4] in TIBETAN_SYLLABLES \
                and not (i > 1 and text[i - 2:i] in TIBETAN_SYLLABLES):
            out.append(Candidate(i, i + 4, "PER", "rule", 0.85, text[i:i + 4], tier=0))
    return out


def anonymised_candidates(ctx: Context) -> list[Candidate]:
    """A surname + 某 (被告人吴某, 王某某) is a person, as court news writes it."""
    surnames = lex.surnames(TRUSTED_SURNAME_FREQUENCY)
    out = []
    for match in re.finditer("某某?", ctx.text):
        start = match.start() - 1
        if start >= 0 and ctx.text[start] in surnames and start in ctx.boundaries:
            out.append(Candidate(start, match.end(), "PER", "rule", 0.8, ctx.text[start:match.end()],
                                 tier=0))
    return out


STATE_GRID = "国网"


def state_grid_prefix(chosen: list[Candidate], text: str) -> None:
    """国网 before a power company belongs to its name (国网布尔津县供电公司)."""
    for cand in chosen:
        if cand.label == "ORG" and text[max(0, cand.start - 2):cand.start] == STATE_GRID:
            cand.start -= 2
            cand.canonical = None


LIST_JOINERS = frozenset("、和与及")
# What may stand on either side of a bare list item (苏梅、哈尔科夫、顿涅茨克等).
ITEM_EDGES = frozenset("、和与及等,，;；:：()（）“”\"")
# What follows a place, never a person (顿涅茨克方向, 波克罗夫斯克地区, 敖德萨等多地).
PLACE_FOLLOWERS = ("方向", "地区", "等地", "等多地", "多地", "一线", "前线")


def places_among_places(chosen: list[Candidate], text: str) -> None:
    """A bare model PER listed beside a bare place (苏梅、哈尔科夫、顿涅茨克) or followed by
    a place word (顿涅茨克方向) is a place — a foreign toponym the models took for a name.
    Names after a title (国务卿基辛格、美国驻华大使…) and names that start with a common
    surname are kept."""
    ordered = sorted(chosen, key=lambda c: c.start)
    common = lex.surnames(TRUSTED_SURNAME_FREQUENCY)
    for i, cand in enumerate(ordered):
        if cand.label != "PER" or cand.source != "model" or text[cand.start] in common:
            continue
        if text.startswith(PLACE_FOLLOWERS, cand.end):
            cand.label, cand.canonical = "LOC", None
            continue
        if not _bare_item(text, cand.start, cand.end):
            continue
        before = ordered[i - 1] if i > 0 else None
        after = ordered[i + 1] if i + 1 < len(ordered) else None
        if any(n is not None and n.label == "LOC" and _joined(n, cand, text)
               and _bare_item(text, n.start, n.end) for n in (before, after)):
            cand.label, cand.canonical = "LOC", None


def _bare_item(text: str, start: int, end: int) -> bool:
    """The mention stands alone between list joiners or punctuation."""
    left = text[start - 1] if start > 0 else ","
    right = text[end] if end < len(text) else ","
    return left in ITEM_EDGES and right in ITEM_EDGES


def _joined(a: Candidate, b: Candidate, text: str) -> bool:
    """Two mentions separated by one list joiner (X、Y, X和Y)."""
    first, second = sorted((a, b), key=lambda c: c.start)
    return second.start - first.end == 1 and text[first.end] in LIST_JOINERS


# Branches named after their parent body (盘锦市生态环境局大洼分局, 互助农商银行五十支行,
# 青州市人民法院弥河人民法庭): the branch is one organisation with its parent.
BRANCH = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:分局|支行|分行|人民法庭|分公司|分院|分会|分校)")


def branch_offices(chosen: list[Candidate], text: str) -> list[Candidate]:
    """ORGs extended over the branch that follows them; entities the branch covered go."""
    out, skip_until = [], -1
    for cand in sorted(chosen, key=lambda c: c.start):
        if cand.start < skip_until:
            continue
        if cand.label == "ORG" and (m := BRANCH.match(text, cand.end)) \
                and all(c not in lex.FUNCTION_CHARS for c in m.group()):
            cand.end, cand.canonical, skip_until = m.end(), None, m.end()
        out.append(cand)
    return out
