"""A person called by the wrong name: an outlet that names "Police Chief Stephen Edward
Johnson" and then has "Edwards" post bond, where every other outlet has Johnson do it.

A name word used alone (the name of a person in a sentence) that no other source uses, and
that is one typing slip from a given or middle name of a full name the same article gives,
names that person by the wrong word: the article means the full name's bearer, whom other
sources call by his surname. Each sentence with the wrong name is set against the most alike
sentence of each other source that uses the surname (when they are at least related): a
hard name conflict, "Edwards vs Johnson (Stephen Edward Johnson)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz.distance import OSA

from aligner.features import SentenceFeatures
from aligner.model import ConflictKind, Finding
from aligner.spelling_conflicts import SpellingConflict
from aligner.wordlists import PERSON_TITLES

# A full name has a given name, maybe middle names, and a surname: two words at least.
MIN_FULL_NAME_WORDS = 2
MIN_LETTERS = 4


def wrong_name_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
    related_from: float,
) -> list[SpellingConflict]:
    """Each sentence that calls a person by a wrong name against, in each other source, the
    most alike sentence (scoring ``related_from`` at least) that uses the right surname."""
    found: list[SpellingConflict] = []
    for wrong, surname, full, sentences in _wrong_names(features, article_of):
        article = article_of[sentences[0]]
        right = [
            k
            for k, sentence in enumerate(features)
            if article_of[k] != article and surname in sentence.tokens
        ]
        detail = f"{wrong.capitalize()} vs {surname.capitalize()} ({full})"
        for sentence in sentences:
            for other in sorted({article_of[k] for k in right}):
                best = max(
                    (k for k in right if article_of[k] == other),
                    key=lambda k: (score_of(sentence, k), -k),
                )
                if score_of(sentence, best) >= related_from:
                    finding = Finding(ConflictKind.ENTITY, detail)
                    found.append(SpellingConflict(sentence, best, finding))
    return sorted(found, key=lambda c: (c.a, c.b))


def _wrong_names(
    features: Sequence[SentenceFeatures], article_of: Sequence[int]
) -> list[tuple[str, str, str, list[int]]]:
    """(wrong word, the right surname, the full name as written, the sentences using the
    wrong word) for each name word an article uses alone that is a slip of a given or middle
    name of one of its full names, used by no other source, whose surname other sources use."""
    alone: set[tuple[int, str]] = set()
    full_names: dict[int, list[tuple[tuple[str, ...], str]]] = {}
    articles_of_word: dict[str, set[int]] = {}
    for index, sentence in enumerate(features):
        article = article_of[index]
        for word in sentence.tokens:
            articles_of_word.setdefault(word, set()).add(article)
        for name, words in zip(sentence.names, sentence.name_words, strict=True):
            if len(words) == 1:
                alone.add((article, words[0]))
            person = [w for w in words if w not in PERSON_TITLES]
            if len(person) >= MIN_FULL_NAME_WORDS and len(words) > 1:
                full_names.setdefault(article, []).append((tuple(person), name))
    found = []
    for article, word in sorted(alone):
        if len(word) < MIN_LETTERS or articles_of_word[word] != {article}:
            continue
        for words, written in full_names.get(article, []):
            surname, given = words[-1], words[:-1]
            slipped = any(OSA.distance(word, part) == 1 for part in given if part.isalpha())
            if slipped and articles_of_word.get(surname, set()) - {article}:
                # Every sentence with the word: one opening a sentence is no name to
                # ``names`` (any sentence starts with a capital).
                using = [
                    k
                    for k, sentence in enumerate(features)
                    if article_of[k] == article and word in sentence.tokens
                ]
                found.append((word, surname, _without_titles(written, words), using))
                break
    return found


def _without_titles(written: str, person: Sequence[str]) -> str:
    """ "Stephen Edward Johnson" of "Police Chief Stephen Edward Johnson": the person's
    words as written."""
    return " ".join(written.split()[-len(person) :])
