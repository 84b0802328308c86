"""Split articles -> aligned, classified groups -> one Comparison: the stages of ``compare``
after the splitting (aligner/pipeline.py), in a module of their own so that a large
comparison imports them while a child process splits sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import numpy as np

from aligner.conflicts.checks import group_label
from aligner.conflicts.passes import rows_and_conflicts
from aligner.load.limits import check_sentence_limit
from aligner.match.align import display_order
from aligner.match.counterparts import CounterpartScorer, prose_positions
from aligner.match.links import links_across_rows
from aligner.match.near import near_counterparts
from aligner.match.off_story import off_story_sources
from aligner.match.scoring import member_scores, scored_pairs, useful_score
from aligner.result.model import (
    Article,
    CompareOptions,
    Comparison,
    Conflict,
    Group,
    Sentence,
    SkippedFile,
)
from aligner.result.summary import similarity_of_rows, source_stats
from aligner.runtime.cancel import checkpoint
from aligner.runtime.parallel import Aside
from aligner.text.articles import analyse
from aligner.text.features import SentenceFeatures


def align_and_classify(
    articles: Sequence[Article],
    skipped: Sequence[SkippedFile],
    settings: CompareOptions,
    report: Callable[[str, float], None],
    workers: int,
    features: Sequence[SentenceFeatures] | None = None,
) -> Comparison:
    """``aligner.pipeline.compare_articles`` (without pausing the collector); ``features``
    of the prose sentences, when already analysed."""
    check_sentence_limit(sum(len(a.sentences) for a in articles), settings.max_sentences)
    prose = [s for article in articles for s in article.prose]
    report("analysing sentences", 0.35)
    if features is None:
        features = analyse([s.text for s in prose], workers=workers)
    index_of_article = {a.id: k for k, a in enumerate(articles)}
    article_of = np.array([index_of_article[s.article_id] for s in prose], dtype=np.int64)

    report("aligning", 0.5)
    position_of = prose_positions(article_of)
    pairs, scorer, notices = scored_pairs(
        features, article_of, position_of, floor=useful_score(settings), workers=workers
    )
    pivot = settings.pivot_among(len(articles))
    similar, clusters, conflicts = rows_and_conflicts(
        prose, features, pairs, article_of, settings, report, workers, pivot=pivot
    )

    # The rows' scores and how much the sources share need the final rows alone: a child
    # measures them in a large folder while this process orders the rows and finds their
    # links and near counterparts (msrp10k14: about 0.12 s of work in each process, and only
    # floats and shares to send back, not 30,000 links).
    article_list = article_of.tolist()
    beside = partial(_scores_and_similarity, articles, clusters, article_list, scorer, similar)
    wanted = workers > 1 and len(pairs.left) >= PARALLEL_MIN_LINK_PAIRS
    with Aside(beside, wanted=wanted) as measured:
        # Each of these steps takes up to a second on a large corpus: a checkpoint between them.
        checkpoint()
        order = display_order(clusters, article_list, [s.index for s in prose], pivot=pivot)
        checkpoint()
        links = links_across_rows(
            prose, features, scorer.concepts, clusters, pairs, article_of, settings
        )
        near = near_counterparts(prose, clusters, pairs, article_of, links, settings)
        checkpoint()
        report("summarising", 0.95)
        scores, similarity = measured.result()
        groups = _build_groups(prose, clusters, order, conflicts, scores)
        stats = source_stats(articles, groups, conflicts)
        off_story = off_story_sources(features, article_list, stats)
    result = Comparison(
        articles=tuple(articles),
        skipped=tuple(skipped),
        groups=tuple(groups),
        conflicts=tuple(conflicts),
        similarity=similarity,
        stats=stats,
        options=settings,
        links=links,
        near=near,
        limit_notices=notices,
        off_story=off_story,
    )
    report("done", 1.0)
    return result


# Scored pairs below which the scores and similarity are measured in this process: a fork
# would cost more than the 0.1 s they take at 44,000 pairs.
PARALLEL_MIN_LINK_PAIRS = 20_000


def _scores_and_similarity(
    articles: Sequence[Article],
    clusters: Sequence[Sequence[int]],
    article_of: Sequence[int],
    scorer: CounterpartScorer,
    similar: list[dict[int, float]],
) -> tuple[list[tuple[float, ...]], dict[str, dict[str, float]]]:
    """The rows' ``member_scores`` (which write the pairs they measure into ``similar``: read
    by nothing after them, so a child's copy may be left behind) and their
    ``similarity_of_rows`` (``article_of``: each prose sentence's article, by position)."""
    scores = member_scores(scorer, clusters, similar)
    sources = ([article_of[i] for i in members] for members in clusters)
    return scores, similarity_of_rows(articles, sources)


def _build_groups(
    prose: Sequence[Sentence],
    clusters: Sequence[Sequence[int]],
    order: Sequence[int],
    conflicts: Sequence[Conflict],
    scores: Sequence[Sequence[float]],
) -> list[Group]:
    """Groups in display order, numbered g1, g2, ..., labelled by size and inner disputes,
    each with its members' scores (``member_scores``) and the lowest of those."""
    cluster_of = {prose[i].id: k for k, members in enumerate(clusters) for i in members}
    conflicted = {
        cluster_of[c.a] for c in conflicts if c.disputes and cluster_of[c.a] == cluster_of[c.b]
    }
    rounded = [tuple(round(score, 2) for score in members) for members in scores]
    return [
        Group(
            id=f"g{number}",
            label=group_label(len(clusters[k]), k in conflicted),
            members=tuple(prose[i].id for i in clusters[k]),
            score=min(rounded[k]),
            member_scores=rounded[k],
        )
        for number, k in enumerate(order, start=1)
    ]
