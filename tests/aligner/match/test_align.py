"""Grouping (one sentence per article, deterministic, no chaining) and display order."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.calibration import MEAN_SLACK, WORST_SLACK
from aligner.match.align import (
    ScoredPairs,
    best_in_group,
    display_order,
    group_score,
    group_sentences,
    neighbours,
)


def scored(pairs: dict[tuple[int, int], float]) -> tuple[ScoredPairs, callable]:
    keys = sorted(pairs)
    left = np.array([k[0] for k in keys], dtype=np.int64)
    right = np.array([k[1] for k in keys], dtype=np.int64)
    scores = np.array([pairs[k] for k in keys], dtype=np.float32)

    def score_of(i: int, j: int) -> float:
        return pairs.get((min(i, j), max(i, j)), 0.0)

    return ScoredPairs(left, right, scores), score_of


def test_best_pairs_merge_and_one_sentence_per_article() -> None:
    # articles: 0 -> sentences 0,1; 1 -> 2,3; 2 -> 4
    article_of = [0, 0, 1, 1, 2]
    pairs, _ = scored({(0, 2): 90, (1, 2): 80, (0, 3): 70, (2, 4): 85, (0, 4): 88})
    groups = group_sentences(article_of, pairs, threshold=60)
    assert groups == [[0, 2, 4], [1], [3]]
    for group in groups:
        assert len({article_of[i] for i in group}) == len(group)


def test_pairs_below_threshold_do_not_merge() -> None:
    pairs, _ = scored({(0, 1): 59.9})
    assert group_sentences([0, 1], pairs, threshold=60) == [[0], [1]]


def test_chains_without_common_ground_do_not_merge() -> None:
    # 0~1 and 2~3 are strong; 1~2 is just above the threshold, but the clusters as a whole
    # have nothing in common, so they stay apart.
    article_of = [0, 1, 2, 3]
    pairs, _ = scored({(0, 1): 95, (2, 3): 95, (1, 2): 61})
    groups = group_sentences(article_of, pairs, threshold=60)
    assert groups == [[0, 1], [2, 3]]


def test_a_cluster_joins_only_while_its_mean_link_stays_near_the_threshold() -> None:
    # 1~2 is above the threshold (60) and 0~2 within WORST_SLACK of it; the mean of the two
    # cross links decides: 54 is more than MEAN_SLACK below 60, 56 is not.
    article_of = [0, 1, 2]
    far, _ = scored({(0, 1): 90, (1, 2): 62, (0, 2): 46})
    assert group_sentences(article_of, far, threshold=60) == [[0, 1], [2]]
    near, _ = scored({(0, 1): 90, (1, 2): 62, (0, 2): 50})
    assert group_sentences(article_of, near, threshold=60) == [[0, 1, 2]]


def test_one_unscored_cross_pair_stops_a_merge_whose_mean_would_pass() -> None:
    # {0, 1} and {2, 3}: three cross pairs at 95 keep the mean (71) near the threshold, but
    # 1~3 was never scored (0): far more than WORST_SLACK below it, wherever it is read.
    article_of = [0, 1, 2, 3]
    strong = {(0, 1): 99, (2, 3): 98, (0, 2): 95, (0, 3): 95, (1, 2): 95}
    missing, _ = scored(strong)
    assert group_sentences(article_of, missing, threshold=60) == [[0, 1], [2, 3]]
    weak_last, _ = scored({**strong, (1, 3): 60 - WORST_SLACK - 1})
    assert group_sentences(article_of, weak_last, threshold=60) == [[0, 1], [2, 3]]
    within, _ = scored({**strong, (1, 3): 60 - WORST_SLACK})
    assert group_sentences(article_of, within, threshold=60) == [[0, 1, 2, 3]]


def test_group_score_is_the_weakest_members_best_link() -> None:
    # Each member's best score inside the group: 0 -> 90, 1 -> 90, 2 -> 80; 3 is paired
    # with no member (0), and 4 only with a sentence outside the group.
    pairs, _ = scored({(0, 1): 90, (0, 2): 70, (1, 2): 80, (4, 5): 99})
    similar = neighbours(6, pairs)
    assert group_score([0, 1, 2], similar) == 80
    assert group_score([0, 2], similar) == 70
    assert group_score([0, 1, 3], similar) == 0
    assert group_score([0, 4], similar) == 0
    assert group_score([5], similar) == 100


def test_group_score_is_never_below_the_threshold_that_formed_the_group() -> None:
    # 0 and 2 score far below the threshold, but each joined through a pair above it.
    article_of = [0, 1, 2]
    pairs, _ = scored({(0, 1): 70, (1, 2): 65, (0, 2): 50})
    groups = group_sentences(article_of, pairs, threshold=60)
    assert groups == [[0, 1, 2]]
    assert group_score(groups[0], neighbours(3, pairs)) >= 60


# Up to 14 sentences in up to 4 articles, and scores for some of their pairs (i < j).
ARTICLES_AND_SCORES = st.lists(
    st.integers(min_value=0, max_value=3), min_size=1, max_size=14
).flatmap(
    lambda arts: st.tuples(
        st.just(arts),
        st.dictionaries(
            st.tuples(st.integers(0, len(arts) - 1), st.integers(0, len(arts) - 1)).filter(
                lambda p: p[0] < p[1]
            ),
            st.floats(0, 100, width=32),
            max_size=40,
        ),
    )
)


def test_display_order_follows_pivot_and_places_others_after_their_neighbour() -> None:
    # pivot article 0 has sentences 0,1,2 (positions 0..2); article 1 has 3,4,5.
    article_of = [0, 0, 0, 1, 1, 1]
    position_of = [0, 1, 2, 0, 1, 2]
    groups = [[0, 5], [1], [2, 3], [4]]  # 4 follows 3, which is matched to pivot position 2
    order = display_order(groups, article_of, position_of, pivot=0)
    assert order == [0, 1, 2, 3]
    order_other_pivot = display_order(groups, article_of, position_of, pivot=1)
    # Pivot 1 reads 3 (with 2), 4, 5 (with 0); sentence 1 of article 0 follows its preceding
    # matched neighbour, sentence 0, which sits at the pivot's last position.
    assert order_other_pivot == [2, 3, 0, 1]


@settings(max_examples=150, deadline=None)
@given(ARTICLES_AND_SCORES)
def test_groups_partition_and_never_repeat_an_article(case) -> None:
    article_of, pair_scores = case
    pairs, _ = scored(pair_scores)
    groups = group_sentences(article_of, pairs, threshold=60)
    flat = sorted(i for g in groups for i in g)
    assert flat == list(range(len(article_of)))
    for group in groups:
        assert len({article_of[i] for i in group}) == len(group)
    assert groups == group_sentences(article_of, pairs, threshold=60)
    position_of = list(range(len(article_of)))
    order = display_order(groups, article_of, position_of, pivot=0)
    assert sorted(order) == list(range(len(groups)))


def test_leading_sentences_go_before_their_following_neighbour() -> None:
    # Article 1 opens with sentence 3, unmatched, then 4 matched to the pivot's sentence 1.
    article_of = [0, 0, 1, 1]
    position_of = [0, 1, 0, 1]
    groups = [[0], [1, 3], [2]]
    assert display_order(groups, article_of, position_of, pivot=0) == [0, 2, 1]


def test_groups_without_the_pivot_are_placed_through_other_sources() -> None:
    # Article 2 shares nothing with the pivot but shares sentence 6 with article 1, whose
    # sentence 4 sits after the pivot's first row; article 2's own sentence 5 follows.
    article_of = [0, 0, 1, 1, 1, 2, 2]
    position_of = [0, 1, 0, 1, 2, 0, 1]
    groups = [[0, 2], [1, 3], [4, 6], [5]]
    order = display_order(groups, article_of, position_of, pivot=0)
    assert order.index(2) > order.index(1)
    assert order.index(3) < order.index(2)  # 5 precedes 6 in article 2, so it comes first


def buildable(group: tuple[int, ...], score_of, threshold: float) -> bool:
    """Whether merges the rules allow can build ``group`` from single sentences: brute force
    over every way to split it into the two clusters its last merge joined."""
    if len(group) == 1:
        return True
    first, *others = group
    for size in range(len(others)):
        for rest in itertools.combinations(others, size):
            part = (first, *rest)
            other = tuple(m for m in group if m not in part)
            cross = [score_of(a, b) for a in part for b in other]
            if max(cross) < threshold:
                continue  # clusters merge through a pair at or above the threshold
            coherent = len(group) == 2 or (
                sum(cross) / len(cross) >= threshold - MEAN_SLACK - 1e-6
                and min(cross) >= threshold - WORST_SLACK
            )
            if (
                coherent
                and buildable(part, score_of, threshold)
                and buildable(other, score_of, threshold)
            ):
                return True
    return False


@settings(max_examples=150, deadline=None)
@given(ARTICLES_AND_SCORES)
def test_every_group_is_built_by_allowed_merges_and_no_strong_pair_is_left_alone(case) -> None:
    article_of, pair_scores = case
    pairs, score_of = scored(pair_scores)
    for threshold in (40, 60, 75):
        groups = group_sentences(article_of, pairs, threshold=threshold)
        for group in groups:
            assert buildable(tuple(group), score_of, threshold), (threshold, group)
            # Each two members were cross pairs of one merge, so none is far below.
            for a, b in itertools.combinations(group, 2):
                assert score_of(a, b) >= threshold - WORST_SLACK
        # Two sentences alone with a pair at the threshold merge whatever else happens.
        alone = [group[0] for group in groups if len(group) == 1]
        for a, b in itertools.combinations(alone, 2):
            assert article_of[a] == article_of[b] or score_of(a, b) < threshold


def test_sentences_held_apart_never_share_a_group_even_through_a_third() -> None:
    # 0~1 is the best pair but barred; 2 joins 0 first, then 1 cannot come in through 2.
    article_of = [0, 1, 2]
    pairs, _ = scored({(0, 1): 99, (0, 2): 95, (1, 2): 94})
    assert group_sentences(article_of, pairs, threshold=60) == [[0, 1, 2]]
    apart = {0: {1}, 1: {0}}
    assert group_sentences(article_of, pairs, threshold=60, apart=apart) == [[0, 2], [1]]


@settings(max_examples=150, deadline=None)
@given(ARTICLES_AND_SCORES, st.randoms(use_true_random=False))
def test_no_group_holds_two_sentences_held_apart(case, random) -> None:
    article_of, pair_scores = case
    pairs, _ = scored(pair_scores)
    barred = [pair for pair in sorted(pair_scores) if random.random() < 0.3]
    apart: dict[int, set[int]] = {}
    for i, j in barred:
        apart.setdefault(i, set()).add(j)
        apart.setdefault(j, set()).add(i)
    for threshold in (40, 60):
        groups = group_sentences(article_of, pairs, threshold=threshold, apart=apart)
        assert sorted(m for group in groups for m in group) == list(range(len(article_of)))
        for group in groups:
            assert not any(b in apart.get(a, ()) for a, b in itertools.combinations(group, 2))
        # Without bars nothing changes: the same groups as before the parameter existed.
        assert group_sentences(article_of, pairs, threshold=threshold, apart={}) == (
            group_sentences(article_of, pairs, threshold=threshold)
        )


@settings(max_examples=100, deadline=None)
@given(ARTICLES_AND_SCORES, st.randoms(use_true_random=False))
def test_renumbering_the_sentences_renumbers_the_groups(case, random) -> None:
    article_of, pair_scores = case
    # Distinct scores: ties are broken by index, which renumbering changes on purpose.
    ranks = list(range(len(pair_scores)))
    random.shuffle(ranks)
    distinct = {
        pair: 100 * (rank + 1) / (len(ranks) + 1)
        for pair, rank in zip(sorted(pair_scores), ranks, strict=True)
    }
    new_index = list(range(len(article_of)))
    random.shuffle(new_index)
    renumbered_articles = [0] * len(article_of)
    for old, new in enumerate(new_index):
        renumbered_articles[new] = article_of[old]
    renumbered_scores = {
        (min(new_index[i], new_index[j]), max(new_index[i], new_index[j])): score
        for (i, j), score in distinct.items()
    }
    for threshold in (40, 60):
        groups = group_sentences(article_of, scored(distinct)[0], threshold=threshold)
        renumbered = group_sentences(
            renumbered_articles, scored(renumbered_scores)[0], threshold=threshold
        )
        expected = sorted(sorted(new_index[i] for i in group) for group in groups)
        assert sorted(renumbered) == expected


def test_two_sources_unmatched_runs_between_the_same_rows_stay_two_blocks() -> None:
    # Pivot: 0 (shared), 1 (alone), 2 (shared). Article 1: 3 (with 0), 4, 5, 6 alone, 7 (with 2).
    # Article 2: 8 (with 0), 9, 10 alone, 11 (with 2).
    article_of = [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2]
    position_of = [0, 1, 2, 0, 1, 2, 3, 4, 0, 1, 2, 3]
    groups = [[0, 3, 8], [1], [2, 7, 11], [4], [5], [6], [9], [10]]
    order = display_order(groups, article_of, position_of, pivot=0)
    # Each run is contiguous, in its article's order, between the shared rows.
    assert order[0] == 0 and order[-1] == 2
    middle = order[1:-1]
    for run in ([1], [3, 4, 5], [6, 7]):
        start = middle.index(run[0])
        assert middle[start : start + len(run)] == run, middle


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda p: p[0] < p[1]),
        st.floats(0, 100, width=32),
    ),
    st.sets(st.integers(0, 11), min_size=1),
)
def test_a_members_best_is_the_same_found_through_its_row_or_the_group(
    pair_scores: dict[tuple[int, int], float], group_set: set[int]
) -> None:
    similar = neighbours(12, scored(pair_scores)[0])
    group = sorted(group_set)
    for member in group:
        plain = max(
            (pair_scores.get((min(member, b), max(member, b)), 0.0) for b in group if b != member),
            default=0.0,
        )
        assert best_in_group(member, group, similar) == plain
        assert best_in_group(member, group, similar, group_set) == plain
