"""Group scores: every pair inside a group counts, measured only where it can decide."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.match.align import group_score
from aligner.match.counterparts import CounterpartScorer, prose_positions
from aligner.match.scoring import group_scores
from aligner.text.features import sentence_features

WORDS = "judge court prison Durst sentenced seven years police chief arrested hotel said 30 km"
sentences = st.lists(st.sampled_from(WORDS.split()), min_size=1, max_size=8).map(
    lambda words: " ".join(words) + "."
)


class CountingScorer(CounterpartScorer):
    """A counterpart scorer that remembers which pairs it was asked about."""

    asked: list[tuple[int, int]]

    def scores(self, left: np.ndarray, right: np.ndarray, *, workers: int = -1) -> np.ndarray:
        self.asked += list(zip(left.tolist(), right.tolist(), strict=True))
        return super().scores(left, right, workers=workers)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=2, max_size=12), st.data())
def test_group_scores_are_group_score_over_every_pair(texts: list[str], data) -> None:
    n = len(texts)
    article_of = list(range(n))  # one sentence per article: any partition is a grouping
    features = [sentence_features(t) for t in texts]
    scorer = CountingScorer(features, article_of, prose_positions(np.array(article_of)))
    scorer.asked = []
    labels = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    clusters = [[i for i in range(n) if labels[i] == g] for g in sorted(set(labels))]
    everything = [(i, j) for i in range(n) for j in range(i + 1, n)]
    left, right = (np.array(side, dtype=np.int64) for side in zip(*everything, strict=True))
    true_score = dict(zip(everything, scorer.scores(left, right).tolist(), strict=True))
    scorer.asked = []
    # Some pairs proposed and scored already, the others unknown (read as 0 until measured).
    known = data.draw(st.lists(st.sampled_from(everything), unique=True))
    similar: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j in known:
        similar[i][j] = similar[j][i] = true_score[(i, j)]
    full: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), score in true_score.items():
        full[i][j] = full[j][i] = score

    assert group_scores(scorer, clusters, similar) == [group_score(c, full) for c in clusters]
    # Only unknown pairs inside a group are measured, each once, as (lower, higher).
    inside = {(i, j) for c in clusters for i in c for j in c if i < j}
    assert len(scorer.asked) == len(set(scorer.asked))
    assert set(scorer.asked) <= inside - set(known)


def test_a_member_already_known_to_be_held_firmly_is_not_measured() -> None:
    texts = [
        "The judge sentenced Durst to seven years in prison.",
        "A judge sentenced Durst to seven years in prison on Wednesday.",
        "Durst was sentenced to seven years.",
        "Police arrested the chief at a hotel.",
    ]
    features = [sentence_features(t) for t in texts]
    scorer = CountingScorer(features, [0, 1, 2, 3], np.zeros(4, dtype=np.int64))
    scorer.asked = []
    firm = float(scorer.scores(np.array([0]), np.array([1]))[0])
    scorer.asked = []
    # 0~1 is known and high; 3 knows no pair, so it is measured first, and once its best is
    # known to be lower than 0's and 1's, nothing else can change the group's score.
    similar: list[dict[int, float]] = [{1: firm}, {0: firm}, {}, {}]
    (score,) = group_scores(scorer, [[0, 1, 3]], similar)
    assert set(scorer.asked) == {(0, 3), (1, 3)}
    assert score == max(similar[3].values())
