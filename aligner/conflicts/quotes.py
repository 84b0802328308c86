"""One quotation worded differently by two sources ("I am not guilty of killing Susan Berman"
/ "I am not guilty of murdering Susan Berman"): a soft conflict, for a reader to check
which outlet has the speaker's words.

Two quoted passages are one quotation when they share words in order on both sides of the
difference: at least ``QUOTE_SHARED_WORDS`` in all and ``QUOTE_SHARED_SHARE`` of the
shorter passage (aligner/calibration.py). Only words put in others' places count, and only
ones that say something (not "a" / "the", "you've" / "you have", "honour" / "honor"), in
at most ``_MAX_CHANGES`` places of at most ``_MAX_CHANGED_WORDS`` words each: words left
out or added are how outlets trim a quotation, an ellipsis beside a change says the outlet
cut it there, and more changes than that are another quotation of the same speaker. Where
a quotation opens or closes in another sentence (a quotation of several sentences), the
passage runs from the sentence's start or to its end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

from rapidfuzz.distance import OSA, Levenshtein

from aligner.calibration import QUOTE_SHARED_SHARE, QUOTE_SHARED_WORDS
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.text.features import SentenceFeatures, stem, words
from aligner.text.wordlists import STOPWORDS

_MIN_PASSAGE_WORDS = 5
_MAX_CHANGES = 2
_MAX_CHANGED_WORDS = 4
# Words shown on each side of the first change, so a reader finds the quotation.
_CONTEXT_WORDS = 3

_OPENERS = "“"
_STRAIGHT = '"'
_QUOTE_MARKS = re.compile(r"[“”\"]")


def quote_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A soft finding for each quotation ``a`` and ``b`` word differently."""
    ours, theirs = quoted_passages(a.text), quoted_passages(b.text)
    if not ours or not theirs:
        return []
    findings = []
    for mine, my_words in ours:
        for other, their_words in theirs:
            # Most passages of two sentences are the same quotation word for word or none:
            # their words tell, before each written word is traced (``_passage``).
            if my_words == their_words or not _changes(my_words, their_words):
                continue
            detail = _changed_words(_passage(mine), _passage(other))
            if detail is not None:
                findings.append(Finding(ConflictKind.QUOTE, detail, Severity.SOFT))
    return findings


