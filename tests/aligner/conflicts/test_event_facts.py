"""Fact conflicts: a person's age and the event's toll, told with other figures by another
article in sentences too differently worded to align."""

from __future__ import annotations

import pytest

from aligner.conflicts.event_facts import (
    UNNAMED_AGE,
    Fact,
    attribute_unnamed_ages,
    fact_conflicts,
    sentence_facts,
)
from aligner.text.features import sentence_features
from aligner.text.quantities import extract_quantities


def facts(text: str) -> list[tuple[str, str]]:
    return [(f.key, f.quantity.surface) for f in sentence_facts(sentence_features(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The judge sentenced the ailing Durst, 73, to 85 months.", [("age:durst", "73")]),
        ("The 72-year-old Durst agreed to the sentence.", [("age:durst", "72-year-old")]),
        ("Police Chief Stephen Johnson, 53, was arrested.", [("age:stephen johnson", "53")]),
        ("Laci Peterson, 27, vanished.", [("age:laci peterson", "27")]),
        ("The 60-year-old former Senator Smith said so.", [("age:smith", "60-year-old")]),
        ("At least 29 people were killed in the blast.", [("toll:killed:", "At least 29")]),
        ("The blast killed 19 people.", [("toll:killed:", "19")]),
        ("The death toll rose to 31 on Monday.", [("toll:killed:", "31")]),
        ("Twenty-nine were reported dead.", [("toll:killed:", "Twenty-nine")]),
        ("Five people were hurt, two of them seriously.", [("toll:injured:", "Five")]),
        ("The bomb killed 19 and injured 40.", [("toll:killed:", "19"), ("toll:injured:", "40")]),
        ("Four people are in custody.", [("toll:arrested:", "Four")]),
        ("Police arrested three men.", [("toll:arrested:man", "three")]),
        ("Twelve soldiers were wounded.", [("toll:injured:soldier", "Twelve")]),
    ],
)
def test_facts_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 30-year-old Manchester United striker was hurt.",  # the striker's age
        "Her 92-year-old husband is ill.",
        "Three of the dead were children.",  # a part of the toll
        "The storm damaged 40 homes and killed livestock.",  # homes are no people
        "The company cut 300 jobs.",
        "A 29-member team searched the area.",
    ],
)
def test_no_fact(text: str) -> None:
    assert facts(text) == []


def _told(*sentences: tuple[int, str]) -> list[tuple[int, int, str]]:
    found = [sentence_facts(sentence_features(text)) for _, text in sentences]
    return [
        (c.a, c.b, c.finding.detail)
        for c in fact_conflicts(found, [article for article, _ in sentences])
    ]


def test_different_tolls_in_unrelated_wording_conflict() -> None:
    assert _told((0, "The death toll rose to 29 on Monday."), (1, "The blast killed 19.")) == [
        (0, 1, "29 vs 19 (killed)")
    ]


def test_ages_of_one_person_conflict() -> None:
    told = _told(
        (0, "The judge sentenced Durst, 73, on Wednesday."), (1, "The 72-year-old Durst agreed.")
    )
    assert told == [(0, 1, "73 vs 72-year-old (Durst's age)")]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Rescuers said thirty people were killed.", "The blast killed 30 people."),
        ("At least 29 people were killed.", "The blast killed 31."),
        ("Nearly 30 people died.", "The blast killed 28."),
        ("Durst, 73, was sentenced.", "The 73-year-old Durst agreed."),
        ("The bomb killed 19 people.", "Soldiers said 19 were killed."),
    ],
)
def test_equivalent_figures_never_conflict(left: str, right: str) -> None:
    assert _told((0, left), (1, right)) == []


def test_an_article_that_gives_a_matching_figure_anywhere_agrees() -> None:
    # The first article gives an early toll, then the one the second article gives.
    assert (
        _told(
            (0, "The blast killed 19 people."),
            (0, "By evening the death toll had risen to 29."),
            (1, "At least 29 people were killed."),
        )
        == []
    )


def test_different_kinds_of_people_and_one_article_are_no_conflict() -> None:
    assert _told((0, "The attack killed 3 soldiers."), (1, "The attack killed 5 people.")) == []
    assert _told((0, "The blast killed 19."), (0, "The death toll rose to 29.")) == []


