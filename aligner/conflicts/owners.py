"""Whether two differing figures belong to different things, though they count alike: two
polls' percentages ("the Rasmussen poll found 55 percent" / "a Pew Research Center survey, 39
percent"), two products' prices, two candidates' votes, an amount for a part of what the
other is for ("$25 million in punitive damages" / "$33.5 million in damages"), or two spans
of time measured from different things ("a day after the denial" / "went 11 days without").

Asked only of pairs of figures that would otherwise make a conflict (on msrp10k14, rows of
market reports, some 45,000): what it reads of one figure is kept on its sheet or cached.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from aligner.calibration import SAME_NAME_RATIO
from aligner.conflicts.entities import may_name_one_thing
from aligner.conflicts.figure_index import FigureSheet
from aligner.conflicts.subjects import amount_told_for, sentence_located, span_relation
from aligner.text.features import SentenceFeatures, words
from aligner.text.quantities import Quantity

# The kinds of figure a name may own: a poll's percentage, a product's price, a candidate's
# votes. A date, a time or a span belongs to an event, whatever names stand near it.
_OWNED = frozenset(["count", "money", "percent"])


def told_apart(sheet_a: FigureSheet, at_a: int, sheet_b: FigureSheet, at_b: int) -> str:
    """What sets apart the things two figures (positions in their sheets) belong to, in the
    sentences' words ("Rasmussen vs Pew Research Center", "damages vs punitive damages", "a
    day after vs 11 days without"); "" when they may belong to one thing."""
    a, b = sheet_a.sentence, sheet_b.sentence
    qa, qb = a.quantities[at_a], b.quantities[at_b]
    # By kind first: a conflict check asks this of every differing pair of figures.
    if qa.kind != qb.kind:
        return ""
    if qa.kind == "duration":
        return _other_spans(a, qa, b, qb)
    if qa.kind not in _OWNED:
        return ""
    named = _other_names(sheet_a, at_a, sheet_b, at_b)
    return named or (_other_purposes(sheet_a, at_a, sheet_b, at_b) if qa.kind == "money" else "")


def part_within_whole(sheet_a: FigureSheet, at_a: int, sheet_b: FigureSheet, at_b: int) -> bool:
    """Is one amount told for a kind of what the other is for, and no larger ("$25 million
    in punitive damages" within "$33.5 million in damages")? So is one told for a kind of
    something ("punitive damages": a word that says which kind) beside a larger amount told
    for nothing ("ordered to pay $33.5 million to the families": the judgment in all; not
    "$60 billion of tax subsidies"). It may then be part of it."""
    qa, qb = sheet_a.sentence.quantities[at_a], sheet_b.sentence.quantities[at_b]
    if qa.kind != "money" or qb.kind != "money":
        return False  # only amounts are told for something (``FigureSheet.purpose``)
    for_a, for_b = set(sheet_a.purpose(at_a)), set(sheet_b.purpose(at_b))
    if for_a == for_b:
        return False
    if for_a < for_b:
        return qb.value <= qa.value and (bool(for_a) or _kind_of_all(sheet_b, at_b, sheet_a, at_a))
    if for_b < for_a:
        return qa.value <= qb.value and (bool(for_b) or _kind_of_all(sheet_a, at_a, sheet_b, at_b))
    return False


def _kind_of_all(part: FigureSheet, at_part: int, whole: FigureSheet, at_whole: int) -> bool:
    """Is the amount at ``at_part`` told for a kind of something, in plain words ("punitive
    damages", not "Austin Powers"), and the one at ``at_whole`` told for nothing at all?"""
    told = part.purpose(at_part)
    named = {word for name in part.sentence.name_words for word in name}
    whole_amount = whole.sentence.quantities[at_whole]
    sentence_located(whole.sentence)  # see ``FigureSheet.thing``
    return (
        len(told) > 1
        and named.isdisjoint(told)
        and not amount_told_for(whole.sentence.text, whole_amount)
    )


def _other_names(sheet_a: FigureSheet, at_a: int, sheet_b: FigureSheet, at_b: int) -> str:
    """Both figures' nearest owners (``FigureSheet.owners``), when each is another name than all
    the other figure's may be ("Coke" / "Gatorade", not "Dow Jones" / "DJI" of "the Dow Jones
    average .DJI"), and at least one of them is not told in the other sentence at all: a
    sentence telling both names may give either's figure. Only counts, amounts and
    percentages (``_OWNED``) are asked: a date, a time or a span belongs to an event ("a
    dinosaur from China that lived 161 million years ago")."""
    a, b = sheet_a.sentence, sheet_b.sentence
    if a.names == b.names and a.tokens[:1] == b.tokens[:1]:
        return ""  # the same names (a first word may be one): none untold in the other
    owners_a = sheet_a.owners(at_a)
    owners_b = sheet_b.owners(at_b) if owners_a else ()
    if not owners_b:
        return ""
    owner_a, owner_b = owners_a[0], owners_b[0]
    if owner_a == owner_b or _may_be_one(owner_a, owners_b) or _may_be_one(owner_b, owners_a):
        return ""
    untold_a = _name_words(owner_a).isdisjoint(b.tokens)
    untold_b = _name_words(owner_b).isdisjoint(a.tokens)
    return f"{owner_a} vs {owner_b}" if untold_a or untold_b else ""


# A large folder of market reports sets the same few index names against each other in
# thousands of pairs: their comparisons are kept.
@lru_cache(maxsize=4_096)
def _may_be_one(name: str, others: tuple[str, ...]) -> bool:
    """May ``name`` be one of ``others``: a word in common, or one written two ways
    ("Gusto's" / "Gustos"), initials or an abbreviation (entities.may_name_one_thing)?"""
    name_words = _name_words(name)
    for other in others:
        other_words = _name_words(other)
        if not name_words.isdisjoint(other_words):
            return True
        if any(
            fuzz.ratio(one, word) >= SAME_NAME_RATIO for one in name_words for word in other_words
        ):
            return True
        # Initials are capitals, an abbreviation one word against one: else no need to ask.
        short = name.isupper() or other.isupper() or len(name_words) == len(other_words) == 1
        if short and may_name_one_thing(name, other):
            return True
    return False


@lru_cache(maxsize=4_096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(words(name))


def _other_purposes(sheet_a: FigureSheet, at_a: int, sheet_b: FigureSheet, at_b: int) -> str:
    """Two amounts told in or for different things ("in damages" / "in punitive damages")."""
    for_a, for_b = sheet_a.purpose(at_a), sheet_b.purpose(at_b)
    if not for_a or not for_b or set(for_a) == set(for_b):
        return ""
    return f"{' '.join(for_a)} vs {' '.join(for_b)}"


def _other_spans(a: SentenceFeatures, qa: Quantity, b: SentenceFeatures, qb: Quantity) -> str:
    """Two durations measuring different spans ("a day after" an event / "11 days without"
    doing something, "four weeks into" a term / "a week of" news)."""
    sentence_located(a), sentence_located(b)  # see ``FigureSheet.thing``
    word_a, relation_a = span_relation(a.text, qa)
    word_b, relation_b = span_relation(b.text, qb)
    if not relation_a or not relation_b or relation_a == relation_b:
        return ""
    return f"{qa.surface} {word_a} vs {qb.surface} {word_b}"
