"""Hostile folders and damaged files: what `parallax export` prints, its exit code, and that
every readable article still loads."""

from __future__ import annotations

import io
import json
import os
import random
import time
import zipfile
import zlib
from pathlib import Path

import pytest

import aligner.load.corpus
from aligner.export.markdown import escape_inline
from aligner.pipeline import compare
from aligner.text.segment import MAX_SENTENCE_CHARS

UNSUPPORTED = "(expected .txt, .md, .markdown, .html, .htm)"


def png_bytes() -> bytes:
    """A tiny but valid PNG image (1×1, grey)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def zip_bytes() -> bytes:
    """A ZIP archive holding an article: the text inside must not be read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "The old bridge over the river collapsed on Monday.")
    return buffer.getvalue()


def random_bytes(size: int = 4096, *, seed: int = 6) -> bytes:
    return random.Random(seed).randbytes(size)


def json_export(cli, *args: str | Path):
    """Run `parallax export ARGS --format json`; returns the result and the parsed document."""
    result = cli("export", *args, "--format", "json")
    return result, (json.loads(result.out) if result.out else None)


def loaded_paths(document) -> list[str]:
    return [article["path"] for article in document["articles"]]


def loaded_text(document, path: Path) -> str:
    """The article's text as the sentences give it back (one space between sentences)."""
    (article,) = [a for a in document["articles"] if a["path"] == path.as_posix()]
    return " ".join(s["text"] for s in article["sentences"])


# -- one damaged file next to two good articles --------------------------------------------

SKIPPED_CASES = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\t\n\n", "empty file"),
    ("image.png", png_bytes(), f"unsupported file type .png {UNSUPPORTED}"),
    ("image.txt", png_bytes(), "binary file (PNG image)"),
    ("report.pdf", pdf_bytes(), f"unsupported file type .pdf {UNSUPPORTED}"),
    ("report.txt", pdf_bytes(), "binary file (PDF document)"),
    ("archive.zip", zip_bytes(), f"unsupported file type .zip {UNSUPPORTED}"),
    ("archive.md", zip_bytes(), "binary file (ZIP archive)"),
    ("noise.txt", random_bytes(), "binary file (contains NUL bytes)"),
    ("noise.html", bytes(b for b in random_bytes() if b), "could not determine the text encoding"),
    ("README", b"The bridge collapsed.", f"unsupported file type without extension {UNSUPPORTED}"),
    (
        "scripts.html",
        b"<html><head><title>Live</title><style>p{color:red}</style>"
        b"<script>document.write('The bridge collapsed on Monday.')</script></head>"
        b"<body><script>var story = 'At least 29 people were killed.';</script></body></html>",
        "no article text found in HTML",
    ),
    (
        # A single-page app saved from a browser: the only visible text is the <noscript> notice.
        "app.html",
        b'<!doctype html><html><head><title>News</title><link rel="stylesheet" href="a.css">'
        b"</head><body><noscript>You need to enable JavaScript to run this app.</noscript>"
        b'<div id="root"></div><script src="main.js"></script></body></html>',
        "no article text found in HTML",
    ),
    ("image-only.md", b"<!-- x -->\n\n![photo](x.png)\n", "file is empty after removing markup"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "reason"), SKIPPED_CASES, ids=[c[0] for c in SKIPPED_CASES]
)
def test_damaged_file_is_skipped_with_its_reason_and_the_rest_loads(
    corpus, cli, name: str, data: bytes, reason: str
) -> None:
    first, second = corpus.articles()
    bad = corpus.write(name, data)

    result, document = json_export(cli, corpus.root)
    assert result.code == 0
    assert result.skipped_lines() == [f"skipped {bad.as_posix()}: {reason}"]
    assert result.err == f"skipped {bad.as_posix()}: {reason}\n"
    assert loaded_paths(document) == [first.as_posix(), second.as_posix()]
    assert document["skipped"] == [{"path": bad.as_posix(), "reason": reason}]

    comparison = compare([corpus.root])
    assert [a.path for a in comparison.articles] == [first.as_posix(), second.as_posix()]
    assert [(s.path, s.reason) for s in comparison.skipped] == [(bad.as_posix(), reason)]


