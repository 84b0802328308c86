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
    if max_postings is None:
        max_postings = max(64, n // 16)
    postings: dict[str, list[int]] = {}
    for index, feat in enumerate(features):
        for token in feat.content_set:
            postings.setdefault(token, []).append(index)
    # Posting lists of one length are stacked into a matrix, so one triu index pair emits
    # the pairs of all of them at once: a handful of numpy calls instead of one per stem.
    by_length: dict[int, list[list[int]]] = {}
    for members in postings.values():
        if 2 <= len(members) <= max_postings:
            by_length.setdefault(len(members), []).append(members)
    chunks_i: list[np.ndarray] = []
    chunks_j: list[np.ndarray] = []
    for length, lists in by_length.items():
        stacked = np.asarray(lists, dtype=np.int64)
        upper_i, upper_j = np.triu_indices(length, k=1)
        chunks_i.append(stacked[:, upper_i].ravel())
        chunks_j.append(stacked[:, upper_j].ravel())
    if not chunks_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    left = np.concatenate(chunks_i)
    right = np.concatenate(chunks_j)
    keep = article_of[left] != article_of[right]
    keys = left[keep] * n + right[keep]
    unique_keys, shared = np.unique(keys, return_counts=True)
    left, right = unique_keys // n, unique_keys % n
    sizes = np.array([max(1, len(f.content_set)) for f in features], dtype=np.int64)
    overlap = shared / np.maximum(sizes[left], sizes[right])
    keep = overlap >= min_overlap
    return left[keep], right[keep]
