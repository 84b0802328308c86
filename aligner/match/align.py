"""Scored candidate pairs -> n-way groups (one sentence per article at most) -> display order."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Container, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import pairwise, repeat

import numpy as np

from aligner.calibration import MEAN_SLACK, WORST_SLACK
from aligner.runtime.cancel import checked, checkpoint


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
    similar: Sequence[Mapping[int, float]] | None = None,
    apart: Mapping[int, AbstractSet[int]] | None = None,
) -> list[list[int]]:
    """Cluster sentences into groups holding at most one sentence per article.

    Pairs at or above ``threshold`` are merged best first (ties by index, so the result is
    deterministic). Two clusters merge only when their articles are disjoint and their mean
    cross similarity stays near the threshold (``MEAN_SLACK``, ``WORST_SLACK``); this stops
    chains A~B~C from joining A and C when they have nothing in common. A pair missing from
    ``pairs`` has similarity 0. ``similar``: ``neighbours(len(article_of), pairs)``, when
    the caller has it already. ``apart``: per sentence, the sentences it may never share a
    group with, whatever their scores (``trust.thin_partners_apart``).
    Returns every sentence index exactly once, each group sorted by index.
    """
    n = len(article_of)
    above = np.flatnonzero(pairs.scores >= threshold)
    order = above[np.lexsort((pairs.right[above], pairs.left[above], -pairs.scores[above]))]
    similar = neighbours(n, pairs) if similar is None else similar

    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    articles: dict[int, set[int]] = {i: {article_of[i]} for i in range(n)}
    # Per cluster holding such a sentence, every sentence the cluster may not take in.
    barred: dict[int, set[int]] = {i: set(others) for i, others in (apart or {}).items()}
    # Clusters only grow, so a cluster id and its size name one membership: a check that
    # failed for two clusters fails again while neither has grown (many pairs link them).
    failed: set[tuple[int, int, int, int]] = set()

    merges = zip(pairs.left[order].tolist(), pairs.right[order].tolist(), strict=True)
    for i, j in checked(merges, every=1024):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or articles[ci] & articles[cj]:
            continue
        if _barred(barred, ci, cj, members):
            continue
        if len(members[ci]) + len(members[cj]) > 2:
            state = (ci, cj, len(members[ci]), len(members[cj]))
            if state in failed:
                continue
            cross = _cross_scores(members[ci], members[cj], similar, threshold - WORST_SLACK)
            if cross is None or sum(cross) / len(cross) < threshold - MEAN_SLACK:
                failed.add(state)
                continue
        keep, gone = (ci, cj) if ci < cj else (cj, ci)
        for member in members[gone]:
            cluster_of[member] = keep
        members[keep].extend(members.pop(gone))
        articles[keep] |= articles.pop(gone)
        if gone in barred:
            barred.setdefault(keep, set()).update(barred.pop(gone))
    return [sorted(group) for _, group in sorted(members.items())]


def _barred(
    barred: Mapping[int, AbstractSet[int]], ci: int, cj: int, members: Mapping[int, list[int]]
) -> bool:
    """Whether cluster ``ci`` or ``cj`` holds a sentence barred from the other's members."""
    return (ci in barred and not barred[ci].isdisjoint(members[cj])) or (
        cj in barred and not barred[cj].isdisjoint(members[ci])
    )


def _cross_scores(
    ours: Sequence[int], theirs: Sequence[int], similar: Sequence[Mapping[int, float]], worst: float
) -> list[float] | None:
    """Every score between ``ours`` and ``theirs`` (0 for a pair not scored), ours-major, or
    None as soon as one is under ``worst``.

    Most checks of a large folder's chained groups fail on an unscored pair (0), often in
    the first rows: stopping there spares reading the rest of hundreds of members' rows.
    The list is built in the same order either way, so its sum is the same float."""
    cross: list[float] = []
    for a in ours:
        row = list(map(similar[a].get, theirs, repeat(0.0)))
        if min(row) < worst:
            return None
        cross += row
    return cross


def neighbours(n: int, pairs: ScoredPairs) -> list[dict[int, float]]:
    """Per sentence, the similarity of each sentence it is paired with (both directions).

    Merge checks look up millions of pairs on large corpora: a row per sentence spares
    building a key per lookup.
    """
    similar: list[dict[int, float]] = [{} for _ in range(n)]
    # In steps, each a checkpoint: ten million pairs take seconds, as plain lists as well.
    for lo in range(0, len(pairs.scores), _NEIGHBOUR_STEP):
        checkpoint()
        hi = lo + _NEIGHBOUR_STEP
        left, right = pairs.left[lo:hi].tolist(), pairs.right[lo:hi].tolist()
        for i, j, score in zip(left, right, pairs.scores[lo:hi].tolist(), strict=True):
            similar[i][j] = similar[j][i] = score
    return similar


