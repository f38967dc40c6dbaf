"""JSONL records whose text is not in `text`: --text-field and the other field options,
auto-detection of one long string field (with a notice), errors that list the fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, Source, iter_sources
from pipeline.ingest.jsonl import Fields

BODY = "本报讯(记者 王明)11月3日,市委常委会召开会议。会议强调,要深入实施“八八战略”,推动高质量发展。"
NEWS_CORPUS = (Path(__file__).resolve().parents[3] / "shared" / "corpora" / "xinwenlianbo_2025"
               / "xinwenlianbo_2025-10_2025-12.jsonl")


def _write(tmp_path: Path, records: list[dict], name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


def _items(path: Path, fields: Fields | None = None) -> list:
    return list(iter_sources([path], fields=fields) if fields else iter_sources([path]))


def test_text_field_option_reads_another_field(tmp_path):
    path = _write(tmp_path, [{"id": "n1", "date": "2025-11-03", "title": "市委召开常委会", "content": BODY}])
    [source] = _items(path, Fields(text="content"))
    assert isinstance(source, Source)
    assert source.text == BODY and source.record_id == "n1" and source.title == "市委召开常委会"
    assert str(source.published_date) == "2025-11-03"


def test_id_title_date_url_field_options(tmp_path):
    record = {"guid": "g7", "headline": "县委召开会议", "pubdate": "2025-11-04",
              "link": "https://example.com/7", "body": BODY}
    fields = Fields(text="body", id="guid", title="headline", date="pubdate", url="link")
    [source] = _items(_write(tmp_path, [record]), fields)
    assert (source.record_id, source.title, source.url) == ("g7", "县委召开会议", "https://example.com/7")
    assert str(source.published_date) == "2025-11-04"


def test_one_long_string_field_is_detected_and_said(tmp_path):
    records = [{"id": f"n{i}", "title": "短标题", "content": BODY + str(i)} for i in range(3)]
    items = _items(_write(tmp_path, records))
    assert [item.text for item in items] == [BODY + str(i) for i in range(3)]
    assert all(item.extra.get("text_field") == "content" for item in items)


def test_without_a_text_field_the_error_lists_the_fields_found(tmp_path):
    record = {"id": "n1", "summary": BODY, "content": BODY + "另一段。"}  # two long fields
    [error] = _items(_write(tmp_path, [record]))
    assert isinstance(error, IngestError) and error.error_type == "missing_text"
    assert "fields found: id, summary, content" in error.message
    assert "--text-field" in error.message
    [named] = _items(_write(tmp_path, [record]), Fields(text="body"))
    assert "no non-empty 'body' field" in named.message and "summary" in named.message


def test_explicit_text_field_is_not_second_guessed(tmp_path):
    [error] = _items(_write(tmp_path, [{"text": "", "content": BODY}]), Fields(text="text"))
    assert isinstance(error, IngestError)


@pytest.mark.skipif(not NEWS_CORPUS.exists(), reason="../shared/corpora is not present")
def test_news_transcripts_read_their_content_field():
    items = list(iter_sources([NEWS_CORPUS]))
    assert len(items) == 632
    assert all(isinstance(item, Source) and item.extra["text_field"] == "content" for item in items)
    assert all(item.title and item.published_date for item in items)
