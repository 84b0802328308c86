"""How the conflict passes put the checks' findings together."""

from __future__ import annotations

import numpy as np

from aligner.calibration import PAIRWISE_VERSIONS
from aligner.conflicts.event_facts import Fact, FactConflict
from aligner.conflicts.pair_figures import ArticleFigures
from aligner.conflicts.passes import (
    _check_pairs,
    _conflicts,
    _inner_checks,
    _row_order,
    _unless_numbers_told,
    row_pairs,
)
from aligner.result.model import Conflict, ConflictKind, LineKind, Sentence, Severity
from aligner.text.features import sentence_features
from aligner.text.quantities import Quantity


def _fact(value: float) -> Fact:
    return Fact("killed", "killed", Quantity("count", value, value, value, "", f"{value:g}"))


def test_a_fact_conflict_is_dropped_only_where_a_number_conflict_joins_its_two_sentences() -> None:
    prose = [Sentence(f"a{k}s1", f"a{k}", 0, "Text.", LineKind.PROSE, 0, 5, 0) for k in range(5)]
    found = [FactConflict(a, b, _fact(19), _fact(29)) for a, b in [(0, 1), (1, 2), (2, 3)]]
    conflicts = [
        Conflict("a1s1", "a0s1", ConflictKind.NUMBER, "19 vs 29"),  # either order
        Conflict("a1s1", "a2s1", ConflictKind.ENTITY, "Munich vs Riyadh"),  # no number
        Conflict("a3s1", "a4s1", ConflictKind.NUMBER, "3 vs 4"),  # other sentences
    ]
    told = _unless_numbers_told(found, conflicts, prose)
    assert [(a, b) for a, b, _ in told] == [(1, 2), (2, 3)]
    assert [[f.detail for f in findings] for _, _, findings in told] == [["19 vs 29 (killed)"]] * 2


def test_the_checks_soften_the_findings_of_sentences_not_surely_counterparts() -> None:
    texts = ["29 people were killed in the attack.", "19 people were killed in the attack."]
    features = [sentence_features(text) for text in texts]
    figures = ArticleFigures(features, [0, 1])
    sure, unsure = _check_pairs(features, figures, [(0, 1, False, True, u) for u in (False, True)])
    assert [(f.detail, f.severity) for f in sure] == [
        ("29 vs 19 (people killed in the attack)", Severity.HARD)
    ]
    assert [(f.detail, f.severity) for f in unsure] == [
        ("29 vs 19 (people killed in the attack)", Severity.SOFT)
    ]


def test_the_checks_drop_the_soft_findings_of_sentences_not_surely_counterparts() -> None:
    # A bound and two owners' figures: soft findings, kept only where surely one fact.
    texts = [
        "At least 19 people were killed in the attack.",
        "29 people were killed in the attack.",
        "The Rasmussen poll found 55 percent support the plan.",
        "A Pew Research Center survey found 39 percent support the plan.",
    ]
    features = [sentence_features(text) for text in texts]
    figures = ArticleFigures(features, [0, 1, 0, 1])
    pairs = [(i, i + 1, only, True) for i in (0, 2) for only in (False, True)]
    sure = _check_pairs(features, figures, [(*pair, False) for pair in pairs])
    assert [[f.severity for f in found] for found in sure] == [[Severity.SOFT]] * 4
    assert _check_pairs(features, figures, [(*pair, True) for pair in pairs]) == [[]] * 4


def test_pairs_across_rows_are_checked_right_after_the_later_of_their_rows() -> None:
    # Rows 0, 1, 2 of sentences 0-7; their own pairs come first in the list, row by row
    # (at 0-2 row 0's, at 3 row 1's, at 4-6 row 2's), then pairs between any rows (7-10).
    clusters = [[0, 3, 5], [1, 4], [2, 6, 7]]
    between = [(5, 7), (0, 1), (3, 4), (1, 5)]  # rows 0 and 2, then three of rows 0 and 1
    rows = [row_pairs(members, [0] * 8, 0) for members in clusters]
    assert _row_order(clusters, rows, 8, between) == [0, 1, 2, 3, 8, 9, 10, 4, 5, 6, 7]
    assert _row_order(clusters, rows, 8, []) == list(range(7))


def test_groups_merge_across_conflicts_only_while_their_articles_stay_disjoint() -> None:
    # Sentences 0-4 of articles 0, 1, 1, 2, 0; groups {0}, {1}, {2, 3}, {4}. Merging {0} and
    # {1} makes a group of articles 0 and 1: it then meets {2, 3} in article 1 and {4} in
    # article 0, so neither joins it, though each was disjoint from {0} alone.
    article_of = np.array([0, 1, 1, 2, 0])
    found = [Conflict("x", "y", ConflictKind.NUMBER, "1 vs 2")]
    linked = [(0, 1, found), (0, 2, found), (4, 1, found), (3, 4, found)]
    conflicts, clusters = _conflicts([[0], [1], [2, 3], [4]], [], linked, article_of)
    assert clusters == [[0, 1], [2, 3, 4]]
    assert len(conflicts) == 4  # every linking conflict kept, merged or not


def test_pairs_inside_a_row_are_soft_only_when_they_score_under_the_sure_level() -> None:
    texts = ["29 people were killed in the attack.", "19 people were killed in the attack."]
    texts.append("Officials said 29 people were killed in the attack.")
    prose = [
        Sentence(f"a{k}s1", f"a{k}", 0, text, LineKind.PROSE, 0, len(text), 0)
        for k, text in enumerate(texts)
    ]
    features = [sentence_features(text) for text in texts]
    figures = ArticleFigures(features, [0, 1, 2])
    # 0-1 scores at the sure level, 1-2 just under it, 0-2 was never scored (0).
    similar = [{1: 80.0}, {0: 80.0, 2: 79.5}, {1: 79.5}]
    rows = [[(0, 1), (0, 2), (1, 2)]]
    inner, _, _ = _inner_checks(
        prose, features, figures, [[0, 1, 2]], rows, 1, [], [], similar, 80.0
    )
    severities = [[(c.a, c.b, c.severity) for c in found] for found in inner]
    assert severities == [
        [("a0s1", "a1s1", Severity.HARD)],
        [],  # 29 and 29: nothing to tell
        [("a1s1", "a2s1", Severity.SOFT)],
    ]


def test_every_pair_of_a_row_of_a_few_versions_is_checked() -> None:
    members = list(range(PAIRWISE_VERSIONS))
    pairs = row_pairs(members, members, pivot=3)
    assert len(pairs) == PAIRWISE_VERSIONS * (PAIRWISE_VERSIONS - 1) // 2
    assert all(i < j for i, j in pairs)


def test_a_large_row_checks_each_version_against_the_pivots_version_or_the_first() -> None:
    # Sentence k of article k + 1: the pivot (article 5) tells sentence 4.
    members = list(range(PAIRWISE_VERSIONS + 1))
    article_of = [k + 1 for k in members]
    with_pivot = row_pairs(members, article_of, pivot=5)
    assert with_pivot == [(k, 4) if k < 4 else (4, k) for k in members if k != 4]
    # A row the pivot does not tell: its first version is the reference.
    assert row_pairs(members, article_of, pivot=0) == [(0, k) for k in members[1:]]
