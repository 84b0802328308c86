"""bench/soft_coverage.py (issue 13 item 4) without GloVe: small made-up word vectors stand in
for it, and each figure is checked against a plain per-pair computation."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from aligner.match import counterparts
from aligner.match.counterparts import COUNTERPART_FEATURES, CounterpartScorer, concept_terms
from aligner.text.features import sentence_features
from aligner.text.synonyms import concept_of
from bench.soft_coverage import (
    CUT,
    VARIANTS,
    centred_on_folder,
    concept_vectors,
    roc_auc,
    soft_coverage,
    soft_coverage_in_model,
    soft_score,
    variant_features,
    variant_rows,
)

SENTENCES = [
    "Police said the gunman was killed by officers on the bridge.",
    "Officers told reporters the attacker died near the bridge.",
    "Durst was sentenced to seven years in prison in New Orleans.",
    "The weather was fine and dry in New Orleans.",
    "Durst bridge gunman",
]


def _made_up_vectors(dimensions: int = 6, seed: int = 3):  # type: ignore[no-untyped-def]
    """A fixed random vector for every word but "weather" (a word the table lacks)."""
    random = np.random.default_rng(seed)
    table: dict[str, np.ndarray] = {}

    def vector_of(word: str) -> np.ndarray | None:
        if word == "weather":
            return None
        if word not in table:
            table[word] = random.normal(size=dimensions).astype(np.float32)
        return table[word]

    return vector_of


def _by_hand(concepts, unit, a: int, b: int, score) -> float:  # type: ignore[no-untyped-def]
    """The soft coverage of sentence ``a`` by ``b``, one concept at a time."""
    a_terms = concepts.terms[concepts.starts[a] : concepts.starts[a + 1]]
    a_values = concepts.values[concepts.starts[a] : concepts.starts[a + 1]]
    b_terms = set(concepts.terms[concepts.starts[b] : concepts.starts[b + 1]].tolist())
    covered = 0.0
    for term, value in zip(a_terms.tolist(), a_values.tolist(), strict=True):
        if term in b_terms:
            covered += value
        elif np.linalg.norm(unit[term]) > 0 and b_terms:
            best = max(float(unit[term] @ unit[other]) for other in b_terms)
            covered += value * float(score(np.array([best]))[0])
    return covered / float(a_values.sum())


@pytest.mark.parametrize("variant", ["low-mean", "low-cut"])
def test_soft_coverage_is_the_per_concept_sum_for_every_pair_and_direction(variant: str) -> None:
    features = [sentence_features(t) for t in SENTENCES]
    concepts = concept_terms(features)
    unit = concept_vectors(features, concepts, _made_up_vectors())
    pairs = [(a, b) for a, b in itertools.permutations(range(len(SENTENCES)), 2)]
    left, right = (np.array(side) for side in zip(*pairs, strict=True))
    score = soft_score(variant)
    found = soft_coverage(concepts, unit, left, right, score)
    expected = [_by_hand(concepts, unit, a, b, score) for a, b in pairs]
    np.testing.assert_allclose(found, expected, rtol=1e-6)
    # Soft credit only adds to the exact coverage: never under it, never over 1.
    exact = counterparts.shared_weights(concepts, left, right) / concepts.totals[left]
    assert np.all(found >= exact - 1e-12) and np.all(found <= 1 + 1e-9)


def test_a_cosine_counts_whole_from_the_cut_and_clipped_at_zero_in_the_mean() -> None:
    cosines = np.array([-0.4, 0.3, CUT - 1e-6, CUT, 0.95])
    assert soft_score("low-cut")(cosines).tolist() == [0, 0, 0, 1, 1]
    np.testing.assert_allclose(soft_score("low-mean")(cosines), [0, 0.3, CUT - 1e-6, CUT, 0.95])


def test_names_number_words_and_unknown_words_get_no_vector() -> None:
    features = [sentence_features(t) for t in SENTENCES]
    concepts = concept_terms(features)
    unit = concept_vectors(features, concepts, _made_up_vectors())
    has_vector = np.linalg.norm(unit, axis=1) > 0
    numbered = {}
    for f in features:
        for stem in f.content_set:
            numbered.setdefault(concept_of(stem), len(numbered))
    # "Durst" is a name in the third sentence but not in the last (its first word), which
    # names it as a word: one naming word with a vector is enough.
    for stem, expected in [
        ("weather", False),  # no vector in the table
        ("seven", False),  # a number word
        ("orlean", False),  # only ever in a name
        ("prison", True),
        ("bridg", True),
        ("durst", True),
    ]:
        assert has_vector[numbered[concept_of(stem)]] == expected, stem
    np.testing.assert_allclose(np.linalg.norm(unit[has_vector], axis=1), 1.0, rtol=1e-6)


def test_centring_takes_off_the_folders_mean_concept() -> None:
    features = [sentence_features(t) for t in ["Storm hits coast.", "Flood hits coast."]]
    concepts = concept_terms(features)
    unit = concept_vectors(features, concepts, _made_up_vectors(dimensions=4))
    centred = centred_on_folder(unit, concepts)
    # Each concept entry as often as sentences hold it: "hits" and "coast" twice.
    mean = unit[concepts.terms].mean(axis=0)
    expected = (unit - mean) / np.linalg.norm(unit - mean, axis=1, keepdims=True)
    np.testing.assert_allclose(centred, expected, rtol=1e-5)
    empty = concept_terms([sentence_features("The.")])
    assert centred_on_folder(np.zeros((empty.base, 4)), empty).tolist() == [[0.0] * 4]


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_puts_the_soft_coverages_where_its_names_say(variant: str) -> None:
    width = len(COUNTERPART_FEATURES)
    lexical = np.arange(2 * width, dtype=float).reshape(2, width)
    low, high = np.array([0.25, 0.5]), np.array([0.75, 1.0])
    names = variant_features(variant)
    rows = variant_rows(lexical, low, high, variant)
    assert rows.shape == (2, len(names))
    for k, name in enumerate(names):
        if name in COUNTERPART_FEATURES:
            np.testing.assert_array_equal(rows[:, k], lexical[:, COUNTERPART_FEATURES.index(name)])
        else:
            assert (
                rows[:, k].tolist()
                == {"soft_coverage_low": low, "soft_coverage_high": high}[name].tolist()
            )


def test_scorer_rows_carry_the_soft_coverage_only_inside_the_context() -> None:
    features = [sentence_features(t) for t in SENTENCES]
    left, right = np.array([0, 0, 2]), np.array([1, 3, 4])
    vector_of = _made_up_vectors()
    with soft_coverage_in_model(vector_of, "low-cut"):
        scorer = CounterpartScorer(features, [0, 1, 2, 3, 4], [0, 0, 0, 0, 0])
        shared = counterparts.shared_weights(scorer.concepts, left, right)
        rows = scorer.rows(left, right, shared=shared)  # as the engine's scores() calls it
        assert counterparts.COUNTERPART_FEATURES[-1] == "soft_coverage_low"
        assert scorer.rows(left[:0], right[:0]).shape == (0, 7)
    plain = CounterpartScorer(features, [0, 1, 2, 3, 4], [0, 0, 0, 0, 0])
    np.testing.assert_allclose(rows[:, :-1], plain.rows(left, right))
    unit = concept_vectors(features, plain.concepts, _made_up_vectors())
    both = [
        soft_coverage(plain.concepts, unit, a, b, soft_score("low-cut"))
        for a, b in ((left, right), (right, left))
    ]
    np.testing.assert_allclose(rows[:, -1], np.minimum(*both))


def test_roc_auc_counts_the_positives_ranked_above_negatives_ties_half() -> None:
    values = np.array([0.9, 0.4, 0.4, 0.1, 0.4, 0.8])
    labels = np.array([1, 1, 0, 0, 0, 0])
    pairs = [
        1.0 if p > n else 0.5 if p == n else 0.0
        for p in values[labels == 1]
        for n in values[labels == 0]
    ]
    assert roc_auc(values, labels) == pytest.approx(np.mean(pairs))
    assert np.isnan(roc_auc(values, np.zeros(6)))
