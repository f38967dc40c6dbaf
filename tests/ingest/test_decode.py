import codecs

import pytest

from pipeline.ingest.decode import DecodeError, decode_bytes

TEXT = "本报讯 市委召开全体会议,听取和讨论工作报告。全市生产总值增长百分之六。"
TRADITIONAL = "本報訊 市委召開全體會議,聽取和討論工作報告。全市生產總值增長百分之六。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    ],
)
def test_decodes_common_chinese_encodings(data, encoding):
    text, detected = decode_bytes(data)
    assert detected.replace("_", "-").lower() == encoding
    assert text.lstrip("\ufeff") in (TEXT, TRADITIONAL)


def test_gbk_text_is_read_as_gb18030_superset():
    text, detected = decode_bytes(TEXT.encode("gbk"))
    assert text == TEXT and detected == "gb18030"


@pytest.mark.parametrize(
    ("data", "error_type"),
    [(b"", "empty"), (b"  \n\t", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
     (bytes(range(1, 32)) * 20, "binary")],
)
def test_bad_bytes_raise_typed_errors(data, error_type):
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.error_type == error_type
