"""Which sentence pairs get a counterpart score (every pair of a small folder, candidate
pairs of a large one) and their scores."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import partial

import numpy as np

from aligner.calibration import MUTUAL_LINK_MARGIN, RELATED_MARGIN, SURE_ROW_SCORE, WORST_SLACK
from aligner.match.align import ScoredPairs, best_in_group
from aligner.match.candidates import (
    CandidateIndex,
    Candidates,
    candidate_index,
    index_candidates,
)
from aligner.match.counterparts import CounterpartScorer
from aligner.result.model import CompareOptions
from aligner.runtime.cancel import checkpoint
from aligner.runtime.parallel import can_fork, split_map
from aligner.text.features import SentenceFeatures


def scored_pairs(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    position_of: np.ndarray,
    *,
    floor: float,
    workers: int = 1,
) -> tuple[ScoredPairs, CounterpartScorer, tuple[str, ...]]:
    """The pairs worth scoring with their counterpart scores, the folder's scorer, and what
    was left out to stay within the candidate budget (see ``_candidate_notices``).

    A folder of the size people compare (up to ``ALL_PAIRS_LIMIT`` cross-article pairs,
    about 600 sentences) has every pair scored: a fact retold in other words shares few
    words, and the inverted index, which needs a fifth of the shorter sentence's weighted
    concepts in common (``CANDIDATE_OVERLAP``), still misses some such counterparts. Larger
    folders get candidate pairs from the index (aligner/match/candidates.py). Only
    candidates scoring at least ``floor`` are kept: a large folder can propose millions
    of pairs, few of which matter. ``workers`` > 1 lets that many forked processes find
    and score the candidates of a large folder (see ``_scored_in_parallel``).
    """
    if _cross_pairs(article_of) <= ALL_PAIRS_LIMIT:
        left, right = _all_cross_pairs(article_of)
        scorer = CounterpartScorer(features, article_of.tolist(), position_of.tolist())
        return ScoredPairs(left, right, scorer.scores(left, right)), scorer, ()
    scorer = CounterpartScorer(features, article_of.tolist(), position_of.tolist())
    checkpoint()
    index = candidate_index(features, article_of, concepts=scorer.concepts)
    # Where nothing can fork, one process would walk the blocks with half the budget.
    if workers > 1 and can_fork() and sum(index.emits) >= PARALLEL_MIN_EMITS:
        scored = _scored_in_parallel(scorer, index, floor, workers)
        if scored is not None:
            return scored, scorer, ()
    candidates = index_candidates(index)
    scored = _scored_at_least(scorer, candidates, floor)
    return scored, scorer, _candidate_notices(candidates)


# Pairs the candidate index emits below which one process finds and scores them: about a
# tenth of a second of work, of which a fork would save less than it costs.
PARALLEL_MIN_EMITS = 1_000_000


def _scored_in_parallel(
    scorer: CounterpartScorer, index: CandidateIndex, floor: float, workers: int
) -> ScoredPairs | None:
    """What ``_scored_at_least`` keeps of ``index_candidates(index)``, the index's blocks
    found and scored by up to ``workers`` processes; None when the folder may need more
    pairs than its budget allows (the caller then finds them in one process).

    Each block's pairs and each pair's score depend on that block and pair alone, so the
    blocks' results joined in order are the serial ones, to the bit. The serial budget cuts
    only a folder of more than ``max_pairs`` pairs: a process stops (its slice answers None)
    once its own blocks hold more than its share of the budget, so the pairs of a folder
    done in parallel were never cut, and no notice is due.
    """
    share = index.max_pairs // workers
    work = partial(_scored_blocks, scorer, index, floor, share)
    # What a child sends back (the pairs kept, 20 bytes each) is small beside scoring them.
    found = split_map(work, index.blocks, weights=index.emits, workers=workers, send_cost=0.02)
    if any(block is None for block in found):
        return None
    kept = [block for block in found if block is not None and len(block.left)]
    if not kept:
        return _no_pairs()
    return ScoredPairs(
        np.concatenate([block.left for block in kept]),
        np.concatenate([block.right for block in kept]),
        np.concatenate([block.scores for block in kept]),
    )


def _scored_blocks(
    scorer: CounterpartScorer,
    index: CandidateIndex,
    floor: float,
    share: int,
    blocks: Sequence[tuple[int, int]],
) -> list[ScoredPairs | None]:
    """Per block of ``index``, its pairs scoring at least ``floor``; all None once the
    blocks hold more than ``share`` pairs."""
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None] = []
    held = 0
    for lo, hi in blocks:
        checkpoint()
        overlapping = index.overlapping(lo, hi)
        if overlapping is None:
            found.append(None)
            continue
        left, right, _, shared = overlapping
        held += len(left)
        if held > share:
            return [None] * len(blocks)
        # int64, as the budget hands on the serial pairs.
        found.append((left.astype(np.int64), right.astype(np.int64), shared))
    scored: list[ScoredPairs | None] = []
    for pairs in found:
        if pairs is None:
            scored.append(_no_pairs())
            continue
        left, right, shared = pairs
        # One thread: every core already has a process scoring.
        scores = scorer.scores(
            left, right, workers=1, shared=index.with_beyond(left, right, shared)
        )
        useful = scores >= floor
        scored.append(ScoredPairs(left[useful], right[useful], scores[useful]))
    return scored


def useful_score(settings: CompareOptions) -> float:
    """The lowest score that can change a comparison at ``settings.threshold``: a pair under
    it neither passes a merge check (``WORST_SLACK``), nor is related (``RELATED_MARGIN``)
    or a mutual link (``MUTUAL_LINK_MARGIN``); it counts as unscored (0), as it would then."""
    return settings.threshold - max(WORST_SLACK, RELATED_MARGIN, MUTUAL_LINK_MARGIN)


# Candidate pairs scored per step: bounds the memory of scoring (about 500 bytes a pair)
# whatever the number of candidates.
_SCORE_CHUNK = 500_000


def _scored_at_least(
    scorer: CounterpartScorer, candidates: Candidates, floor: float
) -> ScoredPairs:
    """The candidates scoring at least ``floor``, in order, scored a chunk at a time."""
    chunks = [
        (lo, min(lo + _SCORE_CHUNK, len(candidates.left)))
        for lo in range(0, len(candidates.left), _SCORE_CHUNK)
    ]
    kept = _score_chunks(scorer, candidates, floor, chunks)
    if not kept:
        return _no_pairs()
    left, right, scores = (np.concatenate(parts) for parts in zip(*kept, strict=True))
    return ScoredPairs(left, right, scores)


def _no_pairs() -> ScoredPairs:
    return ScoredPairs(
        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, np.float32)
    )


def _score_chunks(
    scorer: CounterpartScorer,
    candidates: Candidates,
    floor: float,
    chunks: Sequence[tuple[int, int]],
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per chunk ``lo:hi`` of the candidates, those scoring at least ``floor`` and their
    scores."""
    kept = []
    for lo, hi in chunks:
        checkpoint()
        left, right = candidates.left[lo:hi], candidates.right[lo:hi]
        scores = scorer.scores(left, right, shared=candidates.shared[lo:hi])
        useful = scores >= floor
        kept.append((left[useful], right[useful], scores[useful]))
    return kept


