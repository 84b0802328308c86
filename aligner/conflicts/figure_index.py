"""The figures of a comparison's sentences, worked out once for its number checks.

A large folder sets one sentence against hundreds of others (rows of near-copies: the
10,000 sentences of msrp/10k14 make 52,000 checks and half a million comparisons of two
figures). So what a check asks of one sentence alone is kept per sentence (``FigureSheet``),
and which figures of two sentences the other may match (``Quantity.compatible``) is
computed for a whole batch of checks at once, with numpy (``FigureIndex.matches``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from aligner.conflicts.subjects import (
    amount_purpose,
    figure_owners,
    figure_thing,
    sentence_located,
)
from aligner.text.features import SentenceFeatures
from aligner.text.quantities import Quantity
from aligner.text.wordlists import IRREGULAR_SINGULARS

# Per position of each of two sentences' figures: does a figure of the other sentence match it?
Matched = tuple[Sequence[bool], Sequence[bool]]


@dataclass(frozen=True, slots=True)
class BatchMatches:
    """``FigureIndex.matches`` of a batch of pairs of sentences, with what tells at once for
    the whole batch which pairs a number check may find anything in (``may_find`` of
    aligner/conflicts/pair_figures.py)."""

    matched: list[Matched]
    # Per pair, a bit per kind (``FigureIndex.kind_bits``): do both sentences give a figure
    # of that kind that no figure of the other matches?
    unmatched_kinds: np.ndarray
    # Per pair: does either give a lower bound, or both a time limit (``FigureSheet.bounds``,
    # ``FigureSheet.limits``)?
    bounds: np.ndarray


# The kinds' bits (``FigureIndex.kind_bits``) in an int64: a kind numbered past the last
# shares its bit with the others past it (a dozen kinds exist).
_LAST_KIND_BIT = 62

# Figure pairs compared in one numpy pass: bounds the memory a batch takes (some 300 bytes
# a pair: 20 MB), at no measurable cost in time (msrp/10k14 compares half a million).
_BATCH_PAIRS = 1 << 16


@dataclass(frozen=True, slots=True)
class FigureSheet:
    """One sentence's figures as the number checks ask of them; positions index
    ``sentence.quantities``."""

    sentence: SentenceFeatures
    by_kind: dict[str, tuple[int, ...]]  # the positions of each kind's figures, in order
    figures: frozenset[tuple[str, float]]  # (kind, value) of each figure
    unit_keys: tuple[str, ...]  # each figure's ``unit_key``
    # Each figure's (part, per, unit_key, has a unit): two figures of one kind, the first
    # with a unit, are in one unit (``same_unit``) when these are equal.
    units: tuple[tuple[bool, str, str, bool], ...]
    bounds: bool  # does it give a lower bound, which may make a bound finding?
    limits: bool  # does it give a time limit ("within hours"), likewise?
    # Each figure's ``figure_thing`` and ``several``, found when first asked: a sentence of
    # a row of near-copies is in a conflict with most of the row, and most sentences in none.
    things: list[str | None]
    alike: list[bool | None]
    owned: list[tuple[str, ...] | None]  # each figure's ``figure_owners``, likewise
    # Each amount's ``amount_purpose``, found when first asked, likewise.
    purposes: list[tuple[str, ...] | None]
    # The sentence's ``time_frames``: a sheet is made for a check, which mostly needs them.
    frames: tuple[frozenset[str], frozenset[str]]
    kinds: tuple[str, ...]  # the kinds of its figures, sorted

    def several(self, at: int) -> bool:
        """Does the sentence give, besides its figure at ``at``, a different figure that may
        be of the same thing (``_several``)?"""
        known = self.alike[at]
        if known is None:
            known = self.alike[at] = _several(self.sentence.quantities, at)
        return known

    def owners(self, at: int) -> tuple[str, ...]:
        """The names the figure at ``at`` may belong to (``figure_owners``)."""
        known = self.owned[at]
        if known is None:
            sentence_located(self.sentence)  # see ``thing``
            known = self.owned[at] = figure_owners(self.sentence.text, self.sentence.quantities[at])
        return known

    def purpose(self, at: int) -> tuple[str, ...]:
        """What the figure at ``at`` is told to be in or for, if an amount
        (``amount_purpose``): ("punitive", "damages") for "$25 million in punitive damages"."""
        known = self.purposes[at]
        if known is None:
            quantity = self.sentence.quantities[at]
            sentence_located(self.sentence)  # see ``thing``
            told = amount_purpose(self.sentence.text, quantity) if quantity.kind == "money" else ()
            known = self.purposes[at] = told
        return known

    def thing(self, at: int) -> str:
        """What the figure at ``at`` tells (``figure_thing``)."""
        known = self.things[at]
        if known is None:
            # The finders read the words around the figure: the sentence is located from
            # where the analysis found its figures, not located all over again.
            sentence_located(self.sentence)
            known = self.things[at] = figure_thing(self.sentence.text, self.sentence.quantities[at])
        return known


class FigureIndex:
    """The sheets of ``features`` (``sheet``), and their figures in columns for numpy."""

    def __init__(self, features: Sequence[SentenceFeatures]) -> None:
        self._features = features
        self._sheets: list[FigureSheet | None] = [None] * len(features)
        counts = [len(sentence.quantities) for sentence in features]
        self._count = np.array(counts, dtype=np.int64)
        self._first = np.cumsum(self._count) - self._count
        figures = [q for sentence in features for q in sentence.quantities]
        self._figures = figures
        self._kind_codes: dict[str, int] = {}
        self._columns = _Columns.of(figures, self._kind_codes)
        self._kind_bit = np.left_shift(1, np.minimum(self._columns.kind, _LAST_KIND_BIT))
        # Per sentence, whether it gives a lower bound, and a time limit: made when first asked.
        self._bounded: np.ndarray | None = None
        self._limited: np.ndarray | None = None

    def sheet(self, at: int) -> FigureSheet:
        """The sheet of the sentence at ``at``, made when first asked: the index is made
        before the checks fork, and most sentences of a large folder are checked in one
        worker process or in none."""
        known = self._sheets[at]
        if known is None:
            known = self._sheets[at] = _sheet(self._features[at])
        return known

    def counts(self, sentences: np.ndarray) -> np.ndarray:
        """How many figures each of ``sentences`` gives."""
        found: np.ndarray = self._count[sentences]
        return found

    def firsts(self, sentences: np.ndarray) -> np.ndarray:
        """The number of the first figure of each of ``sentences``: a sentence's figures are
        numbered in order, after those of the sentences before it."""
        found: np.ndarray = self._first[sentences]
        return found

    def fits(self, one: np.ndarray, other: np.ndarray) -> np.ndarray:
        """``Quantity.compatible`` of each figure numbered in ``one`` with the one at its
        place in ``other``."""
        return self._compatible(one, other)[0]

    def matches(self, pairs: Sequence[tuple[int, int]]) -> list[Matched]:
        """For each pair of sentences (i, j), which figures of each some figure of the other
        may be (``Quantity.compatible``), by position."""
        return self.matches_at_once(pairs).matched

    def matches_at_once(self, pairs: Sequence[tuple[int, int]]) -> BatchMatches:
        """``matches`` of each pair of sentences (i, j), and what they tell of the pair's
        figures, for a whole batch of pairs at once (see ``BatchMatches``)."""
        both = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        left, right = both[:, 0], both[:, 1]
        sizes = self._count[left] * self._count[right]
        found: list[Matched] = []
        unmatched: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        start = 0
        while start < len(pairs):
            if sizes[start] > _BATCH_PAIRS:  # two sentences of very many figures
                stop = start + 1
                matched, kinds = self._one_by_one(int(left[start]), int(right[start]))
            else:
                # As many pairs of sentences as make up a batch's figure pairs.
                within = np.cumsum(sizes[start:]) <= _BATCH_PAIRS
                stop = start + int(within.sum())
                matched, kinds = self._batch(left[start:stop], right[start:stop])
            found += matched
            unmatched.append(kinds)
            start = stop
        return BatchMatches(found, np.concatenate(unmatched), self._bounds_either(left, right))

    def kind_bits(self, kinds: Iterable[str]) -> int:
        """The bits of ``kinds`` in ``BatchMatches.unmatched_kinds``."""
        codes = (self._kind_codes[kind] for kind in kinds if kind in self._kind_codes)
        # A kind numbered past the last bit shares it with others: never told apart from them.
        return sum(1 << code for code in codes if code < _LAST_KIND_BIT)

    def _unmatched_kinds(self, sentences: np.ndarray, matched: np.ndarray) -> np.ndarray:
        """Per sentence of ``sentences`` (its figures' ``matched``, in consecutive slots):
        the kinds of its figures that are not matched, a bit each (``kind_bits``)."""
        count = self._count[sentences]
        figure = np.repeat(self._first[sentences], count) + positions(count)
        bits = np.where(matched, 0, self._kind_bit[figure])
        # ``reduceat`` reads a slot for a sentence of no figure too (its answer, none, is set
        # below) and for the last one: one slot more, of no kind, after the last figure.
        found = np.bitwise_or.reduceat(np.append(bits, 0), np.cumsum(count) - count)
        told: np.ndarray = np.where(count > 0, found, 0)
        return told

    def _bounds_either(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Per pair (left[k], right[k]): does either sentence give a lower bound (its sheet's
        ``bounds``), or do both give a time limit (``limits``)?"""
        if self._bounded is None or self._limited is None:
            self._bounded = self._sentences_giving(_lower_bounds(self._columns))
            self._limited = self._sentences_giving(
                _time_limits(self._columns, self._kind_codes.get("duration", -1))
            )
        bounded, limited = self._bounded, self._limited
        found: np.ndarray = bounded[left] | bounded[right] | (limited[left] & limited[right])
        return found

    def _sentences_giving(self, figures: np.ndarray) -> np.ndarray:
        """Per sentence: does it give one of ``figures`` (a mask over all figures)?"""
        sentence = np.repeat(np.arange(len(self._count)), self._count)
        given: np.ndarray = np.bincount(sentence[figures], minlength=len(self._count)) > 0
        return given

    def _one_by_one(self, i: int, j: int) -> tuple[list[Matched], np.ndarray]:
        """``_batch`` of one pair of sentences, each figure of ``i`` against all of ``j`` in
        turn: the memory of one figure's comparisons at a time."""
        first_a, count_a = int(self._first[i]), int(self._count[i])
        others = np.arange(int(self._first[j]), int(self._first[j] + self._count[j]))
        matched_a = np.zeros(count_a, dtype=bool)
        matched_b = np.zeros(len(others), dtype=bool)
        for at, one in enumerate(range(first_a, first_a + count_a)):
            fits_a, fits_b = self._compatible(np.full(len(others), one), others)
            matched_a[at] = fits_a.any()
            matched_b |= fits_b
        unmatched = self._unmatched_kinds(np.array([i]), matched_a) & self._unmatched_kinds(
            np.array([j]), matched_b
        )
        return [(matched_a.tolist(), matched_b.tolist())], unmatched

    def _batch(self, left: np.ndarray, right: np.ndarray) -> tuple[list[Matched], np.ndarray]:
        """``matches`` of the pairs (left[k], right[k]), and their
        ``BatchMatches.unmatched_kinds``."""
        count_a, count_b = self._count[left], self._count[right]
        sizes = count_a * count_b
        # Every figure of each left sentence against every figure of its right one.
        pair_of = np.repeat(np.arange(len(left)), sizes)
        k = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        at_a, at_b = np.divmod(k, count_b[pair_of])
        one = self._first[left][pair_of] + at_a
        other = self._first[right][pair_of] + at_b
        fits_a, fits_b = self._compatible(one, other)
        # Each pair's figures of either sentence take consecutive slots.
        slot_a = np.cumsum(count_a) - count_a
        slot_b = np.cumsum(count_b) - count_b
        matched_a = _any_by(slot_a[pair_of] + at_a, fits_a, int(count_a.sum()))
        matched_b = _any_by(slot_b[pair_of] + at_b, fits_b, int(count_b.sum()))
        unmatched = self._unmatched_kinds(left, matched_a) & self._unmatched_kinds(right, matched_b)
        listed_a, listed_b = matched_a.tolist(), matched_b.tolist()
        matched = [
            (listed_a[sa : sa + ca], listed_b[sb : sb + cb])
            for sa, ca, sb, cb in zip(
                slot_a.tolist(), count_a.tolist(), slot_b.tolist(), count_b.tolist(), strict=True
            )
        ]
        return matched, unmatched

    def _compatible(self, one: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``Quantity.compatible`` of the figures ``one`` with ``other``, and of ``other``
        with ``one``: the same but where a value is not a number (NaN), where Python's
        ``max`` depends on the order and so ``compatible`` too; those are compared one by
        one, as told."""
        fits = _compatible_columns(self._columns.take(one), self._columns.take(other))
        back = fits.copy()
        odd = self._columns.odd[one] | self._columns.odd[other]
        for k in np.flatnonzero(odd).tolist():
            first, second = self._figures[one[k]], self._figures[other[k]]
            fits[k], back[k] = first.compatible(second), second.compatible(first)
        return fits, back


def _lower_bounds(figures: _Columns) -> np.ndarray:
    """Which ``figures`` are lower bounds (``is_lower_bound``)."""
    found: np.ndarray = (figures.high == np.inf) & (figures.low == figures.value)
    return found


def _time_limits(figures: _Columns, duration: int) -> np.ndarray:
    """Which ``figures`` are durations (kind number ``duration``) told as a limit
    (``is_upper_bound``)."""
    open_below = (figures.low == 0) & (figures.high > 0) & (figures.high < np.inf)
    found: np.ndarray = (figures.kind == duration) & open_below
    return found


def positions(count: np.ndarray) -> np.ndarray:
    """0 to ``count[k]`` - 1 for each k in turn."""
    return np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)


def _any_by(slots: np.ndarray, fits: np.ndarray, size: int) -> np.ndarray:
    """Per slot, whether any of its ``fits`` is true."""
    return np.bincount(slots, weights=fits, minlength=size) > 0


@dataclass(frozen=True, slots=True)
class _Columns:
    """What ``Quantity.compatible`` reads of each figure, one array per field."""

    kind: np.ndarray
    month: np.ndarray
    value: np.ndarray
    low: np.ndarray
    high: np.ndarray
    grain: np.ndarray
    step: np.ndarray
    odd: np.ndarray  # a field that is not a number (NaN): compared one by one

    @staticmethod
    def of(figures: Sequence[Quantity], codes: dict[str, int]) -> _Columns:
        """The columns of ``figures``; ``codes``: the number of each kind, filled here."""
        numbers = np.array(
            [(q.value, q.low, q.high, q.grain, q.step) for q in figures], dtype=np.float64
        ).reshape(-1, 5)
        return _Columns(
            kind=np.array([codes.setdefault(q.kind, len(codes)) for q in figures], np.int64),
            month=np.array([q.kind == "month" for q in figures], dtype=bool),
            value=numbers[:, 0],
            low=numbers[:, 1],
            high=numbers[:, 2],
            grain=numbers[:, 3],
            step=numbers[:, 4],
            odd=np.asarray(np.isnan(numbers).any(axis=1), dtype=bool),
        )

    def take(self, at: np.ndarray) -> _Columns:
        return _Columns(
            *(column[at] for column in (self.kind, self.month, self.value, self.low)),
            *(column[at] for column in (self.high, self.grain, self.step, self.odd)),
        )


def _compatible_columns(a: _Columns, b: _Columns) -> np.ndarray:
    """``Quantity.compatible`` of each figure of ``a`` and the one at its place in ``b``,
    step by step as it is written there (the same float operations in the same order give
    the same answers; a NaN, where Python's ``max`` and numpy's differ, is the caller's)."""
    with np.errstate(invalid="ignore", over="ignore"):
        largest = np.maximum(np.abs(a.value), np.abs(b.value))
        slack = 1e-9 + np.where(a.month, 0.0, 0.005 * largest)
        grained = a.grain != b.grain
        slack = np.where(
            grained, slack + np.minimum(0.5 * np.maximum(a.grain, b.grain), 0.1 * largest), slack
        )
        overlap = (a.low <= b.high + slack) & (b.low <= a.high + slack)
        apart = np.abs(a.value - b.value)
        rounded = ((a.step > 0) & (a.step < b.step) & (apart <= 0.5 * b.step * (1 + 1e-9))) | (
            (b.step > 0) & (b.step < a.step) & (apart <= 0.5 * a.step * (1 + 1e-9))
        )
        result: np.ndarray = (a.kind == b.kind) & (overlap | rounded)
        return result


def _sheet(sentence: SentenceFeatures) -> FigureSheet:
    quantities = sentence.quantities
    if not quantities:  # most sentences: nothing to work out
        nothing: frozenset[str] = frozenset()
        return FigureSheet(
            sentence,
            {},
            frozenset(),
            (),
            (),
            False,
            False,
            [],
            [],
            [],
            [],
            (nothing,) * 2,
            (),
        )
    by_kind: dict[str, list[int]] = {}
    for position, quantity in enumerate(quantities):
        by_kind.setdefault(quantity.kind, []).append(position)
    unit_keys = tuple(unit_key(q) for q in quantities)
    return FigureSheet(
        sentence=sentence,
        by_kind={kind: tuple(positions) for kind, positions in by_kind.items()},
        figures=frozenset((q.kind, q.value) for q in quantities),
        unit_keys=unit_keys,
        units=tuple(
            (q.part, q.per, key, bool(q.unit)) for q, key in zip(quantities, unit_keys, strict=True)
        ),
        bounds=any(is_lower_bound(q) for q in quantities),
        limits=any(q.kind == "duration" and is_upper_bound(q) for q in quantities),
        things=[None] * len(quantities),
        alike=[None] * len(quantities),
        owned=[None] * len(quantities),
        purposes=[None] * len(quantities),
        frames=time_frames(sentence.tokens, sentence.stems),
        kinds=tuple(sorted(by_kind)),
    )


# Words before a verb that tell its act as still to come: "to serve", "will serve".
_TO_COME = frozenset(["to", "will", "would", "could", "may", "might", "must", "shall", "can"])


def time_frames(
    tokens: Sequence[str], stems: Sequence[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of the verbs a sentence (its ``tokens`` and their ``stems``) tells only in the
    past ("served"), and of those it tells only as to come ("to serve", "will serve")."""
    done: set[str] = set()
    to_come: set[str] = set()
    for k, token in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        if before in _TO_COME and token.isalpha() and not token.endswith("ed"):
            to_come.add(stems[k])
        elif token.endswith("ed") and before not in _TO_COME and before != "be":
            done.add(stems[k])
    return frozenset(done - to_come), frozenset(to_come - done)


def _several(quantities: Sequence[Quantity], at: int) -> bool:
    """Does the sentence give, besides its figure at ``at``, a different figure that may be
    of the same thing? A count's noun says what it counts; an amount's, a percentage's or a
    time's unit does not ("a case of cola costs an extra $8, and one of juice went from $16
    to $26"): any other of its unit makes the pairing a guess."""
    quantity = quantities[at]
    if quantity.kind == "count":
        alike = [
            k for k, q in enumerate(quantities) if q.kind == "count" and same_unit(q, quantity)
        ]
    else:
        alike = [
            k
            for k, q in enumerate(quantities)
            if (q.kind, q.unit) == (quantity.kind, quantity.unit)
        ]
    return any(k != at and not quantities[k].compatible(quantity) for k in alike)


def is_upper_bound(quantity: Quantity) -> bool:
    """Open below: "within an hour", "up to two years" (zero to the figure)."""
    return quantity.low == 0 < quantity.high < float("inf")


def is_lower_bound(quantity: Quantity) -> bool:
    """Open above: "at least 19", "more than 20" (the figure to infinity)."""
    return quantity.high == float("inf") and quantity.low == quantity.value


@lru_cache(maxsize=4_096)  # asked for each pair of figures compared, of a few nouns
def singular_of(noun: str) -> str:
    """ "children" -> "child", "votes" -> "vote", "electoral" stays (a plain -s rule with the
    irregular plurals; no stemmer, which makes "electors" and "electoral" one word)."""
    noun = noun.lower()
    if noun in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[noun]
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def unit_key(quantity: Quantity) -> str:
    """What ``same_unit`` compares: a count's noun in the singular, other units as written."""
    return singular_of(quantity.unit) if quantity.kind == "count" else quantity.unit


def same_unit(qa: Quantity, qb: Quantity) -> bool:
    """Do two figures measure in one unit, the whole of one thing ("three other charges" is
    part of the charges) and per one thing ("cents per ounce" / "cents per year")?"""
    if qa.part != qb.part or qa.per != qb.per:
        return False
    if qa.kind != "count":
        return qa.unit == qb.unit
    return bool(qb.unit) and unit_key(qa) == unit_key(qb)
