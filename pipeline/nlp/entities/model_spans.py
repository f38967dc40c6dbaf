"""The NER models' spans as entity candidates, with their systematic slips mended.

`model_candidates` reads what `baokan_ner` / `baokan_ner_words` left in `doc.user_data`
(`model_spans` chooses between the two models' spans), splits spans on whitespace, trims
punctuation, ordinals, prepositions and titles, and mends the slips listed in
`mend_model_spans` and `consistent_persons`; the merger (`component.py`) then weighs them
against the rules.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc

from pipeline.nlp.entities import lexicons as lex
from pipeline.nlp.entities import rules
from pipeline.nlp.entities.ner_models import MODEL_KEY, WORD_MODEL_KEY


def model_candidates(doc: Doc, text: str) -> list[rules.Candidate]:
    """The models' spans of `doc` as mended candidates (source "model")."""
    model = [rules.Candidate(person_start(text, s, e) if lab == "PER" else s, e, lab,
                             "model", score, None)
             for start, end, lab, score in model_spans(doc)
             for s, e in split_on_space(text, start, end)]
    mend_model_spans(model, text)
    model = rules.split_country_companies(model, text)
    consistent_persons(model, text)
    return model


def model_spans(doc: Doc) -> list[tuple[int, int, str, float]]:
    """The models' spans: one model's alone, or — when both ran — each model's stronger
    labels (word model ORG, character model PER/LOC), then any other span of either model
    where nothing was chosen: the character model's over-long ORG spans (中国对外政策) are
    dropped and the word model's place inside is kept, and an organisation only the
    character model found is kept (+1.3 / +0.2 micro F1 on MSRA / People's Daily test)."""
    spans = doc.user_data.get(MODEL_KEY)
    words = doc.user_data.get(WORD_MODEL_KEY)
    if spans is None or words is None:
        return spans or words or []
    chosen = [w for w in words if w[2] == "ORG"]
    for candidates in ([s for s in spans if s[2] != "ORG"], [w for w in words if w[2] != "ORG"],
                       [s for s in spans if s[2] == "ORG"]):
        chosen += [c for c in candidates if not _overlaps(c, chosen)]
    return sorted(chosen)


def _overlaps(span: tuple, others: list[tuple]) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


# A three-character model person ending in one of these took the word after a two-character
# name (宣传部长王纲到温州 → 王纲, 李强受邀 → 李强).
NAME_FOLLOWERS = frozenset("到在说是的了对把将从向受等就也称用告作")
# A model organisation ending in one of these is a place (龙羊峡水电站, 和顺古镇).
FACILITY_ENDINGS = ("水电站", "电站", "机场", "水库", "大桥", "码头", "火车站", "高铁站", "景区",
                    "公园", "古镇", "古城", "遗址", "广场", "湿地", "隧道")
# A model place ending in one of these is an organisation (余村党支部, X镇人民政府).
ORG_ENDINGS = ("党支部", "党总支", "党委", "党组", "委员会", "村委会", "居委会", "管委会",
               "人民政府", "公司", "集团", "银行", "医院", "大学", "学院", "中学", "小学",
               "协会", "研究所", "研究院", "公安局", "法院", "检察院")


# An organisation never ends in a session number: the organ follows it (九届全国人大).
SESSION_SUFFIX = re.compile(r"第?[一二三四五六七八九十百零〇]+届$")


def mend_model_spans(model: list[rules.Candidate], text: str) -> None:
    """Model spans with four systematic slips mended: a person that took the verb after a
    two-character name loses it, a "person" of four or more characters ending in 州 is a
    place, a place ending in an organisation word becomes an organisation, and an
    organisation that took the session number after it loses it (省委十五届七次全会 → 省委).
    (亚 in 亚运会 stays a place: MSRA tags it so, 43 of 47 times.)"""
    for cand in model:
        span = text[cand.start:cand.end]
        if cand.label == "PER" and len(span) == 3 and span[-1] in NAME_FOLLOWERS:
            cand.end -= 1
        elif cand.label == "PER" and len(span) >= 4 and span[-1] == "州":
            cand.label = "LOC"  # 敖德萨州, 萨马拉州: a state or oblast (persons: 陈贵州, 3 chars)
        elif cand.label == "LOC" and span.endswith(ORG_ENDINGS):
            cand.label = "ORG"
        elif cand.label == "ORG" and span.endswith(FACILITY_ENDINGS):
            cand.label = "LOC"  # 龙羊峡水电站, 广州白云机场: named facilities are places
        elif cand.label == "PER" and len(span) in (2, 3) and span[-1] == "村":
            cand.label = "LOC"  # 余村, 俞邦村: villages
        elif cand.label == "ORG" and span.endswith("党组") and \
                text[cand.end:cand.end + 2] in ("成员", "书记") and len(span) > 4:
            cand.end -= 2  # 区政府|党组成员: the title is 党组成员
        elif cand.label == "ORG" and (session := SESSION_SUFFIX.search(
                span + ("届" if text[cand.end:cand.end + 1] == "届" else ""))):
            if session.start() >= 2:  # 中共二十|届 (the model stopped before 届) too
                cand.end = cand.start + session.start()


