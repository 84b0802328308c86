"""The details panel's text for a group whose member disagrees with a sentence of another group."""

from __future__ import annotations

from aligner.calibration import PAIRWISE_VERSIONS
from aligner.result.model import (
    Article,
    Comparison,
    Conflict,
    ConflictKind,
    Group,
    Label,
    LineKind,
    Sentence,
)
from tui.details_text import details_text


def _article(article_id: str, source: str, *texts: str) -> Article:
    sentences = []
    offset = 0
    for index, text in enumerate(texts):
        sentences.append(
            Sentence(
                id=f"{article_id}s{index + 1}",
                article_id=article_id,
                index=index,
                text=text,
                kind=LineKind.PROSE,
                start=offset,
                end=offset + len(text),
                paragraph=index,
            )
        )
        offset += len(text) + 2
    return Article(
        article_id, f"{source}.txt", source, source, "\n\n".join(texts), tuple(sentences)
    )


def test_a_conflict_with_a_sentence_of_another_group_is_shown_with_that_sentence() -> None:
    first = _article("a1", "Wire", "The blast killed 29 people.", "Police sealed the area.")
    second = _article("a2", "Daily", "Nineteen were killed.", "Police sealed the area off.")
    groups = (
        Group("g1", Label.UNIQUE, ("a1s1",), 100.0),
        Group("g2", Label.SHARED, ("a1s2", "a2s2"), 90.0),
        Group("g3", Label.UNIQUE, ("a2s1",), 100.0),
    )
    conflict = Conflict("a1s1", "a2s1", ConflictKind.NUMBER, "29 vs Nineteen (killed)")
    comparison = Comparison(
        articles=(first, second),
        skipped=(),
        groups=groups,
        conflicts=(conflict,),
        similarity={},
        stats=(),
    )
    text = details_text(comparison, "g1", "a1s1", {}, {}).plain
    assert "! Wire vs Daily (group g3) — number, hard: 29 vs Nineteen (killed)" in text
    assert "  Nineteen were killed." in text
    other = details_text(comparison, "g3", "a2s1", {}, {}).plain
    assert "! Daily vs Wire (group g1) — number, hard: 29 vs Nineteen (killed)" in other
    assert "number" not in details_text(comparison, "g2", "a1s2", {}, {}).plain
    # The grid marks g1 "!": its title leads with it, though the group itself is unique.
    assert text.startswith("! Contradicted by another row (below)  ·  group g1")
    assert "contradicted" not in details_text(comparison, "g2", "a1s2", {}, {}).plain


def test_a_group_whose_conflicts_are_all_soft_says_so() -> None:
    from dataclasses import replace

    from aligner.pipeline import compare
    from aligner.result.model import Severity

    comparison = compare()
    group = next(g for g in comparison.groups if len(g.members) == 2)
    a, b = group.members
    soft = Conflict(a, b, ConflictKind.ENTITY, "Semintelli vs Sementilli (spelling)", Severity.SOFT)
    group = replace(group, label=Label.CONTRADICTING)
    groups = tuple(group if g.id == group.id else g for g in comparison.groups)
    changed = replace(comparison, groups=groups, conflicts=(soft,))
    text = details_text(changed, group.id, a, {}, {}).plain
    assert text.startswith("? Contradicting softly (told differently: check)")
    assert "entity, soft: Semintelli vs Sementilli (spelling)" in text
    # Each conflict carries the grid's sign: "?" for a soft one, as the row is drawn.
    line = next(line for line in text.splitlines() if "Semintelli vs" in line)
    assert line.startswith("? ") and not line.startswith("! ")


def test_a_weak_shared_row_is_titled_maybe_shared_and_a_sure_one_shared() -> None:
    from dataclasses import replace

    from aligner.calibration import SURE_ROW_SCORE

    first = _article("a1", "Wire", "Police sealed the area.")
    second = _article("a2", "Daily", "Police sealed the area off.")
    group = Group("g1", Label.SHARED, ("a1s1", "a2s1"), SURE_ROW_SCORE)
    sure = Comparison(
        articles=(first, second), skipped=(), groups=(group,), conflicts=(), similarity={},
        stats=(),
    )  # fmt: skip
    assert details_text(sure, "g1", "a1s1", {}, {}).plain.startswith("= Shared  ·  group g1")
    weak = replace(sure, groups=(replace(group, score=SURE_ROW_SCORE - 0.5),))
    text = details_text(weak, "g1", "a1s1", {}, {}).plain
    assert text.startswith(
        f"≈ Maybe shared: under {SURE_ROW_SCORE:.0f}, sources often tell different facts: "
        "compare the versions  ·  group g1  ·  similarity 74"
    )


def test_a_sure_row_with_a_thin_member_worded_otherwise_is_titled_maybe_shared() -> None:
    from dataclasses import replace

    first = _article("a1", "Wire", "It is good.")
    second = _article("a2", "Daily", "So Alex, I wished him the best.")
    third = _article("a3", "Post", "It is good.")
    group = Group("g1", Label.SHARED, ("a1s1", "a2s1"), 90.68)
    thin = Comparison(
        articles=(first, second), skipped=(), groups=(group,), conflicts=(), similarity={},
        stats=(),
    )  # fmt: skip
    assert details_text(thin, "g1", "a1s1", {}, {}).plain.startswith(
        "≈ Maybe shared: a sentence this short matches on a few words: compare the "
        "versions  ·  group g1  ·  similarity 91"
    )
    alike = Comparison(
        articles=(first, third), skipped=(), groups=(replace(group, members=("a1s1", "a3s1")),),
        conflicts=(), similarity={}, stats=(),
    )  # fmt: skip
    assert details_text(alike, "g1", "a1s1", {}, {}).plain.startswith("= Shared  ·  group g1")


