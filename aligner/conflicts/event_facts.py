"""Fact conflicts: one fact of the event told with other figures by another article, in
sentences worded too differently to align or even to be related.

"Durst, 73, was sentenced ..." and "The 72-year-old Durst agreed to the sentence ..." share
few words, and "The death toll rose to 29" and "Nineteen people were killed" share none;
yet a reader comparing the sources wants both pairs flagged. A folder holds articles about
one event, so a named person's age and the event's toll (killed, injured, missing,
arrested) are facts each article tells about the same thing, whatever the wording.

Two articles disagree on a fact only when *no* figure one gives for it can match any the
other gives: an article that first reports 19 dead and later 29 agrees with one saying 29.
Figures of people of different kinds ("3 soldiers" / "5 people") are different facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.conflicts.pair_figures import is_upper_bound, same_limit
from aligner.conflicts.subjects import (
    AFTER_NAME,
    age_owner,
    figure_thing,
    one_thing,
    sentence_located,
)
from aligner.result.model import ConflictKind, Finding, Severity
from aligner.runtime.cancel import checked
from aligner.text.features import SentenceFeatures, stem
from aligner.text.quantities import Quantity
from aligner.text.wordlists import IRREGULAR_SINGULARS, STOPWORDS

# Words that say what happened to the people a figure counts, by the fact they tell.
_TOLL_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "deaths",
         "perished", "fatalities", "lives"], "killed"),
    **dict.fromkeys(
        ["injured", "injuring", "injure", "injures", "injuries", "wounded", "wounding",
         "hurt"], "injured"),
    **dict.fromkeys(["missing", "unaccounted"], "missing"),
    **dict.fromkeys(["arrested", "arresting", "arrests", "detained", "custody"], "arrested"),
}  # fmt: skip
_TOLL_CUES = frozenset(_TOLL_WORDS) | {"toll"}
_DEATH_WORDS = frozenset(["death", "died", "dead", "killed", "die", "dies"])
_FACT_CUES = _TOLL_CUES | _DEATH_WORDS
# Words between a figure and what happened to them: "19 people were killed",
# "four people are in custody", "two were reportedly injured".
_LINKING_WORDS = frozenset(
    ["people", "persons", "were", "was", "are", "is", "have", "has", "had", "been", "being",
     "reportedly", "reported", "confirmed", "also", "now", "all", "in", "seriously", "critically",
     "badly", "later"]
)  # fmt: skip
# A figure counting these (or nothing: "killing 19") counts people in general.
_PEOPLE = frozenset(["", "people", "persons", "person", "others", "more"])
# "the death toll rose to 29": a toll word this many tokens before the figure.
_TOLL_REACH = 6


# A fact given more different figures than this across the articles is no one fact: the
# folder holds articles about several events (outlets updating one toll rarely give more).
MAX_FIGURES_OF_A_FACT = 5


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure one sentence gives for a fact: ``key`` names the fact for matching,
    ``label`` for a reader ("killed", "Durst's age")."""

    key: str
    label: str
    quantity: Quantity


def sentence_facts(sentence: SentenceFeatures) -> tuple[Fact, ...]:
    """The facts a sentence gives figures for."""
    ages = any(q.kind == "age" for q in sentence.quantities)
    if not ages and (_FACT_CUES.isdisjoint(sentence.tokens) or not sentence.quantities):
        return ()  # most sentences: no age, no word of a toll
    text = sentence.text
    located = sentence_located(sentence)
    facts: list[Fact] = []
    for placed in located.found:
        quantity = placed.quantity
        if quantity.kind == "age":
            name = age_owner(text, located, placed.start, placed.end)
            if name:
                facts.append(Fact(f"age:{name.lower()}", f"{name}'s age", quantity))
            elif _stands_alone(located.words, placed.start, placed.end):
                facts.append(Fact(UNNAMED_AGE, "age", quantity))
        elif quantity.kind == "duration" and is_upper_bound(quantity):
            if _told_of_death(located.words, placed.start):
                facts.append(Fact("time:killed", "time to death", quantity))
        elif quantity.kind == "count" and not quantity.modifier and not quantity.part:
            people = _people_kind(quantity.unit)
            toll = _toll_of(located.words, placed.start, placed.end, quantity.unit)
            if toll and people is not None:
                label = f"{quantity.unit} {toll}" if people else toll
                facts.append(
                    Fact(f"toll:{toll}:{people}", _toll_label(text, quantity, label), quantity)
                )
    return tuple(facts)


