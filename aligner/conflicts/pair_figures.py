"""Number conflicts: figures of one kind that no figure of the other sentence can match
("29 killed" / "19 killed"), paired by what they count; and, softer, a bound against a
different figure of the same thing ("at least 19 killed" / "29 killed")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from aligner.conflicts.subjects import (
    age_holder,
    amount_purpose,
    figure_thing,
    one_thing,
    people_event,
    told_as_undergoing,
)
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.text.features import SentenceFeatures, stem
from aligner.text.quantities import MEASURE_UNITS, Quantity
from aligner.text.wordlists import IRREGULAR_SINGULARS


def number_conflicts(
    a: SentenceFeatures, b: SentenceFeatures, *, same_noun_only: bool = False, dated: bool = True
) -> list[Finding]:
    """Figures of one kind that no figure of the other sentence can match; ages and months
    (which person, which event) only when ``dated``."""
    if a.vague_amount or b.vague_amount or not a.quantities or not b.quantities:
        return []
    if _figures(a) == _figures(b):
        return []  # every figure has its equal in the other sentence: the common case
    findings = []
    of_a, of_b = _by_kind(a.quantities), _by_kind(b.quantities)
    kinds = (of_a.keys() & of_b.keys()) - {"place"}
    if not dated:
        kinds -= {"age", "month"}
    for kind in sorted(kinds):
        left = _unmatched(of_a[kind], of_b[kind])
        right = _unmatched(of_b[kind], of_a[kind])
        for qa, qb in _pair_up(left, right, same_noun_only=same_noun_only):
            if kind == "age" and not _may_be_one_age(a, qa, b, qb):
                continue  # "Cosme, 32" / "the five 2-year-old children": two people's ages
            if _unit_key(qa) != _unit_key(qb) and _names_the_other_noun(a, qa, b, qb):
                continue  # "six of his aides" / "the two sons" beside "his other son"
            severity = _pair_severity(a, qa, b, qb)
            findings.append(Finding(ConflictKind.NUMBER, _number_detail(a, qa, b, qb), severity))
    findings += _bound_findings(a, b)
    if findings and other_time_frames(a, b):
        return []  # "served about three years" (done) / "to serve about 7 years" (to come)
    return findings


# Words before a verb that tell its act as still to come: "to serve", "will serve".
_TO_COME = frozenset(["to", "will", "would", "could", "may", "might", "must", "shall", "can"])


def other_time_frames(a: SentenceFeatures, b: SentenceFeatures) -> bool:
    """Does one sentence tell an act as done ("served about three years") and the other the
    same act as still to come ("agreed to serve about 7 years")? Their figures then belong
    to two terms, an earlier one and the next, not to one fact told two ways."""
    done_a, to_come_a = _verb_frames(a)
    done_b, to_come_b = _verb_frames(b)
    return bool(
        ((done_a - to_come_a) & (to_come_b - done_b))
        or ((done_b - to_come_b) & (to_come_a - done_a))
    )


def _verb_frames(sentence: SentenceFeatures) -> tuple[frozenset[str], frozenset[str]]:
    """Stems of verbs told in the past ("served") and of verbs told as to come ("to
    serve", "will serve")."""
    return _verb_frames_of(sentence.tokens, sentence.stems)


# A large folder asks this of one sentence for each of its conflicting pairs: a cache.
@lru_cache(maxsize=4096)
def _verb_frames_of(
    tokens: tuple[str, ...], stems: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str]]:
    done: set[str] = set()
    to_come: set[str] = set()
    for k, token in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        if before in _TO_COME and token.isalpha() and not token.endswith("ed"):
            to_come.add(stems[k])
        elif token.endswith("ed") and before not in _TO_COME and before != "be":
            done.add(stems[k])
    return frozenset(done), frozenset(to_come)


def _pair_severity(
    a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity
) -> Severity:
    """Hard when the two figures cannot both be true as told; soft when the pairing or the
    reading is a guess a reader should check: a sentence that gives another, different
    figure of the same thing ("said he won 306 votes, when in fact he won 304": a claim and
    its correction, a before and an after, two polls), a clock time with no zone told, a
    point counted back from the day each outlet wrote ("150 million years ago")."""
    if _several(a, qa) or _several(b, qb) or _part_of_the_other(a, qa, b, qb):
        return Severity.SOFT
    if qa.kind == "ago" or (qa.kind == "time" and not _zone(qa)):
        return Severity.SOFT
    return Severity.HARD


def _several(sentence: SentenceFeatures, quantity: Quantity) -> bool:
    """Does ``sentence`` give, besides ``quantity``, a different figure that may be of the
    same thing? A count's noun says what it counts; an amount's, a percentage's or a time's
    unit does not ("a case of cola costs an extra $8, and one of juice went from $16 to
    $26"): any other of its unit makes the pairing a guess."""
    if quantity.kind == "count":
        alike = [q for q in sentence.quantities if q.kind == "count" and _same_unit(q, quantity)]
    else:
        alike = [
            q for q in sentence.quantities if (q.kind, q.unit) == (quantity.kind, quantity.unit)
        ]
    return any(q is not quantity and not q.compatible(quantity) for q in alike)


