"""Figures that differ but belong to different things: another named owner (a poll, a
product, a candidate), an amount for a part of what the other is for, a span of time measured
from something else. Sure ones are no conflict; a hard one turns soft and names the
difference."""

from __future__ import annotations

import pytest

from aligner.conflicts.checks import find_conflicts
from aligner.conflicts.subjects import figure_owners, span_relation
from aligner.result.model import ConflictKind
from aligner.text.features import sentence_features
from aligner.text.quantities import extract_quantities


def _numbers(a: str, b: str) -> list[tuple[str, str]]:
    found = find_conflicts(sentence_features(a), sentence_features(b))
    return [(f.severity.value, f.detail) for f in found if f.kind is ConflictKind.NUMBER]


def _owners(text: str, surface: str) -> tuple[str, ...]:
    (quantity,) = [q for q in extract_quantities(text) if q.surface == surface]
    return figure_owners(text, quantity)


@pytest.mark.parametrize(
    ("text", "surface", "owners"),
    [
        (
            "Smith cited the latest Gallup poll, which found 52 percent of voters approving.",
            "52 percent",
            ("Gallup", "Smith"),
        ),
        ("According to a Pew Research Center survey, 41 percent approve.", "41 percent", None),
        ("A case of Fanta costing an extra $8, and one of Sprite $3.", "$8", ("Fanta",)),
        ("Obama won 332 electoral votes in 2012.", "332", ("Obama",)),
        # a pronoun stands for the name before it
        ("As usual, Jones fudged it – he said he won 306 votes.", "306", ("Jones",)),
        # a reporting verb: the name tells who reports the figure, not whose it is
        ("Hamas said 29 people were killed in the strike.", "29", ()),
        # another clause, with the figure as its subject
        ("Most of Ohio approves, while 56 percent of Texas disapprove.", "56 percent", ()),
        # a ticker goes with its name; a currency's country is no owner
        ("The Dow Jones average .DJI rose 0.7 percent.", "0.7 percent", ("DJI", "Dow Jones")),
        ("The Nasdaq Composite <.IXIC> fell 2 percent.", "2 percent", ("Nasdaq Composite <.IXIC",)),
        ("A Dell with a CD drive costs US$729 now.", "$729", ("CD", "Dell")),
        # a sentence's first word is a name only before a verb; months are no names
        ("Shares rose 4 percent on May 3 after Acme reported 9 percent growth.", "4 percent", ()),
    ],
)
def test_the_names_a_figure_belongs_to(text: str, surface: str, owners: tuple | None) -> None:
    if owners is None:
        assert _owners(text, surface)[0] == "Pew Research Center"
    else:
        assert _owners(text, surface) == owners


@pytest.mark.parametrize(
    ("text", "surface", "relation"),
    [
        ("It came just a day after the denial.", "a day", ("after", "after")),
        ("They were arrested two days later.", "two days", ("later", "after")),
        ("The building went 11 days without cleaning.", "11 days", ("without", "without")),
        ("Is that presidential four weeks into a new term?", "four weeks", ("into", "into")),
        ("He was fired within hours of his arrest.", "hours", ("of", "after")),
        ("He held court for 80 minutes on Thursday.", "80 minutes", ("", "")),
    ],
)
def test_what_a_span_of_time_measures(text: str, surface: str, relation: tuple[str, str]) -> None:
    (quantity,) = [q for q in extract_quantities(text) if q.surface.endswith(surface)]
    assert span_relation(text, quantity) == relation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two polls, one giving two figures: a guess already, and another poll's
        (
            "Smith cited the latest Gallup poll, which found 52 percent of voters approving.",
            "According to a Quinnipiac survey, 41 percent approve while 50 percent disapprove.",
        ),
        # two products' price rises, one sentence giving several
        (
            "At the store, a $12 case of Sprite now costs an additional $7.40 due to the levy.",
            "A case of Fanta costs an extra nearly $3, and a case of Sprite went from $12 to $19.",
        ),
        # two candidates' votes, one told by a pronoun
        (
            "Smith won 270 electoral votes in 2000, and Jones won 266 votes in the college.",
            "Jones said he won 300 electoral votes, when in fact he won 266.",
        ),
        # an amount for a part of what the other is for, and no larger
        (
            "The court ordered him to pay $12 million in damages to the family.",
            "A jury ordered him to pay $9 million in punitive damages to the family.",
        ),
    ],
)
def test_figures_of_different_owners_are_no_conflict(a: str, b: str) -> None:
    assert _numbers(a, b) == []
    assert _numbers(b, a) == []


@pytest.mark.parametrize(
    ("a", "b", "found"),
    [
        (
            "Shares of Acme rose 4 percent on Monday.",
            "Shares of Globex rose 9 percent on Monday.",
            ("soft", "4 percent vs 9 percent (percentage: rose; Acme vs Globex)"),
        ),
        (
            "The statement came a day after the arrest.",
            "The building went 11 days without cleaning.",
            ("soft", "a day vs 11 days (came / went; a day after vs 11 days without)"),
        ),
        # a part larger than its whole: told differently, for the reader to check
        (
            "The court ordered him to pay $12 million in damages to the family.",
            "A jury ordered him to pay $15 million in punitive damages to the family.",
            (
                "soft",
                "$12 million vs $15 million (amount: pay; damages vs punitive damages)",
            ),
        ),
    ],
)
def test_a_hard_difference_of_different_owners_is_soft_and_names_them(
    a: str, b: str, found: tuple[str, str]
) -> None:
    assert _numbers(a, b) == [found]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # who reports a figure is not whose it is
        (
            "Hamas said 29 people were killed in the strike.",
            "Israel said 19 people were killed in the strike.",
        ),
        # one name with its ticker
        (
            "The Dow Jones industrial average .DJI rose 0.7 percent.",
            "The Dow Jones industrial average rose 2.9 percent.",
        ),
        # one span told alike
        ("It came a day after the arrest.", "It came two days after the arrest."),
        # one purpose
        (
            "He was ordered to pay $12 million in damages.",
            "He was ordered to pay $9 million in damages.",
        ),
    ],
)
def test_figures_of_one_owner_stay_hard(a: str, b: str) -> None:
    assert [severity for severity, _ in _numbers(a, b)] == ["hard"]
