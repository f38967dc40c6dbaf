"""Web page furniture in scraped text: dropped after normalization, before layout.

Scraped news (JSONL feeds, saved pages) carries the page's furniture as lines of text: a
timestamp, 来源: with the source on the next line, the font-size switch (字号:默认 / 大 /
超大), | separators, 打印, navigation (首页 | 简 | 繁 | 登录), inline JavaScript, and the
editor credit (【我要纠错】责任编辑:…). Laid out as a page, they become headlines (a bare
新华社) or articles. A line is dropped when it belongs to a run of furniture lines holding at
least one unmistakable marker, so a lone 大 or 中 in article text stays.
"""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u9fff]")
SEPARATOR = re.compile(r"^[|｜/·•>»\-—]+$")
TIMESTAMP = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
FONT_SIZE = re.compile(r"^字号\s*:")
SOURCE_LABEL = re.compile(r"^(?:来源|稿源|出处)\s*:\s*(?P<name>[^。,;!?]{0,20})$")
EDITOR = re.compile(r"^(?:【我要纠错】)?[\[【(]?(?:责任编辑|责编|编辑|校对|审核|审校|监制|编审)\s*:"
                    r"\s*[\u4e00-\u9fff·、 ]{1,24}[\]】)]?$")
ERRATA = re.compile(r"^【我要纠错】")
CODE_START = re.compile(r"^(?:function\b|var\b|let\b|const\b|if\s*\(|else\b|for\s*\(|while\s*\(|"
                        r"return\b|window\.|document\.|//|\}|\{)")
CODE_END = re.compile(r"[;{}]$")
# Words that are furniture only next to a marker: the font-size switch and page buttons.
WEAK = frozenset({"大", "中", "小", "超大", "默认", "打印"})
NAVIGATION = frozenset({
    "首页", "简", "繁", "简体", "繁体", "EN", "English", "登录", "注册", "个人中心", "退出",
    "邮箱", "无障碍", "关闭", "收藏", "分享", "分享到", "分享到:", "纠错", "返回顶部", "相关稿件",
    "相关新闻", "相关阅读", "【打印】", "【关闭】", "【收藏】", "扫一扫", "客户端",
})
MAX_SOURCE_NAME = 16


def drop_web_clutter(text: str) -> str:
    """`text` (normalized: one paragraph per line) without its runs of furniture lines."""
    lines = text.split("\n") if text else []
    kept: list[str] = []
    i = 0
    while i < len(lines):
        end, marked = _furniture_run(lines, i)
        if end == i:
            kept.append(lines[i])
            i += 1
            continue
        if not marked:
            kept.extend(lines[i:end])
        i = end
    return "\n".join(kept)


def _furniture_run(lines: list[str], start: int) -> tuple[int, bool]:
    """End of the run of furniture lines from `start`, and whether it holds a marker."""
    end, marked = start, False
    while end < len(lines) and (kind := _furniture(lines[end])):
        marked = marked or kind == "marker"
        label = SOURCE_LABEL.match(lines[end])
        end += 1
        if label and not label["name"] and end < len(lines) and _source_name(lines[end]):
            end += 1  # 来源: followed by the source's name on its own line
    return end, marked


def _furniture(line: str) -> str | None:
    """"marker", "weak" or None (article text)."""
    if line in WEAK:
        return "weak"
    if (line in NAVIGATION or SEPARATOR.match(line) or TIMESTAMP.match(line)
            or FONT_SIZE.match(line) or SOURCE_LABEL.match(line) or EDITOR.match(line)
            or ERRATA.match(line) or _code(line)):
        return "marker"
    return None


def _code(line: str) -> bool:
    """A line of inline JavaScript (Chinese text ending in ; after normalization is not)."""
    return bool(CODE_START.match(line) or (CODE_END.search(line) and not HAN.search(line)))


def _source_name(line: str) -> bool:
    return len(line) <= MAX_SOURCE_NAME and not re.search(r"[。,;!?:]", line)
