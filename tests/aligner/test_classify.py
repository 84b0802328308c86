"""Each conflict kind, and the equivalent forms that must not be conflicts."""

from __future__ import annotations

import pytest

from aligner.classify import find_conflicts, group_label
from aligner.features import sentence_features
from aligner.model import ConflictKind, Label


def conflicts(a: str, b: str, **kwargs):
    return find_conflicts(sentence_features(a), sentence_features(b), **kwargs)


def kinds(a: str, b: str) -> set[ConflictKind]:
    return {f.kind for f in conflicts(a, b)}


def test_different_casualty_counts_conflict_with_a_readable_detail() -> None:
    found = conflicts(
        "At least 29 people were killed in the blast.", "19 people were killed in the blast."
    )
    assert [f.kind for f in found] == [ConflictKind.NUMBER]
    assert found[0].detail == "At least 29 vs 19 (people)"


def test_different_counted_nouns_still_conflict_when_alone() -> None:
    found = conflicts(
        "Searchers recovered four large parts.", "Searchers recovered two big objects."
    )
    assert [f.kind for f in found] == [ConflictKind.NUMBER]
    assert "four" in found[0].detail and "two" in found[0].detail


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("They found thirty bodies.", "They found 30 bodies."),
        ("The call lasted nearly 90 minutes.", "The call lasted close to an hour and a half."),
        (
            "Zelenskiy's office said they spoke for about an hour, while the Kremlin said the "
            "call lasted nearly an hour and a half.",
            "The Kremlin said the call lasted nearly 90 minutes.",
        ),
        ("The deal is worth $2.5 billion.", "The deal is worth $2,500 million."),
        ("Hundreds of thousands were killed.", "More than 300,000 were killed."),
    ],
)
def test_equivalent_or_partial_figures_are_not_conflicts(a: str, b: str) -> None:
    assert conflicts(a, b) == []


def test_age_conflict() -> None:
    found = conflicts("The 73-year-old pleaded guilty.", "The 72-year-old pleaded guilty.")
    assert [(f.kind, f.detail) for f in found] == [
        (ConflictKind.NUMBER, "73-year-old vs 72-year-old (age)")
    ]


def test_negation_conflict() -> None:
    found = conflicts(
        "U.S. troops would be deployed to Ukraine.", "U.S. troops would not be deployed to Ukraine."
    )
    assert [f.kind for f in found] == [ConflictKind.NEGATION]
    assert '"not' in found[0].detail


def test_negation_in_both_is_agreement() -> None:
    assert (
        kinds(
            "U.S. troops would not be deployed to Ukraine.",
            "U.S. troops would not be stationed in Ukraine.",
        )
        == set()
    )


def test_negation_about_something_else_is_not_a_conflict() -> None:
    assert ConflictKind.NEGATION not in kinds(
        "Trump spoke with Putin on Wednesday.",
        "Trump spoke with Putin on Wednesday, without giving details.",
    )


def test_antonym_conflict() -> None:
    found = conflicts("The court upheld the ruling.", "The court overturned the ruling.")
    assert [(f.kind, f.detail) for f in found] == [
        (ConflictKind.ANTONYM, '"upheld" vs "overturned"')
    ]


def test_entity_in_same_slot_conflicts() -> None:
    found = conflicts(
        "Trump said the meeting would take place in Munich on Friday.",
        "Trump said the meeting would take place in Riyadh on Friday.",
    )
    assert [(f.kind, f.detail) for f in found] == [(ConflictKind.ENTITY, "Munich vs Riyadh")]


def test_spelling_variants_of_a_name_are_not_conflicts() -> None:
    assert (
        conflicts(
            "Ukrainian President Volodymyr Zelenskiy spoke to Trump.",
            "Ukrainian President Volodymyr Zelensky spoke to Trump.",
        )
        == []
    )


def test_numbers_only_requires_the_same_counted_thing() -> None:
    same = conflicts(
        "Four people are in custody.", "Malaysia has three people in custody.", numbers_only=True
    )
    assert [f.detail for f in same] == ["Four vs three (people)"]
    assert conflicts("Four people were there.", "Three cars were there.", numbers_only=True) == []


def test_group_labels() -> None:
    assert group_label(1, False) is Label.UNIQUE
    assert group_label(1, True) is Label.UNIQUE
    assert group_label(3, False) is Label.SHARED
    assert group_label(2, True) is Label.CONTRADICTING


def test_a_sentence_contained_in_another_is_shared() -> None:
    from aligner.pair import compare_pair

    verdict = compare_pair(
        "The conversation went very well.",
        "After speaking to the Ukrainian leader, Trump said: “The conversation went very well.",
    )
    assert verdict.label == "shared"
    assert compare_pair("It went well.", "Trump said it went well, then left.").label != "shared"