def test_a_folder_of_only_bad_files_exits_2_and_lists_every_reason(corpus, cli) -> None:
    for name, data, _ in SKIPPED_CASES:
        corpus.write(name, data)
    result = cli("export", corpus.root)
    assert result.code == 2
    assert result.out == ""
    expected = sorted(f"skipped {corpus.path(n).as_posix()}: {r}" for n, _, r in SKIPPED_CASES)
    assert sorted(result.skipped_lines()) == expected
    assert result.err.endswith("parallax: no article could be read (every file was skipped)\n")
    assert len(result.err.splitlines()) == len(SKIPPED_CASES) + 1


# -- damaged but readable: the text is recovered -------------------------------------------

FRENCH = "Le ministre a déclaré que le pont rouvrirait lundi, à la grande joie des élèves."
QUOTES = "The minister’s office said the talks were “productive” and cost €5 million."
ENGLISH = (
    "The old bridge over the river collapsed on Monday morning, and rescue teams searched "
    "the water for survivors through the night while the city council met in the town hall."
)
CR_TEXT = "The old bridge over the river collapsed on Monday morning."

READABLE_CASES = [
    ("latin-1.txt", FRENCH.encode("latin-1"), FRENCH),
    ("windows-1252.txt", QUOTES.encode("cp1252"), QUOTES),
    ("utf-16-le-bom.txt", b"\xff\xfe" + QUOTES.encode("utf-16-le"), QUOTES),
    ("utf-16-be-bom.txt", b"\xfe\xff" + QUOTES.encode("utf-16-be"), QUOTES),
    ("utf-16-le.txt", QUOTES.encode("utf-16-le"), QUOTES),
    ("utf-16-be.txt", QUOTES.encode("utf-16-be"), QUOTES),
    ("utf-8-bom.txt", b"\xef\xbb\xbf" + FRENCH.encode(), FRENCH),
    ("stray-nul.txt", ENGLISH.encode().replace(b"river", b"ri\x00ver"), ENGLISH),
    # A lone CR breaks the line like a newline (old Mac files); CR LF ends one line.
    ("cr.txt", b"The old bridge over the river\rcollapsed on Monday morning.\r\n", CR_TEXT),
]


@pytest.mark.parametrize(
    ("name", "data", "text"), READABLE_CASES, ids=[c[0] for c in READABLE_CASES]
)
def test_oddly_encoded_file_loads_with_its_exact_text(
    corpus, cli, name: str, data: bytes, text: str
) -> None:
    first, second = corpus.articles()
    odd = corpus.write(name, data)
    result, document = json_export(cli, corpus.root)
    assert (result.code, result.err) == (0, "")
    assert sorted(loaded_paths(document)) == sorted(p.as_posix() for p in (first, second, odd))
    recovered = loaded_text(document, odd)
    assert recovered == text


def test_invalid_utf8_is_loaded_not_skipped(corpus, cli) -> None:
    broken = corpus.write(
        "broken.txt",
        b"The old bridge \xff\xfe collapsed \xc3\x28 on Monday morning, officials said.",
    )
    result, document = json_export(cli, broken)
    assert (result.code, result.err) == (0, "")
    text = loaded_text(document, broken)
    assert text.startswith("The old bridge ") and "collapsed" in text
    assert text.endswith("on Monday morning, officials said.")


RUSSIAN = "Старый мост через реку обрушился в понедельник утром, сообщили власти."
JAPANESE = "月曜日の朝、川に架かる古い橋が崩落したと当局が発表した。"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [RUSSIAN, JAPANESE], ids=["russian", "japanese"])
def test_utf16_and_utf32_without_bom_load_in_any_script(corpus, cli, text: str, codec: str):
    corpus.articles()
    odd = corpus.write("wide.txt", (text + "\n").encode(codec))
    result, document = json_export(cli, corpus.root)
    assert (result.code, result.err) == (0, "")
    assert loaded_text(document, odd) == text


