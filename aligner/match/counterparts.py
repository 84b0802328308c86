"""Counterpart scores: how likely two sentences of one folder report the same fact (0-100).

Outlets retell one fact inside sentences of different scope and wording, and within one event
the words that carry a fact are the ones that are rare *in that folder* ("85-month",
"sentenced"), not a name every sentence repeats ("Durst"). So a pair is judged with the
folder's own term weights (inverse sentence frequency of content stems), how much of one
sentence's weighted content the other covers (synonyms merged into concepts, so a fact told
inside a longer sentence still counts), shared figures, and how far apart the two sentences
sit in their articles and, in proportion to what the pair shares, how much their neighbours
have in common (outlets that retell a story keep much of its order). A logistic regression
over those six features, fitted on hand-labelled news clusters by bench/fit_counterparts.py
and stored in counterpart_model.json, turns them into 100 x P(counterparts). Two sentences
that share only words that deny ("not", "never") and no figure score 0: they share no fact.

The MSRP-fitted wording model (aligner/match/similarity.py) is not among them: as one more
feature (measured before the neighbour feature) it took a third of the scoring time of a
10k-sentence folder and moved the leave-one-cluster-out F1 by 0.00 on the dev clusters and
0.02 on the news clusters (bench/news.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from aligner.calibration import IDF_FLOOR
from aligner.match.code_strings import figure_codes
from aligner.match.pair_features import figures_shared
from aligner.runtime.cancel import checkpoint
from aligner.text.features import SentenceFeatures, stem
from aligner.text.synonyms import concepts_of
from aligner.text.wordlists import APOSTROPHE_LESS_NEGATIONS, NEGATION_CUES

COUNTERPART_FEATURES: tuple[str, ...] = (
    "weighted_cosine",  # cosine of (1 + ln tf) x idf vectors of content stems
    "concept_coverage_high",  # the larger share of a sentence's concept weight the other holds
    "concept_coverage_low",  # the smaller of the two shares
    # share of figure codes both give ("an hour" = "60 minutes"), a count coded twice: by
    # its value and by its value and counted noun ("four people" shares one of two codes
    # with "four times"): leave one cluster out, news F1 0.723 -> 0.725, dev 0.724 -> 0.728
    "figures_shared",
    "position_gap",  # difference of the two sentences' relative places in their articles
    # weighted_cosine times the lower concept_coverage_low of the two sentences' previous
    # sentences and of their next ones: a weakly worded pair between two retold neighbours
    # is likelier one fact, but neighbours alone do not make two unrelated sentences one.
    "neighbour_support",
)


_FIGURES_COLUMN = COUNTERPART_FEATURES.index("figures_shared")

# Pairs scored per numpy step: bounds the memory of the term arrays of a large folder.
_PAIR_CHUNK = 50_000
# Pairs per scoring step, with a checkpoint (aligner/runtime/cancel.py) before each.
_SCORE_CHUNK = 250_000


@dataclass(frozen=True, slots=True)
class CounterpartModel:
    """Standardisation and logistic-regression weights over ``COUNTERPART_FEATURES``."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """100 x P(counterparts) for each row of raw feature values."""
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return (100.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def to_data(self) -> dict:
        """The stored form (what ``model_from_data`` reads)."""
        return {
            "features": list(COUNTERPART_FEATURES),
            "mean": [round(float(x), 8) for x in self.mean],
            "scale": [round(float(x), 8) for x in self.scale],
            "weights": [round(float(x), 8) for x in self.weights],
            "bias": round(float(self.bias), 8),
        }


MODEL_NAME = "counterpart_model.json"


@lru_cache(maxsize=1)
def counterpart_model() -> CounterpartModel:
    """The shipped model; its feature list must match the code's."""
    text = resources.files("aligner.match").joinpath(MODEL_NAME).read_text(encoding="utf-8")
    return model_from_data(json.loads(text))


