"""Synonyms: which content stems can name one concept ("buy" / "purchase", "said" / "stated").

The table (synonyms.txt.gz, built from WordNet 3.0 by bench/build_synonyms.py) lists
concepts, one per line, as the stems of the words whose most frequent sense they are, or a
sense WordNet derives that one from ("died" / "death"); a stem is on one line at most. The
similarity model compares sentences' words with synonyms merged into their concept, so a
retelling in other words still scores as the same claim.
"""

from __future__ import annotations

import gzip
from collections.abc import Collection
from functools import lru_cache
from importlib import resources

TABLE_NAME = "synonyms.txt.gz"


@lru_cache(maxsize=1)
def concept_index() -> dict[str, int]:
    """Stem -> number of the concept it names (read once, on first use)."""
    packed = resources.files("aligner.text").joinpath(TABLE_NAME).read_bytes()
    lines = gzip.decompress(packed).decode("utf-8").splitlines()
    concepts = [line.split() for line in lines if line and not line.startswith("#")]
    return {stem: number for number, stems in enumerate(concepts) for stem in stems}


def concept_of(stem: str) -> str | int:
    """The concept ``stem`` names, or the stem itself when it has no synonym."""
    return concept_index().get(stem, stem)


def concepts_of(stems: Collection[str]) -> list[str | int]:
    """``concept_of`` each of ``stems``, in their order: one ``map`` in C, no Python call
    per stem (a large folder's sentences hold some 100,000 content stems, msrp10k14). A
    collection is iterated twice in one order, as the stems and as their defaults."""
    known = concept_index().get
    return list(map(known, stems, stems))
