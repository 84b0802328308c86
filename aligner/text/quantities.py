"""Numbers and quantities in a sentence: digits and number words, money, percentages,
durations, ages, years and counts, each with its approximation as an interval."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from aligner.text.typography import plain_typography
from aligner.text.wordlists import MONTH_NAMES

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_SCALES = {
    **_SCALE_WORDS,
    "bn": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
}
_DURATION_SECONDS = {
    "second": 1, "seconds": 1, "sec": 1, "secs": 1,
    "minute": 60, "minutes": 60, "min": 60, "mins": 60,
    "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600,
    "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
    "month": 2629800, "months": 2629800, "year": 31557600, "years": 31557600,
    "decade": 315576000, "decades": 315576000,
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "$",
    "dollars": "$",
    "euro": "€",
    "euros": "€",
    "pound": "£",
    "pounds": "£",
    "yen": "¥",
    "rupees": "₹",
}
_CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "¥": "¥", "₹": "₹"}
# Qualifiers turn a value into an interval: (low factor, high factor) around the value.
_QUALIFIERS: dict[tuple[str, ...], tuple[float, float]] = {
    ("nearly",): (0.85, 1.0), ("almost",): (0.85, 1.0), ("close", "to"): (0.85, 1.0),
    ("just", "under"): (0.85, 1.0), ("about",): (0.85, 1.15), ("around",): (0.85, 1.15),
    ("approximately",): (0.85, 1.15), ("roughly",): (0.85, 1.15), ("some",): (0.85, 1.15),
    ("an", "estimated"): (0.85, 1.15), ("estimated",): (0.85, 1.15), ("circa",): (0.85, 1.15),
    ("more", "than"): (1.0, math.inf), ("over",): (1.0, math.inf), ("at", "least"): (1.0, math.inf),
    ("upwards", "of"): (1.0, math.inf), ("just", "over"): (1.0, 1.15),
    ("north", "of"): (1.0, math.inf), ("in", "excess", "of"): (1.0, math.inf),
    ("south", "of"): (0.0, 1.0),
    ("less", "than"): (0.0, 1.0), ("fewer", "than"): (0.0, 1.0), ("under",): (0.0, 1.0),
    ("up", "to"): (0.0, 1.0), ("at", "most"): (0.0, 1.0), ("as", "many", "as"): (0.0, 1.0),
    ("as", "much", "as"): (0.0, 1.0), ("as", "high", "as"): (0.0, 1.0), ("within",): (0.0, 1.0),
}  # fmt: skip
# The words the parser reads a number from: "thirty-five", "a dozen", "half a million".
NUMBER_WORDS: frozenset[str] = (
    frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALE_WORDS) | {"dozen", "half"}
)
_NUMBER_WORD_STARTS_ALONE = frozenset(_UNITS) | frozenset(_TENS) | {"dozen", "half"}
_UNIT_AFTER_ARTICLE = frozenset(_DURATION_SECONDS) | {"dozen", "hundred", "thousand", "million",
                                                      "billion"}  # fmt: skip
_NUMBER_WORD_STARTS = frozenset(_UNITS) | frozenset(_TENS) | {"a", "an", "half", "dozen"}
_QUANTITY_STARTS = _NUMBER_WORD_STARTS | {"within"}
# Units of measure: one figure in two of these is a conversion ("52 km", "32 miles").
MEASURE_UNITS = frozenset(
    ["km", "kilometers", "kilometres", "mile", "miles", "m", "meters", "metres", "feet",
     "foot", "ft", "inches", "cm", "kg", "kilograms", "pounds", "lbs", "lb", "tons", "tonnes",
     "acres", "hectares", "mph", "kph", "gallons", "liters", "litres", "degrees", "celsius",
     "fahrenheit"]
)  # fmt: skip
VAGUE_PLURALS = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores"})
# Words after a number that say what is counted but carry no meaning of their own.
_COUNT_SKIP = frozenset(
    ["of", "the", "more", "than", "other", "additional", "new", "large", "small", "big", "major",
     "his", "her", "their", "its", "our", "my", "your"]
)  # fmt: skip
# Words that make a figure a part of a whole or an addition to one: "three other charges",
# "two more people", "an additional $10": not how many or how much in all.
_PART_AFTER = frozenset(["other", "additional", "more", "further", "extra"])
_PART_BEFORE = frozenset(["additional", "extra", "another", "further"])
# Time zones a clock time may name ("16:00 UT", "4 p.m. ET"), by one spelling each.
_TIME_ZONES = {
    "ut": "utc", "utc": "utc", "gmt": "utc", "et": "et", "est": "et", "edt": "et",
    "ct": "ct", "cst": "ct", "cdt": "ct", "mt": "mt", "mst": "mt", "mdt": "mt", "pt": "pt",
    "pst": "pt", "pdt": "pt", "bst": "bst", "cet": "cet", "cest": "cet",
}  # fmt: skip

_TOKEN = re.compile(r"[$€£¥₹]|\d+(?:,\d{3})*(?:\.\d+)?|%|[a-z]+|[^\sa-z\d]")


class Quantity(NamedTuple):
    """One quantity: ``kind`` (count, money, percent, duration, age, year, month, time, place),
    its value in a base unit (seconds for durations, months from year 0 for a month), the
    interval it allows, and how it was written. A place ("84th Street", "the 5500 block of")
    is no figure to compare, only evidence that two sentences speak of one spot.

    A named tuple: the analysis makes some 10,000 (msrp10k14) and adjusts a sixth of them
    (``_replace``), and the parent unpickles half of them from the process that read them;
    each is made at a third of the cost of a frozen dataclass of 11 fields, and ``_replace``
    at a fifth of ``dataclasses.replace``. Immutable, equal and hashed by its fields."""

    kind: str
    value: float
    low: float
    high: float
    unit: str  # currency sign, "%", "s", "years old", or the counted noun for counts
    surface: str
    grain: float = 0.0  # for durations: seconds in the unit it was written in
    modifier: bool = False  # joined to its noun by a hyphen ("a three-term senator")
    step: float = 0.0  # the step of its last written digit, 0 if unknown (see _written_step)
    part: bool = False  # a part or an addition ("three other charges", "an additional $10")
    per: str = ""  # what a rate is counted per ("1.75 cents per ounce": "ounce")

    def compatible(self, other: Quantity) -> bool:
        """Could both describe the same fact? Intervals overlap, with a hair of rounding slack.

        A duration in a coarser unit may be rounded to it (at most by a tenth): "seven years"
        is a rounded "85 months", while "an hour" is no "90 minutes" and "73 years" and
        "72 years" still differ.
        """
        if self.kind != other.kind:
            return False
        largest = max(abs(self.value), abs(other.value))
        # A month is counted from year 0: no rounding slack ("May 2014" is no "April 2014").
        slack = 1e-9 + (0.0 if self.kind == "month" else 0.005 * largest)
        if self.grain != other.grain:
            slack += min(0.5 * max(self.grain, other.grain), 0.1 * largest)
        if self.low <= other.high + slack and other.low <= self.high + slack:
            return True
        return _rounds_to(self, other) or _rounds_to(other, self)


def _rounds_to(fine: Quantity, coarse: Quantity) -> bool:
    """Is ``coarse`` ``fine`` rounded to fewer digits? "0.8 percent" is a rounded "0.81
    percent", "4 percent" a rounded "3.8 percent"; "$1.70" is no rounded "$1.69"."""
    if not (0 < fine.step < coarse.step):
        return False
    return abs(fine.value - coarse.value) <= 0.5 * coarse.step * (1 + 1e-9)


