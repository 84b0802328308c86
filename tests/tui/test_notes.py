"""Notes: keyed by article file name and sentence text, durable, shared safely between instances."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aligner.result.model import Comparison
from tui import notes as notes_module
from tui.config import corpus_key
from tui.notes import SCHEMA, NoteKey, NotesLockTimeout, NotesStore

REPO = Path(__file__).resolve().parents[2]


def fixed_clock() -> datetime:
    return datetime(2024, 3, 1, 12, 30, 5, tzinfo=UTC)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def notes_in(path: Path) -> dict[tuple[str, str], str]:
    document = json.loads(path.read_text("utf-8"))
    assert document["schema"] == SCHEMA
    return {(n["article"], n["text"]): n["note"] for n in document["notes"]}


def test_store_lives_in_the_data_dir_under_the_corpus_key(
    corpus: Path, user_dirs: tuple[Path, Path]
) -> None:
    store = NotesStore([corpus])
    assert store.path == user_dirs[1] / "notes" / f"{corpus_key([corpus])}.json"
    assert store.warning is None
    assert not store.path.exists(), "reading creates nothing"


def test_set_get_and_survive_a_restart(corpus: Path) -> None:
    store = NotesStore([corpus])
    store.set(str(corpus / "alpha.txt"), "The storm killed 29 people.", "  check the toll  ")
    assert store.get(str(corpus / "alpha.txt"), "The storm killed 29 people.") == "check the toll"

    restarted = NotesStore([corpus])
    assert restarted.get("alpha.txt", "The storm killed 29 people.") == "check the toll"
    assert restarted.notes == {
        NoteKey("alpha.txt", "The storm killed 29 people."): "check the toll"
    }


def test_keys_use_the_file_name_and_normalised_whitespace(corpus: Path) -> None:
    store = NotesStore([corpus])
    store.set("some/where/alpha.txt", "The storm\n  killed\t29 people. ", "note")
    assert store.get("other/place/alpha.txt", "The storm killed 29 people.") == "note"
    assert store.get("alpha.txt", "The  storm killed 29\npeople.") == "note"
    assert store.get("beta.txt", "The storm killed 29 people.") is None
    assert store.get("alpha.txt", "The storm killed 19 people.") is None


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_a_blank_note_deletes(corpus: Path, blank: str) -> None:
    store = NotesStore([corpus])
    store.set("a.txt", "First.", "one")
    store.set("a.txt", "Second.", "two")
    store.set("a.txt", "First.", blank)
    assert store.get("a.txt", "First.") is None
    assert notes_in(store.path) == {("a.txt", "Second."): "two"}


def test_deleting_a_missing_note_writes_nothing(corpus: Path) -> None:
    store = NotesStore([corpus])
    store.set("a.txt", "Never noted.", "")
    assert not store.path.exists()


def test_notes_are_mapped_onto_a_comparison(corpus: Path, small_comparison: Comparison) -> None:
    store = NotesStore([corpus])
    store.set("elsewhere/beta.txt", "Schools will stay  closed.", "why?")
    store.set("alpha.txt", "Storm hits the coast", "heading note")
    store.set("alpha.txt", "A sentence that is gone after re-alignment.", "orphan")
    assert store.for_comparison(small_comparison) == {"a2s3": "why?", "a1s1": "heading note"}


def test_file_format_is_sorted_and_deterministic(corpus: Path, tmp_path: Path) -> None:
    first = NotesStore([corpus], directory=tmp_path / "one", clock=fixed_clock)
    second = NotesStore([corpus], directory=tmp_path / "two", clock=fixed_clock)
    entries = [("b.txt", "Zeta.", "z"), ("a.txt", "Beta.", "b"), ("a.txt", "Alpha.", "a")]
    for article, text, note in entries:
        first.set(article, text, note)
    for article, text, note in reversed(entries):
        second.set(article, text, note)

    assert first.path.read_bytes() == second.path.read_bytes()
    document = json.loads(first.path.read_text("utf-8"))
    assert document == {
        "schema": SCHEMA,
        "corpus": [corpus.resolve().as_posix()],
        "notes": [
            {"article": "a.txt", "text": "Alpha.", "note": "a", "updated": "2024-03-01T12:30:05Z"},
            {"article": "a.txt", "text": "Beta.", "note": "b", "updated": "2024-03-01T12:30:05Z"},
            {"article": "b.txt", "text": "Zeta.", "note": "z", "updated": "2024-03-01T12:30:05Z"},
        ],
    }


def test_unusual_text_and_undecodable_file_names_round_trip(corpus: Path) -> None:
    store = NotesStore([corpus])
    odd_name = "caf\udce9.txt"  # a Latin-1 file name seen through a UTF-8 file system
    store.set(odd_name, 'He said "no" \\ [bold]x[/bold] — 习近平', "note \U0001f642")
    again = NotesStore([corpus])
    assert again.get(odd_name, 'He said "no" \\ [bold]x[/bold] — 习近平') == "note \U0001f642"


def test_two_instances_interleaving_keep_each_others_notes(corpus: Path) -> None:
    first = NotesStore([corpus])
    second = NotesStore([corpus])
    first.set("a.txt", "One.", "from first")
    second.set("a.txt", "Two.", "from second")  # second never read "One." before writing
    first.set("a.txt", "Three.", "from first again")
    second.set("a.txt", "One.", "")  # deletes only its own key, keeps "Three."

    expected = {("a.txt", "Two."): "from second", ("a.txt", "Three."): "from first again"}
    assert notes_in(first.path) == expected
    first.reload()
    assert first.get("a.txt", "Two.") == "from second"
    assert first.get("a.txt", "One.") is None


_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from tui.notes import NotesStore

    corpus, directory, name, count, size, die_in, die_at = sys.argv[1:8]
    if die_in != "-":
        # Kill ourselves inside the atomic write: at the die_at-th call of os.<die_in>.
        real, calls = getattr(os, die_in), []
        def dying(*args):
            calls.append(1)
            if len(calls) == int(die_at):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args)
        setattr(os, die_in, dying)
    store = NotesStore([corpus], directory=Path(directory))
    padding = "x" * int(size)
    for i in range(int(count)):
        store.set(name, f"Sentence {i}.", f"note {i} {padding}")
        print(i, flush=True)
    """
)


