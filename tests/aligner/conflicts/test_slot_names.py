"""Two names of one kind in the same slot of two related sentences: soft name conflicts,
and what is left alone."""

from __future__ import annotations

from aligner.conflicts.slot_names import slot_name_conflicts
from aligner.text.features import sentence_features
from tests.conftest import counterpart_details


def conflicts(one: str, other: str, score: float = 90.0) -> list[str]:
    """The details found between ``one`` (source 0) and ``other`` (source 1), scored
    ``score`` against each other, counterparts from 30."""
    return counterpart_details(slot_name_conflicts, one, other, score, 30.0)


LOGAN = "Two women were charged over an incident at a Logan Square daycare where five were hurt."
PALMER = "Two were charged over an incident at a Palmer Square day care where five were hurt."


def test_a_place_named_two_ways_in_one_slot() -> None:
    # news cluster mn034: one address, two neighbourhoods; "daycare" / "day care" alike.
    assert conflicts(LOGAN, PALMER) == ["Logan Square vs Palmer Square (incident at a … daycare)"]


def test_only_counterparts_of_different_sources_are_compared() -> None:
    assert conflicts(LOGAN, PALMER, score=29.0) == []
    features = [sentence_features(LOGAN), sentence_features(PALMER)]
    assert slot_name_conflicts(features, [0, 0], [{1: 90.0}, {0: 90.0}], 30.0) == []


def test_one_name_told_two_ways_is_left_alone() -> None:
    # A short form of a given name, another number of words, a near spelling.
    assert (
        conflicts(
            '"This decision is clearly incorrect," FTC Chairman Timothy Muris said on Monday.',
            'The decision is "clearly incorrect," FTC Chairman Tim Muris said on Monday.',
        )
        == []
    )
    assert (
        conflicts(
            "The seizure was confirmed by a US Treasury official in Baghdad.",
            "The seizure was confirmed by a United States Treasury official in Baghdad.",
        )
        == []
    )
    assert (
        conflicts(
            "He was taken to the Kings County Hospital Center, where he died.",
            "He was taken to the Kings Country Hospital Center, where he died.",
        )
        == []
    )


def test_other_frames_and_other_names_are_left_alone() -> None:
    # Only two words in common before the names: too common a frame.
    assert (
        conflicts(
            "It will be available on the EPA Web site: www.epa.gov.",
            "You can use features on the IRS Web site to track refunds.",
        )
        == []
    )
    # Two names apart in more than one word: no same kind of thing to compare.
    assert (
        conflicts(
            "He was in critical condition at Kings County Hospital Center, police said.",
            "He was in critical condition at Sacred Heart Hospital Center, police said.",
        )
        == []
    )
    # The other sentence has the name elsewhere: it tells both places.
    assert (
        conflicts(
            "The incident at a Logan Square daycare hurt five near Palmer Street.",
            "The incident at a Palmer Square daycare hurt five near Logan Street.",
        )
        == []
    )
    # Different words after the names: another slot.
    assert (
        conflicts(
            "Police said the incident at a Logan Square daycare hurt five.",
            "Police said the incident at a Palmer Square school hurt five.",
        )
        == []
    )
