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


def test_one_fact_in_another_part_of_speech_shares_a_concept() -> None:
    for a, b in [("died", "death"), ("killed", "killer"), ("injured", "injuries"),
                 ("destroyed", "destruction"), ("robbed", "robbery")]:  # fmt: skip
        assert concept_of(stem(a)) == concept_of(stem(b)), (a, b)


def test_unrelated_words_do_not() -> None:
    for a, b in [("buy", "sell"), ("hour", "minute"), ("begin", "die"), ("death", "birth"),
                 ("killed", "injured"), ("killed", "murdered")]:  # fmt: skip
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
    # Derivations: die.v <-> death.n (+), deadly.a -> death.n (pertainym), dead.a -> die.v
    # (participle); die -> kill only by a hypernym (@); kill <-> killer and slay <-> slayer
    # (killer and slayer are synonyms, as murder and slay are); shoot -> shooter's second sense.
    index["verb"] += [
        "die v 1 2 @ + 1 1 00000010",
        "kill v 1 1 + 1 1 00000012",
        "murder v 1 1 + 1 1 00000013",
        "slay v 1 1 + 1 1 00000013",
        "shoot v 1 1 + 1 1 00000014",
    ]
    index["noun"] += [
        "death n 1 1 + 1 1 00000020",
        "killer n 1 1 + 1 1 00000024",
        "slayer n 1 1 + 1 1 00000024",
        "shooter n 2 1 + 2 2 00000026 00000027",
    ]
    index["adj"] += ["deadly a 1 1 \\ 1 1 00000030", "dead a 1 1 < 1 1 00000031"]
    # thermal and nonthermal both derive from heat (pertainyms), and are antonyms.
    index["noun"] += ["heat n 1 0 1 1 00000040"]
    index["adj"] += ["thermal a 1 2 \\ ! 1 1 00000041", "nonthermal a 1 2 \\ ! 1 1 00000042"]
    data = {
        # offset lex_filenum ss_type w_cnt [word lex_id]... p_cnt [symbol offset pos ends]...
        "verb": ["00000001 40 v 02 buy 0 purchase 0 000 01 + 02 00 | obtain by purchase",
                 "00000010 30 v 01 die 0 002 + 00000020 n 0101 @ 00000012 v 0000 01 + 02 00 | die",
                 "00000012 35 v 01 kill 0 001 + 00000024 n 0101 | cause to die",
                 "00000013 35 v 02 murder 0 slay 0 001 + 00000024 n 0202 | kill on purpose",
                 "00000014 35 v 01 shoot 0 001 + 00000027 n 0101 | fire a gun"],
        "noun": ["00000020 11 n 01 death 0 001 + 00000010 v 0101 | the event of dying",
                 "00000040 19 n 01 heat 0 000 | warmth",
                 "00000024 18 n 02 killer 0 slayer 0 002 + 00000012 v 0101 + 00000013 v 0202 |",
                 "00000026 18 n 01 shooter 0 000 | who throws dice",
                 "00000027 18 n 01 shooter 0 001 + 00000014 v 0101 | who shoots"],
        "adj": ["00000030 00 a 01 deadly(a) 0 001 \\ 00000020 n 0101 | of death",
                "00000031 00 a 01 dead 0 001 < 00000010 v 0101 | no longer alive",
                "00000041 00 a 01 thermal 0 002 \\ 00000040 n 0101 ! 00000042 a 0101 | of heat",
                "00000042 00 a 01 nonthermal 0 002 \\ 00000040 n 0101 ! 00000041 a 0101 | not"],
        "adv": [],
    }  # fmt: skip
    for part, lines in index.items():
        (folder / f"index.{part}").write_text(header + "\n".join(lines) + "\n", "latin-1")
        (folder / f"{part}.exc").write_text("\n".join(exceptions[part]) + "\n", "latin-1")
        (folder / f"data.{part}").write_text(header + "\n".join(data[part]) + "\n", "latin-1")


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


def test_builder_merges_first_senses_linked_by_a_derivation(tmp_path: Path) -> None:
    _write_tiny_wordnet(tmp_path)
    concepts = build_synonyms.build_concepts(tmp_path)

    def stems(*words: str) -> list[str]:
        return sorted(stem(w) for w in words)

    # die/death by a derivationally related form, deadly by a pertainym (its "(a)" marker
    # read off), dead by a participle pointer; die meets kill only through a hypernym.
    assert stems("die", "death", "deadly", "dead") in concepts
    # kill (a concept of its own) joins killer and slayer; murder and slay, a second pair of
    # synonyms, do not join them through slay/slayer.
    assert stems("kill", "killer", "slayer") in concepts
    assert stems("murder", "slay") in concepts
    # shoot links to a sense that is not shooter's first.
    assert not any(stem("shoot") in c or stem("shooter") in c for c in concepts)


def test_a_derivation_never_joins_two_antonyms(tmp_path: Path) -> None:
    _write_tiny_wordnet(tmp_path)
    concepts = build_synonyms.build_concepts(tmp_path)

    # Both adjectives derive from "heat"; the first (in sorted order) joins it, and the
    # other, its antonym, stays out.
    assert sorted(stem(w) for w in ("heat", "thermal")) in concepts
    assert not any(stem("nonthermal") in c for c in concepts)
    assert build_synonyms.read_antonyms(tmp_path) == {frozenset({"a00000041", "a00000042"})}


def test_derivation_merges_do_not_depend_on_the_pointers_order(tmp_path: Path) -> None:
    _write_tiny_wordnet(tmp_path)
    senses = build_synonyms.stem_senses(tmp_path)
    derivations = build_synonyms.read_derivations(tmp_path)
    assert len(derivations) == 12  # the hypernym is not one
    merged = build_synonyms.merged_by_derivation(senses, derivations)
    assert merged == build_synonyms.merged_by_derivation(senses, derivations[::-1])
    joined = [stem(w) for w in ("die", "death", "deadly", "dead")]
    assert {merged[s].concept for s in joined} == {min(senses[s].concept for s in joined)}


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