# Kinds whose figures are rounded in the telling; clock times, years and ages are exact.
_ROUNDED_KINDS = frozenset({"count", "money", "percent", "duration", "ago"})
_WRITTEN_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.(\d+))?")


def _written_step(kind: str, value: float, low: float, high: float, surface: str) -> float:
    """The step of the last written digit of a quantity, in its unit ("2.5 million":
    100,000); 0 for intervals and figures written in words, whose precision is not on the
    page."""
    if kind not in _ROUNDED_KINDS or low != high:
        return 0.0
    match = _WRITTEN_NUMBER.search(surface)
    if match is None:
        return 0.0
    digits = match.group(0).replace(",", "")
    written = float(digits)
    if written == 0:
        return 0.0
    decimals = len(match.group(1) or "")
    step = 10.0**-decimals
    zeros = len(digits) - len(digits.rstrip("0"))
    if not decimals and zeros >= 2:
        # "60,000" is a rounded 59,619 and "300" a rounded 296, to one digit finer than the
        # zeros: "1,000" is no rounded 1,200, and "30" is never a rounded 29.
        step = 10.0 ** (zeros - 1)
    return step * value / written


def _prepare(text: str) -> str:
    # Every replacement keeps the length, so offsets into the result are offsets into ``text``.
    text = plain_typography(text.lower())
    # "73-year-old", "twenty-five", "90-minute": hyphens inside quantities are spaces to us.
    return _INNER_HYPHEN.sub(" ", text)


