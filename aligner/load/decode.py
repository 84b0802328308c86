"""Bytes to text: binary detection, BOMs, UTF-8 and legacy encodings; then text hygiene."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from aligner.load.skip import SkipFile

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
_WIDE_SAMPLE_BYTES = 65_536  # how much of a file a UTF-16/32 guess reads
# Stray NULs (a glitchy editor or download) are dropped when they are rare and the rest is
# valid UTF-8; anything NUL-heavier is UTF-16/32 text that reads as text, or binary.
_MAX_STRAY_NUL_RATIO = 0.01
_MAX_CHAOS = 0.15
_UNKNOWN_ENCODING = "could not determine the text encoding"


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text, and what was repaired to get it (listed beside the skipped files)."""

    text: str
    notice: str | None = None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode file bytes to text, or raise SkipFile for binary or undecodable data."""
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise SkipFile(f"binary file ({kind})")
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return DecodedText(_decode_strict(data, codec))
    if b"\x00" in data:
        return DecodedText(_text_with_nuls(data))
    try:
        return _noting_damage(*_with_cp1252_controls_read(data.decode("utf-8")))
    except UnicodeDecodeError:
        return _utf8_with_bad_bytes_replaced(data) or DecodedText(_decode_legacy(data))


def _noting_damage(text: str, repaired: str | None = None) -> DecodedText:
    """Valid UTF-8 that holds replacement characters was damaged before it was saved (a
    scraper's "“unhinged�?" for a closing quote): the reader is told, nothing is changed.
    ``repaired``: what was already read otherwise (``_with_cp1252_controls_read``)."""
    damaged = text.count("\ufffd")
    if not damaged:
        return DecodedText(text, repaired)
    plural = "s" * (damaged != 1)
    notice = (
        f"{damaged} replacement character{plural} (\ufffd) already in the file: damaged "
        "before it was saved, left as it is"
    )
    return DecodedText(text, f"{repaired}; {notice}" if repaired else notice)


# Windows-1252 text once read as Latin-1 and saved as UTF-8 keeps its quotes, dashes and
# the like as C1 control codes (U+0097 for "—"), which text hygiene would drop as controls:
# "Cokes — a kind of clubhouse" became "Cokes  a kind of clubhouse" (news_clusters mn067).
# Only the punctuation and signs of that code page are read so: U+0085 stays a line break
# and U+009B the one-character escape that text hygiene removes with its parameters.
_CP1252_CONTROLS = {
    code: bytes([code]).decode("cp1252")
    for code in (0x80, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99)
}
_CP1252_CONTROL = re.compile("[\x80\x91-\x97\x99]")


def _with_cp1252_controls_read(text: str) -> tuple[str, str | None]:
    """``text`` with the C1 control codes that stand for Windows-1252 characters read as
    those characters, and a notice saying so (None when there were none)."""
    if _CP1252_CONTROL.search(text) is None:
        return text, None  # nearly every file
    read = text.translate(_CP1252_CONTROLS)
    changed = sum(1 for old, new in zip(text, read, strict=True) if old != new)
    if not changed:
        return text, None
    shown = " ".join(sorted({new for old, new in zip(text, read, strict=True) if old != new}))
    plural = "s" * (changed != 1)
    return read, (
        f"{changed} Windows-1252 character{plural} stored as control codes read as what "
        f"they were ({shown})"
    )


def _decode_strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise SkipFile(_UNKNOWN_ENCODING) from None


def _text_with_nuls(data: bytes) -> str:
    """UTF-8 with a few stray NULs, or UTF-16/32 without a BOM; else the file is binary."""
    text = _without_stray_nuls(data)
    if text is None:
        text = _utf16_or_32_without_bom(data)
    if text is None:
        raise SkipFile("binary file (contains NUL bytes)")
    return text


def _without_stray_nuls(data: bytes) -> str | None:
    cleaned = data.replace(b"\x00", b"")
    if (len(data) - len(cleaned)) > _MAX_STRAY_NUL_RATIO * len(data):
        return None
    try:
        return cleaned.decode("utf-8")
    except UnicodeDecodeError:
        return None


_WIDE_CODECS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
# Share of a decoded sample that may be controls, unassigned or private-use characters: a
# wrong guess turns every newline, and most binary data, into such characters.
_MAX_SUSPICIOUS_SHARE = 0.005
_SUSPICIOUS_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _utf16_or_32_without_bom(data: bytes) -> str | None:
    """UTF-16 or UTF-32 text without a BOM, in any script.

    Every codec is tried on a sample and the one whose text looks most like text wins: the
    fewest suspicious characters, then the most ASCII ones (newlines, spaces, digits, which
    put their NUL byte where that codec expects it). Latin text has a NUL in every other
    byte, but Russian or Japanese text only in its spaces, newlines and digits.
    """
    scored: list[tuple[int, int, str]] = []
    for codec in _WIDE_CODECS:
        sample = _decoded_sample(data, codec)
        if sample:
            suspicious = _suspicious_characters(sample)
            if suspicious <= _MAX_SUSPICIOUS_SHARE * len(sample):
                ascii_characters = len(_NON_ASCII.sub("", sample))
                scored.append((suspicious, -ascii_characters, codec))
    for _, _, codec in sorted(scored):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue  # the sample was clean but the rest is not: try the next best
    return None


def _decoded_sample(data: bytes, codec: str) -> str:
    """The start of ``data`` decoded with ``codec`` ("" when it is not valid there)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        # Not final: a sample may end inside a character, which is no error.
        return decoder.decode(data[:_WIDE_SAMPLE_BYTES], final=len(data) <= _WIDE_SAMPLE_BYTES)
    except UnicodeDecodeError:
        return ""


def _suspicious_characters(text: str) -> int:
    return sum(
        1
        for char in text
        if char not in "\t\n\r\f\v" and unicodedata.category(char) in _SUSPICIOUS_CATEGORIES
    )


# Bytes a UTF-8 decode with ``surrogateescape`` could not decode, one lone surrogate each.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_ASCII_BYTES = bytes(range(0x80))
# UTF-8 with a few bad bytes (a stray Windows-1252 quote pasted into it, a damaged download)
# is still UTF-8. A legacy file has next to no valid multi-byte sequences: its high bytes
# stand alone, so nearly all of them are invalid.
_MAX_BAD_BYTE_SHARE = 0.5


def _utf8_with_bad_bytes_replaced(data: bytes) -> DecodedText | None:
    """Mostly valid UTF-8 with its invalid bytes replaced by U+FFFD, else None.

    "Mostly": at least as many bytes outside ASCII belong to valid UTF-8 sequences as not.
    A Windows-1252 file (French accents, or one curly quote in English text) has no valid
    multi-byte sequence, so it stays a legacy file.
    """
    # A legacy file shows itself in its first bytes: that spares it the count over the whole
    # file (each invalid byte is slow to decode: 0.5 s for 5 MB of French Windows-1252).
    sample = data[:_WIDE_SAMPLE_BYTES]
    partial_sample = len(sample) < len(data)
    if partial_sample and _mostly_invalid(sample, _invalid_utf8_bytes(sample, complete=False)):
        return None
    bad_bytes = _invalid_utf8_bytes(data, complete=True)
    if _mostly_invalid(data, bad_bytes):
        return None
    plural = "s" * (bad_bytes != 1)
    notice = f"{bad_bytes} invalid UTF-8 byte{plural} replaced"
    return DecodedText(data.decode("utf-8", errors="replace"), notice)


def _mostly_invalid(data: bytes, bad_bytes: int) -> bool:
    """Whether too many of the bytes beyond ASCII are invalid for ``data`` to be UTF-8."""
    return bad_bytes > _MAX_BAD_BYTE_SHARE * len(data.translate(None, _ASCII_BYTES))


def _invalid_utf8_bytes(data: bytes, *, complete: bool) -> int:
    """How many bytes of ``data`` are not valid UTF-8; a character cut off at the end of an
    incomplete sample is not counted."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    return len(_ESCAPED_BYTE.findall(decoder.decode(data, final=complete)))


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

_LINE_BREAK_CHARACTERS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKS = re.compile(rf"\r\n|[{_LINE_BREAK_CHARACTERS}]")
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
_DELETE_CHARACTERS: dict[int, str | None] = {
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
    # Most texts have none of these: a search for each character (in C) spares them the
    # regex scans, which cost half the loading of a folder of plain-text articles.
    if any(char in text for char in _LINE_BREAK_CHARACTERS):
        text = _LINE_BREAKS.sub("\n", text)
    if "\x1b" in text or "\x9b" in text:  # every escape sequence starts with one of them
        text = _ESCAPE_SEQUENCES.sub("", text)
    if _TO_DELETE.search(text):
        text = text.translate(_DELETE_CHARACTERS)
    return unicodedata.normalize("NFC", text)


# Invisible characters that stay in the text, because they matter when it is shown (ZWNJ and
# ZWJ spell Persian and Indic words and join emoji, variation selectors pick a glyph, tag
# characters make subdivision flags), but are left out of its analysis: between two letters
# they would split a word, and a line of such words would read as page furniture.
_KEPT_INVISIBLE_CHARACTERS = (
    "\u034f"  # combining grapheme joiner
    "\u180b-\u180d\u180f"  # Mongolian variation selectors
    "\u200c\u200d"  # zero-width non-joiner and joiner
    "\u2061-\u2064"  # invisible mathematical operators
    "\ufe00-\ufe0f"  # variation selectors
    "\U000e0000-\U000e007f"  # tag characters
    "\U000e0100-\U000e01ef"  # variation selectors supplement
)
_KEPT_INVISIBLE = re.compile(f"[{_KEPT_INVISIBLE_CHARACTERS}]")


def fold_invisible(text: str) -> str:
    """``text`` without the invisible characters kept for display: the text to analyse
    (line kinds, sentence breaks, words) as a reader sees it."""
    if text.isascii():  # none of them is ASCII, and this check is 25 times faster than the scan
        return text
    return _KEPT_INVISIBLE.sub("", text)


def is_kept_invisible(char: str) -> bool:
    return _KEPT_INVISIBLE.match(char) is not None
