"""The features of sentence pairs that the learned similarity model weighs, for many pairs at
once (rapidfuzz ``cpdist`` over code strings; see aligner/match/code_strings.py).

Only wording overlap: differing figures, negations and names are the classifier's business
(they make a pair contradicting, not dissimilar), so they are deliberately absent here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from aligner.match.code_strings import SentenceCodes
from aligner.text.features import SentenceFeatures

FEATURE_NAMES: tuple[str, ...] = (
    "unigram_precision_low",
    "unigram_precision_high",
    "bigram_precision_low",
    "bigram_precision_high",
    "trigram_precision_low",
    "trigram_precision_high",
    "content_coverage_low",
    "content_coverage_high",
    "concept_coverage_low",
    "concept_coverage_high",
    "length_difference",
    "token_sort_ratio",
    "ratio",
    "content_set_ratio",
    "content_ratio",
    "stem_lcs",
    "names_shared",
    "figures_shared",
)


def pair_feature_matrix(
    features: Sequence[SentenceFeatures],
    codes: SentenceCodes,
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = -1,
) -> np.ndarray:
    """One row per pair (``left[k]``, ``right[k]``), one column per ``FEATURE_NAMES`` entry.

    Symmetric: directed measures come as the lower and the higher of both directions, so
    swapping the sentences changes nothing.
    """
    columns: list[np.ndarray] = []

    def compare(strings: Sequence[str], scorer) -> np.ndarray:
        # The pairs' strings picked by numpy: a list per pair side would cost more than
        # some of the comparisons.
        batch = np.array(strings, dtype=object)
        return process.cpdist(
            batch[left], batch[right], scorer=scorer, dtype=np.float64, workers=workers
        )

    for sets in (codes.unigrams, codes.bigrams, codes.trigrams, codes.content, codes.concepts):
        shared = compare(sets, LCSseq.similarity)
        sizes = np.array([max(1, len(s)) for s in sets], dtype=np.float64)
        columns += _low_high(shared / sizes[left], shared / sizes[right])
    lengths = np.array([len(f.stems) for f in features], dtype=np.float64)
    longest = np.maximum(np.maximum(lengths[left], lengths[right]), 1.0)
    columns.append(np.abs(lengths[left] - lengths[right]) / longest)
    normalised = [f.normalised for f in features]
    # Sorted distinct content stems joined, for the set-like scorers: worked out here, the
    # one place that reads them, not for every sentence of every folder.
    content_keys = [" ".join(sorted(f.content_set)) for f in features]
    # token_sort_ratio is ratio over sorted words; sorting once per sentence instead of once
    # per pair gives the same figures several times faster.
    sorted_words = [" ".join(sorted(f.tokens)) for f in features]
    columns.append(compare(sorted_words, fuzz.ratio) / 100)
    columns.append(compare(normalised, fuzz.ratio) / 100)
    columns.append(compare(content_keys, fuzz.token_set_ratio) / 100)
    columns.append(compare(content_keys, fuzz.ratio) / 100)
    columns.append(compare(codes.stem_sequence, LCSseq.normalized_similarity))
    shared_names = compare(codes.names, LCSseq.similarity)
    name_counts = np.array([len(s) for s in codes.names], dtype=np.float64)
    union = name_counts[left] + name_counts[right] - shared_names
    columns.append(np.where(union > 0, shared_names / np.maximum(union, 1.0), 0.0))
    columns.append(figures_shared(codes.figures, left, right, workers=workers))
    return np.column_stack(columns)


def figures_shared(
    figure_codes: Sequence[str], left: np.ndarray, right: np.ndarray, *, workers: int = -1
) -> np.ndarray:
    """Per pair, the share of figures both sentences give, of the larger count ("an hour" =
    "60 minutes"); 0 when neither gives one.

    Agreeing figures are evidence of one claim; differing ones count as no evidence rather
    than against it, since a different figure makes a pair contradicting, not unrelated.
    """
    batch = np.array(figure_codes, dtype=object)
    shared = process.cpdist(
        batch[left], batch[right], scorer=LCSseq.similarity, dtype=np.float64, workers=workers
    )
    counts = np.array([len(s) for s in figure_codes], dtype=np.float64)
    most = np.maximum(counts[left], counts[right])
    return np.where(most > 0, shared / np.maximum(most, 1.0), 0.0)


def _low_high(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    return [np.minimum(x, y), np.maximum(x, y)]
