"""Figures an article tells in sequence: the other article's figure given elsewhere."""

from __future__ import annotations

import pytest

from aligner.conflicts.pair_figures import ArticleFigures, people_number_findings
from aligner.text.features import sentence_features


def _figures(*told: tuple[int, str]) -> ArticleFigures:
    return ArticleFigures(
        [sentence_features(text) for _, text in told], [article for article, _ in told]
    )


def test_an_article_that_gives_the_other_figure_elsewhere_tells_both() -> None:
    figures = _figures(
        (0, "The seller first asked $40 for the bike."),
        (0, "After haggling, she agreed to a price of $55."),
        (1, "She paid $55 for the bike, the seller said."),
    )
    assert figures.told_elsewhere(0, 2)
    assert figures.told_elsewhere(2, 0)


def test_a_figure_no_other_sentence_of_the_article_gives_is_a_disagreement() -> None:
    figures = _figures(
        (0, "The seller first asked $40 for the bike."),
        (0, "Four people saw the sale."),
        (1, "She paid $55 for the bike, the seller said."),
    )
    assert not figures.told_elsewhere(0, 2)


def test_the_figure_must_be_of_the_same_kind_and_unit() -> None:
    figures = _figures(
        (0, "Three people were arrested on Monday."),
        (0, "The raid lasted four hours."),
        (1, "Four people were arrested on Monday."),
    )
    assert not figures.told_elsewhere(0, 2)


def _people(a: str, b: str) -> list[str]:
    found = people_number_findings(sentence_features(a), sentence_features(b))
    assert all(f.severity.value == "soft" for f in found)
    return [f.detail for f in found]


def test_people_told_as_one_and_as_several_are_a_soft_conflict() -> None:
    assert _people(
        "A man was seen running from the bank with a bag.",
        "Two men were seen running from the bank with bags.",
    ) == ["a man vs two men (seen running from the bank)"]
    assert _people(
        "The fire was reported by his wife and sons.", "His wife and son reported the fire."
    ) == ["his wife and sons vs his wife and son (reported the fire)"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("One of the two gunmen was shot.", "A gunman was shot by the guard."),
        ("A second woman was charged on Monday.", "Two women were charged."),
        ("She faces counts of battery to a child.", "She looked after 12 children."),
        ("Two men and a man's dog were found.", "Two men were found."),
    ],
)
def test_one_of_several_or_a_legal_phrase_is_no_count(a: str, b: str) -> None:
    assert _people(a, b) == []


def test_people_acting_and_people_acted_on_are_other_people() -> None:
    assert (
        _people(
            "The shopkeeper was hurt when two men drew knives at closing time.",
            "The man was stabbed twice and taken to hospital.",
        )
        == []
    )
    assert _people(
        "Two women were seen leaving the bank.", "A woman was seen leaving the bank."
    ) == ["two women vs a woman (seen leaving the bank)"]
