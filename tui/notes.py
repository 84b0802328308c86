"""Notes on sentences, stored per corpus and keyed by sentence text so they outlive re-alignment."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aligner.result.model import Comparison
from tui.atomic import write_text_atomic
from tui.config import corpus_key, damage_reason, data_dir, move_aside_damaged
from tui.file_lock import LockTimeout, locked

SCHEMA = "parallax.notes/1"
LOCK_TIMEOUT_SECONDS = 5.0
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: Another process held the notes lock for too long.
NotesLockTimeout = LockTimeout


class DamagedNotes(ValueError):
    """A notes file that is not what this version writes."""


@dataclass(frozen=True)
class NoteKey:
    """What a note is attached to: an article file name and a sentence's text."""

    article: str
    text: str

    @classmethod
    def of(cls, article_path: str, text: str) -> NoteKey:
        return cls(article=Path(article_path).name, text=normalise_sentence(text))


@dataclass(frozen=True)
class _Entry:
    note: str
    updated: str


def normalise_sentence(text: str) -> str:
    """Collapse runs of whitespace so re-wrapped or re-extracted text keeps its notes."""
    return " ".join(text.split())


def _utc_now() -> datetime:
    return datetime.now(UTC)


class NotesStore:
    """The notes of one corpus, in ``<data dir>/notes/<corpus key>.json``.

    Every change takes a file lock, re-reads the file and applies only that change before an
    atomic write, so two readers open on the same corpus keep each other's notes.
    ``warning`` is set when a damaged file had to be moved aside; show it, then clear it.
    """

    def __init__(
        self,
        corpus_paths: Sequence[str | Path],
        *,
        directory: Path | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        folder = directory if directory is not None else data_dir() / "notes"
        self.path = folder / f"{corpus_key(corpus_paths)}.json"
        self.warning: str | None = None
        self._corpus = sorted({Path(p).expanduser().resolve().as_posix() for p in corpus_paths})
        self._clock = clock
        self._notes: dict[NoteKey, _Entry] = {}
        self.reload()

    @property
    def notes(self) -> Mapping[NoteKey, str]:
        """Every note by key, as last read or written."""
        return {key: entry.note for key, entry in self._notes.items()}

    def get(self, article_path: str, text: str) -> str | None:
        entry = self._notes.get(NoteKey.of(article_path, text))
        return entry.note if entry else None

    def set(self, article_path: str, text: str, note: str) -> None:
        """Add, replace or (with a blank ``note``) delete one note and write the file now.

        Raises ``OSError`` when the file cannot be read or written; nothing changes then.
        """
        key = NoteKey.of(article_path, text)
        note = note.strip()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            notes = self._read(strict=True)
            if note:
                notes[key] = _Entry(note=note, updated=self._timestamp())
            elif key in notes:
                del notes[key]
            else:
                self._notes = notes
                return
            write_text_atomic(self.path, self._serialise(notes), overwrite=True)
        self._notes = notes

    def for_comparison(self, comparison: Comparison) -> dict[str, str]:
        """Notes of ``comparison``'s sentences by sentence id."""
        found: dict[str, str] = {}
        for article in comparison.articles:
            name = Path(article.path).name
            for sentence in article.sentences:
                entry = self._notes.get(NoteKey(name, normalise_sentence(sentence.text)))
                if entry is not None:
                    found[sentence.id] = entry.note
        return found

    def reload(self) -> None:
        """Re-read the file (another instance may have written it)."""
        if not self.path.exists():
            self._notes = {}
            return
        try:
            with self._locked():
                self._notes = self._read(strict=False)
        except OSError:
            # No lock to be had (read-only folder, a stuck holder): reading alone is still
            # consistent because writers replace the file in one rename. Moving a damaged
            # file aside needs the lock, so it stays where it is.
            self._notes = self._read(strict=False, move_damaged=False)

    def _read(self, *, strict: bool, move_damaged: bool = True) -> dict[NoteKey, _Entry]:
        """The notes on disk; ``strict`` raises ``OSError`` rather than warn when unreadable."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            if strict:
                raise
            self.warning = f"Could not read notes {self.path} ({error})."
            return {}
        try:
            return _parse(raw)
        except DamagedNotes as error:
            if not move_damaged:
                self.warning = f"Notes {self.path} are damaged ({error}); they are not shown."
                return {}
            moved = move_aside_damaged(self.path)
            self.warning = f"Notes {self.path} were damaged ({error}); moved them to {moved}."
            return {}

    def _serialise(self, notes: Mapping[NoteKey, _Entry]) -> str:
        rows = [
            {"article": k.article, "text": k.text, "note": e.note, "updated": e.updated}
            for k, e in sorted(notes.items(), key=lambda item: (item[0].article, item[0].text))
        ]
        document = {"schema": SCHEMA, "corpus": self._corpus, "notes": rows}
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        # Undecodable file names arrive as lone surrogates, which UTF-8 cannot encode; JSON
        # can carry them as \u escapes, and only strings can contain them.
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

    def _timestamp(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return locked(self.path, timeout=LOCK_TIMEOUT_SECONDS)


def _parse(raw: bytes) -> dict[NoteKey, _Entry]:
    """Notes from a file's bytes; raises ``DamagedNotes`` for anything unexpected."""
    try:
        document: Any = json.loads(raw.decode("utf-8"))
    except Exception as error:  # whatever the parser raises (RecursionError too), it is damaged
        raise DamagedNotes(damage_reason(error, "JSON")) from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise DamagedNotes(f"not a {SCHEMA} document")
    rows = document.get("notes")
    if not isinstance(rows, list):
        raise DamagedNotes("'notes' is not a list")
    notes: dict[NoteKey, _Entry] = {}
    for row in rows:
        fields = ("article", "text", "note", "updated")
        if not isinstance(row, dict) or not all(isinstance(row.get(f), str) for f in fields):
            raise DamagedNotes("a note lacks its article, text, note or date")
        key = NoteKey(row["article"], normalise_sentence(row["text"]))
        notes[key] = _Entry(note=row["note"], updated=row["updated"])
    return notes
