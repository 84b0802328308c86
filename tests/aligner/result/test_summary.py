"""Per-source summaries: the similarity matrix against its definition, the per-source counts
and the rule that labels a sentence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.pipeline import compare
from aligner.result.model import (
    Article,
    Comparison,
    Conflict,
    ConflictKind,
    Group,
    Label,
    LineKind,
    Sentence,
    Severity,
    sentence_labels,
)
from aligner.result.summary import similarity_matrix, source_stats
from tests.conftest import build_article


def articles_of(sizes: list[tuple[int, int]]) -> list[Article]:
    """Articles with ``prose`` prose sentences and then ``other`` headings each."""
    built = []
    for k, (prose, other) in enumerate(sizes):
        aid = f"a{k + 1}"
        kinds = [LineKind.PROSE] * prose + [LineKind.HEADING] * other
        sentences = tuple(
            Sentence(f"{aid}s{n + 1}", aid, n, f"s{n}", kind, 0, 0, n)
            for n, kind in enumerate(kinds)
        )
        built.append(Article(aid, f"{aid}.txt", aid, aid, "", sentences))
    return built


def by_definition(articles: list[Article], groups: list[Group]) -> dict[str, dict[str, float]]:
    """Share of A's prose sentences with a counterpart from B in their group, pairs that
    share nothing left out, 1.0 on the diagonal; rows and columns in article order."""
    article_of = {s.id: a.id for a in articles for s in a.sentences}
    matrix = {}
    for a in articles:
        row = {}
        for b in articles:
            if a is b:
                row[b.id] = 1.0
                continue
            told = sum(
                any(article_of[m] == b.id for m in g.members)
                for s in a.prose
                for g in groups
                if s.id in g.members
            )
            if told:
                row[b.id] = round(told / len(a.prose), 4)
        matrix[a.id] = row
    return matrix


@st.composite
def comparisons(draw) -> tuple[list[Article], list[Group]]:
    sizes = draw(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 2)), max_size=6))
    articles = articles_of(sizes)
    # Rows hold one prose sentence per source at most, as the engine makes them.
    pending = {a.id: [s.id for s in a.prose] for a in articles}
    groups = []
    while any(pending.values()):
        sources = [aid for aid, left in pending.items() if left]
        chosen = draw(st.lists(st.sampled_from(sources), min_size=1, unique=True))
        members = tuple(pending[aid].pop(0) for aid in chosen)
        groups.append(Group(f"g{len(groups) + 1}", Label.SHARED, members, 50.0))
    return articles, groups


@settings(max_examples=200, deadline=None)
@given(comparisons())
def test_similarity_matrix_is_its_definition_in_article_order(comparison) -> None:
    articles, groups = comparison
    matrix = similarity_matrix(articles, groups)
    expected = by_definition(articles, groups)
    assert matrix == expected
    assert [list(row) for row in matrix.values()] == [list(row) for row in expected.values()]
    assert list(matrix) == list(expected)


def test_shares_are_rounded_per_row() -> None:
    articles = articles_of([(3, 0), (3, 1), (7, 0), (0, 2)])
    groups = [
        Group("g1", Label.SHARED, ("a1s1", "a2s1", "a3s1"), 80.0),
        Group("g2", Label.SHARED, ("a1s2", "a2s2"), 80.0),
        Group("g3", Label.SHARED, ("a3s2", "a2s3"), 80.0),
        *(Group(f"u{n}", Label.UNIQUE, (f"a3s{n}",), 100.0) for n in range(3, 8)),
        Group("u1", Label.UNIQUE, ("a1s3",), 100.0),
    ]
    assert similarity_matrix(articles, groups) == {
        "a1": {"a1": 1.0, "a2": 0.6667, "a3": 0.3333},
        "a2": {"a1": 0.6667, "a2": 1.0, "a3": 0.6667},
        "a3": {"a1": 0.1429, "a2": 0.2857, "a3": 1.0},
        "a4": {"a4": 1.0},
    }


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


def test_a_group_is_softly_contradicting_only_when_every_conflict_touching_it_is_soft() -> None:
    first = build_article(0, "a.txt", "A", "Wire", [(PROSE, "Nine died."), (PROSE, "Roads shut.")])
    second = build_article(1, "b.txt", "B", "Daily", [(PROSE, "Nine died."), (PROSE, "Ten died.")])
    groups = (
        Group("g1", Label.CONTRADICTING, ("a1s1", "a2s1"), 90.0),
        Group("g2", Label.UNIQUE, ("a1s2",), 100.0),
        Group("g3", Label.UNIQUE, ("a2s2",), 100.0),
    )
    inner = Conflict("a1s1", "a2s1", ConflictKind.ENTITY, "Nine vs Nine (spelling)", Severity.SOFT)
    across = Conflict("a1s1", "a2s2", ConflictKind.NUMBER, "Nine vs Ten (died)", Severity.HARD)
    comparison = Comparison(
        articles=(first, second),
        skipped=(),
        groups=groups,
        conflicts=(inner,),
        similarity={},
        stats=(),
    )
    assert comparison.softly_contradicting(groups[0])
    assert not comparison.softly_contradicting(groups[1])  # no conflict at all
    disputed = replace(comparison, conflicts=(inner, across))
    # The hard conflict with another row's sentence makes the group's dispute hard.
    assert not disputed.softly_contradicting(groups[0])
    assert not disputed.softly_contradicting(groups[2])


def test_conflict_counts_count_disputes_by_severity_and_each_spelling_once() -> None:
    from aligner.result.model import Conflict, ConflictKind, Severity
    from aligner.result.summary import conflict_counts

    spelled = "Angles vs Angeles (spelling of Los Angeles)"
    conflicts = [
        Conflict("a1s1", "a2s1", ConflictKind.NUMBER, "29 vs 19 (killed)"),
        Conflict("a1s2", "a2s2", ConflictKind.NUMBER, "at least 19 vs 29", Severity.SOFT),
        Conflict("a3s1", "a1s3", ConflictKind.SPELLING, spelled, Severity.SOFT),
        Conflict("a3s1", "a2s3", ConflictKind.SPELLING, spelled, Severity.SOFT),
    ]
    assert conflict_counts(conflicts) == (1, 1, 1)
    assert conflict_counts([]) == (0, 0, 0)
