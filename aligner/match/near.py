"""Near counterparts: for a sentence no other source seems to tell, the closest sentences of
other sources, so that a reader can check "only in this source" instead of trusting it.

Measured on the twelve labelled clusters (models fitted leave one cluster out): of the
sentences left alone in their row with no link, those with a related sentence in another
source (scoring at most ``RELATED_MARGIN`` under the threshold, as related pairs are checked
for figures) were told elsewhere in 14 of 19 cases, the others in 18 of 85 (dev: 6 of 7 and
2 of 35). The reader marks the first kind apart ("only here, perhaps") and names the close
sentences; half of those named are the labelled counterpart. From ``MUTUAL_LINK_MARGIN``
under the threshold instead, 6 more sentences, 1 of them told elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aligner.calibration import NEAR_PER_SENTENCE, RELATED_MARGIN
from aligner.match.align import ScoredPairs
from aligner.match.links import articles_sharing_a_row
from aligner.match.trust import thin_pairs_worded_apart
from aligner.result.model import CompareOptions, Link, Sentence


def near_counterparts(
    prose: Sequence[Sentence],
    clusters: Sequence[Sequence[int]],
    pairs: ScoredPairs,
    article_of: np.ndarray,
    links: Sequence[Link],
    settings: CompareOptions,
) -> tuple[Link, ...]:
    """Per sentence alone in its group and in no link, its best-scoring counterpart in each
    other source that scores at least the threshold minus ``RELATED_MARGIN``, best first,
    at most ``NEAR_PER_SENTENCE`` of them; ``a`` is the lone sentence. Only sources that share
    a row with the sentence's own count: in a folder of several events, the closest sentence
    of another event's article is no counterpart (``articles_sharing_a_row``, as for weak links);
    nor is a pair with a thin sentence worded otherwise (``trust.thin_pairs_worded_apart``)."""
    alone = np.zeros(len(prose), dtype=bool)
    alone[[members[0] for members in clusters if len(members) == 1]] = True
    close = (pairs.scores >= settings.threshold - RELATED_MARGIN) & (
        alone[pairs.left] | alone[pairs.right]
    )
    if not close.any():
        return ()
    # Of the few lone sentences with a close pair, those in a link are not alone to a reader.
    lone_ids = {prose[i].id: i for i in np.unique(np.r_[pairs.left[close], pairs.right[close]])}
    for link in links:
        for sid in (link.a, link.b):
            if sid in lone_ids:
                alone[lone_ids[sid]] = False
    # Both directions: the lone sentence first.
    lone = np.concatenate((pairs.left[close], pairs.right[close]))
    other = np.concatenate((pairs.right[close], pairs.left[close]))
    scores = np.concatenate((pairs.scores[close], pairs.scores[close])).astype(np.float64)
    keep = alone[lone]
    lone, other, scores = lone[keep], other[keep], scores[keep]
    if len(lone):
        together = articles_sharing_a_row(clusters, article_of)
        keep = together[article_of[lone], article_of[other]]
        lone, other, scores = lone[keep], other[keep], scores[keep]
        # A thin sentence is close to anything repeating its word, as for links.
        apart = thin_pairs_worded_apart([s.text for s in prose], lone.tolist(), other.tolist())
        keep = ~np.asarray(apart, dtype=bool)
        lone, other, scores = lone[keep], other[keep], scores[keep]
    articles = article_of.tolist()
    # Best first per lone sentence (ties: the earlier sentence), then one per other source.
    order = np.lexsort((other, -scores, lone))
    lone, other, scores = lone[order], other[order], scores[order]
    found: list[Link] = []
    taken: dict[int, set[int]] = {}
    for i, j, score in zip(lone.tolist(), other.tolist(), scores.tolist(), strict=True):
        named = taken.setdefault(i, set())
        if len(named) >= NEAR_PER_SENTENCE or articles[j] in named:
            continue
        named.add(articles[j])
        found.append(Link(prose[i].id, prose[j].id, round(score, 2)))
    return tuple(found)
