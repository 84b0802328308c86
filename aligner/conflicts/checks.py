"""Conflicts between two sentences and group labels: which checks run, and when.

Each kind of check has its own module (pair_figures, negation, entities); antonyms,
being one dictionary lookup, are here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial

from aligner.calibration import (
    LONE_FIGURE_OVERLAP,
    MIN_STATEMENT_WORDS,
    SAME_STATEMENT_OVERLAP,
)
from aligner.conflicts.entities import entity_conflicts
from aligner.conflicts.negation import negation_conflicts
from aligner.conflicts.pair_figures import number_conflicts
from aligner.conflicts.quotes import quote_conflicts
from aligner.conflicts.word_sets import antonyms, opposable_words, word_set
from aligner.result.model import ConflictKind, Finding, Label
from aligner.text.features import SentenceFeatures, stem
from aligner.text.quantities import NUMBER_WORDS
from aligner.text.wordlists import (
    ANTONYM_PAIRS,
    APOSTROPHE_LESS_NEGATIONS,
    NEGATION_CUES,
)

# Left out when judging whether two sentences make the same statement: the very words
# whose difference is the conflict.
_NOT_STATEMENT = frozenset(
    stem(w)
    for w in NEGATION_CUES
    | APOSTROPHE_LESS_NEGATIONS
    | NUMBER_WORDS
    | {w for pair in ANTONYM_PAIRS for w in pair}
)

# ``number_conflicts`` of two sentences, given ``same_noun_only`` and ``dated``.
NumberCheck = Callable[..., list[Finding]]


def find_conflicts(
    a: SentenceFeatures,
    b: SentenceFeatures,
    *,
    numbers_only: bool = False,
    counterparts: bool = False,
    numbers: NumberCheck | None = None,
) -> list[Finding]:
    """Every reason ``a`` and ``b`` cannot both be true, assuming they describe one fact.

    With ``numbers_only`` only figures for the same counted thing are compared: that is the
    check for sentences that are related but not aligned, or (``counterparts``) aligned in
    different rows. ``numbers`` gives the two sentences' ``number_conflicts`` when a
    comparison's figures are indexed already (``ArticleFigures.number_conflicts``).
    """
    numbers = numbers or partial(number_conflicts, a, b)
    # Figures in both sentences, or no number finding: most pairs of a large folder hold
    # none in one of them, and are spared setting up the comparison of their figures.
    figures = bool(a.quantities) and bool(b.quantities)
    if numbers_only:
        # Sentences that did not align may give the ages of different people and the months
        # of different events: those are compared only between counterparts (ages also by
        # whose they are, aligner/conflicts/event_facts.py).
        return numbers(same_noun_only=True, dated=counterparts) if figures else []
    left, right = _statement_stems(a.content_set), _statement_stems(b.content_set)
    shared = left & right  # ``content_overlap`` and ``shared_statement`` from one intersection
    overlap = len(shared) / max(1, min(len(left), len(right)))
    findings = numbers(same_noun_only=overlap < LONE_FIGURE_OVERLAP) if figures else []
    if (
        overlap >= SAME_STATEMENT_OVERLAP
        and len(_told_words(shared)) >= MIN_STATEMENT_WORDS
        and not (asks(a) or asks(b))
    ):
        findings += [*negation_conflicts(a, b), *antonym_conflicts(a, b), *entity_conflicts(a, b)]
    # One quotation shares a run of words on both sides of its difference: evidence enough
    # that the two sentences quote one statement, whatever else they say.
    return findings + quote_conflicts(a, b)


# Closing marks a question may end inside: 'asked "Can you say that?"'.
_CLOSING_MARKS = " \t\"'”’»)]"


def asks(sentence: SentenceFeatures) -> bool:
    """Whether the sentence is a question: it states nothing, so "Can you say that nobody
    on your campaign had contacts?" denies nothing that a report of contacts affirms."""
    return sentence.text.rstrip(_CLOSING_MARKS).endswith("?")


def content_overlap(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Share of the shorter sentence's content stems found in the other (negation cues,
    number words and antonyms aside)."""
    left, right = _statement_stems(a.content_set), _statement_stems(b.content_set)
    return len(left & right) / max(1, min(len(left), len(right)))


def shared_statement(a: SentenceFeatures, b: SentenceFeatures) -> set[str]:
    """The content stems both sentences tell, short forms of a pronoun and a verb ("i'm",
    "that's") aside: "I think it's great" and "That's not great" share one word, "great",
    too little to be one statement negated."""
    return _told_words(_statement_stems(a.content_set) & _statement_stems(b.content_set))


def _told_words(stems: set[str] | frozenset[str]) -> set[str]:
    """``stems`` less short forms of a pronoun and a verb (see ``shared_statement``)."""
    return {word for word in stems if "'" not in word}


# Asked of one sentence for each of its pairs: a row of near-copies makes hundreds. A
# frozenset keeps its hash, so a sentence's stems are looked up at the cost of an identity.
@lru_cache(maxsize=16_384)
def _statement_stems(content: frozenset[str]) -> frozenset[str]:
    """Content stems less the words whose difference is the conflict (``_NOT_STATEMENT``)."""
    return content - _NOT_STATEMENT


def antonym_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A word in one sentence whose opposite stands in the other (and not its own word)."""
    own = opposable_words(a) - word_set(b)
    if not own:
        return []  # most pairs: no word with an opposite that only ``a`` tells
    words_a, words_b = word_set(a), word_set(b)
    opposites = antonyms()
    # Only a word with an opposite can clash: those alone are sorted and looked at.
    for word in sorted(own):
        clash = sorted((opposites.get(word, frozenset()) & words_b) - words_a)
        if clash:
            return [Finding(ConflictKind.ANTONYM, f'"{word}" vs "{clash[0]}"')]
    return []


def group_label(size: int, has_conflict: bool) -> Label:
    """Label of a group from its number of sources and whether any two members disagree."""
    if size < 2:
        return Label.UNIQUE
    return Label.CONTRADICTING if has_conflict else Label.SHARED
