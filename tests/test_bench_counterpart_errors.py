"""bench/counterpart_errors.py (issue 13 error analysis): on a made-up labelled folder, a
counterpart told in other words is a miss of class "paraphrase", one told in the same words
is no error, and sentences the gold does not pair with an anchor are no false partner."""

from __future__ import annotations

from pathlib import Path

from aligner.match.counterparts import COUNTERPART_FEATURES
from bench.counterpart_errors import cluster_errors
from bench.fit_counterparts import labelled_clusters
from tests.conftest import counterpart_item, write_labelled_cluster

FIRST = (
    "The city council approved a budget of 5 million dollars for the harbour bridge on Monday.\n"
    "The weather stayed sunny and warm throughout the whole week.\n"
    "Officials expect the harbour bridge repairs to finish in the spring.\n"
)
SECOND = (
    "On Monday the city council approved a 5 million dollar budget for the harbour bridge.\n"
    "Residents enjoyed a pleasant spell of heat and sunshine.\n"
    "Repairs to the harbour bridge should be done by spring, officials expect.\n"
)
ITEMS = [
    counterpart_item("The city council approved a budget", "On Monday the city council approved"),
    counterpart_item(
        "The weather stayed sunny and warm", "Residents enjoyed a pleasant spell", "loose"
    ),
]


def test_misses_are_classed(tmp_path: Path) -> None:
    write_labelled_cluster(tmp_path, [FIRST, SECOND], ITEMS)
    [cluster] = labelled_clusters(tmp_path)

    errors = cluster_errors(cluster, ITEMS, None)

    assert [(e.kind, e.cause, e.anchor[:20], e.other[:20]) for e in errors] == [
        ("miss", "paraphrase", "The weather stayed s", "Residents enjoyed a ")
    ]
    assert errors[0].score < 30.0 and len(errors[0].features) == len(COUNTERPART_FEATURES)
