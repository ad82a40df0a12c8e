"""Bytes to text: size and binary checks, UTF-8 with a named fallback."""

from __future__ import annotations

import codecs
import logging

from newsbrief.errors import InputError

log = logging.getLogger(__name__)

_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, origin: str, fallback: str = "cp1252", limit: int = 0) -> str:
    """Decode a report; refuse empty, oversized and binary input with a clear reason."""
    if limit and len(data) > limit:
        raise InputError(origin, f"file is {len(data):,} bytes, over the {limit:,} byte limit")
    if not data.strip():
        raise InputError(origin, "file is empty")
    wide = _wide_unicode(data, origin)
    if wide is not None:
        return wide
    if _looks_binary(data):
        raise InputError(origin, "file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode(fallback)
        except (UnicodeDecodeError, LookupError):
            raise InputError(
                origin, f"not valid UTF-8 (byte {exc.start}) and not {fallback} either"
            ) from exc
        log.warning("%s: not valid UTF-8 (byte %d); decoded as %s", origin, exc.start, fallback)
        return text


def _wide_unicode(data: bytes, origin: str) -> str | None:
    """UTF-16 or UTF-32 text marked by its byte-order mark (what some Windows tools save);
    None when there is no such mark. Their NUL bytes would otherwise read as binary."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    origin, f"starts with a {codec.upper()} byte-order mark but is not {codec}"
                ) from exc
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 20)
