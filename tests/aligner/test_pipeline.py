"""End to end on the sample corpus: the issue's "done means" for the engine."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from aligner import Label, LineKind
from aligner.calibration import LINK_MARGIN, MUTUAL_LINK_MARGIN, SURE_PAIR_MARGIN
from aligner.conflicts.pair_figures import ArticleFigures
from aligner.conflicts.passes import _check_pairs
from aligner.load.limits import TooManySentences
from aligner.match.counterparts import CounterpartScorer
from aligner.pipeline import Cancelled, compare
from aligner.result.model import Comparison, Conflict, ConflictKind, Finding, Severity
from aligner.runtime.collector import collector_paused
from aligner.text.features import sentence_features
from tests.conftest import links_of


@pytest.fixture(scope="module")
def sample() -> Comparison:
    return compare()


def group_with(comparison: Comparison, needle: str):
    for group in comparison.groups:
        texts = [comparison.sentences[m].text for m in group.members]
        if any(needle in t for t in texts):
            yield group, texts


def test_sample_corpus_loads_five_articles(sample: Comparison) -> None:
    assert len(sample.articles) == 5
    assert sample.skipped == ()


def test_conversation_went_very_well_is_one_shared_group_of_its_three_versions(
    sample: Comparison,
) -> None:
    found = list(group_with(sample, "The conversation went very well"))
    assert len(found) == 1
    group, texts = found[0]
    assert group.label is Label.SHARED
    assert sum("The conversation went very well" in t for t in texts) == 3


def test_call_length_sentences_align_and_do_not_contradict(sample: Comparison) -> None:
    found = list(group_with(sample, "an hour"))
    call_groups = [(g, t) for g, t in found if any("Kremlin" in x for x in t)]
    assert len(call_groups) == 1
    group, _texts = call_groups[0]
    assert len(group.members) >= 3
    assert group.label is not Label.CONTRADICTING
    assert not any(c for c in sample.conflicts if c.a in group.members or c.b in group.members)


def test_unrelated_headlines_and_noise_are_not_prose(sample: Comparison) -> None:
    kinds = {s.text: s.kind for a in sample.articles for s in a.sentences}
    for noise in (
        "Lorde Makes Major Donation Amid Tour -",
        "Elon Musk Slams BBC Over Epstein Files Photo Controversy",
        "Leave a Reply",
        "COMMENTS",
    ):
        assert kinds[noise] is not LineKind.PROSE, noise
    credit = next(t for t in kinds if "REUTERS/Kevin Lamarque" in t)
    assert kinds[credit] is not LineKind.PROSE


def test_every_prose_sentence_in_exactly_one_group(sample: Comparison) -> None:
    counts = Counter(m for g in sample.groups for m in g.members)
    prose_ids = {s.id for a in sample.articles for s in a.prose}
    assert set(counts) == prose_ids
    assert set(counts.values()) == {1}
    for group in sample.groups:
        articles = [sample.sentences[m].article_id for m in group.members]
        assert len(articles) == len(set(articles))


def test_labels_match_group_sizes_and_conflicts(sample: Comparison) -> None:
    for group in sample.groups:
        if len(group.members) == 1:
            assert group.label is Label.UNIQUE
        else:
            has_conflict = bool(sample.group_conflicts(group))
            assert group.label is (Label.CONTRADICTING if has_conflict else Label.SHARED)


def test_conflicts_name_sentences_of_different_articles(sample: Comparison) -> None:
    for conflict in sample.conflicts:
        a, b = sample.sentences[conflict.a], sample.sentences[conflict.b]
        assert a.article_id != b.article_id
        assert conflict.detail


def test_stats_and_similarity_are_consistent(sample: Comparison) -> None:
    for stats, article in zip(sample.stats, sample.articles, strict=True):
        assert stats.prose == len(article.prose)
        assert stats.shared + stats.unique + stats.contradicting == stats.prose
        row = sample.similarity[article.id]
        assert row[article.id] == 1.0
        assert all(0.0 <= v <= 1.0 for v in row.values())


def test_sentence_offsets_point_into_the_article_text(sample: Comparison) -> None:
    for article in sample.articles:
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text


def test_deterministic(sample: Comparison) -> None:
    again = compare()
    assert again.groups == sample.groups
    assert again.conflicts == sample.conflicts


def test_threshold_changes_grouping() -> None:
    loose, strict = compare(threshold=40), compare(threshold=90)
    assert len(loose.groups) < len(strict.groups)


def test_cancel_and_limits() -> None:
    with pytest.raises(Cancelled):
        compare(should_stop=lambda: True)
    with pytest.raises(TooManySentences):
        compare(max_sentences=10)
    stages = []
    compare(progress=lambda stage, fraction: stages.append((stage, fraction)))
    assert stages[0][1] == 0.0 and stages[-1] == ("done", 1.0)


def test_sample_corpus_paths_are_the_same_on_every_machine(sample: Comparison) -> None:
    assert [a.path for a in sample.articles] == [
        f"sample_corpus/{name}"
        for name in (
            "a1_diplomatic-talks.txt",
            "a2_first-big-foray.txt",
            "a3_phone-discussions.txt",
            "a4_lengthy-call.txt",
            "a5_war-talks.txt",
        )
    ]


def test_similarity_is_sparse_and_many_sources_get_a_pair_list(tmp_path) -> None:
    from aligner.export.markdown import MAX_MATRIX_SOURCES, to_markdown

    shared = "The regional council approved the new harbour budget on Tuesday evening."
    for k in range(MAX_MATRIX_SOURCES + 4):
        own = " ".join(f"w{k}x{n}" for n in range(8)) + "."  # shares no word with the others
        text = f"{shared}\n{own}" if k < 2 else own
        (tmp_path / f"{k:02d}.txt").write_text(text, encoding="utf-8")
    comparison = compare([tmp_path])
    assert set(comparison.similarity["a1"]) == {"a1", "a2"}
    assert comparison.similarity["a5"] == {"a5": 1.0}
    document = to_markdown(comparison)
    assert "most similar pairs" in document
    assert "Share of each row source" not in document  # no matrix table


def test_collector_is_paused_during_a_comparison_and_restored_after() -> None:
    seen: list[bool] = []
    compare(progress=lambda stage, fraction: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_collector_is_restored_when_the_comparison_fails() -> None:
    with pytest.raises(Cancelled):
        compare(should_stop=lambda: True)
    assert gc.isenabled()


def _write_articles(folder, *articles: str) -> None:
    folder.mkdir()
    for number, text in enumerate(articles, start=1):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")


def test_a_toll_told_differently_in_unrelated_wording_is_a_conflict_side_by_side(
    tmp_path,
) -> None:
    _write_articles(
        tmp_path / "event",
        "A bomb tore through a crowded market in the capital on Sunday.\n\n"
        "The death toll rose to 29 on Monday, hospital officials said.\n",
        "Investigators are searching the rubble for clues about the attackers.\n\n"
        "Nineteen people were killed, according to the interior ministry.\n",
    )
    comparison = compare([tmp_path / "event"])
    (conflict,) = comparison.conflicts
    assert conflict.detail == "29 vs Nineteen (people killed)"
    group = comparison.group_of[conflict.a]
    assert group is comparison.group_of[conflict.b]
    assert group.label is Label.CONTRADICTING
    # A conflict between facts joined the two, not their score: the group shows the pair's
    # measured counterpart score, below the threshold.
    prose = [s for article in comparison.articles for s in article.prose]
    scorer = CounterpartScorer(
        [sentence_features(s.text) for s in prose], [0] * 2 + [1] * 2, [0, 1, 0, 1]
    )
    index = {s.id: k for k, s in enumerate(prose)}
    a, b = (index[m] for m in group.members)
    measured = float(scorer.scores(np.array([a]), np.array([b]))[0])
    assert group.score == pytest.approx(measured, abs=0.01)
    assert group.score < comparison.options.threshold


def test_agreeing_tolls_and_ages_are_no_conflict(tmp_path) -> None:
    _write_articles(
        tmp_path / "event",
        "The judge sentenced Durst, 73, on Wednesday.\n\nThirty people died in the fire.\n",
        "The 73-year-old Durst agreed to the deal.\n\nRescuers said 30 were killed.\n",
    )
    assert compare([tmp_path / "event"]).conflicts == ()


def test_an_age_told_differently_is_a_conflict(tmp_path) -> None:
    _write_articles(
        tmp_path / "event",
        "U.S. District Judge Kurt Engelhardt sentenced the ailing Durst, 73, to 85 months.\n",
        "The 72-year-old Durst agreed to the sentence as part of a guilty plea.\n",
    )
    (conflict,) = compare([tmp_path / "event"]).conflicts
    assert conflict.detail == "73 vs 72-year-old (Durst's age)"


def test_links_join_counterparts_that_could_not_share_a_row(sample: Comparison) -> None:
    assert sample.links, "the sample corpus retells facts across rows"
    group_of = sample.group_of
    for link in sample.links:
        assert group_of[link.a] is not group_of[link.b]
        # Sure links, or each other's best counterpart in the other's source.
        assert link.score >= sample.options.threshold - MUTUAL_LINK_MARGIN
        assert sample.sentences[link.a].article_id != sample.sentences[link.b].article_id
    assert any(k.score >= sample.options.threshold + LINK_MARGIN for k in sample.links)


def test_the_lede_and_the_negotiations_post_line_up_in_the_sample(sample: Comparison) -> None:
    # Issue 13's examples: the same post told in other words, and the same share of land.
    (_group, texts), *_ = group_with(sample, "both leaders had agreed to initiate immediate")
    assert any("after speaking to Putin, Trump said they had" in t for t in texts)
    (_group, texts), *_ = group_with(sample, "Russia currently occupies approximately 20%")
    assert any("continues to occupy approximately 20% of Ukraine" in t for t in texts)


def test_groups_formed_by_scores_never_show_less_than_the_threshold(
    sample: Comparison,
) -> None:
    for group in sample.groups:
        if group.label is Label.SHARED:
            assert group.score >= sample.options.threshold


def test_mutual_best_counterparts_are_found_per_source() -> None:
    from aligner.match.align import ScoredPairs
    from aligner.match.links import _mutual_best

    # Sentence 0 (article 0) against 1 and 2 (article 1) and 3 (article 2).
    article_of = np.array([0, 1, 1, 2, 0])
    pairs = ScoredPairs(
        np.array([0, 0, 0, 4, 4]),
        np.array([1, 2, 3, 1, 3]),
        np.array([20.0, 12.0, 5.0, 25.0, 4.0], dtype=np.float32),
    )
    # 0-1: 1 prefers 4 (25 > 20); 0-2: 0 prefers 1; 0-3: both best (3 ties 0 over 4: 5 > 4);
    # 4-1: both best; 4-3: 3 prefers 0.
    assert _mutual_best(pairs, article_of).tolist() == [False, False, True, True, False]


# A sentence saying more than one or two things: links between such sentences go by score.
_LONG = "The ferry left the harbour an hour before the storm closed the port for the night."


def test_a_sure_link_joins_a_best_counterpart_in_its_source() -> None:
    from aligner.match.align import ScoredPairs
    from aligner.result.model import CompareOptions

    # Sentences 0 and 3 (article 0), 1 and 2 (article 1), each in a row of its own. 0-2
    # scores well over the threshold, but 0 has 1 and 2 has 3 for a better counterpart:
    # a neighbouring fact of the same story, not a retelling.
    article_of = np.array([0, 1, 1, 0])
    sure = CompareOptions().threshold + LINK_MARGIN
    pairs = ScoredPairs(
        np.array([0, 0, 2]),
        np.array([1, 2, 3]),
        np.array([sure + 30, sure + 10, sure + 20], dtype=np.float32),
    )
    links = links_of([_LONG] * 4, [[0], [1], [2], [3]], pairs, article_of)
    assert links == [("s0", "s1"), ("s2", "s3")]


def test_different_figures_in_a_row_of_unsure_counterparts_are_soft() -> None:
    from aligner.conflicts.passes import _softened
    from aligner.result.model import Finding, Severity

    number = Finding(ConflictKind.NUMBER, "7-year vs 12 to 18 months (duration)")
    negation = Finding(ConflictKind.NEGATION, '"not" in one only')
    assert [f.severity for f in _softened([number, negation], unsure=True)] == [
        Severity.SOFT,
        Severity.HARD,
    ]
    assert _softened([number], unsure=False) == [number]


def test_two_amounts_one_article_tells_in_sequence_are_no_conflict(tmp_path) -> None:
    _write_articles(
        tmp_path / "event",
        "The dealer agreed to pay $900 for the painting, the report said.\n",
        "The dealer was told he could pay $700 for the painting, the report said.\n\n"
        "But when he saw the frame, the dealer said he would pay a price of $900.\n",
    )
    assert compare([tmp_path / "event"]).conflicts == ()


def test_two_amounts_told_once_each_still_conflict(tmp_path) -> None:
    _write_articles(
        tmp_path / "event",
        "The dealer agreed to pay $900 for the painting, the report said.\n",
        "The dealer was told he could pay $700 for the painting, the report said.\n",
    )
    (conflict,) = compare([tmp_path / "event"]).conflicts
    assert conflict.detail == "$900 vs $700 (amount: pay)"


def test_one_quotation_worded_differently_is_a_soft_quote_conflict(tmp_path) -> None:
    _write_articles(
        tmp_path / "event",
        "The judge sentenced the real estate heir on Wednesday.\n\n"
        "“I am not guilty of killing Susan Berman,” the heir told the judge.\n",
        "The real estate heir was sentenced on Wednesday by the judge.\n\n"
        "“I am not guilty of murdering Susan Berman,” the heir told the judge.\n",
    )
    (conflict,) = compare([tmp_path / "event"]).conflicts
    assert (conflict.kind, conflict.severity) == (ConflictKind.QUOTE, Severity.SOFT)
    assert conflict.detail.startswith("killing vs murdering (in the quotation")


def test_counterparts_in_different_rows_are_checked_for_figures(tmp_path) -> None:
    # The second article tells the appointment twice: one telling shares a row with the
    # first article's, the other is its counterpart in another row.
    _write_articles(
        tmp_path / "event",
        "Fire Chief Maria Garcia was appointed in May 2014 by the city council.\n",
        "Fire Chief Maria Garcia was appointed in April 2014 by the city council.\n\n"
        "The city council appointed Fire Chief Maria Garcia in April 2014, records show.\n",
    )
    comparison = compare([tmp_path / "event"])
    rows = {comparison.group_of[s.id].id for s in comparison.articles[1].prose}
    assert len(rows) == 2
    told = sorted((c.a, c.b, c.detail) for c in comparison.conflicts)
    assert [detail for _, _, detail in told] == [
        "May 2014 vs April 2014 (month: appointed)",
        "May 2014 vs April 2014 (appointed Fire Chief Maria Garcia)",
    ]


def test_people_told_as_one_and_as_several_are_linked_softly(tmp_path) -> None:
    from aligner.result.model import Severity

    _write_articles(
        tmp_path / "event",
        "A man was seen running from the bank with a bag on Monday.\n",
        "Two men were seen running from the bank with bags on Monday.\n",
    )
    (conflict,) = compare([tmp_path / "event"]).conflicts
    assert (conflict.detail, conflict.severity) == (
        "a man vs two men (seen running from the bank)",
        Severity.SOFT,
    )


def test_furniture_ending_a_paragraph_is_not_a_claim(tmp_path) -> None:
    # A comment-policy paragraph ends in a "Read more" link; a caption paragraph of three
    # sentences (too long to be a caption line) ends in its photo credit; a story in a tag.
    paragraphs = [
        "The president took questions from reporters on Thursday.",
        "Keep your comments civil. Do not attack other readers. Use the button to report "
        "abuse. Read more",
        "The president spoke at the White House. He took questions for an hour. Reporters "
        "asked about Russia. He denied any contact. (Kevin Lamarque/Reuters)",
        "Seattle residents must be feeling healthier already! VPC",
    ]
    (tmp_path / "a.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    (tmp_path / "b.txt").write_text("The president spoke for an hour.\n", encoding="utf-8")
    article = compare([tmp_path]).articles[0]
    kinds = {sentence.text: sentence.kind for sentence in article.sentences}
    assert kinds["Read more"] is LineKind.BOILERPLATE
    assert kinds["(Kevin Lamarque/Reuters)"] is LineKind.CAPTION
    assert kinds["VPC"] is LineKind.BOILERPLATE
    assert kinds["He denied any contact."] is LineKind.PROSE
    assert kinds["Seattle residents must be feeling healthier already!"] is LineKind.PROSE


def test_a_soft_finding_in_a_row_not_surely_one_fact_is_dropped() -> None:
    from aligner.conflicts.passes import _softened
    from aligner.result.model import ConflictKind, Finding, Severity

    limits = Finding(ConflictKind.NUMBER, "Within hours vs Within three months", Severity.SOFT)
    toll = Finding(ConflictKind.NUMBER, "29 vs 19 (killed)")
    assert _softened([limits, toll], unsure=False) == [limits, toll]
    (kept,) = _softened([limits, toll], unsure=True)
    assert (kept.detail, kept.severity) == ("29 vs 19 (killed)", Severity.SOFT)


def test_compare_spells_every_option_as_a_keyword_with_its_default() -> None:
    import dataclasses
    import inspect

    from aligner.result.model import CompareOptions

    parameters = inspect.signature(compare).parameters
    for option in dataclasses.fields(CompareOptions):
        parameter = parameters[option.name]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        assert parameter.default == getattr(CompareOptions(), option.name)
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def test_conflict_checks_leave_out_figures_the_article_tells_elsewhere() -> None:
    # The checks themselves (which worker processes share) apply ArticleFigures.told_elsewhere:
    # "$40" then "$55" in one article tells both amounts, and "$55" elsewhere is no conflict.
    def checked_findings(first_article: list[str]) -> list[list[Finding]]:
        texts = [*first_article, "She paid $55 for the bike, the seller said."]
        features = [sentence_features(text) for text in texts]
        figures = ArticleFigures(features, [0] * len(first_article) + [1])
        last = len(texts) - 1
        checks = [(0, last, False, True, False), (0, last, True, True, False)]
        checks += [(0, last, True, False, True)]
        return _check_pairs(features, figures, checks)

    asked = "The seller first asked $40 for the bike."
    assert all(checked_findings([asked, "Four people saw the sale."]))
    assert checked_findings([asked, "After haggling, she agreed to a price of $55."]) == [[]] * 3


def test_conflict_checks_in_slices_give_every_check_its_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Figures are matched for a slice of the checks at a time; each check keeps its own.
    texts = [
        "29 people were killed and 12 hurt on Monday.",
        "19 people were killed and 12 hurt on Monday.",
        "At least 19 people were killed, officials said.",
        "The storm hit on Monday.",
        "Thirty people were killed and 12 hurt.",
    ]
    features = [sentence_features(text) for text in texts]
    figures = ArticleFigures(features, list(range(len(texts))))
    checks = [
        (i, j, only, counterparts, unsure)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        for only, counterparts in ((False, True), (True, True), (True, False))
        for unsure in (False, True)
    ]
    whole = _check_pairs(features, figures, checks)
    assert sum(map(bool, whole)) > 3
    monkeypatch.setattr("aligner.conflicts.passes._MATCHED_AT_ONCE", 4)
    assert _check_pairs(features, figures, checks) == whole


def _two_sentence_conflicts(texts: list[str], margin: float) -> list[Conflict]:
    """The conflicts ``rows_and_conflicts`` finds between two sentences of two articles whose
    pair scores ``margin`` over the threshold."""
    from types import SimpleNamespace

    from aligner.conflicts.passes import rows_and_conflicts
    from aligner.match.align import ScoredPairs
    from aligner.result.model import CompareOptions

    prose = [SimpleNamespace(id=f"a{k + 1}s1", text=text) for k, text in enumerate(texts)]
    settings = CompareOptions()
    pairs = ScoredPairs(
        np.array([0]), np.array([1]), np.array([settings.threshold + margin], dtype=np.float32)
    )
    _, _, conflicts = rows_and_conflicts(
        prose,  # type: ignore[arg-type]
        [sentence_features(t) for t in texts],
        pairs,
        np.array([0, 1]),
        settings,
        lambda stage, fraction: None,
        1,
    )
    return conflicts


def test_a_thin_sentence_worded_otherwise_shares_no_row_whatever_its_score() -> None:
    """ "Okay." is covered in full by "... a fine-tuned machine" (okay = fine) and had
    anchored a row of six sources at 92 (mn089); a sentence wording it the same still joins."""
    from types import SimpleNamespace

    from aligner.conflicts.passes import rows_and_conflicts
    from aligner.match.align import ScoredPairs
    from aligner.result.model import CompareOptions

    texts = ["Okay.", "This administration is running like a fine-tuned machine.", "“Okay."]
    prose = [SimpleNamespace(id=f"a{k + 1}s1", text=text) for k, text in enumerate(texts)]
    pairs = ScoredPairs(np.array([0, 0]), np.array([1, 2]), np.array([92.0, 92.0], np.float32))
    _, clusters, _ = rows_and_conflicts(
        prose,  # type: ignore[arg-type]
        [sentence_features(t) for t in texts],
        pairs,
        np.array([0, 1, 2]),
        CompareOptions(),
        lambda stage, fraction: None,
        1,
    )
    assert sorted(clusters) == [[0, 2], [1]]


@pytest.mark.parametrize(("margin", "severity"), [(-5.0, "soft"), (SURE_PAIR_MARGIN, "hard")])
def test_figures_of_sentences_only_related_are_a_soft_difference(
    margin: float, severity: str
) -> None:
    """Two sentences that score just under the threshold may tell two facts ("came just a day
    after" / "went 11 days without"): their differing figures are for the reader to check,
    never a hard contradiction; sure counterparts keep a hard one."""
    texts = [
        "The new bridge cost $80 million to build.",
        "Officials said the bridge cost $95 million.",
    ]
    conflicts = _two_sentence_conflicts(texts, margin)
    assert [(c.kind, c.severity.value) for c in conflicts] == [(ConflictKind.NUMBER, severity)]


@pytest.mark.parametrize(("margin", "found"), [(-5.0, []), (SURE_PAIR_MARGIN, ["soft"])])
def test_spans_of_different_things_in_related_sentences_are_no_conflict(
    margin: float, found: list[str]
) -> None:
    """Sentences only related ("came just a day after" / "went 11 days without") lose a
    difference of owners (aligner/conflicts/owners.py), a doubt on a doubt; sure
    counterparts keep it, soft, naming it."""
    texts = [
        "The announcement came just a day after the government denied any part in it.",
        "The announcement raised questions about a building left 11 days without cleaning.",
    ]
    conflicts = _two_sentence_conflicts(texts, margin)
    assert [c.severity.value for c in conflicts] == found
    assert all("a day after vs 11 days without" in c.detail for c in conflicts)


def test_sentences_best_for_each_other_are_linked_only_between_articles_of_one_story() -> None:
    """Every sentence has a best counterpart in every other article, also in one about
    another event: a weak mutual-best pair is a link only when its articles share a row."""
    from aligner.match.align import ScoredPairs
    from aligner.result.model import CompareOptions

    # Articles 0, 1 and 2; sentences 0-1 (article 0), 2-3 (article 1), 4 (article 2).
    article_of = np.array([0, 0, 1, 1, 2])
    settings = CompareOptions()
    weak = settings.threshold - MUTUAL_LINK_MARGIN + 1
    pairs = ScoredPairs(
        np.array([0, 1, 1]),
        np.array([2, 3, 4]),
        np.array([settings.threshold + 20, weak, weak], dtype=np.float32),
    )
    # Rows: 0 and 2 together (articles 0 and 1 share a row), the rest alone.
    clusters = [[0, 2], [1], [3], [4]]
    links = links_of([_LONG] * 5, clusters, pairs, article_of, settings)
    assert links == [("s1", "s3")]  # not s1-s4: article 2 shares no row


@pytest.mark.parametrize(
    ("thin", "linked"),
    [
        ("Until the storm.", False),  # one word of the other sentence: no retelling
        ("The port closed for the night.", True),  # quoted inside the other
    ],
)
def test_a_thin_sentence_is_linked_only_to_a_sentence_wording_it_the_same(
    thin: str, linked: bool
) -> None:
    from aligner.match.align import ScoredPairs
    from aligner.result.model import CompareOptions

    long = "Officials said the port closed for the night as the storm came ashore."
    settings = CompareOptions()
    pairs = ScoredPairs(
        np.array([0]), np.array([1]), np.array([settings.threshold + 50], dtype=np.float32)
    )
    links = links_of([long, thin], [[0], [1]], pairs, np.array([0, 1]), settings)
    assert links == ([("s0", "s1")] if linked else [])


@pytest.mark.parametrize(("other_figure", "found"), [("19", ["29 vs 19 (people)"]), ("29", [])])
def test_a_name_spelled_two_ways_is_told_only_of_sentences_with_no_other_conflict(
    other_figure: str, found: list[str]
) -> None:
    # The spelling finding names its sentences the other way round ("a2s1", "a1s1"): a
    # conflict between them either way round is one.
    texts = [
        "Voters rebuked President Barak Obama on Tuesday, 29 people said.",
        f"Voters rebuked President Barack Obama on Tuesday, {other_figure} people said.",
    ]
    conflicts = _two_sentence_conflicts(texts, SURE_PAIR_MARGIN)
    spelling = ["Barack vs Barak (spelling of Barak Obama or Barack Obama)"]
    assert [c.detail for c in conflicts] == (found or spelling)
    assert {frozenset((c.a, c.b)) for c in conflicts} == {frozenset(("a1s1", "a2s1"))}


def test_one_day_s_part_told_two_ways_by_counterparts_is_a_soft_conflict(tmp_path) -> None:
    _write_articles(
        tmp_path / "event",
        "On Saturday afternoon, the store manager reported a strong smell from the column.\n",
        "The store manager reported a strong smell from the column Saturday morning.\n",
    )
    (conflict,) = compare([tmp_path / "event"]).conflicts
    assert (conflict.kind, conflict.severity) == (ConflictKind.NUMBER, Severity.SOFT)
    assert conflict.detail.startswith("Saturday afternoon vs Saturday morning (reported")


def test_a_kind_of_amount_within_the_sum_is_no_conflict(tmp_path) -> None:
    # news cluster mn145: the $25 million of punitive damages are part of the $33.5 million
    # judgment.
    _write_articles(
        tmp_path / "event",
        "A civil jury ordered him to pay $33.5 million to the two families in 1997.\n",
        "A civil jury ordered him to pay $25 million in punitive damages to the two families.\n",
    )
    assert compare([tmp_path / "event"]).conflicts == ()


def test_a_row_of_many_outlets_checks_each_version_against_the_pivots(tmp_path: Path) -> None:
    """Twelve outlets retell one toll, three of them differently: each differing version is
    set against the pivot's (not every pair of the 66), and the pivot decides which."""
    tolls = [29, 29, 19, 29, 29, 25, 29, 29, 29, 29, 19, 29]
    for number, toll in enumerate(tolls, start=1):
        (tmp_path / f"outlet{number:02d}.txt").write_text(
            f"Officials said {toll} people were killed in the attack on the central market on "
            "Monday.\nThe market reopened on Wednesday under heavy guard.\n",
            encoding="utf-8",
        )
    first = compare([tmp_path])
    assert max(len(group.members) for group in first.groups) == len(tolls)
    assert sorted((c.a, c.b, c.detail) for c in first.conflicts) == [
        ("a1s1", "a11s1", "29 vs 19 (people killed in the attack)"),
        ("a1s1", "a3s1", "29 vs 19 (people killed in the attack)"),
        ("a1s1", "a6s1", "29 vs 25 (people killed in the attack)"),
    ]
    # With the third outlet (19) as the pivot, the nine that say 29 and the one that says 25
    # differ from it; the other 19 does not.
    third = compare([tmp_path], pivot=2)
    assert sorted({c.b if c.a == "a3s1" else c.a for c in third.conflicts}) == sorted(
        f"a{k}s1" for k in (1, 2, 4, 5, 6, 7, 8, 9, 10, 12)
    )
    assert all("a3s1" in (c.a, c.b) for c in third.conflicts)
