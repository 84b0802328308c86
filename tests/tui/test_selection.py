"""Where the selection lands: anchored cursors, counterparts in reading mode, level columns."""

from __future__ import annotations

from snapshot_apps.story import story_comparison

from tui.row_layout import LabelFilter
from tui.selection import (
    anchored_entry,
    anchored_row,
    level_columns,
    nearest_entry,
    reading_selection,
)
from tui.view_model import EMPTY_LAYOUT, Layout, ViewModel

ALL = (0, 1, 2, 3)


def model_and_layout(
    mode: str, label_filter: LabelFilter = "all", shown: tuple[int, ...] = ALL
) -> tuple[ViewModel, Layout]:
    model = ViewModel(story_comparison())
    layout = model.layout(
        mode=mode,  # type: ignore[arg-type]
        label_filter=label_filter,
        shown=shown,
        widths=tuple(40 for _ in shown),
    )
    return model, layout


def test_anchored_row_is_the_anchors_row_or_the_next_one_the_filter_kept() -> None:
    model, layout = model_and_layout("aligned")
    assert [row.key for row in layout.rows][anchored_row(model, layout, "a2s4", current=0)] == "g4"
    model, contradicting = model_and_layout("aligned", "contradicting")
    assert [row.key for row in contradicting.rows] == ["g2", "g6"]
    assert anchored_row(model, contradicting, "a1s7", current=0) == 1
    assert anchored_row(model, contradicting, "a1s5", current=0) == 1  # g3 stands before g6
    assert anchored_row(model, contradicting, "a1s2", current=1) == 0  # g1 stands before g2
    assert anchored_row(model, contradicting, "a3s4", current=0) == 1  # after the last: the last
    # A heading in no row stands where the sentence after it stands (a3s2, row g3).
    assert anchored_row(model, contradicting, "a3s1", current=0) == 1


def test_anchored_row_without_an_anchor_keeps_the_cursor_in_range() -> None:
    model, contradicting = model_and_layout("aligned", "contradicting")
    assert anchored_row(model, contradicting, None, current=0) == 0
    assert anchored_row(model, contradicting, None, current=5) == 1
    model, empty = model_and_layout("aligned", "unique", shown=(3,))
    assert empty.rows == () and anchored_row(model, empty, "a4s1", current=3) == 0


def test_nearest_entry_falls_back_to_the_closest_sentence_before() -> None:
    model, shared = model_and_layout("reading", "shared")
    assert shared.streams[0] == ("a1s2", "a1s5", "a1s6")
    assert nearest_entry(model, shared, sid="a1s5", column=0) == 1
    assert nearest_entry(model, shared, sid="a1s3", column=0) == 0
    assert nearest_entry(model, shared, sid="a1s7", column=0) == 2
    assert nearest_entry(model, shared, sid="a1s1", column=0) == 0  # nothing before it
    assert nearest_entry(model, shared, sid=None, column=0) == 0
    assert nearest_entry(model, EMPTY_LAYOUT, sid="a1s5", column=0) == 0


def test_anchored_entry_takes_the_counterpart_in_another_column() -> None:
    model, layout = model_and_layout("reading")
    assert layout.streams[1][anchored_entry(model, layout, "a1s3", column=1)] == "a2s2"
    # a2s4 is unique: source 1's sentence before it in display order is a1s5 (row g3).
    assert layout.streams[0][anchored_entry(model, layout, "a2s4", column=0)] == "a1s5"
    assert layout.streams[0][anchored_entry(model, layout, "a1s6", column=0)] == "a1s6"
    assert anchored_entry(model, layout, None, column=1) == 0


def test_reading_selection_finds_a_counterpart_in_every_shown_column() -> None:
    model, layout = model_and_layout("reading")
    selection = reading_selection(model, layout, "a1s3", shown=ALL, focused_column=0)
    # Source 3 has nothing before the fire brigade row: its first placed sentence.
    assert selection == {0: "a1s3", 1: "a2s2", 2: "a3s2", 3: "a4s2"}
    nothing = reading_selection(model, layout, None, shown=ALL, focused_column=0)
    assert nothing == dict.fromkeys(ALL)
    model, unique = model_and_layout("reading", "unique")
    chosen = reading_selection(model, unique, "a2s4", shown=ALL, focused_column=1)
    assert chosen == {0: None, 1: "a2s4", 2: "a3s4", 3: None}  # 1 and 4 have no unique lines


def test_level_columns_stand_every_selected_entry_beside_the_cursor() -> None:
    model, layout = model_and_layout("reading")
    for cursor, sid in enumerate(layout.streams[0]):
        selection = reading_selection(model, layout, sid, shown=ALL, focused_column=0)
        entries, shifts = level_columns(layout, selection, focused_column=0, cursor=cursor)
        assert entries == {c: layout.stream_pos[c][s] for c, s in selection.items()}
        level = layout.stream_lines[0].top(cursor)
        assert shifts[0] == 0
        for column, entry in entries.items():
            assert layout.stream_lines[column].top(entry) - shifts[column] == level


def test_level_columns_skip_columns_without_a_selection() -> None:
    _, layout = model_and_layout("reading", "unique")
    selection = {0: None, 1: "a2s4", 2: "a3s4", 3: None}
    entries, shifts = level_columns(layout, selection, focused_column=1, cursor=0)
    assert entries == {1: 0, 2: 0} and shifts == {1: 0, 2: 0}
    assert level_columns(layout, selection, focused_column=0, cursor=0) == ({}, {})
