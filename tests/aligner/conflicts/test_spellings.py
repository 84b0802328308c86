"""Names spelled two ways by different sources: soft spellings, no disputes; what is left."""

from __future__ import annotations

from aligner.conflicts.spellings import spelling_conflicts
from aligner.result.model import ConflictKind, Severity
from aligner.text.features import sentence_features


def conflicts(*articles: list[str]) -> list[tuple[str, str, str]]:
    texts = [t for article in articles for t in article]
    article_of = [k for k, article in enumerate(articles) for _ in article]
    found = spelling_conflicts([sentence_features(t) for t in texts], article_of, lambda i, j: 0)
    for c in found:
        assert c.finding.kind is ConflictKind.SPELLING and c.finding.severity is Severity.SOFT
    return [(texts[c.a], texts[c.b], c.finding.detail) for c in found]


def test_a_typo_in_one_source_is_set_against_the_usual_spelling() -> None:
    # Modern Salon's one "Semintelli" (dev cluster fabio-sementilli) against the others.
    found = conflicts(
        ["Canadian-born Fabio Sementilli, 49, died at the scene."],
        [
            "Fabio Sementilli led education at Wella.",
            "A champion competitor, the Canadian-born Semintelli gave back.",
        ],
    )
    assert found == [
        (
            "A champion competitor, the Canadian-born Semintelli gave back.",
            "Canadian-born Fabio Sementilli, 49, died at the scene.",
            "Semintelli vs Sementilli (spelling of Fabio Sementilli)",
        )
    ]


def test_one_slip_in_a_short_name_counts_with_a_shared_neighbour() -> None:
    found = conflicts(
        ["Voters rebuked President Barak Obama on Tuesday."],
        ["Clinton defended President Barack Obama."],
    )
    # Once each way (news cluster mn060): neither is the usual spelling, so both are named.
    assert [detail for *_, detail in found] == [
        "Barack vs Barak (spelling of Barak Obama or Barack Obama)"
    ]


def test_two_slips_count_beside_one_same_word_of_the_name() -> None:
    # news cluster mn081: one outlet's "Sonesta" for the car the others call a Sonata.
    found = conflicts(
        ["They test drove a 2007 Hyundai Sonata with a third suspect."],
        ["They came to look at a 2007 Hyundai Sonata for sale."],
        ["The family came to look at a white 2007 four-door Hyundai Sonesta."],
    )
    assert [detail for *_, detail in found] == [
        "Sonesta vs Sonata (spelling of Hyundai Sonata)",
        "Sonesta vs Sonata (spelling of Hyundai Sonata)",
    ]


def test_two_slips_need_the_same_word_on_the_same_side_and_the_same_start() -> None:
    # "County" stands before "District", "Court" after it: two words of one name.
    assert (
        conflicts(
            ["The Cumberland County District Court did not respond."],
            ["Medlin called the Cumberland County Sheriff's office."],
        )
        == []
    )
    # Same neighbour, same side, but they part at the second letter: two words.
    assert (
        conflicts(["Hyundai Sonata sales rose."], ["Hyundai Santana sales rose."]) == []
    )  # s-o / s-a
    assert conflicts(["Hyundai Sonata sales rose."], ["Hyundai Sonatina sales rose."]) != []


def test_different_words_and_people_are_left_alone() -> None:
    assert (
        conflicts(
            ["She brought the gun from home for Christmas decorations."],
            ["Spokeswoman Lissa Druss Christman said the centre is cooperating."],
        )
        == []
    )  # no word in common beside them
    assert (
        conflicts(
            ["Andrea Constand testified on Monday."], ["Andrew Wyatt spoke for Cosby on Monday."]
        )
        == []
    )
    assert (
        conflicts(["The two Koreas will march together."], ["North Korean athletes march."]) == []
    )
    assert (
        conflicts(
            ["Senate Majority Leader Harry Reid spoke."], ["Senate Minority Leader Mitch spoke."]
        )
        == []
    )  # two slips in an eight-letter word: another word
    assert (
        conflicts(["Putin called Zelenskiy on Wednesday."], ["Putin called Zelensky on Wednesday."])
        == []
    )  # one name transliterated two ways folds to one stem
    assert (
        conflicts(
            ["Authorities in Austin said so on Monday."],
            ["Authorities in Justin said so on Monday."],
        )
        == []
    )  # another first letter


def test_a_typo_is_set_against_each_other_source_that_spells_it_right() -> None:
    found = conflicts(
        ["A champion competitor, the Canadian-born Semintelli gave back."],
        ["Canadian-born Fabio Sementilli, 49, died at the scene."],
        ["Fabio Sementilli led education at Wella."],
    )
    assert [(a[:20], b[:20]) for a, b, _ in found] == [
        ("A champion competito", "Canadian-born Fabio "),
        ("A champion competito", "Fabio Sementilli led"),
    ]


