"""Candidate pairs: exactly the pairs a plain all-pairs sum of shared concept weights keeps."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.calibration import CANDIDATE_OVERLAP, IDF_FLOOR
from aligner.match import candidates
from aligner.match.candidates import candidate_pairs
from aligner.match.counterparts import CounterpartScorer, concept_terms, shared_weights
from aligner.text.features import SentenceFeatures, sentence_features
from aligner.text.synonyms import concept_of

_WORDS = [f"word{chr(97 + k)}{chr(97 + m)}" for k in range(6) for m in range(5)]


def random_corpus(seed: int, sentences: int) -> tuple[list[SentenceFeatures], np.ndarray]:
    rng = random.Random(seed)
    texts = [" ".join(rng.choices(_WORDS, k=rng.randint(1, 9))) for _ in range(sentences)]
    articles = sorted(rng.randrange(max(1, sentences // 6)) for _ in range(sentences))
    return [sentence_features(t) for t in texts], np.array(articles, dtype=np.int64)


def reference_pairs(
    features: list[SentenceFeatures],
    article_of: np.ndarray,
    *,
    max_postings: int,
    min_overlap: float,
) -> list[tuple[int, int]]:
    """All cross-article pairs whose shared, not too common concepts weigh enough of the
    lighter sentence's not too common concepts, each concept weighing its idf."""
    concepts = [{concept_of(s) for s in feat.content_set} for feat in features]
    frequency: dict[str | int, int] = {}
    for held in concepts:
        for concept in held:
            frequency[concept] = frequency.get(concept, 0) + 1
    n = len(features)

    def weight(held: set[str | int]) -> float:
        return sum(
            math.log((n + 1) / (frequency[c] + 1)) + IDF_FLOOR
            for c in held
            if frequency[c] <= max_postings
        )

    found = []
    for i, a in enumerate(concepts):
        for j in range(i + 1, n):
            b = concepts[j]
            if article_of[i] == article_of[j]:
                continue
            shared = weight(a & b)
            lighter = max(1e-12, min(weight(a), weight(b)))
            if shared and shared / lighter >= min_overlap - 1e-9:
                found.append((i, j))
    return found


@pytest.mark.parametrize("chunk", [1, 7, 250_000])
@pytest.mark.parametrize("seed", range(6))
def test_same_pairs_as_counting_every_pair(
    seed: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A tiny chunk makes every block hold one sentence, or one entry larger than the chunk.
    monkeypatch.setattr(candidates, "_EMIT_CHUNK", chunk)
    features, article_of = random_corpus(seed, sentences=60)
    max_postings = [4, 12, 60][seed % 3]
    left, right = candidate_pairs(features, article_of, max_postings=max_postings)
    assert left.dtype == right.dtype == np.int64
    expected = reference_pairs(
        features, article_of, max_postings=max_postings, min_overlap=CANDIDATE_OVERLAP
    )
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == expected


def test_no_pairs_within_one_article_or_without_shared_stems() -> None:
    features = [sentence_features(t) for t in ("Rain fell.", "Rain fell.", "Snow melted.")]
    for article_of in ([0, 0, 1], [0, 1, 2]):
        left, right = candidate_pairs(features, np.array(article_of), max_postings=10)
        expected = [] if article_of == [0, 0, 1] else [(0, 1)]
        assert list(zip(left.tolist(), right.tolist(), strict=True)) == expected


def test_empty_corpus() -> None:
    left, right = candidate_pairs([], np.zeros(0, dtype=np.int64))
    assert len(left) == len(right) == 0


def test_a_fact_told_inside_a_longer_sentence_is_proposed() -> None:
    # The pair shares three of the long sentence's fourteen stems, under the quarter the old index
    # (shared stems over the longer sentence's) asked; by concepts ("car" = "automobile"),
    # every word of the short sentence is in the long one.
    told = [
        "Durst was sentenced for the stolen car.",
        "Durst, who was arrested in New Orleans in 2015 with a revolver and marijuana, "
        "was sentenced on Wednesday for the stolen automobile by a federal judge in Los Angeles.",
    ]
    filler = [f"Durst spoke with reporter number {k} outside the court." for k in range(12)]
    features = [sentence_features(t) for t in told + filler]
    article_of = np.array([0, 1] + [2 + k % 3 for k in range(12)], dtype=np.int64)
    left, right = candidate_pairs(features, article_of)
    assert (0, 1) in set(zip(left.tolist(), right.tolist(), strict=True))


_SYNONYMS = ["car", "automobile", "buy", "purchase"]


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(_WORDS[:12] + _SYNONYMS), min_size=1, max_size=8),
        min_size=2,
        max_size=25,
    ),
    articles=st.integers(2, 5),
    max_postings=st.integers(2, 30),
    min_overlap=st.sampled_from([0.05, 0.2, 0.5, 1.0]),
)
def test_any_corpus_gives_the_pairs_of_the_all_pairs_reference(
    texts: list[list[str]], articles: int, max_postings: int, min_overlap: float
) -> None:
    features = [sentence_features(" ".join(words) + ".") for words in texts]
    article_of = np.array([k % articles for k in range(len(texts))], dtype=np.int64)
    left, right = candidate_pairs(
        features, article_of, max_postings=max_postings, min_overlap=min_overlap
    )
    found = list(zip(left.tolist(), right.tolist(), strict=True))
    assert found == sorted(found)
    # Sums of float weights may round either way at exactly ``min_overlap``.
    at_least = reference_pairs(
        features, article_of, max_postings=max_postings, min_overlap=min_overlap
    )
    above = reference_pairs(
        features, article_of, max_postings=max_postings, min_overlap=min_overlap + 1e-6
    )
    assert set(above) <= set(found) <= set(at_least)


