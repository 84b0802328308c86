"""The quantity normaliser: number words, durations, money, percentages, approximations."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text.features import sentence_features
from aligner.text.quantities import (
    _TOKEN,
    Quantity,
    _prepare,
    extract_quantities,
    find_quantities,
    locate_quantities,
    may_hold_quantity,
)
from aligner.text.typography import plain_typography


def only(text: str):
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("thirty bodies were found", "count", 30),
        ("30 bodies were found", "count", 30),
        ("twenty-five people", "count", 25),
        ("one hundred and five people", "count", 105),
        ("a dozen eggs", "count", 12),
        ("1,200 people", "count", 1200),
        ("3.5 million people", "count", 3_500_000),
        ("$2.5 billion deal", "money", 2_500_000_000),
        ("a $300 bond", "money", 300),
        ("200 euros", "money", 200),
        ("20% of Ukraine", "percent", 20),
        ("20 percent of Ukraine", "percent", 20),
        ("20 per cent of Ukraine", "percent", 20),
        ("spoke for 90 minutes", "duration", 5400),
        ("spoke for an hour and a half", "duration", 5400),
        ("spoke for one and a half hours", "duration", 5400),
        ("waited half an hour", "duration", 1800),
        ("a 90-minute call", "duration", 5400),
        ("the 73-year-old man", "age", 73),
        ("since 2014", "year", 2014),
        ("at 12:45 a.m.", "time", 0.75),
        ("from 9:30pm local time", "time", 21.5),
        ("at 3 p.m. on Friday", "time", 15),
        ("the fossil dates from 90 million years ago", "ago", 90e6 * 31557600),
        ("the road opened two weeks later", "duration", 2 * 604800),
    ],
)
def test_kinds_and_values(text: str, kind: str, value: float) -> None:
    quantity = only(text)
    assert quantity.kind == kind
    assert quantity.value == pytest.approx(value)


def test_a_quantity_is_immutable_compares_by_its_fields_and_pickles_back() -> None:
    import pickle

    (placed,) = find_quantities("About 30 people were killed.")
    told = placed.quantity
    again = Quantity(*told)
    assert again == told and hash(again) == hash(told) and again is not told
    changed = told._replace(value=31.0)
    assert changed != told and (changed.value, told.value) == (31.0, 30.0)
    assert pickle.loads(pickle.dumps(told, protocol=pickle.HIGHEST_PROTOCOL)) == told
    with pytest.raises(AttributeError):
        told.value = 31.0  # type: ignore[misc]


def test_count_remembers_the_counted_noun() -> None:
    assert only("Four people are in custody").unit == "people"
    assert only("four large parts").unit == "parts"


def test_approximations_widen_the_interval() -> None:
    nearly = only("nearly 90 minutes")
    assert nearly.low < nearly.value == nearly.high
    about = only("about an hour")
    assert about.low < about.value < about.high
    more = only("more than 40 allies")
    assert more.low == 40 and math.isinf(more.high)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("nearly 90 minutes", "close to an hour and a half"),
        ("thirty bodies", "30 bodies"),
        ("approximately one hour", "about an hour"),
        ("more than 40 allies", "42 allies"),
        ("$2.5 billion", "$2,500 million"),
    ],
)
def test_equivalent_forms_are_compatible(left: str, right: str) -> None:
    assert only(left).compatible(only(right))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("29 killed", "19 killed"),
        ("four people", "three people"),
        ("about an hour", "90 minutes"),
        ("20%", "25%"),
        ("the 73-year-old", "the 72-year-old"),
    ],
)
def test_different_figures_are_incompatible(left: str, right: str) -> None:
    assert not only(left).compatible(only(right))


def test_different_kinds_never_compatible() -> None:
    assert not only("90 minutes").compatible(only("90 people"))


def test_surface_keeps_the_qualifier() -> None:
    assert only("it lasted nearly 90 minutes.").surface == "nearly 90 minutes"
    assert only("a deal worth about $2.5 billion").surface == "about $2.5 billion"


def test_plain_words_are_not_numbers() -> None:
    assert extract_quantities("No one knows what happened at the airport.") == []
    assert extract_quantities("He left in a hurry.") == []


def test_vague_amounts_are_recognised() -> None:
    assert sentence_features("Hundreds of thousands of casualties.").vague_amount
    assert not sentence_features("Three casualties.").vague_amount


def test_the_cheap_pre_check_admits_every_sentence_with_a_quantity() -> None:
    for text in ("It cost $5.", "They waited an hour.", "Twenty-two died.", "A dozen eggs."):
        words = sentence_features(text).tokens
        assert may_hold_quantity(words) and extract_quantities(text), text
    assert not may_hold_quantity(sentence_features("He left in a hurry.").tokens)


def test_rounded_coarser_units_are_compatible_but_same_units_are_exact() -> None:
    assert only("sentenced to seven years").compatible(only("an 85-month term"))
    assert not only("sentenced to seven years").compatible(only("a 100-month term"))
    assert not only("waited 7 years").compatible(only("waited 8 years"))


def test_decades_are_a_duration_not_a_count() -> None:
    # "two decades later" is no count of two: it must not agree with "two commissioners".
    decades = only("more than two decades later")
    assert (decades.kind, decades.low) == ("duration", 20 * 31557600)
    assert only("a decade ago").kind == "ago"
    assert only("in three decades").compatible(only("in 30 years"))
    assert not only("in three decades").compatible(only("in 40 years"))


def test_ranges_are_intervals() -> None:
    weeks = only("within four to six weeks")
    assert weeks.kind == "duration"
    assert (weeks.low, weeks.high) == (4 * 604800, 6 * 604800)
    assert weeks.compatible(only("in five weeks"))
    assert not weeks.compatible(only("in nine weeks"))
    between = only("between one and three astronauts")
    assert between.compatible(only("as many as three astronauts"))
    assert not between.compatible(only("five astronauts"))


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("rose 0.8 percent", "rose 0.81 percent", True),  # rounded to one decimal
        ("rose 4 percent", "rose 3.8 percent", True),
        ("closed at $1.70", "closed at $1.69", False),  # same precision, different figure
        ("a $4.7 billion loss", "a $4.62 billion loss", False),  # 4.62 rounds to 4.6
        ("dating back 60,000 years", "dating back 59,619 years", True),
        ("300 people", "296 people", True),
        ("1,000 people", "1,200 people", False),
        ("30 people", "29 people", False),
        ("the 73-year-old", "the 72-year-old", False),  # ages are exact
    ],
)
def test_rounded_figures_are_compatible_with_the_precise_ones(
    a: str, b: str, compatible: bool
) -> None:
    assert only(a).compatible(only(b)) is compatible
    assert only(b).compatible(only(a)) is compatible


def test_a_small_number_between_commas_after_a_name_is_an_age() -> None:
    age = only("Paul Durousseau, 30, was charged")
    assert (age.kind, age.value) == ("age", 30)
    assert extract_quantities("In the end, 30, not 40, were charged")[0].kind == "count"


@pytest.mark.parametrize(
    "text", ["into his 90s", "in the 1990s", "on Sept. 11", "the October 12 attacks"]
)
def test_decades_and_days_of_the_month_are_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


def test_a_hyphenated_figure_is_an_attribute() -> None:
    assert only("a three-term congressman").modifier
    assert not only("three terms in office").modifier


def test_surfaces_stay_right_after_em_dashes() -> None:
    found = extract_quantities("Fletcher \u2014 a three-term congressman \u2014 won 88,747 votes")
    assert [q.surface for q in found] == ["three", "88,747"]


@pytest.mark.parametrize("text", ["won by nearly 2 to 1", "a 4-to-3 vote", "voted 1,821 to 1,199"])
def test_ratios_and_scores_are_not_ranges_or_counts(text: str) -> None:
    assert extract_quantities(text) == []


def test_reading_goes_on_after_a_ratio_a_range_and_a_limit_without_reading_them_again() -> None:
    text = "It passed 2 to 1; four to six weeks on, 300 people marched within hours, paid $5 a day."
    found = extract_quantities(text)
    assert [q.surface for q in found] == ["four to six weeks", "300", "within hours", "$5"]
    assert [q.kind for q in found] == ["duration", "count", "duration", "money"]


def test_a_rising_range_is_still_a_range() -> None:
    weeks = only("within four to six weeks")
    assert (weeks.kind, weeks.low, weeks.high) == ("duration", 4 * 604800, 6 * 604800)


def test_a_duration_in_two_units_is_one_duration() -> None:
    served = only("to serve 7 years, 1 month in prison")
    assert served.kind == "duration" and served.value == 85 * 2629800
    assert served.surface == "7 years, 1 month"
    assert served.compatible(only("an 85-month prison stint"))
    assert only("for 2 hours and 30 minutes").value == 9000
    # Only a finer unit joins: "three years and five people" are two quantities.
    assert [q.kind for q in extract_quantities("three years and five people")] == [
        "duration",
        "count",
    ]


def test_a_month_before_a_year_is_a_month_told_with_it() -> None:
    may = only("She took office in May 2014.")
    assert (may.kind, may.surface) == ("month", "May 2014")
    assert not may.compatible(only("In April 2014, she took office."))
    assert not may.compatible(only("in May 2015"))
    assert may.compatible(only("since May 2014"))
    # A day of the month keeps the year alone, as before.
    assert only("on March 14, 2015").kind == "year"


@pytest.mark.parametrize(
    "text", ["in the 5500 block of Elm Street", "on East 84th Street", "her 21st birthday"]
)
def test_addresses_and_ranks_are_places_not_counts(text: str) -> None:
    assert only(text).kind == "place"


def test_blocks_walked_are_still_counted() -> None:
    assert only("She walked 3 blocks to the store.").kind == "count"


def test_within_a_time_is_a_limit() -> None:
    hour = only("The mayor resigned within an hour of the vote.")
    assert (hour.low, hour.high, hour.surface) == (0.0, 3600.0, "within an hour")
    assert hour.compatible(only("She resigned 40 minutes after the vote."))
    assert not hour.compatible(only("She resigned three hours after the vote."))


def test_within_hours_is_some_hours_and_less_than_a_day() -> None:
    hours = only("The mayor resigned within hours of the vote.")
    assert (hours.kind, hours.surface) == ("duration", "within hours")
    assert hours.compatible(only("within five hours"))
    assert not hours.compatible(only("two days"))


def test_a_rate_per_year_is_no_duration() -> None:
    assert [q.kind for q in extract_quantities("He earned $90,000 a year.")] == ["money"]
    assert [q.kind for q in extract_quantities("He worked 60 hours a week.")] == ["duration"]


def test_a_clock_time_names_its_zone_and_whether_it_needs_am_or_pm() -> None:
    assert only("the launch is at 20:15 GMT").unit == "clock utc"
    assert only("the launch is at 8:15 pm UTC").unit == "clock utc"
    assert only("doors open at 8:15 tonight").unit == "clock 12h"
    assert only("doors open at 20:15 tonight").unit == "clock"


def test_a_part_or_an_addition_is_marked() -> None:
    assert only("he faces four other counts").part
    assert only("fuel now costs an extra $3").part
    assert not only("he faces four counts").part
    assert only("he faces four counts").unit == "counts"


def test_a_rate_names_what_it_is_counted_per() -> None:
    assert only("a levy of 3 cents per litre").per == "litre"
    assert only("a levy of 3 cents").per == ""


def test_a_unit_of_reckoning_is_no_duration() -> None:
    assert extract_quantities("the last day of a week") == []


def test_a_count_of_someone_s_people_is_of_the_people() -> None:
    assert only("five of her colleagues resigned").unit == "colleagues"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a 550-member delegation", "delegation"),
        ("a five-person jury", "jury"),
        ("a 30-strong team", "team"),
        ("a delegation of more than 400, including", "delegation"),
        ("the crowd of 5,000, police said", "crowd"),
        # Not a group's size: a counted noun told, no determiner before "of", no hyphen.
        ("a delegation of 400 athletes", "athletes"),
        ("made up of 400, he said", ""),
        ("193 member states", "states"),
        ("a three-term senator", "term"),
    ],
)
def test_the_size_of_a_group_counts_the_group(text: str, unit: str) -> None:
    assert only(text).unit == unit


def test_a_bound_told_by_direction() -> None:
    assert only("a score north of 60 percent").high == float("inf")


def test_located_quantities_keep_their_tokens_places_surfaces_and_steps() -> None:
    text = (
        "Durst, 72, paid “about $2.5 million” within hours, the 60,000-strong crowd heard at 4 p.m."
    )
    located = locate_quantities(text)
    # Each token's span is where it stands in the text as written (curly quotes and all).
    assert [text[start:end] for start, end in located.spans] == [
        *("Durst", ",", "72", ",", "paid", "“", "about", "$", "2.5", "million", "”", "within"),
        *("hours", ",", "the", "60,000", "strong", "crowd", "heard", "at", "4", "p", ".", "m"),
        ".",
    ]
    assert located.words[5] == '"' and located.words[0] == "durst"
    found = [
        (p.start, p.end, p.quantity.kind, p.quantity.surface, p.quantity.step, p.quantity.modifier)
        for p in located.found
    ]
    assert found == [
        (2, 3, "age", "72", 0.0, False),  # apposed to a name: an age
        (6, 10, "money", "about $2.5 million", 0.0, False),  # an interval: no written step
        (11, 13, "duration", "within hours", 0.0, False),
        (15, 16, "count", "60,000", 1000.0, True),
        (20, 25, "time", "4 p.m.", 0.0, False),
    ]
    money = located.found[1].quantity
    assert (money.low, money.high) == (2_125_000.0, 2_875_000.0)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("in excess of 300 homes", "in excess of 300", 300.0, math.inf),
        ("as many as 12 people", "as many as 12", 0.0, 12.0),
        ("an estimated 5,000 troops", "an estimated 5,000", 4250.0, 5750.0),
        ("more than $40", "more than $40", 40.0, math.inf),
        ("south of 300 homes", "south of 300", 0.0, 300.0),
        ("the last 300 homes", "300", 300.0, 300.0),  # no qualifier ends in "last"
        # "over" ends "just over" too: the longer, more precise phrase wins.
        ("just over $40", "just over $40", 40.0, 46.0),
        ("over $40", "over $40", 40.0, math.inf),
        ("just under 20 people", "just under 20", 17.0, 20.0),
    ],
)
def test_qualifiers_of_every_length_widen_the_figure(
    text: str, surface: str, low: float, high: float
) -> None:
    found = only(text)
    assert (found.surface, found.low) == (surface, low)
    assert found.high == pytest.approx(high)


def test_each_token_s_span_is_where_it_stands_in_the_text() -> None:
    text = "Nearly\t $2.5bn — “forty-five”  (45%) at 4 p.m.\u00a0on 3/4, 1,200 km/h..."
    located = locate_quantities(text)
    assert len(located.spans) == len(located.words) == 31
    assert [plain_typography(text[a:b].lower()) for a, b in located.spans] == located.words
    ends = [0, *(end for _, end in located.spans)]
    assert all(ends[k] <= start for k, (start, _) in enumerate(located.spans))


# Pieces of sentences with figures of every kind, and characters that are no token's.
_FIGURE_PIECES = [
    "Peterson", ",", "31", ",", "is", "$", "2.5bn", "1,200", "45", "%", "per", "cent", "within",
    "hours", "nearly", "just", "over", "between", "and", "to", "a", "an", "half", "dozen",
    "hundred", "thousand", "million", "one", "two-thirds", "4:30", "p.m.", "ET", "May", "2014",
    "84th", "year-old", "years", "old", "ago", "(", ")", "-", "—", "“", "”", "\xa0", "\t",
    "3/4", "km", "No.", "additional", "other", "people",
]  # fmt: skip
_FIGURE_TEXTS = st.one_of(
    st.lists(st.sampled_from(_FIGURE_PIECES), max_size=30).map(" ".join),
    st.lists(st.sampled_from(_FIGURE_PIECES), max_size=30).map("".join),
    st.text(max_size=60),
)


@settings(max_examples=400)
@given(_FIGURE_TEXTS)
def test_token_spans_are_the_token_pattern_s_matches(text: str) -> None:
    located = locate_quantities(text)
    matches = list(_TOKEN.finditer(_prepare(text)))
    assert located.words == [match.group() for match in matches]
    assert located.spans == [match.span() for match in matches]


@settings(max_examples=400)
@given(_FIGURE_TEXTS)
def test_the_analysis_finds_what_locating_finds(text: str) -> None:
    assert find_quantities(text) == locate_quantities(text).found


def test_the_pieces_hold_figures_of_every_kind() -> None:
    """The pieces above reach the quantity parser's every branch worth comparing."""
    text = " ".join(_FIGURE_PIECES)
    kinds = {quantity.kind for quantity in extract_quantities(text)}
    assert {"money", "percent", "age", "time", "month", "place", "count"} <= kinds


@pytest.mark.parametrize("minutes", ["²", "³", "½", "①"])
def test_a_digit_that_is_no_number_after_a_colon_is_no_clock_time(minutes: str) -> None:
    """Such characters are digits to str.isdigit but no number to float(): once, one in an
    article after "3:" failed the whole comparison."""
    assert [(q.kind, q.value) for q in extract_quantities(f"The vote was 3:{minutes} for")] == [
        ("count", 3.0)
    ]


def test_minutes_in_other_scripts_still_tell_a_clock_time() -> None:
    assert [(q.kind, q.value) for q in extract_quantities("at 4:٣٠ pm")] == [("time", 16.5)]


@settings(max_examples=300)
@given(st.text(alphabet="ab09-– \u2010Z", max_size=30))
def test_hyphens_inside_quantities_are_those_between_letters_or_digits(text: str) -> None:
    """The hyphen pattern opens with the hyphen (scanned for in C), and looks behind it."""
    between = re.compile(r"(?<=[a-z0-9])-(?=[a-z0-9])")
    assert _prepare(text) == between.sub(" ", plain_typography(text.lower()))
