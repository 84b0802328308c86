"""Fit the pair similarity model on the MSRP training pairs and store it as plain data.

Run by hand:  python bench/calibrate.py [--msrp FILE]
Writes aligner/match/similarity_model.json: feature names, standardisation, logistic-regression
weights, the marker words and their weights, and the figures it reached. Deterministic:
full-batch gradient descent from zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.match.code_strings import encode  # noqa: E402
from aligner.match.marker_words import presence_columns  # noqa: E402
from aligner.match.pair_features import FEATURE_NAMES, pair_feature_matrix  # noqa: E402
from aligner.match.similarity import MARKER_LIFT_COLUMN  # noqa: E402
from aligner.text.features import sentence_features  # noqa: E402
from bench.quality import DEFAULT_DATA, read_msrp  # noqa: E402

MODEL_PATH = REPO / "aligner" / "match" / "similarity_model.json"
# How many marker words the model weighs (aligner/match/marker_words.py): the most common stems.
# Repeated 5-fold cross-validation (4 shuffles) on the training pairs: 0 words 0.757,
# 50 words 0.769, 75 0.766, 100 0.763, 125 0.764; more words learn the corpus's topics.
MARKER_WORDS = 50
# L2 penalty of the fit; the marker words' many 0/1 columns want more than the overlap
# features alone did (1e-3).
L2 = 3e-3
# The marker words raise a score in full only from the content coverage this share of the
# training pairs falls below (aligner/match/similarity.py, SimilarityModel.scores): their weights
# say nothing about pairs unlike the training pairs.
FULL_LIFT_QUANTILE = 0.05


def fit_logistic(
    x: np.ndarray, y: np.ndarray, *, l2: float = 1e-3, steps: int = 3000
) -> np.ndarray:
    """Weights (last one the bias) of an L2-regularised logistic regression."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= 0.3 * (xb.T @ (p - y) / len(y) + l2 * w)
    return w


def accuracy(w: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    xb = np.hstack([x, np.ones((len(x), 1))])
    return float(np.mean(((xb @ w) > 0) == y))


def marker_vocabulary(features: list, left: np.ndarray, count: int) -> list[str]:
    """The ``count`` stems found in the most training pairs (either sentence), ties by stem."""
    pairs_with: Counter[str] = Counter()
    for i in left.tolist():
        pairs_with.update(set(features[i].stems) | set(features[i + 1].stems))
    return [stem for stem, _ in sorted(pairs_with.items(), key=lambda kv: (-kv[1], kv[0]))][:count]


def design_matrix(
    features: list, words: list[str], left: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The columns of the pairs (features[k], features[k + 1]) for k in ``left``: overlap
    features, then marker words in one sentence only, then in both; and the coverage that
    limits the marker words' lift."""
    differs, shared = presence_columns(features, words, left, left + 1)
    overlap = pair_feature_matrix(features, encode(features), left, left + 1)
    return np.hstack([overlap, differs, shared]), overlap[:, MARKER_LIFT_COLUMN]


def standardisation(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and scales; a constant column keeps scale 1 (it carries nothing, and a
    stored scale of 0 would divide by zero)."""
    scale = x.std(axis=0)
    return x.mean(axis=0), np.where(scale > 1e-6, scale, 1.0)


@dataclass(frozen=True)
class Design:
    """The standardised columns of a set of training pairs and what standardised them."""

    words: list[str]
    xs: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    coverage: np.ndarray

    @classmethod
    def of(cls, features: list, left: np.ndarray) -> Design:
        """Marker words and columns of the pairs (features[k], features[k + 1]), k in ``left``."""
        words = marker_vocabulary(features, left, MARKER_WORDS)
        x, coverage = design_matrix(features, words, left)
        mean, scale = standardisation(x)
        return cls(words, (x - mean) / scale, mean, scale, coverage)

    def stored(self, w: np.ndarray) -> dict:
        """Weights ``w`` fitted on these columns, in the form aligner/match/similarity.py loads."""
        dense = len(FEATURE_NAMES)
        words = self.words

        def plain(values: np.ndarray) -> list[float]:
            return [round(float(v), 6) for v in values]

        def columns(part: slice) -> dict[str, list[float]]:
            return {
                "mean": plain(self.mean[part]),
                "scale": plain(self.scale[part]),
                "weights": plain(w[part]),
            }

        return {
            "features": list(FEATURE_NAMES),
            "mean": plain(self.mean[:dense]),
            "scale": plain(self.scale[:dense]),
            "weights": plain(w[:dense]),
            "bias": round(float(w[-1]), 6),
            "marker_words": {
                "words": words,
                "differs": columns(slice(dense, dense + len(words))),
                "shared": columns(slice(dense + len(words), dense + 2 * len(words))),
                "full_lift_at": round(float(np.quantile(self.coverage, FULL_LIFT_QUANTILE)), 6),
            },
        }


def fit_model(features: list, y: np.ndarray, left: np.ndarray) -> dict:
    """The stored form of the model fitted on the pairs (features[k], features[k + 1]) for k
    in ``left``, labelled ``y``: marker words, standardisation and weights from them alone."""
    design = Design.of(features, left)
    return design.stored(fit_logistic(design.xs, y, l2=L2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msrp", type=Path, default=DEFAULT_DATA / "msr_paraphrase_train.txt")
    args = parser.parse_args(argv)
    rows = read_msrp(args.msrp)
    y = np.array([gold for gold, _, _ in rows], dtype=float)
    features = [sentence_features(text) for _, a, b in rows for text in (a, b)]
    left = np.arange(0, len(features), 2)
    design = Design.of(features, left)
    xs = design.xs
    folds = [np.arange(len(y))[k::5] for k in range(5)]
    cv = []
    for fold in folds:
        train = np.setdiff1d(np.arange(len(y)), fold)
        cv.append(accuracy(fit_logistic(xs[train], y[train], l2=L2), xs[fold], y[fold]))
    w = fit_logistic(xs, y, l2=L2)
    model = {
        "about": (
            "Logistic regression over pair_feature_matrix and marker words (in one sentence "
            "only / in both); score = 100 * P(same claim)."
        ),
        "trained_on": f"{args.msrp.name} ({len(rows)} pairs)",
        "cross_validated_accuracy": round(float(np.mean(cv)), 4),
        "training_accuracy": round(accuracy(w, xs, y), 4),
        **design.stored(w),
    }
    MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    print(
        f"5-fold accuracy {model['cross_validated_accuracy']:.4f}, "
        f"training accuracy {model['training_accuracy']:.4f} -> {MODEL_PATH}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