@pytest.mark.parametrize("seed", range(3))
def test_the_scorers_concept_table_gives_the_same_candidates(seed: int) -> None:
    # scored_pairs hands the index the scorer's table instead of reading the stems again.
    features, article_of = random_corpus(seed, sentences=80)
    scorer = CounterpartScorer(features, article_of.tolist(), list(range(len(features))))
    own = candidates.budgeted_candidates(features, article_of, max_postings=20)
    shared = candidates.budgeted_candidates(
        features, article_of, max_postings=20, concepts=scorer.concepts
    )
    assert len(own.left) > 0
    assert np.array_equal(own.left, shared.left) and np.array_equal(own.right, shared.right)
    stems = concept_terms([sentence_features("unrelated words only") for _ in features])
    other = candidates.budgeted_candidates(features, article_of, max_postings=20, concepts=stems)
    assert len(other.left) != len(own.left)


@pytest.mark.parametrize("max_postings", [14, 20, 80])
@pytest.mark.parametrize("seed", range(3))
def test_each_candidate_carries_the_weight_of_every_concept_it_shares(
    seed: int, max_postings: int
) -> None:
    # Concepts over the cap emit nothing, yet the scorer's coverages count them: the
    # candidates' weights must be what the scorer would sum itself.
    features, article_of = random_corpus(seed, sentences=80)
    found = candidates.budgeted_candidates(features, article_of, max_postings=max_postings)
    assert len(found.left) > 0
    concepts = concept_terms(features)
    expected = shared_weights(concepts, found.left, found.right)
    assert np.allclose(found.shared, expected, rtol=1e-12, atol=0)
    frequency = np.bincount(concepts.terms)[concepts.terms]
    within_cap = candidates.only_terms(concepts, frequency <= max_postings)
    # Below the corpus size the cap leaves concepts out, which some pairs share.
    left_out = not np.allclose(shared_weights(within_cap, found.left, found.right), expected)
    assert left_out == (max_postings < 80)


def test_run_ends_stop_at_a_new_label_and_at_a_new_list() -> None:
    labels = np.array([0, 0, 1, 1, 1, 2])
    list_end = np.array([3, 3, 3, 6, 6, 6])
    assert candidates._run_ends(labels, list_end).tolist() == [2, 2, 3, 5, 5, 6]


def test_sentences_numbered_by_article_emit_no_pair_within_an_article() -> None:
    # Two lists over sentences of articles 0, 0, 1, 1, 2: only cross-article pairs are
    # emitted; numbered out of article order, every pair is (and filtered later).
    lists = np.array([0, 1, 2, 4, 1, 3], dtype=np.int64)
    lengths = np.array([4, 2], dtype=np.int64)
    weights = np.array([1.0, 2.0])
    ordered = candidates._PostingIndex.build(lists, lengths, weights, np.array([0, 0, 1, 1, 2]))
    assert int(ordered.emits.sum()) == 5 + 1  # 0-2 0-4 1-2 1-4 2-4, and 1-3
    assert not ordered.same_article_emitted
    mixed = candidates._PostingIndex.build(lists, lengths, weights, np.array([0, 1, 0, 1, 2]))
    assert int(mixed.emits.sum()) == 6 + 1 and mixed.same_article_emitted
