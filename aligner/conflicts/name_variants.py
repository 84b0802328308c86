"""Names written two ways that folding hides from the spelling check
(aligner/conflicts/spellings.py): a possessive against a plain s ("Gusto's bar" / "Gustos
bar").

Folding drops a possessive's 's, and "gusto" and "gustos" share a stem, so the spelling
check takes them for one word with an ending. Told apart from a plural ("the Koreas") and a
plural's possessive ("the Obamas' home"), they are two spellings of one name, for a reader to
check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from aligner.text.features import SentenceFeatures
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
