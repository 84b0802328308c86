"""Marker words: the most common words of news sentences, and what it says when one sentence
of a pair has such a word and the other lacks it, or both have it.

The overlap features weigh every shared word alike, yet common words tell different things.
An "and" or a "but" in one sentence only is often a clause the other lacks (extra claims,
so less likely the same statement); a "said" or a "yesterday" in one sentence only is
attribution or dating that changes nothing; a "not" in one only is a changed statement. The
similarity model learns one weight per word for "in one sentence only" and one for "in both"
(bench/calibrate.py, on the MSRP training pairs), and they add to the pair's score.

A sentence's marker words are one 64-bit mask, so a batch of pairs needs no per-pair Python:
the "in one only" weights add up per sentence, and the "in both" correction comes from the
two masks' common bits, summed a byte at a time through lookup tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aligner.text.features import SentenceFeatures

MAX_MARKER_WORDS = 64  # one bit each in a uint64 mask
_BYTES = MAX_MARKER_WORDS // 8


@dataclass(frozen=True, slots=True)
class MarkerWeights:
    """Per marker word (a stem), the weight of "in one sentence only" and of "in both",
    on the scale of the model's other terms, and the constant their standardisation adds."""

    words: tuple[str, ...]
    differs: np.ndarray  # float64, one per word
    shared: np.ndarray  # float64, one per word
    constant: float

    def __post_init__(self) -> None:
        if len(self.words) > MAX_MARKER_WORDS:
            raise ValueError(f"at most {MAX_MARKER_WORDS} marker words fit a mask")

    def masks(self, features: Sequence[SentenceFeatures]) -> np.ndarray:
        """Per sentence, bit k set when it has marker word k (uint64)."""
        bit_of = {word: 1 << k for k, word in enumerate(self.words)}
        # Python ints, not numpy scalars, per sentence: distinct bits add up to their union.
        return np.fromiter(
            (sum(map(bit_of.__getitem__, bit_of.keys() & f.stems)) for f in features),
            dtype=np.uint64,
            count=len(features),
        )

    def pair_terms(self, masks: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The marker words' part of each pair's log-odds.

        "In one only" is a + b - 2ab for the words' presence a and b, "in both" is ab: so the
        term is the per-sentence sums of the "in one only" weights, plus, over the common
        words, the "in both" weight less twice the "in one only" one.
        """
        alone = _bit_sums(masks, _byte_tables(self.differs))
        common = _bit_sums(masks[left] & masks[right], _byte_tables(self.shared - 2 * self.differs))
        return self.constant + alone[left] + alone[right] + common


def _byte_tables(weights: np.ndarray) -> np.ndarray:
    """Table [byte position, byte value] -> the sum of the weights of the bits set."""
    padded = np.zeros(MAX_MARKER_WORDS)
    padded[: len(weights)] = weights
    bits = (np.arange(256)[:, None] >> np.arange(8)[None, :]) & 1  # [value, bit]
    return np.stack([bits @ padded[8 * k : 8 * k + 8] for k in range(_BYTES)])


def _bit_sums(masks: np.ndarray, tables: np.ndarray) -> np.ndarray:
    total = np.zeros(len(masks))
    for position in range(_BYTES):
        byte = (masks >> np.uint64(8 * position)) & np.uint64(255)
        total += tables[position][byte.astype(np.intp)]
    return total


def presence_columns(
    features: Sequence[SentenceFeatures], words: Sequence[str], left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For calibration: 0/1 columns per word of "in one sentence only" and "in both"."""
    index = {word: k for k, word in enumerate(words)}
    has = np.zeros((len(features), len(words)))
    for number, sentence in enumerate(features):
        for stem in set(sentence.stems).intersection(index):
            has[number, index[stem]] = 1.0
    a, b = has[left], has[right]
    return a + b - 2 * a * b, a * b