def _candidate_notices(candidates: Candidates) -> tuple[str, ...]:
    """What the comparison left out to stay within its time and memory budget."""
    if not candidates.cut:
        return ()
    share = f"{candidates.least_overlap:.0%}"
    return (
        f"too many sentences share words (a small vocabulary?): to stay within time and "
        f"memory, only {len(candidates.left):,} pairs sharing at least {share} of their "
        f"words (weighted by rarity) were compared",
    )


# Cross-article pairs up to which every pair is scored (168,000 pairs of 600 MSRP sentences
# scored in 0.25 s on 2 cores).
ALL_PAIRS_LIMIT = 150_000


def _cross_pairs(article_of: np.ndarray) -> int:
    n = len(article_of)
    sizes = np.bincount(article_of) if n else np.zeros(0, dtype=np.int64)
    return int((n * n - int((sizes.astype(np.int64) ** 2).sum())) // 2)


def _all_cross_pairs(article_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of sentences of different articles, ordered by (i, j)."""
    left, right = np.triu_indices(len(article_of), k=1)
    cross = article_of[left] != article_of[right]
    return left[cross].astype(np.int64), right[cross].astype(np.int64)


PARALLEL_MIN_SCORES = 2_000


def member_scores(
    scorer: CounterpartScorer,
    clusters: Sequence[Sequence[int]],
    similar: list[dict[int, float]],
) -> list[tuple[float, ...]]:
    """Per cluster, each member's best score with another member (``best_in_group``) as if
    every pair inside it were scored, in member order; ``(100.0,)`` for a single sentence.
    The pairs the candidate step never proposed (a large folder's members joined through a
    third sentence or by a conflict between facts) are measured, not taken for 0 (those
    measured are written into ``similar``). Their lowest is the cluster's ``group_score``.

    Only the pairs that can decide what a reader sees are measured: the group's score (its
    weakest member's best) and which members score under ``SURE_ROW_SCORE`` (the reader
    marks those "≈"). A member whose best among the pairs scored so far is as high as both
    cannot change either, whatever its other pairs score: it keeps that best, a lower bound
    (exact in a folder small enough to have every pair scored). So each round settles
    (scores every pair of) the member of lowest known best of every unsettled group, all in
    one batch, until no member left is under either: a group of 235 members, 27,000 pairs,
    usually needs a few members' 234.
    """
    bests: list[dict[int, float]] = [{c[0]: 100.0} if len(c) == 1 else {} for c in clusters]
    group_sets = {k: set(members) for k, members in enumerate(clusters) if len(members) > 1}
    # Per group still open, the known best of each member not settled yet.
    known = {
        k: {a: best_in_group(a, members, similar, group_sets[k]) for a in members}
        for k, members in enumerate(clusters)
        if len(members) > 1
    }
    weakest = dict.fromkeys(known, math.inf)  # the lowest true best of the settled members
    while known:
        checkpoint()
        settling: dict[int, int] = {}
        for k, open_bests in list(known.items()):
            lowest = min(open_bests, key=open_bests.__getitem__) if open_bests else None
            if lowest is None or open_bests[lowest] >= max(weakest[k], SURE_ROW_SCORE):
                bests[k].update(open_bests)  # no member left can change what is shown
                del known[k]
            else:
                settling[k] = lowest
                del open_bests[lowest]
        _score_missing(scorer, clusters, settling, similar)
        for k, a in settling.items():
            bests[k][a] = best_in_group(a, clusters[k], similar, group_sets[k])
            weakest[k] = min(weakest[k], bests[k][a])
            row, open_bests = similar[a], known[k]
            for b in open_bests:
                open_bests[b] = max(open_bests[b], row.get(b, 0.0))
    return [tuple(bests[k][a] for a in members) for k, members in enumerate(clusters)]


def _score_missing(
    scorer: CounterpartScorer,
    clusters: Sequence[Sequence[int]],
    settling: Mapping[int, int],
    similar: list[dict[int, float]],
) -> None:
    """Score, into ``similar``, every unscored pair of each settling member (``settling``:
    cluster number -> member) with the other members of its cluster."""
    # Each pair in (lower, higher) order, as a folder's pairs are scored everywhere else.
    missing = [
        (min(a, b), max(a, b))
        for k, a in settling.items()
        for b in clusters[k]
        if b != a and b not in similar[a]
    ]
    if not missing:
        return
    left = np.array([a for a, _ in missing], dtype=np.int64)
    right = np.array([b for _, b in missing], dtype=np.int64)
    # Usually a few pairs, for which threads would cost more than they save; chained groups
    # of a large folder can hold tens of thousands.
    workers = 1 if len(missing) < PARALLEL_MIN_SCORES else -1
    scores = scorer.scores(left, right, workers=workers)
    for (a, b), score in zip(missing, scores.tolist(), strict=True):
        similar[a][b] = similar[b][a] = score
