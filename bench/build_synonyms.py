"""Build aligner/text/synonyms.txt.gz, the synonym table of the similarity model, from WordNet 3.0.

Run by hand when the table should change (the result is committed, so nobody needs WordNet):

    python bench/build_synonyms.py [--wordnet DIR]

DIR holds WordNet's database files (index.noun, verb.exc, ...): Debian's ``wordnet-base``
package installs them in /usr/share/wordnet (``apt-get download wordnet-base`` and
``dpkg-deb -x`` unpack them without installing).

What goes in: every word (as its stem) is given one *concept* (WordNet synset): the most
frequent sense of the word in its most frequent part of speech. Concepts given to at least two
stems are written out: "buy" and "purchase" share buy.v.01, "bought" (an irregular form of
"buy") joins them. Rarer senses are left out on purpose: with them every word is a synonym
of some other ("take" and "film" share a sense), and the table would add noise rather than
knowledge. One fact told in another part of speech joins too: two concepts merge when
WordNet links them by a derivation pointer (derivationally related form, pertainym,
participle) between two words each of which names its end ("die" names die.v.01, "death"
death.n.01, and WordNet derives one word from the other) and one of the two concepts is
named by its word alone, so "died" meets "death" and "killer" meets "killed" (see
``kept_derivations``). Words are stored as the aligner's own stems
(aligner.text.features.stem), so the table matches the sentences' stems directly. Each line
is one concept: its stems, space-separated; lines are sorted, so the
output is deterministic.

It also writes tests/aligner/data/synonym_words.txt.gz: for every stem in the table, the word
it was made from, so a test can tell, without WordNet, when the engine's stemmer no longer
gives the table's stems (then run this script again).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aligner.text.features import stem  # noqa: E402
from aligner.text.synonyms import TABLE_NAME  # noqa: E402
from aligner.text.wordlists import STOPWORDS  # noqa: E402

WORDS_PATH = Path("tests/aligner/data/synonym_words.txt.gz")
WORDS_HEADER = """\
# For each stem in aligner/text/synonyms.txt.gz, the WordNet 3.0 word it was made from (see
# bench/build_synonyms.py; WordNet licence in aligner/text/WORDNET-LICENSE.txt).
"""
PARTS_OF_SPEECH = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's pointers from a word to the same meaning in another part of speech: derivationally
# related form ("die" / "death"), pertainym ("fatally" / "fatal"), participle ("dead" / "die").
DERIVATION_POINTERS = frozenset({"+", "\\", "<"})
# WordNet's antonym pointer ("photosynthetic" / "nonphotosynthetic").
ANTONYM_POINTER = "!"
HEADER = """\
# Synonym concepts for Parallax, one per line: the aligner's stems of the single words whose
# most frequent sense is that concept or one WordNet derives it from ("die" / "death").
# Built by bench/build_synonyms.py from WordNet 3.0.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. The full licence is in aligner/text/WORDNET-LICENSE.txt.
"""


def read_first_senses(wordnet: Path) -> dict[str, dict[str, tuple[str, int]]]:
    """Per part of speech: single lower-case word -> (its most frequent synset's offset, how
    often the word was seen in this part of speech in WordNet's sense-tagged texts)."""
    first: dict[str, dict[str, tuple[str, int]]] = {}
    for pos, name in PARTS_OF_SPEECH.items():
        senses: dict[str, tuple[str, int]] = {}
        for line in (wordnet / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if not line.strip() or line.startswith(" "):  # blank, or the licence header
                continue
            fields = line.split()
            lemma, pointer_count = fields[0], int(fields[3])
            # lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt offsets...
            tagged = int(fields[4 + pointer_count + 1])
            offsets = fields[4 + pointer_count + 2 :]
            if lemma.isalpha() and offsets:
                senses[lemma] = (f"{pos}{offsets[0]}", tagged)
        first[pos] = senses
    return first


def read_exceptions(wordnet: Path) -> dict[str, dict[str, list[str]]]:
    """Per part of speech: irregular form -> base forms ("said" -> ["say"])."""
    exceptions: dict[str, dict[str, list[str]]] = {}
    for pos, name in PARTS_OF_SPEECH.items():
        forms: dict[str, list[str]] = defaultdict(list)
        for line in (wordnet / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            if not line.strip():
                continue
            form, *bases = line.split()
            forms[form].extend(bases)
        exceptions[pos] = forms
    return exceptions


class Derivation(NamedTuple):
    """A derivation pointer between two words, each given with the synset it is read in."""

    source_word: str
    source: str
    target_word: str
    target: str


def read_derivations(wordnet: Path) -> list[Derivation]:
    """Every derivation pointer (``DERIVATION_POINTERS``) of WordNet's data files, in file order."""
    return _read_pointers(wordnet, DERIVATION_POINTERS)


def read_antonyms(wordnet: Path) -> set[frozenset[str]]:
    """The pairs of synsets an antonym pointer (``ANTONYM_POINTER``) links."""
    return {
        frozenset((link.source, link.target))
        for link in _read_pointers(wordnet, frozenset({ANTONYM_POINTER}))
    }


def _read_pointers(wordnet: Path, symbols: frozenset[str]) -> list[Derivation]:
    """Every pointer between two words whose symbol is one of ``symbols``, in file order."""
    words_of: dict[str, list[str]] = {}
    pointers: list[tuple[str, int, str, int]] = []
    for pos, name in PARTS_OF_SPEECH.items():
        for line in (wordnet / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if not line.strip() or line.startswith(" "):  # blank, or the licence header
                continue
            # offset lex_filenum ss_type w_cnt [word lex_id]... p_cnt [symbol offset pos ends]...
            fields = line.split()
            synset, count = f"{pos}{fields[0]}", int(fields[3], 16)
            # An adjective may carry its position: "galore(ip)".
            words_of[synset] = [w.split("(")[0].lower() for w in fields[4 : 4 + 2 * count : 2]]
            at = 4 + 2 * count
            for place in range(at + 1, at + 1 + 4 * int(fields[at]), 4):
                symbol, offset, part, ends = fields[place : place + 4]
                # ends: source and target word numbers in hex; 0000 links whole synsets.
                if symbol in symbols and ends != "0000":
                    pointers.append(
                        (synset, int(ends[:2], 16), f"{part}{offset}", int(ends[2:], 16))
                    )
    return [
        Derivation(words_of[source][a - 1], source, words_of[target][b - 1], target)
        for source, a, target, b in pointers
    ]


class StemSense(NamedTuple):
    """The concept a stem names, how often that sense was tagged, and the word it came from."""

    tagged: int
    concept: str
    word: str


def build_concepts(wordnet: Path) -> list[list[str]]:
    """Concepts as sorted lists of distinct stems, only those with two stems or more."""
    return concepts_of(table_senses(wordnet))


def table_senses(wordnet: Path) -> dict[str, StemSense]:
    """Stem -> the concept the table gives it: its own (``stem_senses``), merged with those
    WordNet derives it from (``merged_by_derivation``)."""
    return merged_by_derivation(
        stem_senses(wordnet), read_derivations(wordnet), read_antonyms(wordnet)
    )


def stem_senses(wordnet: Path) -> dict[str, StemSense]:
    """Stem -> the concept it names.

    Every stem names one concept: the first sense of its word in the part of speech the word
    is most often tagged with ("purchase" is mostly a verb), so each word of a sentence
    counts once, whatever it could also mean.
    """
    first = read_first_senses(wordnet)
    exceptions = read_exceptions(wordnet)
    best: dict[str, StemSense] = {}

    def offer(word: str, concept: str, tagged: int) -> None:
        if word in STOPWORDS:
            return
        key = stem(word)
        if key not in best or (tagged, concept) > best[key][:2]:
            best[key] = StemSense(tagged, concept, word)

    for pos, senses in first.items():
        for lemma, (concept, tagged) in senses.items():
            offer(lemma, concept, tagged)
        for form, bases in exceptions[pos].items():
            for base in bases:
                if form.isalpha() and base in senses:
                    offer(form, *senses[base])
    return best


def merged_by_derivation(
    senses: dict[str, StemSense],
    derivations: list[Derivation],
    antonyms: set[frozenset[str]] | None = None,
) -> dict[str, StemSense]:
    """``senses`` with the two concepts of each ``kept_derivations`` link merged, unless the
    merge would join two synsets WordNet calls ``antonyms``: its derivation pointers are not
    all right ("hyperthermal" derives from "hypothermia"), and a negated word is derived from
    the word it negates ("nonthermal" from "heat"). The links are taken in sorted order and a
    merged concept is named by its smallest synset, so the result does not depend on the
    order of the pointers."""
    root: dict[str, str] = {}
    synsets: dict[str, set[str]] = {}  # per merged concept, the synsets it holds
    opposed: dict[str, set[str]] = defaultdict(set)
    for pair in antonyms or ():
        for synset in pair:
            opposed[synset] |= pair - {synset}

    def find(concept: str) -> str:
        while root.get(concept, concept) != concept:
            concept = root[concept]
        return concept

    for source, target in sorted(kept_derivations(senses, derivations)):
        low, high = sorted((find(source), find(target)))
        if low == high:
            continue
        held_low, held_high = synsets.get(low, {low}), synsets.get(high, {high})
        if any(not opposed[synset].isdisjoint(held_high) for synset in held_low):
            continue
        root[high] = low
        synsets[low] = held_low | held_high
        synsets.pop(high, None)
    return {key: sense._replace(concept=find(sense.concept)) for key, sense in senses.items()}


def kept_derivations(
    senses: dict[str, StemSense], derivations: list[Derivation]
) -> list[tuple[str, str]]:
    """The (source, target) concepts of the derivations whose two words each name the synset
    their end is read in (only first senses meet, as for synonyms; with every sense, chains
    of derivations would join unrelated words), and of which one end is a concept named by
    one stem alone: a word joins the meaning it derives from, but two synonym sets never
    join through a pair of derived words ("kill" and "killer", "slayer" and "slay" would
    make "killed" mean "murdered", which a quotation may distinguish)."""
    stems_naming = Counter(sense.concept for sense in senses.values())

    def names(word: str, synset: str) -> bool:
        sense = senses.get(stem(word))
        return (
            word.isalpha()
            and word not in STOPWORDS
            and sense is not None
            and sense.concept == synset
        )

    return [
        (link.source, link.target)
        for link in derivations
        if names(link.source_word, link.source)
        and names(link.target_word, link.target)
        and min(stems_naming[link.source], stems_naming[link.target]) == 1
    ]


def concepts_of(senses: dict[str, StemSense]) -> list[list[str]]:
    stems_of: dict[str, set[str]] = defaultdict(set)
    for key, sense in senses.items():
        stems_of[sense.concept].add(key)
    return sorted(sorted(stems) for stems in stems_of.values() if len(stems) >= 2)


def _write_gzip(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes.
    target.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = parser.parse_args(argv)
    senses = table_senses(args.wordnet)
    concepts = concepts_of(senses)
    target = REPO / "aligner" / "text" / TABLE_NAME
    _write_gzip(target, HEADER + "".join(" ".join(stems) + "\n" for stems in concepts))
    print(f"{len(concepts)} concepts -> {target} ({target.stat().st_size:,} bytes)")
    words = sorted(senses[key].word for stems in concepts for key in stems)
    _write_gzip(REPO / WORDS_PATH, WORDS_HEADER + "".join(f"{word}\n" for word in words))
    print(f"{len(words)} words -> {REPO / WORDS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
