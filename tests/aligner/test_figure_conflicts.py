"""Figures an article tells in sequence: the other article's figure given elsewhere."""

from __future__ import annotations

from aligner.features import sentence_features
from aligner.figure_conflicts import ArticleFigures


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
