"""Candidate pairs for alignment from an inverted index over idf-weighted concepts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from aligner.calibration import CANDIDATE_OVERLAP
from aligner.match.counterparts import (
    WeightedTerms,
    concept_terms,
    idf_weights,
    only_terms,
    shared_weights,
)
from aligner.runtime.cancel import checkpoint
from aligner.text.features import SentenceFeatures


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs ordered by (left, right), the weight of the concepts each shares, and
    the least overlap a pair needed: above ``min_overlap`` when the pairs had to be cut to
    ``max_pairs`` (``cut`` is then true)."""

    left: np.ndarray  # int64
    right: np.ndarray  # int64
    least_overlap: float
    cut: bool
    # float64: the summed weight of the concepts each pair shares, every concept counted
    # (also those over the cap): what the counterpart scorer's coverages divide.
    shared: np.ndarray


def candidate_pairs(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    *,
    max_postings: int | None = None,
    min_overlap: float = CANDIDATE_OVERLAP,
    max_pairs: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) of ``budgeted_candidates``."""
    found = budgeted_candidates(
        features,
        article_of,
        max_postings=max_postings,
        min_overlap=min_overlap,
        max_pairs=max_pairs,
    )
    return found.left, found.right


def budgeted_candidates(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    *,
    max_postings: int | None = None,
    min_overlap: float = CANDIDATE_OVERLAP,
    max_pairs: int | None = None,
    concepts: WeightedTerms | None = None,
) -> Candidates:
    """Pairs (i < j) of sentences from different articles that share enough content.

    Sentences are indexed by concept (content stems, synonyms merged), each concept weighted
    by its idf in the folder, as the counterpart scorer weighs it. Every concept seen in at
    most ``max_postings`` sentences emits the pairs of its posting list; summing the
    emissions' weights gives each pair's shared weight, and pairs whose shared weight covers
    less than ``min_overlap`` of the *lighter* sentence's countable weight (concepts within
    the cap) are dropped: the scorer too rates a fact told inside a longer sentence by how
    much of the shorter one the other holds. Concepts more common than the cap say little
    about which sentences match, and would make the work quadratic again. bench/scale.py
    measures the recall against brute force (README, "Candidate recall").

    At most ``max_pairs`` pairs are kept (default: ``default_max_pairs``):
    text over a small vocabulary (800 words, 34k sentences) passes the overlap test for
    hundreds of pairs per sentence, each of which costs time and memory to score. Past the
    budget, the pairs with the most overlap are kept (see ``_PairBudget``).
    """
    index = candidate_index(
        features,
        article_of,
        max_postings=max_postings,
        min_overlap=min_overlap,
        max_pairs=max_pairs,
        concepts=concepts,
    )
    return index_candidates(index)


def index_candidates(index: CandidateIndex) -> Candidates:
    """The pairs of every block of ``index``, cut to its ``max_pairs`` (``_PairBudget``)."""
    budget = _PairBudget(index.max_pairs)
    for lo, hi in index.blocks:
        checkpoint()
        found = index.overlapping(lo, hi)
        if found is not None:
            budget.add(*found)
    left, right, shared, least_level = budget.result()
    least = max(index.min_overlap, least_level / _OVERLAP_LEVELS)
    return Candidates(
        left, right, least, cut=budget.cut, shared=index.with_beyond(left, right, shared)
    )


@dataclass(frozen=True, slots=True)
class CandidateIndex:
    """The inverted index of ``budgeted_candidates``, ready to be walked a block of left
    sentences at a time: each block's pairs depend on that block alone, so forked
    processes can walk different blocks (aligner/match/scoring.py)."""

    postings: _PostingIndex
    articles: np.ndarray  # int32: each sentence's article
    totals: np.ndarray  # float64: each sentence's countable weight (``_countable_totals``)
    beyond: WeightedTerms  # the concepts over the cap
    min_overlap: float
    max_pairs: int
    blocks: list[tuple[int, int]]  # entry ranges of the posting index, in sentence order
    emits: list[int]  # how many pairs each block emits

    def overlapping(
        self, lo: int, hi: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """(left, right, overlap, shared weight) of the pairs of the block ``lo:hi`` that
        share at least ``min_overlap`` of the lighter sentence's weight, in (left, right)
        order; None when the block emits no pair."""
        counted = self.postings.counted(lo, hi, self.articles)
        if counted is None:
            return None
        left, right, shared = counted
        overlap = shared / np.minimum(self.totals[left], self.totals[right])
        keep = overlap >= self.min_overlap
        return left[keep], right[keep], overlap[keep], shared[keep]

    def with_beyond(self, left: np.ndarray, right: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """``shared`` (the weight the index summed for each pair) plus that of the concepts
        over the cap, so that the scorer need not sum again."""
        # The index summed the concepts within the cap; the few over it (2 concepts of
        # msrp10k14) are added for the kept pairs. The same weights added in another order
        # may differ in the last bit, as the scorer's own sums already do from run to run
        # (concepts are numbered in set order); the scores of msrp10k14 and msrp10k came
        # out the same to the bit.
        shared += shared_weights(self.beyond, left, right)
        return shared


def candidate_index(
    features: Sequence[SentenceFeatures],
    article_of: np.ndarray,
    *,
    max_postings: int | None = None,
    min_overlap: float = CANDIDATE_OVERLAP,
    max_pairs: int | None = None,
    concepts: WeightedTerms | None = None,
) -> CandidateIndex:
    """The index ``budgeted_candidates`` walks (its arguments are the same)."""
    n = len(features)
    # The counterpart scorer's concept table when the caller has it (the same concepts,
    # numbered once): reading every sentence's stems again took a third of this step.
    concepts = concept_terms(features) if concepts is None else concepts
    frequency = np.bincount(concepts.terms, minlength=concepts.base)
    if max_postings is None:
        max_postings = default_max_postings(n, frequency[frequency > 0].tolist())
    # Each concept weighs what it weighs in the counterpart scorer (its idf in the folder):
    # a shared folder-rare term says far more than a shared common one.
    weights = idf_weights(n, frequency)
    sentence = np.repeat(np.arange(n, dtype=np.int64), np.diff(concepts.starts))
    entry_frequency = frequency[concepts.terms]
    totals = _countable_totals(
        sentence, weights[concepts.terms], entry_frequency <= max_postings, n
    )
    kept = np.flatnonzero((entry_frequency >= 2) & (entry_frequency <= max_postings))
    # Stable: each concept's sentences stay ascending, as a posting list holds them.
    by_concept = kept[np.argsort(concepts.terms[kept], kind="stable")]
    listed, lengths = np.unique(concepts.terms[by_concept], return_counts=True)
    articles = np.asarray(article_of)
    postings = _PostingIndex.build(sentence[by_concept], lengths, weights[listed], articles)
    blocks = list(postings.blocks())
    return CandidateIndex(
        postings=postings,
        articles=articles.astype(np.int32, copy=False),
        totals=totals,
        beyond=only_terms(concepts, entry_frequency > max_postings),
        min_overlap=min_overlap,
        max_pairs=default_max_pairs(n) if max_pairs is None else max_pairs,
        blocks=blocks,
        emits=[int(postings.emits[lo:hi].sum()) for lo, hi in blocks],
    )


def _countable_totals(
    sentence: np.ndarray, weight: np.ndarray, countable: np.ndarray, n: int
) -> np.ndarray:
    """Per sentence, the summed weight of its ``countable`` concepts (those within the cap;
    each entry's ``sentence`` and ``weight`` given), at least 1e-12.

    Overlap is measured on the concepts that can be counted: those over the cap emit
    nothing, so they count in neither the shared weight nor the sentence totals. Counting
    them in the totals lost pairs of sentences built from common words ("the index edged up
    1.01 points" / "the Nasdaq index edged up 2.84 points") once a large corpus lowers the cap.
    """
    summed = np.bincount(sentence[countable], weights=weight[countable], minlength=n)
    return np.maximum(summed, 1e-12)


def default_max_postings(n: int, posting_lengths: Sequence[int]) -> int:
    """The longest posting list that still emits pairs.

    A share of the corpus (n / 16), lowered until the emitted pairs fit a budget linear in
    the corpus (``EMIT_BUDGET_PER_SENTENCE`` x n): a folder whose vocabulary repeats a lot
    would otherwise emit tens of millions of pairs. bench/scale.py measures the recall.
    """
    cap = max(64, n // 16)
    lengths = np.sort(np.asarray([k for k in posting_lengths if 2 <= k <= cap], dtype=np.int64))
    emitted = np.cumsum(lengths * (lengths - 1) // 2)
    within = np.flatnonzero(emitted <= EMIT_BUDGET_PER_SENTENCE * max(n, 1))
    if len(within) < len(lengths):
        cap = max(64, int(lengths[within[-1]]) if len(within) else 64)
    return cap


# Emitted pairs handled per numpy step, and per sentence of the corpus in all.
_EMIT_CHUNK = 250_000
EMIT_BUDGET_PER_SENTENCE = 700

# Candidate pairs kept per sentence of the corpus in all (news keeps about 11 per sentence:
# MSRP-built 20k corpus; 1.8 synthetic). Scoring takes about 3 us per pair on one core.
PAIR_BUDGET_PER_SENTENCE = 100

# ... and in any corpus: scoring 6 million pairs takes about 20 s of CPU.
MAX_CANDIDATE_PAIRS = 6_000_000


def default_max_pairs(n: int) -> int:
    """The candidate pairs a corpus of ``n`` sentences may keep."""
    return min(PAIR_BUDGET_PER_SENTENCE * n, MAX_CANDIDATE_PAIRS)


# Overlap is ranked in this many steps of equal width when pairs must be cut to the budget.
_OVERLAP_LEVELS = 64


class _PairBudget:
    """Kept pairs, at most ``limit`` of them in the end: those of the highest overlap level,
    and of the lowest level kept, the first in (left, right) order.

    Pairs arrive in blocks; once twice the limit are held, the levels that can no longer
    make the cut are dropped and later pairs below them are never held, so memory stays
    within about twice the limit whatever the number of pairs.
    """

    def __init__(self, limit: int) -> None:
        self._limit = max(0, limit)
        self._floor = 0  # no pair under this level can be among the kept ones
        self._held = 0
        self.cut = False  # whether any pair was dropped
        # Blocks of (left, right, shared weight, level), one array each.
        self._blocks: list[tuple[np.ndarray, ...]] = []

    def add(
        self, left: np.ndarray, right: np.ndarray, overlap: np.ndarray, shared: np.ndarray
    ) -> None:
        level = np.minimum(overlap * _OVERLAP_LEVELS, _OVERLAP_LEVELS).astype(np.uint8)
        keep = level >= self._floor
        self._blocks.append((left[keep], right[keep], shared[keep], level[keep]))
        self._held += int(keep.sum())
        if self._held > 2 * self._limit:
            self._shrink()

    def result(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """(left, right) as int64 in (left, right) order, their shared weights, and the
        least level kept."""
        if self._held > self._limit:
            self._shrink()
        left, right, shared, _ = self._joined()
        return (
            left.astype(np.int64, copy=False),
            right.astype(np.int64, copy=False),
            shared,
            self._floor,
        )

    def _shrink(self) -> None:
        """Keep the ``limit`` pairs of the highest levels (the first ones of a tied level)."""
        joined = self._joined()
        level = joined[-1]
        held_at = np.bincount(level, minlength=_OVERLAP_LEVELS + 1)
        above = np.r_[np.cumsum(held_at[::-1])[::-1], 0]  # pairs at this level or higher
        floor = int(np.flatnonzero(above > self._limit).max(initial=-1)) + 1
        keep = level >= floor
        if floor > 0 and above[floor] < self._limit:
            # The level just under the floor fills the rest of the budget, in pair order.
            floor -= 1
            tied = np.flatnonzero(level == floor)[: self._limit - int(above[floor + 1])]
            keep[tied] = True
        self._floor = max(self._floor, floor)
        self._blocks = [tuple(part[keep] for part in joined)]
        self._held = int(keep.sum())
        self.cut = self.cut or self._held < len(level)

    def _joined(self) -> tuple[np.ndarray, ...]:
        if not self._blocks:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0), np.zeros(0, dtype=np.uint8)
        return tuple(np.concatenate(parts) for parts in zip(*self._blocks, strict=True))


@dataclass(frozen=True, slots=True)
class _PostingIndex:
    """The posting lists end to end, and every entry (one sentence in one list) by sentence.

    An entry at position p of ``flat`` pairs its sentence with the later members of its list
    from its first partner on, ``flat[partner[p] : list_end[p]]``. Walking the entries
    sentence by sentence emits every pair of a left sentence in one block, so each block's
    counts are final as soon as it is done: only the surviving pairs are kept, never all
    emissions at once.
    """

    flat: np.ndarray  # int32: the posting lists (each ascending) end to end
    rows: np.ndarray  # int32: the sentence of each entry, entries ordered by sentence
    partners: np.ndarray  # int64: position in ``flat`` of each entry's first partner, same order
    emits: np.ndarray  # int64: how many pairs each entry emits, same order
    weights: np.ndarray  # float64: the weight of each entry's list, same order
    same_article_emitted: bool  # whether pairs within one article are among the emitted

    @classmethod
    def build(
        cls,
        flat_lists: np.ndarray,
        lengths: np.ndarray,
        list_weights: np.ndarray,
        article_of: np.ndarray,
    ) -> _PostingIndex:
        """From the posting lists end to end (``flat_lists``, each list ascending), their
        ``lengths``, the weight of each list, and each sentence's article."""
        total = int(lengths.sum())
        flat = flat_lists.astype(np.int32)
        list_end = np.repeat(np.cumsum(lengths), lengths)
        articles = np.asarray(article_of)
        numbered_by_article = bool(np.all(articles[1:] >= articles[:-1]))
        if numbered_by_article:
            # Sentences numbered article by article, as a comparison numbers them: in a list
            # the members of one article follow each other, so an entry's first partner
            # from another article is where its article's run ends. Pairs within one
            # article are never emitted rather than emitted and dropped (a sixth of the
            # time of counting, msrp10k14).
            partners = _run_ends(articles[flat], list_end)
        else:
            partners = np.arange(1, total + 1, dtype=np.int64)
        emits = list_end - partners
        del list_end
        # Stable: the entries of one sentence stay in posting order (any order would do).
        order = np.argsort(flat, kind="stable")
        weights = np.repeat(np.asarray(list_weights, dtype=np.float64), lengths)
        return cls(
            flat,
            flat[order],
            partners[order],
            emits[order],
            weights[order],
            same_article_emitted=not numbered_by_article,
        )

    def counted(
        self, lo: int, hi: int, articles: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(left, right, shared weight) of the cross-article pairs the entries ``lo:hi`` (a
        block of ``blocks``) emit, ordered by (left, right); None when there are none.
        ``articles``: each sentence's article, int32."""
        n = len(articles)
        left, right = self._emit(lo, hi)
        weights = np.repeat(self.weights[lo:hi], self.emits[lo:hi])
        if self.same_article_emitted:
            cross = articles[left] != articles[right]
            left, right, weights = left[cross], right[cross], weights[cross]
        # One key per pair, counted from the block's first sentence: small enough for
        # int32 (sorted twice as fast) unless the block spans very many sentences.
        first = int(self.rows[lo])
        span = (int(self.rows[hi - 1]) - first + 1) * n
        keys: np.ndarray = (left - first).astype(np.int32 if span < 2**31 else np.int64) * n
        keys += right
        del left, right
        if not len(keys):
            return None
        # Sorted once, each pair's emissions adjacent: their weights sum to its share.
        order = np.argsort(keys)
        keys, weights = keys[order], weights[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        shared = np.add.reduceat(weights, starts)
        keys = keys[starts]
        return keys // n + first, keys % n, shared

    def blocks(self) -> Iterator[tuple[int, int]]:
        """Entry ranges of about ``_EMIT_CHUNK`` emissions that never split a sentence."""
        done = np.cumsum(self.emits)
        lo = 0
        while lo < len(self.rows):
            hi = int(np.searchsorted(done, done[lo] - self.emits[lo] + _EMIT_CHUNK, "right"))
            if hi < len(self.rows):
                hi = self._sentence_edge(lo, hi)
            yield lo, hi
            lo = hi

    def _sentence_edge(self, lo: int, hi: int) -> int:
        """``hi`` moved back to the first entry of its sentence, or on past the sentence
        when that would leave the range ``lo:hi`` empty."""
        sentence = self.rows[hi]
        start = int(np.searchsorted(self.rows, sentence, "left"))
        return start if start > lo else int(np.searchsorted(self.rows, sentence, "right"))

    def _emit(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """Every pair the entries ``lo:hi`` emit: (their sentence, a later list member)."""
        emits = self.emits[lo:hi]
        total = int(emits.sum())
        left = np.repeat(self.rows[lo:hi], emits)
        # Entry k covers flat[partners[k] :][: emits[k]]; one arange serves them all.
        shift = self.partners[lo:hi] - (np.cumsum(emits) - emits)
        right = self.flat[np.repeat(shift, emits) + np.arange(total, dtype=np.int64)]
        return left, right


def _run_ends(labels: np.ndarray, list_end: np.ndarray) -> np.ndarray:
    """Per position, the end of its run: the positions after it of the same list (same
    ``list_end``) and the same label."""
    total = len(labels)
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    new_run = np.r_[True, (labels[1:] != labels[:-1]) | (list_end[1:] != list_end[:-1])]
    run_starts = np.flatnonzero(new_run)
    run_ends = np.r_[run_starts[1:], total]
    return np.repeat(run_ends, run_ends - run_starts).astype(np.int64)
