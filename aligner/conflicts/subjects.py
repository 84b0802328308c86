"""What a conflict is about, in the sentences' own words: the thing a reason names after
the two sides ("29 vs 19 (people killed in Gaza)", "May 2014 vs April 2014 (named police
chief)", "Edwards vs Johnson (the police chief, who walked out of the jail)").

A reader checks a reason at a glance when it names the counted thing and what happened to
it, the event a date or a time belongs to, or what the person did. These come from the
words around the figure or the name: a verb and its object, told by word shapes (no tagger
ships offline), cut short at the next clause, preposition or figure. Each finder returns ""
when the sentence does not tell it plainly; the reason then keeps the kind alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from aligner.text.features import SentenceFeatures, stem
from aligner.text.quantities import (
    MEMBER_WORDS,
    LocatedQuantities,
    PlacedQuantity,
    Quantity,
    locate_quantities,
    placed_again,
)
from aligner.text.wordlists import PERSON_TITLES, STOPWORDS, TEMPORAL_NAMES

# Words between a subject or a figure and its verb: "Four people are in custody", "Johnson
# was being held", "two were reportedly injured".
_AUXILIARIES = frozenset(
    ["was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "would",
     "could", "can", "may", "might", "must", "should", "did", "does", "do", "reportedly",
     "also", "then", "later", "still", "now", "allegedly", "all", "who", "people", "persons",
     "not", "never", "just", "only", "both", "each", "immediately", "first"]
)  # fmt: skip
# Past forms without -ed that tell an event ("took", "spoke", "held").
_IRREGULAR_PAST = frozenset(
    ["took", "taken", "became", "become", "began", "begun", "won", "made", "gave", "given",
     "held", "met", "left", "went", "gone", "came", "led", "ran", "found", "shot", "hit", "put",
     "set", "sent", "spent", "struck", "stole", "stolen", "broke", "broken", "fell", "got",
     "paid", "sold", "wrote", "written", "spoke", "spoken", "drove", "rose", "chose", "chosen",
     "saw", "seen", "brought", "bought", "caught", "fought", "built", "lost", "kept", "sat",
     "stood", "wore", "sworn", "swore", "shown", "known", "done", "hurt", "slain", "stabbed",
     "dead", "missing", "sought", "told", "faces", "face", "costs", "cost", "pay", "serve"]
)  # fmt: skip
# -ed words that are no verbs.
_NOT_VERBS = frozenset(["hundred", "red", "bed", "need", "seed", "speed", "united", "feed"])
# Words that end a verb's phrase: the next clause begins.
_CLAUSE_WORDS = frozenset(
    ["and", "but", "or", "when", "while", "as", "because", "since", "until", "who", "which",
     "that", "where", "after", "before", "if", "though", "although", "said", "says",
     "according", "about", "than", "so"]
)  # fmt: skip
# Prepositions: one may follow the verb ("spoke of a girl", "walked out of the jail"); the
# next ends the phrase ("... chief in May 2014").
_PREPOSITIONS = frozenset(
    ["in", "at", "on", "for", "with", "by", "from", "during", "to", "into", "over", "under",
     "of", "out", "off", "up", "down", "through", "against", "across", "near", "outside"]
)  # fmt: skip
_PARTICLES = frozenset(["out", "off", "up", "down", "away", "back"])
# A phrase shows this many words at most: enough for "walked out of Broward's Main Jail".
MAX_PHRASE_WORDS = 6
# A verb is looked for this many tokens away from its figure at most.
_VERB_REACH = 12
# Punctuation that does not break a phrase: inside "Gardens'", "10-year-old".
_JOINERS = frozenset(["'", "-"])


def located_quantities(text: str) -> LocatedQuantities:
    """``locate_quantities`` of ``text``, kept: the sentences with figures that conflicts
    are about are read again for each of their figures, and for the facts they tell."""
    known = _LOCATED.get(text)
    if known is None:
        known = _kept(text, locate_quantities(text))
    return known


def sentence_located(sentence: SentenceFeatures) -> LocatedQuantities:
    """``located_quantities`` of an analysed sentence, kept likewise, made from the places
    the analysis found its figures at (``SentenceFeatures.quantity_places``): only its
    words are read again. A check calls this before asking what a figure of the sentence
    tells, so that the finders below find the sentence located already. Which of the two
    keeps a text's makes no difference: the analysis located the figures of that very text."""
    text = sentence.text
    known = _LOCATED.get(text)
    if known is None:
        known = _kept(text, placed_again(text, sentence.quantities, sentence.quantity_places))
    return known


