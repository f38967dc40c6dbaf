"""Page layout: split a normalized page into articles with headline, bylines and dateline.

A printed page holds several items. Each starts with a block of heading lines (short,
no sentence punctuation: headline, kicker, subtitle, deck) followed by a byline or a
dateline (本报讯(记者 X)7月5日 / 本报记者 X), or it is a photo caption: one paragraph
ending in photo credits (… 首席记者 X 通讯员 Y / (记者 X 摄)). Heading lines inside an
article that are not followed by a byline are section subheads and stay in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROLE = r"(?:本报)?(?:首席|特约|见习|实习|摄影)?(?:记者|通讯员)|本报特派记者|特派记者"
ROLE_RE = re.compile(ROLE)
NAME = r"[\u4e00-\u9fff·]{2,5}"
NAMES = rf"(?:{ROLE})[ \u3000]*{NAME}(?:[ 、,]+(?:(?:{ROLE})[ \u3000]*)?{NAME})*"
BULLETS = "■●▲◆★□◇"
# 本报记者 X / ■记者 X 通讯员 Y / (记者 X 通讯员 Y) alone on a line
BYLINE = re.compile(rf"^[{BULLETS}\s]*(?:\({NAMES}\)|{NAMES})$")
DATELINE = re.compile(
    r"^[" + BULLETS + r"\s]*(?:本报讯|本报[\u4e00-\u9fff]{1,8}电|"
    r"(?:新华社|中新社|人民网|央视网)[\u4e00-\u9fff0-9]{0,12}电)"
    rf"(?:\s*\([^()\n]{{1,60}}\)|[ \u3000]+{NAMES}(?=[ \u3000]))?"
    r"(?:\s*\d{1,2}月\d{1,2}日(?:电)?)?"
)
SHORT_EXCLAMATION = 30
TRAILING_CREDIT = re.compile(
    rf"(?:[。!?”)]\s*|\s)((?:(?:{ROLE})[ \u3000]*{NAME}(?:[ 、]+{NAME})*[ \u3000]*)+(?:摄)?)$"
    rf"|\(((?:{ROLE})[ \u3000]*{NAME}(?:[ 、]+(?:(?:{ROLE})[ \u3000]*)?{NAME})*[ \u3000]*摄)\)$"
)
SENTENCE_PUNCT = re.compile(r"[。!?;…]")
KICKER = re.compile(r"^(?:——|--|—)")
MAX_HEADING = 90
BRIEF_CHARS = 160


@dataclass
class Paragraph:
    """One line of the normalized text with its offsets."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    """An item on the page; offsets into the normalized document text."""

    start: int
    end: int
    headline: str | None = None
    subheadline: str | None = None
    reporters: list[str] = field(default_factory=list)
    dateline: str | None = None
    type: str = "news"
    paragraphs: list[Paragraph] = field(default_factory=list)


def paragraphs(text: str) -> list[Paragraph]:
    """Split text on newlines, keeping offsets; blank lines are skipped."""
    result, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            left = start + len(line) - len(line.lstrip())
            result.append(Paragraph(left, left + len(stripped), stripped))
        start = end + 1
    return result


def split_articles(text: str) -> list[Article]:
    """Split a normalized page into articles (at least one when the text is not blank)."""
    paras = paragraphs(text)
    groups = _group(paras)
    return [_article(group) for group in groups if group]


def is_heading(paragraph: str) -> bool:
    """Short line without sentence punctuation: headline, kicker, subtitle, deck or subhead."""
    exclaims = len(paragraph) <= SHORT_EXCLAMATION and not re.search("[。;…]", paragraph)
    return (
        len(paragraph) <= MAX_HEADING
        and (exclaims or not SENTENCE_PUNCT.search(paragraph))
        and not paragraph.endswith((",", ":", "、"))
        and not BYLINE.match(paragraph)
        and not DATELINE.match(paragraph)
    )


def _starts_item(paras: list[Paragraph], i: int) -> bool:
    """Does a heading block starting at paragraph i open a new article?"""
    j = i
    while j < len(paras) and is_heading(paras[j].text):
        j += 1
    if j == i:
        return False
    block = paras[i:j]
    following = paras[j].text if j < len(paras) else ""
    return bool(
        BYLINE.match(following)
        or DATELINE.match(following)
        or any(KICKER.match(p.text) for p in block)
        or len(block) >= 2
    )


def _group(paras: list[Paragraph]) -> list[list[Paragraph]]:
    groups: list[list[Paragraph]] = [[]]
    in_heading = False
    for i, para in enumerate(paras):
        has_body = any(not is_heading(p.text) for p in groups[-1])
        if _caption_credit(para.text) and has_body and not in_heading and not _is_photo_note(para):
            groups.append([para])
            groups.append([])
            continue
        if not in_heading and has_body and _starts_item(paras, i):
            groups.append([])
        groups[-1].append(para)
        in_heading = is_heading(para.text)
    return [g for g in groups if g]


def _article(group: list[Paragraph]) -> Article:
    article = Article(start=group[0].start, end=group[-1].end, paragraphs=group)
    headings: list[str] = []
    for para in group:
        if not is_heading(para.text):
            break
        headings.append(para.text)
    body_start = len(headings)
    if headings:
        main = next((h for h in headings if not KICKER.match(h)), headings[0])
        article.headline = main
        rest = [h for h in headings if h is not main]
        article.subheadline = "\n".join(rest) or None
    for para in group[body_start:]:
        _read_bylines(article, para.text)
    article.type = _article_type(article, group, body_start)
    return article


def _read_bylines(article: Article, text: str) -> None:
    if BYLINE.match(text):
        _add_names(article, text)
        return
    dateline = DATELINE.match(text)
    if dateline and article.dateline is None:
        article.dateline = dateline.group(0).strip(BULLETS + " ")
        inner = re.search(r"\(([^()]*)\)", article.dateline)
        _add_names(article, inner.group(1) if inner else article.dateline)
    credit = _caption_credit(text)
    if credit:
        _add_names(article, credit)


def _is_photo_note(para: Paragraph) -> bool:
    """图为… (记者 X 摄): the caption of the article's own photo, which stays in the article."""
    return para.text.startswith(("图为", "图:", "上图", "下图"))


def _caption_credit(text: str) -> str | None:
    match = TRAILING_CREDIT.search(text)
    if not match or len(text) > 400:
        return None
    return match.group(1) or match.group(2)


def _add_names(article: Article, text: str) -> None:
    """Add the names that follow role words (记者 X Y 通讯员 Z) to the reporters list."""
    text = re.sub(r"摄$", "", text.strip(BULLETS + " ()")).strip()
    if not ROLE_RE.search(text):
        return
    for chunk in ROLE_RE.split(text)[1:]:
        for name in re.split(r"[ \u3000、,]+", chunk.strip()):
            if re.fullmatch(NAME, name) and name not in article.reporters and not ROLE_RE.fullmatch(name):
                article.reporters.append(name)


def _article_type(article: Article, group: list[Paragraph], body_start: int) -> str:
    body = group[body_start:]
    body_chars = sum(len(p.text) for p in body)
    if not article.headline and len(body) <= 2 and any(_caption_credit(p.text) for p in body):
        return "caption"
    if article.subheadline and any(KICKER.match(s) for s in article.subheadline.split("\n")):
        return "feature"
    if article.dateline is None and article.reporters and body_chars > BRIEF_CHARS:
        return "feature"
    if body_chars <= BRIEF_CHARS:
        return "brief"
    return "news"
