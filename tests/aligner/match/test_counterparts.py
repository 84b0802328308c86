"""Counterpart scores: the folder's own term weights, coverage, position, and the model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.match.counterparts import (
    COUNTERPART_FEATURES,
    CounterpartScorer,
    concept_terms,
    counterpart_model,
    may_share,
    model_from_data,
    prose_positions,
    reading_neighbours,
    relative_places,
    term_bits,
)
from aligner.text.features import sentence_features

COLUMN = {name: k for k, name in enumerate(COUNTERPART_FEATURES)}


def rows_of(texts: list[str], article_of: list[int], pairs: list[tuple[int, int]]) -> np.ndarray:
    features = [sentence_features(t) for t in texts]
    scorer = CounterpartScorer(features, article_of, prose_positions(np.array(article_of)))
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    return scorer.rows(left, right)


def test_words_rare_in_the_folder_weigh_more_than_words_every_sentence_repeats() -> None:
    # "Durst" is in every sentence; "85-month" and "sentenced" only in the first two.
    texts = [
        "Durst was sentenced to an 85-month term.",
        "The judge sentenced Durst to an 85-month prison term.",
        "Durst spoke to the court in a weak voice.",
        "Durst was tried in Texas.",
        "Durst appeared in a wheelchair.",
    ]
    rows = rows_of(texts, [0, 1, 1, 1, 1], [(0, 1), (0, 2)])
    cosine = rows[:, COLUMN["weighted_cosine"]]
    assert cosine[0] > 0.5 > cosine[1]


def test_a_fact_told_inside_a_longer_sentence_is_fully_covered() -> None:
    texts = [
        "Russia occupies about 20% of Ukraine.",
        "Analysts say Russia occupies about 20% of Ukraine, and fighting goes on in the east.",
    ]
    (row,) = rows_of(texts, [0, 1], [(0, 1)])
    assert row[COLUMN["concept_coverage_high"]] == 1.0
    assert row[COLUMN["concept_coverage_low"]] < 0.8


def test_synonyms_count_as_the_same_concept() -> None:
    texts = ["The company sold the old car.", "The company sold the old automobile."]
    (row,) = rows_of(texts, [0, 1], [(0, 1)])
    assert row[COLUMN["concept_coverage_low"]] == 1.0
    assert row[COLUMN["weighted_cosine"]] < 1.0


def test_position_gap_is_the_distance_of_relative_places() -> None:
    places = relative_places([0, 0, 0, 1, 1], [0, 1, 2, 0, 1])
    assert places.tolist() == [0.0, 0.5, 1.0, 0.0, 1.0]
    texts = ["One thing.", "Two things.", "Three things.", "Four things.", "Five things."]
    (row,) = rows_of(texts, [0, 0, 0, 1, 1], [(1, 4)])
    assert row[COLUMN["position_gap"]] == 0.5


def test_reading_neighbours_stay_inside_an_article_and_its_order() -> None:
    previous, following = reading_neighbours([0, 0, 0, 1, 1, 2], [0, 1, 2, 0, 1, 0])
    assert previous.tolist() == [-1, 0, 1, -1, 3, -1]
    assert following.tolist() == [1, 2, -1, 4, -1, -1]
    # Places that do not follow on are no neighbours.
    previous, following = reading_neighbours([0, 0], [0, 2])
    assert previous.tolist() == [-1, -1] and following.tolist() == [-1, -1]


def test_neighbour_support_needs_retold_neighbours_on_both_sides() -> None:
    texts = [
        "The judge sentenced Durst to seven years in prison.",
        "He spoke in a weak voice.",
        "Durst will be moved to California.",
        "Durst got seven years in prison from the judge.",
        "His voice was barely audible.",
        "California will receive him within weeks.",
    ]
    article_of = [0, 0, 0, 1, 1, 1]
    rows = rows_of(texts, article_of, [(1, 4), (0, 3), (2, 5)])
    support = rows[:, COLUMN["neighbour_support"]]
    cosine = rows[:, COLUMN["weighted_cosine"]]
    low = rows[:, COLUMN["concept_coverage_low"]]
    # (1, 4) sits between (0, 3) and (2, 5): its cosine times the lower of their coverages.
    assert low[1] > low[2] > 0.0 and cosine[0] > 0.0
    assert support[0] == pytest.approx(cosine[0] * low[2])
    # The first and the last pair have a retold neighbour on one side only.
    assert cosine[1] > 0.5 and support[1] == 0.0
    assert cosine[2] > 0.0 and support[2] == 0.0
    # Retold neighbours do not support a pair that shares nothing.
    (row,) = rows_of([*texts[:4], "The weather was fine.", texts[5]], article_of, [(1, 4)])
    assert row[COLUMN["neighbour_support"]] == 0.0


def test_prose_positions_restart_in_every_article() -> None:
    assert prose_positions(np.array([0, 0, 1, 1, 1, 2])).tolist() == [0, 1, 0, 1, 2, 0]
    assert prose_positions(np.array([], dtype=np.int64)).tolist() == []


def test_the_shipped_model_round_trips_and_prefers_retellings() -> None:
    model = counterpart_model()
    again = model_from_data(model.to_data())
    assert np.allclose(again.weights, model.weights) and again.bias == model.bias
    texts = [
        "A judge sentenced Robert Durst to seven years in prison on Wednesday.",
        "On Wednesday a federal judge sentenced Durst to 7 years in prison.",
        "Durst's family runs a large real estate company in New York.",
    ]
    features = [sentence_features(t) for t in texts]
    scorer = CounterpartScorer(features, [0, 1, 1], [0, 0, 1])
    retold, other = scorer.scores(np.array([0, 0]), np.array([1, 2])).tolist()
    assert retold >= 60 > 20 >= other


def scores_of(texts: list[str], article_of: list[int], pairs: list[tuple[int, int]]) -> list[float]:
    features = [sentence_features(t) for t in texts]
    scorer = CounterpartScorer(features, article_of, prose_positions(np.array(article_of)))
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    return scorer.scores(left, right).tolist()


# A folder where few sentences deny anything, so "not" weighs as much as a rare word.
DENIALS_FOLDER = [
    "“I said, ‘That’s not my daughter, that’s Karen!",
    "Krystle Campbell was killed in the bombing at the finish line.",
    "Her parents were told at the hospital that she had survived.",
    "The other friend was not hurt.",
    "Campbell, 29, was killed by the second bomb near the finish line.",
    "The family said she was a loving daughter.",
]


def test_sentences_sharing_only_a_denial_share_no_fact() -> None:
    article_of = [0, 0, 0, 1, 1, 1]
    only_not, daughter = scores_of(DENIALS_FOLDER, article_of, [(0, 3), (0, 5)])
    assert only_not == 0.0 < daughter
    # "never", "nobody" and contractions deny too.
    texts = [
        "He never called.",
        "Nobody answered.",
        "I wasn’t supposed to win.",
        "She never went home.",
        "Nobody came.",
        "It wasn't all Russia.",
    ]
    assert scores_of(texts, [0, 0, 0, 1, 1, 1], [(0, 3), (1, 4), (2, 5)]) == [0.0, 0.0, 0.0]


def test_a_denial_beside_a_shared_word_or_figure_still_counts() -> None:
    texts = [
        "The suspect was not arrested on Monday.",
        "11 were not hurt.",
        "Officers spoke to residents.",
        "Police have not arrested the suspect.",
        "11 were not there.",
        "A storm passed.",
    ]
    arrested, eleven = scores_of(texts, [0, 0, 0, 1, 1, 1], [(0, 3), (1, 4)])
    assert arrested > 30
    assert eleven > 0  # "11" is no word of either sentence's content, but a shared figure


WORDS = (
    "judge court prison Durst sentenced seven years police chief arrested hotel the a of in"
    " said on Wednesday 85-month 30 km miles"
)
words = st.sampled_from(WORDS.split())
sentences = st.lists(words, min_size=1, max_size=12).map(lambda w: " ".join(w) + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=2, max_size=8))
def test_scores_are_symmetric_bounded_and_finite(texts: list[str]) -> None:
    n = len(texts)
    article_of = [k % 2 for k in range(n)]
    order = sorted(range(n), key=lambda k: article_of[k])
    texts = [texts[k] for k in order]
    article_of = sorted(article_of)
    features = [sentence_features(t) for t in texts]
    scorer = CounterpartScorer(features, article_of, prose_positions(np.array(article_of)))
    left, right = np.triu_indices(n, 1)
    forward = scorer.scores(left, right)
    backward = scorer.scores(right, left)
    assert np.all(np.isfinite(forward)) and np.all((forward >= 0) & (forward <= 100))
    assert np.allclose(forward, backward, atol=1e-3)


@settings(max_examples=40, deadline=None)
@given(st.lists(sentences, min_size=4, max_size=12), st.integers(1, 3))
def test_neighbour_support_is_the_lower_of_both_sides_computed_plainly(
    texts: list[str], articles: int
) -> None:
    # The scorer skips the next pairs where the previous ones share nothing; the feature
    # must be what computing both sides for every pair gives.
    article_of = sorted(k % (articles + 1) for k in range(len(texts)))
    features = [sentence_features(t) for t in texts]
    positions = prose_positions(np.array(article_of))
    scorer = CounterpartScorer(features, article_of, positions)
    left, right = np.triu_indices(len(texts), 1)
    cross = np.array(article_of)[left] != np.array(article_of)[right]
    left, right = left[cross], right[cross]
    rows = scorer.rows(left, right)
    previous, following = reading_neighbours(article_of, positions)

    def low(a: int, b: int) -> float:
        if a < 0 or b < 0:
            return 0.0
        return float(scorer.rows(np.array([a]), np.array([b]))[0, COLUMN["concept_coverage_low"]])

    expected = [
        rows[k, COLUMN["weighted_cosine"]]
        * min(low(previous[i], previous[j]), low(following[i], following[j]))
        for k, (i, j) in enumerate(zip(left.tolist(), right.tolist(), strict=True))
    ]
    assert np.allclose(rows[:, COLUMN["neighbour_support"]], expected)


def test_sentences_sharing_only_the_words_every_outlet_repeats_do_not_align(tmp_path) -> None:
    # Issue 13 (mn114): within a story about the two Koreas, "North", "South" and "Korea"
    # say nothing about which fact a sentence tells.
    from aligner.pipeline import compare

    articles = {
        "a1.txt": "North and South Korean athletes will march together under a unified flag.\n"
        "The nations agreed to form a joint North and South Korean women's ice hockey team.\n"
        "North Korea will send a delegation of athletes, cheerleaders and artists to the South.\n"
        "North and South Korea remain technically at war.\n",
        "a2.txt": "The two Koreas will march together under one flag, North and South Korea said.\n"
        "North Korea will send athletes, cheerleaders and an orchestra to South Korea.\n"
        "The North Korean delegation will begin arriving in South Korea on Jan. 25.\n"
        "South Korea and North Korea held talks at the border.\n",
        "a3.txt": "North and South Korea will march under one flag as their first joint team.\n"
        "The countries announced they will field a joint women's ice hockey team.\n"
        "North Korea will send a delegation to the games in South Korea.\n"
        "They will begin arriving in South Korea on 25 January.\n",
    }
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    comparison = compare([tmp_path])
    text = {s.id: s.text for a in comparison.articles for s in a.sentences}
    rows = sorted(sorted(text[m][:24] for m in g.members) for g in comparison.groups)
    assert ["North and South Korea re"] in rows  # not with "held talks at the border"
    assert ["South Korea and North Ko"] in rows
    assert ["The countries announced ", "The nations agreed to fo"] in rows
    assert ["The North Korean delegat", "They will begin arriving"] in rows


def by_definition(features, left: int, right: int) -> tuple[float, float, float]:
    """Weighted cosine of content stems and both concept coverages of one pair, from the
    folder's idf computed term by term (see ``idf_weights``)."""
    import math
    from collections import Counter

    from aligner.match.counterparts import idf_weights
    from aligner.text.synonyms import concept_of

    n = len(features)

    def idf(document_terms: list[set]) -> dict:
        df = Counter(term for terms in document_terms for term in terms)
        return {term: float(idf_weights(n, np.array([count]))[0]) for term, count in df.items()}

    stem_idf = idf([set(f.content) for f in features])
    concepts = [{concept_of(s) for s in f.content_set} for f in features]
    concept_idf = idf(concepts)

    def vector(k: int) -> dict:
        counts = Counter(features[k].content)
        return {t: stem_idf[t] * (1 + math.log(c)) for t, c in counts.items()}

    a, b = vector(left), vector(right)
    dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
    norms = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    shared = sum(concept_idf[c] for c in concepts[left] & concepts[right])
    cover = [shared / max(sum(concept_idf[c] for c in concepts[k]), 1e-12) for k in (left, right)]
    return dot / max(norms, 1e-12), max(cover), min(cover)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_cosine_and_coverage_are_their_definitions(texts: list[str], random) -> None:
    features = [sentence_features(t) for t in texts]
    article_of = list(range(len(texts)))
    scorer = CounterpartScorer(features, article_of, [0] * len(texts))
    pairs = [(i, j) for i in range(len(texts)) for j in range(len(texts)) if i != j]
    random.shuffle(pairs)
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    rows = scorer.rows(left, right)
    for (i, j), row in zip(pairs, rows, strict=True):
        expected = by_definition(features, i, j)
        found = [row[COLUMN[name]] for name in COUNTERPART_FEATURES[:3]]
        assert np.allclose(found, expected, rtol=1e-9, atol=1e-12)


