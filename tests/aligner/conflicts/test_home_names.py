"""Two homes given to the same people by counterpart sentences of different sources: soft
name conflicts, and what is left alone."""

from __future__ import annotations

from aligner.conflicts.home_names import home_name_conflicts
from aligner.result.model import ConflictKind, Severity
from aligner.text.features import sentence_features


def conflicts(one: str, other: str, score: float = 80.0, *folder: str) -> list[str]:
    """The details found between ``one`` (source 0) and ``other`` (source 1), scored
    ``score`` against each other, counterparts from 30; ``folder``: more sentences of a
    third source, scored against nothing."""
    features = [sentence_features(text) for text in (one, other, *folder)]
    similar: list[dict[int, float]] = [{1: score}, {0: score}, *({} for _ in folder)]
    found = home_name_conflicts(features, [0, 1, *(2 for _ in folder)], similar, 30.0)
    for c in found:
        assert (c.a, c.b) == (0, 1)
        assert c.finding.kind is ConflictKind.ENTITY and c.finding.severity is Severity.SOFT
    return [c.finding.detail for c in found]


KANSAS_CITY = "Gunmen shot a Kansas City couple looking to buy their teenage son a car, police say."
LIBERTY = "A Liberty couple and their teenage son had gone there to look at a car."


def test_two_homes_of_one_couple() -> None:
    # news cluster mn081: Liberty is a suburb of Kansas City; a reader checks which.
    assert conflicts(KANSAS_CITY, LIBERTY) == ["Kansas City vs Liberty (the couple's home)"]
    assert conflicts(
        "The Medford woman, 29, died at the finish line.",
        "An Arlington woman, 29, died at the finish line.",
    ) == ["Medford vs Arlington (the woman's home)"]


def test_only_counterparts_of_different_sources_are_compared() -> None:
    assert conflicts(KANSAS_CITY, LIBERTY, score=29.0) == []
    features = [sentence_features(KANSAS_CITY), sentence_features(LIBERTY)]
    assert home_name_conflicts(features, [0, 0], [{1: 80.0}, {0: 80.0}], 30.0) == []


def test_other_people_and_one_home_told_two_ways_are_left_alone() -> None:
    # A couple and a man: different people.
    assert conflicts(KANSAS_CITY, "A Liberty man and his son had gone to look at a car.") == []
    # The other sentence names both places: it tells where each is.
    assert conflicts(KANSAS_CITY, "A Liberty couple from near Kansas City went to buy a car.") == []
    # One name written two ways, and names sharing a word.
    assert conflicts("A KC couple was shot.", "A Kansas City couple was shot.") == []
    assert conflicts("A Kansas City couple was shot.", "A North Kansas City couple was shot.") == []


def test_nationalities_surnames_and_families_of_things_are_left_alone() -> None:
    # Two women of two countries are two people.
    assert (
        conflicts(
            "Police said a Vietnamese woman wiped his face at the airport.",
            "Police said an Indonesian woman wiped his face at the airport.",
        )
        == []
    )
    # Two families: the folder writes "Richard" and "Campbell" as surnames.
    richard = "The school offered its every prayer for the Richard family."
    campbell = "The restaurant offered its every prayer for the Campbell family."
    assert conflicts(richard, campbell) == ["Richard vs Campbell (the family's home)"]
    named = ("Martin Richard, 8, was killed.", "Krystle Campbell, 29, was killed.")
    assert conflicts(richard, campbell, 80.0, *named) == []
    # A family of products.
    assert (
        conflicts(
            "It extends the ControlCenter family of storage tools.",
            "It extends the Tivoli family of storage tools.",
        )
        == []
    )