# The texts located (see ``located_quantities``), at most ``_MAX_LOCATED`` of them: the
# sentences with figures that a large folder's conflicts are about (2,500 in msrp/10k14).
_LOCATED: dict[str, LocatedQuantities] = {}
_MAX_LOCATED = 4_096


def _kept(text: str, located: LocatedQuantities) -> LocatedQuantities:
    if len(_LOCATED) >= _MAX_LOCATED:
        _LOCATED.clear()  # rarely: a fresh start costs less than keeping an order of use
    _LOCATED[text] = located
    return located


# One sentence's figure is set against many others (a folder of market reports gives
# thousands of number conflicts): what it tells is found once.
@lru_cache(maxsize=16_384)
def figure_thing(text: str, quantity: Quantity) -> str:
    """What the figure ``quantity`` of ``text`` tells: for a count its noun and what
    happened to them ("people in custody"), for a date, a time or an amount the event
    ("named Miami Gardens' Police chief"), for a limit of time what it runs from ("fired
    after his arrest"); "" when the sentence does not say plainly."""
    located = located_quantities(text)
    placed = next((p for p in located.found if p.quantity.surface == quantity.surface), None)
    if placed is None:
        return ""
    if quantity.kind == "count":
        return _counted_thing(text, located, placed)
    if quantity.kind == "age":
        owner = age_owner(text, located, placed.start, placed.end)
        return f"{owner}'s age" if owner else ""
    if quantity.kind == "duration" and quantity.low == 0:
        return _time_limit_thing(text, located, placed)
    # A month's figure starts at its year: "May" stands before it ("named chief in May 2014").
    start = placed.start - (quantity.kind == "month")
    return _event_of(text, located, start, placed.end)


def _counted_thing(text: str, located: LocatedQuantities, placed: PlacedQuantity) -> str:
    """ "people in custody" for "Four people are in custody", "killed" for "killing 19"."""
    words, noun = located.words, placed.quantity.unit
    if noun in STOPWORDS:
        noun = ""  # "six of his aides": the noun is not told right after the figure
    if noun and _at(words, placed.start - 1) == "of" and _at(words, placed.start - 2) == noun:
        return noun  # "a delegation of more than 400": a group, its size told after it
    first = placed.end  # where the noun may start
    if _at(words, first) in MEMBER_WORDS and _at(words, first + 1) == noun:
        first += 1  # "a 550-member delegation": the group, not its members
    after = first
    while after < len(words) and words[after] not in (noun, ".", ",") and after < placed.end + 3:
        after += 1  # "three other people": to the noun
    if after >= len(words) or words[after] != noun or not noun:
        after = placed.end - 1  # no noun told: "killing 19", "rose to 29"
    else:
        while not _is_plural(words[after]) and _noun_goes_on(_at(words, after + 1)):
            after += 1  # "electoral votes", "gold stars"
    shown_noun = _shown(text, located, first, after + 1) if after >= first else ""
    predicate = _phrase_after(text, located, after + 1)
    if not predicate:
        before = placed.start - 1
        if before >= 0 and _is_verb(words[before]):
            predicate = words[before]  # "killing 19 people"
    return " ".join(w for w in (shown_noun, predicate) if w)


def _is_plural(word: str) -> bool:
    """A plural ends a counted noun: "votes" in "332 electoral votes", "people"."""
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss"))


_IRREGULAR_PLURALS = frozenset(["people", "men", "women", "children", "police", "staff", "crew"])


