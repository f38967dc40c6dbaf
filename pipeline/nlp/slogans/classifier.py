"""Is a quoted span a formulation (提法), direct speech, a name, or something else?

A transparent linear score: each signal (feature) that fires adds its weight to the
evidence for "slogan" (negative weights count against it and towards a quotation type);
the sum goes through a logistic function to give `score`. Features belong to one of two
views — the CONTEXT around the quote or its CONTENT — so the context view alone can label
corpus quotes to train the content model (`slogan_model`), which adds one more feature.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.nlp.slogans import context as ctx
from pipeline.nlp.slogans.quotes import Quote

SENTENCE_PUNCT = re.compile(r"[,。!?;:…，！？；：]|——")
PRONOUNS = re.compile(r"[我你他她咱俺您它]")
PARTICLES = re.compile(r"[了吗呢吧啊呀哦嘛哈啦]|起来|就从|一下|不了|得很|得好")
GEO_SUFFIX = re.compile(r"[口湾岛江河湖港溪岭峡洲滩坑坞岙垟]$")
NAME_SUFFIX = re.compile(
    r"((?<!字)号|[^一每当]日|杯|节|赛|馆|店|村|镇|乡|街道|社区|公司|集团|学校|中学|小学|大学|学院"
    r"|驿站|专列|列车|书屋|之家|客厅|食堂|讲堂|学堂|服务队|热线|小组|委员会|联盟|协会)$"
)
HEAD_SUFFIX = re.compile("(?:工程|计划|行动|战略|工作法|理念|精神)$")
CHAR_AFTER = re.compile(r"^(?:两字|二字|字|型|形|式样)")
# A figurative noun after the quote: 下足“绣花”功夫, 拿出“拼”的劲头 (not “钉钉子”精神).
FIGURE_AFTER = re.compile(r"^的?(?:功夫|劲头|劲儿|范儿|味儿)")
# Verbs that take a work target: 奋力夺取一季度“开门红”, 确保“双过半” (not 实现, which also
# takes achievement descriptions: 实现“零延时、零接触、零等待”).
TARGET_BEFORE = re.compile("(?:夺取|确保|冲刺|力争|奋战|赢得|打好|实现全年)[^，,。；;“”]{0,4}$")
DEMONSTRATIVE = re.compile("[这那一][支双名位座条只片道把颗股]$")
COUNTED = re.compile(r"^[0-9一二两三四五六七八九十百千]+(?:户|对|名|位|人)")
QUANTITY_BEFORE = ("更多", "许多", "很多", "一些", "一种", "一份", "一张", "一批", "一大批", "一桌")
# Figurative nouns: metaphors, nicknames and sobriquets end in them (“文旅大餐”, “红色引擎”,
# “共和国摇篮”, “青瓷之都”, “米袋子”).
FIGURATIVE = re.compile(
    "(?:大餐|盛宴|套餐|摇篮|堡垒|引擎|大脑|名片|招牌|粮仓|聚宝盆|摇钱树|之都|之乡|之城|之邦|故都|"
    "明珠|后花园|排头兵|领头雁|主力军|店小二|和事佬|风向标|晴雨表|压舱石|稳定器|加速度|含金量|组合拳|"
    "助推器|试验田|答卷|画卷|之变|高速路|走廊|方向盘|定心丸|强心剂|金钥匙|袋子|篮子|盘子)$"
)
# A model or method noun at the end of a short noun phrase after the quote: “赏花+研学”旅游模式.
HEAD_NEAR = re.compile(
    "^[\u4e00-\u9fff]{1,4}?(?:模式|机制|体系|工程|战略|行动|计划|路径|理念|经验|思路|制度|改革)"
    "(?:$|[^\u4e00-\u9fff]|[的和与及])"
)
SO_CALLED = ("所谓", "俗称", "戏称", "成了", "变成", "当起了", "做起了")
COORDINATED_PLAIN = re.compile("^[和与及][\u4e00-\u9fff]")  # “一把手”和领导班子: a plain noun
LATIN = re.compile(r"[A-Za-z]+")
NUMERAL_CHAR = re.compile("[一二两三四五六七八九十百千万双]")  # 从“一城独秀”到“一江双城”: stages
CN_CHARS = re.compile(r"[\u4e00-\u9fff]")
MAX_SLOGAN_CHARS = 40
DOCUMENT_MIN_CHARS = 10  # a document's wording, not a coined formulation (those are shorter)
MODEL_BIAS = 0.4  # the content model's centre sits slightly on the "other" side
THRESHOLD = 0.0

# feature → (weight, quotation type it supports when negative, view)
FEATURES: dict[str, tuple[float, str | None, str]] = {
    "short": (0.6, None, "content"),
    "medium": (0.2, None, "content"),
    "long": (-2.0, "speech", "content"),
    "very_long": (-3.5, "speech", "content"),
    "sentence_punct": (-5.0, "speech", "content"),
    "utterance_before": (-3.0, "speech", "context"),
    "speech_verb": (-2.5, "speech", "context"),
    "colon_before": (-2.5, "speech", "context"),
    "head_after": (2.0, None, "context"),
    "issuer": (2.0, None, "context"),
    "numbered": (2.0, None, "content"),
    "lexicon": (3.0, None, "content"),
    "slogan_verb": (1.2, None, "context"),
    "adjacent": (1.2, None, "context"),
    "parallel": (1.5, None, "content"),
    "head_suffix": (1.0, None, "content"),
    "nested": (0.5, None, "content"),
    "name_head_after": (-3.0, "name", "context"),
    "name_head_near": (-2.0, "name", "context"),
    "locative": (-2.5, "name", "context"),
    "name_verb": (-2.0, "name", "context"),
    "geo_suffix": (-3.0, "name", "content"),
    "name_suffix": (-2.0, "name", "content"),
    "entity": (-3.0, "name", "content"),
    "known_name": (-2.0, "name", "content"),
    "middle_dot": (-1.0, "name", "content"),
    "pronoun": (-1.5, "other", "content"),
    "counted_after": (-1.5, "name", "context"),
    "latin_only": (-1.5, "name", "content"),
    "dictionary_word": (-1.5, "other", "content"),
    "char_after": (-4.0, "other", "context"),
    "metaphor_verb": (-1.5, "other", "context"),
    "attributive": (-1.5, "other", "content"),
    "title_before": (-1.0, "other", "context"),
    "particles": (-2.5, "other", "content"),
    "quantity_before": (-1.5, "other", "context"),
    "de_before": (-1.5, "other", "context"),
    "de_after": (-1.0, "other", "context"),
    "demonstrative": (-1.5, "other", "context"),
    "so_called": (-1.5, "other", "context"),
    "negated_clause": (-1.0, "other", "content"),
    "content_model": (1.0, "other", "content"),
    "theme": (-3.0, "name", "context"),
    "coordinated_plain": (-1.0, "other", "context"),
    "figure_before": (-2.5, "other", "context"),
    "counted_before": (-1.0, "other", "context"),
    "figurative": (-1.5, "other", "content"),
    "head_near": (1.2, None, "context"),
    "contrast": (-2.0, "other", "context"),
    "avoided": (-2.5, "other", "context"),
    "document_wording": (-2.5, "speech", "context"),
    "figure_after": (-2.0, "other", "context"),
    "target_verb": (2.0, None, "context"),
}


@dataclass(frozen=True)
class Judgement:
    """The verdict on one quoted span."""

    label: str  # slogan | speech | name | other
    score: float  # probability-like confidence that it is a slogan
    head: str | None
    issuer: str | None
    numbered: bool


@dataclass(frozen=True)
class Context:
    """What the classifier knows about the surroundings of a quote."""

    adjacent: bool = False  # another quote touches it: “强城”“兴村”
    entity_label: str | None = None  # an entity covering exactly the quoted text
    in_lexicon: bool = False
    word_tag: str | None = None  # "w" dictionary word, "name" known name (slogan_words)
    content_score: float | None = None  # log-odds of the content model, if loaded


@dataclass(frozen=True)
class Window:
    """The quote's content and what surrounds it."""

    canon: str
    bare: str
    before: str
    lead: str  # the window before the chain of coordinated quotes this one belongs to
    after: str
    tail: str  # the window after the chain of coordinated quotes this one belongs to
    head: str | None
    issuer: str | None
    numbered: bool


