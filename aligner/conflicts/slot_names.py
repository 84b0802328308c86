"""Two names of one kind in the same slot of two counterpart sentences of different sources:
"an incident at a Logan Square daycare" / "an incident at a Palmer Square day care".

The names are of as many words and differ in one, at the same place ("Square" in common:
the same kind of place), that the other sentence has nowhere else; the same three words
stand before both and the same words after (spaces aside: "daycare" / "day care"). The
sentences tell one thing with another name in it: a place or a person named two ways, for
a reader to check. Soft, as the two names may be two precisions of one place. Names one
slip apart are the spelling check's (aligner/conflicts/spellings.py); names with no word in
common are the row check's (aligner/conflicts/entities.py).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

from rapidfuzz import fuzz

from aligner.calibration import SAME_NAME_RATIO
from aligner.conflicts.entities import may_name_one_thing
from aligner.conflicts.spellings import SpellingConflict
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.text.features import SentenceFeatures
from aligner.text.wordlists import PERSON_TITLES, STOPWORDS

T = TypeVar("T")

# Words right before both names that must agree: one or two ("in", "on the") are too common
# a frame ("on the EPA Web site" / "on the IRS Web site" of two unrelated stories).
SLOT_BEFORE = 3
# A name with a word in common with the other and a word of its own.
MIN_NAME_WORDS = 2


def slot_name_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    similar: Sequence[Mapping[int, float]],
    counterparts_from: float,
) -> list[SpellingConflict]:
    """A soft conflict for each two sentences of different sources scoring
    ``counterparts_from`` at least (``similar``: each sentence's scored partners) that name
    one kind of thing two ways in the same slot."""
    # The words of each sentence's names of several words: two sentences need such names
    # with a word in common, and each a word the other has nowhere (most pairs fail).
    in_names = {
        k: frozenset(w for words in f.name_words if len(words) >= MIN_NAME_WORDS for w in words)
        for k, f in enumerate(features)
        if any(len(words) >= MIN_NAME_WORDS for words in f.name_words)
    }
    tokens = {k: frozenset(features[k].tokens) for k in in_names}

    def reasons(i: int, j: int) -> Iterator[str]:
        words, other = in_names[i], in_names[j]
        if words.isdisjoint(other) or words <= tokens[j] or other <= tokens[i]:
            return iter(())
        return _slot_names(features[i], features[j])

    pairs = counterpart_pairs(similar, article_of, counterparts_from, in_names)
    return soft_name_conflicts(pairs, reasons)


def soft_name_conflicts(
    pairs: Iterable[tuple[int, int]],
    reasons: Callable[[int, int], Iterator[str]],
    kind: ConflictKind = ConflictKind.ENTITY,
) -> list[SpellingConflict]:
    """A soft conflict of ``kind`` (a name's: entity) for each of the ``pairs`` that
    ``reasons`` gives a reason for, the first one: one is enough to send a reader to it."""
    found = []
    for i, j in pairs:
        detail = next(reasons(i, j), "")
        if detail:
            found.append(SpellingConflict(i, j, Finding(kind, detail, Severity.SOFT)))
    return sorted(found, key=lambda c: (c.a, c.b))


def sentences_with(
    features: Sequence[SentenceFeatures],
    stems: frozenset[str],
    read: Callable[[SentenceFeatures], Sequence[T]],
) -> dict[int, Sequence[T]]:
    """What ``read`` finds in each sentence (by index) that finds something, asked only of
    the sentences with one of the content ``stems``: a set against a set, before any call,
    spares most sentences."""
    return {
        k: found
        for k, sentence in enumerate(features)
        if not stems.isdisjoint(sentence.content_set) and (found := read(sentence))
    }


def counterpart_pairs(
    similar: Sequence[Mapping[int, float]],
    article_of: Sequence[int],
    counterparts_from: float,
    wanted: Collection[int],
) -> Iterator[tuple[int, int]]:
    """(i, j), i < j, for each two ``wanted`` sentences of different sources scoring
    ``counterparts_from`` at least (``similar``: each sentence's scored partners)."""
    for i in wanted:
        source = article_of[i]
        for j, score in similar[i].items():
            if j > i and score >= counterparts_from and j in wanted and article_of[j] != source:
                yield i, j


def _slot_names(a: SentenceFeatures, b: SentenceFeatures) -> Iterator[str]:
    """ "Logan Square vs Palmer Square (incident at a … daycare)" for each two names of
    ``a`` and ``b`` that differ in the same slot."""
    for name_a, words_a in zip(a.names, a.name_words, strict=True):
        if len(words_a) < MIN_NAME_WORDS:
            continue
        for name_b, words_b in zip(b.names, b.name_words, strict=True):
            if not _one_word_apart(words_a, words_b, a.tokens, b.tokens):
                continue
            if may_name_one_thing(name_a, name_b):
                continue
            frame = _same_slot(a.tokens, words_a, b.tokens, words_b)
            if frame:
                yield f"{name_a} vs {name_b} ({frame})"


def _one_word_apart(
    words_a: Sequence[str],
    words_b: Sequence[str],
    tokens_a: Sequence[str],
    tokens_b: Sequence[str],
) -> bool:
    """Names of as many words that differ in one telling word, at the same place ("logan
    square" / "palmer square"), that the other sentence nowhere has, that is no other
    spelling (``SAME_NAME_RATIO``) and no short form ("tim" / "timothy") of the other's."""
    if len(words_a) != len(words_b):
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differ) != 1:
        return False
    (own_a, own_b) = differ[0]
    if not (_telling(own_a) and _telling(own_b)):
        return False
    if own_a in tokens_b or own_b in tokens_a:
        return False
    return fuzz.ratio(own_a, own_b) < SAME_NAME_RATIO and not may_name_one_thing(own_a, own_b)


def _telling(word: str) -> bool:
    """Neither a small word nor a title ("the", "president") nor a figure."""
    return word.isalpha() and word not in STOPWORDS and word not in PERSON_TITLES


def _same_slot(
    tokens_a: Sequence[str], words_a: Sequence[str], tokens_b: Sequence[str], words_b: Sequence[str]
) -> str:
    """ "incident at a … daycare" when the same ``SLOT_BEFORE`` words stand before both names and
    the same words after them, spaces aside; "" otherwise."""
    at_a, at_b = _position(tokens_a, words_a), _position(tokens_b, words_b)
    if at_a < SLOT_BEFORE or at_b < SLOT_BEFORE:
        return ""
    before = tokens_a[at_a - SLOT_BEFORE : at_a]
    if before != tokens_b[at_b - SLOT_BEFORE : at_b]:
        return ""
    after_a = tokens_a[at_a + len(words_a) : at_a + len(words_a) + 2]
    after_b = tokens_b[at_b + len(words_b) : at_b + len(words_b) + 2]
    if not after_a or not after_b:
        return ""
    if not ("".join(after_a).startswith(after_b[0]) or "".join(after_b).startswith(after_a[0])):
        return ""
    return f"{' '.join(before)} … {max(after_a[0], after_b[0], key=len)}"


def _position(tokens: Sequence[str], name_words: Sequence[str]) -> int:
    """Where the name's words first stand in a row in ``tokens`` (-1: nowhere)."""
    size = len(name_words)
    for k in range(len(tokens) - size + 1):
        if tuple(tokens[k : k + size]) == tuple(name_words):
            return k
    return -1
