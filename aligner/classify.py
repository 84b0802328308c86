"""Conflicts between two sentences (number, negation, antonym, entity) and group labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from aligner.features import SentenceFeatures, fold, stem, words
from aligner.model import ConflictKind, Label
from aligner.quantities import MEASURE_UNITS, NUMBER_WORDS, Quantity
from aligner.wordlists import (
    ANTONYM_PAIRS,
    APOSTROPHE_LESS_NEGATIONS,
    IMPLICIT_NEGATORS,
    NEGATION_CUES,
    NEGATION_IDIOMS,
    STOPWORDS,
    TEMPORAL_NAMES,
    antonym_index,
)

# Left out when judging whether two sentences make the same statement: the very words
# whose difference is the conflict.
_NOT_STATEMENT = frozenset(
    stem(w)
    for w in NEGATION_CUES
    | APOSTROPHE_LESS_NEGATIONS
    | NUMBER_WORDS
    | {w for pair in ANTONYM_PAIRS for w in pair}
)

# A negation, antonym or different name only contradicts when the rest is the same
# statement: this share of the shorter sentence's content must occur in the other. Below it
# ("no man is playing the flute" / "a man is playing the guitar") the sentences are about
# different things and merely differ. Measured on SICK training pairs (bench/quality.py).
SAME_STATEMENT_OVERLAP = 0.7

# Two lone figures of different things ("four large parts" / "two big objects") are only
# compared when the sentences are this alike; otherwise only figures of one noun are.
LONE_FIGURE_OVERLAP = 0.5

# Tokens after a negation cue in which the negated word stands, and before a word in which
# an implicit negator ("refused to recuse") counts as negating it.
NEGATION_REACH = 5

# Names this similar are spellings of one name (Zelensky / Zelenskiy), never a conflict.
SAME_NAME_RATIO = 80.0

# "in Munich" / "in Riyadh": a preposition before two names is enough to call it one slot.
_SLOT_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "by", "into", "outside"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason two sentences disagree."""

    kind: ConflictKind
    detail: str


def find_conflicts(
    a: SentenceFeatures, b: SentenceFeatures, *, numbers_only: bool = False
) -> list[Finding]:
    """Every reason ``a`` and ``b`` cannot both be true, assuming they describe one fact.

    With ``numbers_only`` only figures for the same counted thing are compared: that is the
    check for sentences that are related but not aligned.
    """
    if numbers_only:
        return number_conflicts(a, b, same_noun_only=True)
    overlap = content_overlap(a, b)
    findings = number_conflicts(a, b, same_noun_only=overlap < LONE_FIGURE_OVERLAP)
    if overlap >= SAME_STATEMENT_OVERLAP:
        findings += [*negation_conflicts(a, b), *antonym_conflicts(a, b), *entity_conflicts(a, b)]
    return findings


def content_overlap(a: SentenceFeatures, b: SentenceFeatures) -> float:
    """Share of the shorter sentence's content stems found in the other (negation cues,
    number words and antonyms aside)."""
    left = a.content_set - _NOT_STATEMENT
    right = b.content_set - _NOT_STATEMENT
    return len(left & right) / max(1, min(len(left), len(right)))


def number_conflicts(
    a: SentenceFeatures, b: SentenceFeatures, *, same_noun_only: bool = False
) -> list[Finding]:
    """Figures of one kind that no figure of the other sentence can match."""
    if a.vague_amount or b.vague_amount or not a.quantities or not b.quantities:
        return []
    if _figures(a) == _figures(b):
        return []  # every figure has its equal in the other sentence: the common case
    findings = []
    for kind in sorted({q.kind for q in a.quantities} & {q.kind for q in b.quantities}):
        left = _unmatched([q for q in a.quantities if q.kind == kind], b.quantities)
        right = _unmatched([q for q in b.quantities if q.kind == kind], a.quantities)
        for qa, qb in _pair_up(left, right, same_noun_only=same_noun_only):
            findings.append(Finding(ConflictKind.NUMBER, _number_detail(qa, qb)))
    return findings


