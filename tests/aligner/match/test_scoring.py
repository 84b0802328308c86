"""Member scores: every pair inside a group counts, measured only where it can decide."""

from __future__ import annotations

import os
import random
import sys
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.calibration import SURE_ROW_SCORE
from aligner.match import candidates, scoring
from aligner.match.align import best_in_group, group_score
from aligner.match.counterparts import CounterpartScorer, prose_positions
from aligner.match.scoring import member_scores
from aligner.runtime.parallel import can_fork, split_map
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

    measured = member_scores(scorer, clusters, similar)
    assert [min(scores) for scores in measured] == [group_score(c, full) for c in clusters]
    for cluster, scores in zip(clusters, measured, strict=True):
        for member, score in zip(cluster, scores, strict=True):
            true_best = best_in_group(member, cluster, full) if len(cluster) > 1 else 100.0
            # Exact where the reader's sign depends on it; else a lower bound it stays above.
            assert score == true_best if true_best < SURE_ROW_SCORE else score <= true_best
            assert score >= min(true_best, SURE_ROW_SCORE)
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
    assert firm >= SURE_ROW_SCORE
    # 0~1 is known and high; 3 knows no pair, so it is measured first, and once its best is
    # known to be lower than 0's and 1's, nothing else can change the group's score or
    # which members are under the sure score.
    similar: list[dict[int, float]] = [{1: firm}, {0: firm}, {}, {}]
    ((first, second, third),) = member_scores(scorer, [[0, 1, 3]], similar)
    assert set(scorer.asked) == {(0, 3), (1, 3)}
    assert third == max(similar[3].values())
    assert first == second == firm


def random_folder(seed: int, sentences: int = 240) -> tuple[list, np.ndarray]:
    """Sentences over a small vocabulary, 12 articles, numbered article by article."""
    rng = random.Random(seed)
    words = WORDS.split() + [f"w{k}ord" for k in range(40)]
    texts = [" ".join(rng.choices(words, k=rng.randint(3, 10))) + "." for _ in range(sentences)]
    article_of = np.array(sorted(rng.randrange(12) for _ in range(sentences)), dtype=np.int64)
    return [sentence_features(t) for t in texts], article_of


def scored_with(features, article_of, workers: int):
    pairs, _, notices = scoring.scored_pairs(
        features, article_of, prose_positions(article_of), floor=20.0, workers=workers
    )
    return pairs.left.tobytes(), pairs.right.tobytes(), pairs.scores.tobytes(), notices


needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="forks only on POSIX, not macOS"
)


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # A small folder through the candidate index, in many blocks, shared by two processes.
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(scoring, "PARALLEL_MIN_EMITS", 0)
    monkeypatch.setattr(candidates, "_EMIT_CHUNK", 300)


@needs_fork
@pytest.mark.parametrize("seed", range(3))
def test_candidates_found_and_scored_by_two_processes_are_the_serial_ones_to_the_bit(
    seed: int, small_blocks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    features, article_of = random_folder(seed)
    serial = scored_with(features, article_of, workers=1)
    assert len(serial[0]) > 1_000 and serial[3] == ()

    def not_serially(*args: object) -> None:
        raise AssertionError("the candidates were found in one process")

    forks = []
    monkeypatch.setattr(scoring, "index_candidates", not_serially)
    monkeypatch.setattr(
        scoring, "split_map", lambda *a, **k: forks.append(k["workers"]) or split_map(*a, **k)
    )
    assert can_fork()
    got = scored_with(features, article_of, workers=2)
    assert got == serial
    assert forks == [2]


@needs_fork
@pytest.mark.parametrize("budget", [10, 40, 41, 1_000])
def test_a_folder_over_a_share_of_its_pair_budget_is_done_in_one_process_with_its_notice(
    budget: int, small_blocks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pairs cut to the budget are the best of the whole folder: no process can cut its own.
    # This folder's 240 sentences make 9,659 candidate pairs, 4,825 and 4,834 per process: a
    # budget of 40 a sentence (9,600) cuts them; at 41, each process holds less than half.
    features, article_of = random_folder(5)
    assert len(candidates.budgeted_candidates(features, article_of).left) == 9_659
    monkeypatch.setattr(candidates, "PAIR_BUDGET_PER_SENTENCE", budget)
    serial = scored_with(features, article_of, workers=1)
    assert bool(serial[3]) == (budget <= 40)
    found_here = []
    index_candidates = scoring.index_candidates
    monkeypatch.setattr(
        scoring, "index_candidates", lambda index: found_here.append(1) or index_candidates(index)
    )
    assert scored_with(features, article_of, workers=2) == serial
    assert found_here == ([1] if budget <= 40 else [])


def test_where_nothing_can_fork_the_candidates_are_found_in_one_process_with_all_the_budget(
    small_blocks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another thread running: split_map would walk every block here, with half the budget.
    features, article_of = random_folder(5)
    monkeypatch.setattr(candidates, "PAIR_BUDGET_PER_SENTENCE", 41)  # see the test above
    serial = scored_with(features, article_of, workers=1)
    found_here = []
    index_candidates = scoring.index_candidates
    monkeypatch.setattr(
        scoring, "index_candidates", lambda index: found_here.append(1) or index_candidates(index)
    )
    monkeypatch.setattr(scoring, "split_map", None)  # never reached
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        assert not can_fork()
        assert scored_with(features, article_of, workers=2) == serial
    finally:
        release.set()
        waiting.join()
    assert found_here == [1]
