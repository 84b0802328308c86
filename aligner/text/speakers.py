"""Who a sentence says is speaking: the named person a statement is attributed to.

A news sentence attributes what it tells with a verb of saying and a name before it
("Hegseth said", "Khalid Abu Bakar, the police chief, said") or after it ("says Delynn",
"said Inspector-General of Police Khalid Abu Bakar", "according to Trump"), with titles and
owners around the name ("Ukrainian President Volodymyr Zelensky", "Trump's spokeswoman
Karoline Leavitt"). Word shapes tell it (no tagger ships offline): the capitalised words
next to the verb, less the titles and owners before the name. A speaker named by a role
alone ("the president said", "police said") or a pronoun is no named speaker: the finder
returns nothing for it rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from aligner.calibration import SAME_NAME_RATIO
from aligner.text.features import fold
from aligner.text.typography import plain_typography
from aligner.text.wordlists import PERSON_TITLES, STOPWORDS, TEMPORAL_NAMES

# Verbs that attribute a statement to its subject ("Zelensky reiterated that ...").
_SAYING = frozenset(
    ["said", "says", "say", "told", "tells", "added", "adds", "emphasized", "emphasised",
     "emphasizes", "reiterated", "reiterates", "asserted", "asserts", "insisted", "insists",
     "stated", "states", "noted", "notes", "warned", "warns", "argued", "argues", "claimed",
     "claims", "described", "describes", "confirmed", "confirms", "explained", "explains",
     "wrote", "writes", "tweeted", "announced", "announces", "declared", "declares",
     "acknowledged", "admitted", "recalled", "testified", "replied", "responded", "continued",
     "cautioned", "predicted", "urged", "urges", "stressed", "stresses", "maintained",
     "suggested", "proposed", "clarified", "indicated", "revealed", "remarked", "conceded",
     "countered", "recounted", "complained", "vowed", "pledged", "promised", "mused",
     "lamented", "quipped", "signaled", "signalled", "asked", "asks"]
)  # fmt: skip
# Verbs whose next name is who was spoken to or about, never the speaker ("told CNN").
_NAME_AFTER_IS_NO_SPEAKER = frozenset(["told", "tells", "asked", "asks", "urged", "urges"])
# Words between a speaker and the verb: "Trump also said", "Zelensky has long maintained".
_BETWEEN_SPEAKER_AND_VERB = frozenset(
    ["also", "has", "had", "have", "later", "then", "previously", "repeatedly", "again",
     "earlier", "once", "recently", "publicly", "reportedly", "further", "long", "since",
     "subsequently", "himself", "herself", "quickly", "immediately", "first", "meanwhile"]
)  # fmt: skip
# Words that may follow a name in its run: "Manouchehr Takin of the Center ...".
_AFTER_A_NAME = frozenset(["of", "for", "and", "the", "at"])
# Words set off by commas between a speaker and the verb: "Zelensky, for his part, said".
_ASIDES = _BETWEEN_SPEAKER_AND_VERB | frozenset(
    ["meanwhile", "however", "though", "too", "for", "his", "her", "their", "part", "in", "turn"]
)
# Capitalised words before a name that say what a person is, not who ("U.S. Defense
# Secretary Pete Hegseth", "Neighbor Dan Aguliar"), besides the titles of PERSON_TITLES.
_ROLE_WORDS = PERSON_TITLES | frozenset(
    ["neighbor", "neighbour", "spokesman", "spokeswoman", "spokesperson", "state", "defense",
     "defence", "foreign", "affairs", "interior", "homeland", "security", "prime", "vice",
     "chancellor", "ambassador", "envoy", "adviser", "advisor", "special", "senior", "former",
     "acting", "interim", "chairman", "chairwoman", "chair", "ceo", "executive", "head",
     "leader", "of", "for", "and", "u.s", "us", "american", "witness", "resident", "lawyer",
     "supervisor", "superintendent", "spokes", "assistant", "associate", "lead", "top",
     "treasury", "press", "national", "federal", "county", "city", "state's", "cabinet",
     "premier", "president-elect", "mother", "dad", "mom", "wife", "husband", "son",
     "daughter", "friend", "uncle", "aunt", "cousin", "grandmother", "grandfather", "maj",
     "reporter", "correspondent", "columnist", "editor", "major", "cpl", "corporal", "adm",
     "admiral", "gov", "supt", "insp"]
)  # fmt: skip
# Speakers that are institutions or groups, not people ("Police said", "the Kremlin said").
_NO_PERSON = frozenset(
    ["police", "authorities", "officials", "government", "ministry", "department", "office",
     "agency", "court", "army", "military", "forces", "committee", "council", "house",
     "party", "company", "kremlin", "pentagon", "witnesses", "prosecutors", "investigators",
     "reports", "report", "sources", "officers", "experts", "analysts", "critics", "residents",
     "statement", "news", "press", "media", "times", "post", "journal", "service", "bureau",
     "commission", "union", "association", "group", "center", "centre", "institute",
     "university", "school", "hospital", "organization", "organisation", "team", "club",
     "services", "directors", "democrats", "republicans", "detectives", "deputies",
     "lawmakers", "members", "states", "nations", "correspondents", "congress", "senate",
     "parliament"]
)  # fmt: skip
# Words before a capitalised subject that make it no single person ("the White House",
# "the Department of Children and Family Services", "congressional Democrats"), or a place
# ("... Health System in New York announced").
_BEFORE_A_GROUP = frozenset(
    ["the", "and", "of", "congressional", "in", "at", "from", "for", "with", "by", "on", "to"]
)
# Lower-case words inside a name ("Ursula von der Leyen", "Secretary of State Marco Rubio").
_NAME_PARTICLES = frozenset(["de", "der", "la", "van", "von", "al", "bin", "of", "da", "du"])
# Marks that end a quotation before its attribution.
_QUOTE_ENDS = frozenset(['"', "'", ","])
# Words, and each punctuation mark alone; an initial keeps its full stop ("Ronald L. Kuby").
_TOKEN = re.compile(r"[A-Z]\.(?=\s+[A-Z])|\w+(?:[-'.]\w+)*|[^\w\s]")
_SAYING_OR_ACCORDING = _SAYING | {"according"}
_LOWER_CASE_WORD = re.compile(r"[a-z]+")
# A speaker is looked for this many tokens back past an apposition ("Kent Craford, a former
# lobbyist for large industrial water customers and co-petitioner of the ballot measure,
# said").
_APPOSITION_REACH = 20


@lru_cache(maxsize=16_384)
def named_speakers(text: str) -> tuple[tuple[str, ...], ...]:
    """The people ``text`` attributes a statement to, each as its name's words as written
    (``("Khalid", "Abu", "Bakar")``), in the order the sentence names them; empty when it
    names none (a pronoun, a role alone, an institution, or no verb of saying)."""
    plain = plain_typography(text)
    if _SAYING_OR_ACCORDING.isdisjoint(_LOWER_CASE_WORD.findall(plain)):
        return ()  # no verb of saying: most sentences
    tokens = _TOKEN.findall(plain)
    found: list[tuple[str, ...]] = []
    for at, token in enumerate(tokens):
        # Matched as written: a verb is in lower case ("States" of "United States" is none).
        if token in _SAYING:
            names = [_name_before(tokens, at)]
            # A name follows its verb in an attribution after a quotation only ("...,"
            # said Hall.): else it is who was spoken to or what was said ("said Cosme, who").
            if token not in _NAME_AFTER_IS_NO_SPEAKER and _at(tokens, at - 1) in _QUOTE_ENDS:
                names.append(_name_after(tokens, at + 1))
        elif token == "according" and _at(tokens, at + 1) == "to":
            names = [_name_after(tokens, at + 2)]
        else:
            continue
        found.extend(name for name in names if name and name not in found)
    return tuple(found)


def _at(tokens: list[str], at: int) -> str:
    return tokens[at] if 0 <= at < len(tokens) else ""


def _name_before(tokens: list[str], verb: int) -> tuple[str, ...]:
    """The speaker named as the subject of the verb at ``verb``: the capitalised words
    ending just before it, past adverbs and auxiliaries and an apposition set off by
    commas ("Khalid Abu Bakar, the police chief, said")."""
    end = verb
    while end > 0 and tokens[end - 1].lower() in _BETWEEN_SPEAKER_AND_VERB:
        end -= 1
    if _at(tokens, end - 1) == "," and _at(tokens, end - 2) not in ('"', "'"):
        opening = _apposition_start(tokens, end - 1)
        if opening is None:
            return ()
        inside = tokens[opening + 1 : end - 1]
        if all(_in_name(inside, at, len(inside)) for at in range(len(inside))):
            return _person(
                inside, sentence_start=False
            )  # "Its Chief Talent Office, Tawni Cranz, said"
        end = opening
    start = end
    while start > 0 and _in_name(tokens, start - 1, end):
        start -= 1
    if _at(tokens, start - 1).lower() in _BEFORE_A_GROUP or _at(tokens, start).lower() == "the":
        return ()  # "the Kremlin said", "The Institute of Directors said": an institution
    return _person(tokens[start:end], sentence_start=start == 0)


def _apposition_start(tokens: list[str], closing: int) -> int | None:
    """The position of the comma opening the apposition closed at ``closing``, if one
    opens within reach with no quotation mark inside and its first word describes."""
    for at in range(closing - 1, max(-1, closing - 1 - _APPOSITION_REACH), -1):
        if tokens[at] in ('"', "'"):
            return None
        if tokens[at] == ",":
            # An apposition says who the person is ("a spokeswoman", "45", "South Korean
            # women's hockey head coach"); a clause after a comma does not ("..., sweetened
            # beverage sales were down about 47 percent, said Rosie Regas").
            first = _at(tokens, at + 1)
            describes = first in ("a", "an", "the") or first[:1].isupper() or first.isdigit()
            aside = all(t.lower() in _ASIDES for t in tokens[at + 1 : closing])  # ", meanwhile,"
            return at if describes or aside or _is_role(first) else None
    return None


def _name_after(tokens: list[str], first: int) -> tuple[str, ...]:
    """The speaker named just after a verb of saying ("says Swonger", "said the Inspector-
    General of Police Khalid Abu Bakar", "said Trump's spokeswoman Karoline Leavitt"): a
    name that ends its clause, as an inverted attribution does; a name followed by more
    words is what the statement is about ("said Republicans are ...")."""
    end = first
    if _at(tokens, end).lower() == "the":
        end += 1
    while end < len(tokens) and (
        _in_name(tokens, end, end + 1)
        or _is_role(tokens[end])
        or _is_owner(tokens[end])
        or (tokens[end] == "." and end > first and _is_role(tokens[end - 1]))  # "Maj."
    ):
        end += 1
    if _at(tokens, end)[:1].isalnum():
        return ()  # the subject of what is said: "Trump said Republicans are ..."
    if tokens[first : first + 1] == ["the"] and not any(map(_is_role, tokens[first + 1 : end])):
        return ()  # "according to the Palo Alto, California company"
    return _person(tokens[first:end], sentence_start=False)


def _in_name(tokens: list[str], at: int, end: int) -> bool:
    """Whether token ``at`` may belong to the name ending before ``end``: capitalised, an
    owner ("Ukraine's"), or a particle between capitalised words."""
    token = tokens[at]
    if token[:1].isupper():
        return True
    return token in _NAME_PARTICLES and at > 0 and tokens[at - 1][:1].isupper() and at + 1 < end


def _person(run: list[str], *, sentence_start: bool) -> tuple[str, ...]:
    """The person a run of words names, as written, past the roles and owners around the
    name ("Ukraine's President Volodymyr Zelensky": Volodymyr Zelensky); empty for a run
    that names no person (a role alone, an institution, a day, an acronym)."""
    name = _name_in(run)
    if not name:
        return ()
    folded = tuple(fold(w) for w in name)
    if any(w in _NO_PERSON or w in TEMPORAL_NAMES for w in folded):
        return ()
    if sentence_start and len(run) == 1 and folded[0] in STOPWORDS:
        return ()  # "He said", "They told"
    if any(w.split("'")[0] in STOPWORDS for w in folded) or all(_is_acronym(w) for w in name):
        return ()  # "I said", "I'm told", "CNN reported"
    return tuple(name)


def _name_in(run: list[str]) -> list[str]:
    """The words of ``run`` that name a person: the first stretch of capitalised words that
    no role follows ("French" of "French Foreign Minister Jean-Noel Barrot" is none;
    "Manouchehr Takin" of "Manouchehr Takin of the Center for Global Energy Studies" is)."""
    stretch: list[str] = []
    for word in [*run, ""]:
        if word and _may_name(word, particle_allowed=bool(stretch)):
            stretch.append(word)
            continue
        while stretch and stretch[-1] in _NAME_PARTICLES:
            stretch.pop()
        if stretch and (not word or fold(word) in _AFTER_A_NAME):
            return stretch
        stretch = []
    return []


def _may_name(word: str, *, particle_allowed: bool) -> bool:
    """Whether ``word`` may be a word of a person's name: capitalised and no role, owner or
    description, or a particle inside a name ("von der" of "Ursula von der Leyen")."""
    if _is_role(word) or _is_owner(word) or _describes(word):
        return False
    return word[:1].isupper() or (particle_allowed and word in _NAME_PARTICLES and word != "of")


def _is_role(word: str) -> bool:
    """Whether ``word`` says what a person is ("Secretary", "Inspector-General")."""
    lower = fold(word)
    return lower in _ROLE_WORDS or (
        "-" in lower and all(p in _ROLE_WORDS for p in lower.split("-"))
    )


def _is_owner(word: str) -> bool:
    """Whether ``word`` is a possessive ("Trump's"): what follows is another person."""
    return word.endswith(("'s", "s'")) and word[:1].isupper()


def _describes(word: str) -> bool:
    """Whether ``word`` is a compound that describes ("Liberty-based", "Republican-led")."""
    return any(part[:1].islower() for part in word.split("-")[1:])


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) > 1 and letters.isupper()


def surely_different(one: tuple[str, ...], other: tuple[str, ...], context: Sequence[str]) -> bool:
    """Whether two named speakers (``named_speakers``) are surely two people: each a person,
    named by two words or more in the sentence or in ``context`` (the texts they are read
    in: "Pete Hegseth" for "Hegseth"; "Spain" is never so named), and no name word in
    common, nor in their full names there ("Dallas Delynn" and "Dallas Swonger" may be one
    man's first name beside two others, as mn113's outlets name him)."""
    ours, theirs = _folded_name(one), _folded_name(other)
    if _share_a_word(ours, theirs):
        return False
    names = [name for text in context for name in _full_names(text)]
    if not all(len(words) > 1 or any(words <= name for name in names) for words in (ours, theirs)):
        return False
    return not _share_a_word(_in_full(ours, names), _in_full(theirs, names))


def _share_a_word(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two names share a word, spelled alike ("Zelensky" and "Zelenskiy")."""
    # Imported here: the reader imports this module at start-up, before it needs the engine.
    from rapidfuzz import fuzz

    return any(fuzz.ratio(a, b) >= SAME_NAME_RATIO for a in one for b in other)


def _in_full(words: frozenset[str], names: Sequence[frozenset[str]]) -> frozenset[str]:
    """``words`` with every word of the full names holding them ("Dallas Delynn" for
    "Delynn")."""
    return words.union(*(name for name in names if words <= name))


def _folded_name(name: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(word) for word in name if word not in _NAME_PARTICLES)


@lru_cache(maxsize=64)
def _full_names(text: str) -> tuple[frozenset[str], ...]:
    """The names of two words or more in ``text``, each as its folded words without the
    roles and owners before it ("U.S. Defense Secretary Pete Hegseth": pete, hegseth)."""
    found = []
    for run in _CAPITALISED_RUN.findall(plain_typography(text)):
        words = run.split()
        name_from = max(
            (at + 1 for at, w in enumerate(words) if _is_role(w) or _is_owner(w)), default=0
        )
        name = _folded_name(tuple(words[name_from:])) - STOPWORDS
        if len(name) > 1:
            found.append(name)
    return tuple(found)


# Capitalised words in a row, with the particles of _NAME_PARTICLES between them ("of" ends a
# name here: "Secretary of State Marco Rubio" is two runs, the second the name).
_RUN_PARTICLES = "|".join(sorted(_NAME_PARTICLES - {"of"}))
_CAPITALISED_RUN = re.compile(rf"[A-Z][\w'.-]*(?:\s+(?:(?:{_RUN_PARTICLES})\s+)*[A-Z][\w'.-]*)+")