def window(text: str, quote: Quote, canonical: str) -> Window:
    """Gather the quote's content and context windows."""
    before = ctx.window_before(text, quote.start)
    lead = ctx.window_before(text, ctx.chain_start(text, quote.start))
    after = ctx.window_after(text, quote.end)
    tail = ctx.tail_after(text, quote.end)
    bare = canonical.replace("“", "").replace("”", "")
    return Window(
        canon=canonical, bare=bare, before=before, lead=lead, after=after, tail=tail,
        head=None if ctx.name_head_after(tail) else ctx.head_after(tail),
        issuer=ctx.issuer_before(lead),
        numbered=ctx.is_numbered(canonical) and not GEO_SUFFIX.search(canonical),
    )


def judge(text: str, quote: Quote, canonical: str, context: Context) -> Judgement:
    """Classify one quote pair of `text` whose canonical content is `canonical`."""
    w = window(text, quote, canonical)
    fired = features(w, context)
    evidence = score_features(fired)
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, evidence))))
    label = "slogan" if evidence > THRESHOLD else _quotation_type(fired)
    return Judgement(label, round(score, 4), w.head, w.issuer, w.numbered)


def score_features(fired: dict[str, float], view: str | None = None) -> float:
    """Weighted sum of fired features (of one view only when `view` is given)."""
    return sum(FEATURES[name][0] * value for name, value in fired.items()
               if view is None or FEATURES[name][2] == view)


