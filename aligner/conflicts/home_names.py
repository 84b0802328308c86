"""Two places given as the home of the same people by counterpart sentences of different
sources: "Gunmen shot a Kansas City couple looking to buy ..." / "A Liberty couple and their
teenage son had gone there to look at ...".

A name right between an article and a word for a household or a person ("a Kansas City
couple", "the Medford family") says where those people live; two counterparts that put
another name there tell the reader two homes, one of them perhaps a suburb of the other:
soft, for a reader to check. Left alone: names one sentence has both of, one name written
two ways, nationalities ("a Vietnamese woman" / "an Indonesian woman" are two people), and
surnames ("the Richard family" / "the Campbell family": two families; a name is taken for a
surname when the folder writes it last in a longer name, "Krystle Campbell"), and families
of things ("the ControlCenter family of products").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache, partial
from typing import NamedTuple

from aligner.conflicts.entities import may_name_one_thing
from aligner.conflicts.slot_names import counterpart_pairs, sentences_with, soft_name_conflicts
from aligner.conflicts.spellings import SpellingConflict
from aligner.text.features import SentenceFeatures, stem

# Words for the people a home is told of: a household, or one person of it.
HOUSEHOLD_WORDS = frozenset(
    ["couple", "family", "man", "woman", "boy", "girl", "teen", "teenager", "mother", "father",
     "resident", "homeowner"]
)  # fmt: skip
# Their stems, which a sentence's content stems are checked against first: a set against a
# set, a dozen look-ups per sentence.
_HOUSEHOLD_STEMS = frozenset(map(stem, HOUSEHOLD_WORDS))
_ARTICLES = frozenset(["a", "an", "the"])
# The longest name looked for before a household word ("New Castle County").
MAX_NAME_WORDS = 4
# Endings of nationalities and peoples ("Vietnamese", "Indonesian", "Iraqi", "Turkish",
# "Dutch"): such a name tells who someone is, and two of them two people.
_NATIONALITY_ENDINGS = ("an", "ese", "ish", "i", "ch")


def home_name_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    similar: Sequence[Mapping[int, float]],
    counterparts_from: float,
) -> list[SpellingConflict]:
    """A soft conflict for each two counterparts of different sources that give the same
    people two homes (the arguments as ``slot_name_conflicts`` takes them)."""
    homes = sentences_with(features, _HOUSEHOLD_STEMS, _homes)
    # Found when first needed: most folders never need them.
    surnames = cache(partial(_surnames, features))

    def reasons(i: int, j: int) -> Iterator[str]:
        for one, other in _two_homes(homes[i], homes[j], features[i], features[j]):
            if not (_is_surname(one.words, surnames()) or _is_surname(other.words, surnames())):
                yield f"{one.name} vs {other.name} (the {one.whose}'s home)"

    pairs = counterpart_pairs(similar, article_of, counterparts_from, homes)
    return soft_name_conflicts(pairs, reasons)


class Home(NamedTuple):
    """A home told: the name as written, its folded words, and whose home it is."""

    name: str  # "Kansas City"
    words: tuple[str, ...]  # ("kansas", "city")
    whose: str  # "couple"


def _homes(sentence: SentenceFeatures) -> list[Home]:
    """Each name of ``sentence`` standing between an article and a household word ("a
    Kansas City couple"), no nationality."""
    tokens = sentence.tokens
    named = {
        words: name
        for name, words in zip(sentence.names, sentence.name_words, strict=True)
        if 0 < len(words) <= MAX_NAME_WORDS and not words[-1].endswith(_NATIONALITY_ENDINGS)
    }
    found: list[Home] = []
    for k, whose in enumerate(tokens):
        if whose not in HOUSEHOLD_WORDS or tokens[k + 1 : k + 2] == ("of",):
            continue  # "the ControlCenter family of": a family of things
        for size in range(1, min(MAX_NAME_WORDS, k - 1) + 1):
            words = tokens[k - size : k]
            if words in named and tokens[k - size - 1] in _ARTICLES:
                found.append(Home(named[words], words, whose))
                break
    return found


def _surnames(features: Sequence[SentenceFeatures]) -> frozenset[str]:
    """Words the folder writes last in a name of two words or more ("campbell" of "Krystle
    Campbell"; "city" of "Kansas City" too, harmless: only one-word homes are looked up)."""
    return frozenset(words[-1] for f in features for words in f.name_words if len(words) >= 2)


def _two_homes(
    homes_a: Sequence[Home], homes_b: Sequence[Home], a: SentenceFeatures, b: SentenceFeatures
) -> Iterator[tuple[Home, Home]]:
    """Each two homes of the same people ("Kansas City", "Liberty") that share no word and
    that are no one name written two ways, neither named in the other sentence."""
    tokens_a, tokens_b = frozenset(a.tokens), frozenset(b.tokens)
    for one in homes_a:
        for other in homes_b:
            if one.whose != other.whose or not set(one.words).isdisjoint(other.words):
                continue
            if not tokens_b.isdisjoint(one.words) or not tokens_a.isdisjoint(other.words):
                continue
            if not may_name_one_thing(one.name, other.name):
                yield one, other


def _is_surname(words: Sequence[str], surnames: frozenset[str]) -> bool:
    """A name of one word the folder writes last in a person's name."""
    return len(words) == 1 and words[0] in surnames