# Sized for the sentences of a large folder (the checks meet each sentence in many pairs).
@lru_cache(maxsize=32_768)
def quoted_passages(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each passage of ``text`` inside quotation marks of at least ``_MIN_PASSAGE_WORDS``
    words, with its folded words (``words``); a passage opened before the sentence (a
    closing mark first) runs from its start, one closed after it (an opening mark last) to
    its end."""
    if _QUOTE_MARKS.search(text) is None:
        return ()  # most sentences: spared the walk below
    passages: list[str] = []
    start: int | None = None
    first_mark = True
    for mark in _QUOTE_MARKS.finditer(text):
        char = mark.group()
        if char in _OPENERS or (char == _STRAIGHT and _opens(text, mark.start())):
            start = mark.end()
        elif start is not None or first_mark:
            passages.append(text[start or 0 : mark.start()])
            start = None
        first_mark = False
    if start is not None:
        passages.append(text[start:])
    found = ((passage, tuple(words(passage))) for passage in passages)
    return tuple((passage, told) for passage, told in found if len(told) >= _MIN_PASSAGE_WORDS)


def _opens(text: str, at: int) -> bool:
    """Whether the straight quotation mark at ``at`` opens a passage: after a space or the
    start, before a word ('he said "I ...' opens, 'back," he said' closes)."""
    before = text[at - 1] if at else " "
    after = text[at + 1 : at + 2]
    return (before.isspace() or before in "([—–-") and bool(after) and not after.isspace()


class Passage(NamedTuple):
    """One quoted passage's words as compared (folded, see ``words``), for each the written
    word it comes from (numbered in order: one written word can fold into two), and whether
    an ellipsis stands beside it (where the outlet cut the quotation)."""

    folded: tuple[str, ...]
    written: tuple[tuple[int, str], ...]
    beside_cut: tuple[bool, ...]


@lru_cache(maxsize=1024)
def _passage(text: str) -> Passage:
    folded: list[str] = []
    written: list[tuple[int, str]] = []
    tokens = text.split()
    for number, token in enumerate(tokens):
        for word in words(token):  # "Berman,”" is one word, "U.S." one
            folded.append(word)
            written.append((number, token.strip(_WRAPPING)))
    cuts = [n for n, token in enumerate(tokens) if "..." in token or "…" in token]
    beside = {n + step for n in cuts for step in (-1, 0, 1)}  # "We... talked", "peace ... and"
    return Passage(tuple(folded), tuple(written), tuple(n in beside for n, _ in written))


# Punctuation around a written word, left out where a reason quotes it.
_WRAPPING = "\"“”‘’'.,;:!?()[]—–-…"

# Words put in others' places: (start, end) in one passage and (start, end) in the other.
Change = tuple[int, int, int, int]


def _changes(ours: tuple[str, ...], theirs: tuple[str, ...]) -> list[Change]:
    """The runs of words that differ between two passages of one quotation and say
    something, between words both share; [] when the passages are not one quotation or
    differ in more or longer places than one quotation does."""
    ops = Levenshtein.opcodes(ours, theirs)
    shared = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    if shared < max(QUOTE_SHARED_WORDS, QUOTE_SHARED_SHARE * min(len(ours), len(theirs))):
        return []
    # Consecutive edits are one run ("talked about" for "discussed": a replace and a delete).
    runs = [
        (edits[0].src_start, edits[-1].src_end, edits[0].dest_start, edits[-1].dest_end)
        for equal, group in groupby(ops, key=lambda op: op.tag == "equal")
        if not equal
        for edits in [list(group)]
    ]
    inside = [
        (i1, i2, j1, j2)
        for i1, i2, j1, j2 in runs
        # Not at either end, where one passage only runs longer.
        if i1 > 0 and j1 > 0 and i2 < len(ours) and j2 < len(theirs)
    ]
    # Words in both passages: a word only left out or added is no change of wording.
    changes = [
        (i1, i2, j1, j2)
        for i1, i2, j1, j2 in inside
        if i1 < i2 and j1 < j2 and _says_something(ours, theirs, (i1, i2, j1, j2))
    ]
    if len(changes) > _MAX_CHANGES or any(
        max(i2 - i1, j2 - j1) > _MAX_CHANGED_WORDS for i1, i2, j1, j2 in changes
    ):
        return []
    return changes


def _changed_words(mine: Passage, other: Passage) -> str | None:
    """``'killing vs murdering (in the quotation "…not guilty of … Susan Berman…")'`` when the
    two passages are one quotation with words put in others' places, else None."""
    changes = [
        (i1, i2, j1, j2)
        for i1, i2, j1, j2 in _changes(mine.folded, other.folded)
        # An ellipsis beside the change: the outlet cut the quotation there.
        if not any(mine.beside_cut[i1:i2]) and not any(other.beside_cut[j1:j2])
    ]
    if not changes:
        return None
    told = "; ".join(
        f"{_joined(mine.written[i1:i2])} vs {_joined(other.written[j1:j2])}"
        for i1, i2, j1, j2 in changes
    )
    i1, i2, _, _ = changes[0]
    before = _joined(mine.written[max(0, i1 - _CONTEXT_WORDS) : i1])
    after = _joined(mine.written[i2 : i2 + _CONTEXT_WORDS])
    return f'{told} (in the quotation "…{before} … {after}…")'


def _joined(written: tuple[tuple[int, str], ...]) -> str:
    """The written words, each once (a word folded into two is written once)."""
    return " ".join(dict(written).values())


def _says_something(ours: tuple[str, ...], theirs: tuple[str, ...], run: Change) -> bool:
    """Whether a run put in another's place changes what is said: not an article or a short
    form written out, not the same word in another form ("killed" / "killing"), spaced
    otherwise ("cyber assets" / "cyberassets") or spelled otherwise ("honour" / "honor")."""
    i1, i2, j1, j2 = run
    mine, other = ours[i1:i2], theirs[j1:j2]
    if "".join(mine) == "".join(other) or _one_word_spelled_otherwise(mine, other):
        return False
    return _content(mine) != _content(other)


def _one_word_spelled_otherwise(mine: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """One word each, of ``_SPELLING_MIN_LETTERS`` letters or more, the same but for one
    letter added, dropped or swapped ("honour" / "honor", "theatre" / "theater")."""
    if len(mine) != 1 or len(other) != 1:
        return False
    one, two = mine[0], other[0]
    return (
        min(len(one), len(two)) >= _SPELLING_MIN_LETTERS
        and one.isalpha()
        and two.isalpha()
        and one[0] == two[0]
        and OSA.distance(one, two) <= 1
    )


_SPELLING_MIN_LETTERS = 5


def _content(folded: tuple[str, ...]) -> set[str]:
    """Stems of the words that say something, short forms written out ("you've" says
    nothing, "don't" says "not", as "do not")."""
    found = set()
    for word in folded:
        if word.endswith("n't") or word == "cannot":
            found.add("not")
            word = word.removesuffix("not")
        base = _CONTRACTED.sub("", word)
        base = _SHORT_FORMS.get(base, base)
        if base not in STOPWORDS:
            found.add(stem(base))
    return found


_CONTRACTED = re.compile(r"(?:'ve|'re|'ll|'d|'m|n't)$")
# "can't", "won't", "shan't"; spoken forms as written out ("gonna" / "going to").
_SHORT_FORMS = {"ca": "can", "wo": "will", "sha": "shall", "gonna": "go", "wanna": "want"}
