"""Tests for aligner.text.diff: word-level diffs with character offsets."""

from __future__ import annotations

import dataclasses
import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text.diff import (
    DiffKind,
    DiffOp,
    is_number_token,
    token_spans,
    word_diff,
)

EQUAL, INSERT, DELETE, REPLACE = DiffKind.EQUAL, DiffKind.INSERT, DiffKind.DELETE, DiffKind.REPLACE


def tokens(text: str) -> list[str]:
    return [text[start:end] for start, end in token_spans(text)]


def kinds(ops: tuple[DiffOp, ...]) -> list[DiffKind]:
    return [op.kind for op in ops]


def mirrored(op: DiffOp) -> DiffOp:
    kind = {INSERT: DELETE, DELETE: INSERT}.get(op.kind, op.kind)
    return DiffOp(kind, op.b, op.a, op.b_start, op.b_end, op.a_start, op.a_end, op.numeric)


def assert_covers(text: str, ranges: list[tuple[int, int]]) -> None:
    """Ordered ranges with only whitespace before, between and after them."""
    position = 0
    for start, end in ranges:
        assert position <= start <= end <= len(text)
        assert not text[position:start].strip()
        position = end
    assert not text[position:].strip()


# --- tokens ----------------------------------------------------------------------------------


def test_tokens_keep_numbers_abbreviations_and_contractions_whole() -> None:
    text = "U.S. pays $2.5 billion (20%) at 9:30 a.m., pre-2014 borders, Zelenskiy’s 1,000..."
    assert tokens(text) == [
        "U.S.", "pays", "$2.5", "billion", "(", "20%", ")", "at", "9:30", "a.m.", ",",
        "pre-2014", "borders", ",", "Zelenskiy’s", "1,000", "...",
    ]  # fmt: skip


def test_punctuation_is_split_from_words() -> None:
    assert tokens("“Peace,” he said—again.") == [
        "“",
        "Peace",
        ",",
        "”",
        "he",
        "said",
        "—",
        "again",
        ".",
    ]


def test_number_separators_only_join_digits() -> None:
    assert tokens("3.5 and 3. 5, a,b") == ["3.5", "and", "3", ".", "5", ",", "a", ",", "b"]


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("29", True),
        ("3.5", True),
        ("$2.5", True),
        ("20%", True),
        ("pre-2014", True),
        ("Thirty", True),
        ("twenty-five", True),
        ("hundreds", True),
        ("peace", False),
        ("one-sided", False),
        ("", False),
        ("-", False),
    ],
)
def test_is_number_token(token: str, expected: bool) -> None:
    assert is_number_token(token) is expected