def test_a_stray_byte_in_utf8_is_replaced_and_reported(corpus, cli) -> None:
    corpus.articles()
    french = FRENCH.replace("à la", "\x92à la")
    damaged = corpus.write("damaged.txt", french.encode().replace("\x92".encode(), b"\x92"))
    russian = corpus.write("russian.txt", RUSSIAN.encode().replace(b" ", b" \xff", 1))
    result, document = json_export(cli, corpus.root)
    assert result.code == 0
    assert loaded_text(document, damaged) == FRENCH.replace("à la", "\ufffdà la")
    assert loaded_text(document, russian) == RUSSIAN.replace(" ", " \ufffd", 1)
    assert result.err.splitlines() == [
        f"repaired {damaged.as_posix()}: 1 invalid UTF-8 byte replaced",
        f"repaired {russian.as_posix()}: 1 invalid UTF-8 byte replaced",
    ]
    repair = "1 invalid UTF-8 byte replaced"
    assert document["repaired"] == [
        {"path": damaged.as_posix(), "repair": repair},
        {"path": russian.as_posix(), "repair": repair},
    ]
    markdown = cli("export", corpus.root).out
    section = markdown.split("## Repaired files\n", 1)[1]
    # Named from the compared folder on, as in the Sources table.
    assert f"- {escape_inline(f'{corpus.root.name}/{damaged.name}')}: {repair}\n" in section


# -- invisible characters ------------------------------------------------------------------

# Tag characters spell hidden ASCII ("IGNORE" here); a ZWJ and a variation selector too.
HIDDEN = "".join(chr(0xE0000 + ord(c)) for c in "IGNORE") + "\u200d\ufe0f"


def test_invisible_characters_between_letters_keep_a_sentence_in_the_comparison(
    corpus, cli
) -> None:
    corpus.articles()
    sentence = "The old bridge over the river collapsed on Monday morning."
    hidden_in = sentence.replace("bridge", f"bri{HIDDEN}dge").replace(" ", f"{HIDDEN} ")
    marked = corpus.write("marked.txt", "\u200d".join(hidden_in[:12]) + hidden_in[12:])
    result, document = json_export(cli, corpus.root)
    assert (result.code, result.err) == (0, "")
    (article,) = [a for a in document["articles"] if a["path"] == marked.as_posix()]
    (own,) = article["sentences"]
    assert own["kind"] == "prose"
    assert own["text"] == "\u200d".join(hidden_in[:12]) + hidden_in[12:]  # kept as written
    (group,) = [g for g in document["groups"] if own["id"] in g["sentences"]]
    assert group["label"] == "shared" and len(group["sentences"]) == 3

    raw = cli("export", corpus.root, "--format", "json").out
    assert not any(0xE0000 <= ord(char) <= 0xE007F for char in raw)
    assert "\\udb40\\udc49" in raw  # TAG LATIN CAPITAL LETTER I as a surrogate pair
    markdown = cli("export", corpus.root).out
    assert not any(0xE0000 <= ord(char) <= 0xE007F for char in markdown)
    assert "&#xE0049;" in markdown


# -- size limits ---------------------------------------------------------------------------


def test_five_megabyte_line_without_punctuation_gives_bounded_sentences(corpus) -> None:
    words = ["bridge", "river", "council", "minister", "traffic", "monday", "water", "report"]
    rng = random.Random(5)
    line = " ".join(rng.choice(words) for _ in range(900_000))[:5_000_000].rstrip()
    path = corpus.write("blob.txt", line)
    assert path.stat().st_size <= 5_000_000  # within the default limit, so it is loaded

    started = time.perf_counter()
    comparison = compare([path])
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"took {elapsed:.1f} s"

    (article,) = comparison.articles
    lengths = [len(s.text) for s in article.sentences]
    assert max(lengths) <= MAX_SENTENCE_CHARS
    assert len(lengths) >= len(line) // MAX_SENTENCE_CHARS
    # Nothing lost: the sentences hold every word of the line, in order.
    assert " ".join(s.text for s in article.sentences) == line