def _toll_label(text: str, quantity: Quantity, label: str) -> str:
    """The toll as the sentence tells it when it says more ("people killed in Gaza" for
    "killed"), else ``label``."""
    told = figure_thing(text, quantity)
    return told if stem(label.split()[-1]) in {stem(w) for w in told.lower().split()} else label


# The key of an age told without a name ("The 73-year-old, who ..."), until
# ``attribute_unnamed_ages`` gives it its person.
UNNAMED_AGE = "age:"


def _stands_alone(words: Sequence[str], start: int, end: int) -> bool:
    """ "The 73-year-old, who ..." or "The 73-year-old was ...": an age standing for a
    person the article names elsewhere."""
    after = words[end] if end < len(words) else ""
    return start == 1 and words[0] == "the" and (after == "," or after in AFTER_NAME)


def attribute_unnamed_ages(
    facts: Sequence[Sequence[Fact]], mentions: Sequence[frozenset[str]], article_of: Sequence[int]
) -> list[tuple[Fact, ...]]:
    """``facts`` with each unnamed age given to the person its article names in the most
    sentences, among the people whose age some article gives by name: a report that opens
    "The 73-year-old, who ..." speaks of its main subject. ``mentions``: each sentence's
    words. An age whose article names no such person, or two as often, stays unnamed."""
    named = {f.key: f.label for told in facts for f in told if f.key.startswith("age:")}
    named.pop(UNNAMED_AGE, None)
    resolved = []
    main_person: dict[int, str] = {}  # per article, found once
    for sentence, told in enumerate(facts):
        if all(f.key != UNNAMED_AGE for f in told):
            resolved.append(tuple(told))
            continue
        article = article_of[sentence]
        if article not in main_person:
            main_person[article] = _main_person(named, mentions, article_of, article)
        person = main_person[article]
        resolved.append(
            tuple(
                Fact(person, named[person], f.quantity) if f.key == UNNAMED_AGE and person else f
                for f in told
            )
        )
    return resolved


def _main_person(
    named: dict[str, str],
    mentions: Sequence[frozenset[str]],
    article_of: Sequence[int],
    article: int,
) -> str:
    """The age key of the person named in most sentences of ``article`` ("" for none, or
    a tie); a person is counted by surname, the last word of the key."""
    sentences = [m for m, a in zip(mentions, article_of, strict=True) if a == article]
    counts = {
        key: sum(key.split()[-1].removeprefix("age:") in words for words in sentences)
        for key in named
    }
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < MIN_MENTIONS_OF_MAIN_PERSON:
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return ranked[0][0]


# The main person of an article is named in this many of its sentences at least.
MIN_MENTIONS_OF_MAIN_PERSON = 3


# A death word this many tokens before a time limit tells how soon someone died.
_DEATH_REACH = 8


def _told_of_death(words: Sequence[str], start: int) -> bool:
    """ "died ... within two hours", "death within minutes"."""
    return not _DEATH_WORDS.isdisjoint(words[max(0, start - _DEATH_REACH) : start])


def _agree(qa: Quantity, qb: Quantity) -> bool:
    """Could both figures tell the fact? Two time limits only when they are one limit
    ("within minutes" and "within two hours" overlap, but are told differently)."""
    if is_upper_bound(qa) and is_upper_bound(qb):
        return same_limit(qa, qb)
    return qa.compatible(qb)


def _people_kind(unit: str) -> str | None:
    """ "" for people in general, a noun's stem for one kind ("soldier"), None when the
    figure counts no people ("19 cars")."""
    if unit in _PEOPLE or unit in _TOLL_WORDS or unit in STOPWORDS:
        return ""
    word = IRREGULAR_SINGULARS.get(unit, unit)
    return stem(word) if word in _PEOPLE_NOUNS else None


