"""Each reader and each bad-input kind, on files written by the tests."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import IngestError, Source, expand_inputs, iter_sources, read_bytes

PAGE = "市委召开常委会会议\n本报讯(记者 王明)11月3日,市委常委会召开会议。\n会议强调,要深入实施“八八战略”。"
HTML = """<html><head><meta charset="utf-8"><title>市委召开常委会会议_某某日报</title>
<meta name="PubDate" content="2025-11-04 07:30"></head><body>
<nav class="menu"><a>首页</a><a>时政</a></nav><div class="share">分享到</div>
<div class="article"><h1>市委召开常委会会议</h1><p>本报讯(记者 王明)11月3日,市委常委会召开会议。</p>
<p>会议强调,要深入实施“八八战略”,推动高质量发展取得新成效。</p></div>
<footer>版权所有 某某日报社</footer><script>var x = 1;</script></body></html>"""


def _read(tmp_path: Path, name: str, data: bytes, limit: int = 1_000_000) -> list:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return list(iter_sources([path], limit))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar_gz(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_text_reader_records_encoding_and_path_date(tmp_path):
    [source] = _read(tmp_path, "2025-11-03/page.txt", PAGE.encode("gb18030"))
    assert isinstance(source, Source)
    assert source.text == PAGE and source.encoding == "gb18030"
    assert str(source.published_date) == "2025-11-03"


def test_html_reader_drops_boilerplate_and_reads_metadata(tmp_path):
    [source] = _read(tmp_path, "page.html", HTML.encode("utf-8"))
    assert source.text.startswith("市委召开常委会会议\n本报讯")
    for boilerplate in ("首页", "分享到", "版权所有", "var x"):
        assert boilerplate not in source.text
    assert source.title == "市委召开常委会会议_某某日报"
    assert str(source.published_date) == "2025-11-04"


def test_jsonl_reader_keeps_metadata_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "标题", "date": "2025-11-05", "source": "某某日报",
                    "url": "http://example.org/a1", "text": PAGE}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}, ensure_ascii=False),
        "",
        json.dumps([1, 2]),
    ]
    items = _read(tmp_path, "feed.jsonl", "\n".join(lines).encode("utf-8"))
    sources = [i for i in items if isinstance(i, Source)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(sources) == 1
    assert (sources[0].record_id, sources[0].title, sources[0].source_name) == ("a1", "标题", "某某日报")
    assert str(sources[0].published_date) == "2025-11-05"
    assert sorted(e.error_type for e in errors) == ["malformed_json", "malformed_record", "missing_text"]
    assert {e.source_member for e in errors} == {"line 2", "line 3", "line 5"}


def test_gzip_zip_and_tar_members_are_read(tmp_path):
    gz = _read(tmp_path, "page.txt.gz", gzip.compress(PAGE.encode("utf-8")))
    zipped = _read(tmp_path, "a.zip", _zip({"day/one.txt": PAGE.encode("utf-8"),
                                            "two.html": HTML.encode("utf-8")}))
    tarred = _read(tmp_path, "a.tar.gz", _tar_gz({"x/one.txt": PAGE.encode("gbk")}))
    assert [s.member for s in gz] == ["page.txt"]
    assert sorted(s.member for s in zipped) == ["day/one.txt", "two.html"]
    assert [s.member for s in tarred] == ["x/one.txt"] and tarred[0].text == PAGE
    assert all(isinstance(s, Source) for s in gz + zipped + tarred)


def test_truncated_archives_become_errors(tmp_path):
    for name, data in [("t.txt.gz", gzip.compress(PAGE.encode() * 50)),
                       ("t.zip", _zip({"a.txt": PAGE.encode() * 50})),
                       ("t.tar.gz", _tar_gz({"a.txt": PAGE.encode() * 50}))]:
        items = _read(tmp_path, name, data[: len(data) // 2])
        assert items and all(isinstance(i, IngestError) for i in items), name
        assert items[0].stage == "ingest"


def test_decompression_bomb_is_refused(tmp_path):
    bomb = gzip.compress(b"0" * 5_000_000)
    [error] = _read(tmp_path, "bomb.txt.gz", bomb, limit=100_000)
    assert error.error_type == "size_limit"
    [error] = _read(tmp_path, "bomb.zip", _zip({"b.txt": b"0" * 5_000_000}), limit=100_000)
    assert error.error_type == "size_limit"


def test_member_names_are_never_used_as_paths(tmp_path):
    evil = _zip({"../../escape.txt": PAGE.encode(), "/abs/escape.txt": PAGE.encode()})
    items = _read(tmp_path / "in", "evil.zip", evil)
    assert sorted(s.member for s in items) == ["../../escape.txt", "/abs/escape.txt"]
    assert not (tmp_path / "escape.txt").exists() and not Path("/abs/escape.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["evil.zip"]


def test_empty_binary_and_unsupported_inputs(tmp_path):
    assert _read(tmp_path, "empty.txt", b"")[0].error_type == "empty"
    assert _read(tmp_path, "bin.txt", b"\x00\xff\x00\x13" * 100)[0].error_type == "binary"
    assert _read(tmp_path, "doc.pdf", b"%PDF-1.4")[0].error_type == "unsupported"
    assert _read(tmp_path, "empty.zip", _zip({}))[0].error_type == "empty_archive"


def test_directories_are_walked_recursively_with_glob(tmp_path):
    for name in ("a/one.txt", "a/b/two.html", "a/notes.md", "a/.hidden/three.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in expand_inputs([tmp_path / "a"])]
    assert found == ["a/b/two.html", "a/one.txt"]
    assert [p.name for p in expand_inputs([tmp_path / "a"], "*.txt")] == ["one.txt"]


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000), name=st.sampled_from(
    ["x.txt", "x.html", "x.jsonl", "x.txt.gz", "x.zip", "x.tar.gz"]))
def test_random_bytes_never_escape_a_reader(data, name):
    for item in read_bytes("random", None, name, data, 1_000_000, 0):
        assert isinstance(item, Source | IngestError)
        if isinstance(item, Source):
            assert isinstance(item.text, str)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=500))
def test_random_unicode_never_escapes_a_reader(text):
    for name in ("x.txt", "x.html", "x.jsonl"):
        for item in read_bytes("random", None, name, text.encode("utf-8"), 1_000_000, 0):
            assert isinstance(item, Source | IngestError)
