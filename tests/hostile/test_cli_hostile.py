"""Terminal safety and limits of `parallax export`: hostile text and file names never reach a
terminal as control sequences, undecodable names do not break exports, limits are clear."""

from __future__ import annotations

import io
import json
import os
import stat
import sys

import pytest

from aligner.load.limits import TooManySentences
from aligner.pipeline import compare

#: Sequences that act on a terminal: clear screen, window title (OSC 0), clipboard write
#: (OSC 52), colour, bell, backspace, a C1 CSI, and a bidi override.
ATTACK = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[31mred\x1b[0m\x07\x08\x9b2J\u202e"
RAW_CONTROLS = ("\x1b", "\x07", "\x08", "\x9b", "\u202e")


def assert_no_raw_controls(*streams: str | bytes) -> None:
    """Nothing printed carries a control character a terminal would act on."""
    for stream in streams:
        text = stream.decode("utf-8") if isinstance(stream, bytes) else stream
        for control in RAW_CONTROLS:
            assert control not in text, (control, text[:1000])


@pytest.fixture
def hostile_corpus(corpus):
    """Article text and file names full of terminal control sequences, one file skipped."""
    corpus.write(
        f"wire{ATTACK}.txt",
        f"The old bridge {ATTACK} over the river collapsed on Monday morning. "
        f"At least 29 people were killed, {ATTACK} officials said.",
    )
    corpus.write(
        f"post{ATTACK}.md",
        f"# Bridge {ATTACK} collapse\n\nThe old bridge over the river collapsed on Monday.\n\n"
        "At least 19 people were killed &#27;[2J &#x1b;]0;title&#7; the mayor said.\n\n"
        f"<p>{ATTACK}</p>\n",
    )
    corpus.write(f"photo{ATTACK}.png", b"\x89PNG\r\n\x1a\n")
    return corpus


def test_markdown_export_prints_no_control_sequence(hostile_corpus, cli) -> None:
    result = cli("export", hostile_corpus.root)
    assert result.code == 0
    assert_no_raw_controls(result.out, result.err)
    # The skipped file is still named, its control characters shown as escapes.
    (line,) = result.skipped_lines()
    assert "photo\\x1b[2J\\x1b]0;pwned\\x07" in line and "\\u202e.png: unsupported" in line
    assert "At least 29 people were killed" in result.out


def test_file_names_keep_joiners_and_show_hidden_characters_escaped(corpus, cli) -> None:
    corpus.articles()
    tags = "".join(chr(0xE0000 + ord(c)) for c in "hi")
    corpus.write(f"می\u200cخواهم{tags}\u200b.png", b"\x89PNG\r\n\x1a\n")
    result = cli("export", corpus.root)
    assert result.code == 0
    (line,) = result.skipped_lines()
    # ZWNJ spells the Persian word; the tag characters and zero-width space are shown.
    assert "/می\u200cخواهم\\U000e0068\\U000e0069\\u200b.png: unsupported" in line


def test_markdown_export_through_a_real_process(hostile_corpus, cli_process) -> None:
    result = cli_process("export", hostile_corpus.root)
    assert result.returncode == 0
    assert_no_raw_controls(result.stdout, result.stderr)
    assert result.stdout.decode("utf-8").startswith("# Parallax comparison: ")


def test_json_export_escapes_what_it_keeps(hostile_corpus, cli_process) -> None:
    result = cli_process("export", hostile_corpus.root, "--format", "json")
    assert result.returncode == 0
    assert_no_raw_controls(result.stdout, result.stderr)
    document = json.loads(result.stdout)
    # Paths are kept exactly (a program may open them); JSON carries them as \uXXXX escapes.
    paths = [a["path"] for a in document["articles"]] + [s["path"] for s in document["skipped"]]
    assert all(ATTACK in path for path in paths) and len(paths) == 3
    for escape in ("\\u001b", "\\u0007", "\\u009b", "\\u202e"):
        assert escape.encode() in result.stdout
    # Article text itself is cleaned when loaded, so no sentence keeps a control character.
    for article in document["articles"]:
        for sentence in article["sentences"]:
            assert_no_raw_controls(sentence["text"])
        assert_no_raw_controls(article["source"])


def test_control_characters_in_arguments_and_errors(corpus, cli) -> None:
    missing = corpus.path(f"gone{ATTACK}")
    result = cli("export", missing)
    assert result.code == 2
    assert_no_raw_controls(result.out, result.err)
    assert result.err.startswith("parallax: no such file or folder: ")

    result = cli("export", "--format", f"json{ATTACK}")
    assert result.code == 2
    assert_no_raw_controls(result.err)


@pytest.mark.skipif(
    sys.platform in ("win32", "darwin") or sys.getfilesystemencoding() != "utf-8",
    reason="needs a file system that stores arbitrary bytes in names",
)
@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_file_names_that_are_not_utf8(corpus, cli, cli_process, fmt: str) -> None:
    corpus.articles()
    raw_name = os.fsencode(corpus.root) + b"/caf\xe9 latin-1.txt"
    with open(raw_name, "wb") as handle:
        handle.write(b"The old bridge over the river collapsed on Monday morning.")
    skipped_name = os.fsencode(corpus.root) + b"/bad\xff.png"
    with open(skipped_name, "wb") as handle:
        handle.write(b"x")

    result = cli("export", corpus.root, "--format", fmt)
    assert result.code == 0
    assert result.err.endswith(
        "/bad\\xff.png: unsupported file type .png (expected .txt, .md, .markdown, .html, .htm)\n"
    )
    output = corpus.root.parent / f"out.{'md' if fmt == 'markdown' else 'json'}"
    process = cli_process("export", corpus.root, "-o", output)
    assert process.returncode == 0, process.stderr
    text = output.read_bytes().decode("utf-8")  # valid UTF-8 whatever the names
    if fmt == "json":
        paths = [a["path"] for a in json.loads(text)["articles"]]
        # The byte that is not UTF-8 is spelled \xe9: any JSON reader can print the path.
        assert os.fsdecode(raw_name).replace("\udce9", "\\xe9") in paths
        print(*paths, file=io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))  # no surrogates
    else:
        # The path as in JSON (its backslash escaped for Markdown); the name, made readable.
        assert "caf\\\\xe9 latin-1.txt" in text and "| caf\ufffd latin 1 |" in text


# -- limits ----------------------------------------------------------------------------------


def test_too_many_sentences_is_a_clear_error(corpus) -> None:
    corpus.articles()
    with pytest.raises(TooManySentences, match="6 sentences and other lines exceed the limit of 5"):
        compare([corpus.root], max_sentences=5)
    within = compare([corpus.root], max_sentences=6)
    assert sum(len(article.sentences) for article in within.articles) == 6


def test_too_many_sentences_on_the_command_line(corpus, cli, tmp_path) -> None:
    corpus.articles()
    output = tmp_path / "out.md"
    result = cli("export", corpus.root, "--max-sentences", "5", "-o", output)
    assert (result.code, result.out) == (2, "")
    assert result.err == "parallax: 6 sentences and other lines exceed the limit of 5\n"
    assert not output.exists()
    assert cli("export", corpus.root, "--max-sentences", "6", "-o", output).code == 0


@pytest.mark.parametrize("value", ["0", "-3", "many", "1.5"])
def test_bad_sentence_limits_are_usage_errors(corpus, cli, value: str) -> None:
    corpus.articles()
    result = cli("export", corpus.root, "--max-sentences", value)
    assert (result.code, result.out) == (2, "")
    assert "--max-sentences" in result.err


def test_too_many_sentences_through_a_real_process(corpus, cli_process) -> None:
    corpus.articles()
    result = cli_process("export", corpus.root, "--max-sentences", "2")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr == b"parallax: 6 sentences and other lines exceed the limit of 2\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("force", [False, True])
def test_output_to_a_pipe_or_device_is_refused(corpus, cli, tmp_path, force: bool) -> None:
    corpus.articles()
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    result = cli("export", corpus.root, "-o", pipe, *(["--force"] if force else []))
    assert (result.code, result.out) == (2, "")
    assert result.err == f"parallax: {pipe} is not a regular file; use -o - for stdout\n"
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)  # still the pipe, not replaced by a file


