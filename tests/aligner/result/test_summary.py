"""Per-source counts (aligner/result/summary.py) and the rule that labels a sentence."""

from __future__ import annotations

from pathlib import Path

from aligner.pipeline import compare
from aligner.result.model import (
    Conflict,
    ConflictKind,
    Group,
    Label,
    LineKind,
    Severity,
    sentence_labels,
)
from aligner.result.summary import source_stats
from tests.conftest import build_article

PROSE = LineKind.PROSE


def test_a_sentence_in_a_conflict_with_another_group_counts_as_contradicting() -> None:
    first = build_article(0, "a.txt", "A", "Wire", [(PROSE, "Nine died."), (PROSE, "Roads shut.")])
    second = build_article(
        1, "b.txt", "B", "Daily", [(PROSE, "Roads were shut."), (PROSE, "Ten people died.")]
    )
    groups = (
        Group("g1", Label.UNIQUE, ("a1s1",), 100.0),
        Group("g2", Label.SHARED, ("a1s2", "a2s1"), 90.0),
        Group("g3", Label.UNIQUE, ("a2s2",), 100.0),
    )
    across = Conflict("a1s1", "a2s2", ConflictKind.NUMBER, "Nine vs Ten (died)", Severity.HARD)

    assert sentence_labels(groups, ()) == {
        "a1s1": Label.UNIQUE,
        "a1s2": Label.SHARED,
        "a2s1": Label.SHARED,
        "a2s2": Label.UNIQUE,
    }
    labels = sentence_labels(groups, (across,))
    assert labels["a1s1"] is Label.CONTRADICTING and labels["a2s2"] is Label.CONTRADICTING
    assert labels["a1s2"] is Label.SHARED

    stats = source_stats((first, second), groups, (across,))
    assert [(s.shared, s.unique, s.contradicting) for s in stats] == [(1, 0, 1), (1, 0, 1)]
    assert all(s.shared + s.unique + s.contradicting == s.prose for s in stats)


def test_a_real_comparison_counts_every_conflicted_sentence_once(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(
        "The storm killed 29 people on Tuesday. Officials opened three shelters.\n",
        encoding="utf-8",
    )
    (tmp_path / "daily.txt").write_text(
        "The storm killed 19 people on Tuesday. Schools will stay closed.\n", encoding="utf-8"
    )
    comparison = compare([tmp_path])
    assert comparison.conflicts, "the two tolls must conflict"
    disputed = {side for c in comparison.conflicts for side in (c.a, c.b)}
    for article, stats in zip(comparison.articles, comparison.stats, strict=True):
        prose = {s.id for s in article.prose}
        assert stats.contradicting == len(prose & disputed)
        assert stats.shared + stats.unique + stats.contradicting == stats.prose
