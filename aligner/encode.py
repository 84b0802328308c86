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
    names: list[str]  # sorted distinct lower-cased name words


def encode(features: Sequence[SentenceFeatures]) -> SentenceCodes:
    """Code strings for every sentence of a batch (codes are shared across the batch)."""
    book = _CodeBook()
    return SentenceCodes(
        stem_sequence=[book.sequence(f.stems) for f in features],
        unigrams=[book.set_of(f.grams[0]) for f in features],
        bigrams=[book.set_of(f.grams[1]) for f in features],
        trigrams=[book.set_of(f.grams[2]) for f in features],
        content=[book.set_of(("c", s) for s in f.content_set) for f in features],
        names=[
            book.set_of(("n", w.lower()) for name in f.names for w in name.split())
            for f in features
        ],
    )


class _CodeBook:
    """Assigns each distinct item the next free character."""

    def __init__(self) -> None:
        self._codes: dict[Hashable, str] = {}

    def code(self, item: Hashable) -> str:
        found = self._codes.get(item)
        if found is None:
            number = _FIRST_CODE + len(self._codes)
            if number >= _SURROGATES.start:
                number += len(_SURROGATES)
            found = self._codes[item] = chr(number)
        return found

    def sequence(self, items: Iterable[Hashable]) -> str:
        return "".join(self.code(item) for item in items)

    def set_of(self, items: Iterable[Hashable]) -> str:
        return "".join(sorted({self.code(item) for item in items}))
