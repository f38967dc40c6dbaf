"""`baokan show`: one page or article with its entities, slogans and statistics highlighted.

Given a doc_id (or a unique prefix of at least 6 characters), an article_id, or an input file
path (matched against `documents.source_path`, or an archive member against `source_member`),
prints the article text in the terminal with each layer in its own colour and a compact table
of the extractions; `render_html` builds the same view as a standalone, displaCy-like page.
"""

from __future__ import annotations

import base64
import heapq
import html
import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.analysis import connect
from pipeline.report import stdout_console

LAYERS = ("slogan", "statistic", "entity")  # nesting order in HTML: outermost first
MIN_PREFIX = 6  # characters of a doc_id prefix
ADJACENT = "underline"  # added to every other entity of a chain of one label (张三李四)
TERMINAL_STYLES = {
    "PER": "bold magenta", "LOC": "bold green", "ORG": "bold cyan",
    "slogan": "black on yellow", "statistic": "black on bright_blue",
}
HTML_COLOURS = {
    "ent-PER": "#d9c6fc", "ent-LOC": "#ffc8a8", "ent-ORG": "#9ee7e7",
    "slogan": "#fee08b", "statistic": "#a9cdfa",
}
LEGEND = (("ent-PER", "PER", "person"), ("ent-LOC", "LOC", "place"),
          ("ent-ORG", "ORG", "organization"), ("slogan", "提法", "slogan"),
          ("statistic", "数", "statistic"))


class ShowError(Exception):
    """Nothing (or nothing unique) matches the requested file or id."""


@dataclass(frozen=True)
class Span:
    """A highlighted span, offsets relative to the article text."""

    start: int
    end: int
    layer: str  # entity | slogan | statistic
    label: str  # PER/LOC/ORG, slogan kind, statistic role
    detail: str  # canonical form, value in base units …

    @property
    def css(self) -> str:
        return f"ent-{self.label}" if self.layer == "entity" else self.layer

    @property
    def style(self) -> str:
        return TERMINAL_STYLES.get(self.label if self.layer == "entity" else self.layer, "bold")


@dataclass
class ArticleView:
    """One article, its document's metadata and its spans."""

    article: dict
    document: dict
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article["text"]


def collect(out: Path | str, target: str) -> list[ArticleView]:
    """The articles `target` names under `out`, with their spans, in page order."""
    con = connect(out)
    try:
        article_ids = _resolve(con, target)
        return _views(con, article_ids)
    finally:
        con.close()


def _resolve(con, target: str) -> list[str]:
    found = con.execute("SELECT article_id FROM articles WHERE article_id = ?", [target]).fetchall()
    if found:
        return [found[0][0]]
    doc_ids = _doc_ids_for(con, target)
    if not doc_ids:
        hint = ""
        if 0 < len(target) < MIN_PREFIX and all(c in "0123456789abcdef" for c in target):
            hint = f" (a doc_id prefix needs at least {MIN_PREFIX} characters)"
        raise ShowError(f"no document or article matches {target!r}{hint}")
    rows = con.execute("SELECT doc_id, article_index, article_id FROM articles "
                       "WHERE list_contains(?, doc_id)", [doc_ids]).fetchall()
    order = {doc_id: index for index, doc_id in enumerate(doc_ids)}
    return [article_id for _, _, article_id in sorted(rows, key=lambda r: (order[r[0]], r[1]))]


