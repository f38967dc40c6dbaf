"""Context around a formulation: the head noun after it, the issuer and verb before it,
and whether it is number-headed. Pure functions over plain strings.
"""

from __future__ import annotations

import re

CN_DIGITS = "一二两三四五六七八九十百千万"

# Nouns a formulation modifies: “八八战略”, “132”总体部署, “强链接”机制.
SLOGAN_HEADS = (
    "战略 工程 部署 要求 行动 计划 理念 路径 机制 精神 目标 任务 体系 模式 改革 试点 作风 定位 "
    "方针 思想 举措 论述 格局 经验 方法 工作法 路子 新路 之路 道路 文章 原则 标准 制度 政策 方略 "
    "主线 主题 导向 布局 愿景 使命 攻坚 攻坚战 专项行动 工作 重点 方向 目标任务 要义 内涵 蓝图 "
    "品格 定力 指引 部署要求 总要求 主攻方向 钥匙 金钥匙 路线图 战役 效应 样板 标杆 示范区 "
    "先行区 高地 城市品牌 发展观 政绩观 工作机制 体制 新格局 建设 发展模式 理论 重要思想 "
    "实践活动 创建活动 专项活动"
).split()

# Modifiers that may stand between the quote and its head: “132”总体部署.
MODIFIERS = (
    "重要 总体 工作 奋斗 重大 战略 核心 关键 改革 特色 这一 这个 这项 这条 全链条 全链 "
    "重点 专项 总 根本 基本 发展 产业 攻坚 系列 城市 实践 创新 工作 综合 集成 闭环 长效"
).split()

# Nouns that make the quote the name of an event, work, brand or place.
NAME_HEADS = (
    "系列活动 活动 品牌 文化节 艺术节 音乐节 旅游节 美食节 节 大赛 比赛 联赛 杯 晚会 演出 展览 "
    "展 之声 夏令营 冬令营 栏目 专栏 节目 剧 剧目 号 APP 公众号 小程序 工作室 俱乐部 合作社 "
    "民宿 商标 牌 超市 驿站 书屋 讲堂 课堂 志愿服务队 服务队 队 团 协会 奖 称号 荣誉称号 "
    "演唱会 音乐会 讲座 论坛 展演 赛事 公益行 之旅 号列车 客厅 食堂 直通车 热线 一条街 酒 茶 "
    "展销会 博览会 推介会 交易会 主题活动 协商活动 工作室 调解室 线路 精品线 短视频 微电影 "
    "命名 冠名 为名 字样 议题 篇章 指标 农产品 产品 特产 美食 小吃 表演"
).split()

SLOGAN_VERBS = (
    "深入实施 实施 贯彻落实 全面落实 落实 贯彻 践行 推进 深化 打造 坚持 围绕 聚焦 做好 抓好 抓 推动 "
    "实现 突破 打响 擦亮 唱响 弘扬 牢记 力行 奋楫力行 对标 锚定 构建 统筹 紧扣 树立 增强 做到 秉持 "
    "坚定 扛起 瞄准 打好 打赢 缩小 用好 学习运用 运用 按照 遵循 奋力 助力 推广 争当 争创 勇当 "
    "建强 深耕 迭代 升级 启动 谋划 开启 形成 提出 确立 秉承 发扬 传承 彰显 高举 贯穿 锻造 "
    "构筑 完善 健全 优化 强化 以 带 促 实施好 推进好 落实好 聚力 深化拓展 迭代升级 全面推进 "
    "持续深化 大力弘扬 纵深推进 探索 建设 开展 实行 推行 融入 服务 奋力打造 加快打造 全力打造"
).split()

NAME_VERBS = (
    "举办 举行 推出 上演 演出 观看 出演 参加 参与 荣获 获评 获得 命名为 被誉为 誉为 称为 被称为 "
    "人称 素有 号称 名为 叫做 叫 称作 昵称 冠名 首届 本届 创作 演唱 播出 题为 主题为 来到 走进 "
    "入选 打卡 评选出 评选 评出 评为 被评为 授予 荣膺 创建 获评为 欣赏 观赏 品尝 聆听 收看 收听"
).split()