def features(w: Window, context: Context) -> dict[str, float]:
    """Every feature that fires for this quote, with its value (1.0 unless graded)."""
    n = len(w.bare)
    if n <= 1 or (LATIN.fullmatch(w.bare) and n <= 3):
        return {"char_after": 1.5}
    fired: dict[str, float] = {}
    for name, test in _CHECKS:
        if test(w, context, n):
            fired[name] = 1.0
    if context.content_score is not None and context.word_tag is None:
        fired["content_model"] = max(-3.0, min(3.0, context.content_score + MODEL_BIAS))
    return fired


def _length_feature(n: int, bare: str) -> str | None:
    parallel = "、" in bare or "+" in bare or "·" in bare
    if n <= 8:
        return "short"
    if n <= 12:
        return "medium"
    if n <= 16 or (parallel and n <= 26):
        return None
    return "long" if n <= 26 else "very_long"


def _parallel(bare: str) -> bool:
    """奋斗实干、担当争先: 、-joined parts of similar, slogan-like length."""
    parts = bare.split("、")
    return len(parts) >= 2 and all(2 <= len(p) <= 10 for p in parts)


Check = Callable[[Window, Context, int], bool]
_CHECKS: list[tuple[str, Check]] = [
    ("short", lambda w, c, n: _length_feature(n, w.bare) == "short"),
    ("medium", lambda w, c, n: _length_feature(n, w.bare) == "medium"),
    ("long", lambda w, c, n: _length_feature(n, w.bare) == "long"),
    ("very_long", lambda w, c, n: _length_feature(n, w.bare) == "very_long"),
    ("sentence_punct", lambda w, c, n: bool(SENTENCE_PUNCT.search(w.bare)) or n > MAX_SLOGAN_CHARS),
    ("utterance_before", lambda w, c, n: ctx.utterance_before(w.before)),
    ("speech_verb", lambda w, c, n: ctx.speech_verb_near(w.before, w.after, n)),
    ("colon_before", lambda w, c, n: n > 6 and ctx.colon_before(w.before)),
    ("head_after", lambda w, c, n: w.head is not None),
    ("issuer", lambda w, c, n: w.issuer is not None),
    ("numbered", lambda w, c, n: w.numbered),
    ("lexicon", lambda w, c, n: c.in_lexicon),
    ("slogan_verb", lambda w, c, n: ctx.slogan_verb_before(w.lead, w.after)
     and not ctx.theme_context("", w.tail)),
    ("adjacent", lambda w, c, n: c.adjacent),
    ("parallel", lambda w, c, n: _parallel(w.bare)),
    ("head_suffix", lambda w, c, n: bool(HEAD_SUFFIX.search(w.bare))),
    ("nested", lambda w, c, n: "“" in w.canon),
    ("name_head_after", lambda w, c, n: ctx.name_head_after(w.tail) is not None),
    ("name_head_near", lambda w, c, n: ctx.name_head_after(w.tail) is None
     and ctx.name_head_near(w.tail) is not None),
    ("locative", lambda w, c, n: ctx.locative_context(w.before, w.after)),
    ("name_verb", lambda w, c, n: ctx.name_verb_before(w.lead)),
    ("geo_suffix", lambda w, c, n: bool(GEO_SUFFIX.search(w.bare)) and n <= 3),
    ("name_suffix", lambda w, c, n: bool(NAME_SUFFIX.search(w.bare)) and n >= 3),
    ("entity", lambda w, c, n: c.entity_label in ("PER", "LOC", "ORG", "GPE")),
    ("known_name", lambda w, c, n: c.word_tag == "name"),
    ("middle_dot", lambda w, c, n: "·" in w.bare),
    ("pronoun", lambda w, c, n: bool(PRONOUNS.search(w.bare))),
    ("counted_after", lambda w, c, n: bool(COUNTED.match(w.after))),
    ("latin_only", lambda w, c, n: bool(LATIN.search(w.bare)) and not CN_CHARS.search(w.bare)
     and not ctx.is_numbered(w.bare)),
    ("dictionary_word", lambda w, c, n: c.word_tag == "w" and not c.in_lexicon),
    ("char_after", lambda w, c, n: bool(CHAR_AFTER.match(w.after))),
    ("figure_after", lambda w, c, n: bool(FIGURE_AFTER.match(w.tail))),
    ("target_verb", lambda w, c, n: n <= 8 and bool(TARGET_BEFORE.search(w.lead))),
    ("metaphor_verb", lambda w, c, n: ctx.metaphor_before(w.lead)),
    ("attributive", lambda w, c, n: bool(re.search("[式型性]$", w.bare)) and n <= 4),
    ("title_before", lambda w, c, n: "《" in w.before or "》" in w.before),
    ("particles", lambda w, c, n: bool(PARTICLES.search(w.bare))),
    ("quantity_before", lambda w, c, n: w.lead.endswith(QUANTITY_BEFORE)),
    ("de_before", lambda w, c, n: w.before.endswith("的") and n <= 3),
    ("de_after", lambda w, c, n: w.after.startswith("的") and n <= 3),
    ("demonstrative", lambda w, c, n: bool(DEMONSTRATIVE.search(w.lead))),
    ("so_called", lambda w, c, n: w.lead.endswith(SO_CALLED)),
    ("theme", lambda w, c, n: ctx.theme_context(w.before, w.tail)),
    ("coordinated_plain", lambda w, c, n: bool(COORDINATED_PLAIN.match(w.after))),
    ("figure_before", lambda w, c, n: ctx.figure_before(w.lead)),
    ("counted_before", lambda w, c, n: ctx.counted_before(w.lead)),
    ("figurative", lambda w, c, n: bool(FIGURATIVE.search(w.bare))),
    ("head_near", lambda w, c, n: w.head is None and ctx.name_head_after(w.tail) is None
     and bool(HEAD_NEAR.match(w.tail))),
    ("contrast", lambda w, c, n: ctx.contrast(w.before, w.after)
     and not NUMERAL_CHAR.search(w.bare)),
    ("avoided", lambda w, c, n: ctx.avoided(w.lead)),
    ("document_wording", lambda w, c, n: n >= DOCUMENT_MIN_CHARS and ctx.document_before(w.lead)),
    ("negated_clause", lambda w, c, n: n > 8 and "、" not in w.bare
     and bool(re.search("[不没]", w.bare))),
]


def _quotation_type(fired: dict[str, float]) -> str:
    """The non-slogan type with the most evidence against "slogan"."""
    totals = {"speech": 0.0, "name": 0.0, "other": 0.0}
    for name, value in fired.items():
        weight, kind, _ = FEATURES[name]
        if kind and weight * value < 0:
            totals[kind] -= weight * value
    best = max(totals, key=lambda k: totals[k])
    return best if totals[best] > 0 else "other"
