"""Tests for aligner.load.corpus: finding, reading and naming article files, and skip reasons."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from article_files import ARTICLE, skip_reason, text_of, write
from hypothesis import given
from hypothesis import strategies as st

from aligner.load import corpus
from aligner.load.corpus import (
    LoadResult,
    NoInputError,
    format_size,
    load_documents,
    natural_sort_key,
    source_name,
)
from aligner.load.resources import sample_corpus_dir
from aligner.result.model import SkippedFile


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
        # "a2_first-big-foray" reads "first big foray": the ordering prefix goes.
        assert document.source == file.stem.split("_", 1)[1].replace("-", " ")
        assert document.title is None


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


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_unreadable_file_is_skipped(tmp_path: Path, unprivileged) -> None:
    path = write(tmp_path / "secret.txt", ARTICLE)
    write(tmp_path / "open.txt", ARTICLE)
    path.chmod(0)
    script = (
        "import sys; from aligner.load.corpus import load_documents\n"
        "loaded = load_documents([sys.argv[1]])\n"
        "print([s.reason for s in loaded.skipped], len(loaded.documents))\n"
    )
    try:
        result = unprivileged("-c", script, tmp_path)
    finally:
        path.chmod(0o644)
    assert result.stdout == "['permission denied'] 1\n", result.stderr


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

    monkeypatch.setattr(corpus.os, "open", fail)
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
    # The loop back to the top is entered once; broken links are said, not dropped.
    skipped = [(Path(s.path).relative_to(tmp_path).as_posix(), s.reason) for s in result.skipped]
    assert skipped == [
        ("one/dangling.txt", "link leads nowhere"),
        ("one/self", "could not read: Too many levels of symbolic links"),
    ]


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
