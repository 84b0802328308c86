"""The synonym table: what it holds, and the script that builds it from WordNet's files."""

from __future__ import annotations

import gzip
from pathlib import Path

from aligner.text.features import stem
from aligner.text.synonyms import concept_index, concept_of, concepts_of
from bench import build_synonyms

REPO = Path(__file__).resolve().parents[3]


def test_common_synonyms_and_irregular_forms_share_a_concept() -> None:
    for a, b in [("began", "started"), ("died", "perished"), ("bought", "buy")]:
        assert concept_of(stem(a)) == concept_of(stem(b)), (a, b)


def test_unrelated_words_do_not() -> None:
    for a, b in [("buy", "sell"), ("hour", "minute"), ("begin", "die")]:
        assert concept_of(stem(a)) != concept_of(stem(b)), (a, b)


def test_a_stem_without_synonyms_stands_for_itself() -> None:
    assert concept_of("zelenski") == "zelenski"
    assert len(concept_index()) > 10_000


def test_concepts_of_many_stems_are_each_one_s_concept_in_their_order() -> None:
    stems = frozenset(stem(w) for w in ["began", "started", "zelenskiy", "bought", "talks"])
    told = concepts_of(stems)
    assert told == [concept_of(s) for s in stems]
    assert "zelenski" in told and concept_of(stem("began")) in told
    assert concepts_of(()) == []


def test_the_table_holds_the_stems_the_engine_s_stemmer_gives_its_words() -> None:
    # The table stores stems; a stemmer that changed since it was built would leave words
    # that never meet their synonyms. Rebuild with bench/build_synonyms.py when this fails.
    packed = (REPO / build_synonyms.WORDS_PATH).read_bytes()
    lines = gzip.decompress(packed).decode("utf-8").splitlines()
    words = [line for line in lines if line and not line.startswith("#")]
    stems = {stem(word) for word in words}
    table = set(concept_index())
    assert len(words) == len(table)
    assert (sorted(stems - table)[:20], sorted(table - stems)[:20]) == ([], [])


def _write_tiny_wordnet(folder: Path) -> None:
    header = "  1 This software and database is being provided to you\n"
    index = {
        # lemma pos synset_cnt p_cnt [ptr]... sense_cnt tagsense_cnt offsets (most frequent first)
        "verb": ["buy v 2 1 @ 2 2 00000001 00000009", "purchase v 1 1 @ 1 5 00000001",
                 "say v 2 0 2 2 00000002 00000003", "state v 1 0 1 1 00000002",
                 "take v 2 0 2 2 00000004 00000005", "film v 2 0 2 2 00000006 00000005"],
        "noun": ["purchase n 1 0 1 1 00000007", "buy n 1 0 1 1 00000007"],
        "adj": [], "adv": [],
    }  # fmt: skip
    exceptions = {"verb": ["bought buy", "said say"], "noun": [], "adj": [], "adv": []}
    for part, lines in index.items():
        (folder / f"index.{part}").write_text(header + "\n".join(lines) + "\n", "latin-1")
        (folder / f"{part}.exc").write_text("\n".join(exceptions[part]) + "\n", "latin-1")


def test_builder_keeps_first_senses_shared_by_two_stems(tmp_path: Path) -> None:
    _write_tiny_wordnet(tmp_path)
    concepts = build_synonyms.build_concepts(tmp_path)
    # buy, bought and purchase (tagged more often as a verb here) share buy's first verb
    # sense; take/film share only a second sense, which is left out; "said" is a stopword.
    assert sorted(stem(w) for w in ("buy", "purchase", "bought")) in concepts
    assert not any(stem("take") in c for c in concepts)
    assert all(len(c) >= 2 for c in concepts)
    every_stem = [s for c in concepts for s in c]
    assert len(every_stem) == len(set(every_stem))  # one concept per stem


def test_builder_output_is_deterministic(tmp_path: Path, monkeypatch) -> None:
    _write_tiny_wordnet(tmp_path)
    monkeypatch.setattr(build_synonyms, "REPO", tmp_path / "repo")
    (tmp_path / "repo" / "aligner" / "text").mkdir(parents=True)
    built = []
    for _ in range(2):
        assert build_synonyms.main(["--wordnet", str(tmp_path)]) == 0
        built.append((tmp_path / "repo" / "aligner" / "text" / "synonyms.txt.gz").read_bytes())
    assert built[0] == built[1]
    assert b"WordNet 3.0 Copyright 2006" in gzip.decompress(built[0])