def _doc_ids_for(con, target: str) -> list[str]:
    """doc_ids for an exact id, a unique id prefix, or a matching source path / member."""
    if con.execute("SELECT 1 FROM documents WHERE doc_id = ? LIMIT 1", [target]).fetchall():
        return [target]
    if len(target) >= MIN_PREFIX and all(c in "0123456789abcdef" for c in target):
        prefixed = [row[0] for row in con.execute(
            "SELECT DISTINCT doc_id FROM documents WHERE starts_with(doc_id, ?) LIMIT 2",
            [target]).fetchall()]
        if len(prefixed) > 1:
            raise ShowError(f"{target!r} is the prefix of several doc_ids; give more of it")
        if prefixed:
            return prefixed
    paths = [row[0] for row in con.execute("SELECT DISTINCT source_path FROM documents").fetchall()]
    matched = _matching_paths(target, paths)
    member = None
    if not matched and ":" in target:  # ARCHIVE:MEMBER, e.g. feed.jsonl:line 2
        archive, member = target.rsplit(":", 1)
        matched = _matching_paths(archive, paths)
    sql = ("SELECT doc_id FROM documents WHERE list_contains(?, source_path) "
           "AND (? IS NULL OR source_member = ?)") if matched else (
           "SELECT doc_id FROM documents WHERE source_member = ? OR ends_with(source_member, ?)")
    values = [matched, member, member] if matched else [target, "/" + target]
    rows = con.execute(sql + " ORDER BY source_path, source_member NULLS FIRST, doc_id",
                       values).fetchall()
    return list(dict.fromkeys(row[0] for row in rows))


def _matching_paths(target: str, paths: list[str]) -> list[str]:
    """Stored source paths that `target` names: same path, a path suffix, or a folder above."""
    wanted = target.replace("\\", "/").rstrip("/")
    if not wanted:
        return []
    found = [path for path in paths if _same_or_under(wanted, path.replace("\\", "/"))]
    if found:
        return found
    try:
        resolved = Path(target).resolve()
        return [path for path in paths
                if Path(path).resolve() == resolved or resolved in Path(path).resolve().parents]
    except OSError:
        return []


def _same_or_under(wanted: str, stored: str) -> bool:
    return (wanted == stored or stored.endswith("/" + wanted) or wanted.endswith("/" + stored)
            or stored.startswith(wanted + "/"))


def _views(con, article_ids: list[str]) -> list[ArticleView]:
    if not article_ids:
        return []
    articles = _records(con, "SELECT * FROM articles WHERE list_contains(?, article_id)",
                        article_ids)
    doc_ids = sorted({a["doc_id"] for a in articles})
    documents = {d["doc_id"]: d for d in _records(
        con, "SELECT * EXCLUDE (text) FROM documents WHERE list_contains(?, doc_id)", doc_ids)}
    by_id = {a["article_id"]: ArticleView(a, documents.get(a["doc_id"], {})) for a in articles}
    for span_article, span in _spans(con, article_ids, by_id):
        by_id[span_article].spans.append(span)
    views = [by_id[a] for a in article_ids if a in by_id]
    for view in views:
        view.spans.sort(key=lambda s: (s.start, -s.end, LAYERS.index(s.layer)))
    return views


def _records(con, sql: str, values: list[str]) -> list[dict]:
    cursor = con.execute(sql, [values])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _spans(con, article_ids: list[str], views: dict[str, ArticleView]):
    queries = {
        "entity": "SELECT article_id, start, \"end\", label, canonical, source, score "
                  "FROM entities WHERE list_contains(?, article_id)",
        "slogan": "SELECT article_id, start, \"end\", kind, canonical, issuer, head "
                  "FROM slogans WHERE list_contains(?, article_id)",
        "statistic": "SELECT article_id, start, \"end\", role, value, value_high, unit, "
                     "qualifier, indicator FROM statistics WHERE list_contains(?, article_id)",
    }
    for layer, sql in queries.items():
        for row in con.execute(sql, [article_ids]).fetchall():
            article = views[row[0]].article
            start = max(row[1] - article["start"], 0)
            end = min(row[2] - article["start"], len(article["text"]))
            if end > start:
                yield row[0], Span(start, end, layer, str(row[3]), _detail(layer, row[4:]))


def _detail(layer: str, values: tuple) -> str:
    if layer == "entity":
        canonical, source, score = values
        parts = [canonical, source, None if score is None else f"{score:.2f}"]
    elif layer == "slogan":
        canonical, issuer, head = values
        parts = [canonical, issuer and f"issuer {issuer}", head and f"head {head}"]
    else:
        value, high, unit, qualifier, indicator = values
        amount = format_value(value) + (f"–{format_value(high)}" if high is not None else "")
        parts = [f"{amount} {unit or ''}".strip(), qualifier if qualifier != "exact" else None,
                 indicator]
    return " · ".join(str(p) for p in parts if p)


