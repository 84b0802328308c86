"""A sentence's words as a set, made once per sentence for the checks of its pairs.

A large folder sets one sentence against hundreds of others (rows of near-copies: msrp10k14
checks 49,500 pairs of 10,000 sentences), and several checks ask which words two sentences
share. A sentence's words follow from its text, whose hash Python keeps: a set is looked up
by the text at less cost than making it anew for each pair."""

from __future__ import annotations

from aligner.text.features import SentenceFeatures

# The sets made, at most ``_MAX_KEPT`` of them (the sentences with pairs to check).
_WORD_SETS: dict[str, frozenset[str]] = {}
_MAX_KEPT = 16_384


def word_set(sentence: SentenceFeatures) -> frozenset[str]:
    """The distinct ``tokens`` of the sentence."""
    known = _WORD_SETS.get(sentence.text)
    if known is None:
        if len(_WORD_SETS) >= _MAX_KEPT:
            _WORD_SETS.clear()  # rarely: a fresh start costs less than keeping an order of use
        known = _WORD_SETS[sentence.text] = frozenset(sentence.tokens)
    return known