# Verbs that introduce a metaphor or a nickname, not a formulation: 当好企业“店小二”.
METAPHOR_VERBS = (
    "成为 变成 成了 做成 当好 当起 当起了 做起了 当 做 是 像 如同 好比 堪称 穿 身穿 穿上 戴 戴上 "
    "用 靠 吃上 吃上了 吃 喝 住 体验 前来 给 为了 化身 争当 当上 变身"
).split()

SPEECH_VERBS = (
    "说 表示 指出 介绍 坦言 感慨 告诉记者 称 道 问 答 强调 认为 回忆 透露 直言 感叹 笑言 喊道 "
    "说道 笑着说 高兴地说 激动地说 动情地说 补充道 解释 提到 写道 回答"
).split()

ISSUERS = (
    "习近平总书记 总书记 党中央 中共中央 中央 国务院 党的二十大 二十届三中全会 省委省政府 "
    "市委市政府 县委县政府 区委区政府 省委 市委 县委 区委 省政府 市政府 县政府 区政府 全会 "
    "市委常委会 省委常委会 中央经济工作会议 国家"
).split()

_SEP = r"[\s,。!?;:，！？；：、“”‘’\"《》()（）\[\]【】…—·]"
_ALT = "|".join


def _alternation(words: list[str]) -> str:
    return _ALT(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_HEAD_OR_MOD = re.compile(f"(?:{_alternation(SLOGAN_HEADS + MODIFIERS)})")
_HEADS = frozenset(SLOGAN_HEADS)
_NAME_HEAD = re.compile(f"^(?:{_alternation(NAME_HEADS)})")
_NAME_HEAD_SET = frozenset(NAME_HEADS)
_SLOGAN_VERB = re.compile(f"(?:{_alternation(SLOGAN_VERBS)})(?:好|了)?$")
_NAME_VERB = re.compile(f"(?:(?:{_alternation(NAME_VERBS)})|第[0-9{CN_DIGITS}]{{1,4}}[届期季])$")
_SPEECH_BEFORE = re.compile(f"(?:{_alternation(SPEECH_VERBS)})\\s*[:,：，]?\\s*$")
_COLON_BEFORE = re.compile("[:：]\\s*$")
_SPEECH_AFTER = re.compile(
    f"^\\s*[,，]?\\s*[^\\s。!?;！？；“”\"]{{0,12}}?(?:{_alternation(SPEECH_VERBS)})"
    "(?:[:,。：，]|$|[^\u4e00-\u9fff])"
)
_ISSUER = re.compile(f"(?:{_alternation(ISSUERS)})(?:提出的|作出的|部署的|确定的|的)?$")

NUMBER_ONLY = re.compile(r"[0-9]{1,6}(?:[+×xX*/.-](?:[0-9]{1,6}|[NXnx]\b)){0,4}\+?")
_CN_NUMBERED = re.compile(f"[二两三四五六七八九十][{CN_DIGITS}]*")
# 百/千/万 head a formulation when they count something (百名侨商回归, 千村示范, 万企兴万村) or
# pair with another numeral (千万工程, 百千万), not in 百家宴 or 万家灯火.
_BIG_NUMBERED = re.compile(f"[百千万](?:[{CN_DIGITS}]|[名村县镇乡企户项个场亿]|.*[{CN_DIGITS}])")
_ONE_NUMBERED = re.compile("一(?:个|大|项|条|张|套|号|揽子|盘棋|体两翼|核|轴|中心)")
_ARABIC_NUMBERED = re.compile(r"[0-9]{1,3}(?:个|大|项|条|张)")


def is_numbered(canonical: str) -> bool:
    """Whether a formulation is number-headed: 八八战略, 三个核心关键, “4+1”, 十四五."""
    if not canonical:
        return False
    return bool(
        NUMBER_ONLY.fullmatch(canonical)
        or _CN_NUMBERED.match(canonical)
        or _BIG_NUMBERED.match(canonical)
        or _ONE_NUMBERED.match(canonical)
        or _ARABIC_NUMBERED.match(canonical)
    )


def window_before(text: str, start: int, size: int = 14) -> str:
    """Up to `size` characters before `start`, not crossing a line break."""
    chunk = text[max(0, start - size) : start]
    return chunk.rsplit("\n", 1)[-1]


def window_after(text: str, end: int, size: int = 14) -> str:
    """Up to `size` characters after `end`, not crossing a line break."""
    return text[end : end + size].split("\n", 1)[0]


_COORDINATED_QUOTE = re.compile(r"(?:[、和与及]|以及)?[“‘\"][^“”‘’\"\n]{1,40}[”’\"]")


def tail_after(text: str, end: int, size: int = 14) -> str:
    """The window after a chain of coordinated quotes that follows `end`: for “强城”“兴村”和
    “融合”三篇文章, every quote of the chain gets 三篇文章 (they share the head)."""
    for _ in range(8):
        match = _COORDINATED_QUOTE.match(text, end)
        if not match:
            break
        end = match.end()
    tail = window_after(text, end, size)
    return tail[1:] if tail.startswith("等") else tail


_COUNT_PREFIX = re.compile(f"^[0-9{CN_DIGITS}]{{1,3}}[个项篇条大场件张道]")


def head_after(after: str) -> str | None:
    """The head noun right after a formulation, skipping a count and modifiers
    (三篇文章 → 文章, 总体部署 → 部署)."""
    count = _COUNT_PREFIX.match(after)
    pos, head = (count.end() if count else 0), None
    for _ in range(5):
        match = _HEAD_OR_MOD.match(after, pos)
        if not match:
            break
        word = _longest_head(after, pos) or match.group()
        if word in _HEADS:
            head = word
        pos += len(word)
    return head


def _longest_head(after: str, pos: int) -> str | None:
    for size in range(5, 1, -1):
        word = after[pos : pos + size]
        if word in _HEADS:
            return word
    return None


def name_head_after(after: str) -> str | None:
    """A noun after the quote that marks it as a name: “牡丹亭”之声, “…”系列活动."""
    match = _NAME_HEAD.match(after)
    return match.group() if match else None


def slogan_verb_before(before: str, after: str = "为") -> bool:
    """深入实施“八八战略”, 以“强城”为重点 (以 only with 为: 以“同治”铲除… is an instrument)."""
    match = _SLOGAN_VERB.search(before)
    if not match:
        return False
    return match.group() not in ("以", "以好") or after.startswith("为")


def name_verb_before(before: str) -> bool:
    """举办“…”, 被誉为“…”, 第十八届“…”."""
    return bool(_NAME_VERB.search(before))


_METAPHOR = re.compile(f"(?:{_alternation(METAPHOR_VERBS)})[\u4e00-\u9fff]{{0,3}}$")
_PERFECTIVE = re.compile("[了过着]$")
_LOCATIVE = re.compile("(?:在|到|来到|走进|位于|进入)$")
_LOCATIVE_AFTER = re.compile("^(?:里|内|中|门口|旁|前)")
_UTTERANCE = re.compile("(?:一声|一句|连声|大声|高喊|喊着|喊出|齐声|异口同声地)$")


_THEME_AFTER = re.compile(
    f"^(?:的)?(?:[0-9{CN_DIGITS}]+个)?(?:议题|篇章|章节|乐章|宣传主题|主题词)|^的主题"
)
_THEME_BEFORE = re.compile("(?:主题为|主题是|主题|口号|议题|宣传语)[:：是为]?$")
_FIGURE_BEFORE = re.compile("(?:如同|好像|好比|犹如|宛如|仿佛|像是|像)[\u4e00-\u9fff]{0,8}$")
_COUNTED_BEFORE = re.compile(
    f"(?:一(?:条条|个个|座座|张张|批批|道道)|[0-9{CN_DIGITS}几多]+[个条座张台家支位名块片道间])$"
)


def theme_context(before: str, after: str) -> bool:
    """主题为“…”, “…”议题, 围绕“…”的主题: the title of an event, a debate or a show's part
    (a bare “…”主题 stays ambiguous: a work theme like “助力共富”主题 is a formulation)."""
    return bool(_THEME_AFTER.match(after) or _THEME_BEFORE.search(before))


def figure_before(before: str) -> bool:
    """如同给电网装上“智能方向盘”: a simile introduces a figurative noun."""
    return bool(_FIGURE_BEFORE.search(before))


def counted_before(before: str) -> bool:
    """一条条“电力高速路”, 10个“二线口岸”: a counted noun, not a formulation."""
    return bool(_COUNTED_BEFORE.search(before))


def metaphor_before(before: str) -> bool:
    """当好企业“店小二”, 吃上了“生态饭”, 身穿“红马甲”: a scare-quoted noun."""
    return bool(_METAPHOR.search(before) or _PERFECTIVE.search(before))


def locative_context(before: str, after: str) -> bool:
    """在“农家书屋”里: the quote names a place or facility."""
    return bool(_LOCATIVE.search(before) and _LOCATIVE_AFTER.match(after))


def utterance_before(before: str) -> bool:
    """一声“谢谢”: a short spoken utterance."""
    return bool(_UTTERANCE.search(before))


def name_head_near(after: str, span: int = 7) -> str | None:
    """A name noun a few characters after the quote: “丽水山景”短视频大赛."""
    window = re.split(_SEP, after, maxsplit=1)[0][:span]
    for end in range(len(window), 0, -1):
        for size in range(min(end, 5), 1, -1):
            word = window[end - size : end]
            if word in _NAME_HEAD_SET and not head_after(window[:end - size]) \
                    and not head_after(window[:end]):
                return word
    return None


def speech_verb_near(before: str, after: str, chars: int = 99) -> bool:
    """他说:“…” or “…”市发改委负责人表示; a short quote that the sentence goes on from is
    its subject, not speech (与会人员认为,“民主恳谈”是…)."""
    if _SPEECH_AFTER.match(after):
        return True
    embedded = chars <= 6 and bool(re.match("[\u4e00-\u9fff]", after))
    return bool(_SPEECH_BEFORE.search(before)) and not embedded


_CHAIN_LINK = re.compile(r"[“‘\"][^“”‘’\"\n]{1,40}[”’\"](?:[、和与及]|以及)?$")


def chain_start(text: str, start: int) -> int:
    """Start of the chain of coordinated quotes that ends at `start`: in 被称为“红色故都”
    “共和国摇篮”, the second quote's chain starts at the first (they share what precedes)."""
    for _ in range(8):
        match = _CHAIN_LINK.search(text, max(0, start - 48), start)
        if not match or match.end() != start:
            break
        start = match.start()
    return start


_CHANGE = "(?:到|向|变成|变为|成为|迈向|跃升为|转变为|转向|升级为|做成|变)"
_CONTRAST_AFTER = re.compile(f"^{_CHANGE}[“‘\"]")
_CONTRAST_BEFORE = re.compile(f"[”’\"]{_CHANGE}$")


def contrast(before: str, after: str) -> bool:
    """从“脏乱差”到“洁净美”, 把“流量”变成“留量”: the two ends of a change are descriptions
    (the classifier spares numbered stages: 从“一城独秀”到“一江双城”)."""
    return bool(_CONTRAST_AFTER.match(after) or _CONTRAST_BEFORE.search(before))


_DOCUMENT = re.compile("(?:建议|规划|纲要|公报|决定|意见|报告|》)[^，,。；;]{0,8}(?:提出|明确|强调|指出|对)$")


def document_before(before: str) -> bool:
    """《建议》提出“…”, 规划建议对“…”: the quote gives a document's wording."""
    return bool(_DOCUMENT.search(before))


_AVOID = re.compile("(?:避免|防止|杜绝|纠正|摒弃|警惕|谨防|克服|告别|拒绝|不搞|不当)$")


def avoided(before: str) -> bool:
    """有效避免“牛栏关猫”, 坚决纠正“当看客”: a formulation is done, not avoided."""
    return bool(_AVOID.search(before))


def colon_before(before: str) -> bool:
    """王女士:“…” — a bare colon introduces a quotation (headlines aside: 河北:“共享智造”推动…)."""
    return bool(_COLON_BEFORE.search(before)) and not _SPEECH_BEFORE.search(before)


def issuer_before(before: str) -> str | None:
    """The body named right before a formulation: 省委“132”总体部署 → 省委."""
    match = _ISSUER.search(before)
    if not match:
        return None
    issuer = match.group()
    for suffix in ("提出的", "作出的", "部署的", "确定的", "的"):
        if issuer.endswith(suffix) and issuer[: -len(suffix)] in ISSUERS:
            return issuer[: -len(suffix)]
    return issuer