def test_a_lone_sentence_disputed_softly_from_another_row_leads_with_the_grid_s_sign() -> None:
    """Audit: one sentence drawn "?" in the grid was titled "± Unique, perhaps: close
    sentences in other sources (below), contradicted by another row (below)"."""
    from aligner.result.model import Link, Severity

    first = _article("a1", "Wire", "Gunmen shot a Kansas City couple.", "Police sealed the area.")
    second = _article("a2", "Daily", "The Liberty couple was shot.", "Police sealed the area off.")
    groups = (
        Group("g1", Label.UNIQUE, ("a1s1",), 100.0),
        Group("g2", Label.SHARED, ("a1s2", "a2s2"), 90.0),
        Group("g3", Label.UNIQUE, ("a2s1",), 100.0),
    )
    soft = Conflict(
        "a1s1", "a2s1", ConflictKind.ENTITY, "Kansas City vs Liberty (home)", Severity.SOFT
    )
    comparison = Comparison(
        articles=(first, second),
        skipped=(),
        groups=groups,
        conflicts=(soft,),
        similarity={},
        stats=(),
        near=(Link("a2s1", "a1s1", 25.0),),
    )
    text = details_text(comparison, "g3", "a2s1", {}, {}).plain
    assert text.startswith("? Told differently by another row: check (below)  ·  group g3")
    assert "perhaps" not in text.splitlines()[0] and "Unique" not in text.splitlines()[0]
    # The row both sentences share nothing with keeps its own title.
    assert "contradicted" not in details_text(comparison, "g2", "a1s2", {}, {}).plain.lower()


def test_a_version_said_by_another_person_is_marked_maybe_with_both_names() -> None:
    # Three outlets tell Hegseth's words, a fourth Zelensky's, at 96 or more (the sample
    # corpus's "Shared 13"); each article names both men in full.
    said = (
        "Hegseth said any durable peace must include robust security guarantees.",
        "Hegseth emphasized that a lasting peace should include robust security guarantees.",
        "Hegseth proposed robust security guarantees to prevent a resurgence of conflict.",
        "Zelensky emphasized that Ukraine would not settle without robust security guarantees.",
    )
    full = "Defense Secretary Pete Hegseth and President Volodymyr Zelensky spoke."
    articles = tuple(
        _article(f"a{k + 1}", f"outlet{k + 1}", full, text) for k, text in enumerate(said)
    )
    members = tuple(f"a{k + 1}s2" for k in range(4))
    row = Group("g1", Label.SHARED, members, 96.0, (99.0, 99.0, 99.0, 96.0))
    comparison = Comparison(articles, (), (row,), (), {}, ())
    text = details_text(comparison, "g1", "a4s2", {}, {}).plain
    assert text.startswith("= Shared, 1 of 4 versions maybe another fact (≈ below)")
    zelensky = next(line for line in text.splitlines() if line.startswith("≈ outlet4"))
    assert zelensky.endswith("maybe the same fact, said by different people: Zelensky vs Hegseth")
    assert sum(line.startswith("= outlet") for line in text.splitlines()) == 3


def test_a_row_under_the_threshold_says_why() -> None:
    """A contradiction can set a related sentence beside a row (its figures differ) though its
    wording scores under the threshold: the similarity shown then says so."""
    first = _article("a1", "Wire", "The blast killed 29 people in the old town.")
    second = _article("a2", "Daily", "Nineteen died, officials said.")
    conflict = Conflict("a1s1", "a2s1", ConflictKind.NUMBER, "29 vs Nineteen (killed)")

    def title(score: float) -> str:
        group = Group("g1", Label.CONTRADICTING, ("a1s1", "a2s1"), score)
        comparison = Comparison(
            articles=(first, second),
            skipped=(),
            groups=(group,),
            conflicts=(conflict,),
            similarity={},
            stats=(),
        )
        return details_text(comparison, "g1", "a1s1", {}, {}).plain.splitlines()[0]

    assert title(28.7).endswith(
        "similarity 29 (weakest member's best match, under the threshold of 30: a version set"
        " beside the others for a figure it tells differently, not for its wording)"
    )
    assert title(30.0).endswith("similarity 30 (weakest member's best match)")


def test_a_large_rows_agreeing_versions_agree_with_its_reference() -> None:
    """In a row of more than PAIRWISE_VERSIONS versions each is checked against the
    reference version only, so "Agree" names it."""
    count = PAIRWISE_VERSIONS + 1
    tolls = ["19" if k == 2 else "29" for k in range(count)]
    articles = tuple(
        _article(f"a{k + 1}", f"Outlet{k + 1}", f"{toll} people were killed.")
        for k, toll in enumerate(tolls)
    )
    group = Group("g1", Label.CONTRADICTING, tuple(f"a{k + 1}s1" for k in range(count)), 100.0)
    conflict = Conflict("a1s1", "a3s1", ConflictKind.NUMBER, "29 vs 19 (killed)")
    comparison = Comparison(
        articles=articles,
        skipped=(),
        groups=(group,),
        conflicts=(conflict,),
        similarity={},
        stats=(),
    )
    text = details_text(comparison, "g1", "a1s1", {}, {}).plain
    others = ", ".join(f"Outlet{k + 1}" for k in range(count) if k not in (0, 2))
    assert f"Agree with Outlet1: {others}\n" in text
