"""One street told as two by counterpart sentences of different sources: "in the 5500 block
of East 84th Street" / "in the area of East 84th Terrace and Drury Circle".

Local news places an incident by its street. Two counterparts that give one street (the
same number or name, "84th") with another kind of way ("Street" / "Terrace") or another
direction ("East" / "West") tell two addresses a few blocks apart, one of them wrong: soft,
for a reader to check. Streets of other numbers or names are left alone: a story names
several (the scene, a cross street, where a car was found).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from aligner.conflicts.slot_names import counterpart_pairs, sentences_with, soft_name_conflicts
from aligner.conflicts.spellings import SpellingConflict
from aligner.text.features import SentenceFeatures, stem

# Kinds of ways, written out or as their usual abbreviation; "St." and "Dr." are left out,
# as they also stand for "Saint" and "Doctor", and "Court", mostly a court of law.
_WAY_KINDS: dict[str, str] = {
    **{kind.lower(): kind for kind in (
        "Street", "Avenue", "Road", "Terrace", "Boulevard", "Drive", "Lane", "Place", "Circle",
        "Parkway", "Highway")},
    "ave": "Avenue", "blvd": "Boulevard", "rd": "Road", "pkwy": "Parkway",
}  # fmt: skip
# Their stems, which a sentence's content stems are checked against first.
_WAY_STEMS = frozenset(map(stem, _WAY_KINDS))
_DIRECTIONS = {"north": "North", "south": "South", "east": "East", "west": "West"}
_ADDRESS = re.compile(
    r"\b(?:(?P<direction>North|South|East|West)\s+)?"
    r"(?P<street>\d+(?:st|nd|rd|th)|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+"
    rf"(?P<kind>{'|'.join(sorted((k.capitalize() for k in _WAY_KINDS), key=len, reverse=True))})"
    r"\b\.?"
)


class Address(NamedTuple):
    """A street as a sentence gives it: ("East", "84th", "Street"); "" for no direction."""

    direction: str
    street: str
    kind: str

    def __str__(self) -> str:
        return " ".join(part for part in self if part)


def address_conflicts(
    features: Sequence[SentenceFeatures],
    article_of: Sequence[int],
    similar: Sequence[Mapping[int, float]],
    counterparts_from: float,
) -> list[SpellingConflict]:
    """A soft conflict for each two counterparts of different sources that give one street two ways
    (the arguments as ``slot_name_conflicts`` takes them)."""
    told = sentences_with(features, _WAY_STEMS, addresses)

    def reasons(i: int, j: int) -> Iterator[str]:
        for one, other in _one_street_two_ways(told[i], told[j]):
            yield f"{one} vs {other} (address)"

    pairs = counterpart_pairs(similar, article_of, counterparts_from, told)
    return soft_name_conflicts(pairs, reasons)


def addresses(sentence: SentenceFeatures) -> tuple[Address, ...]:
    """The streets ``sentence`` names ("East 84th Street", "Drury Circle")."""
    return tuple(
        Address(
            _DIRECTIONS.get((match["direction"] or "").lower(), ""),
            match["street"],
            _WAY_KINDS[match["kind"].lower()],
        )
        for match in _ADDRESS.finditer(sentence.text)
        if match["street"].lower() not in _DIRECTIONS
    )


def _one_street_two_ways(
    told_a: Sequence[Address], told_b: Sequence[Address]
) -> Iterator[tuple[Address, Address]]:
    """Each street of ``told_a`` that ``told_b`` gives with another kind or direction (both
    told), when neither sentence also gives the other's way of it."""
    for one in told_a:
        for other in told_b:
            if one.street != other.street or one in told_b or other in told_a:
                continue
            directions = {one.direction, other.direction}
            if one.kind != other.kind or ("" not in directions and len(directions) == 2):
                yield one, other
