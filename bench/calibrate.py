"""Fit the pair similarity model on the MSRP training pairs and store it as plain data.

Run by hand:  python bench/calibrate.py [--msrp FILE]
Writes aligner/similarity_model.json: feature names, standardisation, logistic-regression
weights, and the figures it reached. Deterministic: full-batch gradient descent from zero.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.encode import encode  # noqa: E402
from aligner.features import sentence_features  # noqa: E402
from aligner.pair_features import FEATURE_NAMES, pair_feature_matrix  # noqa: E402
from bench.quality import DEFAULT_DATA, read_msrp  # noqa: E402

MODEL_PATH = REPO / "aligner" / "similarity_model.json"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msrp", type=Path, default=DEFAULT_DATA / "msr_paraphrase_train.txt")
    args = parser.parse_args(argv)
    rows = read_msrp(args.msrp)
    y = np.array([gold for gold, _, _ in rows], dtype=float)
    features = [sentence_features(text) for _, a, b in rows for text in (a, b)]
    left = np.arange(0, len(features), 2)
    x = pair_feature_matrix(features, encode(features), left, left + 1)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    xs = (x - mean) / scale
    folds = [np.arange(len(y))[k::5] for k in range(5)]
    cv = []
    for fold in folds:
        train = np.setdiff1d(np.arange(len(y)), fold)
        cv.append(accuracy(fit_logistic(xs[train], y[train]), xs[fold], y[fold]))
    w = fit_logistic(xs, y)
    model = {
        "about": "Logistic regression over pair_feature_matrix; score = 100 * P(same claim).",
        "trained_on": f"{args.msrp.name} ({len(rows)} pairs)",
        "cross_validated_accuracy": round(float(np.mean(cv)), 4),
        "training_accuracy": round(accuracy(w, xs, y), 4),
        "features": list(FEATURE_NAMES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in w[:-1]],
        "bias": round(float(w[-1]), 6),
    }
    MODEL_PATH.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    print(
        f"5-fold accuracy {model['cross_validated_accuracy']:.4f}, "
        f"training accuracy {model['training_accuracy']:.4f} -> {MODEL_PATH}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