# The hyphen first, the letter before it looked behind for: a pattern that opens with a
# literal is scanned for in C from hyphen to hyphen, eight times faster than one that opens
# with a look-behind, tried at every character.
_INNER_HYPHEN = re.compile(r"-(?<=[a-z0-9]-)(?=[a-z0-9])")


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order."""
    return [placed.quantity for placed in locate_quantities(text).found]


@dataclass(frozen=True, slots=True)
class PlacedQuantity:
    """A quantity and where it stands: tokens ``start`` (its qualifier included) to ``end``."""

    quantity: Quantity
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LocatedQuantities:
    """The lower-case tokens of a text (hyphens inside quantities split), their character
    spans in the text, and its quantities."""

    words: list[str]
    spans: list[tuple[int, int]]
    found: list[PlacedQuantity]


def locate_quantities(text: str) -> LocatedQuantities:
    """Every quantity in ``text``, in order, with its place among the text's tokens: what a
    figure counts may be told by the words around it ("19 people were killed")."""
    words, starts, ends = _words_and_bounds(text)
    found = _placed_quantities(text, words, starts, ends)
    return LocatedQuantities(words, _spans(starts, ends), found)


def find_quantities(text: str) -> list[PlacedQuantity]:
    """``locate_quantities(text).found``, without a (start, end) pair for each token: the
    analysis keeps only the quantities and their places, and reads half the sentences."""
    return _placed_quantities(text, *_words_and_bounds(text))


def _placed_quantities(
    original: str, words: list[str], starts: list[int], ends: list[int]
) -> list[PlacedQuantity]:
    """The quantities among ``words``, whose characters are ``original[starts[k]:ends[k]]``."""
    found: list[PlacedQuantity] = []
    # Only the tokens a quantity can start at are visited (a few in a sentence of dozens):
    # a digit, a number word, "a" or "an" ("an hour"), "within" ("within hours").
    openers = [k for k, word in enumerate(words) if word[0].isdigit() or word in _QUANTITY_STARTS]
    read_to = 0  # the tokens before it belong to a quantity, a ratio or a word already read
    for i in openers:
        if i < read_to:
            continue
        read_to = i + 1
        if words[i] == "within":
            if _at(words, i + 1) in _VAGUE_SPANS:
                found.append(_vague_span(words, starts, ends, original, i))  # "within hours"
            continue
        if words[i] in ("a", "an") and (
            (found and found[-1].end == i) or _at(words, i - 1) in ("of", "per")
        ):
            # "$165,000 a year", "20 hours a week", "the second full moon of a month": a
            # rate or a unit of reckoning, not a duration
            continue
        parsed = _parse_number(words, i)
        if parsed is None:
            continue
        value, end = parsed
        upper = _range_end(words, i, end)
        if upper is not None and upper[0] < value:
            read_to = upper[2]  # "won 2 to 1", "a 4-to-3 vote": a ratio or a score, not a range
            continue
        if upper is not None:  # "four to six weeks", "between one and three"
            upper_value, upper_start, end = upper
            quantity, end = _classify(words, upper_start, end, upper_value)
            if quantity is not None and upper_value:
                scale = quantity.value / upper_value
                quantity = quantity._replace(value=value * scale, high=quantity.value)
                quantity = quantity._replace(low=quantity.value)
        else:
            quantity, end = _classify(words, i, end, value)
        if quantity is not None and upper is not None:
            qualifier_start, low, high = _qualifier(words, i)
            surface = original[starts[qualifier_start] : ends[end - 1]]
            quantity = quantity._replace(surface=" ".join(surface.split()))
            found.append(PlacedQuantity(quantity, qualifier_start, end))
        elif quantity is not None:
            if quantity.kind == "count" and _apposed_age(words, starts, original, i, end):
                quantity = quantity._replace(kind="age", unit="years old")
            if original[ends[end - 1] : ends[end - 1] + 1] == "-":
                quantity = quantity._replace(modifier=True)
            qualifier_start, low, high = _qualifier(words, i)
            if quantity.kind == "count":
                quantity = _of_a_group(quantity, words, qualifier_start, end)
            start_char = starts[qualifier_start]
            if qualifier_start > 0 and words[qualifier_start - 1] in _CURRENCY_SIGNS:
                start_char = starts[qualifier_start - 1]
            if quantity.kind == "month":
                start_char = starts[i - 1]  # "May 2014", written with its month
            surface = original[start_char : ends[end - 1]]
            quantity = _as_part_or_rate(quantity, words, qualifier_start, end)
            found.append(
                PlacedQuantity(_with_interval(quantity, low, high, surface), qualifier_start, end)
            )
        read_to = max(end, i + 1)
    return found


def placed_again(
    text: str, quantities: Sequence[Quantity], places: Sequence[tuple[int, int]]
) -> LocatedQuantities:
    """``locate_quantities`` of ``text``, given the quantities it found there and their
    places (tokens start to end): only the words are read again, a quarter of the work."""
    words, spans = _words_and_spans(text)
    found = [
        PlacedQuantity(quantity, start, end)
        for quantity, (start, end) in zip(quantities, places, strict=True)
    ]
    return LocatedQuantities(words, spans, found)


def _words_and_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The tokens ``locate_quantities`` reads of ``text``, and their character spans."""
    words, starts, ends = _words_and_bounds(text)
    return words, _spans(starts, ends)


