"""The features of a sentence pair that the learned similarity model weighs.

Only wording overlap: differing figures, negations and names are the classifier's business
(they make a pair contradicting, not dissimilar), so they are deliberately absent here.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from aligner.features import SentenceFeatures

FEATURE_NAMES: tuple[str, ...] = (
    "unigram_precision_low",
    "unigram_precision_high",
    "bigram_precision_low",
    "bigram_precision_high",
    "trigram_precision_low",
    "trigram_precision_high",
    "content_coverage_low",
    "content_coverage_high",
    "length_difference",
    "token_sort_ratio",
    "ratio",
    "content_set_ratio",
    "content_ratio",
    "stem_lcs",
    "figures_agree",
    "names_shared",
)


def pair_features(a: SentenceFeatures, b: SentenceFeatures) -> list[float]:
    """One value per ``FEATURE_NAMES`` entry. Symmetric: directed measures come as the lower
    and the higher of both directions, so swapping the sentences changes nothing."""
    values: list[float] = []
    for n in (1, 2, 3):
        grams_a, grams_b = a.ngrams(n), b.ngrams(n)
        shared = len(grams_a & grams_b)
        values += _low_high(shared / max(1, len(grams_a)), shared / max(1, len(grams_b)))
    content_a, content_b = a.content_set, b.content_set
    shared = len(content_a & content_b)
    values += _low_high(shared / max(1, len(content_a)), shared / max(1, len(content_b)))
    longest = max(len(a.stems), len(b.stems), 1)
    values += [
        abs(len(a.stems) - len(b.stems)) / longest,
        fuzz.token_sort_ratio(a.normalised, b.normalised) / 100,
        fuzz.ratio(a.normalised, b.normalised) / 100,
        fuzz.token_set_ratio(a.content_key, b.content_key) / 100,
        fuzz.ratio(a.content_key, b.content_key) / 100,
        LCSseq.normalized_similarity(a.stems, b.stems),
        float(sum(1 for q in a.quantities if any(q.compatible(o) for o in b.quantities))),
        _names_shared(a, b),
    ]
    return values


def _low_high(x: float, y: float) -> list[float]:
    return [min(x, y), max(x, y)]


def _names_shared(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Share of the capitalised words of both sentences that occur in both."""
    names_a = {w.lower() for name in a.names for w in name.split()}
    names_b = {w.lower() for name in b.names for w in name.split()}
    if not names_a or not names_b:
        return 0.0
    return len(names_a & names_b) / len(names_a | names_b)
