"""How far a shared row can be trusted to hold one fact: the doubt the reader marks "≈" and
the Markdown export words as "maybe the same fact"; and which rows and links a thin sentence
may join.

Doubt is per member (``member_doubts``): one member retelling something else does not make
its partners doubtful. Two doubts: a member whose best score in its row is under
``SURE_ROW_SCORE`` (measured on the labelled clusters, see calibration.py), and a short
member, a sentence of at most ``THIN_MAX_CHARS`` characters and ``DOUBT_CONTENT_WORDS``
content words that no other member words nearly the same: the counterpart score trusts how
much of each sentence the other covers, and a sentence that says one thing is covered in
full by any sentence that repeats its one word ("And it did in this case." / "... working
on both cases.", 91). A thin sentence (at most ``THIN_CONTENT_WORDS``) is kept out of such
rows altogether (``thin_partners_apart``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from aligner.calibration import (
    DOUBT_CONTENT_WORDS,
    QUOTED_MIN_WORDS,
    SAME_WORDING,
    SURE_ROW_SCORE,
    THIN_CONTENT_WORDS,
    THIN_MAX_CHARS,
)
from aligner.result.model import Comparison, Group, Label
from aligner.text.features import stem, words
from aligner.text.speakers import named_speakers, surely_different
from aligner.text.wordlists import APOSTROPHE_LESS_NEGATIONS, STOPWORDS

if TYPE_CHECKING:
    from aligner.match.align import ScoredPairs


def row_doubt(
    group: Group, text_of: Mapping[str, str], context_of: Mapping[str, str] | None = None
) -> str | None:
    """Why ``group`` holds only probably one fact, for a reader ("under 75, ..."), or None
    when nothing speaks against any member (a single sentence included): the first
    member's own reason in ``member_doubts`` (``text_of``, ``context_of``: as there)."""
    return row_reason(member_doubts(group, text_of, context_of))


def row_reason(doubts: Mapping[str, str]) -> str | None:
    """The reason ``row_doubt`` gives, read from a row's ``member_doubts`` already found: the
    first member's own reason, not "no sure partner left"."""
    return next((reason for reason in doubts.values() if reason != _NO_SURE_PARTNER), None)


def doubted_members(comparison: Comparison, group: Group) -> dict[str, str]:
    """``member_doubts`` of a shared ``group`` of ``comparison``: the members the reader
    marks "≈", each with why (none for a unique or contradicting group)."""
    if group.label is not Label.SHARED:
        return {}
    return member_doubts(group, *texts_and_articles(comparison, group))


def texts_and_articles(
    comparison: Comparison, group: Group
) -> tuple[dict[str, str], dict[str, str]]:
    """The ``text_of`` and ``context_of`` of ``member_doubts`` for ``group``: each member's
    text and its article's."""
    sentences, articles = comparison.sentences, comparison.article_by_id
    members = [sentences[m] for m in group.members if m in sentences]
    return {s.id: s.text for s in members}, {s.id: articles[s.article_id].text for s in members}