def test_a_possessive_and_a_plain_s_before_one_word_are_two_spellings() -> None:
    # aligner/name_variants.py: folding drops the 's, and "gusto" / "gustos" share a stem.
    found = conflicts(
        ["There was a fight outside Gusto's bar in Barre, police said."],
        ["The two had argued outside Gustos bar in Barre earlier that night."],
        ["Both were seen at the Gustos bar on Prospect Street."],
    )
    assert [(a[:18], b[:18], detail) for a, b, detail in found] == [
        ("There was a fight ", "The two had argued", "Gusto's vs Gustos (spelling of Gustos bar)"),
        ("There was a fight ", "Both were seen at ", "Gusto's vs Gustos (spelling of Gustos bar)"),
    ]


def test_plurals_and_their_possessives_are_no_second_spelling() -> None:
    # A family told as "the Obamas'" is no other spelling of "Obama's".
    assert (
        conflicts(
            ["Obama's daughters attended the dinner."],
            ["The Obamas' daughters attended the dinner."],
        )
        == []
    )
    # The short form also written without 's: a name and its plural.
    assert (
        conflicts(
            ["Kennedy's house stood empty.", "Kennedy spoke in Boston."],
            ["The Kennedys house stood empty."],
        )
        == []
    )
    # Nothing after them in common: two different things.
    assert conflicts(["Wendy's restaurant closed."], ["The Wendys band played."]) == []


def test_a_word_of_a_longer_name_with_another_ending_is_a_second_spelling() -> None:
    # news cluster mn079: "Chief Talent Office" (a typo) / "Chief Talent Officer".
    found = conflicts(
        ["Its Chief Talent Office, Tawni Cranz, said so."],
        ["Tawni Cranz is Netflix's Chief Talent Officer."],
        ["Netflix's Chief Talent Officer wrote the post."],
    )
    assert [detail for *_, detail in found] == [
        "Office vs Officer (spelling of Chief Talent Officer)",
        "Office vs Officer (spelling of Chief Talent Officer)",
    ]


def test_plurals_transliterations_and_short_names_keep_their_endings() -> None:
    assert (
        conflicts(
            ["The New York Fire Department said so."],
            ["The New York Fire Departments said so."],
        )
        == []
    )  # a plural
    assert (
        conflicts(
            ["President Volodymyr Zelenskiy Office said so."],
            ["President Volodymyr Zelensky Office said so."],
        )
        == []
    )  # one name transliterated two ways: no ending added
    assert (
        conflicts(
            ["The Korean Central News Agency said so."], ["The Korea Central News Agency said so."]
        )
        == []
    )  # two stems: a country and its adjective
    assert conflicts(["Its Talent Office said so."], ["Its Talent Officer said so."]) == []


def test_a_spelling_is_no_dispute_and_contradicts_no_sentence() -> None:
    from aligner.result.model import Conflict, Group, Label, sentence_labels

    spelling = Conflict("a1s1", "a2s1", ConflictKind.SPELLING, "Angles vs Angeles (spelling)")
    figure = Conflict("a1s2", "a2s2", ConflictKind.NUMBER, "29 vs 19 (killed)")
    assert not spelling.disputes and figure.disputes
    groups = [
        Group("g1", Label.SHARED, ("a1s1", "a2s1"), 90.0),
        Group("g2", Label.CONTRADICTING, ("a1s2", "a2s2"), 90.0),
    ]
    labels = sentence_labels(groups, [spelling, figure])
    assert labels == {
        "a1s1": Label.SHARED,
        "a2s1": Label.SHARED,
        "a1s2": Label.CONTRADICTING,
        "a2s2": Label.CONTRADICTING,
    }


def test_a_row_whose_only_conflict_is_a_spelling_stays_shared(tmp_path) -> None:
    from aligner.export.markdown import to_markdown
    from aligner.pipeline import compare
    from aligner.result.model import Label

    lede = "Hairdresser Fabio {}, 49, died at the scene in Woodland Hills on Monday.\n"
    (tmp_path / "a1.txt").write_text(lede.format("Sementilli"), encoding="utf-8")
    (tmp_path / "a2.txt").write_text(lede.format("Sementilli"), encoding="utf-8")
    (tmp_path / "a3.txt").write_text(lede.format("Semintelli"), encoding="utf-8")
    comparison = compare([tmp_path])
    assert {c.kind for c in comparison.conflicts} == {ConflictKind.SPELLING}
    (row,) = comparison.groups
    assert row.label is Label.SHARED
    assert set(comparison.sentence_labels.values()) == {Label.SHARED}
    document = to_markdown(comparison)
    assert "0 contradicting" in document and "No contradictions found." in document
    assert "0 conflicts (0 hard, 0 soft) · 1 spelling to check" in document
    spelled = document.split("## Spellings to check")[1].split("## ")[0]
    assert "- Semintelli vs Sementilli (spelling of Hairdresser Fabio Sementilli) — " in spelled
    assert spelled.count("Woodland Hills") == 3  # each sentence once, under its reason


def test_a_name_of_one_word_is_told_by_the_word_beside_it() -> None:
    # miami-gardens: a store's name alone; the reason says which name, by its neighbour.
    found = conflicts(
        ["The owner of 207 Quickstop convenience store filed a lawsuit."],
        ["Officers resigned amid allegations of harassment at the 207 Quikstop."],
        ["The lawsuit named the 207 Quikstop and its owner."],
    )
    assert {detail for _, _, detail in found} == {
        "Quickstop vs Quikstop (spelling of 207 Quikstop)"
    }
