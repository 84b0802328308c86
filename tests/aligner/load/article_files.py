"""Test helpers: write one article file and load it alone (corpus, decode and formats tests)."""

from __future__ import annotations

from pathlib import Path

from aligner.load.corpus import LoadResult, load_documents

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
