"""FigureIndex.matches: which figures of two sentences the other may be, for a batch of
checks at once, exactly as Quantity.compatible tells one pair at a time."""

from __future__ import annotations

import itertools

import pytest

from aligner.conflicts import figure_index
from aligner.conflicts.figure_index import FigureIndex
from aligner.text.features import SentenceFeatures, sentence_features
from aligner.text.quantities import Quantity

# Figures of every kind, rounded and exact, bounds, ranges and coarse units side by side.
_TEXTS = [
    "Nearly 90 minutes later, 29 people were killed and 19 hurt.",
    "Close to an hour and a half later, thirty bodies were found.",
    "About an hour later 30 bodies, at least 19 killed, more than 40 allies.",
    "The deal was worth $2.5 billion, or $2,500 million, up 20% from 25%.",
    "He was sentenced to seven years, an 85-month term, not a 100-month term.",
    "Within four to six weeks, in five weeks, in nine weeks, within hours.",
    "The 73-year-old met the 72-year-old in May 2014 and again in April 2014.",
    "Shares rose 0.8 percent to $1.70, after 0.81 percent and $1.69; 4 percent, 3.8 percent.",
    "Some 60,000 fans, 59,619 counted, 300 or 296 seats, 1,000 or 1,200 tickets.",
    "At 4:00 am, 16:00 UTC, 150 million years ago, the 5500 block of 84th Street.",
    "It grew 0.8 percent and 4 percent, to 300 seats and $1.70.",
    "It grew 0.81 percent and 3.8 percent, to 296 seats and $1.69.",
    "No figure here at all.",
]


def _scalar(a: SentenceFeatures, b: SentenceFeatures) -> tuple[list[bool], list[bool]]:
    return (
        [any(q.compatible(o) for o in b.quantities) for q in a.quantities],
        [any(q.compatible(o) for o in a.quantities) for q in b.quantities],
    )


def _index_and_pairs() -> tuple[list[SentenceFeatures], FigureIndex, list[tuple[int, int]]]:
    features = [sentence_features(text) for text in _TEXTS]
    assert sum(len(f.quantities) for f in features) > 40  # the test compares many figures
    pairs = list(itertools.product(range(len(features)), repeat=2))
    return features, FigureIndex(features), pairs


def test_matches_are_those_of_quantity_compatible() -> None:
    features, index, pairs = _index_and_pairs()
    expected = [_scalar(features[i], features[j]) for i, j in pairs]
    assert index.matches(pairs) == expected
    assert any(any(a) and not all(a) for a, _ in expected)  # both answers are asked


@pytest.mark.parametrize("batch", [3, 40])
def test_small_batches_give_the_same_matches(monkeypatch: pytest.MonkeyPatch, batch: int) -> None:
    # 40: several pairs of sentences a batch; 3: most pairs over it, compared figure by figure.
    _, index, pairs = _index_and_pairs()
    whole = index.matches(pairs)
    monkeypatch.setattr(figure_index, "_BATCH_PAIRS", batch)
    assert index.matches(pairs) == whole
    assert index.matches([]) == []


@pytest.mark.parametrize("batch", [3, 40, 1 << 16])
def test_a_batch_tells_the_kinds_unmatched_on_both_sides_and_the_bounds(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    # 3: most pairs over a batch, compared figure by figure; 40: several a batch.
    features, index, pairs = _index_and_pairs()
    monkeypatch.setattr(figure_index, "_BATCH_PAIRS", batch)
    found = index.matches_at_once(pairs)
    assert found.matched == index.matches(pairs)
    kinds = {q.kind for sentence in features for q in sentence.quantities}
    told = [
        {kind for kind in kinds if bits & index.kind_bits([kind])}
        for bits in found.unmatched_kinds.tolist()
    ]
    unmatched = [
        {q.kind for q, matched in zip(features[i].quantities, m_i, strict=True) if not matched}
        & {q.kind for q, matched in zip(features[j].quantities, m_j, strict=True) if not matched}
        for (i, j), (m_i, m_j) in zip(pairs, found.matched, strict=True)
    ]
    assert told == unmatched
    assert set() in told and {"count"} in told  # both answers are asked
    sheets = [index.sheet(k) for k in range(len(features))]
    bounds = [
        sheets[i].bounds or sheets[j].bounds or (sheets[i].limits and sheets[j].limits)
        for i, j in pairs
    ]
    assert found.bounds.tolist() == bounds
    assert set(bounds) == {True, False}


def test_odd_values_are_compared_as_quantity_compatible_does() -> None:
    # NaN is where numpy's maximum and Python's max part ways; infinity is an open bound.
    nan, inf = float("nan"), float("inf")
    base = Quantity("count", 5.0, 5.0, 5.0, "people", "5 people")
    figures = [
        base,
        base._replace(value=nan),
        base._replace(value=5.0, low=nan),
        base._replace(step=nan),
        base._replace(value=inf, low=inf, high=inf),
        base._replace(high=inf),
        base._replace(value=5.01, low=5.01, high=5.01),
        base._replace(kind="month", value=24_000.0, low=24_000.0, high=24_000.0),
        base._replace(kind="month", value=24_001.0, low=24_001.0, high=24_001.0),
        base._replace(kind="duration", value=3600.0, low=3600.0, high=3600.0, grain=3600.0),
        base._replace(kind="duration", value=3900.0, low=3900.0, high=3900.0, grain=60.0),
    ]
    text = sentence_features("5 people.")
    sentences = [text._replace(quantities=(q,)) for q in figures]
    index = FigureIndex(sentences)
    pairs = list(itertools.product(range(len(sentences)), repeat=2))
    expected = [_scalar(sentences[i], sentences[j]) for i, j in pairs]
    assert index.matches(pairs) == expected
    assert [a for a, _ in expected].count([True]) not in (0, len(pairs))


def test_sheet_units_tell_same_unit_of_figures_of_one_kind() -> None:
    # What pairing figures compares instead of same_unit, for a first figure with a unit.
    base = Quantity("count", 5.0, 5.0, 5.0, "people", "5 people")
    crafted = [
        base,
        base._replace(unit="person"),
        base._replace(unit=""),
        base._replace(unit="s"),  # its singular is "", as no unit's is
        base._replace(part=True),
        base._replace(per="year"),
        base._replace(kind="money", unit="$"),
        base._replace(kind="money", unit=""),
    ]
    text = sentence_features("5 people.")
    sentences = [sentence_features(t) for t in _TEXTS] + [text._replace(quantities=tuple(crafted))]
    index = FigureIndex(sentences)
    told = [
        (q, unit)
        for sheet in map(index.sheet, range(len(sentences)))
        for q, unit in zip(sheet.sentence.quantities, sheet.units, strict=True)
    ]
    compared = [
        (unit_a == unit_b, figure_index.same_unit(qa, qb))
        for (qa, unit_a), (qb, unit_b) in itertools.product(told, repeat=2)
        if qa.kind == qb.kind and qa.unit
    ]
    assert all(by_units == by_same_unit for by_units, by_same_unit in compared)
    assert {by_units for by_units, _ in compared} == {True, False}
