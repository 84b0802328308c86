"""Links need their two sentences to share things that tell a fact, not one word and a
small number (aligner/match/links.py, calibration.LINK_SHARED_FACTS), and a link under the
sure margin more of them (calibration.MUTUAL_LINK_SHARED_FACTS)."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.calibration import (
    LINK_MARGIN,
    LINK_SHARED_FACTS,
    MUTUAL_LINK_SHARED_FACTS,
    SMALL_COUNT,
)
from aligner.match.align import ScoredPairs
from aligner.match.counterparts import concept_terms
from aligner.match.links import fact_words, sharing_facts, telling
from aligner.result.model import CompareOptions
from aligner.text.features import sentence_features
from tests.conftest import links_of


def linked(left: str, right: str) -> bool:
    """Whether two sentences of two sources, each alone in its row and each the other's
    best counterpart at a sure score, are linked."""
    sure = CompareOptions().threshold + LINK_MARGIN + 10
    pairs = ScoredPairs(np.array([0]), np.array([1]), np.array([sure], dtype=np.float32))
    return bool(links_of([left, right], [[0], [1]], pairs, np.array([0, 1])))


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        # One word and a small count in common: two facts of one story (news mn081).
        (
            "The man was shot four times in the parking lot.",
            "Detectives are questioning four people about the shooting of a couple.",
            False,
        ),
        (
            "We are going to attack in one month, the general told reporters.",
            "Trump credited his administration for its incredible progress in just one month.",
            False,
        ),
        # Two concepts in common.
        (
            "The man was shot four times in the parking lot.",
            "Police said the man had been shot in a parking lot near the store.",
            True,
        ),
        # One concept and a figure that tells a fact: "80 minutes", an age.
        (
            "President Donald Trump held court with reporters for 80 minutes on Thursday.",
            "He stood there for almost 80 minutes.",
            True,
        ),
        (
            "One of the people killed at the finish line was an 8-year-old boy on Monday.",
            "Martin Richard, 8, was identified Monday.",
            True,
        ),
    ],
)
def test_a_link_needs_two_things_that_tell_a_fact(left: str, right: str, expected: bool) -> None:
    assert linked(left, right) is expected


def linked_beside_a_row(left: str, right: str, score: float) -> bool:
    """Whether two sentences of two sources whose articles share a row, alone in their rows
    and each the other's best counterpart at ``score``, are linked."""
    texts = [
        "The city council met on Monday evening.",
        "On Monday evening the city council met.",
        left,
        right,
    ]
    pairs = ScoredPairs(
        np.array([0, 2]), np.array([1, 3]), np.array([90.0, score], dtype=np.float32)
    )
    return bool(links_of(texts, [[0, 1], [2], [3]], pairs, np.array([0, 1, 0, 1])))


SODA = ("Soda taxes don't make people healthier.", "Another year, another soda tax.")
SEATTLE = (
    "The soda tax took effect in Seattle.",
    "Seattle residents are upset about the soda tax.",
)


@pytest.mark.parametrize(
    ("texts", "margin", "expected"),
    [
        # Two of the story's words in common ("soda", "tax"): two facts, linked only when sure.
        (SODA, 0.0, False),
        (SODA, LINK_MARGIN - 1, False),
        (SODA, LINK_MARGIN, True),
        # Three ("Seattle", "soda", "tax"): enough for a weak link too.
        (SEATTLE, -10.0, True),
        (SEATTLE, LINK_MARGIN + 10, True),
    ],
)
def test_a_link_under_the_sure_margin_needs_more_in_common(
    texts: tuple[str, str], margin: float, expected: bool
) -> None:
    score = CompareOptions().threshold + margin
    assert linked_beside_a_row(*texts, score) is expected


def test_the_weak_links_bound_is_three_things() -> None:
    # The cases above are written for these bounds: two and three things in common.
    assert (LINK_SHARED_FACTS, MUTUAL_LINK_SHARED_FACTS) == (2, 3)
    left, right = (sentence_features(text) for text in SODA)
    assert len(fact_words(left) & fact_words(right)) == 2
    left, right = (sentence_features(text) for text in SEATTLE)
    assert len(fact_words(left) & fact_words(right)) == 3


def test_each_pair_can_have_its_own_bound() -> None:
    texts = [*SODA, *SEATTLE]
    features = [sentence_features(text) for text in texts]
    left, right = np.array([0, 0, 2, 2]), np.array([1, 1, 3, 3])
    found = sharing_facts(features, concept_terms(features), left, right, np.array([2, 3, 3, 4]))
    assert found.tolist() == [True, False, True, False]


def test_numbers_are_no_concepts_of_a_fact() -> None:
    facts = fact_words(sentence_features("Four officers fired 306 rounds in 2014 at the house."))
    assert not any(isinstance(f, str) and (f[:1].isdigit() or f == "four") for f in facts)
    # The year and the count of rounds are figures that tell a fact; "four" is not.
    figures = {f for f in facts if isinstance(f, tuple)}
    assert {kind for kind, _ in figures} == {"count", "year"}
    assert ("count", 306.0) in figures and ("count", 4.0) not in figures


def test_pairs_are_counted_at_once_as_their_fact_words_would_be() -> None:
    texts = [
        "The 2014 budget of 306 million was cut by four percent.",
        "Four officers fired 306 rounds in 2014 at the house.",
        "The officers fired at the house in 2014.",
        "A dozen officers were at the house on Monday.",
        "The budget was cut on Monday.",
    ]
    features = [sentence_features(text) for text in texts]
    left, right = np.triu_indices(len(texts), k=1)
    expected = [
        len(fact_words(features[i]) & fact_words(features[j])) >= LINK_SHARED_FACTS
        for i, j in zip(left.tolist(), right.tolist(), strict=True)
    ]
    found = sharing_facts(features, concept_terms(features), left, right)
    assert found.tolist() == expected
    assert any(expected) and not all(expected)


@pytest.mark.parametrize(
    ("text", "tells"),
    [
        (f"{SMALL_COUNT} people", False),
        (f"{SMALL_COUNT + 1} people", True),
        ("one month", False),
        (f"{SMALL_COUNT + 2} months", True),
        ("80 minutes", True),
        ("an 8-year-old boy", True),
        ("$5", True),
        ("in 2014", True),
    ],
)
def test_small_counts_and_durations_tell_no_fact(text: str, tells: bool) -> None:
    (quantity,) = sentence_features(text).quantities
    assert telling(quantity) is tells


def test_the_bound_is_two_things() -> None:
    # The parametrised cases above are written for this bound.
    assert LINK_SHARED_FACTS == 2