def member_doubts(
    group: Group, text_of: Mapping[str, str], context_of: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The members of ``group`` that tell its fact only probably, each with why, for a
    reader ("under 75, ..."); empty when nothing speaks against any (a single sentence
    included). ``text_of``: each member's text; ``context_of``: the text each is read in,
    its article, where people are named in full (the member's own text when not given).

    A member is doubted for itself: its best counterpart score in the row is under
    ``SURE_ROW_SCORE`` (``Group.member_score``: one member retelling something else pulls
    the row's score down, not its partners'), it is a short sentence that no other
    member words alike, or it is said by another person than its sure partners say theirs
    (``said_by_others``). A member with no undoubted partner left is doubted with them: a
    row holds one fact only where two sentences surely tell it.
    """
    if len(group.members) < 2:
        return {}
    scores = zip(group.members, group.scores_of_members, strict=True)
    doubts = {m: _UNDER_SURE for m, score in scores if score < SURE_ROW_SCORE}
    # Most weak rows are pairs: with no two sure members left, the thin rule changes nothing.
    if len(group.members) - len(doubts) >= 2:
        doubts |= dict.fromkeys(_thin_worded_otherwise(group, text_of), _SHORT)
    if len(group.members) - len(doubts) >= 2:
        sure = [m for m in group.members if m not in doubts and m in text_of]
        doubts |= said_by_others(sure, text_of, context_of or text_of)
    if doubts and len(group.members) - len(doubts) < 2:
        return {m: doubts.get(m, _NO_SURE_PARTNER) for m in group.members}
    return doubts


def said_by_others(
    members: Sequence[str], text_of: Mapping[str, str], context_of: Mapping[str, str]
) -> dict[str, str]:
    """Among ``members``, those whose sentence names a speaker (``named_speakers``) surely
    another person than the speakers named by most of the others (both of a pair), each with a
    reason naming both ("said by different people: Zelensky vs Hegseth"): a journalist does
    not set two people's statements side by side as one fact, however alike the words. A
    member naming no speaker is no evidence either way: outlets name a speaker by a role
    ("the president said"), in the sentence before, or not at all in a quotation.
    ``context_of``: the text each member is read in (``member_doubts``)."""
    said = {m: speakers for m in members if (speakers := named_speakers(text_of[m]))}
    if len(said) < 2:
        return {}
    doubts = {}
    for m, ours in said.items():
        apart = [
            " ".join(theirs[0])
            for other, theirs in said.items()
            if other != m
            and _all_apart(
                ours, theirs, (context_of.get(m, text_of[m]), context_of.get(other, text_of[other]))
            )
        ]
        if 2 * len(apart) > len(said) - 1:  # more of the others apart than not
            others = " / ".join(dict.fromkeys(apart))
            doubts[m] = f"said by different people: {' '.join(ours[0])} vs {others}"
    return doubts


def _all_apart(
    ours: Sequence[tuple[str, ...]], theirs: Sequence[tuple[str, ...]], context: Sequence[str]
) -> bool:
    """Whether every speaker of one sentence is surely another person than every speaker of
    the other (``surely_different``, reading ``context``)."""
    return all(surely_different(one, other, context) for one in ours for other in theirs)


_UNDER_SURE = f"under {SURE_ROW_SCORE:.0f}, sources often tell different facts"
_SHORT = "a sentence this short matches on a few words"
_NO_SURE_PARTNER = "its only partners here are maybe the same fact"


def _thin_worded_otherwise(group: Group, text_of: Mapping[str, str]) -> list[str]:
    """The members of ``group`` short enough to doubt (``DOUBT_CONTENT_WORDS``) that no
    other member words alike."""
    texts = {m: text_of[m] for m in group.members if m in text_of}
    # Most rows have no sentence short enough: nothing is folded for them.
    short_folded = {m: folded_if_thin(text, DOUBT_CONTENT_WORDS) for m, text in texts.items()}
    short = [m for m, folded in short_folded.items() if folded is not None]
    if not short:
        return []
    folded = {m: short_folded[m] or _folded(text) for m, text in texts.items()}
    # As for a row's forming (``thin_partners_apart``): a short member needs one other
    # member that the pair rule calls worded alike.
    return [
        m
        for m in short
        if not any(
            _pair_worded_alike(folded[m], folded[other], True, short_folded[other] is not None)
            for other in folded
            if other != m
        )
    ]


def thin_pairs_worded_apart(
    texts: Sequence[str], left: Sequence[int], right: Sequence[int]
) -> list[bool]:
    """Per pair of sentences (``left[k]``, ``right[k]``, indexes into ``texts``), whether one
    of the two is thin and the other does not word it nearly the same: such a pair is no
    link and no close sentence ("Until the murders." retells no sentence about them), and
    never shares a row (``thin_partners_apart``)."""
    return _worded_apart(texts, left, right, {i: folded_if_thin(texts[i]) for i in {*left, *right}})


def _worded_apart(
    texts: Sequence[str],
    left: Sequence[int],
    right: Sequence[int],
    thin: Mapping[int, str | None],
) -> list[bool]:
    """``thin_pairs_worded_apart`` with each sentence's ``folded_if_thin`` known (a sentence
    missing from ``thin`` is not thin)."""
    # A thin sentence is often paired with hundreds of others: each is folded once.
    folded = {i: text for i, text in thin.items() if text is not None}
    apart = []
    for i, j in zip(left, right, strict=True):
        thin_i, thin_j = thin.get(i), thin.get(j)
        if thin_i is None and thin_j is None:
            apart.append(False)
            continue
        for k in (i, j):
            if k not in folded:
                folded[k] = _folded(texts[k])
        alike = _pair_worded_alike(folded[i], folded[j], thin_i is not None, thin_j is not None)
        apart.append(not alike)
    return apart


def _pair_worded_alike(one: str, other: str, one_thin: bool, other_thin: bool) -> bool:
    """Whether a pair with a thin sentence is worded alike (both folded): judged from a thin
    side, whichever source comes first, since only a thin sentence is looked for inside the
    other ("So, because I'm there." / "Because I'm there, Trump said.")."""
    return (one_thin and _worded_alike(one, other)) or (other_thin and _worded_alike(other, one))


def thin_partners_apart(
    texts: Sequence[str], pairs: ScoredPairs, floor: float
) -> dict[int, set[int]]:
    """Per thin sentence (an index into ``texts``), the sentences among its ``pairs`` scoring
    at least ``floor`` that do not word it nearly the same (``thin_pairs_worded_apart``):
    the rows it may not share. "Okay." is covered in full by "... like a fine-tuned
    machine" (okay = fine) and had anchored a row of six sources at 92."""
    # Imported here, as rapidfuzz below: the reader imports this module at start-up.
    import numpy as np

    # folded_if_thin tells most sentences (too long to be thin) by their length alone.
    thin = {
        i: folded for i, text in enumerate(texts) if (folded := folded_if_thin(text)) is not None
    }
    if not thin or not len(pairs.scores):
        return {}
    is_thin = np.zeros(len(texts), dtype=bool)
    is_thin[list(thin)] = True
    wanted = (pairs.scores >= floor) & (is_thin[pairs.left] | is_thin[pairs.right])
    left, right = pairs.left[wanted].tolist(), pairs.right[wanted].tolist()
    held: dict[int, set[int]] = {}
    for i, j, apart in zip(left, right, _worded_apart(texts, left, right, thin), strict=True):
        if apart:
            held.setdefault(i, set()).add(j)
            held.setdefault(j, set()).add(i)
    return held


def folded_if_thin(text: str, content_words: int = THIN_CONTENT_WORDS) -> str | None:
    """``text`` folded (``_folded``) when it is thin: at most ``THIN_MAX_CHARS`` characters
    and ``content_words`` distinct content words ("It is good.": one); else None."""
    if len(text) > THIN_MAX_CHARS:
        return None
    folded = _folded(text)
    content = {w for w in folded.split() if _is_content(w)}
    return folded if len(content) <= content_words else None


def _is_content(word: str) -> bool:
    """Whether a folded word says something of its own: no stopword, no bare number, and no
    contraction of a stopword ("I'm", "they're", "don't"): "I don't know what's going on."
    says two things, as "I know people are going to second guess." shares them."""
    if word in STOPWORDS or word.isdigit():
        return False
    head, apostrophe, _ = word.partition("'")
    return not apostrophe or (head not in STOPWORDS and head not in _NEGATED_AUXILIARIES)


# "don't" is "do" + "n't": the part before the apostrophe of a negated auxiliary, as the
# apostrophe-less spellings list them ("dont"), and "won" ("wont" is a word, so not listed).
_NEGATED_AUXILIARIES = frozenset(
    {word.removesuffix("t") for word in APOSTROPHE_LESS_NEGATIONS} | {"won"}
)


def _folded(text: str) -> str:
    """``text``'s words, folded as the engine reads them, joined by single spaces."""
    return " ".join(words(text))


def _worded_alike(own: str, other: str) -> bool:
    """Whether ``other`` words ``own`` nearly the same ("I don't know." twice),
    quotes it nearly word for word inside more ("Set up a meeting." / "Let's go set up a
    meeting."), or says its two content words one after the other ("He will be sorely
    missed." / "He will be very sorely missed, the company said."); all folded
    (``_folded``). A lone content word is no evidence, even in a sentence saying nothing
    else ("I know what was said." / "You know why?"), nor two far apart ("TRUMP: No, no." /
    "No. 2, racism, Trump continued.")."""
    # Imported here: the reader imports this module at start-up, before it needs the engine.
    from rapidfuzz import fuzz

    # One or two words ("Chaos.") are found inside too many sentences to say they quote it.
    quotable = len(own.split()) >= QUOTED_MIN_WORDS
    said = _content_stems(own)
    return (
        fuzz.ratio(own, other) >= SAME_WORDING
        or (quotable and len(own) <= len(other) and fuzz.partial_ratio(own, other) >= SAME_WORDING)
        or _says_the_content(said, _content_stems(other))
    )


def _says_the_content(thin: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether a sentence with content stems ``other`` says a thin sentence's two, next to
    each other and in its order (one word alone is in too many sentences: "Until the
    murders." in every one about them)."""
    if len(set(thin)) < 2:
        return False
    width = len(thin)
    return any(other[k : k + width] == thin for k in range(len(other) - width + 1))


def _content_stems(folded: str) -> tuple[str, ...]:
    """The stems of a folded text's content words in order (stopwords and digits left out),
    a word repeated at once kept once ("no, no")."""
    stems = [stem(w) for w in folded.split() if _is_content(w)]
    return tuple(s for k, s in enumerate(stems) if k == 0 or s != stems[k - 1])
