"""Names spelled two ways by different sources ("Sementilli" / "Semintelli", "Barack" /
"Barak", "Quickstop" / "Quikstop", "Gusto's bar" / "Gustos bar"): soft name conflicts,
whatever the sentences say.

A reader checking a story wants to know when one outlet spells a person or a place
differently: a typo, or another person. Two name words count as two spellings of one name
when one typing slip turns one into the other (a letter added, dropped, changed, or two
swapped: "Barack" / "Barak", "Engelhardt" / "Englehardt"), or two slips in a word of
``TWO_SLIPS_FROM`` letters or more; when they start with the same letter, share no stem
(plurals, possessives and transliteration endings such as "Zelenskiy" / "Zelensky" already
fold to one stem), neither is the other plus an ending ("Malaysia" / "Malaysian"), and
some sentence with one spelling and some with the other have a word in common right next to
it ("Barack Obama" / "Barak Obama", "Los Angeles" / "Los Angles"): without that,
"Christmas" / "Christman" or "Andrea" / "Andrew" are different words or people.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from aligner.conflicts.name_variants import ending_spellings, possessive_spellings
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.runtime.cancel import checked
from aligner.text.features import SentenceFeatures, stem
from aligner.text.wordlists import PERSON_TITLES, STOPWORDS

MIN_LETTERS = 5
TWO_SLIPS_FROM = 10
# Two slips in a shorter word ("Sonata" / "Sonesta") when both stand beside one same word of
# their name ("Hyundai") and begin alike: a slip keeps a word's first letters, while two
# words of one name ("Majority" / "Minority") differ near the start.
SAME_START = 3
# Above this many distinct name words (a folder of thousands of sentences) the all-pairs
# comparison would cost seconds; the check is skipped.
MAX_NAME_WORDS = 3_000


@dataclass(frozen=True, slots=True)
class SpellingConflict:
    """Sentence ``a`` spells a name one way, sentence ``b`` (another source) the other."""

    a: int
    b: int
    finding: Finding


def spelling_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
) -> list[SpellingConflict]:
    """One conflict per sentence that spells a name as no other source spells it, against the
    sentence of another source with the usual spelling that is most like it (``score_of``)."""
    where: dict[str, list[int]] = {}
    for index, sentence in checked(enumerate(features), every=256):
        for word in {w for name in sentence.name_words for w in name}:
            if len(word) >= MIN_LETTERS and word.isalpha():
                where.setdefault(word, []).append(index)
    words = sorted(where)
    if len(words) < 2 or len(words) > MAX_NAME_WORDS:
        return []
    slips = process.cdist(words, words, scorer=OSA.distance, score_cutoff=2, dtype=np.int32)
    context = _neighbours(features, words)
    in_names = _name_neighbours(features)
    found: list[SpellingConflict] = []
    for i, j in zip(*np.nonzero(np.triu(slips <= 2, k=1)), strict=True):
        one, other = words[int(i)], words[int(j)]
        if slips[i, j] > _slips_allowed(one, other, in_names) or not _two_spellings(one, other):
            continue
        if context[one].isdisjoint(context[other]):
            continue
        found += _conflicts_between(one, other, where, features, article_of, score_of)
    for one, other, run in ending_spellings(features, where):  # "Talent Office" / "Officer"
        found += _conflicts_between(one, other, where, features, article_of, score_of, run)
    for short, long in possessive_spellings(features, where):  # "Gusto's bar" / "Gustos bar"
        about = _in_context(long, where, features)
        detail = f"{short.capitalize()}'s vs {long.capitalize()} ({about})"
        finding = Finding(ConflictKind.SPELLING, detail, Severity.SOFT)
        found += [
            SpellingConflict(sentence, best, finding)
            for sentence, best in against_best(where[short], where[long], article_of, score_of)
        ]
    return sorted(found, key=lambda c: (c.a, c.b))


# Words on either side of a name taken as its context.
CONTEXT_WORDS = 2


def _neighbours(features: Sequence[SentenceFeatures], words: Sequence[str]) -> dict[str, set[str]]:
    """Per name word, the content words within ``CONTEXT_WORDS`` of it, wherever it stands."""
    wanted = set(words)
    found: dict[str, set[str]] = {word: set() for word in words}
    for sentence in checked(features, every=256):
        tokens = sentence.tokens
        for k, token in enumerate(tokens):
            if token in wanted:
                around = (
                    tokens[max(0, k - CONTEXT_WORDS) : k] + tokens[k + 1 : k + 1 + CONTEXT_WORDS]
                )
                found[token].update(w for w in around if w not in STOPWORDS and w != token)
    return found


def _name_neighbours(features: Sequence[SentenceFeatures]) -> dict[str, set[tuple[str, int]]]:
    """Per name word, the words right beside it inside the names it is part of, each with
    its side (-1 before, 1 after): ("hyundai", -1) for "sonata" of "2007 Hyundai Sonata"."""
    found: dict[str, set[tuple[str, int]]] = {}
    for sentence in features:
        for name in sentence.name_words:
            for left, right in pairwise(name):
                found.setdefault(left, set()).add((right, 1))
                found.setdefault(right, set()).add((left, -1))
    return found


def _slips_allowed(one: str, other: str, in_names: dict[str, set[tuple[str, int]]]) -> int:
    """Two slips in a long word, or in one that begins like the other and stands on the same
    side of one same word of its name ("Hyundai Sonata" / "Hyundai Sonesta", not "County
    District" / "District Court"); one otherwise."""
    if min(len(one), len(other)) >= TWO_SLIPS_FROM:
        return 2
    same_name = not in_names.get(one, set()).isdisjoint(in_names.get(other, set()))
    return 2 if same_name and one[:SAME_START] == other[:SAME_START] else 1


def _two_spellings(one: str, other: str) -> bool:
    """Same first letter, and not one word with another ending ("Koreas" / "Korean",
    "Ministry" / "Minister")."""
    if one[0] != other[0]:
        return False
    stems = stem(one), stem(other)
    return not (stems[0].startswith(stems[1]) or stems[1].startswith(stems[0]))


def _conflicts_between(
    one: str,
    other: str,
    where: dict[str, list[int]],
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
    run: tuple[str, ...] = (),
) -> list[SpellingConflict]:
    """Each sentence with the rarer spelling, against the most alike sentence of each other
    source that has the other spelling (a source can use both: a typo once). ``run``: the
    words of the name around the spelling, "" in its place, when known."""
    rare, usual = sorted((one, other), key=lambda w: (len(where[w]), w))
    name = _name_spelled(usual, run, where, features)
    about = f"spelling of {name}" if name else _in_context(usual, where, features)
    if name and len(where[rare]) == len(where[usual]):
        # As many sentences spell it each way: neither spelling is the usual one ("Barack"
        # once, "Barak" once), so the reason names both.
        about += f" or {_name_spelled(rare, run, where, features)}"
    finding = Finding(
        ConflictKind.SPELLING,
        f"{rare.capitalize()} vs {usual.capitalize()} ({about})",
        Severity.SOFT,
    )
    return [
        SpellingConflict(sentence, best, finding)
        for sentence, best in against_best(where[rare], where[usual], article_of, score_of)
    ]


def _name_spelled(
    word: str,
    run: tuple[str, ...],
    where: dict[str, list[int]],
    features: Sequence[SentenceFeatures],
) -> str:
    """The name ``word`` is written in: ``run`` with the word in its place, else the
    shortest whole name it is part of ("Los Angeles", not "Los Angeles Fire Department");
    "" when it is a name of one word."""
    if run:
        return " ".join((w or word).capitalize() for w in run)
    names = {_whole_name(features[k], word) for k in where[word]} - {""}
    return min(names, key=lambda n: (len(n), n), default="")


def _in_context(
    word: str, where: dict[str, list[int]], features: Sequence[SentenceFeatures]
) -> str:
    """What a name of one word names, for a reader to find it: "spelling of Gustos bar",
    "spelling of 207 Quikstop" (the word beside it where it is spelled ``word``, the next one
    first); "spelling" when no word beside it says anything."""
    for k in where[word]:
        tokens = features[k].tokens
        at = tokens.index(word)
        for beside, before in ((at + 1, False), (at - 1, True)):
            if 0 <= beside < len(tokens) and tokens[beside] not in STOPWORDS:
                other = tokens[beside]
                pair = (other, word.capitalize()) if before else (word.capitalize(), other)
                return f"spelling of {' '.join(pair)}"
    return "spelling"


def against_best(
    rare: Sequence[int],
    usual: Sequence[int],
    article_of: Sequence[int],
    score_of: Callable[[int, int], float],
) -> Iterator[tuple[int, int]]:
    """Each sentence of ``rare`` with, in each other source, its most alike sentence
    (``score_of``) among ``usual``."""
    for sentence in rare:
        sources = sorted({article_of[k] for k in usual} - {article_of[sentence]})
        for source in sources:
            others = [k for k in usual if article_of[k] == source]
            yield sentence, max(others, key=lambda k: (score_of(sentence, k), -k))


def _whole_name(sentence: SentenceFeatures, word: str) -> str:
    """The name of several words ``word`` is part of in ``sentence``, titles left out
    ("Barack Obama" of "President Barack Obama"), so a reader sees whose name it is; ""
    when the word is the whole name."""
    for name, name_words in zip(sentence.names, sentence.name_words, strict=True):
        if word in name_words:
            kept: list[str] = []
            for written in name.split():  # after the last title, and no "Canadian-born"
                is_title = written.lower().rstrip(".") in PERSON_TITLES
                kept = [] if is_title or "-" in written else [*kept, _no_possessive(written)]
            return " ".join(kept) if len(kept) > 1 else ""
    return ""


def _no_possessive(word: str) -> str:
    """ "Soultrait" of "Soultrait's"."""
    return re.sub(r"['\u2019]s$", "", word)
