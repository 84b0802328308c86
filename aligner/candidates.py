"""Candidate pairs for alignment from an inverted index over content stems, not all pairs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aligner.features import SentenceFeatures


def candidate_pairs(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    *,
    max_postings: int | None = None,
    min_overlap: float = 0.2,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of sentences from different articles that share enough content stems.

    Every stem seen in at most ``max_postings`` sentences emits the pairs of its posting
    list; counting the emissions gives each pair's number of shared stems, and pairs whose
    shared stems cover less than ``min_overlap`` of the *longer* sentence are dropped. On
    MSRP-built corpora that keeps 99.99% of the pairs that align at the default threshold
    while leaving a third of the pairs the shorter sentence's share would (bench/scale.py
    measures recall against brute force). Stems more common than the cap say little about
    which sentences match, and would make the work quadratic again.
    """
    n = len(features)
    postings: dict[str, list[int]] = {}
    for index, feat in enumerate(features):
        for token in feat.content_set:
            postings.setdefault(token, []).append(index)
    if max_postings is None:
        max_postings = default_max_postings(n, [len(m) for m in postings.values()])
    # Posting lists of one length are stacked into a matrix, so one triu index pair emits
    # the pairs of all of them at once: a handful of numpy calls instead of one per stem.
    by_length: dict[int, list[list[int]]] = {}
    for members in postings.values():
        if 2 <= len(members) <= max_postings:
            by_length.setdefault(len(members), []).append(members)
    counted = _PairCounter(n, article_of)
    for length, lists in sorted(by_length.items()):
        upper_i, upper_j = np.triu_indices(length, k=1)
        # A few lists at a time: the emitted pairs of every list at once can run to
        # tens of millions on large corpora.
        step = max(1, _EMIT_CHUNK // len(upper_i))
        for start in range(0, len(lists), step):
            stacked = np.asarray(lists[start : start + step], dtype=np.int32)
            counted.add(stacked[:, upper_i].ravel(), stacked[:, upper_j].ravel())
    left, right, shared = counted.totals()
    sizes = np.array([max(1, len(f.content_set)) for f in features], dtype=np.int64)
    keep = shared / np.maximum(sizes[left], sizes[right]) >= min_overlap
    return left[keep], right[keep]


def default_max_postings(n: int, posting_lengths: Sequence[int]) -> int:
    """The longest posting list that still emits pairs.

    A share of the corpus (n / 16), lowered until the emitted pairs fit a budget linear in
    the corpus (``EMIT_BUDGET_PER_SENTENCE`` x n): a folder whose vocabulary repeats a lot
    would otherwise emit tens of millions of pairs. bench/scale.py measures the recall.
    """
    cap = max(64, n // 16)
    lengths = np.sort(np.asarray([k for k in posting_lengths if 2 <= k <= cap], dtype=np.int64))
    emitted = np.cumsum(lengths * (lengths - 1) // 2)
    within = np.flatnonzero(emitted <= EMIT_BUDGET_PER_SENTENCE * max(n, 1))
    if len(within) < len(lengths):
        cap = max(64, int(lengths[within[-1]]) if len(within) else 64)
    return cap


# Emitted pairs handled per numpy step, and per sentence of the corpus in all.
_EMIT_CHUNK = 1_000_000
EMIT_BUDGET_PER_SENTENCE = 500


class _PairCounter:
    """Counts how often each cross-article pair is emitted, one chunk at a time."""

    def __init__(self, n: int, article_of: np.ndarray) -> None:
        self._n = n
        self._article_of = article_of
        # Pair keys i * n + j in 32 bits while they fit: half the memory of the peak step.
        self._key_type = np.uint32 if n * n < 2**32 else np.int64
        self._keys: list[np.ndarray] = []
        self._counts: list[np.ndarray] = []

    def add(self, left: np.ndarray, right: np.ndarray) -> None:
        keep = self._article_of[left] != self._article_of[right]
        kind = self._key_type
        keys = left[keep].astype(kind) * kind(self._n) + right[keep].astype(kind)
        keys, counts = np.unique(keys, return_counts=True)
        self._keys.append(keys)
        self._counts.append(counts.astype(np.int32))

    def totals(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(left, right, shared stems) for every counted pair, ordered by (left, right)."""
        if not self._keys:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        keys = np.concatenate(self._keys)
        counts = np.concatenate(self._counts)
        self._keys, self._counts = [], []  # let the chunks go before sorting
        if not len(keys):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        del order
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        totals = np.add.reduceat(counts, starts).astype(np.int64)
        keys = keys[starts].astype(np.int64)
        return keys // self._n, keys % self._n, totals
