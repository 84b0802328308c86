"""Marker words: the masks, the pair term, and the stored model's standardised columns."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.calibration import DEFAULT_THRESHOLD
from aligner.match.code_strings import encode
from aligner.match.marker_words import MAX_MARKER_WORDS, MarkerWeights, presence_columns
from aligner.match.pair_features import FEATURE_NAMES, pair_feature_matrix
from aligner.match.similarity import containment_scores, score_pair, score_pairs, similarity_model
from aligner.text.features import sentence_features

WORDS = tuple(f"w{k}" for k in range(MAX_MARKER_WORDS))


def _weights(seed: int) -> MarkerWeights:
    rng = np.random.default_rng(seed)
    return MarkerWeights(
        words=WORDS,
        differs=rng.normal(size=len(WORDS)),
        shared=rng.normal(size=len(WORDS)),
        constant=float(rng.normal()),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*WORDS, "other", "x"]), max_size=12), min_size=2, max_size=8
    ),
    st.integers(0, 1000),
)
def test_pair_term_is_the_sum_over_the_presence_columns(sentences, seed: int) -> None:
    markers = _weights(seed)
    features = [sentence_features(" ".join(words)) for words in sentences]
    left, right = np.triu_indices(len(features), k=1)
    differs, shared = presence_columns(features, markers.words, left, right)
    expected = markers.constant + differs @ markers.differs + shared @ markers.shared
    found = markers.pair_terms(markers.masks(features), left, right)
    np.testing.assert_allclose(found, expected, atol=1e-9)


def test_masks_set_one_bit_per_marker_word_present() -> None:
    markers = _weights(0)
    (mask,) = markers.masks([sentence_features("w0 w3 w63 other w3")])
    assert int(mask) == (1 << 0) | (1 << 3) | (1 << 63)


def test_more_words_than_a_mask_holds_are_refused() -> None:
    with pytest.raises(ValueError, match="at most"):
        MarkerWeights(
            words=(*WORDS, "one too many"), differs=np.zeros(65), shared=np.zeros(65), constant=0.0
        )


def test_scores_are_the_stored_logistic_regression_over_all_columns() -> None:
    data = json.loads(
        resources.files("aligner.match").joinpath("similarity_model.json").read_text()
    )
    texts = [
        "The company said profits rose 5 percent in the quarter.",
        "Profits rose 5 percent, the company said.",
        "He was not at home and the police did not find him.",
        "The police found him at home, but he said nothing.",
    ]
    features = [sentence_features(t) for t in texts]
    left, right = np.triu_indices(len(features), k=1)
    rows = pair_feature_matrix(features, encode(features), left, right)
    markers = data["marker_words"]
    differs, shared = presence_columns(features, markers["words"], left, right)
    z = data["bias"] + ((rows - data["mean"]) / data["scale"]) @ data["weights"]
    lift = np.zeros(len(left))
    for part, column in (("differs", differs), ("shared", shared)):
        stored = markers[part]
        lift += ((column - stored["mean"]) / stored["scale"]) @ np.asarray(stored["weights"])
    coverage = rows[:, FEATURE_NAMES.index("content_coverage_low")]
    lift = np.where(lift > 0, lift * np.minimum(1, coverage / markers["full_lift_at"]), lift)
    z += lift
    sizes = np.array([len(set(f.stems)) for f in features])
    contained = containment_scores(rows, np.minimum(sizes[left], sizes[right]))
    expected = np.maximum(100 / (1 + np.exp(-z)), contained)
    np.testing.assert_allclose(score_pairs(features, left, right), expected, rtol=1e-4)
    assert len(similarity_model().markers.words) == len(markers["words"]) <= MAX_MARKER_WORDS


def test_marker_words_do_not_lift_sentences_that_share_little_content() -> None:
    # One frame ("X said ..., but ... would not ..."), different claims: the shared function
    # words alone once scored this pair as the same claim.
    a = sentence_features(
        "Jack Ferry, company spokesman, said that a search is in progress but would not "
        "comment on its status."
    )
    b = sentence_features(
        "Cox said state police would still help his office in the investigation, but "
        "Sturdivant would not be involved."
    )
    model = similarity_model()
    index = np.array([0])
    rows = pair_feature_matrix([a, b], encode([a, b]), index, index + 1)
    lift = model.markers.pair_terms(model.markers.masks([a, b]), index, index + 1)
    assert lift[0] > 0 and rows[0, FEATURE_NAMES.index("content_coverage_low")] < 0.2
    assert score_pair(a, b) < DEFAULT_THRESHOLD


def test_the_marker_lift_gate_only_ever_lowers_raising_terms() -> None:
    model = similarity_model()
    rows = np.tile(model.mean, (4, 1))
    coverage = FEATURE_NAMES.index("content_coverage_low")
    rows[:, coverage] = [0.0, model.full_lift_at / 2, model.full_lift_at, 1.0]
    terms = np.array([1.5, 1.5, 1.5, 1.5])
    raised = model.scores(rows, terms)
    plain = model.scores(rows, np.zeros(4))
    assert raised[0] == pytest.approx(plain[0])  # no shared content: no lift at all
    # Half the coverage, half the lift: the log-odds rise by 0.75, not 1.5.
    logit = np.log(plain[1] / (100.0 - plain[1]))
    assert raised[1] == pytest.approx(100.0 / (1.0 + np.exp(-(logit + 0.75))), abs=1e-3)
    assert raised[2] == pytest.approx(
        100.0 / (1.0 + np.exp(-(np.log(plain[2] / (100.0 - plain[2])) + 1.5))), abs=1e-3
    )
    lowered = model.scores(rows, -terms)
    assert np.all(lowered < plain)  # a lowering term counts in full at any coverage
    assert 0 < model.full_lift_at < 1
