"""Pair similarity (0-100) from the learned model, for many pairs at once.

The score of a pair is 100 x the probability that the two sentences state the same claim,
from a logistic regression over wording-overlap features and marker words (see
aligner/match/marker_words.py), stored in aligner/match/similarity_model.json and fitted by
bench/calibrate.py on the MSRP training pairs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from aligner.calibration import MIN_CONTAINED_SHARE, MIN_CONTAINED_WORDS
from aligner.match.code_strings import SentenceCodes, encode
from aligner.match.marker_words import MarkerWeights
from aligner.match.pair_features import FEATURE_NAMES, pair_feature_matrix
from aligner.text.features import SentenceFeatures


@dataclass(frozen=True, slots=True)
class SimilarityModel:
    """Standardisation and logistic-regression weights over ``FEATURE_NAMES``, and the
    marker words' weights."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    markers: MarkerWeights
    # The content coverage (``MARKER_LIFT_FEATURE``) from which the marker words may raise a
    # score in full; below it their lift fades linearly to nothing.
    full_lift_at: float

    def scores(self, rows: np.ndarray, marker_terms: np.ndarray) -> np.ndarray:
        """100 x P(same claim) for each row of raw feature values and its marker term.

        The marker weights were learned on MSRP pairs, which all share much of their content;
        applied to sentences that share little, their sum of small lifts ("said", "would",
        "not" in both) scored unrelated sentences of one frame as the same claim ("Cox said
        police would help, but Sturdivant would not be involved." / "Ferry said a search is in
        progress but would not comment."). So the marker words may lower any score, but raise
        it only as far as the pair's content coverage reaches the coverage that 95% of the
        training pairs have (bench/calibrate.py).
        """
        coverage = rows[:, MARKER_LIFT_COLUMN]
        lift = np.clip(coverage / self.full_lift_at, 0.0, 1.0) if self.full_lift_at > 0 else 1.0
        markers = np.where(marker_terms > 0, marker_terms * lift, marker_terms)
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias + markers
        return (100.0 / (1.0 + np.exp(-z))).astype(np.float32)


# The lower of the two shares of a sentence's content stems found in the other.
MARKER_LIFT_FEATURE = "content_coverage_low"
MARKER_LIFT_COLUMN = FEATURE_NAMES.index(MARKER_LIFT_FEATURE)


@lru_cache(maxsize=1)
def similarity_model() -> SimilarityModel:
    """The shipped model; its feature list must match the code's."""
    data = json.loads(
        resources.files("aligner.match")
        .joinpath("similarity_model.json")
        .read_text(encoding="utf-8")
    )
    return model_from_data(data)


def model_from_data(data: dict) -> SimilarityModel:
    """A model from its stored form (what bench/calibrate.py writes)."""
    if tuple(data["features"]) != FEATURE_NAMES:
        raise RuntimeError("similarity_model.json does not match FEATURE_NAMES; rerun calibrate")
    return SimilarityModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        weights=np.asarray(data["weights"], dtype=np.float64),
        bias=float(data["bias"]),
        markers=_marker_weights(data["marker_words"]),
        full_lift_at=float(data["marker_words"]["full_lift_at"]),
    )


def _marker_weights(data: dict) -> MarkerWeights:
    """The stored per-column standardisation folded into the weights: a 0/1 column x with
    mean m, scale s and weight w adds w (x - m) / s = (w / s) x - w m / s."""
    constant = 0.0
    folded = {}
    for column in ("differs", "shared"):
        mean, scale, weights = (
            np.asarray(data[column][key], dtype=np.float64) for key in ("mean", "scale", "weights")
        )
        folded[column] = weights / scale
        constant -= float(np.sum(weights * mean / scale))
    return MarkerWeights(
        words=tuple(data["words"]),
        differs=folded["differs"],
        shared=folded["shared"],
        constant=constant,
    )


def score_pairs(
    features: Sequence[SentenceFeatures],
    left: np.ndarray,
    right: np.ndarray,
    *,
    workers: int = -1,
    codes: SentenceCodes | None = None,
) -> np.ndarray:
    """Similarity of ``features[left[k]]`` and ``features[right[k]]`` for every k
    (``codes``: ``encode(features)``, when already done)."""
    if len(left) == 0:
        return np.zeros(0, dtype=np.float32)
    codes = encode(features) if codes is None else codes
    model = similarity_model()
    rows = pair_feature_matrix(features, codes, left, right, workers=workers)
    marker_terms = model.markers.pair_terms(model.markers.masks(features), left, right)
    sizes = np.array([len(unigrams) for unigrams in codes.unigrams])
    shorter = np.minimum(sizes[left], sizes[right])
    return np.maximum(model.scores(rows, marker_terms), containment_scores(rows, shorter))


def containment_scores(rows: np.ndarray, shorter_sizes: np.ndarray) -> np.ndarray:
    """100 x the share of the shorter sentence's word pairs found in the longer one.

    MSRP calls a sentence plus extra detail "not a paraphrase", so the model scores
    "The talks went well." against "After the call, Trump said the talks went well." low;
    a reader comparing sources wants them side by side, the extra words shown as a
    difference. Only near-complete containment counts (``MIN_CONTAINED_SHARE`` of the word
    pairs), and fragments shorter than ``MIN_CONTAINED_WORDS`` distinct words say too little
    to count. On MSRP this changes accuracy by less than 0.001.
    """
    contained = rows[:, FEATURE_NAMES.index("bigram_precision_high")]
    counts = (shorter_sizes >= MIN_CONTAINED_WORDS) & (contained >= MIN_CONTAINED_SHARE)
    return np.where(counts, 100.0 * contained, 0.0).astype(np.float32)


def score_pair(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Similarity of two sentences: exactly the aligner's formula, for one pair."""
    index = np.array([0], dtype=np.int64)
    # One pair: threads would cost more than they save.
    return float(score_pairs([a, b], index, index + 1, workers=1)[0])
