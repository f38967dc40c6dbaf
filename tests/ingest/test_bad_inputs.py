"""Bad input of every kind becomes an IngestError; nothing escapes a reader, nothing hangs."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, Source, iter_sources, read_bytes
from tests.faults import python, within

PAGE = "市委召开常委会会议\n本报讯(记者 王明)11月3日,市委常委会召开会议。\n会议强调,要深入实施“八八战略”。"


def _items(path: Path, limit: int = 1_000_000) -> list:
    return list(iter_sources([path], limit))


def _kinds(items: list) -> list[str]:
    return sorted(i.error_type for i in items if isinstance(i, IngestError))


def _tar(members: list[tarfile.TarInfo], data: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.GNU_FORMAT) as archive:
        for info in members:
            archive.addfile(info, io.BytesIO(data[info.name]) if info.name in data else None)
    return buffer.getvalue()


def _member(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.type = len(data), kind
    return info


# --- one bad input never loses the run -----------------------------------------------------

def test_corrupt_lzma_zip_member_is_an_errors_row(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("bad.txt", PAGE.encode() * 50)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.txt", PAGE.encode())
    data = bytearray(buffer.getvalue())
    for i in range(60, 120):  # inside bad.txt's LZMA stream
        data[i] ^= 0x55
    path = tmp_path / "a.zip"
    path.write_bytes(bytes(data))
    items = _items(path)
    assert _kinds(items) == ["corrupt_member"]
    assert [i.member for i in items if isinstance(i, Source)] == ["good.txt"]


def test_zip_with_an_undecodable_utf8_flagged_name_is_an_errors_row(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("页面.txt", PAGE.encode())
    data = buffer.getvalue().replace("页面".encode(), b"\xff\xfe\xfd\xfc\xfb\xfa")
    path = tmp_path / "a.zip"
    path.write_bytes(data)
    items = _items(path)
    assert items and all(isinstance(i, IngestError) for i in items)


def test_names_that_are_not_utf8_are_escaped_losslessly():
    from pipeline.ingest import escape_name

    assert escape_name("页面.txt") == ("页面.txt", False)
    escaped, changed = escape_name(os.fsdecode(b"p\xff\xfe\\x.txt"))
    assert changed and escaped == "p\\xff\\xfe\\\\x.txt"
    assert escape_name("id\ud800") == ("id\\ud800", True)
    escaped.encode("utf-8")


def test_non_utf8_file_and_member_names_and_json_surrogates_are_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff\xfe.txt")).write_text(PAGE, encoding="utf-8")
    tar_bytes = _tar([_member(os.fsdecode(b"m\xff.txt"), PAGE.encode())],
                     {os.fsdecode(b"m\xff.txt"): PAGE.encode()})
    (folder / "a.tar.gz").write_bytes(tar_bytes)
    record = '{"id": "x\\ud800", "title": "t\\udfff", "text": "本报讯 \\ud800全市开展活动。"}'
    (folder / "feed.jsonl").write_text(record + "\n", encoding="utf-8")
    items = [item for path in sorted(folder.iterdir()) for item in _items(path)]
    sources = [i for i in items if isinstance(i, Source)]
    assert len(sources) == 3
    for value in [f for s in sources for f in (s.path, s.member, s.record_id, s.title) if f]:
        value.encode("utf-8")  # storable
    assert {s.record_id for s in sources} == {None, "x\\ud800"}
    notices = [i for i in items if isinstance(i, IngestError)]
    assert {n.error_type for n in notices} == {"escaped_name"} and len(notices) == 3


def test_read_failure_is_one_errors_row(tmp_path):
    """/proc/self/mem is a regular file whose read fails with EIO."""
    link = tmp_path / "bad.txt"
    link.symlink_to("/proc/self/mem")
    [error] = _items(link)
    assert error.error_type == "unreadable" and "Errno 5" in error.message


# --- nothing hangs --------------------------------------------------------------------------

def test_tar_member_declaring_2_to_the_60_bytes_does_not_spin(tmp_path):
    huge = _member("huge.txt")
    huge.size = 2**60
    data = PAGE.encode()
    good = _member("good.txt", data).tobuf(tarfile.GNU_FORMAT) + data + b"\0" * (-len(data) % 512)
    path = tmp_path / "a.tar.gz"
    path.write_bytes(gzip.compress(good + huge.tobuf(tarfile.GNU_FORMAT) + b"x" * 5000))
    with within(20):
        items = _items(path, limit=100_000)
    assert [i.member for i in items if isinstance(i, Source)] == ["good.txt"]
    assert "size_limit" in _kinds(items)


def test_deeply_nested_html_is_refused_quickly(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "<p>正文</p>" + "</div>" * 100_000,
                    encoding="utf-8")
    code = ("from pathlib import Path; from pipeline.ingest import iter_sources; "
            f"print([i.error_type for i in iter_sources([Path({str(page)!r})])])")
    result = python(code, timeout=30)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "too_deep" in result.stdout


def test_ordinary_nesting_and_unclosed_inline_tags_are_read(tmp_path):
    body = "".join(f"<p><font color=red>第{i}段全市开展植树活动。</p>" for i in range(3000))
    page = tmp_path / "old.html"
    page.write_text(f"<html><body><div class=article>{body}</div></body></html>", encoding="utf-8")
    [source] = _items(page, limit=10_000_000)
    assert isinstance(source, Source) and source.text.count("植树") == 3000


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "link_to_dev_zero"])
def test_only_regular_files_are_read(tmp_path, kind):
    path = tmp_path / "input.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev_zero":
        path = Path("/dev/zero")
    else:
        path.symlink_to("/dev/zero")
    code = ("from pathlib import Path; from pipeline.ingest import iter_sources; "
            f"print([(i.error_type, i.message) for i in iter_sources([Path({str(path)!r})])])")
    result = python(code, timeout=30, memory_mb=2048)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "unsupported" in result.stdout
    assert kind == "dev_zero" or "not a regular file (" in result.stdout  # /dev/zero: no reader


def test_a_regular_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(PAGE.encode() * 1000)
    [error] = _items(path, limit=10_000)
    assert error.error_type == "size_limit"


# --- inputs that must be read, not dropped ---------------------------------------------------

def test_every_skipped_archive_member_is_an_errors_row(tmp_path):
    tar_bytes = _tar([_member("page.xml", b"<x/>"), _member("photo.jpg", b"\xff\xd8"),
                      _member("link.txt", kind=tarfile.SYMTYPE), _member("dir/", kind=tarfile.DIRTYPE)],
                     {"page.xml": b"<x/>", "photo.jpg": b"\xff\xd8"})
    (tmp_path / "a.tar.gz").write_bytes(tar_bytes)
    (tmp_path / "notes.gz").write_bytes(gzip.compress(PAGE.encode()))
    tar_items = _items(tmp_path / "a.tar.gz")
    assert _kinds(tar_items) == ["unsupported"] * 3
    assert {i.source_member for i in tar_items} == {"page.xml", "photo.jpg", "link.txt"}
    [notes] = _items(tmp_path / "notes.gz")
    assert notes.error_type == "unsupported" and notes.source_member == "notes"


def test_jsonl_lines_are_decoded_one_by_one(tmp_path):
    good = json.dumps({"text": "本报讯 全市开展植树活动。"}, ensure_ascii=False).encode()
    path = tmp_path / "feed.jsonl"
    path.write_bytes(good + b"\n" + b'{"text": "\xff\xfe bad"}' + b"\n" + good.replace("植树".encode(), "清扫".encode()))
    items = _items(path)
    assert [i.member for i in items if isinstance(i, Source)] == ["line 1", "line 3"]
    [error] = [i for i in items if isinstance(i, IngestError)]
    assert (error.source_member, error.error_type) == ("line 2", "undecodable")


def test_jsonl_splits_records_on_newline_only(tmp_path):
    lines = [{"text": "第一条\u2028仍是第一条\u0085还是第一条。"}, {"text": "第二条新闻。"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\r\n", encoding="utf-8")
    items = _items(path)
    assert all(isinstance(i, Source) for i in items)
    assert [(i.member, i.text) for i in items] == [("line 1", lines[0]["text"]), ("line 2", "第二条新闻。")]


def test_gbk_jsonl_is_still_decoded_as_a_whole(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": PAGE}, ensure_ascii=False).encode("gbk"))
    [source] = _items(path)
    assert source.text == PAGE and source.encoding == "gb18030"


@pytest.mark.parametrize("offset", [10, 10_000])
def test_one_nul_rule_wherever_the_nul_is(tmp_path, offset):
    data = (PAGE * 200).encode()
    path = tmp_path / "page.txt"
    path.write_bytes(data[:offset] + b"\x00" + data[offset:])
    [error] = _items(path)
    assert error.error_type == "binary"


def test_jsonl_line_with_a_nul_byte_is_rejected_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "\xe6\x96\xb0\x00"}\n' + json.dumps({"text": "好新闻。"}).encode())
    items = _items(path)
    assert [(i.source_member, i.error_type) for i in items if isinstance(i, IngestError)] == [("line 1", "binary")]
    assert [i.member for i in items if isinstance(i, Source)] == ["line 2"]


def test_html_declaring_a_wrong_charset_is_read_as_utf8(tmp_path):
    """These UTF-8 bytes also decode as GB18030 (into mojibake), so the declared charset won."""
    line = "今年全县经济平稳增长"
    assert line.encode("utf-8").decode("gb18030") != line
    body = "".join(f"<p>{line}</p>" for _ in range(6))
    page = f'<html><head><meta charset="gbk"></head><body><div class="article">{body}</div></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    [source] = _items(path)
    assert source.encoding == "utf-8" and source.text.count(line) == 6


def test_html_in_its_declared_charset_is_still_read(tmp_path):
    page = f'<html><head><meta charset="gbk"></head><body><div class="article"><p>{PAGE}</p></div></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    [source] = _items(path)
    assert source.encoding == "gbk" and "八八战略" in source.text


def test_read_bytes_keeps_its_signature():
    [source] = list(read_bytes("x", None, "x.txt", PAGE.encode(), 1_000_000, 0))
    assert source.text == PAGE
