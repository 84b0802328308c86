"""What a set of groups says about each source: per-source counts and the similarity matrix."""

from __future__ import annotations

from collections.abc import Sequence

from aligner.model import Article, Group, Label, SourceStats


def similarity_matrix(
    articles: Sequence[Article], groups: Sequence[Group]
) -> dict[str, dict[str, float]]:
    """Share of A's prose sentences that have a counterpart from B in their group (sparse: a
    pair of sources that share nothing is left out, read it as 0)."""
    article_of = {s.id: a.id for a in articles for s in a.sentences}
    order = {a.id: k for k, a in enumerate(articles)}
    together: dict[tuple[str, str], int] = {}
    for group in groups:
        present = {article_of[m] for m in group.members}
        for a in present:
            for b in present:
                if a != b:
                    together[(a, b)] = together.get((a, b), 0) + 1
    # Sparse: a pair of sources that share nothing is left out (read it as 0). A folder of
    # thousands of short files would otherwise cost a dense articles x articles table.
    prose_count = {a.id: len(a.prose) for a in articles}
    matrix: dict[str, dict[str, float]] = {a.id: {a.id: 1.0} for a in articles}
    for (a, b), count in sorted(together.items()):
        matrix[a][b] = round(count / prose_count[a], 4)
    return {
        a.id: dict(sorted(matrix[a.id].items(), key=lambda item: order[item[0]])) for a in articles
    }


def source_stats(articles: Sequence[Article], groups: Sequence[Group]) -> tuple[SourceStats, ...]:
    """Prose, shared, unique, contradicting and non-prose counts per article."""
    label_of = {m: g.label for g in groups for m in g.members}
    stats = []
    for a in articles:
        labels = [label_of[s.id] for s in a.prose]
        stats.append(
            SourceStats(
                article_id=a.id,
                prose=len(labels),
                shared=labels.count(Label.SHARED),
                unique=labels.count(Label.UNIQUE),
                contradicting=labels.count(Label.CONTRADICTING),
                non_prose=len(a.sentences) - len(labels),
            )
        )
    return tuple(stats)