def model_from_data(data: dict) -> CounterpartModel:
    """A model from its stored form."""
    if tuple(data["features"]) != COUNTERPART_FEATURES:
        raise RuntimeError(f"{MODEL_NAME} does not match COUNTERPART_FEATURES; refit it")
    return CounterpartModel(
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        weights=np.asarray(data["weights"], dtype=np.float64),
        bias=float(data["bias"]),
    )


@dataclass(frozen=True, slots=True)
class WeightedTerms:
    """Every sentence's distinct terms (sorted numbers) and a value for each, end to end."""

    terms: np.ndarray  # int64
    values: np.ndarray  # float64
    starts: np.ndarray  # int64, len = sentences + 1
    totals: np.ndarray  # float64: per sentence, the sum of its values
    keys: np.ndarray  # int64: sentence * base + term of each entry, ascending
    base: int  # more than any term number
    vocabulary: tuple[object, ...] = ()  # the term each number stands for


class CounterpartScorer:
    """Scores pairs of one folder's prose sentences. The folder's term weights and the
    sentences' figure codes are computed once, for every pair asked about later."""

    def __init__(
        self,
        features: Sequence[SentenceFeatures],
        article_of: Sequence[int],
        position_of: Sequence[int],
        *,
        model: CounterpartModel | None = None,
    ) -> None:
        self._places = relative_places(article_of, position_of)
        self._previous, self._next = reading_neighbours(article_of, position_of)
        self._stems = _weighted_terms([f.content for f in features], squared=True)
        self._concepts = concept_terms(features)
        self._concept_bits = term_bits(self._concepts)
        self._figures = figure_codes(features, counted_things=True)
        self._denials = _denial_terms(self._concepts)
        self._model = model

    @property
    def concepts(self) -> WeightedTerms:
        """The sentences' concepts weighted by their idf (``concept_terms``)."""
        return self._concepts

    def rows(
        self,
        left: np.ndarray,
        right: np.ndarray,
        *,
        workers: int = -1,
        shared: np.ndarray | None = None,
    ) -> np.ndarray:
        """One row of ``COUNTERPART_FEATURES`` per pair (``left[k]``, ``right[k]``);
        ``shared``: the summed weight of the ``concepts`` each pair shares, when the
        caller has it (the candidate index sums it on the way)."""
        if len(left) == 0:
            return np.zeros((0, len(COUNTERPART_FEATURES)))
        cosine = _pair_sums(self._stems, left, right, product=True)
        norms = np.sqrt(self._stems.totals)  # squared norms, see _weighted_terms
        cosine /= np.maximum(norms[left] * norms[right], 1e-12)
        cover_left, cover_right = self._coverages(left, right, shared)
        return np.column_stack(
            [
                cosine,
                np.maximum(cover_left, cover_right),
                np.minimum(cover_left, cover_right),
                figures_shared(self._figures, left, right, workers=workers),
                np.abs(self._places[left] - self._places[right]),
                cosine * self._neighbour_coverage(left, right, cosine > 0),
            ]
        )

    def _coverages(
        self, left: np.ndarray, right: np.ndarray, shared: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per pair, the share of the left sentence's concept weight the right one holds, and
        the other way round (``shared``: the pairs' shared concept weight, if known)."""
        if shared is None:
            shared = shared_weights(self._concepts, left, right)
        totals = self._concepts.totals
        return shared / np.maximum(totals[left], 1e-12), shared / np.maximum(totals[right], 1e-12)

    def _neighbour_coverage(
        self, left: np.ndarray, right: np.ndarray, wanted: np.ndarray
    ) -> np.ndarray:
        """Per pair, the low coverage (see ``_coverages``) of the pair of their previous
        sentences or of the pair of their next ones, whichever is lower: how surely the pair
        sits between two retold neighbours (0 where an article has no sentence before or after,
        and for pairs not ``wanted``).

        Both sides, not either: the last sentences of two articles after a retold pair are
        often two different closing remarks (measured, bench/news.py). The next pairs are
        summed only where the previous ones share something: the lower of the two is 0
        elsewhere, and most pairs of a large folder stop there.

        Only pairs whose previous sentences and next ones both may share a concept
        (``term_bits``) are summed: neighbours sharing none cover 0 exactly, and of the
        candidates of msrp10k14 this leaves 10,000 of 216,000 pairs, 185,000 before."""
        open_pairs = np.flatnonzero(wanted)
        for beside in (self._previous, self._next):
            a, b = beside[left[open_pairs]], beside[right[open_pairs]]
            both = (a >= 0) & (b >= 0)
            open_pairs = open_pairs[both][may_share(self._concept_bits, a[both], b[both])]
        lowest = np.full(len(open_pairs), np.inf)
        for beside in (self._previous, self._next):
            a, b = beside[left[open_pairs]], beside[right[open_pairs]]
            lowest = np.minimum(lowest, np.minimum(*self._coverages(a, b)))
            keep = lowest > 0
            open_pairs, lowest = open_pairs[keep], lowest[keep]
        support = np.zeros(len(left), dtype=np.float64)
        support[open_pairs] = lowest
        return support

    def scores(
        self,
        left: np.ndarray,
        right: np.ndarray,
        *,
        workers: int = -1,
        shared: np.ndarray | None = None,
    ) -> np.ndarray:
        """100 x P(counterparts) of each pair (float32); ``shared``: see ``rows``."""
        if len(left) == 0:
            return np.zeros(0, dtype=np.float32)
        model = counterpart_model() if self._model is None else self._model
        scored = []
        # In steps: ten million pairs take tens of seconds, and a cancel must not wait.
        for lo in range(0, len(left), _SCORE_CHUNK):
            checkpoint()
            hi = lo + _SCORE_CHUNK
            known = None if shared is None else shared[lo:hi]
            rows = self.rows(left[lo:hi], right[lo:hi], workers=workers, shared=known)
            scores = model.scores(rows)
            scores[self._denials_alone(left[lo:hi], right[lo:hi], rows)] = 0.0
            scored.append(scores)
        return np.concatenate(scored)

    def _denials_alone(self, left: np.ndarray, right: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The pairs (positions) whose shared concepts are all words that deny ("not",
        "never", "wasn't": ``_is_denial``) and that share no figure: they share no fact.

        A short sentence's "not" can be a third of its weight in a folder where few sentences
        deny anything, so such pairs scored high enough for rows ("That's not my daughter,
        that's Karen!" / "The other friend was not hurt.", 66). Across the 35 real folders
        this rule took out five such rows and no labelled counterpart. It also took away one
        close sentence that was a retelling ("I didn't piss in the fucking water" / "he didn't
        urinate in Portland's drinking supply", 25): its only shared word was the denial."""
        denials = self._denials
        maybe = np.flatnonzero(
            (denials.totals[left] > 0)
            & (denials.totals[right] > 0)
            & (rows[:, _FIGURES_COLUMN] == 0)
        )
        if len(maybe) == 0:
            return maybe
        some, other = left[maybe], right[maybe]
        denied = shared_weights(denials, some, other)
        shared = shared_weights(self._concepts, some, other)
        return maybe[(denied > 0) & (shared - denied <= 1e-9 * shared)]


def prose_positions(article_of: np.ndarray) -> np.ndarray:
    """Each sentence's index among its article's sentences, for sentences listed article by
    article in reading order (as a comparison lists its prose sentences)."""
    n = len(article_of)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, article_of[1:] != article_of[:-1]])
    lengths = np.diff(np.r_[starts, n])
    return np.arange(n, dtype=np.int64) - np.repeat(starts, lengths)


def reading_neighbours(
    article_of: Sequence[int], position_of: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's previous and next prose sentence in its article (-1 for none), for
    sentences listed article by article in reading order."""
    articles = np.asarray(article_of, dtype=np.int64)
    positions = np.asarray(position_of, dtype=np.int64)
    index = np.arange(len(articles), dtype=np.int64)
    # The next listed sentence follows on when it is of the same article, one place on.
    follows = (articles[1:] == articles[:-1]) & (positions[1:] == positions[:-1] + 1)
    previous = np.full(len(articles), -1, dtype=np.int64)
    following = np.full(len(articles), -1, dtype=np.int64)
    previous[1:][follows] = index[:-1][follows]
    following[:-1][follows] = index[1:][follows]
    return previous, following


def relative_places(article_of: Sequence[int], position_of: Sequence[int]) -> np.ndarray:
    """Each sentence's place among its article's prose sentences, from 0 to 1."""
    articles = np.asarray(article_of, dtype=np.int64)
    positions = np.asarray(position_of, dtype=np.float64)
    counts = np.bincount(articles, minlength=int(articles.max(initial=-1)) + 1)
    last = np.maximum(counts[articles] - 1, 1).astype(np.float64)
    return np.minimum(positions / last, 1.0)


@lru_cache(maxsize=1)
def _denial_concepts() -> frozenset[str | int]:
    """The concepts of the negation cues' stems ("nobody" is "nobodi"; "nothing" shares a
    concept with "nil")."""
    return frozenset(concepts_of([stem(w) for w in NEGATION_CUES | APOSTROPHE_LESS_NEGATIONS]))


def _is_denial(concept: object) -> bool:
    """A concept of a word that denies: "not", "never", "nothing", "without", "wasn't",
    "didnt"."""
    return concept in _denial_concepts() or (isinstance(concept, str) and concept.endswith("n't"))


def _denial_terms(concepts: WeightedTerms) -> WeightedTerms:
    """``concepts`` with only the entries of denials (``_is_denial``)."""
    numbers = [k for k, term in enumerate(concepts.vocabulary) if _is_denial(term)]
    return only_terms(concepts, np.isin(concepts.terms, numbers))


def concept_terms(features: Sequence[SentenceFeatures]) -> WeightedTerms:
    """Each sentence's distinct concepts (content stems, synonyms merged), each weighing its
    idf in the folder: what the coverages weigh, and the candidate index too."""
    return _weighted_terms([concepts_of(f.content_set) for f in features], squared=False)


def _weighted_terms(documents: Sequence[Sequence[object]], *, squared: bool) -> WeightedTerms:
    """Each sentence's distinct terms with their weight, all sentences coded at once.

    The weight is the term's inverse sentence frequency in the folder, smoothed so that a
    term in every sentence keeps a little: ln((N + 1) / (df + 1)) + ``IDF_FLOOR``. With ``squared``
    (the cosine's vectors) it is multiplied by 1 + ln(times in the sentence), and ``totals``
    hold the squared norms; otherwise ``totals`` hold each sentence's summed weight.
    """
    number: dict[object, int] = {}
    flat = [number.setdefault(term, len(number)) for terms in documents for term in terms]
    lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
    owner = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
    base = max(len(number), 1)
    # Sorting (sentence, term) keys orders each sentence's terms and counts repeats.
    keys, counts = np.unique(owner * base + np.asarray(flat, dtype=np.int64), return_counts=True)
    sentence, terms = np.divmod(keys, base)
    idf = idf_weights(len(documents), np.bincount(terms, minlength=base))
    values = idf[terms] * (1.0 + np.log(counts)) if squared else idf[terms]
    per_sentence = np.bincount(sentence, minlength=len(documents))
    starts = np.concatenate(([0], np.cumsum(per_sentence))).astype(np.int64)
    totals = np.bincount(
        sentence, weights=values**2 if squared else values, minlength=len(documents)
    )
    return WeightedTerms(terms.astype(np.int64), values, starts, totals, keys, base, tuple(number))


# Bits of a sentence's term set (``term_bits``): 512, one 64-byte cache line a sentence.
_TERM_BIT_WORDS = 8


def term_bits(weighted: WeightedTerms) -> np.ndarray:
    """Per sentence (rows), the set of its term numbers modulo 512 as bits (8 x uint64): two
    sentences whose rows have no bit in common share no term, whatever their terms."""
    sentences = len(weighted.starts) - 1
    bits = np.zeros((sentences, _TERM_BIT_WORDS), dtype=np.uint64)
    sentence = np.repeat(np.arange(sentences, dtype=np.int64), np.diff(weighted.starts))
    bit = weighted.terms % (64 * _TERM_BIT_WORDS)
    np.bitwise_or.at(
        bits, (sentence, bit // 64), np.left_shift(np.uint64(1), (bit % 64).astype(np.uint64))
    )
    return bits


def may_share(bits: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, whether the two sentences' ``term_bits`` meet: false only for pairs that
    share no term."""
    return (bits[left] & bits[right]).any(axis=1)


def idf_weights(n: int, frequencies: np.ndarray) -> np.ndarray:
    """The weight of terms found in ``frequencies`` of a folder's ``n`` sentences: their
    inverse sentence frequency, smoothed, ln((n + 1) / (df + 1)) + ``IDF_FLOOR``."""
    return np.log((n + 1) / (frequencies + 1.0)) + IDF_FLOOR


def shared_weights(weighted: WeightedTerms, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the summed value of the terms both sentences hold (the left one's value)."""
    return _pair_sums(weighted, left, right, product=False)


def only_terms(weighted: WeightedTerms, keep: np.ndarray) -> WeightedTerms:
    """``weighted`` with only the entries ``keep`` marks (``totals`` summed over those)."""
    sentences = len(weighted.starts) - 1
    kept_keys = weighted.keys[keep]
    sentence = kept_keys // weighted.base
    values = weighted.values[keep]
    per_sentence = np.bincount(sentence, minlength=sentences)
    return WeightedTerms(
        terms=weighted.terms[keep],
        values=values,
        starts=np.concatenate(([0], np.cumsum(per_sentence))).astype(np.int64),
        totals=np.bincount(sentence, weights=values, minlength=sentences),
        keys=kept_keys,
        base=weighted.base,
        vocabulary=weighted.vocabulary,
    )


def _pair_sums(
    weighted: WeightedTerms, left: np.ndarray, right: np.ndarray, *, product: bool
) -> np.ndarray:
    """Per pair, the sum over the terms both sentences hold of the left value times the
    right one (``product``) or of the left value alone."""
    out = np.zeros(len(left), dtype=np.float64)
    for lo in range(0, len(left), _PAIR_CHUNK):
        checkpoint()
        hi = min(lo + _PAIR_CHUNK, len(left))
        out[lo:hi] = _chunk_sums(weighted, left[lo:hi], right[lo:hi], product)
    return out


def _chunk_sums(
    weighted: WeightedTerms, left: np.ndarray, right: np.ndarray, product: bool
) -> np.ndarray:
    # Every term of each pair's right sentence, looked up under the pair's left sentence
    # among the folder's (sentence, term) keys, which are sorted: one binary search per
    # right term finds the shared ones. They come in ascending term order within a pair, as
    # the left sentence lists them, so each pair's sum adds the same values in the same order.
    starts = weighted.starts[right]
    lengths = weighted.starts[right + 1] - starts
    pair = np.repeat(np.arange(len(right), dtype=np.int64), lengths)
    offsets = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )
    right_at = np.repeat(starts, lengths) + offsets
    wanted = left[pair] * weighted.base + weighted.terms[right_at]
    keys = weighted.keys
    found = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    both = keys[found] == wanted if len(keys) else np.zeros(len(wanted), dtype=bool)
    values = weighted.values[found[both]]
    if product:
        values = values * weighted.values[right_at[both]]
    return np.bincount(pair[both], weights=values, minlength=len(left))
