"""Links: counterparts that ended in different rows, shown beside their rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from aligner.calibration import (
    LINK_MARGIN,
    LINK_SHARED_FACTS,
    MUTUAL_LINK_MARGIN,
    MUTUAL_LINK_SHARED_FACTS,
    SMALL_COUNT,
)
from aligner.match.align import ScoredPairs
from aligner.match.counterparts import WeightedTerms, only_terms, shared_weights
from aligner.match.trust import thin_pairs_worded_apart
from aligner.result.model import CompareOptions, Link, Sentence
from aligner.text.features import SentenceFeatures, stem
from aligner.text.quantities import NUMBER_WORDS, Quantity
from aligner.text.synonyms import concepts_of


def links_across_rows(
    prose: Sequence[Sentence],
    features: Sequence[SentenceFeatures],
    concepts: WeightedTerms,
    clusters: Sequence[Sequence[int]],
    pairs: ScoredPairs,
    article_of: np.ndarray,
    settings: CompareOptions,
) -> tuple[Link, ...]:
    """Counterparts that ended in different groups: pairs scoring at least the threshold plus
    ``LINK_MARGIN`` where one sentence is the other's best counterpart in its source, and
    pairs of sentences that are each other's best counterpart in the other's source scoring
    at least the threshold minus ``MUTUAL_LINK_MARGIN`` in articles that share a row; a pair
    with a thin sentence only when worded nearly the same (``trust.thin_pairs_worded_apart``);
    and only pairs sharing ``LINK_SHARED_FACTS`` things that tell a fact (``fact_words``),
    ``MUTUAL_LINK_SHARED_FACTS`` for a pair scoring under the sure margin.

    A sure pair whose sentences both have a better counterpart in the other's source is
    mostly a neighbouring fact of the same story (calibration.LINK_MARGIN)."""
    cluster_of = np.empty(len(prose), dtype=np.int64)
    for number, members in enumerate(clusters):
        cluster_of[members] = number
    left_best, right_best = _best_in_source(pairs, article_of)
    together = articles_sharing_a_row(clusters, article_of)
    one_story = together[article_of[pairs.left], article_of[pairs.right]]
    wanted = ((pairs.scores >= settings.threshold + LINK_MARGIN) & (left_best | right_best)) | (
        (pairs.scores >= settings.threshold - MUTUAL_LINK_MARGIN)
        & left_best
        & right_best
        & one_story
    )
    wanted &= cluster_of[pairs.left] != cluster_of[pairs.right]
    left, right, scores = pairs.left[wanted], pairs.right[wanted], pairs.scores[wanted]
    # Shared facts first: counted for all pairs at once, they leave the thin-sentence rule,
    # read sentence by sentence, fewer pairs (both rules must hold).
    # A pair under the sure margin is linked on being each other's best in their sources,
    # which two sentences of one story sharing two of its words often are: it needs more.
    sure = scores >= settings.threshold + LINK_MARGIN
    least = np.where(sure, LINK_SHARED_FACTS, MUTUAL_LINK_SHARED_FACTS)
    kept = sharing_facts(features, concepts, left, right, least)
    left, right, scores = left[kept], right[kept], scores[kept]
    # A thin sentence ("Until the murders.") is covered in full by any sentence repeating its
    # word, so its pairs score high: linked only when worded nearly the same (trust.py).
    # Measured: no labelled counterpart of the twelve gold clusters lost, news precision 0.80
    # -> 0.82; the 34 real clusters' links 1,119 -> 706 (bench/news.py).
    apart = thin_pairs_worded_apart([s.text for s in prose], left.tolist(), right.tolist())
    kept = ~np.asarray(apart, dtype=bool)
    left, right, scores = left[kept], right[kept], scores[kept]
    return tuple(
        Link(prose[i].id, prose[j].id, round(float(score), 2))
        for i, j, score in zip(left.tolist(), right.tolist(), scores.tolist(), strict=True)
    )


def sharing_facts(
    features: Sequence[SentenceFeatures],
    concepts: WeightedTerms,
    left: np.ndarray,
    right: np.ndarray,
    least: np.ndarray | int = LINK_SHARED_FACTS,
) -> np.ndarray:
    """Per pair, whether its sentences share ``least`` of their ``fact_words`` (one bound
    for all pairs, or one per pair); ``concepts``: every sentence's concepts
    (``counterparts.concept_terms``).

    The shared concepts other than numbers are counted for all pairs at once; the figures
    are read only for the few pairs that need them to reach the bound (msrp10k14: 27,000
    pairs in 0.01 s, 0.04 s as sets)."""
    numeric = np.fromiter(
        map(_is_number, concepts.vocabulary), dtype=bool, count=len(concepts.vocabulary)
    )
    told = only_terms(concepts, ~numeric[concepts.terms])
    counted = replace(told, values=np.ones(len(told.values)))
    shared = np.rint(shared_weights(counted, left, right)).astype(np.int64)
    short = np.flatnonzero(shared < least)
    known: dict[int, frozenset[tuple[str, float]]] = {}
    for k in short.tolist():
        i, j = int(left[k]), int(right[k])
        for sentence in (i, j):
            if sentence not in known:
                known[sentence] = _telling_figures(features[sentence])
        shared[k] += len(known[i] & known[j])
    return shared >= least


def fact_words(sentence: SentenceFeatures) -> frozenset[object]:
    """What a sentence says that another could share as evidence of one fact: its concepts
    (content stems, synonyms merged) other than numbers, and its figures other than a small
    count or duration (``telling``), each as its kind and value."""
    concepts = frozenset(c for c in concepts_of(sentence.content_set) if not _is_number(c))
    return concepts | _telling_figures(sentence)


def _telling_figures(sentence: SentenceFeatures) -> frozenset[tuple[str, float]]:
    return frozenset((q.kind, round(q.value, 6)) for q in sentence.quantities if telling(q))


def telling(quantity: Quantity) -> bool:
    """Whether a figure tells a fact when two sentences share it: not a count or duration of
    ``SMALL_COUNT`` or fewer ("four people", "one month"), which many facts of one story
    share."""
    if quantity.kind == "count":
        return quantity.value > SMALL_COUNT
    if quantity.kind == "duration" and quantity.grain > 0:
        return quantity.value / quantity.grain > SMALL_COUNT
    return True


# The concepts of number words ("four", "dozen") and any concept written with a digit.
_NUMBER_CONCEPTS = frozenset(concepts_of(frozenset(map(stem, NUMBER_WORDS))))
_DIGIT = re.compile(r"\d")


def _is_number(concept: object) -> bool:
    if concept in _NUMBER_CONCEPTS:
        return True
    return isinstance(concept, str) and _DIGIT.search(concept) is not None


def articles_sharing_a_row(clusters: Sequence[Sequence[int]], article_of: np.ndarray) -> np.ndarray:
    """``sources x sources`` mask: do the two articles have a row in common? Each
    sentence has a best counterpart in every other article, also in an article about another
    event; two such sentences each other's best tell one fact only when the articles tell one
    story, which a shared row shows (in a folder of 30 events, 87% of article pairs share
    none, in a folder of one event nearly all share some)."""
    sources = int(article_of.max(initial=0)) + 1
    together = np.zeros((sources, sources), dtype=bool)
    # A set and a broadcast index per row: np.unique and np.ix_ cost more than the
    # marking itself on the thousands of small rows of a large folder.
    articles = article_of.tolist()
    for members in clusters:
        if len(members) < 2:
            continue
        present = np.array(sorted({articles[m] for m in members}))
        together[present[:, None], present] = True
    return together


def _mutual_best(pairs: ScoredPairs, article_of: np.ndarray) -> np.ndarray:
    """Per pair, whether each sentence is the other's best-scoring counterpart in its source
    (ties count for both)."""
    left_best, right_best = _best_in_source(pairs, article_of)
    return left_best & right_best


def _best_in_source(pairs: ScoredPairs, article_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, whether the right sentence is the left one's best-scoring counterpart in the
    right one's source, and whether the left one is the right one's best in the left one's
    source (ties count as best)."""
    if len(pairs.scores) == 0:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    articles = int(article_of.max()) + 1
    scores = pairs.scores.astype(np.float64)
    # Key: (sentence, the other sentence's article); the best score under each key. Only the
    # keys that occur get a slot: a table of every sentence x article took 9.6 GB for
    # 20,000 files of 3 sentences.
    forward = pairs.left * articles + article_of[pairs.right]
    backward = pairs.right * articles + article_of[pairs.left]
    keys, slot = np.unique(np.concatenate((forward, backward)), return_inverse=True)
    best_here = np.full(len(keys), -np.inf)
    np.maximum.at(best_here, slot, np.concatenate((scores, scores)))
    count = len(scores)
    return scores >= best_here[slot[:count]], scores >= best_here[slot[count:]]