def _noun_goes_on(word: str) -> bool:
    """Does ``word`` go on a counted noun ("electoral votes"), not start what is told of it
    ("people are", "charges stemming", "votes received")?"""
    return word.isalpha() and word not in _NOT_NOUNS and not word.endswith(("ing", "ed"))


# Words that end a counted noun phrase ("people are", "women who").
_NOT_NOUNS = STOPWORDS | _AUXILIARIES | _PREPOSITIONS


def _phrase_after(text: str, located: LocatedQuantities, at: int) -> str:
    """The verb phrase right after a subject that ends at token ``at`` ("are in custody" ->
    "in custody", "was being held on bond" -> "held on bond"), or ""."""
    words = located.words
    if _at(words, at) == "," and "," in words[at + 1 : at + 5]:
        at = words.index(",", at + 1) + 1  # "Johnson, 53, was being held": past the apposition
    while at < len(words) and (words[at] in _AUXILIARIES or words[at].endswith("ly")):
        at += 1
    in_place = _at(words, at) == "in" and _at(words, at + 1).isalpha()
    if in_place and not _capitalised(text, located, at + 1):
        return _shown(text, located, at, at + 2)  # "in custody", "in hospital"
    if at < len(words) and _is_verb(words[at]):
        return _verb_phrase(text, located, at)
    return ""


def _time_limit_thing(text: str, located: LocatedQuantities, placed: PlacedQuantity) -> str:
    """ "fired after his arrest" for "Within hours of his arrest, Johnson was fired"."""
    words, end = located.words, placed.end
    since = ""
    if end + 2 < len(words) and words[end] == "of" and words[end + 1] in _DETERMINERS:
        since = "after " + _shown(text, located, end + 1, end + 3)
    event = _event_of(text, located, placed.start, placed.end)
    return " ".join(w for w in (event.split(" ")[0] if event else "", since) if w)


_DETERMINERS = frozenset(["the", "his", "her", "their", "its", "a", "an", "this", "that"])


def _event_of(text: str, located: LocatedQuantities, start: int, end: int) -> str:
    """The verb phrase of the clause a figure at tokens ``start:end`` belongs to: the
    nearest verb before it in its clause, else the first after it (past the figure's own
    phrase: "In April 2014, Johnson donned ...")."""
    words = located.words
    for at in range(start - 1, max(-1, start - 1 - _VERB_REACH), -1):
        if words[at] in (",", ";", ":", "."):
            break
        if _is_verb(words[at]):
            return _verb_phrase(text, located, at, stop=start)
    for at in range(end, min(len(words), end + _VERB_REACH)):
        if words[at] in (";", "."):
            break
        if _is_verb(words[at]) and not _capitalised(text, located, at):
            return _verb_phrase(text, located, at)
    return ""


def word_event(text: str, word: str) -> str:
    """The verb phrase of the clause a word (folded) first stands in ("complained about a
    strong smell" for "saturday" in "... complained about a strong smell Saturday
    morning"), as ``_event_of`` finds it for a figure; "" for none."""
    located = located_quantities(text)
    if word not in located.words:
        return ""
    at = located.words.index(word)
    return _event_of(text, located, at, at + 1)


def name_event(text: str, name_word: str) -> str:
    """What the person called ``name_word`` (folded) does in ``text``: "walked out of
    Broward's Main Jail" for "Edwards walked out of Broward's Main Jail at 12:45 a.m."."""
    located = located_quantities(text)
    words = located.words
    for at, word in enumerate(words):
        if word == name_word:
            after = at + 1
            while after < len(words) and words[after] in _JOINERS | {"s"}:
                after += 1  # "Edwards's"
            phrase = _phrase_after(text, located, after)
            if phrase:
                return phrase
    return ""


def person_role(written: str, person_words: int) -> str:
    """ "the police chief" for "Police Chief Stephen Edward Johnson": the title words before
    a person's ``person_words`` name words, lower-cased; "" when there are none."""
    titles = [w for w in written.split()[:-person_words] if w.lower() in PERSON_TITLES]
    return " ".join(["the", *(w.lower() for w in titles if w.lower() != "the")]) if titles else ""


