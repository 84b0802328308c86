"""The pair features the similarity model weighs, and the model's response to them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import aligner.match.code_strings as code_strings_module
from aligner.match.code_strings import encode
from aligner.match.pair_features import FEATURE_NAMES, pair_feature_matrix
from aligner.match.similarity import score_pair
from aligner.text.features import sentence_features


def features_of(a: str, b: str) -> dict[str, float]:
    batch = [sentence_features(a), sentence_features(b)]
    row = pair_feature_matrix(batch, encode(batch), np.array([0]), np.array([1]), workers=1)[0]
    return dict(zip(FEATURE_NAMES, row, strict=True))


def test_equal_figures_in_other_words_count_as_shared() -> None:
    found = features_of(
        "The call lasted an hour and a half, with 30 officials listening.",
        "The call lasted 90 minutes and thirty officials listened.",
    )
    assert found["figures_shared"] == 1.0


def test_different_figures_are_no_evidence_either_way() -> None:
    differ = features_of("29 people were killed.", "19 people were killed.")
    none = features_of("People were killed.", "People were killed.")
    assert differ["figures_shared"] == none["figures_shared"] == 0.0


def test_names_are_shared_whatever_their_possessive_or_apostrophe() -> None:
    found = features_of(
        "Zelenskiy’s office said Putin’s call lasted an hour.",
        "Zelenskiy's office said the call with Putin lasted an hour.",
    )
    assert found["names_shared"] == 1.0


def test_synonyms_count_as_shared_concepts_but_not_as_shared_words() -> None:
    found = features_of("The strike began on Monday.", "The strike started on Monday.")
    assert found["concept_coverage_low"] == 1.0
    assert found["content_coverage_low"] < 1.0


def test_a_synonym_raises_the_score(monkeypatch: pytest.MonkeyPatch) -> None:
    base = sentence_features("Two old miners died in the flood near the river.")
    synonym = sentence_features("Two old miners perished in the flood near the river.")
    with_synonyms = score_pair(base, synonym)
    # The same pair when no two words share a concept: "perished" is then just another word.
    monkeypatch.setattr(code_strings_module, "concept_of", lambda stem: stem)
    assert with_synonyms > score_pair(base, synonym)


sentences = st.lists(
    st.sampled_from(
        [
            "the",
            "a",
            "officials",
            "said",
            "bought",
            "purchased",
            "30",
            "thirty",
            "plant",
            "hour",
            "minutes",
            "not",
        ]
    ),
    min_size=1,
    max_size=12,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(sentences, sentences)
def test_features_are_symmetric_and_bounded(a: str, b: str) -> None:
    forward, backward = features_of(a, b), features_of(b, a)
    for name in FEATURE_NAMES:
        assert np.isclose(forward[name], backward[name]), name
        assert 0.0 <= forward[name] <= 1.0 + 1e-9, name