def test_file_over_the_size_limit_is_skipped_and_the_option_raises_it(corpus, cli) -> None:
    corpus.articles()
    big = corpus.write("big.txt", "bridge river " * 118_000)  # 1.53 MB, a few hundred sentences
    result = cli("export", corpus.root, "--max-file-mb", "1")
    assert result.code == 0
    assert result.err == f"skipped {big.as_posix()}: larger than the 1.0 MB limit (1.5 MB)\n"
    assert "3 sources" not in result.out and "2 sources" in result.out

    result, document = json_export(cli, corpus.root, "--max-file-mb", "1.6")
    assert (result.code, result.err) == (0, "")
    assert big.as_posix() in loaded_paths(document)


def test_file_over_the_default_limit_is_never_opened(corpus, cli, monkeypatch) -> None:
    corpus.articles()
    huge = corpus.path("huge.txt")
    with huge.open("wb") as handle:
        handle.truncate(5_000_001)  # sparse: cheap to create, one byte over the limit
    opened: list[str] = []
    real_open = open

    def watching_open(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(aligner.load.corpus, "open", watching_open, raising=False)
    result = cli("export", corpus.root)
    assert result.code == 0
    assert result.err == (
        f"skipped {huge.as_posix()}: larger than the 5,000,000 bytes limit (5,000,001 bytes)\n"
    )
    assert os.fspath(huge) not in opened


@pytest.mark.parametrize("megabytes", ["1e300", "100000"])
def test_a_huge_size_limit_is_accepted(corpus, cli, megabytes: str) -> None:
    corpus.articles()
    result = cli("export", corpus.root, "--max-file-mb", megabytes)
    assert (result.code, result.err) == (0, "")


def test_thousands_of_tiny_files_are_all_compared(corpus, cli, record_property) -> None:
    count = 2_000
    subjects = ["The bridge", "The council", "A minister", "The river", "Rescue teams", "The city"]
    verbs = ["closed", "opened", "flooded", "reported", "warned", "collapsed"]
    rng = random.Random(2)
    for number in range(count):
        sentence = f"{rng.choice(subjects)} {rng.choice(verbs)} on day {number}."
        corpus.write(f"{number:04d}.txt", sentence)
    output = corpus.root.parent / "many.md"

    started = time.perf_counter()
    result = cli("export", corpus.root, "-o", output)
    elapsed = time.perf_counter() - started
    record_property("seconds_for_2000_files", round(elapsed, 2))

    assert (result.code, result.err) == (0, "")
    document = output.read_text(encoding="utf-8")
    assert document.splitlines()[2].startswith(f"{count} sources · ")
    assert document.count("\n## Only in ") == count
    assert elapsed < 120, f"took {elapsed:.1f} s"  # a hang guard, not a benchmark


# -- folders: nesting, loops, odd names -------------------------------------------------------


def test_deeply_nested_folders_need_recursive(corpus, cli) -> None:
    corpus.articles()
    deep_folder = Path(*[f"level {depth}" for depth in range(50)])
    deep = corpus.write(deep_folder / "deep.txt", "The deep article says the river flooded.")

    result, document = json_export(cli, corpus.root, "--recursive")
    assert (result.code, result.err) == (0, "")
    assert deep.as_posix() in loaded_paths(document)
    assert len(document["articles"]) == 3

    result, document = json_export(cli, corpus.root)
    assert deep.as_posix() not in loaded_paths(document)
    assert len(document["articles"]) == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loops_end_and_each_article_loads_once(corpus, cli) -> None:
    first, second = corpus.articles(folder="a/b")
    os.symlink(corpus.root, corpus.path("a/b/back-to-top"))  # a folder loop
    os.symlink("self.txt", corpus.path("a/self.txt"))  # a link to itself
    os.symlink("ping.txt", corpus.path("a/pong.txt"))  # two links to each other
    os.symlink("pong.txt", corpus.path("a/ping.txt"))

    result, document = json_export(cli, corpus.root, "--recursive")
    assert result.code == 0
    assert loaded_paths(document) == [first.as_posix(), second.as_posix()]
    # The looping links are listed with the system's reason, not dropped without a word.
    reasons = {Path(s["path"]).name: s["reason"] for s in document["skipped"]}
    assert set(reasons) == {"self.txt", "ping.txt", "pong.txt"}
    assert all("symbolic links" in reason for reason in reasons.values())
    assert len(result.skipped_lines()) == 3

    # A looping link given by name is tried, and skipped with the system's reason.
    result = cli("export", corpus.path("a/self.txt"), first)
    assert result.code == 0
    (line,) = result.skipped_lines()
    assert line.startswith(f"skipped {corpus.path('a/self.txt').as_posix()}: could not read: ")
    assert "symbolic links" in line


def test_names_with_spaces_newlines_and_other_scripts(corpus, cli) -> None:
    names = ["статья 1.txt", "新闻.md", "a\nb.txt", "two  spaces .txt", "مقال.html"]
    texts = [
        "Министр заявил, что мост откроется в понедельник.",
        "# 新闻\n\n部长说桥将于周一重新开放。",
        "The old bridge over the river collapsed on Monday morning.",
        "At least 29 people were killed, officials said.",
        "<html><body><article><p>قال الوزير إن الجسر سيعاد فتحه يوم الاثنين بعد أسابيع من "
        "الإصلاحات الطويلة في المدينة.</p></article></body></html>",
    ]
    paths = [corpus.write(name, text) for name, text in zip(names, texts, strict=True)]
    corpus.write("bad\nname\t.png", b"x")

    result, document = json_export(cli, corpus.root)
    assert result.code == 0
    assert sorted(loaded_paths(document)) == sorted(p.as_posix() for p in paths)
    # One line per skipped file: the newline and tab in its name are shown escaped.
    assert result.err == f"skipped {corpus.root.as_posix()}/bad\\nname\\t.png: " + (
        f"unsupported file type .png {UNSUPPORTED}\n"
    )
    sources = {a["path"]: a["source"] for a in document["articles"]}
    assert sources[paths[0].as_posix()] == "статья 1"
    assert sources[paths[2].as_posix()] == "a b"
    assert "部长说桥将于周一重新开放。" in loaded_text(document, paths[1])


def test_folder_with_one_article(corpus, cli) -> None:
    only = corpus.write("only.txt", "The old bridge collapsed on Monday. Nobody was hurt.")
    result, document = json_export(cli, corpus.root)
    assert (result.code, result.err) == (0, "")
    assert loaded_paths(document) == [only.as_posix()]
    assert [g["label"] for g in document["groups"]] == ["unique", "unique"]


def test_empty_folder_exits_2(corpus, cli) -> None:
    corpus.write(".hidden.txt", "Hidden files in a folder are not articles.")
    result = cli("export", corpus.root)
    assert (result.code, result.out) == (2, "")
    assert result.err == "parallax: no article could be read (no article files found)\n"


def test_path_that_does_not_exist_exits_2(corpus, cli) -> None:
    corpus.articles()
    missing = corpus.path("missing")
    result = cli("export", corpus.root, missing)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"parallax: no such file or folder: {missing}\n"


def test_a_file_instead_of_a_folder(corpus, cli) -> None:
    first, _ = corpus.articles()
    result, document = json_export(cli, first)
    assert (result.code, result.err) == (0, "")
    assert loaded_paths(document) == [first.as_posix()]

    # A file given by name is tried whatever its suffix, and its reason is shown.
    picture = corpus.write("picture.png", png_bytes())
    result = cli("export", picture)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"skipped {picture.as_posix()}: unsupported file type .png {UNSUPPORTED}\n"
        "parallax: no article could be read (every file was skipped)\n"
    )