def _start_writer(
    corpus: Path, directory: Path, name: str, count: int, size: int, die: tuple[str, int] = ("-", 0)
) -> subprocess.Popen[str]:
    arguments = [str(corpus), str(directory), name, str(count), str(size), die[0], str(die[1])]
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, *arguments],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )


def _sentence_numbers(path: Path) -> list[int]:
    return sorted(int(text.split()[1].rstrip(".")) for _, text in notes_in(path))


def test_two_processes_writing_at_once_lose_nothing(corpus: Path, tmp_path: Path) -> None:
    writers = [_start_writer(corpus, tmp_path, name, 40, 10) for name in ("a.txt", "b.txt")]
    for writer in writers:
        writer.communicate(timeout=60)
        assert writer.returncode == 0
    notes = notes_in(next(tmp_path.glob("*.json")))
    assert len(notes) == 80
    assert notes[("b.txt", "Sentence 39.")].startswith("note 39 ")


@pytest.mark.parametrize(
    "die",
    [("fsync", 3), ("replace", 3), ("replace", 1)],
    ids=["after-data-before-rename", "just-before-rename", "first-write"],
)
def test_a_writer_killed_inside_a_write_leaves_the_previous_file(
    corpus: Path, tmp_path: Path, die: tuple[str, int]
) -> None:
    writer = _start_writer(corpus, tmp_path, "killed.txt", 10, 50_000, die)
    output, _ = writer.communicate(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    completed = [int(line) for line in output.split()]
    path = NotesStore([corpus], directory=tmp_path).path
    if not completed:
        assert not path.exists()
    else:
        assert _sentence_numbers(path) == completed
    # The killed writer's lock died with it, and its temporary file is ignored.
    survivor = NotesStore([corpus], directory=tmp_path)
    assert survivor.warning is None
    survivor.set("other.txt", "After the crash.", "still works")
    assert len(notes_in(path)) == len(completed) + 1


def test_a_writer_killed_at_random_moments_leaves_a_valid_file(
    corpus: Path, tmp_path: Path
) -> None:
    path = NotesStore([corpus], directory=tmp_path).path
    kept: dict[str, list[int]] = {}
    for round_number, pause in enumerate((0.0, 0.013, 0.029, 0.047)):
        article = f"killed-{round_number}.txt"
        writer = _start_writer(corpus, tmp_path, article, 10_000, 100_000)
        assert writer.stdout is not None
        first = writer.stdout.readline()  # at least one write of this round completed
        time.sleep(pause)
        os.kill(writer.pid, signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        reported = [int(n) for n in (first + output).split()]

        notes = notes_in(path)  # valid JSON with the right schema, no truncated note
        assert all(len(note) > 100_000 for note in notes.values())
        numbers = sorted(int(t.split()[1].rstrip(".")) for a, t in notes if a == article)
        # Each write adds the next sentence: the file holds every reported one, plus at most
        # the one whose rename happened just before the kill.
        assert numbers == list(range(len(numbers)))
        assert len(numbers) in (len(reported), len(reported) + 1)
        # Earlier rounds' notes are untouched.
        for earlier, earlier_numbers in kept.items():
            assert sorted(int(t.split()[1].rstrip(".")) for a, t in notes if a == earlier) == (
                earlier_numbers
            )
        kept[article] = numbers


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\xfa",
        b"",
        b'{"schema": "parallax.notes/99", "notes": []}',
        b'{"schema": "parallax.notes/1", "notes": {}}',
        b'{"schema": "parallax.notes/1", "notes": [{"article": "a.txt", "text": 5}]}',
        b"[1, 2, 3]",
    ],
    ids=["not-json", "not-utf8", "empty", "other-schema", "notes-not-list", "bad-row", "array"],
)
def test_damaged_file_is_moved_aside_with_a_warning(corpus: Path, content: bytes) -> None:
    path = NotesStore([corpus]).path
    path.parent.mkdir(parents=True)
    path.write_bytes(content)

    store = NotesStore([corpus])

    (moved,) = path.parent.glob(f"{path.name}.damaged-*")
    assert moved.read_bytes() == content
    assert store.warning is not None and str(moved) in store.warning
    assert store.notes == {}
    store.set("a.txt", "Fresh.", "start over")
    assert notes_in(path) == {("a.txt", "Fresh."): "start over"}


