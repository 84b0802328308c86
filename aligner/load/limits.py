"""The size limits of a comparison: too many lines refuse a file, too many sentences and
lines in all refuse the comparison, before and after the files are split."""

from __future__ import annotations

from collections.abc import Sequence

from aligner.load.corpus import Document
from aligner.result.model import SkippedFile


class TooManySentences(ValueError):
    """The corpus has more sentences (prose or not: every line kept counts) than
    ``max_sentences`` allows."""


def within_line_limit(
    documents: Sequence[Document], max_sentences: int
) -> tuple[tuple[Document, ...], list[SkippedFile]]:
    """The documents that fit ``max_sentences``, and the others as skipped; refuses a corpus
    whose documents together have too many lines before any is split into sentences.

    Every non-blank line becomes at least one sentence, so the lines are a cheap floor: a
    4.5 MB file of 2,250,000 one-letter lines would otherwise be built, aligned and exported
    (2.8 GB and 29 s to JSON) before the sentence limit saw it, as none of them is prose.
    """
    kept: list[Document] = []
    skipped: list[SkippedFile] = []
    total = 0
    for document in documents:
        lines = _kept_lines(document.text)
        if lines > max_sentences:
            reason = (
                f"too many lines ({lines:,}; the limit is {max_sentences:,} sentences and lines)"
            )
            skipped.append(SkippedFile(document.path, reason))
        else:
            kept.append(document)
            total += lines
    check_sentence_limit(total, max_sentences)
    return tuple(kept), skipped


def _kept_lines(text: str) -> int:
    """Lines holding more than white space: each is kept as one sentence or more."""
    return sum(1 for line in text.split("\n") if line and not line.isspace())


def check_sentence_limit(sentences: int, max_sentences: int) -> None:
    if sentences > max_sentences:
        raise TooManySentences(
            f"{sentences:,} sentences and other lines exceed the limit of {max_sentences:,}"
        )