# --- diffs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelenskiy’s office said", "Zelenskiy's office said"),
        ("“Robust security guarantees”", '"robust security guarantees"'),
        ("Trump–Putin call — a shift", "Trump-Putin call -- a shift"),
        ("THE WAR ended", "the war Ended"),
        ("He paused… then spoke", "He paused... then spoke"),
    ],
)
def test_case_quotes_and_dashes_do_not_count_as_changes(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert kinds(ops) == [EQUAL]
    assert (ops[0].a, ops[0].b) == (a, b)


def test_changed_number_is_a_numeric_replace_with_exact_offsets() -> None:
    a = "Zelenskiy’s office said 29 people died."
    b = "Zelenskiy's office said 19 people were killed."
    ops = word_diff(a, b)
    assert kinds(ops) == [EQUAL, REPLACE, EQUAL, REPLACE, EQUAL]
    number = ops[1]
    assert (number.a, number.b, number.numeric) == ("29", "19", True)
    assert (number.a_start, number.a_end) == (a.index("29"), a.index("29") + 2)
    assert (number.b_start, number.b_end) == (b.index("19"), b.index("19") + 2)
    verb = ops[3]
    assert (verb.a, verb.b, verb.numeric) == ("died", "were killed", False)
    assert (verb.a_start, verb.a_end, verb.b_start, verb.b_end) == (34, 38, 34, 45)


def test_insert_sits_after_the_token_before_it() -> None:
    a = "Trump took his first step."
    b = "Trump took his first major step."
    ops = word_diff(a, b)
    assert kinds(ops) == [EQUAL, INSERT, EQUAL]
    insert = ops[1]
    assert (insert.a, insert.b) == ("", "major")
    assert insert.a_start == insert.a_end == a.index(" step")
    assert (insert.b_start, insert.b_end) == (b.index("major"), b.index("major") + 5)


def test_delete_and_leading_change() -> None:
    ops = word_diff("U.S. President Trump spoke.", "President Trump spoke.")
    assert kinds(ops) == [DELETE, EQUAL]
    assert (ops[0].a, ops[0].b_start, ops[0].b_end) == ("U.S.", 0, 0)


def test_numeric_marks_inserted_and_deleted_numbers_but_not_equal_ones() -> None:
    ops = word_diff("In 2022 about 30 people", "In 2022 about 30 people and 5 more")
    assert kinds(ops) == [EQUAL, INSERT]
    assert ops[0].numeric is False
    assert ops[1].numeric is True
    assert word_diff("nearly ninety minutes", "nearly minutes")[1].numeric is True
    assert word_diff("met in Munich", "met in Paris")[1].numeric is False


def test_identical_and_empty_inputs() -> None:
    text = "  The war, now nearing its third anniversary.  "
    ops = word_diff(text, text)
    assert kinds(ops) == [EQUAL]
    assert ops[0].a == text.strip()
    assert word_diff("", "") == ()
    assert word_diff(" \n", "\t") == ()
    assert kinds(word_diff("", "Peace")) == [INSERT]
    assert word_diff("", "Peace")[0].a_start == 0


def test_reordered_words_are_mirrored_exactly_when_swapped() -> None:
    a, b = "x y", "y x"
    assert word_diff(b, a) == tuple(mirrored(op) for op in word_diff(a, b))


def test_huge_inputs_fall_back_to_one_replacement_quickly() -> None:
    # Repetitive tokens are SequenceMatcher's worst case: seconds at this size without the cap.
    a = " ".join(("the", "war", "x")[i % 3] for i in range(1_501))
    b = " ".join(("war", "the", "y", "x")[i % 4] for i in range(1_501))
    began = time.perf_counter()
    ops = word_diff(f"Same start {a} same end", f"Same start {b} same end")
    assert time.perf_counter() - began < 1
    assert kinds(ops) == [EQUAL, REPLACE, EQUAL]
    assert (ops[1].a, ops[1].b) == (a, b)


def test_diff_op_is_frozen_with_numeric_defaulting_to_false() -> None:
    op = DiffOp(EQUAL, "a", "a", 0, 1, 0, 1)
    assert op.numeric is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        op.a = "b"  # type: ignore[misc]


# --- properties ------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "the", "The", "war", "peace", "29", "19", "3.5", "thirty", "Zelenskiy’s", "Zelenskiy's",
        "“", "”", '"', ",", ".", "—", "-", "U.S.", "said", "not", "$2.5",
    ]
)  # fmt: skip
_SENTENCES = st.lists(_WORDS, max_size=25).map(" ".join)
_ANY_TEXT = st.text(max_size=80) | _SENTENCES


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=_ANY_TEXT, b=_ANY_TEXT)
def test_ops_rebuild_both_sentences_from_offsets(a: str, b: str) -> None:
    ops = word_diff(a, b)
    for op in ops:
        assert op.a == a[op.a_start : op.a_end]
        assert op.b == b[op.b_start : op.b_end]
    assert_covers(a, [(op.a_start, op.a_end) for op in ops])
    assert_covers(b, [(op.b_start, op.b_end) for op in ops])
    # Every op boundary is a token boundary: ops hold whole tokens.
    for text, ranges in (
        (a, [(op.a_start, op.a_end) for op in ops]),
        (b, [(op.b_start, op.b_end) for op in ops]),
    ):
        spans = token_spans(text)
        assert {start for start, end in ranges if start < end} <= {start for start, _ in spans}
        assert {end for start, end in ranges if start < end} <= {end for _, end in spans}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=_ANY_TEXT, b=_ANY_TEXT)
def test_ops_alternate_and_match_their_kind(a: str, b: str) -> None:
    ops = word_diff(a, b)
    for first, second in itertools.pairwise(ops):
        assert (first.kind is EQUAL) != (second.kind is EQUAL)
    for op in ops:
        if op.kind is EQUAL:
            assert kinds(word_diff(op.a, op.b)) == [EQUAL]
            assert op.numeric is False
        if op.kind is INSERT:
            assert not op.a and op.b
        if op.kind is DELETE:
            assert op.a and not op.b
        if op.kind is REPLACE:
            assert op.a and op.b


@settings(max_examples=300, deadline=None, derandomize=True)
@given(a=_ANY_TEXT, b=_ANY_TEXT)
def test_swapping_sentences_mirrors_the_diff(a: str, b: str) -> None:
    forward = word_diff(a, b)
    assert word_diff(b, a) == tuple(mirrored(op) for op in forward)
    assert word_diff(a, b) == forward  # deterministic


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=_ANY_TEXT)
def test_identical_sentences_are_one_equal_op(text: str) -> None:
    ops = word_diff(text, text)
    if text.strip():
        assert kinds(ops) == [EQUAL]
        assert ops[0].a == ops[0].b == text.strip()
    else:
        assert ops == ()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_case_changes_alone_are_equal(text: str) -> None:
    assert all(op.kind is EQUAL for op in word_diff(text, text.swapcase()))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=_ANY_TEXT)
def test_tokens_cover_every_non_space_character(text: str) -> None:
    spans = token_spans(text)
    assert_covers(text, spans)
    for start, end in spans:
        assert start < end
        assert not any(char.isspace() for char in text[start:end])


def test_kept_share_counts_the_shorter_versions_words_kept() -> None:
    from aligner.text.diff import kept_share

    assert kept_share(word_diff("He left.", "He left.")) == 1.0
    assert kept_share(word_diff("He left Paris.", "She flew home.")) == 0.0
    # 2 of the shorter version's 3 words ("The 73-year-old left" keeps "The", "left").
    assert kept_share(word_diff("The 73-year-old left.", "The 72-year-old Durst left.")) == 2 / 3
    assert kept_share(word_diff("", "")) == 1.0


@given(st.text(max_size=60), st.text(max_size=60))
def test_kept_share_is_a_share_and_symmetric(a: str, b: str) -> None:
    from aligner.text.diff import kept_share

    share = kept_share(word_diff(a, b))
    assert 0.0 <= share <= 1.0
    assert share == kept_share(word_diff(b, a))
