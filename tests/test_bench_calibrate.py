"""The calibration scripts (bench/calibrate.py, bench/out_of_fold.py) on a tiny made-up
training set, so that they cannot rot and the fitted form stays loadable."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from aligner.match import similarity
from aligner.match.code_strings import encode
from aligner.match.pair_features import pair_feature_matrix
from aligner.text.features import sentence_features
from bench import calibrate, out_of_fold

SUBJECTS = ["The mayor", "The company", "Police", "The minister", "The union", "Officials"]
ACTIONS = [
    "announced a new budget for schools",
    "closed the bridge after the storm",
    "opened an inquiry into the fire",
    "sold its stake in the airline",
    "raised the price of bread",
    "signed the trade deal with Japan",
]


def _pairs() -> list[tuple[bool, str, str]]:
    """Retellings of one sentence (paraphrases) and pairs of different claims."""
    rows = []
    for k, (who, did) in enumerate(zip(SUBJECTS, ACTIONS, strict=True)):
        rows.append((True, f"{who} {did} on Monday.", f"On Monday, {who.lower()} {did}."))
        rows.append((True, f"{who} said it {did}.", f"{who} {did}, it said."))
        other = ACTIONS[(k + 3) % len(ACTIONS)]
        rows.append((False, f"{who} {did} on Monday.", f"Farmers {other} last year."))
        rows.append((False, f"{who} {did}.", f"A court in Lyon {other} in March."))
    return rows


@pytest.fixture(scope="module")
def training() -> tuple[list[tuple[bool, str, str]], list, np.ndarray]:
    rows = _pairs()
    features = [sentence_features(text) for _, a, b in rows for text in (a, b)]
    return rows, features, np.array([gold for gold, _, _ in rows], dtype=float)


def test_a_fitted_model_has_the_shipped_form_and_loads(training) -> None:
    rows, features, y = training
    fitted = calibrate.fit_model(features, y, 2 * np.arange(len(rows)))
    shipped = json.loads(
        resources.files("aligner.match")
        .joinpath("similarity_model.json")
        .read_text(encoding="utf-8")
    )
    assert set(shipped) - set(fitted) <= {"about", "trained_on", "cross_validated_accuracy",
                                          "training_accuracy"}  # fmt: skip
    assert set(fitted["marker_words"]) == set(shipped["marker_words"])
    model = similarity.model_from_data(fitted)
    assert np.all(model.scale > 0)


def test_marker_words_lift_in_full_from_the_coverage_of_all_but_5_percent(training) -> None:
    rows, features, y = training
    left = 2 * np.arange(len(rows))
    model = similarity.model_from_data(calibrate.fit_model(features, y, left))
    overlap = pair_feature_matrix(features, encode(features), left, left + 1)
    coverage = overlap[:, similarity.MARKER_LIFT_COLUMN]
    # What a 5% quantile means: at most 5% of the training pairs below it, at least 5% at
    # or below it (up to the six decimals the model is stored with).
    assert np.mean(coverage < model.full_lift_at - 1e-6) <= 0.05
    assert np.mean(coverage <= model.full_lift_at + 1e-6) >= 0.05
    assert coverage.min() <= model.full_lift_at < coverage.max()


def test_the_fitted_model_separates_what_it_was_taught(training) -> None:
    rows, features, y = training
    left = 2 * np.arange(len(rows))
    model = similarity.model_from_data(calibrate.fit_model(features, y, left))
    # The model's own scores, without the containment floor score_pairs adds.
    overlap = pair_feature_matrix(features, encode(features), left, left + 1)
    terms = model.markers.pair_terms(model.markers.masks(features), left, left + 1)
    scores = model.scores(overlap, terms)
    assert scores[y == 1].min() > 50 > scores[y == 0].max()


def test_out_of_fold_labels_each_fold_with_a_model_fitted_without_it(training, monkeypatch) -> None:
    rows, features, y = training
    fitted_on: list[np.ndarray] = []
    real_fit = calibrate.fit_model

    def recording_fit(features, y, left):
        fitted_on.append(left // 2)
        return real_fit(features, y, left)

    monkeypatch.setattr(out_of_fold, "fit_model", recording_fit)
    held_out = np.arange(0, len(rows), 4)
    accuracy = out_of_fold.fold_accuracy(rows, features, y, held_out)
    assert not set(fitted_on[0]) & set(held_out.tolist())
    assert len(fitted_on[0]) + len(held_out) == len(rows)
    # The made-up pairs are easy: a model fitted on the others labels every held-out pair
    # right, so with the held-out gold labels reversed it gets every one wrong.
    assert accuracy == 1.0
    reversed_gold = [
        (not gold, a, b) if k in held_out else (gold, a, b) for k, (gold, a, b) in enumerate(rows)
    ]
    assert out_of_fold.fold_accuracy(reversed_gold, features, y, held_out) == 0.0


def test_out_of_fold_runs_end_to_end_on_a_file(tmp_path: Path, capsys) -> None:
    lines = ["\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    lines += [f"{int(gold)}\t{k}\t{k + 1000}\t{a}\t{b}" for k, (gold, a, b) in enumerate(_pairs())]
    path = tmp_path / "msrp.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert out_of_fold.main(["--msrp", str(path), "--shuffles", "1"]) == 0
    assert "out-of-fold accuracy of label == 'shared'" in capsys.readouterr().out