def _figures(sentence: SentenceFeatures) -> set[tuple[str, float]]:
    return {(q.kind, q.value) for q in sentence.quantities}


def _unmatched(quantities: Sequence[Quantity], others: Sequence[Quantity]) -> list[Quantity]:
    return [q for q in quantities if not any(q.compatible(o) for o in others)]


def _pair_up(
    left: list[Quantity], right: list[Quantity], *, same_noun_only: bool
) -> list[tuple[Quantity, Quantity]]:
    """Pair figures that speak of the same thing; a lone figure on each side pairs anyway."""
    pairs = []
    remaining = list(right)
    unpaired = []
    for qa in left:
        match = next((qb for qb in remaining if qa.unit and _same_unit(qa, qb)), None)
        if match is None:
            unpaired.append(qa)
        else:
            pairs.append((qa, match))
            remaining.remove(match)
    lone_pair = len(unpaired) == 1 and len(remaining) == 1
    if lone_pair and not same_noun_only and _may_count_one_thing(unpaired[0], remaining[0]):
        pairs.append((unpaired[0], remaining[0]))
    return pairs


def _may_count_one_thing(qa: Quantity, qb: Quantity) -> bool:
    """May two lone figures of different words measure one thing ("four large parts" / "two
    big objects")? Not years or clock times, not "a three-term senator" (an attribute), and
    not one amount in two currencies or one distance in two units: those are conversions."""
    if qa.kind in ("year", "time") or qa.modifier or qb.modifier:
        return False
    if qa.kind == "money":
        return qa.unit == qb.unit
    return not (qa.unit in MEASURE_UNITS and qb.unit in MEASURE_UNITS)


def _same_unit(qa: Quantity, qb: Quantity) -> bool:
    if qa.kind != "count":
        return qa.unit == qb.unit
    return bool(qb.unit) and stem(qa.unit) == stem(qb.unit)


def _number_detail(qa: Quantity, qb: Quantity) -> str:
    what = {"count": qa.unit if qa.unit == qb.unit else "", "duration": "duration",
            "money": "amount", "percent": "percentage", "age": "age", "year": "year",
            "time": "time"}.get(qa.kind, qa.kind)  # fmt: skip
    detail = f"{qa.surface} vs {qb.surface}"
    return f"{detail} ({what})" if what else detail


