"""A sentence's words as sets, made once per sentence for the checks of its pairs.

A large folder sets one sentence against hundreds of others (rows of near-copies: msrp10k14
checks 49,500 pairs of 10,000 sentences), and several checks ask which words two sentences
share. A sentence's words follow from its text, whose hash Python keeps: a set is looked up
by the text at less cost than making it anew for each pair."""

from __future__ import annotations

from functools import lru_cache

from aligner.text.features import SentenceFeatures
from aligner.text.wordlists import antonym_index

# The sets made, by text, at most ``_MAX_KEPT`` in each (the sentences with pairs to check).
_WORD_SETS: dict[str, frozenset[str]] = {}
_OPPOSABLE: dict[str, frozenset[str]] = {}
_MAX_KEPT = 16_384


def word_set(sentence: SentenceFeatures) -> frozenset[str]:
    """The distinct ``tokens`` of the sentence."""
    known = _WORD_SETS.get(sentence.text)
    if known is None:
        known = _kept(_WORD_SETS, sentence.text, frozenset(sentence.tokens))
    return known


def opposable_words(sentence: SentenceFeatures) -> frozenset[str]:
    """The sentence's words that have an opposite (``antonyms``): few sentences have any."""
    known = _OPPOSABLE.get(sentence.text)
    if known is None:
        opposites = antonyms()
        told = frozenset(w for w in sentence.tokens if w in opposites)
        known = _kept(_OPPOSABLE, sentence.text, told)
    return known


@lru_cache(maxsize=1)
def antonyms() -> dict[str, frozenset[str]]:
    """Each word mapped to the words it contradicts (``antonym_index``)."""
    return antonym_index()


def _kept(sets: dict[str, frozenset[str]], text: str, made: frozenset[str]) -> frozenset[str]:
    if len(sets) >= _MAX_KEPT:
        sets.clear()  # rarely: a fresh start costs less than keeping an order of use
    sets[text] = made
    return made
