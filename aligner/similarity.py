"""Pair similarity (0-100): rapidfuzz scorers on normalised text and content stems, combined."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from aligner.features import SentenceFeatures

# Weights of the three scorers. Word order matters a little (token_sort on the whole
# sentence), shared content matters most (token_set and ratio on the sorted content stems,
# which also forgives spelling variants character by character).
WEIGHTS: tuple[float, float, float] = (0.35, 0.35, 0.30)


def score_pairs(
    features: Sequence[SentenceFeatures],
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = -1,
) -> np.ndarray:
    """Similarity of ``features[left[k]]`` and ``features[right[k]]`` for every k, vectorised."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float32)
    norm = [f.normalised for f in features]
    content = [f.content_key for f in features]
    norm_left = [norm[i] for i in left]
    norm_right = [norm[j] for j in right]
    content_left = [content[i] for i in left]
    content_right = [content[j] for j in right]
    sort_ratio = process.cpdist(
        norm_left, norm_right, scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=workers
    )
    set_ratio = process.cpdist(
        content_left, content_right, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=workers
    )
    content_ratio = process.cpdist(
        content_left, content_right, scorer=fuzz.ratio, dtype=np.float32, workers=workers
    )
    w_sort, w_set, w_content = WEIGHTS
    return (w_sort * sort_ratio + w_set * set_ratio + w_content * content_ratio).astype(np.float32)


def score_pair(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Similarity of two sentences: exactly the aligner's formula, for one pair."""
    index = np.array([0], dtype=np.int64)
    return float(score_pairs([a, b], index, index + 1, workers=1)[0])