def format_value(value: float | None) -> str:
    """A base-unit value for reading: 21370000000 → 21,370,000,000; 6.2 → 6.2."""
    if value is None or not math.isfinite(value):
        return "?"
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}"


# ---------------------------------------------------------------- terminal


def render_terminal(views: list[ArticleView], console: Console | None = None) -> None:
    """Print each article with highlighted spans and a table of its extractions."""
    console = console or stdout_console()
    console.print(_legend_text())
    current = None
    for view in views:
        if view.article["doc_id"] != current:
            current = view.article["doc_id"]
            console.print(Text("─" * min(console.width, 80), style="dim"))
            console.print(Text(_document_heading(view.document, current), style="dim"))
        console.print(_article_heading(view))
        console.print(article_text(view), highlight=False)
        if view.spans:
            console.print(_extraction_table(view))
        else:
            console.print("[dim](no entities, slogans or statistics in this article)[/]")
        console.print()


def article_text(view: ArticleView) -> Text:
    """The article with each layer's style; an entity right after one of the same label is
    also underlined (and the next one not), so 张三李四 reads as two names."""
    text = Text(view.text)
    headline = view.article.get("headline")
    if headline and view.text.startswith(headline):
        text.stylize("bold", 0, len(headline))
    previous: Span | None = None
    alternate = False
    for layer in LAYERS:
        for span in view.spans:
            if span.layer != layer:
                continue
            style = span.style
            if layer == "entity":
                adjacent = previous is not None and previous.end == span.start \
                    and previous.label == span.label
                alternate = adjacent and not alternate
                style = f"{style} {ADJACENT}" if alternate else style
                previous = span
            text.stylize(style, span.start, span.end)
    return text


def _legend_text() -> Text:
    legend = Text("legend: ")
    for key, label, _ in LEGEND:
        style = TERMINAL_STYLES[key.removeprefix("ent-")]
        legend.append(f" {label} ", style=style)
        legend.append(" ")
    return legend


def _document_heading(document: dict, doc_id: str) -> str:
    source = str(document.get("source_path") or "?")
    if document.get("source_member"):
        source += f" [{document['source_member']}]"
    date = document.get("published_date")
    parts = [source, str(date) if date else "no date", doc_id]
    if document.get("title"):
        parts.insert(0, str(document["title"]))
    return " · ".join(parts)


def _article_heading(view: ArticleView) -> Text:
    article = view.article
    plural = {"entity": "entities", "slogan": "slogans", "statistic": "statistics"}
    counts = {layer: sum(s.layer == layer for s in view.spans) for layer in reversed(LAYERS)}
    found = ", ".join(f"{n} {layer if n == 1 else plural[layer]}" for layer, n in counts.items())
    return Text(f"▌ {article['type']} · {article['article_id']} · {found}", style="bold blue")


def _offsets(view: ArticleView, span: Span) -> str:
    """start-end in documents.text, as in the tables."""
    base = int(view.article["start"])
    return f"{base + span.start}-{base + span.end}"


def _extraction_table(view: ArticleView) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for name in ("layer", "text", "label", "details", "at"):  # at: offsets in documents.text
        table.add_column(name, overflow="fold", no_wrap=name == "at")
    for span in view.spans:
        table.add_row(
            Text(span.layer, style=span.style),
            view.text[span.start : span.end].replace("\n", " "),
            span.label, span.detail, _offsets(view, span),
        )
    return table


# ---------------------------------------------------------------- HTML

