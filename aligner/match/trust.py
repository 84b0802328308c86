"""How far a shared row can be trusted to hold one fact: the doubt the reader marks "≈" and
the Markdown export words as "probably the same fact".

Two doubts: a row scoring under ``SURE_ROW_SCORE`` (measured on the labelled clusters, see
calibration.py), and a row with a thin member, a sentence of at most ``THIN_MAX_CHARS``
characters and ``THIN_CONTENT_WORDS`` content words that no other member words nearly the
same: the counterpart score trusts how much of each sentence the other covers, and a
sentence that says one thing is covered in full by any sentence that repeats its one word
("And it did in this case." / "... working on both cases.", 91).
"""

from __future__ import annotations

from collections.abc import Mapping

from aligner.calibration import SAME_WORDING, SURE_ROW_SCORE, THIN_CONTENT_WORDS, THIN_MAX_CHARS
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
    short = {m: _folded(text) for m, text in texts.items() if len(text) <= THIN_MAX_CHARS}
    thin = [m for m, text in short.items() if _is_thin(text)]
    if not thin:
        return None
    folded = {m: short[m] if m in short else _folded(text) for m, text in texts.items()}
    if any(not _worded_alike(member, folded) for member in thin):
        return "a sentence this short matches on a word or two"
    return None


def _folded(text: str) -> str:
    """``text``'s words, folded as the engine reads them, joined by single spaces."""
    return " ".join(words(text))


def _is_thin(folded: str) -> bool:
    """At most ``THIN_CONTENT_WORDS`` distinct content words ("It is good.": one)."""
    content = {w for w in folded.split() if w not in STOPWORDS and not w.isdigit()}
    return len(content) <= THIN_CONTENT_WORDS


def _worded_alike(member: str, folded: Mapping[str, str]) -> bool:
    """Whether another member words ``member`` nearly the same ("I don't know." twice);
    ``folded``: every member's folded text."""
    # Imported here: the reader imports this module at start-up, before it needs the engine.
    from rapidfuzz import fuzz

    own = folded[member]
    return any(
        fuzz.ratio(own, text) >= SAME_WORDING for other, text in folded.items() if other != member
    )
