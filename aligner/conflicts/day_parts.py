"""One day's part told two ways by counterpart sentences of different sources: "On Saturday
afternoon, the manager ... reported a strong smell" / "a store manager complained about a
strong smell Saturday morning".

A part of a day is told by a weekday and the word after it ("Saturday morning", "Monday
night") or before it ("early Saturday", "late Sunday"). Two counterparts that tell the same
weekday in parts that cannot overlap (morning and afternoon, early and at night) put one
event at two times: soft, for a reader to check, as the parts are loose words ("late
Saturday" may be a late afternoon) and a sentence may tell the time of another event of the
same day. Parts that may overlap (afternoon and evening, evening and night, early and
morning) are left alone, as are two weekdays (the row check's, aligner/conflicts/entities.py),
relative days ("this morning", "yesterday afternoon": each outlet counts from the day it
wrote) and clock times ("2:40 p.m.", often the time of another event of that day).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from aligner.conflicts.slot_names import counterpart_pairs, sentences_with, soft_name_conflicts
from aligner.conflicts.spellings import SpellingConflict
from aligner.conflicts.subjects import one_thing, word_event
from aligner.result.model import ConflictKind
from aligner.text.features import SentenceFeatures, stem
from aligner.text.wordlists import DAY_NAMES

# The hours each part may cover, as open intervals (past 24: the small hours of the next
# day, which "Saturday night" runs into).
_PART_HOURS: dict[str, tuple[int, int]] = {
    "early": (0, 9), "morning": (5, 12), "afternoon": (12, 18), "evening": (17, 23),
    "night": (19, 29), "late": (16, 29),
}  # fmt: skip
_AFTER_DAY = frozenset(["morning", "afternoon", "evening", "night"])
_BEFORE_DAY = frozenset(["early", "late"])
# Their stems, which a sentence's content stems are checked against first.
_PART_STEMS = frozenset(map(stem, _PART_HOURS))
# Whole weekday names only: "sat" and "sun" are words too ("sat in the morning sun").
_WEEKDAYS = frozenset(day for day in DAY_NAMES if day.endswith("day"))


def day_part_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    similar: Sequence[Mapping[int, float]],
    counterparts_from: float,
) -> list[SpellingConflict]:
    """A soft number conflict for each two sentences of different sources scoring
    ``counterparts_from`` at least (``similar``: each sentence's scored partners) that tell
    one weekday in parts that cannot overlap."""
    told = sentences_with(features, _PART_STEMS, day_parts)

    def reasons(i: int, j: int) -> Iterator[str]:
        return _differing_parts(features[i], told[i], features[j], told[j])

    pairs = counterpart_pairs(similar, article_of, counterparts_from, told)
    return soft_name_conflicts(pairs, reasons, ConflictKind.NUMBER)


def day_parts(sentence: SentenceFeatures) -> list[tuple[str, str]]:
    """(weekday, part) for each weekday the sentence tells in one part only: ("saturday",
    "morning") for "Saturday morning", ("sunday", "early") for "early Sunday"."""
    tokens = sentence.tokens
    parts: dict[str, set[str]] = {}
    for k, day in enumerate(tokens):
        if day not in _WEEKDAYS:
            continue
        after, before = tokens[k + 1 : k + 2], tokens[k - 1 : k] if k else ()
        if after and after[0] in _AFTER_DAY:
            parts.setdefault(day, set()).add(after[0])
        elif before and before[0] in _BEFORE_DAY:
            parts.setdefault(day, set()).add(before[0])
        else:
            parts.setdefault(day, set()).add("")  # the day alone: no part to compare
    return sorted(
        (day, part) for day, told in parts.items() if len(told) == 1 for part in told if part
    )


def _differing_parts(
    a: SentenceFeatures,
    parts_a: Sequence[tuple[str, str]],
    b: SentenceFeatures,
    parts_b: Sequence[tuple[str, str]],
) -> Iterator[str]:
    """ "Saturday afternoon vs Saturday morning (reported a strong smell / complained)" for
    each weekday both sentences tell, in parts that cannot overlap."""
    for day, part_a in parts_a:
        for other_day, part_b in parts_b:
            if day != other_day or _may_overlap(part_a, part_b):
                continue
            thing = one_thing(word_event(a.text, day), word_event(b.text, day))
            both = f"{_shown(day, part_a)} vs {_shown(day, part_b)}"
            yield f"{both} ({thing})" if thing else f"{both} (time of day)"


def _may_overlap(part_a: str, part_b: str) -> bool:
    low_a, high_a = _PART_HOURS[part_a]
    low_b, high_b = _PART_HOURS[part_b]
    return low_a < high_b and low_b < high_a


def _shown(day: str, part: str) -> str:
    """ "Saturday morning", "early Saturday"."""
    return f"{part} {day.title()}" if part in _BEFORE_DAY else f"{day.title()} {part}"
