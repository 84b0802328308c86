"""Names written two ways that folding hides from aligner/spelling_conflicts.py: a
possessive against a plain s ("Gusto's bar" / "Gustos bar").

Folding drops a possessive's 's, and "gusto" and "gustos" share a stem, so the spelling
check takes them for one word with an ending. Told apart from a plural ("the Koreas") and a
plural's possessive ("the Obamas' home"), they are a soft name conflict: two spellings of
one name, for a reader to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from aligner.cancel import checked
from aligner.features import SentenceFeatures
from aligner.model import ConflictKind, Finding, Severity
from aligner.spelling_conflicts import MIN_LETTERS, SpellingConflict, against_best
from aligner.wordlists import STOPWORDS


def name_variant_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
) -> list[SpellingConflict]:
    """Soft conflicts for names written with and without a possessive's apostrophe, between
    sentences of two sources."""
    found = _possessive_spellings(features, article_of, score_of)
    return sorted(found, key=lambda c: (c.a, c.b))


def _possessive_spellings(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
) -> Iterator[SpellingConflict]:
    """ "Gusto's bar" in one source, "Gustos bar" in another: the same name, once read as a
    possessive. Only when the short form is always written with 's, the long one never with
    an apostrophe, and both stand before one same word."""
    where = _name_word_sentences(features)
    for short in sorted(where):
        long = short + "s"
        if long not in where or len(short) < MIN_LETTERS:
            continue
        with_s = re.compile(rf"\b{re.escape(short)}['\u2019]s\b", re.IGNORECASE)
        plain = re.compile(rf"\b{re.escape(long)}\b(?!['\u2019])", re.IGNORECASE)
        if not all(with_s.search(features[k].text) for k in where[short]):
            continue
        if not all(plain.search(features[k].text) for k in where[long]):
            continue  # "the Obamas' home": a plural's possessive
        if not _followed_alike(features, where[short], short, where[long], long):
            continue
        detail = f"{short.capitalize()}'s vs {long.capitalize()} (spelling)"
        yield from _conflicts(where[short], where[long], detail, article_of, score_of)


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
        found = set()
        for k in sentences:
            tokens = features[k].tokens
            found.update(tokens[i + 1] for i, t in enumerate(tokens[:-1]) if t == word)
        return found - STOPWORDS

    return bool(after(one, one_word) & after(other, other_word))


def _name_word_sentences(features: Sequence[SentenceFeatures]) -> dict[str, list[int]]:
    """Per name word, the sentences that use it in a name."""
    where: dict[str, list[int]] = {}
    for index, sentence in checked(enumerate(features), every=256):
        for word in {w for name in sentence.name_words for w in name}:
            where.setdefault(word, []).append(index)
    return where


def _conflicts(
    rare: Sequence[int],
    usual: Sequence[int],
    detail: str,
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
) -> Iterator[SpellingConflict]:
    finding = Finding(ConflictKind.ENTITY, detail, Severity.SOFT)
    for sentence, best in against_best(rare, usual, article_of, score_of):
        yield SpellingConflict(sentence, best, finding)
