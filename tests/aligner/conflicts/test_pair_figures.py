"""Figures an article tells in sequence: the other article's figure given elsewhere."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.conflicts.checks import find_conflicts
from aligner.conflicts.figure_index import same_unit, time_frames
from aligner.conflicts.pair_figures import ArticleFigures, people_number_findings
from aligner.result.model import Severity
from aligner.text.features import SentenceFeatures, sentence_features, stem


def _figures(*told: tuple[int, str]) -> ArticleFigures:
    return ArticleFigures(
        [sentence_features(text) for _, text in told], [article for article, _ in told]
    )


def test_an_article_that_gives_the_other_figure_elsewhere_tells_both() -> None:
    figures = _figures(
        (0, "The seller first asked $40 for the bike."),
        (0, "After haggling, she agreed to a price of $55."),
        (1, "She paid $55 for the bike, the seller said."),
    )
    assert figures.told_elsewhere(0, 2)
    assert figures.told_elsewhere(2, 0)


def test_a_figure_no_other_sentence_of_the_article_gives_is_a_disagreement() -> None:
    figures = _figures(
        (0, "The seller first asked $40 for the bike."),
        (0, "Four people saw the sale."),
        (1, "She paid $55 for the bike, the seller said."),
    )
    assert not figures.told_elsewhere(0, 2)


def test_sentences_without_figures_tell_nothing_elsewhere() -> None:
    figures = _figures((0, "No figure here."), (0, "Nor here."), (1, "None at all."))
    assert figures.told_elsewhere_each([]) == []
    assert not figures.told_elsewhere(0, 2)
    assert not figures.told_elsewhere(2, 1)


def test_the_figure_must_be_of_the_same_kind_and_unit() -> None:
    figures = _figures(
        (0, "Three people were arrested on Monday."),
        (0, "The raid lasted four hours."),
        (1, "Four people were arrested on Monday."),
    )
    assert not figures.told_elsewhere(0, 2)


def _people(a: str, b: str) -> list[str]:
    found = people_number_findings(sentence_features(a), sentence_features(b))
    assert all(f.severity.value == "soft" for f in found)
    return [f.detail for f in found]


def test_people_told_as_one_and_as_several_are_a_soft_conflict() -> None:
    assert _people(
        "A man was seen running from the bank with a bag.",
        "Two men were seen running from the bank with bags.",
    ) == ["a man vs two men (seen running from the bank)"]
    assert _people(
        "The fire was reported by his wife and sons.", "His wife and son reported the fire."
    ) == ["his wife and sons vs his wife and son (reported the fire)"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("One of the two gunmen was shot.", "A gunman was shot by the guard."),
        ("A second woman was charged on Monday.", "Two women were charged."),
        ("She faces counts of battery to a child.", "She looked after 12 children."),
        ("Two men and a man's dog were found.", "Two men were found."),
        # One man counted beside two others (mn081): he is one of several.
        (
            "One man approached the victim when two other people came up behind him.",
            "Two men then approached armed with handguns.",
        ),
    ],
)
def test_one_of_several_or_a_legal_phrase_is_no_count(a: str, b: str) -> None:
    assert _people(a, b) == []


def test_people_acting_and_people_acted_on_are_other_people() -> None:
    assert (
        _people(
            "The shopkeeper was hurt when two men drew knives at closing time.",
            "The man was stabbed twice and taken to hospital.",
        )
        == []
    )
    assert _people(
        "Two women were seen leaving the bank.", "A woman was seen leaving the bank."
    ) == ["two women vs a woman (seen leaving the bank)"]


# Figures of one kind in several units, parts and rates, exact and rounded, so that an
# article may give some of another sentence's figures, all of them, or none.
_TOLD = [
    "The seller first asked $40 for the bike, then $55.",
    "She paid $55 for the bike and $40.5 for the lock.",
    "Police charged him with 12 charges and three other charges.",
    "He faces 12 charges, the police said.",
    "Prices rose 1.75 cents per ounce and 2 cents per year.",
    "Prices rose 2 cents per ounce, 0.8 percent.",
    "The index rose 0.81 percent to 1,700.34.",
    "The index rose 0.8 percent to 1700.34, up 13.70.",
    "Four people were arrested and 29 were killed.",
    "It rose to 29, and four people were hurt.",
    "No figure here at all.",
]


def _told_elsewhere_as_defined(
    features: list[SentenceFeatures], articles: list[int], i: int, j: int
) -> bool:
    """``ArticleFigures.told_elsewhere`` as its docstring tells it, figure by figure."""

    def gives_the_unmatched(giver: int, told: int, other: int) -> bool:
        kinds = {q.kind for q in features[other].quantities}
        unmatched = [
            q
            for q in features[told].quantities
            if q.kind in kinds and not any(q.compatible(o) for o in features[other].quantities)
        ]
        return bool(unmatched) and all(
            any(
                k != giver
                and articles[k] == articles[giver]
                and q.kind == given.kind
                and same_unit(q, given)
                and q.compatible(given)
                for k, sentence in enumerate(features)
                for given in sentence.quantities
            )
            for q in unmatched
        )

    return gives_the_unmatched(j, i, j) or gives_the_unmatched(i, j, i)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(_TOLD)), min_size=2, max_size=8))
def test_told_elsewhere_is_every_unmatched_figure_given_by_another_sentence(
    told: list[tuple[int, str]],
) -> None:
    figures = _figures(*told)
    features = [sentence_features(text) for _, text in told]
    articles = [article for article, _ in told]
    pairs = list(itertools.permutations(range(len(told)), 2))
    for i, j in pairs:
        assert figures.told_elsewhere(i, j) == _told_elsewhere_as_defined(
            features, articles, i, j
        ), (told, i, j)
    # Asked of all pairs at once, as the checks ask it: each answer is still its pair's.
    matched = zip(pairs, figures.index.matches(pairs), strict=True)
    each = figures.told_elsewhere_each([(i, j, m) for (i, j), m in matched])
    assert each == [_told_elsewhere_as_defined(features, articles, i, j) for i, j in pairs]


def _severity(a: str, b: str) -> list[str]:
    return [f.severity.value for f in find_conflicts(sentence_features(a), sentence_features(b))]


def test_amounts_for_a_part_agree_and_for_two_kinds_differ_softly() -> None:
    # Figures of different owners (owners.py): a part no larger than its whole agrees with
    # it; two kinds of one thing are told apart, softly, naming the difference.
    damages = "The court ordered him to pay $12 million in {} to the family."
    punitive = "A jury ordered him to pay $9 million in punitive damages to the family."
    assert _severity(damages.format("damages"), punitive) == []
    assert _severity(damages.format("compensatory damages"), punitive) == ["soft"]
    (found,) = find_conflicts(
        sentence_features(damages.format("compensatory damages")), sentence_features(punitive)
    )
    assert "compensatory damages vs punitive damages" in found.detail


def test_time_frames_are_the_verbs_told_only_as_done_and_only_as_to_come() -> None:
    told = sentence_features("He served three years, was jailed, and will serve two more.")
    done, to_come = time_frames(told.tokens, told.stems)
    assert (done, to_come) == ({stem("jailed")}, set())  # "served" is told both ways
    told = sentence_features("Rebels will release 40 hostages, to be freed on Monday.")
    assert time_frames(told.tokens, told.stems) == (set(), {stem("release"), stem("be")})


def test_figures_of_several_kinds_are_told_kind_by_kind_in_order() -> None:
    # The order of a pair's reasons is the order of their kinds' names, whichever sentence
    # comes first and in whatever order each gives its figures.
    first = "Shares rose 5 percent to $12 after 3 deals in the quarter."
    second = "After 4 deals in the quarter, shares rose to $15, or 7 percent."
    kinds = [
        [
            f.detail.split(" vs ")[0]
            for f in find_conflicts(sentence_features(a), sentence_features(b))
        ]
        for a, b in ((first, second), (second, first))
    ]
    assert kinds == [["3", "$12", "5 percent"], ["4", "$15", "7 percent"]]


# Pairs whose figures differ softly in every way a figure may (a bound, two owners, two
# kinds of one amount, a clock time with no zone, a time ago, two time limits), and hardly.
_SOFTLY_AND_HARDLY = [
    "At least 19 people were killed in the attack.",
    "29 people were killed in the attack.",
    "The Rasmussen poll found 55 percent support the plan.",
    "A Pew Research Center survey found 39 percent support the plan.",
    "The court ordered him to pay $12 million in compensatory damages.",
    "A jury ordered him to pay $9 million in punitive damages.",
    "The meeting began at 4:00 pm.",
    "The meeting began at 6:00 pm.",
    "The dinosaur lived 150 million years ago.",
    "The dinosaur lived 160 million years ago.",
    "Within hours the suspect was arrested.",
    "Within an hour the suspect was arrested.",
    "Shares rose 5 percent to $12 after 3 deals.",
    "Shares rose 7 percent to $15 after 4 deals.",
    "He won 306 votes.",
]


@pytest.mark.parametrize(("same_noun_only", "dated"), itertools.product([False, True], repeat=2))
def test_hard_only_finds_the_hard_findings_alone(same_noun_only: bool, dated: bool) -> None:
    figures = _figures(*((k, text) for k, text in enumerate(_SOFTLY_AND_HARDLY)))
    severities = set()
    for i, j in itertools.permutations(range(len(_SOFTLY_AND_HARDLY)), 2):
        every = figures.number_conflicts(i, j, same_noun_only=same_noun_only, dated=dated)
        hard = figures.number_conflicts(
            i, j, same_noun_only=same_noun_only, dated=dated, hard_only=True
        )
        assert hard == [f for f in every if f.severity is Severity.HARD], (i, j)
        severities |= {f.severity for f in every}
    assert severities == {Severity.HARD, Severity.SOFT}  # both kinds are asked


@pytest.mark.parametrize("dated", [False, True])
def test_pairs_that_may_find_nothing_find_nothing(dated: bool) -> None:
    texts = [
        *_SOFTLY_AND_HARDLY,
        *_TOLD,
        "Cosme, 32, was arrested in May 2014 at the 5500 block of 84th Street.",
        "Cosme, 33, was arrested in June 2014 at the 5600 block of 84th Street.",
    ]
    figures = _figures(*enumerate(texts))
    pairs = list(itertools.permutations(range(len(texts)), 2))
    batch = figures.index.matches_at_once(pairs)
    may = figures.may_find(batch, [dated] * len(pairs))
    found = [
        [
            figures.number_conflicts(i, j, same_noun_only=same, dated=dated, matched=matched)
            for same in (False, True)
        ]
        for (i, j), matched in zip(pairs, batch.matched, strict=True)
    ]
    assert all(not any(told) for told, may_find in zip(found, may, strict=True) if not may_find)
    # Both answers are given, and "may" is no promise: some pairs that may find nothing.
    assert {may_find for told, may_find in zip(found, may, strict=True) if any(told)} == {True}
    assert {may_find for told, may_find in zip(found, may, strict=True) if not any(told)} == {
        True,
        False,
    }
    # Ages and months are compared only when dated; a place never.
    ages = pairs.index((len(texts) - 2, len(texts) - 1))
    assert may[ages] == dated
