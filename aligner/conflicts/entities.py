"""Entity conflicts: a different name in the same slot ("in Munich" / "in Riyadh"), unless
the two can be one name written two ways (initials, abbreviations, spellings)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from aligner.calibration import SAME_NAME_RATIO
from aligner.conflicts.word_sets import word_set
from aligner.result.model import ConflictKind, Finding
from aligner.text.features import SentenceFeatures, fold, words
from aligner.text.wordlists import STOPWORDS, TEMPORAL_NAMES

# "in Munich" / "in Riyadh": a preposition before two names is enough to call it one slot.
_SLOT_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "by", "into", "outside"})


def entity_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A different name in the same slot: same word before or after, different name."""
    if not a.names or not b.names:
        return []
    only_a = _names_missing_from(a, b)
    if not only_a:
        return []  # every name of ``a`` is in ``b``: near-copies mostly; spares the other way
    only_b = _names_missing_from(b, a)
    for name_a in only_a:
        for name_b in only_b:
            if _same_slot(a.text, name_a, b.text, name_b) and not may_name_one_thing(
                name_a, name_b
            ):
                return [Finding(ConflictKind.ENTITY, f"{name_a} vs {name_b}")]
    return []


def may_name_one_thing(name_a: str, name_b: str) -> bool:
    """Could these be two ways of writing one name, or not names of one kind at all?

    "IAEA" / "International Atomic Energy Agency" (initials), "Sept" / "September" and
    "Lt" / "Lieutenant" (abbreviations) name one thing; "Friday" / "Staten Island" are a day
    and a place, which no reader would call a contradiction.
    """
    words_a, words_b = words(name_a), words(name_b)
    if not words_a or not words_b:
        return True
    if _is_temporal(words_a) != _is_temporal(words_b):
        return True
    if _initials_of(name_a, words_b) or _initials_of(name_b, words_a):
        return True
    if len(words_a) == len(words_b) == 1:
        short, full = sorted((words_a[0], words_b[0]), key=len)
        return len(short) < len(full) and _abbreviates(short, full)
    return False


def _is_temporal(name_words: Sequence[str]) -> bool:
    return all(w in TEMPORAL_NAMES for w in name_words)


def _initials_of(acronym: str, name_words: Sequence[str]) -> bool:
    """ "GE" for "General Electric Co", "JI" for "Jemaah Islamiah": capitals that are the
    initials of the other name's leading words (small words like "of" skipped)."""
    letters = acronym.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    initials = "".join(w[0] for w in name_words if w not in STOPWORDS)
    return len(initials) >= 2 and initials.startswith(letters.lower())


def _abbreviates(short: str, full: str) -> bool:
    """ "sept" / "september", "lt" / "lieutenant": same first letter, the rest in order."""
    if len(short) < 2 or short[0] != full[0]:
        return False
    rest = iter(full[1:])
    return all(ch in rest for ch in short[1:])


def _names_missing_from(a: SentenceFeatures, b: SentenceFeatures) -> list[str]:
    """Names of ``a`` none of whose words, or near spellings of them, occur in ``b``."""
    words_b = word_set(b)
    name_words_b = _every_word(b.name_words)
    missing = []
    for name, parts in zip(a.names, _telling_words(a.name_words), strict=True):
        if any(w in words_b or _near_spelling(w, name_words_b) for w in parts):
            continue
        missing.append(name)
    return missing


def _near_spelling(word: str, others: tuple[str, ...]) -> bool:
    """Is one of ``others`` spelled near enough to ``word`` (``SAME_NAME_RATIO``)? One call
    of rapidfuzz over them all, not one per word."""
    return (
        process.extractOne(word, others, scorer=fuzz.ratio, score_cutoff=SAME_NAME_RATIO)
        is not None
    )


# A sentence of a row of near-copies is set against most of the row: what its names are
# made of is worked out once (a tuple of a few names hashes at little cost).
@lru_cache(maxsize=16_384)
def _every_word(name_words: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The words of all the names, in order."""
    return tuple(w for words in name_words for w in words)


@lru_cache(maxsize=16_384)
def _telling_words(name_words: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Each name's words less the small ones ("of", "the")."""
    return tuple(tuple(w for w in words if w not in STOPWORDS) for words in name_words)


def _same_slot(text_a: str, name_a: str, text_b: str, name_b: str) -> bool:
    """Same words on both sides of the names, or the same preposition before them."""
    before_a, after_a = _neighbours(text_a, name_a)
    before_b, after_b = _neighbours(text_b, name_b)
    same_before = bool(before_a) and before_a == before_b
    same_after = bool(after_a) and after_a == after_b
    return (same_before and same_after) or (same_before and before_a in _SLOT_PREPOSITIONS)


# A sentence of a row of near-copies is set against most of the row, its names each time.
@lru_cache(maxsize=16_384)
def _neighbours(text: str, name: str) -> tuple[str, str]:
    """The words right before and right after ``name`` in ``text`` ("" for none)."""
    folded, target = fold(text), fold(name)
    at = folded.find(target)
    if at < 0:
        return "", ""
    before = words(folded[:at])
    after = words(folded[at + len(target) :])
    return (before[-1] if before else "", after[0] if after else "")