# -- files that change between listing and reading -------------------------------------------


def test_files_that_vanish_or_change_after_listing(corpus, cli, monkeypatch) -> None:
    first, second = corpus.articles()
    vanishing = corpus.write("vanishing.txt", "This file is deleted after the listing.")
    becomes_folder = corpus.write("folder.txt", "This file is replaced by a folder.")
    locked = corpus.write("locked.txt", "This file cannot be opened any more.")
    emptied = corpus.write("emptied.txt", "This file is emptied after the listing.")

    list_files = aligner.load.corpus._collect_files

    def list_then_change(*args, **kwargs):
        listed = list_files(*args, **kwargs)
        vanishing.unlink()
        becomes_folder.unlink()
        becomes_folder.mkdir()
        emptied.write_bytes(b"")
        return listed

    real_open = os.open

    def deny_locked(file, *args, **kwargs):
        if os.fspath(file) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(aligner.load.corpus, "_collect_files", list_then_change)
    monkeypatch.setattr(aligner.load.corpus.os, "open", deny_locked)

    result, document = json_export(cli, corpus.root)
    assert result.code == 0
    assert result.skipped_lines() == [
        f"skipped {emptied.as_posix()}: empty file",
        f"skipped {becomes_folder.as_posix()}: not a regular file",
        f"skipped {locked.as_posix()}: permission denied",
        f"skipped {vanishing.as_posix()}: could not read: No such file or directory",
    ]
    assert loaded_paths(document) == [first.as_posix(), second.as_posix()]


