"""Which lone sentences a reader is told are told elsewhere (``~``) or perhaps (``±``)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from aligner.pipeline import compare
from aligner.result.model import Comparison, Link
from tests.conftest import lone_and_other


@cache
def _sample() -> Comparison:
    return compare()


def _lone_and_other() -> tuple[str, str]:
    return lone_and_other(_sample())


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_a_link_tells_in_other_words_from_the_threshold_on_and_is_close_under_it(
    score: float,
) -> None:
    lone, other = _lone_and_other()
    linked = replace(_sample(), links=(Link(lone, other, score),), near=())
    sure = score >= linked.options.threshold
    for sid in (lone, other):
        assert (sid in linked.told_in_other_words) == sure
        assert (sid in linked.close_elsewhere) == (not sure)


def test_one_sure_link_outweighs_weak_ones_and_near_sentences() -> None:
    lone, other = _lone_and_other()
    sample = _sample()
    threshold = sample.options.threshold
    third = next(s.id for s in sample.articles[-2].prose if s.id not in (lone, other))
    links = (Link(lone, other, threshold - 10), Link(lone, third, threshold + 10))
    linked = replace(sample, links=links, near=(Link(lone, other, threshold - 5),))
    assert lone in linked.told_in_other_words and lone not in linked.close_elsewhere
    assert other in linked.close_elsewhere  # its only link is the weak one
