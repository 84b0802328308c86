"""A name written with a possessive's apostrophe by one source and with a plain s by another
("Gusto's bar" / "Gustos bar"): a soft name conflict; plurals and their possessives are not."""

from __future__ import annotations

from aligner.features import sentence_features
from aligner.model import ConflictKind, Severity
from aligner.name_variants import name_variant_conflicts


def conflicts(*articles: list[str]) -> list[tuple[int, int, str]]:
    texts = [t for article in articles for t in article]
    article_of = [k for k, article in enumerate(articles) for _ in article]
    features = [sentence_features(t) for t in texts]
    found = name_variant_conflicts(features, article_of, lambda i, j: 0)
    for c in found:
        assert c.finding.kind is ConflictKind.ENTITY and c.finding.severity is Severity.SOFT
    return [(c.a, c.b, c.finding.detail) for c in found]


def test_a_possessive_and_a_plain_s_before_one_word_are_two_spellings() -> None:
    found = conflicts(
        ["There was a fight outside Gusto's bar in Barre, police said."],
        ["The two had argued outside Gustos bar in Barre earlier that night."],
        ["Both were seen at the Gustos bar on Prospect Street."],
    )
    assert found == [(0, 1, "Gusto's vs Gustos (spelling)"), (0, 2, "Gusto's vs Gustos (spelling)")]


def test_plurals_and_their_possessives_are_left_alone() -> None:
    # A family told as "the Obamas" and "the Obamas'" is no other spelling of "Obama's".
    assert (
        conflicts(
            ["Obama's daughters attended the dinner."],
            ["The Obamas' daughters attended the dinner."],
        )
        == []
    )
    # The short form also written without 's: a name and its plural.
    assert (
        conflicts(
            ["Kennedy's house stood empty.", "Kennedy spoke in Boston."],
            ["The Kennedys house stood empty."],
        )
        == []
    )
    # Nothing after them in common: two different things.
    assert conflicts(["Wendy's restaurant closed."], ["The Wendys band played."]) == []