def test_exit_codes_through_real_processes(corpus, cli_process) -> None:
    corpus.articles()
    corpus.write("broken.txt", b"")
    ok = cli_process("export", corpus.root)
    assert ok.returncode == 0
    assert ok.stderr == f"skipped {corpus.path('broken.txt').as_posix()}: empty file\n".encode()

    missing = cli_process("export", corpus.path("missing"))
    assert missing.returncode == 2
    assert missing.stderr.startswith(b"parallax: no such file or folder: ")

    none = cli_process("export", corpus.path("broken.txt"))
    assert none.returncode == 2
    assert none.stderr.endswith(b"parallax: no article could be read (every file was skipped)\n")


# -- output that cannot be written: one specific line, the right exit code -----------------

LONG_NAME = "a" * 255 + ".md"  # 258 bytes: over every common file system's 255


def test_a_file_name_too_long_is_a_usage_error(corpus, cli, tmp_path) -> None:
    corpus.articles()
    target = tmp_path / LONG_NAME
    result = cli("export", corpus.root, "-o", target)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"parallax: file name too long: {target}\n"


def test_a_full_stdout_is_one_line_and_exit_1(corpus, cli_process) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    corpus.articles()
    with open("/dev/full", "wb") as full:
        result = cli_process("export", corpus.root, stdout=full)
    assert result.returncode == 1
    assert result.stderr == b"parallax: cannot write to standard output: No space left on device\n"


def test_a_closed_stdout_is_one_line_and_exit_1(corpus, cli_process) -> None:
    corpus.articles()
    result = cli_process("export", corpus.root, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == b"parallax: cannot write to standard output: it is closed\n"
