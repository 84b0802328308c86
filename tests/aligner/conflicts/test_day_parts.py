"""One day's part told two ways by counterpart sentences of different sources: soft number
conflicts, and what is left alone."""

from __future__ import annotations

import pytest

from aligner.conflicts.day_parts import day_part_conflicts, day_parts
from aligner.result.model import ConflictKind
from aligner.text.features import sentence_features
from tests.conftest import counterpart_details


def conflicts(one: str, other: str, score: float = 80.0) -> list[str]:
    """The details found between ``one`` (source 0) and ``other`` (source 1), scored
    ``score`` against each other, counterparts from 60."""
    return counterpart_details(day_part_conflicts, one, other, score, 60.0, ConflictKind.NUMBER)


AFTERNOON = "On Saturday afternoon, the store manager reported a strong smell from the column."
MORNING = "The body was found after a store manager complained about a smell Saturday morning."


def test_parts_of_one_day_that_cannot_overlap_are_told_two_ways() -> None:
    # news cluster mn183: the manager's complaint, in the morning or in the afternoon?
    assert conflicts(AFTERNOON, MORNING) == [
        "Saturday afternoon vs Saturday morning (reported a strong smell / complained)"
    ]
    assert conflicts(
        "Early Monday, police raided the apartment of the suspect.",
        "Police raided the apartment of the suspect on Monday night.",
    ) == ["early Monday vs Monday night (raided the apartment)"]


def test_only_sure_counterparts_of_different_sources_are_compared() -> None:
    # Sentences scoring just over the row threshold mostly tell two events of the day.
    assert conflicts(AFTERNOON, MORNING, score=35.0) == []
    features = [sentence_features(AFTERNOON), sentence_features(MORNING)]
    assert day_part_conflicts(features, [0, 0], [{1: 80.0}, {0: 80.0}], 60.0) == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Parts that may overlap: a late afternoon is an early evening.
        ("The fire broke out Friday afternoon.", "The fire broke out Friday evening."),
        ("The fire broke out Friday evening.", "The fire broke out late Friday."),
        ("The fire broke out early Friday.", "The fire broke out Friday morning."),
        # Two days (the row check's), a day without a part, a relative day.
        ("The fire broke out Friday morning.", "The fire broke out Thursday evening."),
        ("The fire broke out Friday morning.", "The fire broke out on Friday."),
        ("The fire broke out this morning.", "The fire broke out this afternoon."),
        # A clock time is often another event of the day.
        ("The fire broke out Friday morning.", "The fire broke out at 2 p.m. Friday."),
        # A sentence that tells the day in two parts tells two events.
        (
            "The fire broke out Friday morning and was put out Friday evening.",
            "The fire broke out Friday afternoon.",
        ),
    ],
)
def test_parts_that_may_overlap_and_other_days_are_left_alone(one: str, other: str) -> None:
    assert conflicts(one, other) == []
    assert conflicts(other, one) == []


def test_a_part_is_told_after_the_weekday_or_before_it() -> None:
    told = day_parts(sentence_features("Early Sunday and Monday night, but on Tuesday."))
    assert told == [("monday", "night"), ("sunday", "early")]
    # "sat" and "sun" are words too.
    assert day_parts(sentence_features("He sat in the morning sun.")) == []
