"""What a set of groups says about each source: per-source counts and the similarity matrix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from aligner.result.model import (
    Article,
    Conflict,
    Group,
    Label,
    Severity,
    SourceStats,
    sentence_labels,
)


def similarity_matrix(
    articles: Sequence[Article], groups: Sequence[Group]
) -> dict[str, dict[str, float]]:
    """Share of A's prose sentences that have a counterpart from B in their group (sparse: a
    pair of sources that share nothing is left out, read it as 0)."""
    position = {a.id: k for k, a in enumerate(articles)}
    article_at = {s.id: position[a.id] for a in articles for s in a.sentences}
    return similarity_of_rows(articles, ([article_at[m] for m in g.members] for g in groups))


def similarity_of_rows(
    articles: Sequence[Article], rows: Iterable[Sequence[int]]
) -> dict[str, dict[str, float]]:
    """``similarity_matrix`` of groups given as their members' articles (positions in
    ``articles``): all it reads of them, known before the groups are made."""
    # Articles by position: rows and columns come out in article order without sorting by
    # a lookup per entry (a dense articles x articles table would be as large as its square).
    # Counted by Counter.update, which counts a whole group in one call; each row also
    # counts its own article once per group, which the diagonal below replaces.
    together: list[Counter[int]] = [Counter() for _ in articles]
    for sources in rows:
        present = set(sources)
        if len(present) < 2:
            continue
        for a in present:
            together[a].update(present)
    ids = [a.id for a in articles]
    matrix: dict[str, dict[str, float]] = {}
    for k, article in enumerate(articles):
        counts = together[k]
        counts.pop(k, None)
        # round() to digits costs several times a lookup, and a row has few distinct counts.
        share_of = {n: round(n / len(article.prose), 4) for n in set(counts.values())}
        # The diagonal, 1.0 by definition: the only count of 0 (every other one is 1 or more).
        counts[k], share_of[0] = 0, 1.0
        matrix[article.id] = {ids[b]: share_of[counts[b]] for b in sorted(counts)}
    return matrix


def source_stats(
    articles: Sequence[Article], groups: Sequence[Group], conflicts: Sequence[Conflict] = ()
) -> tuple[SourceStats, ...]:
    """Prose, shared, unique, contradicting and non-prose counts per article; a sentence any
    of ``conflicts`` touches counts as contradicting (see ``sentence_labels``)."""
    label_of = sentence_labels(groups, conflicts)
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


def conflict_counts(conflicts: Sequence[Conflict]) -> tuple[int, int, int]:
    """(hard, soft, spellings): the conflicts disputing the facts by severity, and the
    distinct names spelled two ways (``Conflict.disputes``), as the Markdown export and the
    reader's sources overview count them."""
    disputes = [c for c in conflicts if c.disputes]
    soft = sum(c.severity is Severity.SOFT for c in disputes)
    spellings = len({c.detail for c in conflicts if not c.disputes})
    return len(disputes) - soft, soft, spellings
