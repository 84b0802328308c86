"""How far a shared row can be trusted to hold one fact: the doubt the reader marks "≈" and
the Markdown export words as "maybe the same fact"; and which links a thin sentence may make.

Two doubts: a row scoring under ``SURE_ROW_SCORE`` (measured on the labelled clusters, see
calibration.py), and a row with a thin member, a sentence of at most ``THIN_MAX_CHARS``
characters and ``THIN_CONTENT_WORDS`` content words that no other member words nearly the
same: the counterpart score trusts how much of each sentence the other covers, and a
sentence that says one thing is covered in full by any sentence that repeats its one word
("And it did in this case." / "... working on both cases.", 91).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from aligner.calibration import (
    QUOTED_MIN_WORDS,
    SAME_WORDING,
    SURE_ROW_SCORE,
    THIN_CONTENT_WORDS,
    THIN_MAX_CHARS,
)
from aligner.result.model import Group
from aligner.text.features import words
from aligner.text.wordlists import STOPWORDS


def row_doubt(group: Group, text_of: Mapping[str, str]) -> str | None:
    """Why ``group`` holds only probably one fact, for a reader ("under 75, ..."), or None
    when nothing speaks against it (a single sentence included). ``text_of``: each member's
    text."""
    if len(group.members) < 2:
        return None
    if group.score < SURE_ROW_SCORE:
        return f"under {SURE_ROW_SCORE:.0f}, sources often tell different facts"
    texts = {m: text_of[m] for m in group.members if m in text_of}
    # Most rows have no sentence short enough to be thin: nothing is folded for them.
    thin_folded = {m: folded_if_thin(text) for m, text in texts.items()}
    thin = [m for m, folded in thin_folded.items() if folded is not None]
    if not thin:
        return None
    folded = {m: thin_folded[m] or _folded(text) for m, text in texts.items()}
    if any(
        not _worded_alike(folded[m], [text for other, text in folded.items() if other != m])
        for m in thin
    ):
        return "a sentence this short matches on a word or two"
    return None


def thin_pairs_worded_apart(
    texts: Sequence[str], left: Sequence[int], right: Sequence[int]
) -> list[bool]:
    """Per pair of sentences (``left[k]``, ``right[k]``, indexes into ``texts``), whether one
    of the two is thin and the other does not word it nearly the same: such a pair is no
    link and no close sentence ("Until the murders." retells no sentence about them)."""
    thin = {i: folded_if_thin(texts[i]) for i in {*left, *right}}
    # A thin sentence is often paired with hundreds of others: each is folded once.
    folded = {i: text for i, text in thin.items() if text is not None}
    apart = []
    for i, j in zip(left, right, strict=True):
        if thin[i] is None and thin[j] is None:
            apart.append(False)
            continue
        for k in (i, j):
            if k not in folded:
                folded[k] = _folded(texts[k])
        apart.append(not _worded_alike(folded[i], [folded[j]]))
    return apart


def folded_if_thin(text: str) -> str | None:
    """``text`` folded (``_folded``) when it is thin: at most ``THIN_MAX_CHARS`` characters
    and ``THIN_CONTENT_WORDS`` distinct content words ("It is good.": one); else None."""
    if len(text) > THIN_MAX_CHARS:
        return None
    folded = _folded(text)
    content = {w for w in folded.split() if w not in STOPWORDS and not w.isdigit()}
    return folded if len(content) <= THIN_CONTENT_WORDS else None


def _folded(text: str) -> str:
    """``text``'s words, folded as the engine reads them, joined by single spaces."""
    return " ".join(words(text))


def _worded_alike(own: str, others: Iterable[str]) -> bool:
    """Whether one of ``others`` words ``own`` nearly the same ("I don't know." twice), or
    quotes it nearly word for word inside more ("Set up a meeting." / "Let's go set up a
    meeting."); all folded (``_folded``)."""
    # Imported here: the reader imports this module at start-up, before it needs the engine.
    from rapidfuzz import fuzz

    # One or two words ("Chaos.") are found inside too many sentences to say they quote it.
    quotable = len(own.split()) >= QUOTED_MIN_WORDS
    return any(
        fuzz.ratio(own, other) >= SAME_WORDING
        or (quotable and len(own) <= len(other) and fuzz.partial_ratio(own, other) >= SAME_WORDING)
        for other in others
    )
