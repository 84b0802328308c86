"""One quotation worded differently by two sources: a soft conflict, and what is left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.conflicts.checks import find_conflicts
from aligner.conflicts.quotes import quote_conflicts, quoted_passages
from aligner.result.model import ConflictKind, Severity
from aligner.text.features import sentence_features

# The Durst cluster's Reuters and Advocate versions of one courtroom statement; the second
# is the last sentence of a quotation of two, so it has only the closing mark.
REUTERS = (
    "“I truly, truly want to express my statement that I am not guilty of killing Susan "
    "Berman,” said Durst, appearing thin in his loose-fitting orange prison jumpsuit."
)
ADVOCATE = "I am not guilty of murdering Susan Berman.”"


def details(one: str, other: str) -> list[str]:
    found = quote_conflicts(sentence_features(one), sentence_features(other))
    for finding in found:
        assert finding.kind is ConflictKind.QUOTE and finding.severity is Severity.SOFT
    return [finding.detail for finding in found]


def test_a_word_put_in_anothers_place_is_named_with_the_quotation_around_it() -> None:
    assert details(REUTERS, ADVOCATE) == [
        'killing vs murdering (in the quotation "…not guilty of … Susan Berman…")'
    ]


def test_a_quotation_conflict_comes_with_the_checks_of_two_sentences_in_a_row() -> None:
    findings = find_conflicts(sentence_features(REUTERS), sentence_features(ADVOCATE))
    assert [f.kind for f in findings] == [ConflictKind.QUOTE]
    related = find_conflicts(
        sentence_features(REUTERS), sentence_features(ADVOCATE), numbers_only=True
    )
    assert related == []  # only figures are compared between sentences merely related


@pytest.mark.parametrize(
    "other",
    [
        "“I am not guilty of killing Susan Berman,” Durst said.",  # the same words
        "“I am not guilty of killing Berman,” Durst said.",  # a word left out: trimmed
        "“I am not guilty of ... murdering Susan Berman,” Durst said.",  # cut beside it
        "“I am not guilty of the killing of Susan Berman,” Durst said.",  # the same word, added to
        "“I'm not guilty of killing Susan Berman,” Durst said.",  # a short form
        "“I am not guilty of having killed Susan Berman,” Durst said.",  # another form of one word
        "“We will appeal the ruling as soon as we can,” his lawyer said.",  # another quotation
        "Durst said he was not guilty of killing Susan Berman.",  # told, not quoted
    ],
)
def test_what_is_no_other_wording_of_the_quotation(other: str) -> None:
    assert details("“I am not guilty of killing Susan Berman,” Durst said.", other) == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            '"We will honour the treaty and its terms," he said.',
            '"We will honor the treaty and its terms."',
        ),
        (
            '"It protects the cyber assets we depend on," she said.',
            '"It protects the cyberassets we depend on."',
        ),
        ('"We are gonna keep on building it," he said.', '"We are going to keep on building it."'),
    ],
)
def test_spelling_spacing_and_spoken_forms_are_no_other_wording(one: str, other: str) -> None:
    assert details(one, other) == []


def test_a_run_of_up_to_four_words_told_otherwise_is_one_quotation_worded_differently() -> None:
    # news cluster mn183: one deputy's words as two outlets quote them.
    one = (
        '"He may have gotten inside there and somehow gotten down the column, trying to hide '
        'from the deputies," Corina said.'
    )
    other = (
        '"He may have gotten inside there and gotten down to try and hide from the deputies," '
        "Corina said."
    )
    assert details(one, other) == [
        "the column trying to vs to try and "
        '(in the quotation "…somehow gotten down … hide from the…")'
    ]


def test_more_changes_than_one_quotation_has_are_another_quotation() -> None:
    one = '"The storm will hit the coast tonight and the city will close its schools," he said.'
    other = '"The flood will reach the valley tomorrow and the county will open its shelters."'
    assert details(one, other) == []


def test_straight_marks_open_before_a_word_and_close_after_one() -> None:
    assert quoted_passages("It's going to stay there for a long time,\" he said.") == (
        (
            "It's going to stay there for a long time,",
            tuple(["it", "going", "to", "stay", "there", "for", "a", "long", "time"]),
        ),
    )
    opened = quoted_passages('He said "we will not go back to the table" and left.')
    assert [text for text, _ in opened] == ["we will not go back to the table"]
    # A passage opened in this sentence and closed in the next runs to its end.
    assert [text for text, _ in quoted_passages("Kono said: “It is not the time to ease")] == [
        "It is not the time to ease"
    ]
    assert quoted_passages("No quotation marks at all in this sentence.") == ()


@given(st.text(max_size=120), st.text(max_size=120))
def test_either_order_finds_the_same_number_of_conflicts(one: str, other: str) -> None:
    forward = quote_conflicts(sentence_features(one), sentence_features(other))
    backward = quote_conflicts(sentence_features(other), sentence_features(one))
    assert len(forward) == len(backward)
    assert quote_conflicts(sentence_features(one), sentence_features(one)) == []
