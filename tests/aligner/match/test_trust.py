"""Which shared rows the reader marks as only probably one fact (aligner/match/trust.py)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.calibration import DOUBT_CONTENT_WORDS, SURE_ROW_SCORE
from aligner.match.align import ScoredPairs
from aligner.match.trust import (
    folded_if_thin,
    member_doubts,
    row_doubt,
    thin_pairs_worded_apart,
    thin_partners_apart,
)
from aligner.result.model import Group, Label


def _row(score: float, *texts: str) -> tuple[Group, dict[str, str]]:
    ids = tuple(f"a{k + 1}s1" for k in range(len(texts)))
    return Group("g1", Label.SHARED, ids, score), dict(zip(ids, texts, strict=True))


# mn121 g11: two outlets tell the finding near word for word, a third jokes about it.
MAGNOLIA = (
    "EPA's review of information it obtained with Magnolia's cooperation found evidence of "
    "noncompliance at renovations of 33 properties.",
    "EPA's review of information obtained with Magnolia's cooperation found evidence of "
    "noncompliance at renovations of 33 properties.",
    "That's 33 different homes, but at least they probably look a lot better.",
)


def _scored_row(member_scores: tuple[float, ...], *texts: str) -> tuple[Group, dict[str, str]]:
    ids = tuple(f"a{k + 1}s1" for k in range(len(texts)))
    group = Group("g1", Label.SHARED, ids, min(member_scores), member_scores)
    return group, dict(zip(ids, texts, strict=True))


def test_a_weak_third_member_is_doubted_alone() -> None:
    group, texts = _scored_row((97.0, 43.0, 97.0), MAGNOLIA[0], MAGNOLIA[2], MAGNOLIA[1])
    assert member_doubts(group, texts) == {
        "a2s1": f"under {SURE_ROW_SCORE:.0f}, sources often tell different facts"
    }
    assert row_doubt(group, texts) is not None  # the row as a whole is still not all sure


def test_a_member_exactly_at_the_sure_score_is_sure() -> None:
    group, texts = _scored_row((SURE_ROW_SCORE, SURE_ROW_SCORE - 0.01, SURE_ROW_SCORE), *MAGNOLIA)
    assert set(member_doubts(group, texts)) == {"a2s1"}


def test_a_member_whose_only_sure_partner_is_doubted_is_doubted_too() -> None:
    # a1 and a2 match at 97 (a1's best), a3 at 43: with a2 short and worded otherwise, a1
    # has no partner that surely tells its fact.
    group, texts = _scored_row((97.0, 97.0, 43.0), MAGNOLIA[0], "It is good.", MAGNOLIA[2])
    doubts = member_doubts(group, texts)
    assert doubts == {
        "a1s1": "its only partners here are maybe the same fact",
        "a2s1": "a sentence this short matches on a few words",
        "a3s1": f"under {SURE_ROW_SCORE:.0f}, sources often tell different facts",
    }
    assert row_doubt(group, texts) == "a sentence this short matches on a few words"


def test_a_short_member_worded_otherwise_leaves_two_sure_partners_sure() -> None:
    group, texts = _scored_row((97.0, 91.0, 97.0), MAGNOLIA[0], "It is good.", MAGNOLIA[1])
    assert set(member_doubts(group, texts)) == {"a2s1"}


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=6),
    st.lists(st.sampled_from(["It is good.", *MAGNOLIA]), min_size=6, max_size=6),
)
def test_a_row_has_no_sure_member_or_at_least_two(scores: list[float], texts: list[str]) -> None:
    group, by_id = _scored_row(tuple(scores), *texts[: len(scores)])
    doubts = member_doubts(group, by_id)
    assert len(scores) - len(doubts) != 1
    weak = [m for m, score in zip(group.members, scores, strict=True) if score < SURE_ROW_SCORE]
    assert all(m in doubts for m in weak)
    assert (row_doubt(group, by_id) is None) == (not doubts)


def test_a_row_under_the_sure_score_is_probable_whatever_its_sentences() -> None:
    group, texts = _row(SURE_ROW_SCORE - 0.01, "Durst was sentenced to 85 months in prison.",
                        "Durst was sentenced to seven years in prison.")  # fmt: skip
    assert (
        row_doubt(group, texts) == f"under {SURE_ROW_SCORE:.0f}, sources often tell different facts"
    )


def test_a_sure_row_of_full_sentences_raises_no_doubt() -> None:
    group, texts = _row(SURE_ROW_SCORE, "Durst was sentenced to 85 months in prison.",
                        "Durst was sentenced to seven years in prison.")  # fmt: skip
    assert row_doubt(group, texts) is None


@pytest.mark.parametrize(
    ("thin", "other"),
    [
        ('"And it did in this case.', "Detectives said they were working on both cases."),
        ("It is good.", "So Alex, I wished him the best."),
        ("All times are a.m.", "Check your local moonrise time here."),
    ],
)
def test_a_thin_member_worded_otherwise_makes_a_sure_row_probable(thin: str, other: str) -> None:
    group, texts = _row(91.0, thin, other)
    assert row_doubt(group, texts) == "a sentence this short matches on a few words"
    group, texts = _row(91.0, other, thin)  # whichever source it comes from
    assert row_doubt(group, texts) is not None


@pytest.mark.parametrize(
    ("short", "other"),
    [
        ("I know people are going to second guess.", "I don’t know what’s going on.”"),
        ("His name is Dallas Swonger.", "Dallas Swonger wants the world to just know one thing."),
    ],
)
def test_a_member_of_three_content_words_worded_otherwise_makes_a_sure_row_probable(
    short: str, other: str
) -> None:
    group, texts = _row(96.0, short, other)
    assert row_doubt(group, texts) == "a sentence this short matches on a few words"


def test_three_content_words_make_a_sentence_short_for_doubt_not_thin() -> None:
    # Only the doubt reaches three content words: such a sentence still forms rows and links.
    text = "His name is Dallas Swonger."
    assert folded_if_thin(text, DOUBT_CONTENT_WORDS) is not None
    assert folded_if_thin(text) is None
    other = "Dallas Swonger wants the world to just know one thing."
    assert thin_pairs_worded_apart([text, other], [0], [1]) == [False]


def test_a_short_member_worded_alike_stays_sure() -> None:
    group, texts = _row(
        100.0, "“It’s not a real gun.", "It was not a real gun, the spokesman said."
    )
    assert row_doubt(group, texts) is None


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("I don't know.", "I don’t know."),  # typographic quote
        ("So it's very important to me.", "So it’s very important to me."),
        ("There's no upside.", "“There’s no upside."),
    ],
)
def test_a_thin_member_worded_alike_by_another_stays_sure(one: str, other: str) -> None:
    group, texts = _row(100.0, one, other)
    assert row_doubt(group, texts) is None


def test_a_thin_member_needs_only_one_member_worded_alike() -> None:
    group, texts = _row(
        99.9,
        "Chaos.",
        "“Chaos.",
        "Chaos, he said, reigned in every corridor of the burning building.",
    )
    assert row_doubt(group, texts) is None


@pytest.mark.parametrize(
    ("quoted", "sure"),
    [
        ("Set up a meeting.", True),  # three words or more, quoted inside the other member
        ("I don't have to tell you.", True),
        ("Chaos.", False),  # one word inside a sentence is no quote
        ("It is good.", False),  # "... argued life is good.": not word for word
    ],
)
def test_a_thin_member_quoted_inside_another_stays_sure(quoted: str, sure: bool) -> None:
    fuller = {
        "Set up a meeting.": "TRUMP: Let's go set up a meeting, he told the reporter.",
        "I don't have to tell you.": "I don't have to tell you what I'm gonna do in North Korea.",
        "Chaos.": "There was zero chaos in the building, he insisted.",
        "It is good.": "At the White House, however, Trump argued life is good.",
    }[quoted]
    group, texts = _row(95.0, quoted, fuller)
    assert (row_doubt(group, texts) is None) == sure


def test_pairs_with_a_thin_sentence_worded_otherwise_are_apart() -> None:
    texts = [
        "Until the murders.",
        "The murders and the trial that followed changed many people's opinions of him.",
        "The murders and the trial changed many opinions of the former football star.",
        "“Until the murders.",
    ]
    apart = thin_pairs_worded_apart(texts, [0, 1, 0, 3], [1, 2, 3, 2])
    # thin vs full, full vs full, thin vs the same thin words, full vs thin (either order)
    assert apart == [True, False, False, True]


@pytest.mark.parametrize(
    ("thin", "other", "alike"),
    [
        # both content words of a thin sentence said by a fuller one
        ("He will be sorely missed.”", "He will be very sorely missed,” the company said.", True),
        ("Both are in area hospitals.", "One friend is in a Boston hospital.", False),
        # ... next to each other and in order, not two words far apart
        ("TRUMP: No, no.", "“No. 2, racism,” Trump continued.", False),
        # a lone content word is no evidence, even when the other says nothing more
        ("I know what was said.", "You know why?", False),
        ("Chaos.", "And the other thing - chaos.", False),
        ("Okay.", "This administration is running like a fine-tuned machine.", False),
        # quoted word for word inside more
        ("Set up a meeting.", "TRUMP: Let's go set up a meeting, he told the reporter.", True),
    ],
)
def test_a_thin_sentence_is_judged_from_its_side_in_either_order(
    thin: str, other: str, alike: bool
) -> None:
    texts = [thin, other]
    assert thin_pairs_worded_apart(texts, [0, 1], [1, 0]) == [not alike, not alike]
    group, by_id = _row(95.0, thin, other)
    assert (row_doubt(group, by_id) is None) == alike


def test_thin_partners_apart_lists_both_sides_of_pairs_at_the_floor() -> None:
    texts = [
        "Okay.",
        "This administration is running like a fine-tuned machine.",
        "The White House is a fine-tuned machine.",
        "Okay.",
    ]
    pairs = ScoredPairs(
        np.array([0, 0, 1, 3]), np.array([1, 2, 2, 0]), np.array([92, 29.9, 99, 80], np.float32)
    )
    # 0~2 is under the floor, 1~2 has no thin sentence, 3~0 words "Okay." the same.
    assert thin_partners_apart(texts, pairs, 30.0) == {0: {1}, 1: {0}}
    assert thin_partners_apart(texts, pairs, 20.0) == {0: {1, 2}, 1: {0}, 2: {0}}
    empty = ScoredPairs(np.array([], np.int64), np.array([], np.int64), np.array([], np.float32))
    assert thin_partners_apart(texts, empty, 30.0) == {}


def test_four_content_words_are_not_short() -> None:
    group, texts = _row(
        90.0, "Police arrested Johnson on Friday.", "Deputies arrested the police chief on Friday."
    )
    assert row_doubt(group, texts) is None
    group, texts = _row(90.0, "Police arrested Johnson.", "Deputies arrested the chief.")
    assert row_doubt(group, texts) is not None  # three: as sure as a weak row


@given(st.text(max_size=40), st.floats(min_value=0, max_value=100))
def test_a_single_sentence_raises_no_doubt(text: str, score: float) -> None:
    group = Group("g1", Label.UNIQUE, ("a1s1",), score)
    assert row_doubt(group, {"a1s1": text}) is None


@given(st.text(max_size=60), st.text(max_size=60), st.floats(min_value=0, max_value=100))
def test_doubt_is_the_same_whichever_member_comes_first(one: str, other: str, score: float) -> None:
    first = Group("g1", Label.SHARED, ("a1s1", "a2s1"), score)
    assert (row_doubt(first, {"a1s1": one, "a2s1": other}) is None) == (
        row_doubt(first, {"a1s1": other, "a2s1": one}) is None
    )


@pytest.mark.parametrize(
    ("text", "thin"),
    [
        ("I don’t know what’s going on.”", True),  # know, going
        ("They’re not true.", True),
        ("I'm having a good time doing it.", True),
        ("O'Brien won the vote.", False),  # a name with an apostrophe is no contraction
    ],
)
def test_contractions_of_stopwords_are_no_content_words(text: str, thin: bool) -> None:
    assert (folded_if_thin(text) is not None) is thin


# The sample corpus's "Shared 13": three outlets tell Hegseth's words, a fifth Zelensky's, all
# scoring 95 or more; each outlet names both men in full elsewhere in its article.
HEGSETH_ROW = (
    "Instead, Hegseth proposed “robust security guarantees” to prevent a resurgence of "
    "conflict, but clarified that U.S. troops would not be deployed to Ukraine.",
    "Hegseth said any durable peace must include “robust security guarantees to ensure that "
    "the war will not begin again”.",
    'Hegseth emphasized that a lasting peace should include "robust security guarantees" but '
    "clarified that U.S. troops would not be stationed in Ukraine under such guarantees.",
    "Zelensky reiterated that Ukraine was fully committed to peace, but emphasized that it "
    "would not settle for a security agreement that did not include robust US involvement.",
)
NAMED_IN_FULL = "Defense Secretary Pete Hegseth spoke. Ukrainian President Volodymyr Zelensky too."


def test_a_member_said_by_another_person_than_its_partners_is_doubted() -> None:
    group, texts = _scored_row((99.8, 99.3, 99.8, 95.7), *HEGSETH_ROW)
    context = dict.fromkeys(texts, NAMED_IN_FULL)
    assert member_doubts(group, texts, context) == {
        "a4s1": "said by different people: Zelensky vs Hegseth"
    }
    # Without the articles, a surname alone may be anyone's: no doubt.
    assert member_doubts(group, texts) == {}


def test_two_people_s_words_in_a_pair_are_both_doubted() -> None:
    # mn113: a lobbyist and the teen both think flushing the reservoir is a bad idea (99.6).
    craford = (
        "Kent Craford, a former lobbyist for large industrial water customers and co-petitioner"
        " of the ballot measure, said he thinks flushing 38 million gallons is a bad idea."
    )
    delynn = "Delynn also told Kavanaugh he thinks it's silly to flush 38 million gallons of water:"
    group, texts = _scored_row((99.6, 99.6), craford, delynn)
    context = {"a1s1": craford, "a2s1": "Dallas Delynn says he didn't urinate in it."}
    assert member_doubts(group, texts, context) == {
        "a1s1": "said by different people: Kent Craford vs Delynn",
        "a2s1": "said by different people: Delynn vs Kent Craford",
    }


@pytest.mark.parametrize(
    ("one", "other", "context"),
    [
        # mn113: one man, "Dallas Delynn" in one outlet and "Dallas Swonger" in the other.
        (
            '"Like, how they can do that?" says Delynn.',
            '"Like, how they can do that?" says Swonger.',
            ("Dallas Delynn says he didn't.", "It started off well for Dallas Swonger."),
        ),
        # Only one names the speaker: the other by a role, or not at all in a quotation.
        (
            "Trump said the talks went very well.",
            "The president said the talks went very well.",
            (),
        ),
        (
            "Neighbor Dan Aguliar said he can't believe it happened in Boston.",
            "I can't believe this has happened.",
            (),
        ),
        # An institution and a person of it.
        (
            "Japanese Foreign Minister Taro Kono said the world should not be naive about it.",
            "Japan has warned that the world should not be naive about it.",
            (),
        ),
    ],
)
def test_a_speaker_that_may_be_one_person_is_no_doubt(
    one: str, other: str, context: tuple[str, ...]
) -> None:
    group, texts = _scored_row((99.0, 99.0), one, other)
    around = dict(zip(texts, context, strict=True)) if context else None
    assert member_doubts(group, texts, around) == {}