def test_different_people_of_other_names_are_other_facts() -> None:
    assert _told((0, "Smith, 40, was arrested."), (1, "Jones, 41, was arrested.")) == []
    # One surname, two given names: a husband and his wife.
    assert _told((0, "Scott Peterson, 30, was charged."), (1, "Laci Peterson, 27, vanished.")) == []


def test_a_fact_given_many_figures_is_no_one_fact() -> None:
    # Articles about several events: every toll differs, and none is the event's.
    tolls = [(k, f"The blast killed {n} people.") for k, n in enumerate((3, 9, 14, 27, 40, 52))]
    assert _told(*tolls) == []
    assert len(_told(*tolls[:5])) == 10


def test_conflict_is_told_by_the_first_sentence_of_each_article() -> None:
    found = [
        (Fact("toll:killed:", "killed", q),)
        for q in (extract_quantities("19 people")[0], extract_quantities("29 people")[0])
    ]
    conflict = fact_conflicts([found[0], found[0], found[1]], [0, 0, 1])[0]
    assert (conflict.a, conflict.b) == (0, 2)


def test_an_article_that_repeats_its_figure_is_linked_each_time() -> None:
    facts = [
        sentence_facts(sentence_features(text))
        for text in (
            "Durst, 73, was sentenced on Wednesday.",
            "The 72-year-old Durst agreed to the sentence.",
            "The sentence, which the 72-year-old Durst accepted, was approved.",
        )
    ]
    found = fact_conflicts(facts, [0, 1, 1])
    assert sorted((c.a, c.b) for c in found) == [(0, 1), (0, 2)]


def _told_with_unnamed_ages(*told: tuple[int, str]) -> list[tuple[int, int, str]]:
    features = [sentence_features(text) for _, text in told]
    articles = [article for article, _ in told]
    found = attribute_unnamed_ages(
        [sentence_facts(f) for f in features], [frozenset(f.tokens) for f in features], articles
    )
    return [(c.a, c.b, c.finding.detail) for c in fact_conflicts(found, articles)]


def test_an_unnamed_age_is_the_age_of_the_person_its_article_names_most() -> None:
    told = _told_with_unnamed_ages(
        (0, "A court in Lyon jailed banker Pierre Marchand for fraud."),
        (0, "The 61-year-old, who wore a grey suit, said nothing."),
        (0, "Marchand will appeal, his lawyer Anne Roux said."),
        (0, "Roux said Marchand was innocent and Marchand agreed."),
        (1, "The 62-year-old Marchand listened as the verdict was read."),
    )
    assert told == [(1, 4, "61-year-old vs 62-year-old (Marchand's age)")]


def test_an_unnamed_age_stays_unnamed_without_a_main_person() -> None:
    # Marchand is named once only: the 61-year-old may be anyone.
    told = _told_with_unnamed_ages(
        (0, "The 61-year-old, who wore a grey suit, said nothing."),
        (0, "Marchand will appeal."),
        (1, "The 62-year-old Marchand listened as the verdict was read."),
        (1, "The 40-year-old was led away."),
    )
    assert told == []


@pytest.mark.parametrize(
    "text",
    ["The 61-year-old, who wore a grey suit, said nothing.", "The 61-year-old was led away."],
)
def test_an_age_standing_for_a_person_is_an_unnamed_age(text: str) -> None:
    assert facts(text) == [(UNNAMED_AGE, "61-year-old")]


def test_an_age_of_a_described_person_is_no_unnamed_age() -> None:
    assert facts("He hired a 61-year-old accountant.") == []


def test_two_time_limits_of_a_death_are_a_soft_conflict() -> None:
    from aligner.result.model import Severity

    texts = (
        "The poison causes seizures and then death within minutes, a doctor said.",
        "He collapsed at the station and died within two hours of the attack.",
    )
    found = fact_conflicts([sentence_facts(sentence_features(t)) for t in texts], [0, 1])
    assert [(c.finding.detail, c.finding.severity) for c in found] == [
        ("within minutes vs within two hours (time to death)", Severity.SOFT)
    ]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("He died within two hours of the attack.", "Death came within 2 hours, police said."),
        # The limit tells how soon police arrested someone, not how soon the man died.
        ("The man died on Monday.", "Police arrested a suspect within hours."),
    ],
)
def test_one_time_limit_or_a_limit_of_something_else_is_no_conflict(left: str, right: str) -> None:
    assert _told((0, left), (1, right)) == []
