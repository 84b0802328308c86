"""Sentences as short code strings, so rapidfuzz can compare token sets and sequences.

Every distinct stem, n-gram, concept, figure or name word of a batch gets one character.
For two strings of distinct characters in sorted order, the longest common subsequence *is*
the intersection, so ``LCSseq.similarity`` over sorted code strings counts shared items; over
codes in sentence order it is a word-level LCS. rapidfuzz then does all pairs in C on both
cores, with no Python work per pair.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from aligner.features import SentenceFeatures
from aligner.synonyms import concept_of

# Characters from here on; the UTF-16 surrogate block is skipped (not valid in str data).
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
# How many characters there are to hand out: every code point from _FIRST_CODE, minus the
# surrogates.
_CODE_SPACE = 0x110000 - _FIRST_CODE - len(_SURROGATES)


@dataclass(frozen=True, slots=True)
class SentenceCodes:
    """Per-sentence code strings of one batch, index-aligned with its features."""

    stem_sequence: list[str]  # one character per word, in order
    unigrams: list[str]  # sorted distinct stems
    bigrams: list[str]
    trigrams: list[str]
    content: list[str]  # sorted distinct content stems
    concepts: list[str]  # sorted distinct content stems, synonyms merged into one concept
    names: list[str]  # sorted distinct name words, folded ("Putin’s" = "putin")
    figures: list[str]  # sorted distinct quantities by kind and value ("an hour" = "60 minutes")


def encode(features: Sequence[SentenceFeatures]) -> SentenceCodes:
    """Code strings for every sentence of a batch (codes are shared across the batch)."""
    book, content_book, concept_book, figure_book, name_book = (_CodeBook() for _ in range(5))
    sequences = [book.sequence(f.stems) for f in features]
    return SentenceCodes(
        stem_sequence=sequences,
        unigrams=["".join(sorted(set(seq))) for seq in sequences],
        bigrams=_ngram_sets(sequences, 2),
        trigrams=_ngram_sets(sequences, 3),
        # Each family is compared only with itself, so each numbers its items on its own.
        content=[content_book.set_of(f.content_set) for f in features],
        concepts=[concept_book.set_of(map(concept_of, f.content_set)) for f in features],
        figures=[
            figure_book.set_of((q.kind, round(q.value, 6)) for q in f.quantities) for f in features
        ],
        names=[
            name_book.set_of(w for name in f.name_words for w in name) for f in features
        ],
    )


def _ngram_sets(sequences: list[str], n: int) -> list[str]:
    """Per sentence, the sorted distinct codes of its word n-grams (runs of n stem codes).

    Done for the whole batch at once in numpy: every n-gram becomes one integer key, keys are
    numbered by ``np.unique``, and each sentence's distinct numbers become characters. These
    codes are compared only with codes of the same n, so they are numbered on their own. A
    batch with more distinct n-grams than there are characters (millions of sentences)
    folds numbers onto one character, which can only overcount a rare shared n-gram.
    """
    if not 1 <= n <= 3:
        raise ValueError("n-grams of 1 to 3 words: code points take 21 bits, keys 63")
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    points = np.frombuffer("".join(sequences).encode("utf-32-le"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(sequences), dtype=np.int64), lengths)
    # The n-gram starting at each position, where its sentence has n words left.
    starts = np.arange(max(0, len(points) - n + 1), dtype=np.int64)
    starts = starts[starts + n <= np.cumsum(lengths)[owner[starts]]]
    keys = np.zeros(len(starts), dtype=np.int64)
    for offset in range(n):
        keys = (keys << 21) | points[starts + offset].astype(np.int64)
    distinct, numbers = np.unique(keys, return_inverse=True)
    per_sentence = np.unique(owner[starts] * (len(distinct) + 1) + numbers.ravel())
    sentence, number = np.divmod(per_sentence, len(distinct) + 1)
    text = _as_characters(number % _CODE_SPACE)
    bounds = np.concatenate(([0], np.cumsum(np.bincount(sentence, minlength=len(sequences)))))
    return [text[bounds[k] : bounds[k + 1]] for k in range(len(sequences))]


def _as_characters(numbers: np.ndarray) -> str:
    """One character per number, in order (numbers below _CODE_SPACE)."""
    points = numbers.astype(np.uint32) + _FIRST_CODE
    points[points >= _SURROGATES.start] += len(_SURROGATES)
    return points.astype("<u4").tobytes().decode("utf-32-le")


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