def test_damage_found_while_writing_is_moved_aside_too(corpus: Path) -> None:
    store = NotesStore([corpus])
    store.set("a.txt", "Kept aside.", "old")
    store.path.write_bytes(b"garbage")

    store.set("a.txt", "New.", "new")

    (moved,) = store.path.parent.glob(f"{store.path.name}.damaged-*")
    assert moved.read_bytes() == b"garbage"
    assert store.warning is not None and "damaged" in store.warning
    assert notes_in(store.path) == {("a.txt", "New."): "new"}


def test_an_unreadable_file_is_never_overwritten(corpus: Path) -> None:
    store = NotesStore([corpus])
    store.path.mkdir(parents=True)  # a folder where the file should be
    assert NotesStore([corpus]).warning is not None
    with pytest.raises(OSError):
        store.set("a.txt", "One.", "note")
    assert store.path.is_dir()
    assert store.get("a.txt", "One.") is None


def test_a_lock_held_too_long_raises_instead_of_hanging(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl = pytest.importorskip("fcntl")
    monkeypatch.setattr(notes_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    store = NotesStore([corpus])
    store.set("a.txt", "One.", "first")
    lock_path = store.path.with_name(store.path.name + ".lock")
    holder = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        started = time.monotonic()
        with pytest.raises(NotesLockTimeout):
            store.set("a.txt", "Two.", "second")
        assert time.monotonic() - started < 2
        # Reading still works while someone else writes.
        other = NotesStore([corpus])
        assert other.get("a.txt", "One.") == "first"
    finally:
        os.close(holder)
    store.set("a.txt", "Two.", "second")
    assert store.get("a.txt", "Two.") == "second"