def people_event(text: str, noun: str) -> str:
    """What people told by ``noun`` did or underwent in ``text``: "discovered his body" for
    "wife and daughter discovered his body", "accosted Mr Kim" for "the woman who accosted
    Mr Kim"; "" when the sentence does not say plainly."""
    located = located_quantities(text)
    words = located.words
    if noun not in words:
        return ""
    at = words.index(noun)
    if "of" in words[max(0, at - 3) : at]:
        return ""  # "relatives of the two women spoke": the relatives did
    phrase = _phrase_after(text, located, at + 1)
    if phrase:
        return phrase
    by = next((k for k in range(at - 1, max(-1, at - 5), -1) if words[k] == "by"), None)
    if by and _is_verb(words[by - 1]):
        return words[by - 1]  # "was discovered by his wife and daughters"
    return ""


# Forms of "be" before a past participle: "the man was shot", "two women were arrested".
_BE_FORMS = frozenset(["was", "were", "is", "are", "been", "being", "be"])


def told_as_undergoing(text: str, noun: str) -> bool:
    """Are the people told by ``noun`` acted on in ``text`` ("the man was shot four
    times"), not acting ("two men pulled guns")?"""
    words = located_quantities(text).words
    if noun not in words:
        return False
    after = words.index(noun) + 1
    while _at(words, after) in _AUXILIARIES - _BE_FORMS:
        after += 1  # "had been", "was reportedly"
    if _at(words, after) not in _BE_FORMS:
        return False
    while _at(words, after) in _AUXILIARIES:
        after += 1
    return _is_verb(_at(words, after))


def _verb_phrase(text: str, located: LocatedQuantities, verb: int, stop: int = -1) -> str:
    """The verb at token ``verb`` and its object as written, cut at the next clause, the
    second preposition, a figure, token ``stop`` or ``MAX_PHRASE_WORDS`` words."""
    words = located.words
    figures = {p.start: p for p in located.found}
    end = verb + 1
    shown_words = 1
    prepositions = 0
    while end < len(words) and end != stop and shown_words < MAX_PHRASE_WORDS:
        word = words[end]
        if word in _JOINERS or (word == "s" and words[end - 1] in _JOINERS):
            end += 1
            continue
        if not word.isalnum() or word in _CLAUSE_WORDS or word.endswith("ly"):
            break
        if end in figures and _another_fact(text, located, figures[end]):
            break  # a figure: another fact ("pulled guns about 7:30 p.m.", "shot four times")
        if _is_verb(word) and word not in ("dead", "missing"):
            break  # a second verb: another clause ("the woman who accosted Mr Kim went")
        if word in _PREPOSITIONS and word not in _PARTICLES:
            prepositions += 1
            if prepositions > 1 or (shown_words > 2 and words[end - 1] not in _PARTICLES):
                break
        if _starts_word(text, located, end):
            shown_words += 1
        end += 1
    while end - 1 > verb and words[end - 1] in _PREPOSITIONS | _JOINERS | _DETERMINERS:
        end -= 1  # "held on" of "held on $300 bond": the preposition alone says nothing
    return _shown(text, located, verb, end)


def _another_fact(text: str, located: LocatedQuantities, placed: PlacedQuantity) -> bool:
    """Does a figure inside a verb's phrase tell a fact of its own ("at 7:30 p.m.", "four
    times")? Not a count of the object ("donned the four gold stars") nor a word joined by
    hyphens that qualifies a noun ("a 10-year-old girl", "his $165,000-a-year job")."""
    spans = located.spans
    if "-" in text[spans[placed.start][0] : spans[placed.end - 1][1] + 1]:
        return False
    return placed.quantity.kind != "count" or placed.quantity.unit == "times"


def _is_verb(word: str) -> bool:
    """A past form or one of the few present ones that tell a fact ("costs", "faces")."""
    if word in _IRREGULAR_PAST:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_VERBS


