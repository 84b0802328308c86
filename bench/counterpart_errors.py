"""Counterpart errors on the labelled news clusters, leave one cluster out, by class.

usage: python bench/counterpart_errors.py [--data ../shared/data] [--list] [--shipped]

Each labelled cluster is compared as bench/news.py compares it (with a model fitted on the
other clusters unless ``--shipped``) and scored as GOLD.md defines. Every miss (an anchor and
an article holding one of its gold matches, none of which its row or links reach) and every
false partner (a sentence grouped or linked with an anchor that is none of its matches) is
put in one class; ``--list`` prints each with its sentences and feature values.

Miss classes, checked in this order (the anchor's best-scoring gold match in that article):
- not prose: the match (or the anchor) is a line the reader does not align;
- bad boundary: the anchor or the match is a sentence of under five words;
- row elsewhere: scored at least the threshold, but each sentence sits in a row it could not
  leave (greedy grouping joined it to another sentence first) and no link was drawn;
- near, no link: within MUTUAL_LINK_MARGIN under the threshold, not each other's best;
- inside longer: one sentence at least twice the other's words, and the shorter's content is
  half covered or more by the longer one (a fact told inside a longer sentence);
- paraphrase: weighted cosine under 0.15 (the fact told in other words);
- low score: anything else.
False partner classes: by link or by row; for a row, whether the pair itself scored at
least the threshold or came in through a third member; and whether the gold lists another
sentence of that article as the anchor's match (a wrong sentence of the right article).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.calibration import MUTUAL_LINK_MARGIN  # noqa: E402
from aligner.match.counterparts import COUNTERPART_FEATURES, CounterpartModel, CounterpartScorer  # noqa: E402
from aligner.result.model import Comparison, Sentence  # noqa: E402
from aligner.text.features import sentence_features  # noqa: E402
from bench.fit_counterparts import (  # noqa: E402
    DEFAULT_DATA,
    LabelledCluster,
    _normal,
    fit_on,
    labelled_clusters,
)
from bench.news import compared  # noqa: E402


@dataclass(frozen=True)
class Error:
    """One miss or false partner, with what explains it."""

    dataset: str
    cluster: str
    kind: str  # "miss" or "false"
    cause: str
    anchor: str
    other: str
    score: float
    features: tuple[float, ...]


class _Read:
    """A comparison seen as GOLD.md reads it: sentences by id, rows, links, scores."""

    def __init__(self, comparison: Comparison, model: CounterpartModel | None) -> None:
        self.sentences: dict[str, Sentence] = {
            s.id: s for article in comparison.articles for s in article.sentences
        }
        self.file_of = {
            s.id: Path(article.path).name
            for article in comparison.articles
            for s in article.sentences
        }
        prose = [s for article in comparison.articles for s in article.prose]
        self.prose_index = {s.id: k for k, s in enumerate(prose)}
        articles = {a.id: k for k, a in enumerate(comparison.articles)}
        article_of = [articles[s.article_id] for s in prose]
        position_of = []
        for k, s in enumerate(prose):
            same = k > 0 and prose[k - 1].article_id == s.article_id
            position_of.append(position_of[-1] + 1 if same else 0)
        self.scorer = CounterpartScorer(
            [sentence_features(s.text) for s in prose], article_of, position_of, model=model
        )
        self.row_of = {m: g.id for g in comparison.groups for m in g.members}
        self.rows = {g.id: g.members for g in comparison.groups}
        self.linked: dict[str, set[str]] = defaultdict(set)
        for link in comparison.links:
            self.linked[link.a].add(link.b)
            self.linked[link.b].add(link.a)
        self.threshold = comparison.options.threshold

    def find(self, part: str, file: str | None = None) -> list[str]:
        part = _normal(part)
        found = [i for i, s in self.sentences.items() if part in _normal(s.text)]
        return [i for i in found if self.file_of[i] == file] if file else found

    def row_partners(self, sid: str) -> list[str]:
        row = self.row_of.get(sid)
        return [m for m in self.rows[row] if m != sid] if row else []

    def pair(self, a: str, b: str) -> tuple[float, tuple[float, ...]]:
        """Score and feature values of two prose sentences (nan for a line not aligned)."""
        if a not in self.prose_index or b not in self.prose_index:
            return float("nan"), ()
        left = np.array([self.prose_index[a]])
        right = np.array([self.prose_index[b]])
        row = self.scorer.rows(left, right)[0]
        return float(self.scorer.scores(left, right)[0]), tuple(float(x) for x in row)

    def words(self, sid: str) -> int:
        return len(self.sentences[sid].text.split())


def cluster_errors(
    cluster: LabelledCluster, items: Sequence[dict], model: CounterpartModel | None
) -> list[Error]:
    """The misses and false partners of one cluster compared with ``model``."""
    read = _Read(compared(cluster, model), model)
    errors = []
    for item in items:
        anchors = read.find(item["anchor"])
        anchors = [i for i in anchors if read.file_of[i].startswith("a1")] or anchors
        if not anchors:
            continue
        anchor = anchors[0]
        gold: dict[str, str] = {}
        for match in item["matches"]:
            for i in read.find(match["text"], match.get("file")):
                gold[i] = match["strength"]
        rows = read.row_partners(anchor)
        partners = rows + sorted(read.linked[anchor] - set(rows))
        by_article: dict[str, list[str]] = defaultdict(list)
        for i in gold:
            by_article[read.sentences[i].article_id].append(i)
        article = read.sentences[anchor].article_id

        def error(kind: str, cause: str, other: str, anchor: str = anchor) -> Error:
            score, features = read.pair(anchor, other)
            text = read.sentences
            return Error(
                cluster.dataset, cluster.name, kind, cause, text[anchor].text,
                text[other].text, score, features,
            )  # fmt: skip

        for other_article, matches in by_article.items():
            if other_article == article:
                continue
            if any(p in matches for p in partners):
                continue
            best = max(matches, key=lambda m: np.nan_to_num(read.pair(anchor, m)[0], nan=-1.0))
            errors.append(error("miss", _miss_cause(read, anchor, best, matches), best))
        for partner in partners:
            if partner not in gold:
                cause = _false_cause(read, anchor, partner, rows, by_article)
                errors.append(error("false", cause, partner))
    return errors


def _miss_cause(read: _Read, anchor: str, match: str, matches: Sequence[str]) -> str:
    score, features = read.pair(anchor, match)
    if not features:
        return "not prose"
    if min(read.words(match), read.words(anchor)) < 5:
        return "bad boundary"
    if score >= read.threshold:
        return "row elsewhere"
    if score >= read.threshold - MUTUAL_LINK_MARGIN:
        return "near, no link"
    values = dict(zip(COUNTERPART_FEATURES, features, strict=True))
    longer, shorter = sorted((read.words(anchor), read.words(match)), reverse=True)
    if longer >= 2 * shorter and values["concept_coverage_high"] >= 0.5:
        return "inside longer"
    if values["weighted_cosine"] < 0.15:
        return "paraphrase"
    return "low score"


def _false_cause(
    read: _Read,
    anchor: str,
    partner: str,
    rows: Sequence[str],
    by_article: dict[str, list[str]],
) -> str:
    how = "row" if partner in rows else "link"
    if how == "row":
        score, _ = read.pair(anchor, partner)
        how += ", direct" if score >= read.threshold else ", through a third"
    wrong_one = read.sentences[partner].article_id in by_article
    return how + (", wrong sentence of a matched article" if wrong_one else ", no match there")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--list", action="store_true", help="print every error")
    parser.add_argument("--shipped", action="store_true", help="the shipped model, in-sample")
    args = parser.parse_args()
    clusters = labelled_clusters(args.data)
    errors: list[Error] = []
    for cluster in clusters:
        gold = json.loads((args.data / cluster.dataset / "gold.json").read_text("utf-8"))
        items = [x for x in gold["counterparts"] if x["cluster"] == cluster.name]
        others = [c for c in clusters if c.name != cluster.name]
        model = None if args.shipped else fit_on(others)
        errors += cluster_errors(cluster, items, model)
    if args.list:
        for e in errors:
            values = " ".join(f"{x:.2f}" for x in e.features)
            where = f"{e.kind:5} {e.dataset[:4]} {e.cluster[:12]:12} {e.cause:45}"
            print(f"{where} {e.score:5.1f} [{values}]")
            print(f"      A: {e.anchor[:150]}\n      B: {e.other[:150]}")
    counts = Counter((e.dataset, e.kind, e.cause) for e in errors)
    for (dataset, kind, cause), count in sorted(counts.items()):
        print(f"{dataset:14} {kind:5} {cause:50} {count:3}")


if __name__ == "__main__":
    main()