# The token pattern as one group: splitting at it alternates the white space between tokens
# (perhaps empty) with the tokens themselves.
_TOKEN_OR_GAP = re.compile(f"({_TOKEN.pattern})")


def _words_and_bounds(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens ``locate_quantities`` reads of ``text``, where each starts and where it
    ends. One split gives [gap, token, gap, ..., token, gap]; the running sum of their
    lengths is where each piece ends, so token k spans the running sums 2k to 2k + 1. All
    of it runs in C: no match object and no search per token."""
    pieces = _TOKEN_OR_GAP.split(_prepare(text))
    bounds = list(accumulate(map(len, pieces)))
    return pieces[1::2], bounds[:-1:2], bounds[1::2]


def _spans(starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    return list(zip(starts, ends, strict=True))


# "within hours": some of a unit, fewer than the next unit holds (in seconds).
_VAGUE_SPANS: dict[str, tuple[float, float]] = {
    "seconds": (1, 60), "minutes": (60, 3600), "hours": (3600, 86400),
    "days": (86400, 2629800), "weeks": (604800, 7889400), "months": (2629800, 31557600),
    "years": (31557600, 315576000), "decades": (315576000, 3155760000),
}  # fmt: skip


def _vague_span(
    words: list[str], starts: list[int], ends: list[int], text: str, at: int
) -> PlacedQuantity:
    """ "within hours" at token ``at``: a duration of some of the unit, up to the next unit."""
    unit, ceiling = _VAGUE_SPANS[words[at + 1]]
    surface = " ".join(text[starts[at] : ends[at + 1]].split())
    quantity = Quantity(
        "duration", 2 * unit, 0.0, ceiling, "s", surface, grain=unit, modifier=False
    )
    return PlacedQuantity(quantity, at, at + 2)


def _as_part_or_rate(quantity: Quantity, words: list[str], start: int, end: int) -> Quantity:
    """``quantity`` marked as a part or an addition ("three other charges", "an additional
    $10") and with what it is counted per ("1.75 cents per ounce")."""
    if quantity.kind not in ("count", "money", "percent"):
        return quantity
    before = _at(words, start - 1 - (_at(words, start - 1) in _CURRENCY_SIGNS))
    part = _at(words, end) in _PART_AFTER or before in _PART_BEFORE
    after = words[end : end + 3]
    per = _at(after, after.index("per") + 1) if "per" in after else ""
    return quantity._replace(part=part, per=per) if part or per else quantity


# Words that make a hyphenated count the size of the group named next: "a 550-member
# delegation", "a five-person jury", "a 30-strong team", "a 20-man squad".
MEMBER_WORDS = frozenset(["member", "person", "strong", "man"])
# Words before "NOUN of" that make the NOUN a group whose size follows: "a delegation of
# more than 400", "the crowd of 5,000".
_GROUP_DETERMINERS = frozenset(["a", "an", "the", "its", "their", "his", "her", "our"])


def _of_a_group(quantity: Quantity, words: list[str], start: int, end: int) -> Quantity:
    """A count of a group's members counted as the group: "a 550-member delegation" and "a
    delegation of more than 400" both count the delegation (token ``start``, its qualifier
    included, to ``end``), so that one is compared with the other. Other counts as found."""
    if quantity.unit == "strong" or (quantity.modifier and quantity.unit in MEMBER_WORDS):
        # "550 member delegation": the noun after the member word; "5,000 strong" is a size
        # with or without its hyphen, "550 member states" counts members
        group = _at(words, end + 1)
    elif not quantity.unit and _at(words, start - 1) == "of":
        if _at(words, start - 3) not in _GROUP_DETERMINERS:
            return quantity
        group = _at(words, start - 2)  # "a delegation of more than 400"
    else:
        return quantity
    if not group.isalpha() or group in _COUNT_SKIP or group in NUMBER_WORDS:
        return quantity
    return quantity._replace(unit=group)


def _apposed_age(words: list[str], starts: list[int], text: str, start: int, end: int) -> bool:
    """ "Peterson, 31, is charged": a small number between commas right after a name."""
    if end != start + 1 or start < 2 or end >= len(words):
        return False
    number, name_start = words[start], starts[start - 2]
    return (
        words[start - 1] == ","
        and words[end] == ","
        and number.isdigit()
        and 0 < int(number) < 120
        and text[name_start : name_start + 1].isupper()
    )


def _range_end(words: list[str], start: int, end: int) -> tuple[float, int, int] | None:
    """The upper number of a range starting at ``start``: (value, its start, its end)."""
    joiner = _at(words, end)
    if joiner not in ("to", "and") or (joiner == "and" and _at(words, start - 1) != "between"):
        return None
    upper = _parse_number(words, end + 1) if end + 1 < len(words) else None
    if upper is None:
        return None
    return upper[0], end + 1, upper[1]


def _parse_number(words: list[str], i: int) -> tuple[float, int] | None:
    """A number starting at token ``i``: digits (with scale words) or number words."""
    word = words[i]
    if word[0].isdigit():
        try:
            value = float(word.replace(",", ""))
        except ValueError:
            return None
        end = i + 1
        if (end < len(words) and words[end] in _SCALES and words[end] not in ("m", "k")) or (
            end < len(words)
            and words[end] in ("m", "k", "bn")
            and i > 0
            and words[i - 1] in (_CURRENCY_SIGNS)
        ):
            value *= _SCALES[words[end]]
            end += 1
        return value, end
    if word not in _NUMBER_WORD_STARTS:
        return None  # the common case: an ordinary word
    return _parse_number_words(words, i)


def _parse_number_words(words: list[str], i: int) -> tuple[float, int] | None:
    total, current, end, seen = 0.0, 0.0, i, False
    while end < len(words):
        word = words[end]
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("hundred",) and seen:
            current = max(current, 1) * 100
        elif word in _SCALES and word not in ("m", "k", "bn") and seen:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif (
            word == "and"
            and seen
            and words[end - 1] in _SCALES  # "one hundred and five", not "one and three"
            and end + 1 < len(words)
            and (words[end + 1] in _UNITS or words[end + 1] in _TENS)
        ):
            pass
        elif (
            word in ("a", "an")
            and not seen
            and end + 1 < len(words)
            and (words[end + 1] in ("dozen", "hundred", "thousand", "million", "billion"))
        ):
            current = 1
        elif word in ("a", "an") and not seen and _at(words, end + 1) in _DURATION_SECONDS:
            current = 1  # "an hour", "a week"
            seen = True
            end += 1
            break
        elif (
            word == "half"
            and not seen
            and _at(words, end + 1) in ("a", "an")
            and _at(words, end + 2) in _DURATION_SECONDS
        ):
            current = 0.5  # "half an hour"
            seen = True
            end += 2
            break
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            break
        seen = seen or word not in ("a", "an", "and")
        end += 1
    if not seen:
        return None
    if words[end : end + 3] == ["and", "a", "half"]:
        current += 0.5  # "one and a half hours"
        end += 3
    return total + current, end


_ORDINAL_ENDINGS = frozenset(["st", "nd", "rd", "th"])

# Months named before a year ("May 2014"), by number.
_MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip


def _classify(words: list[str], start: int, end: int, value: float) -> tuple[Quantity | None, int]:
    """Decide what the number at ``words[start:end]`` measures; returns the extended end."""
    before = words[start - 1] if start > 0 else ""
    after = words[end] if end < len(words) else ""
    token = words[start]
    if after in ("%", "percent") or (after == "per" and _at(words, end + 1) == "cent"):
        return _q("percent", value, "%"), end + (2 if after == "per" else 1)
    if before in _CURRENCY_SIGNS:
        return _q("money", value, _CURRENCY_SIGNS[before]), end
    if after in _CURRENCY_WORDS:
        return _q("money", value, _CURRENCY_WORDS[after]), end + 1
    if after in ("year", "years") and _at(words, end + 1) == "old":
        return _q("age", value, "years old"), end + 2
    if after in _DURATION_SECONDS:
        seconds = value * _DURATION_SECONDS[after]
        stop = end + 1
        # "one and a half hours", "an hour and a half"
        if (
            _at(words, stop) == "and"
            and _at(words, stop + 1) in ("a", "an")
            and _at(words, stop + 2) == "half"
        ):
            seconds *= 1.5
            stop += 3
        grain: float = _DURATION_SECONDS[after]
        finer = _finer_duration(words, stop, grain)
        if finer is not None:  # "7 years, 1 month" is one duration: 85 months
            extra, grain, stop = finer
            seconds += extra
        # "lived 150 million years ago": a point in time counted back from the telling, not
        # how long something lasted ("40 million years after" it, "for 40 million years").
        kind = "ago" if _at(words, stop) == "ago" else "duration"
        return _q(kind, seconds, "s")._replace(grain=grain), stop + (kind == "ago")
    if after == ":" and _at(words, end + 1)[:1].isdecimal():  # "²" is a digit, no number
        minutes = float(_at(words, end + 1).replace(",", ""))
        return _clock_time(words, end + 2, value, value + minutes / 60)
    if after in ("a", "p") or after in ("am", "pm"):
        return _clock_time(words, end, value, value)
    if after == "s":
        return None, end  # a decade or an age bracket ("the 1990s", "in his 90s")
    if before in _MONTH_NUMBERS and token.isdigit() and len(token) == 4:
        # "May 2014" against "April 2014": the month of an event, not only its year.
        return _q("month", value * 12 + _MONTH_NUMBERS[before] - 1, "month"), end
    month_before = before in MONTH_NAMES or (before == "." and _at(words, start - 2) in MONTH_NAMES)
    if month_before or after in MONTH_NAMES:
        if token.isdigit() and len(token) == 4:
            return _q("year", value, "year"), end
        return None, end  # day of a month: dates are compared as names, not counts
    if token.isdigit() and len(token) == 4 and 1800 <= value <= 2100:
        return _q("year", value, "year"), end
    if token.isdigit() and before in ("no", "number", "#", "page", "route", "flight"):
        return None, end
    if after in _ORDINAL_ENDINGS or (after == "block" and _at(words, end + 1) == "of"):
        # "84th Street", "the 5500 block of ...": a place or a rank, never a count to compare
        return _q("place", value, after), end + 1
    if token == "one" and end == start + 1:
        return None, end  # "no one", "one of them": a pronoun far more often than a count
    return _q("count", value, _counted_noun(words, end)), end


def _clock_time(words: list[str], end: int, hour: float, value: float) -> tuple[Quantity, int]:
    """A clock time whose number ends at ``end``, on the 24-hour clock when told with "am" or
    "pm" ("4:00pm" is 16:00). Its unit says what a reader needs to compare two times: "clock"
    for a 24-hour time, "clock 12h" for "4:00" told without "am" or "pm" (4 or 16), with
    the zone when one is named ("clock utc")."""
    meridiem, stop = _meridiem(words, end)
    if meridiem == "pm" and hour < 12:
        value += 12
    elif meridiem == "am" and hour == 12:
        value -= 12
    unit = "clock" if meridiem or hour == 0 or hour > 12 else "clock 12h"
    zone = _TIME_ZONES.get(_at(words, stop), "")
    if zone:
        unit, stop = f"{unit} {zone}", stop + 1
    return _q("time", value, unit), stop


def _meridiem(words: list[str], at: int) -> tuple[str, int]:
    """ "am" or "pm" told at token ``at`` ("pm", "p.m.", "p.m"), and where it ends."""
    word = _at(words, at)
    if word in ("am", "pm"):
        return word, at + 1
    if word in ("a", "p") and words[at + 1 : at + 3] == [".", "m"]:
        return f"{word}m", at + 3 + (_at(words, at + 3) == ".")  # "p.m." or "p.m"
    return "", at


def _finer_duration(words: list[str], at: int, grain: float) -> tuple[float, float, int] | None:
    """A duration in a finer unit right after ``, `` or ``and`` ("7 years, 1 month"):
    (its seconds, its unit's seconds, where it ends), or None."""
    if _at(words, at) not in (",", "and"):
        return None
    parsed = _parse_number(words, at + 1) if at + 1 < len(words) else None
    if parsed is None:
        return None
    value, end = parsed
    unit = _DURATION_SECONDS.get(_at(words, end), 0)
    if not 0 < unit < grain:
        return None
    return value * unit, unit, end + 1


def _counted_noun(words: list[str], end: int) -> str:
    for at in range(end, min(end + 3, len(words))):
        word = words[at]
        if word in _COUNT_SKIP:
            continue
        if word.isalpha():
            return _head_noun(words, at)
        break
    return ""


def _head_noun(words: list[str], at: int) -> str:
    """The plural noun that ends a counted phrase starting at ``at``: "votes" in "332
    electoral votes" and in "306 electoral college votes", not the adjective before it."""
    word = words[at]
    if _looks_plural(word) or word in _PLURALS_WITHOUT_S:
        return word
    for ahead in (1, 2):
        noun = _at(words, at + ahead)
        if not noun.isalpha() or noun in _COUNT_SKIP or noun in ("and", "or", "per", "a"):
            break
        if _looks_plural(noun):
            return noun
    return word


def _looks_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


_PLURALS_WITHOUT_S = frozenset(["people", "men", "women", "children", "police", "staff", "crew"])


def _at(words: list[str], index: int) -> str:
    return words[index] if 0 <= index < len(words) else ""


def _q(kind: str, value: float, unit: str) -> Quantity:
    return Quantity(kind=kind, value=value, low=value, high=value, unit=unit, surface="")


def _qualifier(words: list[str], start: int) -> tuple[int, float, float]:
    """Approximation words just before the number, as interval factors."""
    probe = start - 1 if start > 0 and words[start - 1] in _CURRENCY_SIGNS else start
    if _at(words, probe - 1) not in _QUALIFIER_ENDS:
        return start, 1.0, 1.0  # most figures: no qualifier ends right before them
    before = (tuple(words[probe - n : probe]) for n in _QUALIFIER_LENGTHS if n <= probe)
    found = [phrase for phrase in before if phrase in _QUALIFIERS]
    if not found:
        return start, 1.0, 1.0
    # Phrases of several lengths can end at the number ("just over", "over"): the longest,
    # the most precise, wins.
    phrase = max(found, key=len)
    low, high = _QUALIFIERS[phrase]
    return probe - len(phrase), low, high


_QUALIFIER_LENGTHS = sorted({len(phrase) for phrase in _QUALIFIERS})
_QUALIFIER_ENDS = frozenset(phrase[-1] for phrase in _QUALIFIERS)


def _with_interval(quantity: Quantity, low: float, high: float, surface: str) -> Quantity:
    value = quantity.value
    low, high, surface = value * low, value * high, " ".join(surface.split())
    step = _written_step(quantity.kind, value, low, high, surface)
    # Built directly: most quantities pass here, and ``_replace`` takes longer (it reads
    # every field by name and calls with keywords).
    q = quantity
    return Quantity(
        kind=q.kind, value=value, low=low, high=high, unit=q.unit, surface=surface,
        grain=q.grain, modifier=q.modifier, step=step, part=q.part, per=q.per,
    )  # fmt: skip


def may_hold_quantity(words: Sequence[str]) -> bool:
    """Could a sentence with these lower-case words hold a quantity? A cheap test on tokens
    (a digit, a number word, "a"/"an" before a unit, "within hours") that skips most
    sentences."""
    for k, word in enumerate(words):
        if word[:1].isdigit() or word in _NUMBER_WORD_STARTS_ALONE:
            return True
        if word in ("a", "an") and k + 1 < len(words) and words[k + 1] in _UNIT_AFTER_ARTICLE:
            return True
        if word == "within" and k + 1 < len(words) and words[k + 1] in _VAGUE_SPANS:
            return True
    return False
