"""Out-of-fold MSRP accuracy: the estimate of how the shipped decision does on unseen pairs.

Run by hand:  python bench/out_of_fold.py [--msrp FILE] [--shuffles 4]

bench/quality.py judges the shipped model on the pairs it was fitted on, and
bench/calibrate.py's cross-validation scores the regression alone at its own threshold. This
script judges what a reader sees, ``compare_pair(a, b).label == "shared"`` (threshold,
containment and conflict checks included), on every training pair with a model fitted
without it: the pairs are shuffled and cut into 5 folds, each fold is labelled by a model
fitted on the other four (marker words, standardisation and weights all from those), and the
accuracy is averaged over ``--shuffles`` shuffles with fixed seeds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.match import similarity  # noqa: E402
from aligner.pair import compare_pair  # noqa: E402
from aligner.text.features import sentence_features  # noqa: E402
from bench.calibrate import fit_model  # noqa: E402
from bench.quality import DEFAULT_DATA, read_msrp  # noqa: E402

FOLDS = 5
SEED = 20261204


def fold_accuracy(
    rows: list[tuple[bool, str, str]], features: list, y: np.ndarray, held_out: np.ndarray
) -> float:
    """Accuracy of the "shared" label on the ``held_out`` pairs, the model fitted on the rest."""
    train = np.setdiff1d(np.arange(len(rows)), held_out)
    model = similarity.model_from_data(fit_model(features, y[train], 2 * train))
    with mock.patch.object(similarity, "similarity_model", lambda: model):
        right = [
            (compare_pair(rows[k][1], rows[k][2]).label == "shared") == rows[k][0]
            for k in held_out.tolist()
        ]
    return float(np.mean(right))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msrp", type=Path, default=DEFAULT_DATA / "msr_paraphrase_train.txt")
    parser.add_argument("--shuffles", type=int, default=4)
    args = parser.parse_args(argv)
    rows = read_msrp(args.msrp)
    y = np.array([gold for gold, _, _ in rows], dtype=float)
    features = [sentence_features(text) for _, a, b in rows for text in (a, b)]
    per_shuffle = []
    for shuffle in range(args.shuffles):
        order = np.random.default_rng(SEED + shuffle).permutation(len(rows))
        folds = [fold_accuracy(rows, features, y, order[k::FOLDS]) for k in range(FOLDS)]
        per_shuffle.append(float(np.mean(folds)))
        print(f"shuffle {shuffle}: " + " ".join(f"{a:.3f}" for a in folds), flush=True)
    print(
        f"out-of-fold accuracy of label == 'shared': {np.mean(per_shuffle):.4f} "
        f"(shuffles {min(per_shuffle):.4f}-{max(per_shuffle):.4f}; {len(rows)} pairs)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