def negation_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A negation in one sentence whose negated words the other states plainly."""
    if not (_may_negate(a) or _may_negate(b)):
        return []  # the common case, decided without walking the tokens
    cues_a, cues_b = negation_cues(a.tokens), negation_cues(b.tokens)
    if len(cues_a) == len(cues_b):
        return []
    negated, plain, cues, plain_cues = (
        (a, b, cues_a, cues_b) if len(cues_a) > len(cues_b) else (b, a, cues_b, cues_a)
    )
    plain_cue_words = {_cue_word(plain.tokens[k]) for k in plain_cues}
    plain_stems = set(plain.content)
    tokens = negated.tokens
    for index in cues:
        if _cue_word(tokens[index]) in plain_cue_words:
            continue
        # The negated predicate is the first content word after the cue ("not deployed",
        # "no man"); the other sentence must state that very thing without the cue.
        after = tokens[index + 1 : index + 1 + NEGATION_REACH]
        negated_word = next((w for w in after if w not in STOPWORDS), None)
        if negated_word is None or stem(negated_word) not in plain_stems:
            continue
        if _implicitly_negated(plain.tokens, stem(negated_word)):
            continue
        phrase = " ".join(tokens[index : tokens.index(negated_word, index) + 1])
        return [Finding(ConflictKind.NEGATION, f'"{phrase}" in one version only')]
    return []


def negation_cues(tokens: Sequence[str]) -> list[int]:
    """Positions of the words that negate a clause.

    Idioms that deny nothing ("not only", "nothing but") are skipped, and a "nor" after
    another cue continues that negation ("neither I nor my film") rather than adding one.
    """
    positions: list[int] = []
    for index, token in enumerate(tokens):
        if not _is_cue(token):
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if (_cue_word(token), following) in NEGATION_IDIOMS:
            continue
        if token == "nor" and positions:
            continue
        positions.append(index)
    return positions


def _may_negate(sentence: SentenceFeatures) -> bool:
    return bool(sentence.negations) or not APOSTROPHE_LESS_NEGATIONS.isdisjoint(sentence.tokens)


def _is_cue(token: str) -> bool:
    return token in NEGATION_CUES or token.endswith("n't") or token in APOSTROPHE_LESS_NEGATIONS


def _cue_word(token: str) -> str:
    """One spelling per cue: every contraction ("isn't", "dont") is a "not"."""
    if token.endswith("n't") or token in APOSTROPHE_LESS_NEGATIONS:
        return "not"
    return token


def _implicitly_negated(tokens: Sequence[str], negated_stem: str) -> bool:
    """Is the word negated after all, by "refused to", "failing to", "unless" before it?"""
    for at, token in enumerate(tokens):
        if stem(token) != negated_stem:
            continue
        before = tokens[max(0, at - NEGATION_REACH) : at]
        # "did not decline" vs "declined": the negator is the very word, no balance.
        if any(w in IMPLICIT_NEGATORS and stem(w) != negated_stem for w in before):
            return True
    return False


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, frozenset[str]]:
    return antonym_index()


def antonym_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A word in one sentence whose opposite stands in the other (and not its own word)."""
    words_a, words_b = set(a.tokens), set(b.tokens)
    opposites = _antonyms()
    for word in sorted(words_a - words_b):
        clash = sorted((opposites.get(word, frozenset()) & words_b) - words_a)
        if clash:
            return [Finding(ConflictKind.ANTONYM, f'"{word}" vs "{clash[0]}"')]
    return []


def entity_conflicts(a: SentenceFeatures, b: SentenceFeatures) -> list[Finding]:
    """A different name in the same slot: same word before or after, different name."""
    if not a.names or not b.names:
        return []
    only_a = _names_missing_from(a, b)
    only_b = _names_missing_from(b, a)
    for name_a in only_a:
        for name_b in only_b:
            if _same_slot(a.text, name_a, b.text, name_b) and not _may_name_one_thing(
                name_a, name_b
            ):
                return [Finding(ConflictKind.ENTITY, f"{name_a} vs {name_b}")]
    return []


def _may_name_one_thing(name_a: str, name_b: str) -> bool:
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
    words_b = set(b.tokens)
    name_words_b = [w for name_words in b.name_words for w in name_words]
    missing = []
    for name, name_words in zip(a.names, a.name_words, strict=True):
        parts = [w for w in name_words if w not in STOPWORDS]
        if any(
            w in words_b or any(fuzz.ratio(w, other) >= SAME_NAME_RATIO for other in name_words_b)
            for w in parts
        ):
            continue
        missing.append(name)
    return missing


def _same_slot(text_a: str, name_a: str, text_b: str, name_b: str) -> bool:
    """Same words on both sides of the names, or the same preposition before them."""
    before_a, after_a = _neighbours(text_a, name_a)
    before_b, after_b = _neighbours(text_b, name_b)
    same_before = bool(before_a) and before_a == before_b
    same_after = bool(after_a) and after_a == after_b
    return (same_before and same_after) or (same_before and before_a in _SLOT_PREPOSITIONS)


def _neighbours(text: str, name: str) -> tuple[str, str]:
    folded, target = fold(text), fold(name)
    at = folded.find(target)
    if at < 0:
        return "", ""
    before = words(folded[:at])
    after = words(folded[at + len(target) :])
    return (before[-1] if before else "", after[0] if after else "")


def group_label(size: int, has_conflict: bool) -> Label:
    """Label of a group from its number of sources and whether any two members disagree."""
    if size < 2:
        return Label.UNIQUE
    return Label.CONTRADICTING if has_conflict else Label.SHARED
