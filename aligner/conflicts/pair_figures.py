"""Number conflicts: figures of one kind that no figure of the other sentence can match
("29 killed" / "19 killed"), paired by what they count; and, softer, a bound against a
different figure of the same thing ("at least 19 killed" / "29 killed")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from aligner.conflicts.figure_index import (
    BatchMatches,
    FigureIndex,
    FigureSheet,
    Matched,
    is_lower_bound,
    is_upper_bound,
    positions,
    same_unit,
    singular_of,
    unit_key,
)
from aligner.conflicts.owners import part_within_whole, told_apart
from aligner.conflicts.subjects import (
    age_holder,
    one_thing,
    people_event,
    sentence_located,
    told_as_undergoing,
)
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.text.diff import is_number_token
from aligner.text.features import SentenceFeatures, stem
from aligner.text.quantities import MEASURE_UNITS, Quantity


def number_conflicts(
    a: SentenceFeatures, b: SentenceFeatures, *, same_noun_only: bool = False, dated: bool = True
) -> list[Finding]:
    """Figures of one kind that no figure of the other sentence can match; ages and months
    (which person, which event) only when ``dated``."""
    if not a.quantities or not b.quantities:
        return []
    index = FigureIndex([a, b])
    (matched,) = index.matches([(0, 1)])
    return figure_conflicts(
        index.sheet(0), index.sheet(1), matched, same_noun_only=same_noun_only, dated=dated
    )


def figure_conflicts(
    sheet_a: FigureSheet,
    sheet_b: FigureSheet,
    matched: Matched,
    *,
    same_noun_only: bool = False,
    dated: bool = True,
    hard_only: bool = False,
) -> list[Finding]:
    """``number_conflicts`` of the sentences of two sheets, given which of their figures
    the other matches (``FigureIndex.matches``). With ``hard_only``, only the hard ones:
    the soft ones, which a check of sentences not surely counterparts drops
    (passes._softened), are not worked out (msrp10k14: some 4,000 of 38,000)."""
    a, b = sheet_a.sentence, sheet_b.sentence
    if a.vague_amount or b.vague_amount or not a.quantities or not b.quantities:
        return []
    if sheet_a.figures == sheet_b.figures:
        return []  # every figure has its equal in the other sentence: the common case
    findings = []
    of_a, of_b = sheet_a.by_kind, sheet_b.by_kind
    left_out = _NOT_COMPARED if dated else _NOT_COMPARED_UNDATED
    matched_a, matched_b = matched
    # The kinds both give, in order (``FigureSheet.kinds`` are sorted): no sets to make.
    for kind in sheet_a.kinds:
        if kind not in of_b or kind in left_out:
            continue
        # A figure matches only one of its kind (``Quantity.compatible``).
        left = [at for at in of_a[kind] if not matched_a[at]]
        if not left:
            continue  # nothing to pair: every figure of ``a`` has its match
        right = [at for at in of_b[kind] if not matched_b[at]]
        for at_a, at_b in _pair_up(sheet_a, left, sheet_b, right, same_noun_only=same_noun_only):
            qa, qb = a.quantities[at_a], b.quantities[at_b]
            if kind == "age" and not _may_be_one_age(a, qa, b, qb):
                continue  # "Cosme, 32" / "the five 2-year-old children": two people's ages
            if sheet_a.unit_keys[at_a] != sheet_b.unit_keys[at_b] and _names_the_other_noun(
                sheet_a, qa, sheet_b, qb
            ):
                continue  # "six of his aides" / "the two sons" beside "his other son"
            severity = _pair_severity(sheet_a, at_a, sheet_b, at_b)
            if hard_only and severity is Severity.SOFT:
                continue  # neither told apart nor described: it would be dropped
            if part_within_whole(sheet_a, at_a, sheet_b, at_b):
                continue  # a part no larger than its whole agrees with it
            apart = told_apart(sheet_a, at_a, sheet_b, at_b)
            if apart and severity is Severity.SOFT:
                # A pairing that was a guess already, now of two owners: two doubts, as in
                # passes._softened.
                continue
            if apart:
                if hard_only:
                    continue
                severity = Severity.SOFT  # issue 14: unsure, a soft one naming the difference
            detail = _number_detail(sheet_a, at_a, sheet_b, at_b, apart)
            findings.append(Finding(ConflictKind.NUMBER, detail, severity))
    if not hard_only:
        findings += _bound_findings(sheet_a, sheet_b)  # soft, every one
    if findings and other_time_frames(sheet_a, sheet_b):
        return []  # "served about three years" (done) / "to serve about 7 years" (to come)
    return findings


def other_time_frames(sheet_a: FigureSheet, sheet_b: FigureSheet) -> bool:
    """Does one sentence tell an act as done ("served about three years") and the other the
    same act as still to come ("agreed to serve about 7 years")? Their figures then belong
    to two terms, an earlier one and the next, not to one fact told two ways."""
    done_a, to_come_a = sheet_a.frames
    done_b, to_come_b = sheet_b.frames
    return not (done_a.isdisjoint(to_come_b) and done_b.isdisjoint(to_come_a))


def _pair_severity(sheet_a: FigureSheet, at_a: int, sheet_b: FigureSheet, at_b: int) -> Severity:
    """Hard when the two figures cannot both be true as told; soft when the pairing or the
    reading is a guess a reader should check: a sentence that gives another, different
    figure of the same thing ("said he won 306 votes, when in fact he won 304": a claim and
    its correction, a before and an after, two polls), a clock time with no zone told, a
    point counted back from the day each outlet wrote ("150 million years ago"); see
    ``FigureSheet.several``."""
    qa = sheet_a.sentence.quantities[at_a]
    if sheet_a.several(at_a) or sheet_b.several(at_b):
        return Severity.SOFT
    if qa.kind == "ago" or (qa.kind == "time" and not _zone(qa)):
        return Severity.SOFT
    return Severity.HARD


def _may_be_one_age(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> bool:
    """May two ages be one person's? Not a named adult's and a child's or a group's ("Cosme,
    32" / "five 2-year-old children", "a child under 13 years old"), nor two people's named
    differently."""
    sentence_located(a), sentence_located(b)  # see ``FigureSheet.thing``
    holder_a, holder_b = age_holder(a.text, qa), age_holder(b.text, qb)
    if not holder_a or not holder_b:
        return True
    kind_a, kind_b = _holder_kind(holder_a), _holder_kind(holder_b)
    if kind_a == kind_b == "name":
        return holder_a.split()[-1].lower() == holder_b.split()[-1].lower()
    if "many" in (kind_a, kind_b):
        return kind_a == kind_b and singular_of(holder_a) == singular_of(holder_b)
    return (kind_a == "child") == (kind_b == "child")


# Nouns of people too young to be the adults an article names.
_CHILD_WORDS = frozenset(
    ["child", "girl", "boy", "baby", "infant", "toddler", "kid", "teen", "teenager", "pupil",
     "student", "newborn", "youngster"]
)  # fmt: skip


def _holder_kind(holder: str) -> str:
    """ "name" (a person named), "many" (a plural noun), "child", or "one" (an adult noun)."""
    if holder[:1].isupper():
        return "name"
    if singular_of(holder) != holder.lower():
        return "many"
    return "child" if holder.lower() in _CHILD_WORDS else "one"


def _bound_findings(sheet_a: FigureSheet, sheet_b: FigureSheet) -> list[Finding]:
    """Soft findings: a lower bound ("at least 19", "more than 20") against an exact,
    different figure of the same thing ("29"). Both can be true, but a reader comparing
    outlets wants them side by side. So are two different time limits ("within hours" /
    "within an hour"). Approximations ("about 7 years") and ranges ("2,500 to 5,000") allow
    the other figure as told; other upper bounds ("up to 4,500 tons") mostly state a
    capacity or a maximum, not the count itself."""
    if not (sheet_a.bounds or sheet_b.bounds or (sheet_a.limits and sheet_b.limits)):
        return []  # neither a lower bound nor two time limits: the common case
    a, b = sheet_a.sentence, sheet_b.sentence
    found = []
    for at_a, qa in enumerate(a.quantities):
        for at_b, qb in enumerate(b.quantities):
            if _bound_and_figure(qa, qb) and not told_apart(sheet_a, at_a, sheet_b, at_b):
                detail = _number_detail(sheet_a, at_a, sheet_b, at_b)
                found.append(Finding(ConflictKind.NUMBER, detail, Severity.SOFT))
    return found


def _bound_and_figure(qa: Quantity, qb: Quantity) -> bool:
    """Is one figure a bound and the other a different figure of the same thing within it,
    or are both different time limits (see ``_bound_findings``)?"""
    if qa.kind != qb.kind or not qa.unit or not same_unit(qa, qb):
        return False
    bound, exact = (qa, qb) if is_lower_bound(qa) else (qb, qa)
    one_bound = is_lower_bound(bound) and _is_exact(exact)
    if one_bound and _truncated_to(bound, exact):
        return False
    different = differ(qa.value, qb.value)
    if _two_time_limits(qa, qb):  # "within hours" / "within an hour"
        one_bound, different = True, not same_limit(qa, qb)
    return one_bound and different and qa.compatible(qb)


class ArticleFigures:
    """The figures each article gives, to ask whether an article tells a figure elsewhere."""

    def __init__(
        self,
        features: Sequence[SentenceFeatures],
        article_of: Sequence[int],
        index: FigureIndex | None = None,
    ):
        """``index``: the sheets of ``features`` when made already."""
        self.index = index if index is not None else FigureIndex(features)
        self._columns = _GivenColumns.of(features, article_of)

    def number_conflicts(
        self,
        i: int,
        j: int,
        *,
        same_noun_only: bool = False,
        dated: bool = True,
        matched: Matched | None = None,
        hard_only: bool = False,
    ) -> list[Finding]:
        """``number_conflicts`` of the sentences ``i`` and ``j`` (the hard ones alone with
        ``hard_only``: see ``figure_conflicts``); ``matched``: their
        ``FigureIndex.matches``, when known."""
        return figure_conflicts(
            self.index.sheet(i),
            self.index.sheet(j),
            matched or self.index.matches([(i, j)])[0],
            same_noun_only=same_noun_only,
            dated=dated,
            hard_only=hard_only,
        )

    def may_find(self, batch: BatchMatches, dated: Sequence[bool]) -> list[bool]:
        """Whether ``number_conflicts`` of each pair of a batch (its ``dated``), given its
        matches, may find anything at all: a pair that may not finds nothing.

        ``figure_conflicts`` pairs a figure only with one of its kind that no figure matches
        either (``_pair_up`` of ``left`` and ``right``), of a kind it compares; without
        such a pair only a bound finds anything (``_bound_findings``). Told for a whole
        batch at once, with numpy: msrp10k14's checks compare the figures of 7,300 pairs of
        sentences fewer, one by one, of the 40,500 whose sentences both give some."""
        index = self.index
        compared = np.where(
            np.array(dated, dtype=bool),
            ~index.kind_bits(_NOT_COMPARED),
            ~index.kind_bits(_NOT_COMPARED_UNDATED),
        )
        paired = (batch.unmatched_kinds & compared) != 0
        found: list[bool] = (paired | batch.bounds).tolist()
        return found

    def told_elsewhere(self, i: int, j: int, matched: Matched | None = None) -> bool:
        """Does one sentence's article give, in another sentence, every figure of the other
        sentence that this one does not match (of the kinds this one gives)? "$80 for a
        30-minute session" against "$100 for 30 minutes" is no disagreement when the first
        article goes on "he was willing to pay $100": it tells both amounts in sequence (a
        first offer and the one taken, an early toll and a later one), and the other
        article tells one of them."""
        (told,) = self.told_elsewhere_each([(i, j, matched or self.index.matches([(i, j)])[0])])
        return told

    def told_elsewhere_each(self, pairs: Sequence[tuple[int, int, Matched]]) -> list[bool]:
        """``told_elsewhere`` of each pair of sentences (i, j) with its ``matched``.

        A large folder asks this of some 25,000 pairs, about figures that almost never
        repeat (an article's figure against another article's sentence): all figures in
        question are set against every figure of their kind and unit their article gives,
        at once, with numpy (``FigureIndex.fits``), not pair by pair and one by one."""
        if not pairs:
            return []
        columns = self._columns
        both = np.array([(i, j) for i, j, _ in pairs], dtype=np.int64).reshape(-1, 2)
        # Two sides a pair: at 2k, whether j's article gives i's figures; at 2k + 1, i's j's.
        teller, giver = both.ravel(), both[:, ::-1].ravel()
        matched = np.fromiter(
            chain.from_iterable(chain.from_iterable(m for _, _, m in pairs)), dtype=bool
        )
        # Every figure of each side's teller, in the order of ``matched``.
        count = self.index.counts(teller)
        side = np.repeat(np.arange(len(teller)), count)
        figure = self.index.firsts(teller)[side] + positions(count)
        article = columns.article[giver[side]]
        # Asked about: the figures no figure of the giver matches, of a kind the giver gives.
        asked = ~matched & ((columns.kinds[giver[side]] >> columns.kind[figure]) & 1 == 1)
        group = columns.group(article[asked], columns.unit[figure[asked]])
        found = np.zeros(len(group), dtype=bool)
        known = group >= 0  # no group: the article gives no figure of that kind and unit
        found[known] = self._given_elsewhere(
            figure[asked][known], group[known], giver[side[asked]][known]
        )
        sides = len(teller)
        unfound = np.bincount(side[asked], weights=~found, minlength=sides)
        told = (np.bincount(side[asked], minlength=sides) > 0) & (unfound == 0)
        result: list[bool] = (told[0::2] | told[1::2]).tolist()
        return result

    def _given_elsewhere(
        self, figure: np.ndarray, group: np.ndarray, but: np.ndarray
    ) -> np.ndarray:
        """For each ``figure``, does a figure of its ``group`` that a sentence other than
        ``but`` gives, in its unit (``same_unit``), fit it (``Quantity.compatible``)?"""
        columns = self._columns
        sizes = columns.size[group]
        question = np.repeat(np.arange(len(figure)), sizes)
        given = columns.given[np.repeat(columns.start[group], sizes) + positions(sizes)]
        one = figure[question]
        # ``same_unit`` of two figures of one kind and unit key: a figure of any other kind
        # than a count has a unit of its own; a count's other figure needs a noun.
        fits = (
            (columns.sentence[given] != but[question])
            & (columns.part[given] == columns.part[one])
            & (columns.per[given] == columns.per[one])
            & columns.has_unit[given]
        )
        fits[fits] = self.index.fits(one[fits], given[fits])
        return np.bincount(question, weights=fits, minlength=len(figure)) > 0


@dataclass(frozen=True, slots=True)
class _GivenColumns:
    """The figures of a comparison in columns (numbered as in ``FigureIndex``): what
    ``told_elsewhere`` reads of each (its kind and unit, what ``same_unit`` reads besides),
    of each sentence (its article, the kinds of its figures), and the groups of figures
    each article gives of one kind and unit key (``given`` from ``start`` for ``size``,
    the group of an article and unit at ``keys`` in ``order``)."""

    kind: np.ndarray  # a number per kind
    unit: np.ndarray  # a number per kind and unit key
    sentence: np.ndarray
    part: np.ndarray
    per: np.ndarray  # a number per ``Quantity.per``
    has_unit: np.ndarray
    article: np.ndarray  # per sentence
    kinds: np.ndarray  # per sentence, the kinds of its figures: bit k for kind k
    given: np.ndarray
    start: np.ndarray
    size: np.ndarray
    keys: np.ndarray  # sorted article * (number of units) + unit of each group
    order: np.ndarray  # the group of each of ``keys``
    units: int  # how many units (kinds and unit keys) there are

    @staticmethod
    def of(features: Sequence[SentenceFeatures], article_of: Sequence[int]) -> _GivenColumns:
        kinds: dict[str, int] = {}
        units: dict[tuple[str, str], int] = {}
        pers: dict[str, int] = {}
        groups: dict[tuple[int, int], list[int]] = {}
        # Per figure: kind, unit, sentence, part, per, and whether it has a unit.
        rows: list[tuple[int, int, int, bool, int, bool]] = []
        kinds_of = [0] * len(features)
        for sentence, told_in in enumerate(features):
            for quantity in told_in.quantities:
                kind = kinds.setdefault(quantity.kind, len(kinds))
                unit = units.setdefault((quantity.kind, unit_key(quantity)), len(units))
                groups.setdefault((article_of[sentence], unit), []).append(len(rows))
                kinds_of[sentence] |= 1 << kind
                # A figure of any other kind than a count has a unit of its own.
                has_unit = bool(quantity.unit) or quantity.kind != "count"
                per = pers.setdefault(quantity.per, len(pers))
                rows.append((kind, unit, sentence, quantity.part, per, has_unit))
        columns = np.array(rows, dtype=np.int64).reshape(-1, 6)
        sizes = np.array([len(members) for members in groups.values()], dtype=np.int64)
        keys = np.array([a * len(units) + u for a, u in groups], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        return _GivenColumns(
            kind=columns[:, 0],
            unit=columns[:, 1],
            sentence=columns[:, 2],
            part=columns[:, 3].astype(bool),
            per=columns[:, 4],
            has_unit=columns[:, 5].astype(bool),
            article=np.array(article_of, dtype=np.int64).reshape(-1),
            kinds=np.array(kinds_of, dtype=np.int64),
            given=np.array([f for members in groups.values() for f in members], dtype=np.int64),
            start=np.cumsum(sizes) - sizes,
            size=sizes,
            keys=keys[order],
            order=order,
            units=len(units),
        )

    def group(self, article: np.ndarray, unit: np.ndarray) -> np.ndarray:
        """The group of figures of each ``unit`` that each ``article`` gives; -1 for none."""
        if not len(self.keys):
            return np.full(len(article), -1, dtype=np.int64)
        wanted = article * self.units + unit
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        found: np.ndarray = np.where(self.keys[at] == wanted, self.order[at], -1)
        return found


def differ(one: float, other: float) -> bool:
    """Are two values different, beyond float noise?"""
    return abs(one - other) > 1e-9 * max(abs(one), abs(other), 1.0)


def _two_time_limits(qa: Quantity, qb: Quantity) -> bool:
    """Two durations both told as limits ("within hours", "within an hour", "up to two
    years"): a time frame each, told differently when the limits differ."""
    return qa.kind == qb.kind == "duration" and is_upper_bound(qa) and is_upper_bound(qb)


def same_limit(qa: Quantity, qb: Quantity) -> bool:
    """Are two time limits one, in their units' rounding ("within three months" is "within
    90 days"; "within hours" is no "within an hour")?"""
    return _at_limit(qa).compatible(_at_limit(qb))


def _at_limit(quantity: Quantity) -> Quantity:
    high = quantity.high
    return quantity._replace(value=high, low=high, high=high, step=0.0)


# The last number of a figure's surface as written: "26" of "more than $26", "2.5" of
# "at least 2.5 million".
_LAST_NUMBER = re.compile(r"(\d[\d,]*)(?:\.(\d+))?(?!.*\d)")


def _truncated_to(bound: Quantity, exact: Quantity) -> bool:
    """Whether a lower bound is the exact figure with its last digits dropped ("more than
    $26" / "$26.33", "more than $2 million" / "$2.3 million"): a rounding, not another
    figure. Only bounds written in digits are read; "at least 19" / "29" stays different."""
    found = _LAST_NUMBER.search(bound.surface)
    if found is None:
        return False
    written = float(found.group(1).replace(",", "") + "." + (found.group(2) or "0"))
    if written <= 0:
        return False
    # One unit of the bound's last written digit, in the figure's own scale (millions...).
    step = bound.value / written * 10.0 ** -len(found.group(2) or "")
    return bound.value <= exact.value < bound.value + step


def _is_exact(quantity: Quantity) -> bool:
    return quantity.low == quantity.value == quantity.high


def _pair_up(
    sheet_a: FigureSheet,
    left: list[int],
    sheet_b: FigureSheet,
    right: list[int],
    *,
    same_noun_only: bool,
) -> list[tuple[int, int]]:
    """Pair figures (positions in their sheets) that speak of the same thing; a lone figure
    on each side pairs anyway."""
    of_a, of_b = sheet_a.sentence.quantities, sheet_b.sentence.quantities
    units_a, units_b = sheet_a.units, sheet_b.units
    pairs = []
    remaining = list(right)
    unpaired = []
    for at_a in left:
        # ``same_unit`` of two figures of one kind, the first with a unit (``FigureSheet.units``).
        unit = units_a[at_a]
        match = None
        if unit[3]:
            # A loop, not next() over a generator: this runs for each figure of each check.
            for at_b in remaining:
                if units_b[at_b] == unit:
                    match = at_b
                    break
        if match is None:
            unpaired.append(at_a)
        else:
            pairs.append((at_a, match))
            remaining.remove(match)
    lone_pair = len(unpaired) == 1 and len(remaining) == 1
    if (
        lone_pair
        and not same_noun_only
        and _may_count_one_thing(of_a[unpaired[0]], of_b[remaining[0]])
    ):
        pairs.append((unpaired[0], remaining[0]))
    return pairs


def _names_the_other_noun(
    sheet_a: FigureSheet, qa: Quantity, sheet_b: FigureSheet, qb: Quantity
) -> bool:
    """Does one sentence name, with no figure of its own, what the other's figure counts
    ("the former president's other son" / "the two sons")? Its lone figure then counts
    something else ("six of his aides")."""
    # Asked of few pairs (figures of two nouns): a look through the stems does.
    return (bool(qb.unit) and stem(qb.unit) in sheet_a.sentence.stems) or (
        bool(qa.unit) and stem(qa.unit) in sheet_b.sentence.stems
    )


def _may_count_one_thing(qa: Quantity, qb: Quantity) -> bool:
    """May two lone figures of different words measure one thing ("four large parts" / "two
    big objects")? Not years or clock times, not "a three-term senator" (an attribute), and
    not one amount in two currencies or one distance in two units: those are conversions."""
    if qa.kind in ("year", "month", "time") or qa.modifier or qb.modifier:
        return False
    if qa.part != qb.part or qa.per != qb.per:
        return False  # "12 charges" / "three other charges", "cents per ounce" / "per year"
    if qa.kind == "money":
        return qa.unit == qb.unit
    return not (qa.unit in MEASURE_UNITS and qb.unit in MEASURE_UNITS)


# Kinds of figures no check compares (a place only tells where), and those compared only
# between counterparts (``dated``: whose age, which event's month).
_NOT_COMPARED = frozenset(["place"])
_NOT_COMPARED_UNDATED = _NOT_COMPARED | {"age", "month"}

# What a figure of each kind is, for a reason whose sentences do not say more.
_KIND_WORDS = {
    "duration": "duration", "money": "amount", "percent": "percentage", "ago": "time ago"
}  # fmt: skip


def _number_detail(
    sheet_a: FigureSheet, at_a: int, sheet_b: FigureSheet, at_b: int, apart: str = ""
) -> str:
    """ "Four vs three (people in custody)": both figures (positions in their sheets) and
    what they tell, in the sentences' words (aligner/conflicts/subjects.py); the kind of
    figure when they do not say. Counts of two nouns show each noun with its figure ("four
    large parts recovered vs two big objects recovered"). ``apart``: what sets apart the
    things the figures belong to (owners.told_apart), said last."""
    qa, qb = sheet_a.sentence.quantities[at_a], sheet_b.sentence.quantities[at_b]
    thing_a, thing_b = sheet_a.thing(at_a), sheet_b.thing(at_b)
    if qa.kind == "count" and sheet_a.unit_keys[at_a] != sheet_b.unit_keys[at_b]:
        both = f"{qa.surface} {thing_a}".strip() + " vs " + f"{qb.surface} {thing_b}".strip()
        return f"{both} ({apart})" if apart else both
    thing = one_thing(thing_a, thing_b)
    what = _KIND_WORDS.get(qa.kind, qa.kind)
    if qa.kind == "count":
        what = qa.unit if qa.unit == qb.unit else ""
    if thing and " " not in thing and qa.kind != "count":
        thing = f"{what}: {thing}"  # a verb alone says little: "amount: paid"
    detail = f"{qa.surface} vs {qb.surface}"
    about = thing or what
    if qa.kind == "time" and not _zone(qa):
        about = f"{about}; no time zone told"  # "16:00 vs 4:00 am": maybe two clocks
    if apart:
        about = f"{about}; {apart}" if about else apart  # "found; Rasmussen vs Pew"
    return f"{detail} ({about})" if about else detail


def _zone(quantity: Quantity) -> str:
    """The time zone a clock time names ("utc" of "clock utc"), "" for none."""
    last = quantity.unit.split()[-1]
    return "" if last in ("clock", "12h") else last


# People whose number a story is about (who did it, who was hurt, who found the body), as
# singular: plural. Police officers and detectives are left out: a story tells them as a
# group and as the one who spoke or acted, with no disagreement in that.
_COUNTED_PEOPLE: dict[str, str] = {
    "woman": "women", "man": "men", "child": "children", "girl": "girls", "boy": "boys",
    "daughter": "daughters", "son": "sons", "sister": "sisters", "brother": "brothers",
    "wife": "wives", "husband": "husbands", "victim": "victims", "attacker": "attackers",
    "suspect": "suspects", "gunman": "gunmen", "assailant": "assailants",
    "hostage": "hostages", "survivor": "survivors",
}  # fmt: skip
_COUNTED_PEOPLE_WORDS = frozenset(_COUNTED_PEOPLE) | frozenset(_COUNTED_PEOPLE.values())
# Words before a noun worth showing with it: "a woman", "two women", "his daughters".
_DETERMINERS = frozenset(
    ["a", "an", "the", "one", "both", "his", "her", "their", "its", "two", "three", "four",
     "five", "six", "seven", "eight", "nine", "ten", "several", "some"]
)  # fmt: skip


def tells_counted_people(sentence: SentenceFeatures) -> bool:
    """Does the sentence name people whose number a story is about ("a woman", "his
    daughters")?"""
    return not _COUNTED_PEOPLE_WORDS.isdisjoint(sentence.tokens)


def people_number_findings(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """Soft findings: people told as one in one sentence and as several in the other ("a
    woman" / "two women", "his daughters" / "daughter"), with neither form in both."""
    found = []
    told_a = _COUNTED_PEOPLE_WORDS.intersection(a.tokens)
    told_b = _COUNTED_PEOPLE_WORDS.intersection(b.tokens)
    for singular, plural in sorted(_COUNTED_PEOPLE.items()):
        for one, many in ((a, b), (b, a)):
            told_one, told_many = (told_a, told_b) if one is a else (told_b, told_a)
            if singular not in told_one or plural not in told_many:
                continue  # neither form to compare: the common case, without a walk
            if not (_only_form(one, singular, plural) and _only_form(many, plural, singular)):
                continue
            if _counts_others(one):
                continue  # "one man approached … when two other people came up": several
            if told_as_undergoing(one.text, singular) != told_as_undergoing(many.text, plural):
                continue  # "two men pulled guns" / "the man was shot": other people
            told = [
                (_shown(one, singular), people_event(one.text, singular)),
                (_shown(many, plural), people_event(many.text, plural)),
            ]
            (first, thing_a), (second, thing_b) = told if one is a else told[::-1]
            thing = one_thing(thing_a, thing_b)
            detail = f"{first} vs {second} ({thing})" if thing else f"{first} vs {second}"
            found.append(Finding(ConflictKind.NUMBER, detail, Severity.SOFT))
    return found


def _only_form(sentence: SentenceFeatures, form: str, other: str) -> bool:
    """Does the sentence tell the people in this form only, and as a count of them?"""
    tokens = sentence.tokens
    told = [k for k, token in enumerate(tokens) if token == form]
    return bool(told) and other not in tokens and not any(_not_a_count(tokens, k) for k in told)


def _counts_others(sentence: SentenceFeatures) -> bool:
    """Does the sentence count more people beside the one it names ("two other people",
    "three others")? Then its one is one of several, as another source's plural may be."""
    tokens = sentence.tokens
    return any(
        token in ("other", "others") and k and is_number_token(tokens[k - 1])
        for k, token in enumerate(tokens)
    )


# "a second woman", "another man": one of several, not their number.
_ONE_OF_SEVERAL = frozenset(["second", "third", "another", "other", "fellow"])


def _not_a_count(tokens: Sequence[str], at: int) -> bool:
    """Is the noun at ``at`` no telling of how many: "one of the two women" (one, of
    several), "a second woman", "battery to a child", "endangerment of child" (the law's
    words)?"""
    before = tokens[max(0, at - 3) : at]
    return (
        "of" in before
        or (bool(before) and before[-1] in _ONE_OF_SEVERAL)
        or tuple(before[-2:]) in (("to", "a"), ("to", "an"))
    )


def _shown(sentence: SentenceFeatures, noun: str) -> str:
    """The noun with its determiner when it has one ("a woman", "two women"), and with the
    people it is told along with ("his wife and daughters")."""
    tokens = sentence.tokens
    at = tokens.index(noun)
    if at >= 2 and tokens[at - 1] == "and" and tokens[at - 2] in _ALONG_WITH:
        at -= 2  # "wife and daughter": one group, told together
        noun = f"{tokens[at]} and {noun}"
    before = tokens[at - 1] if at else ""
    return f"{before} {noun}" if before in _DETERMINERS else noun


# People told together with the counted ones: "his wife and daughters".
_ALONG_WITH = _COUNTED_PEOPLE_WORDS | {"mother", "father", "parents", "family", "husband"}
