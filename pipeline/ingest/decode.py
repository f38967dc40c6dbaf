"""Bytes → str for Chinese text in any common encoding (UTF-8/16, GB18030/GBK, Big5).

One rule for NUL: text never contains U+0000, so a NUL anywhere in a file (after decoding,
for UTF-16 with a byte-order mark) makes the file binary. A strict UTF-8 decode is
preferred whenever it succeeds, also over a charset the file declares (web pages often
keep a `gbk` meta tag after their CMS moved to UTF-8).
"""

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
# Declared charsets read with a superset codec (the label stays as declared).
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030"}


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding (binary, corrupt, empty)."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data`, returning (text, encoding name). Raises DecodeError.

    Order: byte-order mark, strict UTF-8, the `declared` charset (if any), detection."""
    if not data.strip():
        raise DecodeError("empty", "input is empty")
    for bom, name in BOMS:
        if data.startswith(bom):
            return _no_nul(_strict(data, name)), name.replace("-sig", "")
    if b"\x00" in data:
        raise DecodeError("binary", "input contains NUL bytes: not a text file")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    best = from_bytes(data, cp_isolation=CHINESE_DOUBLE_BYTE).best() or from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable", "no supported text encoding decodes this input")
    return _check_text(str(best)), best.encoding


def _decode_declared(data: bytes, charset: str) -> tuple[str, str] | None:
    try:
        return _check_text(data.decode(SUPERSETS.get(charset, charset))), charset
    except (LookupError, UnicodeDecodeError):
        return None


def _strict(data: bytes, name: str) -> str:
    try:
        return _check_text(data.decode(name))
    except UnicodeDecodeError as exc:
        raise DecodeError("undecodable", f"{name} byte-order mark but invalid data: {exc}") from exc


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise DecodeError("binary", "input contains NUL characters: not a text file")
    return text


def _check_text(text: str) -> str:
    """Reject decoded 'text' that is mostly control characters (binary data)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise DecodeError("binary", "input looks binary (many control characters)")
    return text