def trim_word_prefixes(model: list[rules.Candidate], found: list[rules.Candidate],
                        text: str) -> None:
    """A model organisation that is a rule's organ with a verb-like word in front of it
    (联合|市发展改革委, 通过|县财政局) starts where the organ starts (not 中国|国务院)."""
    organ_start = {c.end: c.start for c in found if c.label == "ORG" and c.source == "rule"}
    for cand in model:
        start = organ_start.get(cand.end)
        if (cand.label == "ORG" and start is not None and start > cand.start
                and text[cand.start:start] in lex.verb_like_words()):
            cand.start = start


def consistent_persons(model: list[rules.Candidate], text: str) -> None:
    """Model persons end as the same person elsewhere in the article: a two-character one
    followed by the character that makes a three-character person found elsewhere is
    extended (丁薛|祥 when 丁薛祥 is found too); a three-character one whose first two
    characters are a person found elsewhere, and whose last character makes a word with the
    next one, ends a character earlier (陈红带|队 when 陈红 is found too)."""
    people = {text[c.start:c.end] for c in model if c.label == "PER"}
    for cand in model:
        if cand.label != "PER":
            continue
        if cand.end - cand.start == 2 and len(longer := text[cand.start:cand.end + 1]) == 3 \
                and longer in people:
            cand.end += 1
        elif (cand.end - cand.start == 3 and text[cand.start:cand.end - 1] in people
              and rules.dictionary_word(text[cand.end - 1:cand.end + 1])):
            cand.end -= 1


def split_on_space(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parts of a model span between whitespace (张可 郑丹 are two names), with unpaired
    punctuation, wrapping quotes and a trailing ordinal trimmed (“兴村 → 兴村, “三江口” →
    三江口, X小学第十八 → X小学); parts with an unbalanced quote inside (X第十八届“牡丹亭)
    are dropped."""
    parts, begin = [], start
    for i in range(start, end + 1):
        if i == end or text[i].isspace():
            trimmed = _trim_ordinal(text, *_trim(text, begin, i))
            if trimmed[1] > trimmed[0] and _balanced(text[trimmed[0]:trimmed[1]]):
                parts.append(trimmed)
            begin = i + 1
    return parts


PAIRS = {"“": "”", "‘": "’", "《": "》", "(": ")", "（": "）", "「": "」"}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}


def _trim(text: str, begin: int, stop: int) -> tuple[int, int]:
    while stop > begin:
        inner = text[begin:stop]
        first, last = inner[0], inner[-1]
        if len(inner) > 2 and PAIRS.get(first) == last and inner.count(first) == 1:
            begin, stop = begin + 1, stop - 1
        elif _is_punct(first) and not (first in PAIRS and PAIRS[first] in inner[1:]):
            begin += 1
        elif _is_punct(last) and not (last in CLOSERS and CLOSERS[last] in inner[:-1]):
            stop -= 1
        else:
            break
    return begin, stop


TRAILING_ORDINAL = re.compile(r"第[0-9〇零一二三四五六七八九十百千两]+$")


def _trim_ordinal(text: str, begin: int, stop: int) -> tuple[int, int]:
    """A name never ends in an ordinal: 第十八 belongs to the 届/次/期 that follows."""
    match = TRAILING_ORDINAL.search(text, begin, stop)
    return (begin, match.start()) if match and match.start() - begin >= 2 else (begin, stop)


# Characters that start no four-character name: a person span of four or more characters
# that begins with one took the preposition before a name (习近平同拉马福萨总统会谈).
PREPOSITIONS = frozenset("与和同跟对把被让给在将为从")
# Titles of foreign office-holders, besides those in titles.txt, that a model person span
# may have taken in front of the name (多数党领袖图恩).
FOREIGN_TITLES = ("总统", "首相", "议长", "国王", "王储", "领袖", "大使", "外长", "总督")


def person_start(text: str, start: int, end: int) -> int:
    """Start of a model PER span without a leading preposition (同拉马福萨 → 拉马福萨) or
    title (领袖图恩 → 图恩, 书记王五 → 王五) when two characters of name remain."""
    if end - start >= 4 and text[start] in PREPOSITIONS:
        return start + 1
    title = rules.title_at(text, start) or next(
        (t for t in FOREIGN_TITLES if text.startswith(t, start)), None)
    return start + len(title) if title and end - start - len(title) >= 2 else start


def _balanced(inner: str) -> bool:
    """No quote or bracket opened without being closed (or the reverse) inside the span."""
    return all(inner.count(opener) == inner.count(closer) for opener, closer in PAIRS.items())


def _is_punct(char: str) -> bool:
    return unicodedata.category(char).startswith("P")
