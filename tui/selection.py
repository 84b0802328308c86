"""Where the aligned view's selection lands after a re-layout, and across reading-mode columns."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from tui.view_model import Layout, ViewModel


def anchored_row(model: ViewModel, layout: Layout, anchor: str | None, *, current: int) -> int:
    """Aligned mode: the row of ``anchor``; when a filter hides it, the nearest row after
    where it stands; without an anchor, ``current`` kept in range."""
    rows = layout.rows
    if not rows:
        return 0
    if anchor is not None and anchor in layout.row_of:
        return layout.row_of[anchor]
    position = model.counterparts.position(anchor) if anchor else None
    if position is None:
        return min(current, len(rows) - 1)
    orders = [row.order for row in rows]
    return min(bisect_left(orders, position), len(rows) - 1)


def anchored_entry(model: ViewModel, layout: Layout, anchor: str | None, *, column: int) -> int:
    """Reading mode: the entry of ``column`` for ``anchor``, or for its counterpart there."""
    if not layout.streams.get(column):
        return 0
    target = anchor
    if anchor is not None and model.article_of.get(anchor) != column:
        target = model.counterpart(anchor, column)
    return nearest_entry(model, layout, sid=target, column=column)


def nearest_entry(model: ViewModel, layout: Layout, *, sid: str | None, column: int) -> int:
    """Index in ``column``'s stream of ``sid``, or of the closest sentence before it (a filter
    may have left ``sid`` out)."""
    stream = layout.streams.get(column, ())
    if not stream or sid is None:
        return 0
    position = layout.stream_pos[column].get(sid)
    if position is not None:
        return position
    sentences = model.comparison.sentences
    indices = [sentences[s].index for s in stream]
    return max(bisect_left(indices, sentences[sid].index + 1) - 1, 0)


def reading_selection(
    model: ViewModel,
    layout: Layout,
    selected: str | None,
    *,
    shown: Sequence[int],
    focused_column: int,
) -> dict[int, str | None]:
    """Reading mode: the selected sentence of every shown column, given the focused column's."""
    chosen: dict[int, str | None] = {}
    for column in shown:
        if column == focused_column or selected is None:
            chosen[column] = selected if column == focused_column else None
            continue
        stream = layout.streams.get(column, ())
        counterpart = model.counterpart(selected, column)
        entry = nearest_entry(model, layout, sid=counterpart, column=column)
        chosen[column] = stream[entry] if stream else None
    return chosen


def level_columns(
    layout: Layout,
    selection: Mapping[int, str | None],
    *,
    focused_column: int,
    cursor: int,
) -> tuple[dict[int, int], dict[int, int]]:
    """Reading mode: per column, the selected entry and the lines to shift the column by so
    that entry stands level with the cursor. Returns (entries, shifts)."""
    entries: dict[int, int] = {}
    shifts: dict[int, int] = {}
    focused = layout.stream_lines.get(focused_column)
    if focused is None or not len(focused):
        return entries, shifts
    top = focused.top(cursor)
    for column, sid in selection.items():
        if sid is None:
            continue
        entry = layout.stream_pos[column][sid]
        entries[column] = entry
        shifts[column] = layout.stream_lines[column].top(entry) - top
    return entries, shifts
