"""Scored candidate pairs -> n-way groups (one sentence per article at most) -> display order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# A merge must keep the clusters coherent, not just joined through their best pair: the
# mean similarity of all cross pairs may fall at most MEAN_SLACK below the threshold, and
# no cross pair more than WORST_SLACK below it.
MEAN_SLACK = 4.0
WORST_SLACK = 15.0


@dataclass(frozen=True, slots=True)
class ScoredPairs:
    """Candidate pairs (indices into the prose sentence list) with their similarity."""

    left: np.ndarray
    right: np.ndarray
    scores: np.ndarray


def group_sentences(
    article_of: Sequence[int],
    pairs: ScoredPairs,
    *,
    threshold: float,
    score_of: Callable[[int, int], float],
) -> list[list[int]]:
    """Cluster sentences into groups holding at most one sentence per article.

    Pairs at or above ``threshold`` are merged best first (ties by index, so the result is
    deterministic). Two clusters merge only when their articles are disjoint and their mean
    cross similarity stays near the threshold (``MEAN_SLACK``, ``WORST_SLACK``); this stops chains
    A~B~C from joining A and C when they have nothing in common. ``score_of`` gives the
    similarity of pairs the candidate step did not score.
    Returns every sentence index exactly once, each group sorted by index.
    """
    n = len(article_of)
    known: dict[tuple[int, int], float] = {}
    above = pairs.scores >= threshold
    order = np.lexsort((pairs.right[above], pairs.left[above], -pairs.scores[above]))
    left, right, scores = pairs.left[above][order], pairs.right[above][order], pairs.scores[above]
    scores = scores[order]
    for i, j, s in zip(
        pairs.left.tolist(), pairs.right.tolist(), pairs.scores.tolist(), strict=True
    ):
        known[(i, j)] = s

    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[int]] = {i: {article_of[i]} for i in range(n)}

    def similarity(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in known:
            known[key] = score_of(*key)
        return known[key]

    for i, j, _score in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or articles[ci] & articles[cj]:
            continue
        if len(members[ci]) + len(members[cj]) > 2:
            cross = [similarity(a, b) for a in members[ci] for b in members[cj]]
            if sum(cross) / len(cross) < threshold - MEAN_SLACK or min(cross) < (
                threshold - WORST_SLACK
            ):
                continue
        keep, gone = (ci, cj) if ci < cj else (cj, ci)
        for member in members[gone]:
            cluster_of[member] = keep
        members[keep].extend(members.pop(gone))
        articles[keep] |= articles.pop(gone)
    return [sorted(group) for _, group in sorted(members.items())]


def group_score(group: Sequence[int], score_of: Callable[[int, int], float]) -> float:
    """The weakest pairwise similarity inside a group (100 for a single sentence)."""
    if len(group) < 2:
        return 100.0
    return min(score_of(a, b) for k, a in enumerate(group) for b in group[k + 1 :])


def display_order(
    groups: Sequence[Sequence[int]],
    article_of: Sequence[int],
    position_of: Sequence[int],
    *,
    pivot: int,
) -> list[int]:
    """Order groups for reading: the pivot article's order, with other articles' sentences
    that the pivot lacks placed right after their nearest preceding matched neighbour.

    ``position_of[i]`` is sentence i's index within its article. Returns group indices.
    """
    group_of = {member: g for g, group in enumerate(groups) for member in group}
    pivot_position: dict[int, int] = {}
    for g, group in enumerate(groups):
        for member in group:
            if article_of[member] == pivot:
                pivot_position[g] = position_of[member]
    # For every article, its sentences in order, to find each one's preceding anchor.
    by_article: dict[int, list[int]] = {}
    for member in sorted(range(len(article_of)), key=lambda i: (article_of[i], position_of[i])):
        by_article.setdefault(article_of[member], []).append(member)
    anchor_of: dict[int, int] = {}
    for sentences in by_article.values():
        anchor = -1
        for member in sentences:
            g = group_of[member]
            if g in pivot_position:
                anchor = pivot_position[g]
            anchor_of[member] = anchor

    def key(g: int) -> tuple[int, int, int, int]:
        if g in pivot_position:
            return (pivot_position[g], 0, 0, 0)
        first = min(groups[g], key=lambda i: (article_of[i], position_of[i]))
        return (anchor_of[first], 1, article_of[first], position_of[first])

    return sorted(range(len(groups)), key=key)