def test_a_file_still_being_written_is_skipped(corpus, monkeypatch) -> None:
    first, _ = corpus.articles()
    growing = corpus.write("growing.txt", "The download of this article is not finished")
    real_fstat = os.fstat
    grown: list[int] = []

    def fstat_then_grow(descriptor, *args, **kwargs):
        info = real_fstat(descriptor, *args, **kwargs)
        if not grown and info.st_size == len("The download of this article is not finished"):
            grown.append(descriptor)
            with growing.open("ab") as handle:
                handle.write(b" yet, more words keep arriving.")
        return info

    monkeypatch.setattr(aligner.load.corpus.os, "fstat", fstat_then_grow)
    comparison = compare([first, growing])
    assert [a.path for a in comparison.articles] == [first.as_posix()]
    assert [(s.path, s.reason) for s in comparison.skipped] == [
        (growing.as_posix(), "file changed while it was read (still being written?)")
    ]


def test_links_that_leave_the_folder_are_skipped_unless_named(corpus, cli, tmp_path) -> None:
    # An unpacked archive keeps its links: `dl/appendix.txt -> ~/.ssh/id_ed25519`.
    (first,) = corpus.articles(folder="dl")[:1]
    secret = tmp_path / "private" / "id_ed25519"
    secret.parent.mkdir()
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY----- do not share\n", encoding="utf-8")
    os.symlink(secret, corpus.path("dl/appendix.txt"))
    os.symlink(secret.parent, corpus.path("dl/everything"), target_is_directory=True)
    os.symlink(first, corpus.path("dl/again.txt"))  # inside: a duplicate, said as such

    result, document = json_export(cli, corpus.path("dl"), "--recursive")
    assert result.code == 0
    assert "PRIVATE KEY" not in result.out
    reasons = {Path(s["path"]).name: s["reason"] for s in document["skipped"]}
    assert reasons["appendix.txt"] == "link leads outside the folder"
    assert reasons["everything"] == "link leads outside the folder"
    assert reasons["again.txt"].startswith("same file as ")

    # Named on the command line, the link is the user's explicit choice and opens.
    result, document = json_export(cli, corpus.path("dl/appendix.txt"))
    assert result.code == 0 and "PRIVATE KEY" in result.out


def test_pipes_and_dangling_links_in_a_folder_are_listed_with_a_reason(corpus, cli) -> None:
    corpus.articles()
    os.mkfifo(corpus.path("feed.txt"))
    os.symlink("gone.txt", corpus.path("moved.txt"))
    result, document = json_export(cli, corpus.root)
    assert result.code == 0
    reasons = {Path(s["path"]).name: s["reason"] for s in document["skipped"]}
    assert reasons == {
        "feed.txt": "not a regular file (a pipe, socket or device)",
        "moved.txt": "link leads nowhere",
    }


def test_a_named_pipe_is_refused_through_the_open_descriptor(tmp_path, monkeypatch) -> None:
    # A file swapped for a pipe after any check by name: the opened descriptor says so, and
    # opening never blocks, so the read cannot hang.
    from aligner.load import corpus as corpus_module
    from aligner.load.skip import SkipFile

    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    monkeypatch.setattr(
        corpus_module.os,
        "stat",
        lambda *a, **k: (_ for _ in ()).throw(
            AssertionError("checked by name, not by the open descriptor")
        ),
    )
    with pytest.raises(SkipFile, match="not a regular file"):
        corpus_module._read_limited(fifo, max_file_bytes=1_000_000)