def _shown(text: str, located: LocatedQuantities, start: int, end: int) -> str:
    """Tokens ``start:end`` as written, on one line."""
    spans = located.spans
    return " ".join(text[spans[start][0] : spans[end - 1][1]].split())


def _starts_word(text: str, located: LocatedQuantities, at: int) -> bool:
    """Does token ``at`` start a word of its own (after a space), not continue one?"""
    begin = located.spans[at][0]
    return begin == 0 or text[begin - 1].isspace()


def _capitalised(text: str, located: LocatedQuantities, at: int) -> bool:
    return text[located.spans[at][0]].isupper()


def _at(words: Sequence[str], index: int) -> str:
    return words[index] if 0 <= index < len(words) else ""


@lru_cache(maxsize=16_384)
def one_thing(thing_a: str, thing_b: str) -> str:
    """The thing two sides tell, as one: the fuller one when they share a content word
    (one verb or noun), both when they tell two ("pulled guns / shot"), "" for none."""
    if not thing_a or not thing_b:
        return thing_a or thing_b
    stems_a = {stem(w) for w in thing_a.lower().split() if w not in STOPWORDS}
    stems_b = {stem(w) for w in thing_b.lower().split() if w not in STOPWORDS}
    if stems_a & stems_b:
        return max(thing_a, thing_b, key=len)
    return f"{thing_a} / {thing_b}"


def age_owner(text: str, located: LocatedQuantities, start: int, end: int) -> str:
    """The name of the person an age belongs to, as written: "Durst" in "Durst, 73," and in
    "the 72-year-old Durst", "Laci Peterson" in "Laci Peterson, 27,"; "" when the age stands
    alone ("The 73-year-old, who ...").

    A given name is kept when written, so "Scott Peterson, 30" and "Laci Peterson, 27" are
    two people; a surname alone is only compared with the surname alone.
    """
    words, spans = located.words, located.spans
    if start >= 2 and words[start - 1] == ",":  # "Durst, 73,": capitalised, checked on finding
        run = _name_run_before(text, located, start - 1)
    else:
        at = end
        while at < len(words) and words[at] in _AGE_TITLES:
            at += 1  # "the 72-year-old former ..."
        run = []
        while at < len(words) and words[at].isalpha() and _capital(text, spans[at]):
            run.append(at)
            at += 1
            if at < len(words) and words[at] == ".":  # "Mr. Durst"
                at += 1
        # The name must end the phrase: "the 72-year-old Durst agreed", not "the 30-year-old
        # Manchester United striker" (the age is the striker's).
        follower = words[at] if at < len(words) else ""
        if follower.isalpha() and follower not in AFTER_NAME and not follower.endswith("ed"):
            return ""
    if not run:
        return ""
    surname = given = run[-1]
    while given > run[0] and words[given - 1] not in PERSON_TITLES:
        given -= 1  # "Police Chief Stephen Edward Johnson": Stephen
    shown = [surname] if given == surname else [given, surname]
    return " ".join(text[spans[k][0] : spans[k][1]] for k in shown)


@lru_cache(maxsize=16_384)
def age_holder(text: str, quantity: Quantity) -> str:
    """Whose the age ``quantity`` of ``text`` is, as written: the person's name ("Durst" in
    "Durst, 73,"), else the noun it qualifies ("children" in "five 2-year-old children",
    "child" in "a child under 13 years old"); "" when the sentence does not say."""
    located = located_quantities(text)
    placed = next((p for p in located.found if p.quantity.surface == quantity.surface), None)
    if placed is None:
        return ""
    owner = age_owner(text, located, placed.start, placed.end)
    if owner:
        return owner
    words = located.words
    after, before = _at(words, placed.end), _at(words, placed.start - 1)
    if _may_be_noun(after):
        return after  # "the five 2-year-old children"
    told_after = quantity.surface.lower().endswith("old")
    if told_after and _may_be_noun(before):
        return before  # "a child under 13 years old"
    return ""


