"""Bytes → str for Chinese text in any common encoding (UTF-8/16, GB18030/GBK, Big5)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Both decode most double-byte input without error, so charset-normalizer chooses between
# them by how plausible the decoded text is; other encodings are a last resort.
CHINESE_DOUBLE_BYTE = ["gb18030", "big5"]


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding (binary, corrupt, empty)."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name). Raises DecodeError."""
    if not data.strip():
        raise DecodeError("empty", "input is empty")
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data, name), name.replace("-sig", "")
    if b"\x00" in data[:4096]:
        raise DecodeError("binary", "input contains NUL bytes: not a text file")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CHINESE_DOUBLE_BYTE).best() or from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable", "no supported text encoding decodes this input")
    return _check_text(str(best)), best.encoding


def _strict(data: bytes, name: str) -> str:
    try:
        return _check_text(data.decode(name))
    except UnicodeDecodeError as exc:
        raise DecodeError("undecodable", f"{name} byte-order mark but invalid data: {exc}") from exc


def _check_text(text: str) -> str:
    """Reject decoded 'text' that is mostly control characters (binary data)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise DecodeError("binary", "input looks binary (many control characters)")
    return text
