"""bench/news.py: each labelled cluster compared as `parallax export` compares it, at the
threshold asked for."""

from __future__ import annotations

from pathlib import Path

from bench.fit_counterparts import labelled_clusters
from bench.news import compared, exact_figures
from tests.conftest import counterpart_item, write_labelled_cluster

FIRST = (
    "The city council approved a budget of 5 million dollars for the harbour bridge on Monday.\n"
    "The mayor said the harbour bridge repairs would begin in the spring.\n"
)
SECOND = (
    "Residents enjoyed a pleasant spell of heat and sunshine.\n"
    "Work on the harbour bridge starts next year, according to the city.\n"
)
ITEM = counterpart_item(
    "The mayor said the harbour bridge repairs", "Work on the harbour bridge starts", "loose"
)


def _shared_rows(tmp_path: Path, threshold: float | None = None) -> list[float]:
    [cluster] = labelled_clusters(tmp_path)
    comparison = (
        compared(cluster, None) if threshold is None else compared(cluster, None, threshold)
    )
    return [group.score for group in comparison.groups if len(group.members) > 1]


def test_the_threshold_decides_which_pairs_share_a_row(tmp_path: Path) -> None:
    write_labelled_cluster(tmp_path, [FIRST, SECOND], [ITEM])
    # The bridge sentences tell one plan in other words: a weak pair, under the default.
    assert _shared_rows(tmp_path) == []
    [score] = _shared_rows(tmp_path, threshold=10.0)
    assert 10.0 <= score < 30.0


def test_exact_figures_sum_each_clusters_counts() -> None:
    def line(name: str, hit: int, links: int, strong: tuple[int, int], ok: int, pred: int) -> str:
        return (
            f"{name}: counterpart recall {hit}/{links} (0.00), strong {strong[0]}/{strong[1]}, "
            f"precision {ok}/{pred} (0.00); hard 0/0, soft 0/0, other 0/0, false alarms 0/1"
        )

    output = "\n".join([line("one", 3, 4, (2, 2), 3, 5), line("two", 5, 8, (3, 4), 6, 7)])
    rows_only = "\n".join([line("one", 2, 4, (1, 2), 2, 3), line("two", 4, 8, (2, 4), 4, 5)])
    figures = exact_figures(output, rows_only, 3)
    # P 9/12, R 8/12, strong 5/6, R in rows 6/12.
    assert figures == {
        "P": "0.750",
        "R": "0.667",
        "F1": "0.706",
        "strong": "0.833",
        "rows": "0.500",
    }