@lru_cache(maxsize=16_384)
def amount_purpose(text: str, quantity: Quantity) -> tuple[str, ...]:
    """The words an amount of ``text`` is told in or for, to the first plural noun:
    ("punitive", "damages") for "$25 million in punitive damages", () for none."""
    located = located_quantities(text)
    placed = next((p for p in located.found if p.quantity.surface == quantity.surface), None)
    if placed is None or _at(located.words, placed.end) not in ("in", "for"):
        return ()
    told = []
    for word in located.words[placed.end + 1 : placed.end + 4]:
        if not word.isalpha() or word in STOPWORDS:
            break
        told.append(word)
        if _is_plural(word):
            return tuple(told)
    return ()


def amount_told_for(text: str, quantity: Quantity) -> bool:
    """Is an amount of ``text`` told in, for or of something ("$60 billion of tax
    subsidies"), whether or not ``amount_purpose`` reads what? Yes when it is not found."""
    located = located_quantities(text)
    placed = next((p for p in located.found if p.quantity.surface == quantity.surface), None)
    return placed is None or _at(located.words, placed.end) in ("in", "for", "of")


def _may_be_noun(word: str) -> bool:
    return word.isalpha() and word not in _NOT_NOUNS and not _is_verb(word) and word[-3:] != "ing"


def _name_run_before(text: str, located: LocatedQuantities, stop: int) -> list[int]:
    """The capitalised words just before token ``stop``, in order."""
    words, spans = located.words, located.spans
    at = stop
    while at > 0 and words[at - 1].isalpha() and _capital(text, spans[at - 1]):
        at -= 1
    return list(range(at, stop))


# Words that may stand between an age and a name: "the 72-year-old former Senator Smith".
_AGE_TITLES = frozenset(["former", "late", "retired", "ex"])
# Words that may follow a name that ends its noun phrase (besides verbs in -ed).
AFTER_NAME = frozenset(
    ["was", "is", "has", "had", "will", "would", "could", "who", "said", "says", "told",
     "and", "remains", "faces", "appeared", "sat", "sits", "stood", "stands", "went", "gave"]
)  # fmt: skip


def _capital(text: str, span: tuple[int, int]) -> bool:
    return text[span[0] : span[0] + 1].isupper()


# Verbs that attribute a figure to a source ("Hamas said 29 were killed"): a name before
# one tells who reports the figure, not whose it is, so the search for its owner ends there.
_REPORTING = frozenset(
    ["said", "says", "say", "told", "tells", "reported", "reports", "according", "announced",
     "claimed", "claims", "stated", "estimated", "estimates"]
)  # fmt: skip
# Words that open a clause of its own, whose figure is its subject ("39 percent approve
# while 56 percent disapprove"): the names before them are another clause's.
_CLAUSE_BREAKS = frozenset(["while", "whereas", "but", "although", "though", "when"])
# A person told by a pronoun ("he said he won 306"): the name told before it in the sentence.
_PERSON_PRONOUNS = frozenset(["he", "she"])
# An owner is looked for this many tokens before its figure at most.
_OWNER_REACH = 12


@lru_cache(maxsize=16_384)
def figure_owners(text: str, quantity: Quantity) -> tuple[str, ...]:
    """The names the figure ``quantity`` of ``text`` may belong to, as written, nearest
    first: the names before it in its part of the sentence ("Rasmussen" of "the Rasmussen
    poll, which found 55 percent", "Coke" of "a case of Coke costing an extra $8", "Obama" of
    "Obama won 332 votes", "DJI" and "Dow Jones" of "the Dow Jones average .DJI rose 0.7
    percent"), or the name a "he" or "she" before it stands for ("Trump fudged ... he won
    306"). The search ends at a reporting verb ("Hamas said 29 were killed": who tells it,
    not whose it is) and at another clause ("while 56 percent disapprove")."""
    located = located_quantities(text)
    placed = next((p for p in located.found if p.quantity.surface == quantity.surface), None)
    if placed is None:
        return ()
    words = located.words
    in_figures = {k for p in located.found for k in range(p.start, p.end)}
    names: list[str] = []
    at = placed.start - 1
    while at > max(-1, placed.start - 1 - _OWNER_REACH):
        word = words[at]
        if word in _REPORTING or word in _CLAUSE_BREAKS or word == ";":
            break
        if word in _PERSON_PRONOUNS:
            return (*names, *_names_before(text, located, at, in_figures)[:1])
        named = at not in in_figures and _is_name(text, located, at)
        if named and not _currency_of(text, located, at):
            first = _name_start(text, located, at)
            names.append(_shown(text, located, first, at + 1))
            at = first
        at -= 1
    return tuple(names)