_NEIGHBOUR_STEP = 65_536


def group_score(group: Sequence[int], similar: Sequence[Mapping[int, float]]) -> float:
    """How firmly a group's weakest member is held: each member's best score with another
    member, and the lowest of those (100 for a single sentence). ``similar``: the rows of
    ``neighbours``; a pair missing from them scores 0.

    Every member joined through a pair at or above the threshold, so a group formed by
    scores never shows less than its threshold, while the weakest pair of a group of three
    or more can (two versions that each match a third one closely).
    """
    if len(group) < 2:
        return 100.0
    return min(best_in_group(a, group, similar) for a in group)


def best_in_group(
    member: int,
    group: Sequence[int],
    similar: Sequence[Mapping[int, float]],
    members: Container[int] | None = None,
) -> float:
    """``member``'s best score with another member of ``group`` (0 when none is scored);
    ``members``: the group as a set, when the caller has one."""
    row = similar[member]
    if members is not None and len(row) < len(group):
        # A large folder's chained groups hold hundreds of members, a row a few dozen
        # scores: the scored members are found through the row. Members not in it score
        # 0, under or equal to every score (0-100), so they cannot change the best.
        return max((score for b, score in row.items() if b in members), default=0.0)
    # map() over the member's row.
    others = [b for b in group if b != member]
    return max(map(row.get, others, repeat(0.0)), default=0.0)


def display_order(
    groups: Sequence[Sequence[int]],
    article_of: Sequence[int],
    position_of: Sequence[int],
    *,
    pivot: int,
) -> list[int]:
    """Order groups for reading: the pivot article's order, with the sentences the pivot
    lacks placed right after their nearest preceding matched neighbour (or, when nothing
    before them is matched, right before the nearest following one).

    Groups are placed through any article, not only the pivot: a sentence shared by two
    other sources lands where those sources put it relative to what the pivot also says.
    ``position_of[i]`` is sentence i's index within its article. Returns group indices.
    """
    group_of = {member: g for g, group in enumerate(groups) for member in group}
    by_article: dict[int, list[int]] = {}
    for member in sorted(range(len(article_of)), key=lambda i: (article_of[i], position_of[i])):
        by_article.setdefault(article_of[member], []).append(member)
    place: dict[int, float] = {
        group_of[m]: float(rank) for rank, m in enumerate(by_article.get(pivot, []))
    }
    taken = sorted(place.values())
    # Each pass places the unplaced groups of every article that has placed groups; a group
    # placed in one pass can anchor another article's sentences in the next.
    for _ in range(len(by_article)):
        placed_before = len(place)
        for sentences in by_article.values():
            _place_between_anchors([group_of[m] for m in sentences], place, taken)
        if len(place) == placed_before:
            break
    last = max(place.values(), default=0.0)
    first_member = {
        g: min(group, key=lambda i: (article_of[i], position_of[i]))
        for g, group in enumerate(groups)
    }

    def key(g: int) -> tuple[float, int, int]:
        first = first_member[g]
        return (place.get(g, last + 1.0), article_of[first], position_of[first])

    return sorted(range(len(groups)), key=key)


def _place_between_anchors(
    sequence: list[int], place: dict[int, float], taken: list[float]
) -> None:
    """Give the unplaced groups of one article's sentence sequence positions between the
    placed groups around them (after the last one, before the first one).

    A run goes after whatever is already placed between the same anchors (``taken``: every
    place so far, sorted), so two sources' unmatched runs read as two blocks rather than
    interleaved sentence by sentence, which would suggest counterparts that are not there.
    """
    anchors = [k for k, g in enumerate(sequence) if g in place]
    if not anchors:
        return
    bounds = [-1, *anchors, len(sequence)]
    for start, stop in pairwise(bounds):
        gap = [g for g in sequence[start + 1 : stop] if g not in place]
        if not gap:
            continue
        low = place[sequence[start]] if start >= 0 else place[sequence[stop]] - 1.0
        high = place[sequence[stop]] if stop < len(sequence) else math.floor(low) + 1.0
        if high <= low:  # reordered relative to the pivot: stay right after the predecessor
            high = math.floor(low) + 1.0
        inside = bisect_left(taken, high)
        if inside > bisect_right(taken, low):
            low = taken[inside - 1]
        for k, g in enumerate(gap, start=1):
            place[g] = low + (high - low) * k / (len(gap) + 1)
            insort(taken, place[g])
