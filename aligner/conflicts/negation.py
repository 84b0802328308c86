"""Negation conflicts: one sentence denies what the other states ("not deployed" /
"deployed"), recognising cues in their many spellings, idioms that deny nothing, and denials
in other words ("refused to", "failing to", "unless")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from aligner.result.model import ConflictKind, Finding
from aligner.text.features import SentenceFeatures, stem
from aligner.text.wordlists import (
    APOSTROPHE_LESS_NEGATIONS,
    IMPLICIT_NEGATORS,
    NEGATION_CUES,
    NEGATION_IDIOMS,
    STOPWORDS,
)

# Tokens after a negation cue in which the negated word stands, and before a word in which
# an implicit negator ("refused to recuse") counts as negating it.
NEGATION_REACH = 5


def negation_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A negation in one sentence whose negated words the other states plainly."""
    if not (_may_negate(a) or _may_negate(b)):
        return []  # the common case, decided without walking the tokens
    cues_a, cues_b = _cues_of(a.tokens), _cues_of(b.tokens)
    if len(cues_a) == len(cues_b):
        return []
    negated, plain, cues, plain_cues = (
        (a, b, cues_a, cues_b) if len(cues_a) > len(cues_b) else (b, a, cues_b, cues_a)
    )
    plain_cue_words = {_cue_word(plain.tokens[k]) for k in plain_cues}
    plain_stems = set(plain.content)
    tokens = negated.tokens
    for index in cues:
        if _cue_word(tokens[index]) in plain_cue_words:
            continue
        # The negated predicate is the first content word after the cue ("not deployed",
        # "no man"); the other sentence must state that very thing without the cue.
        after = tokens[index + 1 : index + 1 + NEGATION_REACH]
        # A pronoun's short form ("No, I'm just a reporter") is no predicate: the
        # negated word comes after it, if at all.
        negated_word = next((w for w in after if w not in STOPWORDS and "'" not in w), None)
        if negated_word is None or stem(negated_word) not in plain_stems:
            continue
        if _implicitly_negated(plain.tokens, stem(negated_word)):
            continue
        phrase = " ".join(tokens[index : tokens.index(negated_word, index) + 1])
        return [Finding(ConflictKind.NEGATION, f'"{phrase}" in one version only')]
    return []


# A sentence of a row of near-copies is set against most of the row: its cues are found
# once (a tuple of tokens hashes at a fraction of the cost of a walk through them).
@lru_cache(maxsize=16_384)
def _cues_of(tokens: tuple[str, ...]) -> tuple[int, ...]:
    """``negation_cues`` of a sentence's tokens."""
    return tuple(negation_cues(tokens))


def negation_cues(tokens: Sequence[str]) -> list[int]:
    """Positions of the words that negate a clause.

    Idioms that deny nothing ("not only", "nothing but") are skipped, and a "nor" after
    another cue continues that negation ("neither I nor my film") rather than adding one.
    """
    positions: list[int] = []
    for index, token in enumerate(tokens):
        if not _is_cue(token):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if (_cue_word(token), following) in NEGATION_IDIOMS:
            continue
        if token == "nor" and positions:
            continue
        positions.append(index)
    return positions


def _may_negate(sentence: SentenceFeatures) -> bool:
    return bool(sentence.negations) or not APOSTROPHE_LESS_NEGATIONS.isdisjoint(sentence.tokens)


def _is_cue(token: str) -> bool:
    return token in NEGATION_CUES or token.endswith("n't") or token in APOSTROPHE_LESS_NEGATIONS


def _cue_word(token: str) -> str:
    """One spelling per cue: every contraction ("isn't", "dont") is a "not"."""
    if token.endswith("n't") or token in APOSTROPHE_LESS_NEGATIONS:
        return "not"
    return token


def _implicitly_negated(tokens: Sequence[str], negated_stem: str) -> bool:
    """Is the word negated after all, by "refused to", "failing to", "unless" before it?"""
    for at, token in enumerate(tokens):
        if stem(token) != negated_stem:
            continue
        before = tokens[max(0, at - NEGATION_REACH) : at]
        # "did not decline" vs "declined": the negator is the very word, no balance.
        if any(w in IMPLICIT_NEGATORS and stem(w) != negated_stem for w in before):
            return True
    return False
