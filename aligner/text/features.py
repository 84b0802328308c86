"""Per-sentence features computed once: normalised text, content stems, negation cues, names."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from aligner.load.decode import fold_invisible
from aligner.text.porter import QuickPorter
from aligner.text.quantities import VAGUE_PLURALS, Quantity, find_quantities, may_hold_quantity
from aligner.text.typography import plain_typography
from aligner.text.wordlists import IRREGULAR_SINGULARS, NEGATION_CUES, STOPWORDS

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A capitalised word, dotted abbreviations included with their last dot (U.S., D.C.),
# possibly several in a row.
_AFTER_CAPITAL = r"(?:[\w'\u2019-]|\.(?=[A-Z]))*(?:(?<=\.[A-Z])\.)?"
_NAME_WORD = rf"[A-Z]{_AFTER_CAPITAL}"
# Lower-case particles join a name only between two capitalised words ("Ursula von der
# Leyen"), never as the start of the next word ("Putin lasted"). A name starts a word: the
# look-behind after its first capital is "\b" before it, and a pattern that opens with a
# character class is scanned for in C, a quarter faster than one that opens with "\b".
_NAME = re.compile(
    rf"[A-Z](?<!\w[A-Z]){_AFTER_CAPITAL}(?:\s+(?:(?:de|der|la|van|von|al|bin)\s+)*{_NAME_WORD})*"
)
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
# Every dotted abbreviation holds a full stop, a letter and a full stop (".s." of "u.s."); a
# search for that starts at full stops only (a literal first character) and spares the
# sentences without one (19 in 20) the scan for _DOTTED, as long as the one for words.
_DOT_LETTER_DOT = re.compile(r"\.[a-z]\.")


def fold(text: str) -> str:
    """Unify quotes, dashes and accents, and lower-case: the text every scorer compares."""
    text = plain_typography(text)
    if not text.isascii():  # accents: "Zelenskyy" and "Zelenskýy" are one word to a reader
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    if _DOT_LETTER_DOT.search(text) is None:
        return text
    # "U.S." and "US", "a.m." and "am" are one word each.
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text`` (quotes folded; possessive ``'s`` dropped)."""
    folded = fold(text)
    found = _WORD.findall(folded)
    if "'" not in folded:
        return found  # no possessives to drop: most texts, spared a pass over their words
    return [w[:-2] if w.endswith("'s") else w for w in found]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem with spelling variants of names folded (Zelenskiy/Zelensky -> zelenski)."""
    stemmed = _stemmer().stem(IRREGULAR_SINGULARS.get(word, word))
    # Transliterated names vary in their endings (-iy/-y/-i, doubled consonants).
    stemmed = _Y_ENDING.sub("i", stemmed)
    # A substitution with a template costs a Python call even where nothing matches; the
    # search alone runs in C, and finds a doubled letter in few stems.
    return _DOUBLED.sub(r"\1", stemmed) if _DOUBLED.search(stemmed) else stemmed


_Y_ENDING = re.compile(r"(iy|yi|yy|ii|y)$")
_DOUBLED = re.compile(r"(.)\1")


@lru_cache(maxsize=1)
def _stemmer() -> QuickPorter:
    return QuickPorter()


class SentenceFeatures(NamedTuple):
    """What the aligner and classifier need of one sentence, computed once.

    A named tuple, as ``ReadSentence``: a large folder makes one per sentence in the parent
    process, after the parallel reading, and a named tuple is made in a third of the time of
    a frozen dataclass of 13 fields (msrp10k14: 0.01 s instead of 0.03). Immutable all the
    same, equal and hashed by its fields as the dataclass was.
    """

    text: str
    tokens: tuple[str, ...]  # folded words in order (see ``words``)
    normalised: str  # folded words joined by single spaces
    stems: tuple[str, ...]  # every word stemmed, in order
    content: tuple[str, ...]  # content-word stems in sentence order (may repeat)
    negations: tuple[str, ...]  # negation cue words in order
    names: tuple[str, ...]  # capitalised name phrases, as written
    name_words: tuple[tuple[str, ...], ...]  # each name's folded words (see ``words``)
    quantities: tuple[Quantity, ...]
    vague_amount: bool  # speaks of "hundreds", "dozens", ...: its figures are not compared
    content_set: frozenset[str]  # distinct content stems
    # Where each quantity stands (``PlacedQuantity``'s tokens start to end): the conflict
    # checks read the words around a figure, and need not locate it again.
    quantity_places: tuple[tuple[int, int], ...]


def sentence_features(text: str) -> SentenceFeatures:
    """Compute every feature of one sentence."""
    read = read_sentence(text)
    return with_stems(read, tuple(map(stem, read.tokens)))


class ReadSentence(NamedTuple):
    """The features taken from a sentence's text alone; stemming its words gives the rest.

    The two halves can run in different places: parallel analysis reads sentences in the
    processes that split them, then stems each distinct word of the corpus once. A named
    tuple: made, pickled and unpickled once per sentence, and twice as fast to make as a
    frozen dataclass; immutable all the same.
    """

    text: str
    tokens: tuple[str, ...]
    normalised: str
    content_words: tuple[bool, ...]  # per token: a content word, whose stem is content
    negations: tuple[str, ...]
    names: tuple[str, ...]
    name_words: tuple[tuple[str, ...], ...]
    quantities: tuple[Quantity, ...]
    vague_amount: bool
    quantity_places: tuple[tuple[int, int], ...]


# Reference marks glued to a word or a full stop ("pregnancy.[1]", "FAS[16][44] is") point
# to a source list: they are no figures or words of the sentence. segment.py keeps them with
# the sentence they follow; a figure in brackets after a space ("rose [2] points") stays.
_REFERENCE_MARKS = re.compile(r"(?<=[^\s\[])(?:\[\d{1,3}\])+")


def _without_reference_marks(text: str) -> str:
    """``text`` with its reference marks blanked: as long as before, so offsets still hold."""
    if "[" not in text:
        return text
    return _REFERENCE_MARKS.sub(lambda mark: " " * len(mark.group()), text)


def read_sentence(text: str) -> ReadSentence:
    """Everything about one sentence that needs no stemming, read as people see it (the
    invisible characters kept for display left out)."""
    text = _without_reference_marks(fold_invisible(text))
    # One string per distinct word, however many sentences use it: fewer objects to make,
    # to ship between processes (see aligner/text/articles.py) and to free.
    tokens = tuple(map(sys.intern, words(text)))
    normalised = " ".join(tokens)
    names = tuple(_names(text))
    found = find_quantities(text) if may_hold_quantity(tokens) else []
    return ReadSentence(
        text=text,
        tokens=tokens,
        normalised=normalised,
        content_words=tuple(map(_CONTENT_WORDS.__getitem__, tokens)),
        negations=_negations(tokens, normalised),
        names=names,
        name_words=tuple(map(_name_words, names)),
        quantities=tuple(placed.quantity for placed in found),
        vague_amount=not VAGUE_PLURALS.isdisjoint(tokens),
        quantity_places=tuple((placed.start, placed.end) for placed in found),
    )


def with_stems(read: ReadSentence, stems: tuple[str, ...]) -> SentenceFeatures:
    """The features of a read sentence whose words stem to ``stems``."""
    content = tuple(compress(stems, read.content_words))
    content_set = frozenset(content)
    return SentenceFeatures(
        text=read.text,
        tokens=read.tokens,
        normalised=read.normalised,
        stems=stems,
        content=content,
        negations=read.negations,
        names=read.names,
        name_words=read.name_words,
        quantities=read.quantities,
        vague_amount=read.vague_amount,
        content_set=content_set,
        quantity_places=read.quantity_places,
    )


class _ContentWords(dict[str, bool]):
    """Whether a word's stem is content (no stopword, no bare number), decided once per
    distinct word: a corpus has far fewer distinct words than words (msrp10k14: 13,130 of
    193,847), and ``map`` over this dictionary's look-up runs in C."""

    def __missing__(self, word: str) -> bool:
        content = word not in STOPWORDS and not word.isdigit()
        if len(self) < _MAX_CONTENT_WORDS_KEPT:  # a hostile text can hold endless words
            self[word] = content
        return content


_MAX_CONTENT_WORDS_KEPT = 200_000
_CONTENT_WORDS = _ContentWords()


@lru_cache(maxsize=65_536)
def _name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name: read once for the many sentences naming one person."""
    return tuple(words(name))


def _negations(tokens: Sequence[str], normalised: str) -> tuple[str, ...]:
    """Negation cue words in order. Most sentences have none: two checks in C say so."""
    if "n't" not in normalised and NEGATION_CUES.isdisjoint(tokens):
        return ()
    return tuple(w for w in tokens if w in NEGATION_CUES or w.endswith("n't"))


def _names(text: str) -> list[str]:
    """Capitalised phrases that are not merely the first word of the sentence."""
    found = []
    first_word_at = len(text) - len(text.lstrip(" \"'-([“‘"))
    for match in _NAME.finditer(plain_typography(text)):
        phrase = match.group(0).strip()
        if match.start() == first_word_at:
            parts = phrase.split()
            if parts[0].lower() in STOPWORDS or len(parts) == 1:
                parts = parts[1:]
            phrase = " ".join(parts)
        if phrase and phrase.lower() not in STOPWORDS:
            found.append(phrase)
    return found
