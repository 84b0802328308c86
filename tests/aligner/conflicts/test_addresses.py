"""One street told two ways by counterpart sentences of different sources: soft name
conflicts, and what is left alone."""

from __future__ import annotations

from aligner.conflicts.addresses import address_conflicts, addresses
from aligner.text.features import sentence_features
from tests.conftest import counterpart_details


def conflicts(one: str, other: str, score: float = 90.0) -> list[str]:
    """The details found between ``one`` (source 0) and ``other`` (source 1), scored
    ``score`` against each other, counterparts from 30."""
    return counterpart_details(address_conflicts, one, other, score, 30.0)


STREET = "The shooting occurred at 7:30 p.m. in the 5500 block of East 84th Street."
TERRACE = "The shooting was reported at 7:30 p.m. near East 84th Terrace and Drury Circle."


def test_the_streets_a_sentence_names() -> None:
    assert [str(a) for a in addresses(sentence_features(TERRACE))] == [
        "East 84th Terrace",
        "Drury Circle",
    ]
    told = "He lived on West Main St. near Elm Ave. and St. Louis Road."
    assert [str(a) for a in addresses(sentence_features(told))] == ["Elm Avenue", "Louis Road"]
    assert addresses(sentence_features("The Supreme Court heard the case.")) == ()


def test_one_street_with_another_kind_or_direction() -> None:
    # news cluster mn081: a reader checks which address is right.
    assert conflicts(STREET, TERRACE) == ["East 84th Street vs East 84th Terrace (address)"]
    assert conflicts(
        "A man was shot on East Main Street on Friday.",
        "A man was shot on West Main Street on Friday.",
    ) == ["East Main Street vs West Main Street (address)"]


def test_only_counterparts_of_different_sources_are_compared() -> None:
    assert conflicts(STREET, TERRACE, score=29.0) == []
    features = [sentence_features(STREET), sentence_features(TERRACE)]
    assert address_conflicts(features, [0, 0], [{1: 90.0}, {0: 90.0}], 30.0) == []


def test_other_streets_and_one_street_told_more_fully_are_left_alone() -> None:
    # Another street: a story names several.
    assert conflicts(STREET, "Police found the car in the 4200 block of East 68th Street.") == []
    # A direction told by one source only.
    assert conflicts(STREET, "The shooting occurred in the 5500 block of 84th Street.") == []
    # The other sentence names both: a corner of two ways.
    assert conflicts(STREET, "It happened near 84th Terrace and East 84th Street.") == []
