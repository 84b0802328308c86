"""How the conflict passes put the checks' findings together."""

from __future__ import annotations

from aligner.conflicts.event_facts import Fact, FactConflict
from aligner.conflicts.pair_figures import ArticleFigures
from aligner.conflicts.passes import _check_pairs, _row_order, _unless_numbers_told
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


def test_pairs_across_rows_are_checked_right_after_the_later_of_their_rows() -> None:
    # Rows 0, 1, 2 of sentences 0-7; their own pairs come first in the list, row by row
    # (at 0-2 row 0's, at 3 row 1's, at 4-6 row 2's), then pairs between any rows (7-10).
    clusters = [[0, 3, 5], [1, 4], [2, 6, 7]]
    between = [(5, 7), (0, 1), (3, 4), (1, 5)]  # rows 0 and 2, then three of rows 0 and 1
    assert _row_order(clusters, 8, between) == [0, 1, 2, 3, 8, 9, 10, 4, 5, 6, 7]
    assert _row_order(clusters, 8, []) == list(range(7))
