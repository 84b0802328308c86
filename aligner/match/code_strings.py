"""Sentences as short code strings, so rapidfuzz can compare token sets and sequences.

Every distinct stem, n-gram, concept, figure or name word of a batch gets one character.
For two strings of distinct characters in sorted order, the longest common subsequence *is*
the intersection, so ``LCSseq.similarity`` over sorted code strings counts shared items; over
codes in sentence order it is a word-level LCS. rapidfuzz then does all pairs in C on both
cores, with no Python work per pair.

The batch is coded in numpy: items become numbers through one dictionary pass over all of
them, and each sentence's sorted distinct numbers come from one ``np.unique`` per family,
so the Python work per sentence is a slice of the family's text.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import TypeVar

import numpy as np

from aligner.text.features import SentenceFeatures, stem
from aligner.text.synonyms import concept_of

ItemT = TypeVar("ItemT", bound=Hashable)

# Characters from here on; the UTF-16 surrogate block is skipped (not valid in str data).
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
# How many characters there are to hand out: every code point from _FIRST_CODE, minus the
# surrogates. A batch with more distinct items of one family (millions of sentences) folds
# numbers onto one character, which can only overcount a rare shared item.
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


@dataclass(frozen=True, slots=True)
class _Items:
    """The items of every sentence of a batch end to end, each as a number."""

    numbers: np.ndarray  # int64, one per item, sentence after sentence
    owner: np.ndarray  # int64, the sentence of each item
    sentences: int


def encode(features: Sequence[SentenceFeatures]) -> SentenceCodes:
    """Code strings for every sentence of a batch (codes are shared across the batch).

    Each family is compared only with itself, so codes need only tell apart the items of
    one family: content stems and concepts are numbered through the stems they are.
    """
    stem_number: dict[str, int] = {}
    stems = _numbered([f.stems for f in features], stem_number)
    content = _numbered([f.content for f in features], stem_number)
    concept_number: dict[Hashable, int] = {}
    concept_of_stem = _numbered([list(map(concept_of, stem_number))], concept_number).numbers
    names: dict[Hashable, int] = {}
    return SentenceCodes(
        stem_sequence=_sequences(stems),
        unigrams=_distinct_sets(stems),
        bigrams=_ngram_sets(stems, 2),
        trigrams=_ngram_sets(stems, 3),
        content=_distinct_sets(content),
        concepts=_distinct_sets(_relabelled(content, concept_of_stem)),
        figures=figure_codes(features),  # as the MSRP-fitted wording model was fitted
        names=_distinct_sets(
            _numbered([list(chain.from_iterable(f.name_words)) for f in features], names)
        ),
    )


def figure_codes(
    features: Sequence[SentenceFeatures], *, counted_things: bool = False
) -> list[str]:
    """Per sentence, the sorted distinct codes of its figures (``SentenceCodes.figures``);
    with ``counted_things``, a count is also coded with what it counts (``_figure_keys``)."""
    figures: dict[Hashable, int] = {}
    keys = [_figure_keys(f, counted_things) if f.quantities else () for f in features]
    return _distinct_sets(_numbered(keys, figures))


def _figure_keys(sentence: SentenceFeatures, counted_things: bool) -> list[Hashable]:
    # Rounded: "an hour" and "60 minutes" must be one figure despite float noise. A month
    # ("May 2014") is evidence of one claim by its year, as "2014" alone is.
    keys: list[Hashable] = []
    for q in sentence.quantities:
        value = round(q.value, 6)
        keys.append(("year", q.value // 12) if q.kind == "month" else (q.kind, value))
        if counted_things and q.kind == "count":
            # "four people" and "four times" share a figure, not a fact: a count shared with
            # its counted noun is a second shared code. The noun stemmed: "woman" = "women".
            keys.append(("counted", value, stem(q.unit)))
    return keys


def _numbered(groups: Sequence[Sequence[ItemT]], numbering: dict[ItemT, int]) -> _Items:
    """Each group's items as numbers: an item keeps its number from ``numbering``, or is
    added to it with the next free one (so numbers follow first appearance)."""
    flat = list(chain.from_iterable(groups))
    for item in dict.fromkeys(flat):  # distinct items only: a few per sentence at most
        if item not in numbering:
            numbering[item] = len(numbering)
    numbers = np.fromiter(map(numbering.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
    owner = np.repeat(np.arange(len(groups), dtype=np.int64), lengths)
    return _Items(numbers, owner, len(groups))


def _relabelled(items: _Items, label_of: np.ndarray) -> _Items:
    """``items`` with each number k replaced by ``label_of[k]``."""
    return _Items(label_of[items.numbers], items.owner, items.sentences)


def _sequences(items: _Items) -> list[str]:
    """Per sentence, one character per item, in order."""
    return _split(_as_characters(items.numbers % _CODE_SPACE), items)


def _distinct_sets(items: _Items) -> list[str]:
    """Per sentence, the sorted distinct characters of its items."""
    base = int(items.numbers.max(initial=0)) + 1
    # Sorting (sentence, number) keys orders every sentence's numbers; repeats then drop.
    keys = _sorted_distinct(items.owner * base + items.numbers)
    owner, numbers = np.divmod(keys, base)
    return _split(_as_characters(numbers % _CODE_SPACE), _Items(numbers, owner, items.sentences))


def _ngram_sets(stems: _Items, n: int) -> list[str]:
    """Per sentence, the sorted distinct codes of its word n-grams (runs of n stem numbers).

    Every n-gram becomes one integer key, numbered by its rank among the distinct keys.
    """
    if not 1 <= n <= 3:
        raise ValueError("n-grams of 1 to 3 words: numbers take 21 bits, keys 63")
    points = stems.numbers % _CODE_SPACE
    # The n-gram starting at each position, where its sentence has n words left.
    starts = np.arange(max(0, len(points) - n + 1), dtype=np.int64)
    starts = starts[stems.owner[starts] == stems.owner[starts + n - 1]]
    keys = np.zeros(len(starts), dtype=np.int64)
    for offset in range(n):
        keys = (keys << 21) | points[starts + offset]
    numbers = np.unique(keys, return_inverse=True)[1].ravel()
    return _distinct_sets(_Items(numbers, stems.owner[starts], stems.sentences))


def _sorted_distinct(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys)``, several times faster: numpy 2 finds the distinct values of a
    large integer array with a hash table before sorting them, where one sort would do."""
    ordered = np.sort(keys)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(keys) else ordered


def _split(text: str, items: _Items) -> list[str]:
    """``text``, one character per item, cut into the sentences' parts."""
    ends = np.cumsum(np.bincount(items.owner, minlength=items.sentences)).tolist()
    return [text[start:end] for start, end in pairwise([0, *ends])]


def _as_characters(numbers: np.ndarray) -> str:
    """One character per number, in order (numbers below _CODE_SPACE)."""
    points = numbers.astype(np.uint32) + _FIRST_CODE
    points[points >= _SURROGATES.start] += len(_SURROGATES)
    return points.astype("<u4").tobytes().decode("utf-32-le")
