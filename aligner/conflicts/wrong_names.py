"""A person called by the wrong name: an outlet that names "Police Chief Stephen Edward
Johnson" and then has "Edwards" post bond, where every other outlet has Johnson do it.

A name word used alone (the name of a person in a sentence) that no other source uses, and
that is one typing slip (same initial) from a given or middle name of a full name the same
article gives, names that person by the wrong word: the article means the full name's
bearer, whom other sources call by his surname. Each sentence with the wrong name is set
against the most alike sentence of each other source that uses the surname (when they are
at least related): a hard name conflict, "Edwards vs Johnson (Stephen Edward Johnson)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz.distance import OSA

from aligner.conflicts.spellings import SpellingConflict
from aligner.conflicts.subjects import name_event, person_role
from aligner.result.model import ConflictKind, Finding
from aligner.text.features import SentenceFeatures
from aligner.text.wordlists import PERSON_TITLES

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
    slips = _slips(features, article_of)
    wanted = {word for word, _, _, _ in slips} | {surname for _, surname, _, _ in slips}
    with_word: dict[str, list[int]] = {}
    for index, sentence_features in enumerate(features):
        for word in wanted.intersection(sentence_features.tokens):
            with_word.setdefault(word, []).append(index)
    found: list[SpellingConflict] = []
    for wrong, surname, written, article in _wrong_names(slips, article_of, with_word):
        right = [k for k in with_word[surname] if article_of[k] != article]
        # Every sentence with the word: one opening a sentence is no name to ``names``.
        for sentence in with_word[wrong]:
            detail = _wrong_name_detail(wrong, surname, written, features[sentence].text)
            for other in sorted({article_of[k] for k in right}):
                best = max(
                    (k for k in right if article_of[k] == other),
                    key=lambda k: (score_of(sentence, k), -k),
                )
                if score_of(sentence, best) >= related_from:
                    finding = Finding(ConflictKind.ENTITY, detail)
                    found.append(SpellingConflict(sentence, best, finding))
    return sorted(found, key=lambda c: (c.a, c.b))


def _wrong_name_detail(wrong: str, surname: str, written: tuple[str, int], text: str) -> str:
    """ "Edwards vs Johnson (the police chief Stephen Edward Johnson, who walked out of
    Broward's Main Jail)": both names, the person's role and full name, and what the
    sentence has the person do."""
    name, person_words = written
    full = " ".join(name.split()[-person_words:])
    role = person_role(name, person_words)
    who = f"{role} {full}" if role else full
    event = name_event(text, wrong)
    about = f"{who}, who {event}" if event else who
    return f"{wrong.capitalize()} vs {surname.capitalize()} ({about})"


def _slips(
    features: Sequence[SentenceFeatures], article_of: Sequence[int]
) -> list[tuple[str, str, tuple[str, int], int]]:
    """(word, surname, full name as written, article) for each name word an article uses
    alone that is one slip from a given or middle name of one of its full names."""
    alone: set[tuple[int, str]] = set()
    # Per article and initial: the given and middle names of its full names, each with its
    # person's words and the name as written.
    given: dict[tuple[int, str], set[tuple[str, tuple[str, ...], str]]] = {}
    for index, sentence in enumerate(features):
        article = article_of[index]
        for name, words in zip(sentence.names, sentence.name_words, strict=True):
            if len(words) == 1:
                alone.add((article, words[0]))
            person = tuple(w for w in words if w not in PERSON_TITLES)
            if len(person) >= MIN_FULL_NAME_WORDS and len(words) > 1:
                for part in person[:-1]:
                    if part.isalpha():
                        given.setdefault((article, part[0]), set()).add((part, person, name))
    found = []
    for article, word in sorted(alone):
        if len(word) < MIN_LETTERS or not word.isalpha():
            continue
        for part, person, written in sorted(given.get((article, word[0]), ())):
            if _one_slip(word, part):
                found.append((word, person[-1], (written, len(person)), article))
    return found


def _wrong_names(
    slips: Sequence[tuple[str, str, tuple[str, int], int]],
    article_of: Sequence[int],
    with_word: dict[str, list[int]],
) -> list[tuple[str, str, tuple[str, int], int]]:
    """The ``slips`` whose word no other source uses (else it names another person) and
    whose surname some other source uses, one per word (``with_word``: the sentences with
    each word)."""
    found = []
    seen: set[tuple[str, int]] = set()
    for word, surname, written, article in slips:
        if (word, article) in seen:
            continue
        if any(article_of[k] != article for k in with_word.get(word, ())):
            continue  # another source uses the word too: another person
        if any(article_of[k] != article for k in with_word.get(surname, ())):
            found.append((word, surname, written, article))
            seen.add((word, article))
    return found


def _one_slip(word: str, part: str) -> bool:
    """One letter added, dropped, changed or two swapped ("Edwards" / "Edward")."""
    if abs(len(word) - len(part)) > 1:
        return False  # the cheap test first: most pairs of names fail it
    return OSA.distance(word, part) == 1
