"""Who is which in an ordered list, told two ways by different sources: "Eight-year-old
Martin Richard was the second of the three people killed in the explosions to have been
identified" / "Earlier Tuesday, restaurant manager Krystle Campbell, 29, was the second
fatality identified".

A sentence that makes a named person "the second ... identified" places that person in a
list of the event (the dead identified, the suspects arrested, the players drafted). Two
sources that put two people at one place of the same list (the same ordinal, the same last
participle: "identified") disagree on who it is, whatever else the sentences say: soft, as
the lists may still be two ("the first woman arrested" / "the first man arrested" are read
alike). A place several people are given across the folder is no one list (a folder of many
events); people of one surname are one person ("Richard" / "Martin Richard").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.conflicts.spellings import SpellingConflict
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.text.features import SentenceFeatures, stem
from aligner.text.wordlists import STOPWORDS

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ORDINAL_STEMS = frozenset(map(stem, _ORDINALS))
# The verbs of ``_PLACED`` before "the", looked for in a sentence's folded words first.
_BEING_THE = ("was the ", "is the ", "became the ", "become the ")
# A person's name of two to four capitalised words (a bound: a run of capitals in hostile
# text would otherwise be tried from each of its words to its end), an aside between commas
# ("Krystle Campbell, 29,"), a verb of being and an ordinal, then the rest of the clause.
_PLACED = re.compile(
    r"(?P<who>\b[A-Z][a-z'\u2019]+(?:\s+[A-Z][a-z'\u2019]+){1,3})(?:,[^,]{1,40},)?\s+"
    r"(?:was|is|became|has become)\s+the\s+(?P<ordinal>" + "|".join(_ORDINALS) + r")\b"
    r"(?P<rest>[^,.;:!?]*)"
)
# The participle that names the list: the clause's last word ending in "-ed" that no
# determiner stands before ("identified" of "the second of the three people killed in the
# explosions to have been identified"; none in "the first man to reach the Pole on an
# unsupported trek").
_DETERMINERS = frozenset(["a", "an", "the", "its", "his", "her", "their", "our", "this", "that"])
_WORD = re.compile(r"[a-z]+")
# A place of a list given to more people than this across the folder is no one list.
MAX_PEOPLE_AT_A_PLACE = 2


@dataclass(frozen=True, slots=True)
class Placed:
    """A person a sentence puts at a place of a list: ``place`` ("second identified")."""

    sentence: int
    who: str
    place: str


def ordinal_conflicts(
    features: Sequence[SentenceFeatures], article_of: Sequence[int]
) -> list[SpellingConflict]:
    """A soft conflict for each two sentences of different sources that put two people at
    one place of one list."""
    placed: dict[str, list[Placed]] = {}
    for k, sentence in enumerate(features):
        if _ORDINAL_STEMS.isdisjoint(sentence.content_set):
            continue  # most sentences: no ordinal, no search
        if not any(verb in sentence.normalised for verb in _BEING_THE):
            continue  # "the first time", "a second": no one placed (nine in ten left)
        for told in _placed(k, sentence.text):
            placed.setdefault(told.place, []).append(told)
    found: list[SpellingConflict] = []
    for place, tellings in sorted(placed.items()):
        if len({_surname(t.who) for t in tellings}) > MAX_PEOPLE_AT_A_PLACE:
            continue
        for n, one in enumerate(tellings):
            for other in tellings[n + 1 :]:
                if article_of[one.sentence] == article_of[other.sentence]:
                    continue
                if _surname(one.who) == _surname(other.who):
                    continue
                detail = f"{one.who} vs {other.who} (the {place})"
                finding = Finding(ConflictKind.ENTITY, detail, Severity.SOFT)
                found.append(SpellingConflict(one.sentence, other.sentence, finding))
    return sorted(found, key=lambda c: (c.a, c.b))


def _placed(sentence: int, text: str) -> list[Placed]:
    """The people ``text`` puts at a place of a list ("second identified")."""
    found = []
    for match in _PLACED.finditer(text):
        participle = _last_participle(_WORD.findall(match["rest"]))
        who = match["who"].split()
        if who[0].lower() in STOPWORDS:
            who = who[1:]  # "But Odette": a sentence's first word
        if participle and len(who) > 1:
            found.append(Placed(sentence, " ".join(who), f"{match['ordinal']} {participle}"))
    return found


def _last_participle(words: Sequence[str]) -> str:
    """The last word ending in "-ed" of ``words`` with no determiner before it ("")."""
    for k in range(len(words) - 1, -1, -1):
        before = words[k - 1] if k else ""
        if words[k].endswith("ed") and len(words[k]) > 4 and before not in _DETERMINERS:
            return words[k]
    return ""


def _surname(name: str) -> str:
    """ "richard" of "Martin Richard": people of one surname are taken for one."""
    return name.split()[-1].lower()
