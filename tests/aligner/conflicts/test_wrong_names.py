"""A person called by the wrong name: a slip of a given or middle name used as a surname."""

from __future__ import annotations

from aligner.conflicts.wrong_names import wrong_name_conflicts
from aligner.text.features import sentence_features


def _found(*told: tuple[int, str], score: float = 50.0) -> list[tuple[int, int, str]]:
    features = [sentence_features(text) for _, text in told]
    articles = [article for article, _ in told]
    return [
        (c.a, c.b, c.finding.detail)
        for c in wrong_name_conflicts(features, articles, lambda i, j: score, 20.0)
    ]


def test_a_middle_name_used_as_a_surname_is_a_wrong_name() -> None:
    found = _found(
        (0, "Mayor Anna Louise Becker, 61, resigned on Monday."),
        (0, "On Tuesday, Louis left City Hall through a side door."),
        (1, "Becker left City Hall through a side door, aides said."),
    )
    assert found == [(1, 2, "Louis vs Becker (the mayor Anna Louise Becker, who left City Hall)")]


def test_a_name_other_sources_use_too_is_no_wrong_name() -> None:
    # Another person, whom the second source names as well.
    assert (
        _found(
            (0, "Mayor Anna Louise Becker, 61, resigned on Monday."),
            (0, "On Tuesday, Louis left City Hall through a side door."),
            (1, "Becker and Louis left City Hall through a side door."),
        )
        == []
    )


def test_a_name_unlike_any_given_name_is_another_person() -> None:
    assert (
        _found(
            (0, "Mayor Anna Louise Becker, 61, resigned on Monday."),
            (0, "On Tuesday, Hartmann left City Hall through a side door."),
            (1, "Becker left City Hall through a side door, aides said."),
        )
        == []
    )


def test_unrelated_sentences_are_not_set_against_each_other() -> None:
    found = _found(
        (0, "Mayor Anna Louise Becker, 61, resigned on Monday."),
        (0, "On Tuesday, Louis left City Hall through a side door."),
        (1, "Becker left City Hall through a side door, aides said."),
        score=5.0,
    )
    assert found == []
