"""bench/ranking.py (issue 13's ranking ceiling): where the anchors' matches rank among an
article's sentences, and what a top-1 decision at the best threshold or a perfect one allows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.fit_counterparts import labelled_clusters
from bench.ranking import Unit, ceiling, cluster_units
from tests.conftest import counterpart_item, write_labelled_cluster

FIRST = (
    "The city council approved a budget of 5 million dollars for the harbour bridge on Monday.\n"
    "The weather stayed sunny and warm throughout the whole week.\n"
)
SECOND = (
    "Residents enjoyed a pleasant spell of heat and sunshine.\n"
    "On Monday the city council approved a 5 million dollar budget for the harbour bridge.\n"
    "Officials expect the harbour bridge repairs to finish in the spring.\n"
)


def test_units_rank_each_articles_sentences_by_score(tmp_path: Path) -> None:
    items = [
        counterpart_item(
            "The city council approved a budget", "On Monday the city council approved"
        ),
        counterpart_item(
            "The weather stayed sunny and warm", "Residents enjoyed a pleasant spell", "loose"
        ),
    ]
    write_labelled_cluster(tmp_path, [FIRST, SECOND], items)
    [cluster] = labelled_clusters(tmp_path)

    budget, weather = cluster_units(cluster, None)

    # The retold budget sentence ranks first although it is the second of its article; the
    # weather told in other words shares no word with its anchor, and a sentence as far
    # down its article as the anchor ranks above it.
    assert budget.top_is_match and budget.match_rank == 0 and budget.top_score > 50
    assert not weather.top_is_match and weather.match_rank is not None
    assert weather.match_rank > 0


def test_ceiling_counts_ranks_and_the_best_threshold() -> None:
    units = [
        Unit(90.0, True, 0),  # a match ranked first, scored high
        Unit(40.0, True, 0),
        Unit(60.0, False, 1),  # the match ranked second
        Unit(70.0, False, None),  # no match in that article: joining it is a false partner
        Unit(10.0, False, None),
    ]

    found = ceiling(units)

    assert (found.units, found.with_match, found.ranked) == (5, 3, (2, 3, 3))
    assert found.perfect_f1 == pytest.approx(2 / 3)
    # From 15 to 40 four units are joined, two of them right: P 1/2, R 2/3, F1 0.57, the
    # best (at 10 or less all five: F1 0.5; from 75 only the first: P 1, R 1/3, F1 0.5);
    # the lowest threshold giving it is reported.
    assert found.best_threshold == 15
    assert (found.best_precision, found.best_recall) == pytest.approx((0.5, 2 / 3))
    assert found.best_f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_ceiling_of_no_units_with_a_match_is_zero() -> None:
    found = ceiling([Unit(80.0, False, None)])

    assert (found.with_match, found.best_f1, found.perfect_f1) == (0, 0.0, 0.0)
