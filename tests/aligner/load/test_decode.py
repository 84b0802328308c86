"""Tests for aligner.load.decode: file bytes to text (encodings, binary files) and text hygiene."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from article_files import ARTICLE, skip_reason, text_of, write
from hypothesis import given
from hypothesis import strategies as st

from aligner.load import decode
from aligner.load.corpus import load_documents
from aligner.load.decode import sanitize_text
from aligner.result.model import FileNotice

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


NON_LATIN = [
    "Президент заявил, что переговоры прошли успешно.\nОни продолжатся в пятницу.\n",
    "東京の会談は成功したと大統領は述べた。\n交渉は金曜日に続く予定だ。\n",
    "一个人说，一二三。这是第一次会谈。\n",  # U+4E00 puts a NUL in the other byte
    "Ο πρόεδρος δήλωσε ότι οι συνομιλίες ήταν επιτυχείς.\n",
    "قال الرئيس إن المحادثات كانت ناجحة.\n",
    "The talks 🤝 went well, Zelenskiy’s office said.\n",  # a surrogate pair in UTF-16
]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", NON_LATIN, ids=["ru", "ja", "zh", "el", "ar", "emoji"])
def test_utf16_and_utf32_without_bom_decode_in_any_script(
    tmp_path: Path, text: str, codec: str
) -> None:
    path = write(tmp_path / "article.txt", text.encode(codec))
    assert text_of(path) == text


def test_utf16_without_bom_and_without_line_breaks_decodes(tmp_path: Path) -> None:
    # No newline to tell the byte orders apart: the one with ASCII characters wins.
    text = "Президент заявил, что переговоры прошли успешно, 5 раз."
    for codec in ("utf-16-le", "utf-16-be"):
        assert text_of(write(tmp_path / f"{codec}.txt", text.encode(codec))) == text


FRENCH = "Le président a déclaré que les négociations avaient été très fructueuses à Genève.\n"


@pytest.mark.parametrize(
    ("data", "expected", "notice"),
    [
        # A Windows-1252 apostrophe pasted into UTF-8 French text.
        (
            FRENCH.replace("avaient", "l’avaient").encode().replace("’".encode(), b"\x92"),
            FRENCH.replace("avaient", "l\ufffdavaient"),
            "1 invalid UTF-8 byte replaced",
        ),
        # A damaged byte in Russian UTF-8: one byte of "з" replaced by \xff.
        (
            "Президент заявил о переговорах.\n".encode().replace("з".encode(), b"\xd0\xff", 1),
            "Пре\ufffd\ufffdидент заявил о переговорах.\n",
            "2 invalid UTF-8 bytes replaced",
        ),
    ],
    ids=["french-x92", "russian-xff"],
)
def test_utf8_with_a_few_bad_bytes_stays_utf8_with_a_notice(
    tmp_path: Path, data: bytes, expected: str, notice: str
) -> None:
    decoded = decode.decode_bytes(data)
    assert (decoded.text, decoded.notice) == (expected, notice)
    result = load_documents([write(tmp_path / "article.txt", data)])
    assert [d.text for d in result.documents] == [expected]
    assert result.notices == (FileNotice((tmp_path / "article.txt").as_posix(), notice),)


def test_replacement_characters_saved_in_valid_utf8_are_told_and_kept(tmp_path: Path) -> None:
    # A scraper lost the closing quotes before the file was saved: "“unhinged�? and “wild.�?"
    text = "CNN’s Jake Tapper called it “unhinged\ufffd? and “wild.\ufffd?\n"
    decoded = decode.decode_bytes(text.encode())
    assert decoded.text == text
    assert decoded.notice == (
        "2 replacement characters (\ufffd) already in the file: damaged before it was saved, "
        "left as it is"
    )
    result = load_documents([write(tmp_path / "article.txt", text.encode())])
    assert [n.message for n in result.notices] == [decoded.notice]


def test_windows_1252_punctuation_saved_as_control_codes_is_read_as_it_was(
    tmp_path: Path,
) -> None:
    # news cluster mn067: Latin-1-read Windows-1252 saved as UTF-8, its dashes as U+0097.
    text = "Cokes \x97 a kind of clubhouse, \x93he said\x94 \x96 and \x80 5 \x85 more\n"
    decoded = decode.decode_bytes(text.encode())
    assert decoded.text == "Cokes — a kind of clubhouse, “he said” – and € 5 \x85 more\n"
    assert decoded.notice == (
        "5 Windows-1252 characters stored as control codes read as what they were (– — “ ” €)"
    )
    result = load_documents([write(tmp_path / "article.txt", text.encode())])
    assert [n.message for n in result.notices] == [decoded.notice]
    # U+0085 stays a line break, as text hygiene reads it.
    assert result.documents[0].text.splitlines()[1].strip() == "more"


def test_clean_files_carry_no_notice(tmp_path: Path) -> None:
    for name, data in [("utf8.txt", FRENCH.encode()), ("legacy.txt", FRENCH.encode("cp1252"))]:
        assert decode.decode_bytes(data).notice is None
        assert load_documents([write(tmp_path / name, data)]).notices == ()


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Le café était plein — “déjà vu”, dit le critique naïf à São Paulo.\n", "cp1252"),
        ("Die Größe der Straße überraschte die Besucher aus Köln.\n", "latin-1"),
        ("The minister’s office said talks were “productive” on Monday.\n", "cp1252"),
        ("Президент России провёл телефонный разговор с президентом США.\n", "cp1251"),
        ("Київ і Львів. Від Європи до України їхали вісім годин.\n", "cp1251"),
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


@pytest.mark.parametrize(
    "line_break", ["\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_every_line_break_alone_in_a_text_is_a_newline(line_break: str) -> None:
    assert sanitize_text(f"One line.{line_break}Next line.") == "One line.\nNext line."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[1mBold\x1b[0m text", "Bold text"),
        ("C1\x9b2J text", "C1 text"),
        ("\x1bc reset", " reset"),
    ],
)
def test_an_escape_sequence_alone_in_a_text_goes_whole(raw: str, expected: str) -> None:
    assert sanitize_text(raw) == expected


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
