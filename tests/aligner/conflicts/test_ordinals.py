"""Two people put at one place of one list by different sources: soft name conflicts, and
what is left alone."""

from __future__ import annotations

from aligner.conflicts.ordinals import ordinal_conflicts
from aligner.result.model import ConflictKind, Severity
from aligner.text.features import sentence_features


def conflicts(*sentences: tuple[int, str]) -> list[tuple[int, int, str]]:
    """(a, b, detail) of each conflict between ``sentences``, each given with its source."""
    features = [sentence_features(text) for _, text in sentences]
    found = ordinal_conflicts(features, [source for source, _ in sentences])
    for c in found:
        assert c.finding.kind is ConflictKind.ENTITY and c.finding.severity is Severity.SOFT
    return [(c.a, c.b, c.finding.detail) for c in found]


RICHARD = (
    "Eight-year-old Martin Richard was the second of the three people killed in the "
    "explosions to have been identified."
)
CAMPBELL = "Earlier Tuesday, manager Krystle Campbell, 29, was the second fatality identified."


def test_two_people_at_one_place_of_a_list() -> None:
    # news cluster mn195: Richard was identified first by the other source's account.
    assert conflicts((0, RICHARD), (1, CAMPBELL)) == [
        (0, 1, "Martin Richard vs Krystle Campbell (the second identified)")
    ]
    assert conflicts(
        (0, "John Smith became the first suspect arrested in the case on Monday."),
        (1, "Police said Tom Jones was the first arrested."),
    ) == [(0, 1, "John Smith vs Tom Jones (the first arrested)")]


def test_one_source_one_person_and_other_lists_are_left_alone() -> None:
    # One source: it tells its own list.
    assert conflicts((0, RICHARD), (0, CAMPBELL)) == []
    # One person, told twice.
    assert conflicts((0, RICHARD), (1, "Young Richard was the second victim identified.")) == []
    # Other places, other lists.
    assert conflicts((0, RICHARD), (1, CAMPBELL.replace("second", "third"))) == []
    assert conflicts((0, RICHARD), (1, CAMPBELL.replace("identified", "buried"))) == []
    # No participle naming a list: an adjective after a determiner, or none.
    assert (
        conflicts(
            (0, "Pen Hadow became the first man to reach the Pole on an unsupported trek."),
            (1, "Tom Avery became the first man to reach the Pole on an unsupported trek."),
        )
        == []
    )


def test_a_place_given_to_many_people_is_no_one_list() -> None:
    told = [
        (source, f"{name} was the first player drafted.")
        for source, name in enumerate(["Ann Lee", "Bob Ray", "Cal Fox"])
    ]
    assert conflicts(*told) == []
    assert len(conflicts(*told[:2])) == 1


def test_a_name_is_read_as_at_most_four_capitalised_words() -> None:
    # The bound that keeps a long run of capitals in hostile text from being tried from
    # each of its words to its end: only the last four words before the verb are the name.
    run = " ".join(f"Name{chr(97 + k % 26)}" for k in range(2_000))
    jones = "Tom Jones was the first arrested."
    found = conflicts((0, f"{run} was the first arrested."), (1, jones))
    assert found == [(0, 1, f"{' '.join(run.split()[-4:])} vs Tom Jones (the first arrested)")]
