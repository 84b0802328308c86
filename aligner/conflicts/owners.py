"""Whether two differing figures belong to different things, though they count alike: two
polls' percentages ("the Rasmussen poll found 55 percent" / "a Pew Research Center survey, 39
percent"), two products' prices, two candidates' votes, an amount for a part of what the
other is for ("$25 million in punitive damages" / "$33.5 million in damages"), or two spans
of time measured from different things ("a day after the denial" / "went 11 days without").

Asked only of figures that would otherwise make a conflict: a few per comparison.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from aligner.calibration import SAME_NAME_RATIO
from aligner.conflicts.entities import may_name_one_thing
from aligner.conflicts.subjects import amount_purpose, figure_owners, span_relation
from aligner.text.features import SentenceFeatures, words
from aligner.text.quantities import Quantity


def told_apart(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> str:
    """What sets apart the things the figures ``qa`` of ``a`` and ``qb`` of ``b`` belong to,
    in the sentences' words ("Rasmussen vs Pew Research Center", "damages vs punitive
    damages", "a day after vs 11 days without"); "" when they may belong to one thing."""
    return _other_names(a, qa, b, qb) or _other_purposes(a, qa, b, qb) or _other_spans(a, qa, b, qb)


def part_within_whole(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> bool:
    """Is one amount told for a kind of what the other is for, and no larger ("$25 million
    in punitive damages" within "$33.5 million in damages")? It may then be part of it."""
    for_a, for_b = set(_paid_for(a, qa)), set(_paid_for(b, qb))
    if not for_a or not for_b or for_a == for_b:
        return False
    if for_a < for_b:
        return qb.value <= qa.value
    return for_b < for_a and qa.value <= qb.value


def _other_names(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> str:
    """Both figures' nearest owners (``figure_owners``), when each is another name than all
    the other figure's may be ("Coke" / "Gatorade", not "Dow Jones" / "DJI" of "the Dow Jones
    average .DJI"), and at least one of them is not told in the other sentence at all: a
    sentence telling both names may give either's figure. Only counts, amounts and
    percentages have such owners: a date, a time or a span belongs to an event ("a dinosaur
    from China that lived 161 million years ago")."""
    if qa.kind not in _OWNED or qb.kind not in _OWNED:
        return ""
    owners_a, owners_b = figure_owners(a.text, qa), figure_owners(b.text, qb)
    if not owners_a or not owners_b:
        return ""
    owner_a, owner_b = owners_a[0], owners_b[0]
    if _may_be_one(owner_a, owners_b) or _may_be_one(owner_b, owners_a):
        return ""
    untold_a = set(words(owner_a)).isdisjoint(b.tokens)
    untold_b = set(words(owner_b)).isdisjoint(a.tokens)
    return f"{owner_a} vs {owner_b}" if untold_a or untold_b else ""


def _may_be_one(name: str, others: tuple[str, ...]) -> bool:
    """May ``name`` be one of ``others``: a word in common, or one written two ways
    ("Gusto's" / "Gustos"), initials or an abbreviation (entities.may_name_one_thing)?"""
    name_words = words(name)
    return any(
        may_name_one_thing(name, other)
        or any(
            fuzz.ratio(one, word) >= SAME_NAME_RATIO for one in name_words for word in words(other)
        )
        for other in others
    )


_OWNED = frozenset(["count", "money", "percent"])


def _other_purposes(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> str:
    """Two amounts told in or for different things ("in damages" / "in punitive damages")."""
    for_a, for_b = _paid_for(a, qa), _paid_for(b, qb)
    if not for_a or not for_b or set(for_a) == set(for_b):
        return ""
    return f"{' '.join(for_a)} vs {' '.join(for_b)}"


def _paid_for(sentence: SentenceFeatures, quantity: Quantity) -> tuple[str, ...]:
    """What an amount is told to be in or for (``amount_purpose``); () when not told."""
    return amount_purpose(sentence.text, quantity) if quantity.kind == "money" else ()


def _other_spans(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> str:
    """Two durations measuring different spans ("a day after" an event / "11 days without"
    doing something, "four weeks into" a term / "a week of" news)."""
    word_a, relation_a = span_relation(a.text, qa)
    word_b, relation_b = span_relation(b.text, qb)
    if not relation_a or not relation_b or relation_a == relation_b:
        return ""
    return f"{qa.surface} {word_a} vs {qb.surface} {word_b}"
