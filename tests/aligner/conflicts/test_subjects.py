"""What a conflict's reason names after its two sides: the counted thing and what happened
to it, the event of a date or a time limit, whose age, what a named person did."""

from __future__ import annotations

import pytest

from aligner.conflicts.subjects import (
    figure_thing,
    located_quantities,
    name_event,
    one_thing,
    people_event,
    person_role,
    sentence_located,
)
from aligner.text.features import sentence_features
from aligner.text.quantities import extract_quantities, locate_quantities, placed_again


def _thing(text: str, surface: str) -> str:
    (quantity,) = [q for q in extract_quantities(text) if q.surface == surface]
    return figure_thing(text, quantity)


@pytest.mark.parametrize(
    ("text", "surface", "thing"),
    [
        ("Four people are in custody, including one diplomat.", "Four", "people in custody"),
        (
            "The city has three people in custody in connection with it.",
            "three",
            "people in custody",
        ),
        (
            "At least 19 people were killed in Gaza on Friday.",
            "At least 19",
            "people killed in Gaza",
        ),
        ("Air strikes killed 29 people overnight.", "29", "people killed"),
        ("The senator won 332 electoral votes in 2012.", "332", "electoral votes won"),
        (
            "Lopez was named fire chief in May 2014 after a long career.",
            "May 2014",
            "named fire chief",
        ),
        (
            "In April 2014, Lopez took over the top job at the department.",
            "April 2014",
            "took over the top job",
        ),
        (
            "Within hours of her arrest, Lopez was fired from her job.",
            "Within hours",
            "fired after her arrest",
        ),
        ("The 72-year-old Durst agreed to the sentence.", "72-year-old", "Durst's age"),
        ("Records show Anna Lopez, 53, was held.", "53", "Anna Lopez's age"),
        # Nothing plain to name: the reason keeps the kind alone.
        ("The toll rose to 29.", "29", ""),
        ("The 73-year-old, who arrived in a wheelchair, pleaded guilty.", "73-year-old", ""),
    ],
)
def test_a_figure_is_named_by_what_its_sentence_tells_of_it(text, surface, thing) -> None:
    assert _thing(text, surface) == thing


def test_a_verb_phrase_stops_at_a_figure_that_tells_another_fact() -> None:
    # "about 7:30 p.m." is when, not what; "four times" is how often.
    assert people_event("Police said two men pulled guns about 7:30 p.m. Wednesday.", "men") == (
        "pulled guns"
    )
    assert people_event("The man was shot four times.", "man") == "shot"
    # A figure joined by hyphens is part of the object: "a 10-year-old girl".
    assert name_event("Edwards spoke of a 10-year-old girl hit on Friday.", "edwards") == (
        "spoke of a 10-year-old girl"
    )


@pytest.mark.parametrize(
    ("text", "name", "event"),
    [
        (
            "After posting bail, Edwards walked out of the county jail at noon.",
            "edwards",
            "walked out of the county jail",
        ),
        ("Records showed Lopez, 53, was being held on $300 bond.", "lopez", "held"),
        ("The report says Lopez resigned.", "lopez", "resigned"),
        ("Lopez is a former officer.", "lopez", ""),
    ],
)
def test_what_a_named_person_does(text, name, event) -> None:
    assert name_event(text, name) == event


@pytest.mark.parametrize(
    ("text", "noun", "event"),
    [
        ("The victim's wife and daughter discovered his body.", "daughter", "discovered his body"),
        ("His body was discovered by his wife and daughters.", "daughters", "discovered"),
        (
            "She said the woman who accosted the envoy immediately went to wash.",
            "woman",
            "accosted the envoy",
        ),
        ("Relatives of the two women spoke to reporters.", "women", ""),
    ],
)
def test_what_counted_people_did_or_underwent(text, noun, event) -> None:
    assert people_event(text, noun) == event


def test_a_role_is_the_title_words_before_a_full_name() -> None:
    assert person_role("Police Chief Stephen Edward Johnson", 3) == "the police chief"
    assert person_role("Stephen Edward Johnson", 3) == ""


def test_two_sides_tell_one_thing_or_both_are_shown() -> None:
    assert one_thing("appointed", "appointed Fire Chief Maria Garcia") == (
        "appointed Fire Chief Maria Garcia"
    )
    assert one_thing("pulled guns", "shot") == "pulled guns / shot"
    assert one_thing("", "people killed") == "people killed"
    assert one_thing("", "") == ""


# Sentences whose figures stand at various places: several of a kind, a range, a month
# with its year, a bound, a currency sign before the figure, a figure ending the sentence.
_LOCATED_TEXTS = [
    "Four people are in custody, including one diplomat, after 29 were killed in May 2014.",
    "The company paid $25 million in punitive damages and at least 300 workers lost jobs.",
    "Between four and six weeks later, some 2,500 to 5,000 tons were shipped within hours.",
    "Jones, 53, was held on $1,500 bond; shares rose 2.5% to $16.75 a share.",
    "No figure here at all, only words.",
    "He said it happened 150 million years ago, not 16:00 GMT on 3 March 2001",
]


@pytest.mark.parametrize("text", _LOCATED_TEXTS)
def test_a_sentence_located_from_its_analysis_is_located_again(text: str) -> None:
    # The analysis's figures and places stand for locating the sentence again: the words
    # around each figure, read by every finder here, are the same.
    sentence = sentence_features(text)
    fresh = locate_quantities(sentence.text)
    assert placed_again(sentence.text, sentence.quantities, sentence.quantity_places) == fresh
    assert sentence_located(sentence) == fresh
    assert located_quantities(sentence.text) is sentence_located(sentence)  # kept, by text


def test_located_texts_are_kept_up_to_a_bound() -> None:
    for number in range(5_000):  # more than the store keeps: it starts afresh, then holds on
        text = f"Exactly {number} pebbles were counted."
        assert located_quantities(text).found[0].quantity.value == number
        assert located_quantities(text) is located_quantities(text)
