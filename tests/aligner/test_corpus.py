"""Tests for aligner.corpus: finding, reading, decoding and converting article files."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner import corpus
from aligner.corpus import (
    LoadResult,
    NoInputError,
    format_size,
    load_documents,
    natural_sort_key,
    sanitize_text,
    source_name,
)
from aligner.model import SkippedFile
from aligner.resources import sample_corpus_dir

ARTICLE = "The storm reached the coast on Tuesday. Officials ordered an evacuation.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def load_one(path: Path, **options: int) -> LoadResult:
    result = load_documents([path], **options)
    assert len(result.documents) + len(result.skipped) == 1
    return result


def text_of(path: Path) -> str:
    (document,) = load_one(path).documents
    return document.text


def skip_reason(path: Path, **options: int) -> str:
    (skipped,) = load_one(path, **options).skipped
    assert skipped.path == path.as_posix()
    return skipped.reason


def names(result: LoadResult) -> list[str]:
    return [Path(document.path).name for document in result.documents]


# --- the shipped sample corpus -------------------------------------------------------------


def test_sample_corpus_loads_line_for_line() -> None:
    folder = sample_corpus_dir()
    result = load_documents([folder])
    assert result.skipped == ()
    assert len(result.documents) == 5
    files = sorted(folder.glob("*.txt"))
    for document, file in zip(result.documents, files, strict=True):
        assert document.path == file.as_posix()
        # The sample files are clean UTF-8 with one paragraph per line: hygiene changes nothing.
        assert document.text == file.read_text(encoding="utf-8")
        assert document.source == file.stem  # prefix + hash only: nothing readable remains
        assert document.title is None


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


# --- plain text layout ---------------------------------------------------------------------


def wrap(paragraph: str, width: int = 72) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


PARAGRAPHS = [
    "Ukrainian President Volodymyr Zelenskiy said on Wednesday that he had spoken with the "
    "United States president for about an hour and that the talks had covered security "
    "guarantees, drones and the country's defence industry in considerable detail.",
    "The Kremlin said the two leaders had agreed to meet and that an invitation to visit "
    "Moscow had been extended, although no date had been fixed and officials in both "
    "capitals declined to say where any meeting might take place.",
    "European ministers meeting in Paris insisted that Ukraine and Europe must take part in "
    "any negotiations, warning that a settlement reached over their heads would not last.",
]


def test_hard_wrapped_text_is_unwrapped_into_one_line_per_paragraph(tmp_path: Path) -> None:
    wrapped = "\n\n".join(wrap(paragraph) for paragraph in PARAGRAPHS) + "\n"
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    path = write(tmp_path / "wrapped.txt", wrapped)
    assert text_of(path) == "\n\n".join(PARAGRAPHS)


def test_unwrapping_keeps_list_items_and_rejoins_hyphenated_words(tmp_path: Path) -> None:
    first = (
        "Ukrainian President Volodymyr Zelenskiy said on Wednesday that his long-\n"
        "term goal was a durable peace backed by security guarantees from allies\n"
        "and a strong army of its own, according to officials in the capital."
    )
    items = "- The first point of the list stays on its own line in the output.\n- Second point."
    wrapped = "\n\n".join([first, wrap(PARAGRAPHS[1]), wrap(PARAGRAPHS[2]) + "\n" + items])
    lines = text_of(write(tmp_path / "wrapped.txt", wrapped)).split("\n")
    assert lines[0] == " ".join(first.split()).replace("long- term", "long-term")
    assert lines[-3:] == [
        PARAGRAPHS[2],
        "- The first point of the list stays on its own line in the output.",
        "- Second point.",
    ]


def test_equal_length_lines_of_sentences_are_not_unwrapped(tmp_path: Path) -> None:
    text = ARTICLE * 6  # every line 73 characters, one block: only the full stops tell
    assert text_of(write(tmp_path / "same.txt", text)) == text


def test_one_paragraph_per_line_is_kept_as_is(tmp_path: Path) -> None:
    text = "Short headline\n" + "\n".join(PARAGRAPHS) + "\nCOMMENTS"
    assert text_of(write(tmp_path / "lines.txt", text)) == text


def test_short_lines_in_blocks_are_not_joined(tmp_path: Path) -> None:
    text = "Roses are red,\nviolets are blue.\n\nSugar is sweet,\nand so are you.\n" * 3
    assert text_of(write(tmp_path / "poem.txt", text)) == text


# --- Markdown and HTML ---------------------------------------------------------------------


MARKDOWN = """# Storm *hits* the coast