def test_term_bits_never_miss_a_shared_term_and_rule_out_most_disjoint_pairs() -> None:
    # 1,500 distinct words: term numbers collide modulo the 512 bits, which may only let a
    # pair through, never stop one that shares a concept.
    rng = np.random.default_rng(7)
    vocabulary = [f"zq{k:04d}word" for k in range(1500)]
    texts = [" ".join(rng.choice(vocabulary, size=int(rng.integers(1, 14)))) for _ in range(300)]
    features = [sentence_features(t) for t in texts]
    concepts = concept_terms(features)
    held = [
        set(concepts.terms[concepts.starts[k] : concepts.starts[k + 1]].tolist())
        for k in range(len(features))
    ]
    left, right = np.triu_indices(len(features), 1)
    met = may_share(term_bits(concepts), left, right)
    share = np.array([bool(held[a] & held[b]) for a, b in zip(left, right, strict=True)])
    assert len(concepts.terms) and share.any()
    assert not np.any(share & ~met)
    assert (~met[~share]).mean() > 0.5


def test_rows_from_the_candidates_shared_weights_are_the_rows_it_sums_itself() -> None:
    from aligner.match.candidates import budgeted_candidates

    rng = np.random.default_rng(3)
    vocabulary = [f"qz{k:03d}term" for k in range(60)]
    texts = [" ".join(rng.choice(vocabulary, size=int(rng.integers(2, 10)))) for _ in range(90)]
    features = [sentence_features(t) for t in texts]
    article_of = np.repeat(np.arange(9), 10)
    scorer = CounterpartScorer(features, article_of.tolist(), prose_positions(article_of))
    found = budgeted_candidates(features, article_of, max_postings=12, concepts=scorer.concepts)
    assert len(found.left) > 0
    given = scorer.rows(found.left, found.right, shared=found.shared)
    assert np.allclose(given, scorer.rows(found.left, found.right), rtol=1e-12, atol=0)
    assert not np.allclose(
        given, scorer.rows(found.left, found.right, shared=found.shared * 0.5), rtol=1e-6
    )
