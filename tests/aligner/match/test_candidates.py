"""Candidate pairs: exactly the pairs a plain all-pairs count of shared stems keeps."""

from __future__ import annotations

import random

import numpy as np
import pytest

from aligner.match import candidates
from aligner.match.candidates import candidate_pairs
from aligner.text.features import SentenceFeatures, sentence_features

_WORDS = [f"word{chr(97 + k)}{chr(97 + m)}" for k in range(6) for m in range(5)]


def random_corpus(seed: int, sentences: int) -> tuple[list[SentenceFeatures], np.ndarray]:
    rng = random.Random(seed)
    texts = [" ".join(rng.choices(_WORDS, k=rng.randint(1, 9))) for _ in range(sentences)]
    articles = sorted(rng.randrange(max(1, sentences // 6)) for _ in range(sentences))
    return [sentence_features(t) for t in texts], np.array(articles, dtype=np.int64)


def reference_pairs(
    features: list[SentenceFeatures],
    article_of: np.ndarray,
    *,
    max_postings: int,
    min_overlap: float,
) -> list[tuple[int, int]]:
    """All cross-article pairs whose shared, not too common stems cover enough of the longer
    sentence's not too common stems."""
    frequency: dict[str, int] = {}
    for feat in features:
        for stem in feat.content_set:
            frequency[stem] = frequency.get(stem, 0) + 1

    def countable(feat: SentenceFeatures) -> set[str]:
        return {s for s in feat.content_set if frequency[s] <= max_postings}

    found = []
    for i, a in enumerate(features):
        for j in range(i + 1, len(features)):
            b = features[j]
            if article_of[i] == article_of[j]:
                continue
            shared = len(countable(a) & countable(b))
            longer = max(1, len(countable(a)), len(countable(b)))
            if shared and shared / longer >= min_overlap:
                found.append((i, j))
    return found


@pytest.mark.parametrize("chunk", [1, 7, 250_000])
@pytest.mark.parametrize("seed", range(6))
def test_same_pairs_as_counting_every_pair(
    seed: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A tiny chunk makes every block hold one sentence, or one entry larger than the chunk.
    monkeypatch.setattr(candidates, "_EMIT_CHUNK", chunk)
    features, article_of = random_corpus(seed, sentences=60)
    max_postings = [4, 12, 60][seed % 3]
    left, right = candidate_pairs(features, article_of, max_postings=max_postings)
    assert left.dtype == right.dtype == np.int64
    expected = reference_pairs(features, article_of, max_postings=max_postings, min_overlap=0.25)
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == expected


def test_no_pairs_within_one_article_or_without_shared_stems() -> None:
    features = [sentence_features(t) for t in ("Rain fell.", "Rain fell.", "Snow melted.")]
    for article_of in ([0, 0, 1], [0, 1, 2]):
        left, right = candidate_pairs(features, np.array(article_of), max_postings=10)
        expected = [] if article_of == [0, 0, 1] else [(0, 1)]
        assert list(zip(left.tolist(), right.tolist(), strict=True)) == expected


def test_empty_corpus() -> None:
    left, right = candidate_pairs([], np.zeros(0, dtype=np.int64))
    assert len(left) == len(right) == 0
