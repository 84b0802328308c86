"""Tests for aligner.decode: file bytes to text (encodings, binary files) and text hygiene."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from article_files import ARTICLE, skip_reason, text_of, write
from hypothesis import given
from hypothesis import strategies as st

from aligner import decode
from aligner.decode import sanitize_text

# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_unicode_encodings_decode_exactly(tmp_path: Path, codec: str, prefix: bytes) -> None:
    text = "Zelenskiy’s office said “peace” — Größe, café, Київ.\n"
    path = write(tmp_path / "article.txt", prefix + text.encode(codec))
    assert text_of(path) == text  # BOM removed, nothing else changed


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Le café était plein — “déjà vu”, dit le critique naïf à São Paulo.\n", "cp1252"),
        ("Die Größe der Straße überraschte die Besucher aus Köln.\n", "latin-1"),
        ("The minister’s office said talks were “productive” on Monday.\n", "cp1252"),
        ("Президент России провёл телефонный разговор с президентом США.\n", "cp1251"),
    ],
)
def test_legacy_encodings_are_detected(tmp_path: Path, text: str, codec: str) -> None:
    path = write(tmp_path / "legacy.txt", text.encode(codec))
    assert text_of(path) == text


def test_invalid_utf8_falls_back_instead_of_failing(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.txt", b"Hello \xff\xfe world \xc3\x28 and more text here.\n")
    text = text_of(path)
    assert text.startswith("Hello ")
    assert "world" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
    ],
)
def test_binary_files_are_recognised_by_magic_number(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    path = write(tmp_path / "looks-like-text.txt", data + b"Some text after the header.")
    assert skip_reason(path) == f"binary file ({kind})"


def test_random_bytes_are_skipped_as_binary(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    assert b"\x00" in data
    assert skip_reason(write(tmp_path / "noise.txt", data)) == "binary file (contains NUL bytes)"


def test_random_bytes_without_nuls_have_no_encoding(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096).replace(b"\x00", b"")
    path = write(tmp_path / "noise.txt", data)
    assert skip_reason(path) == "could not determine the text encoding"


def test_a_stray_nul_inside_text_is_dropped(tmp_path: Path) -> None:
    body = ARTICLE * 4
    data = body.encode()[:40] + b"\x00" + body.encode()[40:]
    assert text_of(write(tmp_path / "glitch.txt", data)) == body


def test_many_nuls_make_a_file_binary(tmp_path: Path) -> None:
    data = b"text\x00\x00\x00more\x00\x00 words here\x00" * 20
    assert skip_reason(write(tmp_path / "nul.txt", data)) == "binary file (contains NUL bytes)"


# --- text hygiene --------------------------------------------------------------------------


def test_control_characters_escape_sequences_and_bidi_are_removed(tmp_path: Path) -> None:
    raw = (
        "Red \x1b[31malert\x1b[0m here.\r\n"
        "Title\x1b]0;pwned\x07 set.\r"
        "Bell\x07 and\x00 C1\x9b2J\x85next line.\n"
        "Evil \u202eoverride\u202c and \u2066isolate\u2069 and zero\u200bwidth\ufeff.\n"
        "Tab\tseparated and soft\u00adhyphen, cafe\u0301.\n"
    )
    expected = (
        "Red alert here.\n"
        "Title set.\n"
        "Bell and C1\nnext line.\n"
        "Evil override and isolate and zerowidth.\n"
        "Tab separated and softhyphen, café.\n"
    )
    assert sanitize_text(raw) == expected
    path = write(tmp_path / "dirty.txt", raw.replace("\x00", "").encode("utf-8"))
    assert text_of(path) == expected


def test_joiners_that_change_spelling_are_kept() -> None:
    persian = "می\u200cخواهم"  # ZWNJ is part of the word
    assert sanitize_text(persian) == persian


_CONTROL = {chr(c) for c in [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}


@given(st.text())
def test_sanitize_is_idempotent_and_leaves_no_control_characters(text: str) -> None:
    once = sanitize_text(text)
    assert sanitize_text(once) == once
    assert not (_CONTROL & set(once))
    assert "\r" not in once and "\u202e" not in once


def test_the_quick_scan_finds_exactly_the_characters_sanitize_deletes() -> None:
    for code in [*range(0x3000), *range(0xFE00, 0x10000)]:
        if 0xD800 <= code < 0xE000:
            continue
        found = decode._TO_DELETE.search(f"ab{chr(code)}c") is not None
        assert found == (code in decode._DELETE_CHARACTERS), hex(code)
