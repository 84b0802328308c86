"""Names written two ways that folding hides from the spelling check
(aligner/conflicts/spellings.py): a possessive against a plain s ("Gusto's bar" / "Gustos
bar"), and a word of a longer name with another ending ("Chief Talent Office" / "Chief
Talent Officer").

Folding drops a possessive's 's, and "gusto" and "gustos" share a stem, so the spelling
check takes them for one word with an ending. Told apart from a plural ("the Koreas") and a
plural's possessive ("the Obamas' home"), they are two spellings of one name, for a reader to
check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from aligner.text.features import SentenceFeatures, stem
from aligner.text.wordlists import STOPWORDS


def possessive_spellings(
    features: Sequence[SentenceFeatures], where: Mapping[str, Sequence[int]]
) -> Iterator[tuple[str, str]]:
    """(short, long) name words such as ("gusto", "gustos") where ``short`` + "s" is
    ``long``, the short one is always written with 's ("Gusto's"), the long one never with
    an apostrophe, and both stand before one same word ("bar"). ``where``: the sentences
    that use each name word."""
    for short in sorted(where):
        long = short + "s"
        if long not in where:
            continue
        with_s = re.compile(rf"\b{re.escape(short)}['\u2019]s\b", re.IGNORECASE)
        plain = re.compile(rf"\b{re.escape(long)}\b(?!['\u2019])", re.IGNORECASE)
        if not all(with_s.search(features[k].text) for k in where[short]):
            continue
        if not all(plain.search(features[k].text) for k in where[long]):
            continue  # "the Obamas' home": a plural's possessive
        if _followed_alike(features, where[short], short, where[long], long):
            yield short, long


def _followed_alike(
    features: Sequence[SentenceFeatures],
    one: Sequence[int],
    one_word: str,
    other: Sequence[int],
    other_word: str,
) -> bool:
    """Does some word (not a stop word) follow ``one_word`` in a sentence of ``one`` and
    ``other_word`` in a sentence of ``other``: "Gusto's bar" / "Gustos bar"?"""

    def after(sentences: Sequence[int], word: str) -> set[str]:
        found: set[str] = set()
        for k in sentences:
            tokens = features[k].tokens
            found.update(tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t == word)
        return found - STOPWORDS

    return bool(after(one, one_word) & after(other, other_word))


# Words of a name around the one told with another ending that must agree, in order.
ENDING_WINDOW = 3


def ending_spellings(
    features: Sequence[SentenceFeatures], where: Mapping[str, Sequence[int]]
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(one, other, run) for name words of one stem that are no plural of each other
    ("office" / "officer"), each in a name whose other words around it agree ("Chief
    Talent Office" / "Netflix's Chief Talent Officer"): one name with a word mistyped,
    which the spelling check takes for one word with an ending. ``run``: the name's words
    around them, "" in their place; ``where``: the sentences that use each name word,
    the only words looked at."""
    # Per run of ``ENDING_WINDOW`` name words with one left open: the words seen there.
    seen: dict[tuple[str, ...], set[str]] = {}
    for sentence in features:
        for name in sentence.name_words:
            for start in range(len(name) - ENDING_WINDOW + 1):
                run = name[start : start + ENDING_WINDOW]
                for at, word in enumerate(run):
                    if word in where:
                        seen.setdefault((*run[:at], "", *run[at + 1 :]), set()).add(word)
    runs: dict[tuple[str, str], tuple[str, ...]] = {}
    for run, words in sorted(seen.items()):
        for one in sorted(words):
            for other in sorted(words):
                if one < other and _another_ending(one, other):
                    runs.setdefault((one, other), run)  # the first run names the pair
    for (one, other), run in sorted(runs.items()):
        yield one, other, run


def _another_ending(one: str, other: str) -> bool:
    """One stem, one word the other with an ending, and no plural's "s" or "es" ("office" /
    "officer"; "zelensky" / "zelenskiy" are one name transliterated two ways)."""
    short, long = sorted((one, other), key=len)
    if not long.startswith(short) or stem(one) != stem(other):
        return False
    return long not in (short + "s", short + "es")