def _paid_for(sentence: SentenceFeatures, quantity: Quantity) -> tuple[str, ...]:
    """What an amount is told to be in or for, up to its noun: ("punitive", "damages") for
    "$25 million in punitive damages"; () when the sentence does not say."""
    return amount_purpose(sentence.text, quantity) if quantity.kind == "money" else ()


def _part_of_the_other(
    a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity
) -> bool:
    """Is one amount told for a kind of what the other is for ("$25 million in punitive
    damages" / "$33.5 million in damages")? Then it may be part of the other."""
    for_a, for_b = set(_paid_for(a, qa)), set(_paid_for(b, qb))
    return bool(for_a and for_b) and for_a != for_b and (for_a < for_b or for_b < for_a)


def _may_be_one_age(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> bool:
    """May two ages be one person's? Not a named adult's and a child's or a group's ("Cosme,
    32" / "five 2-year-old children", "a child under 13 years old"), nor two people's named
    differently."""
    holder_a, holder_b = age_holder(a.text, qa), age_holder(b.text, qb)
    if not holder_a or not holder_b:
        return True
    kind_a, kind_b = _holder_kind(holder_a), _holder_kind(holder_b)
    if kind_a == kind_b == "name":
        return holder_a.split()[-1].lower() == holder_b.split()[-1].lower()
    if "many" in (kind_a, kind_b):
        return kind_a == kind_b and _singular(holder_a) == _singular(holder_b)
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
    if _singular(holder) != holder.lower():
        return "many"
    return "child" if holder.lower() in _CHILD_WORDS else "one"


@lru_cache(maxsize=4_096)  # asked for each pair of figures compared, of a few nouns
def _singular(noun: str) -> str:
    """ "children" -> "child", "votes" -> "vote", "electoral" stays (a plain -s rule with the
    irregular plurals; no stemmer, which makes "electors" and "electoral" one word)."""
    noun = noun.lower()
    if noun in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[noun]
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def _bound_findings(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """Soft findings: a lower bound ("at least 19", "more than 20") against an exact,
    different figure of the same thing ("29"). Both can be true, but a reader comparing
    outlets wants them side by side. So are two different time limits ("within hours" /
    "within an hour"). Approximations ("about 7 years") and ranges ("2,500 to 5,000") allow
    the other figure as told; other upper bounds ("up to 4,500 tons") mostly state a
    capacity or a maximum, not the count itself."""
    found = []
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.kind != qb.kind or not qa.unit or not _same_unit(qa, qb):
                continue
            one_bound = (_is_lower_bound(qa) and _is_exact(qb)) or (
                _is_lower_bound(qb) and _is_exact(qa)
            )
            different = differ(qa.value, qb.value)
            if _two_time_limits(qa, qb):  # "within hours" / "within an hour"
                one_bound, different = True, not same_limit(qa, qb)
            if one_bound and different and qa.compatible(qb):
                detail = _number_detail(a, qa, b, qb)
                found.append(Finding(ConflictKind.NUMBER, detail, Severity.SOFT))
    return found


class ArticleFigures:
    """The figures each article gives, to ask whether an article tells a figure elsewhere."""

    def __init__(self, features: Sequence[SentenceFeatures], article_of: Sequence[int]):
        self._features = features
        self._article_of = article_of
        # Per (article, kind, unit): the sentences and figures, so a figure is looked up
        # among its like only (a large folder's article can give hundreds).
        self._by_unit: dict[tuple[int, str, str], list[tuple[int, Quantity]]] = {}
        for index, sentence in enumerate(features):
            for quantity in sentence.quantities:
                key = (article_of[index], quantity.kind, _unit_key(quantity))
                self._by_unit.setdefault(key, []).append((index, quantity))

    def told_elsewhere(self, i: int, j: int) -> bool:
        """Does one sentence's article give, in another sentence, every figure of the other
        sentence that this one does not match? "$80 for a 30-minute session" against "$100
        for 30 minutes" is no disagreement when the first article goes on "he was willing to
        pay $100": it tells both amounts in sequence (a first offer and the one taken, an
        early toll and a later one), and the other article tells one of them."""
        a, b = self._features[i], self._features[j]
        return (
            self._may_give_elsewhere(j, a.quantities)
            and self._gives_elsewhere(j, _compared_unmatched(a, b))
        ) or (
            self._may_give_elsewhere(i, b.quantities)
            and self._gives_elsewhere(i, _compared_unmatched(b, a))
        )

    def _may_give_elsewhere(self, sentence: int, figures: Sequence[Quantity]) -> bool:
        """Does ``sentence``'s article give a figure of the kind and unit of one of
        ``figures`` in another sentence? (The cheap test first: mostly it does not.)"""
        article = self._article_of[sentence]
        return any(
            k != sentence
            for q in figures
            for k, _ in self._by_unit.get((article, q.kind, _unit_key(q)), ())
        )

    def _gives_elsewhere(self, sentence: int, figures: Sequence[Quantity]) -> bool:
        """Does ``sentence``'s article give each of ``figures`` (same kind and unit) in
        another of its sentences?"""
        article = self._article_of[sentence]
        return bool(figures) and all(
            any(
                k != sentence and _same_unit(q, o) and q.compatible(o)
                for k, o in self._by_unit.get((article, q.kind, _unit_key(q)), ())
            )
            for q in figures
        )


def _compared_unmatched(a: SentenceFeatures, b: SentenceFeatures) -> list[Quantity]:
    """Figures of ``a`` that no figure of ``b`` matches, of the kinds ``b`` gives too."""
    of_b = _by_kind(b.quantities)
    return [q for q in a.quantities if q.kind in of_b and not _matched(q, of_b[q.kind])]


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
    return replace(quantity, value=high, low=high, high=high, step=0.0)


def is_upper_bound(quantity: Quantity) -> bool:
    """Open below: "within an hour", "up to two years" (zero to the figure)."""
    return quantity.low == 0 < quantity.high < float("inf")


def _is_lower_bound(quantity: Quantity) -> bool:
    """Open above: "at least 19", "more than 20" (the figure to infinity)."""
    return quantity.high == float("inf") and quantity.low == quantity.value


def _is_exact(quantity: Quantity) -> bool:
    return quantity.low == quantity.value == quantity.high


def _figures(sentence: SentenceFeatures) -> set[tuple[str, float]]:
    return {(q.kind, q.value) for q in sentence.quantities}


def _by_kind(quantities: Sequence[Quantity]) -> dict[str, list[Quantity]]:
    """The quantities of each kind, in order: only a figure of its own kind can match one
    (``Quantity.compatible``), so each is compared with those alone."""
    grouped: dict[str, list[Quantity]] = {}
    for quantity in quantities:
        grouped.setdefault(quantity.kind, []).append(quantity)
    return grouped


def _unmatched(quantities: Sequence[Quantity], others: Sequence[Quantity]) -> list[Quantity]:
    return [q for q in quantities if not _matched(q, others)]


def _matched(quantity: Quantity, others: Sequence[Quantity]) -> bool:
    return any(quantity.compatible(other) for other in others)


def _pair_up(
    left: list[Quantity], right: list[Quantity], *, same_noun_only: bool
) -> list[tuple[Quantity, Quantity]]:
    """Pair figures that speak of the same thing; a lone figure on each side pairs anyway."""
    pairs = []
    remaining = list(right)
    unpaired = []
    for qa in left:
        match = next((qb for qb in remaining if qa.unit and _same_unit(qa, qb)), None)
        if match is None:
            unpaired.append(qa)
        else:
            pairs.append((qa, match))
            remaining.remove(match)
    lone_pair = len(unpaired) == 1 and len(remaining) == 1
    if lone_pair and not same_noun_only and _may_count_one_thing(unpaired[0], remaining[0]):
        pairs.append((unpaired[0], remaining[0]))
    return pairs


def _names_the_other_noun(
    a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity
) -> bool:
    """Does one sentence name, with no figure of its own, what the other's figure counts
    ("the former president's other son" / "the two sons")? Its lone figure then counts
    something else ("six of his aides")."""
    return (bool(qb.unit) and stem(qb.unit) in set(a.stems)) or (
        bool(qa.unit) and stem(qa.unit) in set(b.stems)
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


def _unit_key(quantity: Quantity) -> str:
    """What ``_same_unit`` compares: a count's noun in the singular, other units as written."""
    return _singular(quantity.unit) if quantity.kind == "count" else quantity.unit


def _same_unit(qa: Quantity, qb: Quantity) -> bool:
    """Do two figures measure in one unit, the whole of one thing ("three other charges" is
    part of the charges) and per one thing ("cents per ounce" / "cents per year")?"""
    if qa.part != qb.part or qa.per != qb.per:
        return False
    if qa.kind != "count":
        return qa.unit == qb.unit
    return bool(qb.unit) and _unit_key(qa) == _unit_key(qb)


# What a figure of each kind is, for a reason whose sentences do not say more.
_KIND_WORDS = {
    "duration": "duration", "money": "amount", "percent": "percentage", "ago": "time ago"
}  # fmt: skip


def _number_detail(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> str:
    """ "Four vs three (people in custody)": both figures and what they tell, in the
    sentences' words (aligner/conflicts/subjects.py); the kind of figure when they do not
    say. Counts of two nouns show each noun with its figure ("four large parts recovered vs
    two big objects recovered")."""
    thing_a, thing_b = figure_thing(a.text, qa), figure_thing(b.text, qb)
    if qa.kind == "count" and _unit_key(qa) != _unit_key(qb):
        return f"{qa.surface} {thing_a}".strip() + " vs " + f"{qb.surface} {thing_b}".strip()
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
    for singular, plural in sorted(_COUNTED_PEOPLE.items()):
        for one, many in ((a, b), (b, a)):
            if not (_only_form(one, singular, plural) and _only_form(many, plural, singular)):
                continue
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
