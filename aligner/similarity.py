"""Pair similarity (0-100): a cheap vectorised prefilter, then the learned model on survivors.

The score of a pair is 100 x the probability that the two sentences state the same claim,
from a logistic regression over wording-overlap features (aligner/similarity_model.json,
fitted by bench/calibrate.py on the MSRP training pairs).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process

from aligner.features import SentenceFeatures
from aligner.pair_features import FEATURE_NAMES, pair_features

# Pairs whose rapidfuzz prefilter score falls below this are not worth the model's time;
# bench/quality.py measures how rarely a pair the model would accept falls below it.
PREFILTER_MIN = 30.0


@dataclass(frozen=True, slots=True)
class SimilarityModel:
    """Standardisation and logistic-regression weights over ``FEATURE_NAMES``."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """100 x P(same claim) for each row of raw feature values."""
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return (100.0 / (1.0 + np.exp(-z))).astype(np.float32)


@lru_cache(maxsize=1)
def similarity_model() -> SimilarityModel:
    """The shipped model; its feature list must match the code's."""
    data = json.loads(
        resources.files("aligner").joinpath("similarity_model.json").read_text(encoding="utf-8")
    )
    if tuple(data["features"]) != FEATURE_NAMES:
        raise RuntimeError("similarity_model.json does not match FEATURE_NAMES; rerun calibrate")
    return SimilarityModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        weights=np.asarray(data["weights"], dtype=np.float64),
        bias=float(data["bias"]),
    )


def prefilter_scores(
    features: Sequence[SentenceFeatures], left: np.ndarray, right: np.ndarray, *, workers: int = -1
) -> np.ndarray:
    """A fast, rough similarity for many pairs at once (rapidfuzz on both cores)."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float32)
    norm = [f.normalised for f in features]
    content = [f.content_key for f in features]
    sort_ratio = process.cpdist(
        [norm[i] for i in left],
        [norm[j] for j in right],
        scorer=fuzz.token_sort_ratio,
        dtype=np.float32,
        workers=workers,
    )
    set_ratio = process.cpdist(
        [content[i] for i in left],
        [content[j] for j in right],
        scorer=fuzz.token_set_ratio,
        dtype=np.float32,
        workers=workers,
    )
    return np.maximum(sort_ratio, set_ratio)


def score_pairs(
    features: Sequence[SentenceFeatures],
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = -1,
) -> np.ndarray:
    """Similarity of ``features[left[k]]`` and ``features[right[k]]``; pairs the prefilter
    rejects score 0."""
    scores = np.zeros(len(left), dtype=np.float32)
    if len(left) == 0:
        return scores
    prefilter = prefilter_scores(features, left, right, workers=workers)
    worth = np.flatnonzero(prefilter >= PREFILTER_MIN)
    if len(worth):
        rows = np.array(
            [pair_features(features[left[k]], features[right[k]]) for k in worth.tolist()]
        )
        scores[worth] = similarity_model().scores(rows)
    return scores


def score_pair(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Similarity of two sentences: exactly the aligner's formula, for one pair."""
    index = np.array([0], dtype=np.int64)
    # One pair: threads would cost more than they save.
    return float(score_pairs([a, b], index, index + 1, workers=1)[0])
