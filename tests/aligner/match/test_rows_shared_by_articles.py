"""Links' helpers against their plain definitions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.match.links import articles_sharing_a_row


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_articles_share_a_row_exactly_when_a_row_of_two_or_more_holds_both(
    articles: list[int], random
) -> None:
    sentences = list(range(len(articles)))
    random.shuffle(sentences)
    cuts = sorted(random.sample(range(1, len(sentences) + 1), k=min(3, len(sentences))))
    clusters = [sentences[a:b] for a, b in zip([0, *cuts], cuts, strict=False) if b > a]
    article_of = np.array(articles, dtype=np.int64)
    together = articles_sharing_a_row(clusters, article_of)
    sources = max(articles) + 1
    expected = np.zeros((sources, sources), dtype=bool)
    for row in clusters:
        if len(row) > 1:
            for a in row:
                for b in row:
                    expected[articles[a], articles[b]] = True
    assert np.array_equal(together, expected)
