"""Search matches of the aligned view in the order its cursor meets them, and stepping through."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Mapping, Sequence

from tui.row_layout import Mode, Row

Key = tuple[int, int]
"""Where a sentence stands in cursor order: (row's place among all rows, column rank) aligned,
(column rank, entry) reading, since reading mode walks one column to its end before the next."""
Match = tuple[Key, str]


def aligned_match_order(
    rows: Sequence[Row], *, columns: Sequence[int], matched: Collection[str]
) -> list[Match]:
    """Matched sentences of ``rows`` in ``columns``, row by row (by the rows' places among
    all rows, ``Row.order``), left to right."""
    rank = {column: k for k, column in enumerate(columns)}
    order = [
        ((row.order, rank[column]), sid)
        for row in rows
        for column, sid in row.cells.items()
        if sid in matched and column in rank
    ]
    return sorted(order)


def reading_match_order(
    streams: Mapping[int, Sequence[str]], *, columns: Sequence[int], matched: Collection[str]
) -> list[Match]:
    """Matched sentences of each column's stream, column by column, as written."""
    order = [
        ((k, e), sid)
        for k, column in enumerate(columns)
        for e, sid in enumerate(streams[column])
        if sid in matched
    ]
    return sorted(order)


def cursor_key(mode: Mode, *, columns: Sequence[int], focused_column: int, cursor: int) -> Key:
    """The selection's place in the same order as the matches."""
    rank = columns.index(focused_column) if focused_column in columns else 0
    return (cursor, rank) if mode == "aligned" else (rank, cursor)


def step_match(matches: Sequence[Match], here: Key, *, forward: bool) -> int:
    """Index of the first match after ``here`` (before it when not ``forward``), wrapping."""
    keys = [key for key, _ in matches]
    if forward:
        return bisect_left(keys, (here[0], here[1] + 1)) % len(matches)
    return (bisect_left(keys, here) - 1) % len(matches)


def match_position(matches: Sequence[Match], here: Key) -> int:
    """1-based position of ``here`` among the matches, 0 when it is on none."""
    for position, (key, _) in enumerate(matches, start=1):
        if key == here:
            return position
    return 0