def _names_before(
    text: str, located: LocatedQuantities, stop: int, in_figures: set[int]
) -> list[str]:
    """The names ending before token ``stop``, nearest first."""
    names = []
    at = stop - 1
    while at >= 0:
        if at not in in_figures and _is_name(text, located, at):
            first = _name_start(text, located, at)
            names.append(_shown(text, located, first, at + 1))
            at = first
        at -= 1
    return names


def _currency_of(text: str, located: LocatedQuantities, at: int) -> bool:
    """Is token ``at`` a currency's country, written onto its sign ("US$729")?"""
    end = located.spans[at][1]
    return text[end : end + 1] in ("$", "€", "£", "¥")


def _is_name(text: str, located: LocatedQuantities, at: int) -> bool:
    """Is token ``at`` a word of a name: capitalised, neither a small word nor a day or a
    month, and, as a sentence's first word, followed by a verb ("Obama won", "Jones said";
    "Shares rose" tells a plural noun)?"""
    word = located.words[at]
    if not word.isalpha() or word in STOPWORDS or word in TEMPORAL_NAMES:
        return False
    if not _capitalised(text, located, at):
        return False
    if any(w.isalpha() for w in located.words[:at]):
        return True
    after = _at(located.words, at + 1)
    told_of = after in _REPORTING or after in AFTER_NAME  # "Jones said", "Smith was"
    return told_of or (_is_verb(after) and not _is_plural(word))  # "Obama won", not "Shares rose"


def _name_start(text: str, located: LocatedQuantities, last: int) -> int:
    """The first token of the name whose last word is token ``last`` ("Pew Research
    Center"), across a ticker's marks ("Nasdaq Composite Index <.IXIC>")."""
    first = last
    while True:
        before = first - 1
        while before >= 0 and located.words[before] in _TICKER_MARKS:
            before -= 1
        if before < 0 or not _is_name(text, located, before):
            return first
        first = before


# Marks between a name and its ticker: "Index .SPX", "Index <.IXIC>".
_TICKER_MARKS = frozenset([".", "<", ">", "(", ")"])


# What a duration measures, by the word after it: the time after an event ("a day after",
# "two days later"), before one, into a period ("four weeks into a new term"), the length of
# a state ("11 days without") or of a period ("a week of negative news").
_SPAN_RELATIONS = {
    "after": "after", "later": "after", "before": "before", "earlier": "before",
    "prior": "before", "into": "into", "since": "into", "without": "without", "of": "of",
}  # fmt: skip


@lru_cache(maxsize=16_384)
def span_relation(text: str, quantity: Quantity) -> tuple[str, str]:
    """How the duration ``quantity`` of ``text`` relates to what it measures: the word after
    it as written ("after" of "a day after North Korea denied") and what that word tells
    (``_SPAN_RELATIONS``; a limit's "of" is a time after: "within an hour of the arrest");
    ("", "") when the sentence does not say."""
    located = located_quantities(text)
    placed = next((p for p in located.found if p.quantity.surface == quantity.surface), None)
    if placed is None or quantity.kind != "duration":
        return "", ""
    word = _at(located.words, placed.end)
    relation = _SPAN_RELATIONS.get(word, "")
    if relation == "of" and quantity.low == 0 < quantity.high:
        relation = "after"  # "within hours of his arrest"
    return (word, relation) if relation else ("", "")
