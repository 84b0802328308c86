"""Bytes to text: binary detection, BOMs, UTF-8 and legacy encodings; then text hygiene."""

from __future__ import annotations

import re
import unicodedata

from aligner.skip import SkipFile

# --- decoding ------------------------------------------------------------------------------

_MAGIC_NUMBERS = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
)
# UTF-32 BOMs start with the UTF-16 ones, so they are tested first.
_BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_UTF16_SAMPLE_BYTES = 65_536
# Stray NULs (a glitchy editor or download) are dropped when they are rare and the rest is
# valid UTF-8; anything NUL-heavier is treated as binary rather than guessed at.
_MAX_STRAY_NUL_RATIO = 0.01
_MAX_CHAOS = 0.15
_UNKNOWN_ENCODING = "could not determine the text encoding"


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text, or raise SkipFile for binary or undecodable data."""
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise SkipFile(f"binary file ({kind})")
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode_strict(data, codec)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        data = _without_stray_nuls(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _decode_strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise SkipFile(_UNKNOWN_ENCODING) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: Latin-script text puts a NUL in every other byte."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    if len(sample) < 4:
        return None
    half = len(sample) / 2
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    codec = None
    if odd_nuls > 0.4 and even_nuls < 0.05:
        codec = "utf-16-le"
    elif even_nuls > 0.4 and odd_nuls < 0.05:
        codec = "utf-16-be"
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _without_stray_nuls(data: bytes) -> bytes:
    cleaned = data.replace(b"\x00", b"")
    if (len(data) - len(cleaned)) > _MAX_STRAY_NUL_RATIO * len(data):
        raise SkipFile("binary file (contains NUL bytes)")
    try:
        cleaned.decode("utf-8")
    except UnicodeDecodeError:
        raise SkipFile("binary file (contains NUL bytes)") from None
    return cleaned


def _decode_legacy(data: bytes) -> str:
    """Guess a legacy encoding with charset-normalizer, leaning towards Windows-1252.

    charset-normalizer cannot tell the Western code pages apart on short texts and then picks
    an arbitrary one (cp1257 for French, say); Windows-1252 is by far the most common legacy
    encoding of English and Western European news, so it wins unless another encoding fits
    the language clearly better.
    """
    from charset_normalizer import from_bytes

    # UTF-16/32 were handled above from BOMs and NUL patterns; a guess here is a false positive.
    matches = [
        match
        for match in from_bytes(data)
        if match.chaos <= _MAX_CHAOS and not match.encoding.startswith("utf")
    ]
    if not matches:
        raise SkipFile(_UNKNOWN_ENCODING)
    best_coherence = max(match.coherence for match in matches)
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.coherence >= best_coherence - 0.05:
            return _decode_strict(data, "cp1252")
    return str(matches[0])


# --- text hygiene --------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# ANSI/VT escape sequences (CSI, OSC, two-character escapes) go whole, not just their ESC byte.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
)
_INVISIBLE = (
    "\u00ad"  # soft hyphen: splits words for matching, invisible when shown
    "\u061c\u200e\u200f"  # bidi marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, stray BOM
)
# ZWJ/ZWNJ (U+200C/U+200D) are kept: they change spelling in Persian and Indic scripts.
_DELETE_CHARACTERS = {
    code: None
    for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *map(ord, _INVISIBLE)]
}
_DELETE_CHARACTERS[ord("\t")] = " "
# Finds any of them: a scan in C, where translate looks up every character in the dict.
_TO_DELETE = re.compile("[" + "".join(re.escape(chr(code)) for code in _DELETE_CHARACTERS) + "]")


def sanitize_text(text: str) -> str:
    """Normalise newlines, drop control/bidi/invisible characters, tabs to spaces, then NFC.

    Offsets in the rest of the engine refer to text after this step; it is idempotent.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPE_SEQUENCES.sub("", text)
    if _TO_DELETE.search(text):
        text = text.translate(_DELETE_CHARACTERS)
    return unicodedata.normalize("NFC", text)
