"""Sentences as short code strings, so rapidfuzz can compare token sets and sequences.

Every distinct stem, n-gram or name word of a batch gets one character. For two strings of
distinct characters in sorted order, the longest common subsequence *is* the intersection,
so ``LCSseq.similarity`` over sorted code strings counts shared items; over codes in sentence
order it is a word-level LCS. rapidfuzz then does all pairs in C on both cores, with no
Python work per pair.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from aligner.features import SentenceFeatures
from aligner.synonyms import concept_of

# Characters from here on; the UTF-16 surrogate block is skipped (not valid in str data).
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True, slots=True)
class SentenceCodes:
    """Per-sentence code strings of one batch, index-aligned with its features."""

    stem_sequence: list[str]  # one character per word, in order
    unigrams: list[str]  # sorted distinct stems
    bigrams: list[str]
    trigrams: list[str]
    content: list[str]  # sorted distinct content stems
    concepts: list[str]  # sorted distinct content stems, synonyms merged into one concept
    names: list[str]  # sorted distinct lower-cased name words
    figures: list[str]  # sorted distinct quantities by kind and value ("an hour" = "60 minutes")


def encode(features: Sequence[SentenceFeatures]) -> SentenceCodes:
    """Code strings for every sentence of a batch (codes are shared across the batch)."""
    book = _CodeBook()
    sequences = [book.sequence(f.stems) for f in features]
    # An n-gram of stems is a run of n characters of the stem sequence: slicing strings is
    # far cheaper than building tuples of words.
    return SentenceCodes(
        stem_sequence=sequences,
        unigrams=["".join(sorted(set(seq))) for seq in sequences],
        bigrams=[book.set_of(_runs(seq, 2)) for seq in sequences],
        trigrams=[book.set_of(_runs(seq, 3)) for seq in sequences],
        content=[book.set_of(("c", s) for s in f.content_set) for f in features],
        concepts=[book.set_of(("k", concept_of(s)) for s in f.content_set) for f in features],
        figures=[
            book.set_of(("q", q.kind, round(q.value, 6)) for q in f.quantities) for f in features
        ],
        names=[
            book.set_of(("n", w.lower()) for name in f.names for w in name.split())
            for f in features
        ],
    )


def _runs(sequence: str, n: int) -> set[str]:
    return {sequence[k : k + n] for k in range(len(sequence) - n + 1)}


class _CodeBook:
    """Assigns each distinct item the next free character."""

    def __init__(self) -> None:
        self._codes: dict[Hashable, str] = {}

    def _new(self, item: Hashable) -> str:
        number = _FIRST_CODE + len(self._codes)
        if number >= _SURROGATES.start:
            number += len(_SURROGATES)
        code = self._codes[item] = chr(number)
        return code

    def sequence(self, items: Iterable[Hashable]) -> str:
        codes, new = self._codes, self._new
        return "".join([codes.get(item) or new(item) for item in items])

    def set_of(self, items: Iterable[Hashable]) -> str:
        codes, new = self._codes, self._new
        return "".join(sorted({codes.get(item) or new(item) for item in items}))