A powerful storm struck the coast on Tuesday,
officials said. See [the report](https://example.com/r) for **more details**.

![Flooded street](flood.png)

* First point with `inline code`.
* Second point that wraps
  onto a second line.

```
kept as text
```

<div class="promo">Visit <b>our shop</b> &amp; save</div>
<script>alert("x")</script>

## Reactions
"""


def test_markdown_is_reduced_to_text_lines(tmp_path: Path) -> None:
    (document,) = load_one(write(tmp_path / "story.md", MARKDOWN)).documents
    assert document.title == "Storm hits the coast"
    assert document.text.split("\n") == [
        "Storm hits the coast",
        "A powerful storm struck the coast on Tuesday, officials said. "
        "See the report for more details.",
        "- First point with inline code.",
        "- Second point that wraps onto a second line.",
        "kept as text",
        "Visit our shop & save",
        "Reactions",
    ]


def test_markdown_front_matter_title_wins(tmp_path: Path) -> None:
    text = '---\ntitle: "Front matter title"\ndate: 2025-02-12\n---\n# Heading\n\nBody text.\n'
    (document,) = load_one(write(tmp_path / "fm.MARKDOWN", text)).documents
    assert document.title == "Front matter title"
    assert document.text == "Heading\nBody text."


def test_markdown_without_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.md", "![only an image](a.png)\n\n<!-- a comment -->\n")
    assert skip_reason(path) == "file is empty after removing markup"


def test_markdown_entities_cannot_smuggle_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "sneaky.md", "Plain &#x202E;reversed&#x202C; and &#x200B;hidden.\n")
    assert text_of(path) == "Plain reversed and hidden."


HTML = """<!doctype html>
<html><head><title>Storm hits coast | Daily News</title>
<meta property="og:title" content="Storm hits the coast"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Storm hits the coast</h1>
<p>A powerful storm struck the coast on Tuesday, officials said. Thousands of homes lost power
and several roads were closed overnight.</p>
<p>Rescue teams worked through the night &amp; evacuated two villages near the river.</p>
</article>
<script>var tracking = "do not show";</script>
</body></html>"""


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_article_text_and_title_are_extracted(tmp_path: Path, suffix: str) -> None:
    (document,) = load_one(write(tmp_path / f"page{suffix}", HTML)).documents
    assert document.title == "Storm hits the coast"
    assert "A powerful storm struck the coast on Tuesday" in document.text
    assert "Rescue teams worked through the night & evacuated" in document.text
    assert "tracking" not in document.text
    assert "Home" not in document.text


def test_html_without_an_article_is_skipped(tmp_path: Path) -> None:
    page = (
        "<html><head><style>p{color:red}</style></head><body><script>run()</script></body></html>"
    )
    assert skip_reason(write(tmp_path / "app.html", page)) == "no article text found in HTML"


def test_plain_text_does_not_import_trafilatura(tmp_path: Path) -> None:
    # Loading .txt must not pay for the HTML stack; run in a fresh interpreter to be sure.
    write(tmp_path / "a.txt", ARTICLE)
    code = (
        "import sys; from aligner.corpus import load_documents; "
        f"load_documents([{str(tmp_path)!r}]); print('trafilatura' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


# --- sizes, empty files, unsupported types, errors ------------------------------------------


def test_empty_and_blank_files_are_skipped(tmp_path: Path) -> None:
    assert skip_reason(write(tmp_path / "empty.txt", b"")) == "empty file"
    assert skip_reason(write(tmp_path / "blank.txt", " \n\t\n\x07")) == "empty file"


def test_oversized_file_is_skipped_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(7_300_000)  # sparse: cheap to create

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversized file was opened")

    monkeypatch.setattr(corpus, "open", refuse, raising=False)
    assert skip_reason(path) == "larger than the 5.0 MB limit (7.3 MB)"


def test_max_file_bytes_is_respected(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "x" * 250)
    assert skip_reason(path, max_file_bytes=100) == "larger than the 100 bytes limit (250 bytes)"
    assert load_documents([path], max_file_bytes=250).documents[0].text == "x" * 250


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 kB"), (12_345, "12.3 kB"),
     (999_999, "1.0 MB"), (5_000_000, "5.0 MB"), (7_300_000, "7.3 MB")],
)  # fmt: skip
def test_format_size(size: int, shown: str) -> None:
    assert format_size(size) == shown


@pytest.mark.parametrize(
    ("name", "shown"),
    [("report.pdf", ".pdf"), ("data.JSON", ".json"), ("README", "without extension")],
)
def test_unsupported_file_types_are_named(tmp_path: Path, name: str, shown: str) -> None:
    path = write(tmp_path / name, ARTICLE)
    expected = f"unsupported file type {shown} (expected .txt, .md, .markdown, .html, .htm)"
    assert skip_reason(path) == expected


def test_suffixes_are_case_insensitive(tmp_path: Path) -> None:
    assert text_of(write(tmp_path / "LOUD.TXT", ARTICLE)) == ARTICLE


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", ARTICLE)
    path.chmod(0)
    try:
        assert skip_reason(path) == "permission denied"
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (FileNotFoundError(2, "No such file"), "could not read: No such file"),
        (OSError(5, "Input/output error"), "could not read: Input/output error"),
    ],
)  # fmt: skip
def test_read_errors_become_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    # Simulates a file that is unreadable or vanished between listing and reading.
    path = write(tmp_path / "a.txt", ARTICLE)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(corpus, "open", fail, raising=False)
    assert skip_reason(path) == reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert skip_reason(pipe) == "not a regular file"  # reading it would block forever


def test_missing_path_raises_no_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    with pytest.raises(NoInputError, match=re.escape(missing.as_posix())):
        load_documents([write(tmp_path / "ok.txt", ARTICLE), missing])


def test_unreadable_folder_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "locked" / "a.txt", ARTICLE)

    def deny(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(corpus.os, "scandir", deny)
    result = load_documents([tmp_path / "locked"])
    assert result.documents == ()
    assert result.skipped == (SkippedFile((tmp_path / "locked").as_posix(), "permission denied"),)


# --- finding files -------------------------------------------------------------------------


def test_natural_order_case_insensitive(tmp_path: Path) -> None:
    for name in ["10.txt", "2.txt", "b.txt", "A.txt", "a10.txt", "a9.txt"]:
        write(tmp_path / name, ARTICLE)
    assert names(load_documents([tmp_path])) == [
        "2.txt",
        "10.txt",
        "a9.txt",
        "a10.txt",
        "A.txt",
        "b.txt",
    ]


def test_natural_sort_key_breaks_ties_by_raw_string() -> None:
    assert sorted(["b", "B", "a"], key=natural_sort_key) == ["a", "B", "b"]


@given(st.lists(st.text(), max_size=8))
def test_natural_sort_key_orders_any_names_the_same_way(file_names: list[str]) -> None:
    ordered = sorted(file_names, key=natural_sort_key)  # never mixes str and int
    assert sorted(reversed(file_names), key=natural_sort_key) == ordered


def test_results_are_sorted_across_arguments_and_deduplicated(tmp_path: Path) -> None:
    two = write(tmp_path / "2.txt", ARTICLE)
    ten = write(tmp_path / "10.txt", ARTICLE)
    link = tmp_path / "link.txt"
    link.symlink_to(two)
    result = load_documents([ten, tmp_path, two, link])
    assert names(result) == ["2.txt", "10.txt"]  # link.txt is 2.txt again
    assert [document.path for document in result.documents] == [two.as_posix(), ten.as_posix()]


def test_folders_skip_hidden_files_but_explicit_files_are_loaded(tmp_path: Path) -> None:
    write(tmp_path / "visible.txt", ARTICLE)
    hidden = write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "x.txt", ARTICLE)
    assert names(load_documents([tmp_path], recursive=True)) == ["visible.txt"]
    assert names(load_documents([hidden])) == [".hidden.txt"]


def test_unsupported_files_in_a_folder_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n")
    result = load_documents([tmp_path])
    assert names(result) == ["a.txt"]
    assert [Path(skipped.path).name for skipped in result.skipped] == ["photo.png"]
    assert result.skipped[0].reason.startswith("unsupported file type .png")


def test_recursive_walks_nested_folders_and_survives_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path / "top.txt", ARTICLE)
    write(tmp_path / "one" / "mid.txt", ARTICLE)
    write(tmp_path / "one" / "two" / "deep.md", "Deep text.\n")
    (tmp_path / "one" / "two" / "back-to-top").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "one" / "self").symlink_to(tmp_path / "one" / "self")  # ELOOP when followed
    (tmp_path / "one" / "dangling.txt").symlink_to(tmp_path / "missing.txt")

    assert names(load_documents([tmp_path])) == ["top.txt"]
    result = load_documents([tmp_path], recursive=True)
    found = [Path(document.path).relative_to(tmp_path).as_posix() for document in result.documents]
    assert found == ["one/mid.txt", "one/two/deep.md", "top.txt"]
    assert result.skipped == ()


# --- source names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file_name", "source"),
    [
        ("a2_sun-sentinel.txt", "sun sentinel"),
        ("001_afc6bf5d3029826a.txt", "001_afc6bf5d3029826a"),
        ("003_the_guardian_7d4413c7ecb2e290.html", "the guardian"),
        ("reuters.txt", "reuters"),
        ("New York Times.md", "New York Times"),
        ("10.txt", "10"),
        ("cafe-deadbeef.txt", "cafe deadbeef"),  # letters only: a word, not a hash
    ],
)
def test_source_name(file_name: str, source: str) -> None:
    assert source_name(Path(file_name)) == source


def test_sources_are_unique(tmp_path: Path) -> None:
    for name in ["1_reuters.txt", "2_reuters.txt", "3-reuters.md"]:
        write(tmp_path / name, ARTICLE)
    result = load_documents([tmp_path])
    assert [document.source for document in result.documents] == [
        "reuters",
        "reuters (2)",
        "reuters (3)",
    ]
