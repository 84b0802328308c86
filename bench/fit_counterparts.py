"""Fits the counterpart model (aligner/match/counterpart_model.json) on the hand-labelled news
clusters (dev_clusters and news_clusters gold, GOLD.md), and holds what bench/news.py needs to
refit it leave-one-cluster-out.

usage: python bench/fit_counterparts.py [--data ../shared/data] [--dry-run]

Each labelled cluster gives one example per pair of an anchor (a prose sentence of its `a1`
article that the gold lists) and a prose sentence of another article: positive when the gold
lists that sentence as one of the anchor's matches (strong or loose). Pairs the gold says
nothing about (two non-anchor sentences) are not used. The fit is an L2-regularised logistic
regression (Newton steps) over standardised ``COUNTERPART_FEATURES``; deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.load.corpus import load_documents  # noqa: E402
from aligner.match.counterparts import (  # noqa: E402
    COUNTERPART_FEATURES,
    MODEL_NAME,
    CounterpartModel,
    CounterpartScorer,
)
from aligner.text.articles import build_article  # noqa: E402
from aligner.text.features import SentenceFeatures, sentence_features  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"
GOLD_SETS = ("dev_clusters", "news_clusters")
L2 = 1.0


@dataclass(frozen=True)
class LabelledCluster:
    """One gold cluster read as the engine reads it, with its anchors' matches by index."""

    name: str
    dataset: str
    folder: Path
    texts: list[str]
    files: list[str]
    article_of: list[int]
    position_of: list[int]
    features: list[SentenceFeatures]
    matches: dict[int, dict[int, str]]  # anchor -> {matching sentence: strength}


def labelled_clusters(data: Path = DEFAULT_DATA) -> list[LabelledCluster]:
    """Every cluster that a gold file labels, in (dataset, name) order."""
    found = []
    for dataset in GOLD_SETS:
        gold_file = data / dataset / "gold.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for name in sorted({item["cluster"] for item in gold["counterparts"]}):
            items = [x for x in gold["counterparts"] if x["cluster"] == name]
            found.append(_read_cluster(data / dataset / name, dataset, items))
    return found


def _normal(text: str) -> str:
    return " ".join(text.split())


def _read_cluster(folder: Path, dataset: str, items: Sequence[dict]) -> LabelledCluster:
    documents = load_documents([folder], recursive=False).documents
    texts, files, article_of, position_of = [], [], [], []
    for number, document in enumerate(documents):
        for place, sentence in enumerate(build_article(number, document).prose):
            texts.append(sentence.text)
            files.append(Path(document.path).name)
            article_of.append(number)
            position_of.append(place)
    normal = [_normal(t) for t in texts]

    def find(part: str, file: str | None = None) -> list[int]:
        # As GOLD.md says: the sentence whose whitespace-collapsed text holds the substring.
        part = _normal(part)
        hits = [i for i, t in enumerate(normal) if part in t]
        return [i for i in hits if files[i] == file] if file else hits

    matches: dict[int, dict[int, str]] = {}
    for item in items:
        anchors = find(item["anchor"])
        anchors = [i for i in anchors if files[i].startswith("a1")] or anchors
        if not anchors:
            continue
        anchor = anchors[0]
        found: dict[int, str] = {}
        for match in item["matches"]:
            for i in find(match["text"], match.get("file")):
                if article_of[i] != article_of[anchor] and found.get(i) != "strong":
                    found[i] = match["strength"]
        matches[anchor] = found
    return LabelledCluster(
        name=folder.name,
        dataset=dataset,
        folder=folder,
        texts=texts,
        files=files,
        article_of=article_of,
        position_of=position_of,
        features=[sentence_features(t) for t in texts],
        matches=matches,
    )


def labelled_pairs(cluster: LabelledCluster) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and 0/1 labels of every (anchor, other-article sentence) pair."""
    left, right, labels = [], [], []
    for anchor, found in sorted(cluster.matches.items()):
        for other, article in enumerate(cluster.article_of):
            if article != cluster.article_of[anchor]:
                left.append(anchor)
                right.append(other)
                labels.append(1.0 if other in found else 0.0)
    scorer = CounterpartScorer(cluster.features, cluster.article_of, cluster.position_of)
    rows = scorer.rows(np.array(left, dtype=np.int64), np.array(right, dtype=np.int64))
    return rows, np.array(labels)


def fit_model(rows: np.ndarray, labels: np.ndarray, *, l2: float = L2) -> CounterpartModel:
    """Logistic regression over standardised rows, L2 penalty on the weights (not the bias)."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    x = np.column_stack([(rows - mean) / scale, np.ones(len(rows))])
    beta = np.zeros(x.shape[1])
    penalty = l2 * np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (p - labels) + penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return CounterpartModel(mean=mean, scale=scale, weights=beta[:-1], bias=float(beta[-1]))


def fit_on(clusters: Sequence[LabelledCluster]) -> CounterpartModel:
    """The model fitted on the labelled pairs of ``clusters``."""
    pairs = [labelled_pairs(c) for c in clusters]
    return fit_model(np.vstack([r for r, _ in pairs]), np.concatenate([y for _, y in pairs]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--dry-run", action="store_true", help="print the model, write nothing")
    args = parser.parse_args()
    clusters = labelled_clusters(args.data)
    if not clusters:
        sys.exit(f"no gold files under {args.data}")
    model = fit_on(clusters)
    for name, weight in zip(COUNTERPART_FEATURES, model.weights, strict=True):
        print(f"{name:24} {weight:+.3f}")
    print(f"{'bias':24} {model.bias:+.3f}  ({len(clusters)} clusters)")
    if not args.dry_run:
        target = REPO / "aligner" / "match" / MODEL_NAME
        target.write_text(json.dumps(model.to_data(), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
