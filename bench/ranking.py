"""How far better rows and links alone could take counterpart F1 on the news gold: the
ranking ceiling of the counterpart scores (issue 13).

usage: python bench/ranking.py [--data ../shared/data] [--shipped]

Each labelled cluster is scored with a model fitted on the other clusters (leave one
cluster out; ``--shipped``: the shipped model, in-sample). For every unit GOLD.md counts in
recall, an anchor and another article, the article's sentences are ranked by their score
with the anchor. Printed per gold set:

- how often one of the anchor's matches ranks first (then second, third) among the
  article's sentences, over the units with a match;
- the F1 of the best "top-1 decision": join each anchor to the first sentence of an article
  when its score is at least t, at the best t. Precision counts joins of a non-match (also
  in an article with no match at all); recall counts units whose first sentence is a match.
- the F1 of a perfect top-1 decision: the same, told for free which units have a match.

Rows and links (aligner/match/align.py, links.py) are a decision of this kind made together
for all sentences, one sentence per source in a row. A decision rule can lift recall above
the top-1 share only by joining a second or third sentence of the article, and costs
precision for it: when the perfect decision's F1 is under a target, the scores themselves,
not the grouping, must get better to reach it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.match.counterparts import CounterpartModel, CounterpartScorer  # noqa: E402
from bench.fit_counterparts import (  # noqa: E402
    DEFAULT_DATA,
    GOLD_SETS,
    LabelledCluster,
    fit_on,
    labelled_clusters,
)

THRESHOLDS = tuple(range(5, 100, 5))


@dataclass(frozen=True)
class Unit:
    """An anchor and another article: its best score there, whether the sentence scoring
    it is one of the anchor's matches, and where the best-ranked match stands (None: the
    article holds no match)."""

    top_score: float
    top_is_match: bool
    match_rank: int | None


def cluster_units(cluster: LabelledCluster, model: CounterpartModel | None) -> list[Unit]:
    """The units of ``cluster``'s anchors, scored by ``model`` (None: the shipped one)."""
    scorer = CounterpartScorer(
        cluster.features, cluster.article_of, cluster.position_of, model=model
    )
    articles = np.asarray(cluster.article_of, dtype=np.int64)
    units = []
    for anchor, matches in sorted(cluster.matches.items()):
        for article in sorted(set(articles.tolist()) - {int(articles[anchor])}):
            sentences = np.flatnonzero(articles == article)
            scores = scorer.scores(np.full(len(sentences), anchor, dtype=np.int64), sentences)
            # Stable: ties keep reading order, as any decision rule would have to break them.
            ranked = sentences[np.argsort(-scores, kind="stable")].tolist()
            rank = next((k for k, i in enumerate(ranked) if i in matches), None)
            units.append(Unit(float(scores.max()), ranked[0] in matches, rank))
    return units


@dataclass(frozen=True)
class Ceiling:
    """What the units of one gold set allow (see the module's docstring)."""

    units: int
    with_match: int
    ranked: tuple[int, int, int]  # units whose best match ranks first, in the top 2, top 3
    best_threshold: int
    best_precision: float
    best_recall: float
    best_f1: float
    perfect_f1: float


def ceiling(units: Sequence[Unit]) -> Ceiling:
    """The ranking shares and the two top-1 decisions' F1 over ``units``."""
    with_match = sum(u.match_rank is not None for u in units)
    ranks = [u.match_rank for u in units if u.match_rank is not None]
    best = (-1.0, 0, 0.0, 0.0)
    for threshold in THRESHOLDS:
        joined = [u for u in units if u.top_score >= threshold]
        right = sum(u.top_is_match for u in joined)
        precision = right / len(joined) if joined else 0.0
        recall = right / with_match if with_match else 0.0
        f1 = _f1(precision, recall)
        if f1 > best[0]:
            best = (f1, threshold, precision, recall)
    first = sum(r == 0 for r in ranks)
    # Told which units have a match, the decision joins exactly those: precision and
    # recall are both the share ranked first.
    perfect = first / with_match if with_match else 0.0
    return Ceiling(
        units=len(units),
        with_match=with_match,
        ranked=(first, sum(r <= 1 for r in ranks), sum(r <= 2 for r in ranks)),
        best_threshold=best[1],
        best_precision=best[2],
        best_recall=best[3],
        best_f1=max(best[0], 0.0),
        perfect_f1=perfect,
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--shipped", action="store_true", help="the shipped model, in-sample")
    args = parser.parse_args(argv)
    clusters = labelled_clusters(args.data)
    if not clusters:
        sys.exit(f"no gold files under {args.data}")
    print(
        "| gold | units (with a match) | match ranked 1st / top 2 / top 3 | best top-1 "
        "decision: F1 (P, R) at t | perfect top-1 decision: F1 |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for dataset in GOLD_SETS:
        members = [c for c in clusters if c.dataset == dataset]
        units = [
            unit
            for cluster in members
            for unit in cluster_units(
                cluster,
                None if args.shipped else fit_on([c for c in clusters if c.name != cluster.name]),
            )
        ]
        if not units:
            continue
        found = ceiling(units)
        first, two, three = found.ranked
        print(
            f"| {dataset} | {found.units} ({found.with_match}) | {first} / {two} / {three} | "
            f"{found.best_f1:.3f} ({found.best_precision:.3f}, {found.best_recall:.3f}) at "
            f"{found.best_threshold} | {found.perfect_f1:.3f} |"
        )


if __name__ == "__main__":
    main()