PAGE_CSS = """
body { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
"""
# Everything else is scoped to .baokan, so the fragment can sit inside a notebook page.
CSS = """
.baokan { font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC",
          "Microsoft YaHei", "Baokan Sans SC", sans-serif; color: #222; line-height: 2.4; }
.baokan .baokan-doc { border-top: 2px solid #ddd; margin-top: 2rem; }
.baokan .meta { color: #777; font-size: .85rem; line-height: 1.5; }
.baokan h2 { font-size: 1.3rem; margin-bottom: .2rem; line-height: 1.5; }
.baokan .sub { color: #555; font-style: italic; line-height: 1.5; }
.baokan .baokan-text { white-space: pre-wrap; font-size: 1.05rem; }
.baokan mark { padding: .2em .35em; margin: 0 .1em; border-radius: .35em; line-height: 1;
               color: inherit; box-decoration-break: clone;
               -webkit-box-decoration-break: clone; }
.baokan mark .label { font-size: .6em; font-weight: bold; text-transform: uppercase;
                      vertical-align: middle; margin-left: .4rem; color: #333; }
.baokan mark mark { padding: .1em .2em; }
.baokan .legend mark { margin-right: .4rem; }
.baokan table.extractions { border-collapse: collapse; font-size: .85rem; line-height: 1.4;
                            margin: .8rem 0 1.5rem; }
.baokan table.extractions th, .baokan table.extractions td {
    border-bottom: 1px solid #eee; padding: .2rem .6rem; text-align: left; vertical-align: top; }
""" + "\n".join(f".baokan mark.{key} {{ background: {colour}; }}"
                for key, colour in HTML_COLOURS.items())


