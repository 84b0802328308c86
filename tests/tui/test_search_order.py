"""Search matches in cursor order, the cursor's place among them, stepping with wrap-around, and
the count's words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.row_layout import Row
from tui.search_bar import count_text
from tui.search_order import (
    aligned_match_order,
    cursor_key,
    match_position,
    reading_match_order,
    step_match,
)

ROWS = (
    Row("g1", 0, None, {0: "a", 2: "b"}),
    Row("g2", 1, None, {1: "c"}),
    Row("g3", 2, None, {0: "d", 1: "e", 2: "f"}),
)


def test_aligned_order_is_row_by_row_then_by_shown_source() -> None:
    matched = {"a", "b", "c", "e", "f"}
    order = aligned_match_order(ROWS, columns=[0, 1, 2], matched=matched)
    assert order == [((0, 0), "a"), ((0, 2), "b"), ((1, 1), "c"), ((2, 1), "e"), ((2, 2), "f")]
    # A hidden source's sentences are no stops; ranks close up over the gap.
    order = aligned_match_order(ROWS, columns=[0, 2], matched=matched)
    assert order == [((0, 0), "a"), ((0, 1), "b"), ((2, 1), "f")]


def test_reading_order_walks_each_source_to_its_end() -> None:
    streams = {0: ["a", "d"], 1: ["c", "e"], 2: ["b", "f"]}
    order = reading_match_order(streams, columns=[2, 0], matched={"a", "b", "d", "e"})
    assert order == [((0, 0), "b"), ((1, 0), "a"), ((1, 1), "d")]


def test_cursor_key_follows_the_mode() -> None:
    assert cursor_key("aligned", columns=[0, 2, 3], focused_column=2, cursor=7) == (7, 1)
    assert cursor_key("reading", columns=[0, 2, 3], focused_column=2, cursor=7) == (1, 7)
    assert cursor_key("aligned", columns=[0, 2], focused_column=1, cursor=4) == (4, 0)


def test_stepping_wraps_around_and_position_names_the_match_under_the_cursor() -> None:
    matches = [((0, 0), "a"), ((0, 2), "b"), ((3, 1), "c")]
    assert step_match(matches, (0, 0), forward=True) == 1
    assert step_match(matches, (1, 0), forward=True) == 2
    assert step_match(matches, (3, 1), forward=True) == 0
    assert step_match(matches, (0, 0), forward=False) == 2
    assert step_match(matches, (0, 1), forward=False) == 0
    assert match_position(matches, (0, 2)) == 2
    assert match_position(matches, (0, 1)) == 0


keys = st.tuples(st.integers(0, 6), st.integers(0, 3))


@given(found=st.lists(keys, min_size=1, unique=True), here=keys)
@settings(max_examples=200, deadline=None)
def test_a_step_lands_on_the_nearest_match_in_its_direction(
    found: list[tuple[int, int]], here: tuple[int, int]
) -> None:
    matches = [(key, f"s{k}") for k, key in enumerate(sorted(found))]
    after = [k for k, (key, _) in enumerate(matches) if key > here]
    before = [k for k, (key, _) in enumerate(matches) if key < here]
    assert step_match(matches, here, forward=True) == (after[0] if after else 0)
    assert step_match(matches, here, forward=False) == (before[-1] if before else len(matches) - 1)


def test_the_count_says_match_for_one() -> None:
    assert count_text(1, 0) == "1 match"
    assert count_text(0, 0) == "0 matches"
    assert count_text(3, 0) == "3 matches"
    assert count_text(3, 2) == "match 2/3"
