"""`baokan show`: terminal view and HTML page of a page with all three highlight layers
(`layered_out` in conftest.py: a real run over a page written for the tests)."""

from __future__ import annotations

import io
import subprocess
import sys

from rich.console import Console
from selectolax.lexbor import LexborHTMLParser

from pipeline.show import Span, collect, highlight_html, render_html, render_terminal, show


def _marks(page: str) -> dict[str, list[str]]:
    tree = LexborHTMLParser(page)
    found: dict[str, list[str]] = {}
    for mark in tree.css(".baokan-text mark"):
        label = mark.css_first("span.label")
        text = mark.text(deep=True)
        if label is not None:
            text = text[: len(text) - len(label.text())]
        for css in (mark.attributes.get("class") or "").split():
            found.setdefault(css, []).append(text)
    return found


def test_collect_by_path_doc_id_prefix_and_article_id(layered_out):
    by_path = collect(layered_out, "2026-03-12/page01.txt")
    assert len(by_path) == 1 and "周明远" in by_path[0].text
    article_id = by_path[0].article["article_id"]
    doc_id = by_path[0].article["doc_id"]
    assert [v.article["article_id"] for v in collect(layered_out, doc_id[:8])] == [article_id]
    assert collect(layered_out, article_id)[0].text == by_path[0].text
    assert {span.layer for span in by_path[0].spans} == {"entity", "slogan", "statistic"}


def test_terminal_shows_text_and_extraction_table(layered_out):
    console = Console(record=True, width=100, color_system=None)
    render_terminal(collect(layered_out, "page01.txt"), console)
    output = console.export_text()
    assert "县委书记周明远出席会议并讲话" in output
    assert "386.5亿元" in output and "38,650,000,000 元" in output
    assert "八八战略" in output and "quoted" in output


def test_html_has_marks_for_all_three_layers(layered_out, tmp_path):
    target = tmp_path / "page.html"
    show(layered_out, "page01.txt", html_path=target, console=Console(file=io.StringIO()))
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    marks = _marks(page)
    assert any(css.startswith("ent-") for css in marks)
    assert marks.get("slogan") and marks.get("statistic")
    if "ent-PER" in marks:
        assert "周明远" in marks["ent-PER"] or any("周" in t for t in marks["ent-PER"])
    tree = LexborHTMLParser(page)
    for label in tree.css(".baokan-text span.label"):
        label.decompose()
    assert "县委书记周明远出席会议并讲话" in tree.css_first(".baokan-text").text()
    assert {m.attributes["class"] for m in tree.css(".legend mark")} >= {
        "ent-PER", "ent-LOC", "ent-ORG", "slogan", "statistic"}


def test_overlapping_spans_nest_and_text_is_escaped():
    text = "<b>青田县侨联&青田县</b>"
    spans = [Span(3, 8, "entity", "ORG", ""), Span(3, 6, "entity", "LOC", ""),
             Span(5, 12, "slogan", "quoted", "x")]
    fragment = highlight_html(text, spans)
    tree = LexborHTMLParser(f"<div>{fragment}</div>")
    assert "<b>" not in fragment and "&lt;b&gt;" in fragment
    assert len(tree.css("mark.slogan")) == 3  # split where it leaves the LOC and the ORG mark
    assert len(tree.css("mark.slogan span.label")) == 1  # labelled once
    assert tree.css_first("mark.ent-ORG mark.ent-LOC") is not None
    for label in tree.css("span.label"):
        label.decompose()
    assert tree.css_first("div").text() == text
    assert "".join(m.text() for m in tree.css("mark.slogan")) == text[5:12]


def test_sample_pages_render_whatever_the_layers_hold(sample_out):
    views = collect(sample_out, "feed.jsonl")
    assert len(views) == 3
    tree = LexborHTMLParser(render_html(views))
    assert len(tree.css(".baokan-article")) == 3
    assert "12项" in tree.css(".baokan-text")[1].text()


def test_cli_show_writes_html_and_rejects_unknown(layered_out, tmp_path):
    target = tmp_path / "show.html"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "show", "page01.txt", "--out", str(layered_out),
         "--html", str(target)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "青田县召开侨乡发展大会" in result.stdout and target.exists()
    missing = subprocess.run(
        [sys.executable, "-m", "pipeline", "show", "no-such-page.txt", "--out", str(layered_out)],
        capture_output=True, text=True, timeout=300)
    assert missing.returncode == 1 and "no document or article matches" in missing.stderr
    not_output = subprocess.run(
        [sys.executable, "-m", "pipeline", "show", "page01.txt", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300)
    assert not_output.returncode == 1 and "not a Baokan output" in not_output.stderr


def test_a_short_prefix_says_it_needs_six_characters(layered_out):
    import pytest

    from pipeline.show import ShowError

    doc_id = collect(layered_out, "page01.txt")[0].article["doc_id"]
    with pytest.raises(ShowError, match="at least 6 characters"):
        collect(layered_out, doc_id[:4])


def test_adjacent_entities_of_one_label_are_told_apart():
    from pipeline.show import ArticleView, article_text

    text = "会见了张三李四王五和赵六"
    spans = [Span(3, 5, "entity", "PER", ""), Span(5, 7, "entity", "PER", ""),
             Span(7, 9, "entity", "PER", ""), Span(10, 12, "entity", "PER", "")]
    view = ArticleView({"text": text, "headline": None}, {}, spans)
    styles = {(s.start, s.end): str(s.style) for s in article_text(view).spans}
    assert styles[(3, 5)] != styles[(5, 7)] and styles[(5, 7)] != styles[(7, 9)]
    assert styles[(3, 5)] == styles[(10, 12)]  # not adjacent: the usual style


def test_long_output_is_paged_on_a_terminal(layered_out, tmp_path):
    import os
    import pty
    import re

    paged = tmp_path / "paged.txt"
    env = {**os.environ, "PAGER": f"cat > {paged}", "TERM": "xterm", "COLUMNS": "80",
           "LINES": "10"}
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "show", "page01.txt", "--out",
                                str(layered_out)], stdin=follower, stdout=follower,
                               stderr=follower, env=env, close_fds=True)
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    assert process.wait(timeout=300) == 0, screen.decode(errors="replace")
    os.close(leader)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", paged.read_text(encoding="utf-8"))  # less -R colours
    assert "青田县召开侨乡发展大会" in plain and "\x1b[" in paged.read_text(encoding="utf-8")
    piped = subprocess.run([sys.executable, "-m", "pipeline", "show", "page01.txt", "--out",
                            str(layered_out)], capture_output=True, text=True, timeout=300,
                           env={**env, "PAGER": f"cat > {tmp_path / 'not_paged.txt'}"})
    assert "青田县召开侨乡发展大会" in piped.stdout and not (tmp_path / "not_paged.txt").exists()