_PEOPLE_NOUNS = frozenset(
    ["man", "woman", "child", "adult", "children", "men", "women", "civilians", "civilian",
     "soldiers", "soldier", "troops", "officers", "officer", "policemen", "police", "students",
     "passengers", "passenger", "workers", "miners", "residents", "tourists", "pilgrims",
     "fans", "protesters", "demonstrators", "militants", "suspects", "suspect", "migrants",
     "crew", "firefighters", "guards", "staff", "victims", "patients", "teenagers", "girls",
     "boys", "villagers", "employees", "journalists", "americans", "foreigners"]
)  # fmt: skip


def _toll_of(words: Sequence[str], start: int, end: int, counted: str) -> str:
    """Which toll the figure at ``words[start:end]`` (of ``counted``) counts, or "" for none."""
    before = words[start - 1] if start > 0 else ""
    if before in _TOLL_WORDS and before not in ("custody", "lives", "deaths"):
        return _TOLL_WORDS[before]  # "killed 19 people", "injuring at least 40"
    after = end
    if after < len(words) and words[after] == counted:
        after += 1
    while after < len(words) and after < end + 4 and words[after] in _LINKING_WORDS:
        after += 1
    told = words[after] if after < len(words) else ""
    lost = words[after + 1] if after + 1 < len(words) else ""
    if told in _TOLL_WORDS and (told != "lives" or lost == "lost"):
        return _TOLL_WORDS[told]  # "19 people were killed", "29 dead", "29 lives lost"
    reach = words[max(0, start - _TOLL_REACH) : start]
    if "toll" in reach and reach[reach.index("toll") - 1 : reach.index("toll")] != ["injury"]:
        return "killed"  # "the death toll rose to 29", "a toll of 29"
    return ""


@dataclass(frozen=True, slots=True)
class FactConflict:
    """Sentences ``a`` and ``b`` (indexes into the checked sentences) disagree on a fact:
    ``fact_a`` against ``fact_b``."""

    a: int
    b: int
    fact_a: Fact
    fact_b: Fact

    @property
    def finding(self) -> Finding:
        qa, qb = self.fact_a.quantity, self.fact_b.quantity
        told = f"{qa.surface} vs {qb.surface}"
        # Two time limits can both hold: told differently, for the reader to check.
        severity = Severity.SOFT if is_upper_bound(qa) or is_upper_bound(qb) else Severity.HARD
        label = one_thing(self.fact_a.label, self.fact_b.label)
        return Finding(ConflictKind.NUMBER, f"{told} ({label})", severity)


def fact_conflicts(
    facts: Sequence[Sequence[Fact]], article_of: Sequence[int]
) -> list[FactConflict]:
    """Pairs of articles that give no matching figure for one fact: every sentence of one
    that gives a figure for it against every such sentence of the other (the first
    ``MAX_TELLINGS`` of each), so an outlet that repeats its figure is linked each time."""
    told: dict[str, dict[int, list[tuple[int, Fact]]]] = {}
    for sentence, facts_of_sentence in enumerate(facts):
        for fact in facts_of_sentence:
            by_article = told.setdefault(fact.key, {})
            by_article.setdefault(article_of[sentence], []).append((sentence, fact))
    found: list[FactConflict] = []
    for key in checked(sorted(told), every=64):
        if key == UNNAMED_AGE:
            continue  # whose age is not known: not one fact across articles
        tellings = sorted(told[key].items())
        values = {fact.quantity.value for _, told_ in tellings for _, fact in told_}
        if len(values) > MAX_FIGURES_OF_A_FACT:
            continue  # not one fact: articles about several events, or a common surname
        for k, (_, left) in enumerate(tellings):
            for _, right in tellings[k + 1 :]:
                if any(_agree(fa.quantity, fb.quantity) for _, fa in left for _, fb in right):
                    continue
                for i, fa in left[:MAX_TELLINGS]:
                    for j, fb in right[:MAX_TELLINGS]:
                        found.append(FactConflict(i, j, fa, fb))
    return found


# Sentences of one article that tell a fact linked to the other article's (a repeated
# figure, a sentence quoting it again); more say nothing new and multiply the links.
MAX_TELLINGS = 3