def render_html(views: list[ArticleView], title: str = "Baokan", embed_font: bool = True) -> str:
    """A standalone HTML page with the articles and their highlighted spans. `embed_font`:
    the shipped CJK font cut to the page's characters, so it reads without a system CJK font."""
    body = html_fragment(views, with_style=False)
    font = embedded_font_css(title + body) if embed_font else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{font}{PAGE_CSS}{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def embedded_font_css(text: str) -> str:
    """An @font-face rule for "Baokan Sans SC" holding only the glyphs of `text` (WOFF,
    base64; tens of KB for a page), or "" when fontTools or the font file is missing."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        return ""
    from pipeline.plots import FONT_FAMILY, FONT_PATH

    if not FONT_PATH.is_file():
        return ""
    options = subset.Options()
    options.flavor, options.layout_features, options.hinting = "woff", [], False
    font = TTFont(str(FONT_PATH))
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'@font-face {{ font-family: "{FONT_FAMILY}"; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); }}\n')


def html_fragment(views: list[ArticleView], with_style: bool = True) -> str:
    """The highlighted articles as an HTML fragment (for notebooks: `IPython.display.HTML`)."""
    parts = [f"<style>{CSS}</style>"] if with_style else []
    parts.append('<div class="baokan">')
    parts.append(_legend_html())
    current = None
    for view in views:
        if view.article["doc_id"] != current:
            if current is not None:
                parts.append("</section>")
            current = view.article["doc_id"]
            heading = html.escape(_document_heading(view.document, current))
            parts.append(f'<section class="baokan-doc"><p class="meta">{heading}</p>')
        parts.append(_article_html(view))
    if current is not None:
        parts.append("</section>")
    parts.append("</div>")
    return "\n".join(parts)


def _legend_html() -> str:
    marks = "".join(
        f'<mark class="{key}" title="{html.escape(name)}">{html.escape(name)}'
        f'<span class="label">{html.escape(label)}</span></mark>'
        for key, label, name in LEGEND
    )
    return f'<p class="legend">{marks}</p>'


def _article_html(view: ArticleView) -> str:
    article = view.article
    headline = html.escape(article.get("headline") or "(no headline)")
    meta = " · ".join(html.escape(str(v)) for v in (
        article["type"], article.get("dateline"), article["article_id"]) if v)
    sub = article.get("subheadline")
    sub_html = f'<p class="sub">{html.escape(sub)}</p>' if sub else ""
    return (
        f'<article class="baokan-article" id="{html.escape(article["article_id"])}">'
        f"<h2>{headline}</h2>{sub_html}<p class=\"meta\">{meta}</p>"
        f'<div class="baokan-text">{highlight_html(view.text, view.spans)}</div>'
        f"{_extractions_html(view)}</article>"
    )


def highlight_html(text: str, spans: list[Span]) -> str:
    """`text` with each span wrapped in <mark class=…>; crossing spans are split to nest."""
    out: list[str] = []
    pos = 0
    open_pieces: list[tuple[int, Span, bool]] = []
    for start, end, span, first in _nested(spans):
        while open_pieces and open_pieces[-1][0] <= start:
            pos = _close(out, text, pos, open_pieces.pop())
        out.append(html.escape(text[pos:start]))
        pos = start
        tip = html.escape(" · ".join(p for p in (span.label, span.detail) if p), quote=True)
        out.append(f'<mark class="{span.css}" title="{tip}">')
        open_pieces.append((end, span, first))
    while open_pieces:
        pos = _close(out, text, pos, open_pieces.pop())
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _close(out: list[str], text: str, pos: int, piece: tuple[int, Span, bool]) -> int:
    end, span, first = piece
    out.append(html.escape(text[pos:end]))
    if first:
        label = span.label if span.layer == "entity" else ("提法" if span.layer == "slogan" else "数")
        out.append(f'<span class="label">{html.escape(label)}</span>')
    out.append("</mark>")
    return end


def _nested(spans: list[Span]) -> list[tuple[int, int, Span, bool]]:
    """Pieces (start, end, span, is_first_piece) that nest properly, in document order."""
    heap = [(s.start, -s.end, LAYERS.index(s.layer), i, s, True) for i, s in enumerate(spans)]
    heapq.heapify(heap)
    ends: list[int] = []
    pieces = []
    while heap:
        start, neg_end, order, index, span, first = heapq.heappop(heap)
        end = -neg_end
        while ends and ends[-1] <= start:
            ends.pop()
        if ends and ends[-1] < end:
            heapq.heappush(heap, (ends[-1], -end, order, index, span, False))
            end = ends[-1]
        if end <= start:
            continue
        pieces.append((start, end, span, first))
        ends.append(end)
    return pieces


def _extractions_html(view: ArticleView) -> str:
    if not view.spans:
        return '<p class="meta">(no entities, slogans or statistics in this article)</p>'
    rows = "".join(
        f'<tr><td><mark class="{s.css}">{html.escape(s.layer)}</mark></td>'
        f"<td>{html.escape(view.text[s.start:s.end])}</td><td>{html.escape(s.label)}</td>"
        f"<td>{html.escape(s.detail)}</td><td>{_offsets(view, s)}</td></tr>"
        for s in view.spans
    )
    return ('<table class="extractions"><thead><tr><th>layer</th><th>text</th><th>label</th>'
            f"<th>details</th><th>at</th></tr></thead><tbody>{rows}</tbody></table>")


def show(out: Path | str, target: str, html_path: Path | None = None,
         max_documents: int | None = 20, console: Console | None = None,
         pager: bool | None = None) -> list[ArticleView]:
    """Print `target` from `out` in the terminal and optionally write the HTML page.

    `pager` None: page (rich's pager: $PAGER, else less -FRX) when printing to a terminal."""
    console = console or stdout_console()
    views = collect(out, target)
    doc_ids = list(dict.fromkeys(view.article["doc_id"] for view in views))
    if max_documents is not None and len(doc_ids) > max_documents:
        console.print(f"[yellow]{len(doc_ids)} documents match; showing the first "
                      f"{max_documents} (--max-documents)[/]")
        keep = set(doc_ids[:max_documents])
        views = [view for view in views if view.article["doc_id"] in keep]
    if console.is_terminal if pager is None else pager:
        os.environ.setdefault("LESS", "-FRX")  # colours; quit at once if it fits the screen
        with console.pager(styles=True):
            render_terminal(views, console)
    else:
        render_terminal(views, console)
    if html_path is not None:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html(views, title=f"Baokan · {target}"), encoding="utf-8")
    return views
