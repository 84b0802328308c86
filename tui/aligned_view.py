"""AlignedView: one Line-API widget drawing every shown source column, aligned or as written."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from aligner.model import Comparison, Label
from tui.keys import bindings
from tui.messages import SelectionChanged, ViewStateChanged
from tui.row_layout import (
    FILTERS,
    GUTTER_WIDTH,
    SEPARATOR_WIDTH,
    Counterparts,
    LabelFilter,
    LineIndex,
    Mode,
    Row,
    aligned_rows,
    column_widths,
    column_window,
    columns_that_fit,
    find_matches,
    keep_row,
    keep_sentence,
    pivot_index,
    sentence_labels,
    styled_segments,
    text_width,
    word_changes,
    wrap_spans,
)
from tui.safe_text import strip_controls

HEADER_HEIGHT = 2
"""Source names, then per-source counts; fixed above the scrolling rows."""

GLYPHS: Mapping[Label | None, str] = {
    Label.SHARED: "=",
    Label.UNIQUE: "+",
    Label.CONTRADICTING: "!",
    None: "¶",
}
"""Gutter glyph per label, so colour is never the only signal."""
NOTE_MARK = "✎"
GAP_MARK = "·"

_LABEL_CLASS: Mapping[Label | None, str] = {
    Label.SHARED: "aligned-view--shared",
    Label.UNIQUE: "aligned-view--unique",
    Label.CONTRADICTING: "aligned-view--contradicting",
    None: "aligned-view--nonprose",
}

# How a cell line is highlighted beyond plain: as part of the selected row, or as the cursor.
_ROW, _CURSOR = "aligned-view--row", "aligned-view--cursor"

Ranges = tuple[tuple[int, int, str], ...]
"""Character ranges of a sentence with the component class that styles them."""


class AlignedView(ScrollView, can_focus=True):
    """Every shown source side by side, drawn row by row from cached strips.

    Aligned mode: rows are the comparison's groups in display order and a row is as tall as
    its tallest cell, so columns stay level. Reading mode: each column is its article as
    written; the other columns are shifted so the counterpart of the selected sentence
    stands beside it.
    """

    BINDINGS: ClassVar = bindings("view")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "aligned-view--shared",
        "aligned-view--unique",
        "aligned-view--contradicting",
        "aligned-view--nonprose",
        "aligned-view--gap",
        "aligned-view--diff",
        "aligned-view--diff-number",
        "aligned-view--note",
        "aligned-view--match",
        "aligned-view--row",
        "aligned-view--cursor",
        "aligned-view--separator",
        "aligned-view--header",
        "aligned-view--header-focused",
        "aligned-view--empty",
    }

    DEFAULT_CSS = """
    AlignedView {
        overflow-x: hidden;
        overflow-y: scroll;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        & > .aligned-view--shared { color: $parallax-shared; }
        & > .aligned-view--unique { color: $parallax-unique; }
        & > .aligned-view--contradicting { color: $parallax-contradicting; }
        & > .aligned-view--nonprose { color: $parallax-nonprose; text-style: italic; }
        & > .aligned-view--gap { color: $parallax-gap; }
        & > .aligned-view--diff { background: $parallax-diff; text-style: underline; }
        & > .aligned-view--diff-number {
            background: $parallax-diff-number; text-style: bold underline;
        }
        & > .aligned-view--note { color: $parallax-note; text-style: bold; }
        & > .aligned-view--match { background: $parallax-match; text-style: bold; }
        & > .aligned-view--row { background: $parallax-cursor 40%; }
        & > .aligned-view--cursor { background: $parallax-cursor; }
        & > .aligned-view--separator { color: $panel-lighten-2; }
        & > .aligned-view--header { background: $panel; color: $foreground; }
        & > .aligned-view--header-focused {
            background: $panel; color: $accent; text-style: bold underline;
        }
        & > .aligned-view--empty { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.comparison: Comparison | None = None
        self.mode: Mode = "aligned"
        self.label_filter: LabelFilter = "all"
        self.hidden: frozenset[int] = frozenset()
        self.focused_column = 0
        self.notes: Mapping[str, str] = {}
        self.empty_message = "Aligning…"
        self._texts: dict[str, str] = {}
        self._labels: dict[str, Label | None] = {}
        self._article_of: dict[str, int] = {}
        self._all_rows: tuple[Row, ...] = ()
        self._counterparts: Counterparts | None = None
        self._pivot = 0
        # Layout, rebuilt when the comparison, width, filter, sources or mode change.
        self._layout_width = -1
        self._window_start = 0
        self._shown: tuple[int, ...] = ()
        self._widths: tuple[int, ...] = ()
        self._rows: list[Row] = []
        self._row_lines = LineIndex([])
        self._row_of: dict[str, int] = {}
        self._streams: dict[int, list[str]] = {}
        self._stream_lines: dict[int, LineIndex] = {}
        self._stream_pos: dict[int, dict[str, int]] = {}
        self._shifts: dict[int, int] = {}
        self._reading_entries: dict[int, int] = {}
        # Selection: the cursor (row, or entry of the focused column) and the sentence it
        # stands on, which survives re-layouts and re-alignments.
        self._cursor = 0
        self._anchor: str | None = None
        # Search.
        self._query = ""
        self._match_spans: dict[str, list[tuple[int, int]]] = {}
        self._match_order: list[tuple[tuple[int, int], str]] | None = None
        # Caches.
        self._wraps: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
        self._diffs: dict[str, Ranges] = {}
        self._cell_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(4096)
        self._styles: dict[tuple[str | None, ...], Style] = {}
        self._layouts: dict[tuple[object, ...], tuple] = {}

    # ------------------------------------------------------------------ public state

    def show_comparison(self, comparison: Comparison | None, *, hidden: Iterable[int] = ()) -> None:
        """Display ``comparison``; keeps the selected sentence when it still exists."""
        self.comparison = comparison
        self._texts = {}
        self._labels = {}
        self._article_of = {}
        self._all_rows = ()
        self._counterparts = None
        self._wraps.clear()
        self._diffs.clear()
        self._layouts.clear()
        self._cell_cache.clear()
        if comparison is not None:
            self._texts = {sid: strip_controls(s.text) for sid, s in comparison.sentences.items()}
            self._labels = sentence_labels(comparison)
            index_of = {a.id: k for k, a in enumerate(comparison.articles)}
            self._article_of = {
                sid: index_of[s.article_id] for sid, s in comparison.sentences.items()
            }
            self._pivot = pivot_index(comparison)
            self._all_rows = aligned_rows(comparison)
            self._counterparts = Counterparts(comparison, self._all_rows)
            count = len(comparison.articles)
            self.hidden = frozenset(k for k in hidden if 0 <= k < count and count > 1)
            if len(self.hidden) >= count:
                self.hidden = frozenset()
            if not 0 <= self.focused_column < count or self.focused_column in self.hidden:
                self.focused_column = self._candidates()[0] if count else 0
            if self._anchor not in self._texts:
                self._anchor = None
        self._search_spans()
        self._relayout()

    def set_notes(self, notes: Mapping[str, str]) -> None:
        """Sentence ids that carry a note; they get a marker in the gutter."""
        self.notes = dict(notes)
        self._cell_cache.clear()
        self.refresh()

    @property
    def shown_columns(self) -> tuple[int, ...]:
        """Article indices of the columns on screen, left to right."""
        return self._shown

    @property
    def focused_sentence(self) -> str | None:
        """The selected sentence in the focused column, if that column has one."""
        if self.mode == "reading":
            stream = self._streams.get(self.focused_column, [])
            return stream[self._cursor] if 0 <= self._cursor < len(stream) else None
        row = self.selected_row
        return None if row is None else row.cells.get(self.focused_column)

    @property
    def selected_row(self) -> Row | None:
        """The selected aligned row (aligned mode only)."""
        if self.mode != "aligned" or not 0 <= self._cursor < len(self._rows):
            return None
        return self._rows[self._cursor]

    @property
    def selected_sentences(self) -> tuple[str, ...]:
        """The row's sentences (aligned) or the sentence and its counterparts (reading)."""
        if self.mode == "aligned":
            row = self.selected_row
            return () if row is None else tuple(row.cells[k] for k in sorted(row.cells))
        return tuple(sid for sid in (self._reading_selection().values()) if sid is not None)

    @property
    def selected_group_id(self) -> str | None:
        """The group of the selection, if it is prose."""
        if self.comparison is None:
            return None
        if self.mode == "aligned":
            row = self.selected_row
            return row.key if row is not None and row.label is not None else None
        sid = self.focused_sentence
        group = self.comparison.group_of.get(sid) if sid else None
        return group.id if group else None

    @property
    def cursor_line(self) -> int:
        """The cursor: row index (aligned) or entry index in the focused column (reading)."""
        return self._cursor

    @property
    def row_count(self) -> int:
        """Rows (aligned) or entries of the focused column (reading) after filters."""
        if self.mode == "aligned":
            return len(self._rows)
        return len(self._streams.get(self.focused_column, []))

    def line_text(self, y: int) -> str:
        """Plain text of screen line ``y`` (for tests and debugging)."""
        return self.render_line(y).text

    # ------------------------------------------------------------------ state changes

    def set_mode(self, mode: Mode) -> None:
        if mode != self.mode:
            anchor = self.focused_sentence or self._anchor
            self.mode = mode
            self._anchor = anchor
            self._relayout()

    def set_filter(self, label_filter: LabelFilter) -> None:
        if label_filter != self.label_filter:
            self._anchor = self.focused_sentence or self._anchor
            self.label_filter = label_filter
            self._relayout()

    def select_sentence(self, sentence_id: str) -> None:
        """Move the cursor (and focus) to ``sentence_id`` if it is shown."""
        column = self._article_of.get(sentence_id)
        if column is None or column in self.hidden:
            return
        self._move_focus(column, sentence_id)

    def action_cursor_down(self) -> None:
        self._move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_cursor(self._cursor - 1)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_first(self) -> None:
        self._move_cursor(0)

    def action_last(self) -> None:
        self._move_cursor(self.row_count - 1)

    def action_next_difference(self) -> None:
        self._jump({Label.UNIQUE, Label.CONTRADICTING}, forward=True)

    def action_previous_difference(self) -> None:
        self._jump({Label.UNIQUE, Label.CONTRADICTING}, forward=False)

    def action_next_contradiction(self) -> None:
        self._jump({Label.CONTRADICTING}, forward=True)

    def action_previous_contradiction(self) -> None:
        self._jump({Label.CONTRADICTING}, forward=False)

    def action_next_column(self) -> None:
        self._cycle_column(+1)

    def action_previous_column(self) -> None:
        self._cycle_column(-1)

    def action_toggle_mode(self) -> None:
        self.set_mode("reading" if self.mode == "aligned" else "aligned")

    def action_cycle_filter(self) -> None:
        self.set_filter(FILTERS[(FILTERS.index(self.label_filter) + 1) % len(FILTERS)])

    def action_toggle_source(self, column: int) -> None:
        """Show or hide a source; the last shown source cannot be hidden."""
        if self.comparison is None or not 0 <= column < len(self.comparison.articles):
            self.app.bell()
            return
        hidden = set(self.hidden)
        if column in hidden:
            hidden.remove(column)
            focus = column
        else:
            if len(hidden) + 1 >= len(self.comparison.articles):
                self.notify("At least one source stays visible.", severity="warning")
                return
            hidden.add(column)
            focus = self.focused_column
        self._anchor = self.focused_sentence or self._anchor
        self.hidden = frozenset(hidden)
        if focus in self.hidden:
            focus = self._nearest_candidate(focus)
        self.focused_column = focus
        self._relayout()

    # ------------------------------------------------------------------ search

    def set_search(self, query: str) -> int:
        """Highlight ``query`` (case-insensitive, literal); returns the number of matches."""
        self._query = query
        self._search_spans()
        self._cell_cache.clear()
        self.refresh()
        return self.match_count

    @property
    def match_count(self) -> int:
        return len(self._matches())

    def goto_match(self, *, forward: bool = True) -> tuple[int, int]:
        """Select the next (previous) sentence holding a match: (1-based position, count)."""
        matches = self._matches()
        if not matches:
            return 0, 0
        keys = [key for key, _ in matches]
        here = self._selection_key()
        if forward:
            at = bisect_left(keys, (here[0], here[1] + 1)) % len(matches)
        else:
            at = (bisect_left(keys, here) - 1) % len(matches)
        self.select_sentence(matches[at][1])
        return at + 1, len(matches)

    def current_match(self) -> int:
        """1-based position of the selected sentence among the matches, 0 when not on one."""
        here = self._selection_key()
        for position, (key, _) in enumerate(self._matches(), start=1):
            if key == here:
                return position
        return 0

    def _search_spans(self) -> None:
        self._match_order = None
        self._match_spans = find_matches(self._texts, self._query)

    def _matches(self) -> list[tuple[tuple[int, int], str]]:
        """Sentences with a match, in the order the cursor meets them."""
        if self._match_order is None:
            order: list[tuple[tuple[int, int], str]] = []
            candidates = self._candidates()
            rank = {column: k for k, column in enumerate(candidates)}
            if self.mode == "aligned":
                for r, row in enumerate(self._rows):
                    for column, sid in row.cells.items():
                        if sid in self._match_spans and column in rank:
                            order.append(((r, rank[column]), sid))
            else:
                for column in candidates:
                    for e, sid in enumerate(self._stream(column)):
                        if sid in self._match_spans:
                            order.append(((rank[column], e), sid))
            order.sort()
            self._match_order = order
        return self._match_order

    def _selection_key(self) -> tuple[int, int]:
        rank = {column: k for k, column in enumerate(self._candidates())}
        focus = rank.get(self.focused_column, 0)
        if self.mode == "aligned":
            return self._cursor, focus
        return focus, self._cursor

    # ------------------------------------------------------------------ layout

    def _candidates(self) -> list[int]:
        count = len(self.comparison.articles) if self.comparison else 0
        return [k for k in range(count) if k not in self.hidden]

    def _nearest_candidate(self, column: int) -> int:
        candidates = self._candidates()
        after = [k for k in candidates if k > column]
        return after[0] if after else candidates[-1]

    def _stream(self, column: int) -> list[str]:
        """The sentences of one article, as written, that pass the label filter."""
        if self.comparison is None:
            return []
        return [
            s.id
            for s in self.comparison.articles[column].sentences
            if keep_sentence(self._labels[s.id], label_filter=self.label_filter)
        ]

    def _wrap(self, sid: str, width: int) -> tuple[tuple[int, int], ...]:
        key = (sid, width)
        spans = self._wraps.get(key)
        if spans is None:
            spans = self._wraps[key] = wrap_spans(self._texts[sid], width)
        return spans

    def _relayout(self) -> None:
        """Fit the columns to the width, then take (or build) the rows for the mode, filter and
        shown sources; a layout is kept, so toggling back and forth costs nothing."""
        width = self.scrollable_content_region.width
        self._layout_width = width
        self._match_order = None
        self._shown, self._window_start = column_window(
            self._candidates(),
            focused=self.focused_column,
            fits=columns_that_fit(width),
            start=self._window_start,
        )
        self._widths = column_widths(width, len(self._shown))
        key = (self.mode, self.label_filter, self._shown, self._widths)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = self._build_layout()
        (self._rows, self._row_of, self._row_lines) = layout[:3]
        (self._streams, self._stream_pos, self._stream_lines) = layout[3:]
        self._cursor = self._cursor_for_anchor()
        self._update_virtual_size()
        self._after_move(scroll=True)
        self._post_state()

    def _build_layout(self) -> tuple:
        """Rows (aligned) or streams (reading) with their heights, for the shown columns."""
        text_widths = {c: text_width(w) for c, w in zip(self._shown, self._widths, strict=True)}
        if self.mode == "aligned":
            shown = frozenset(self._shown)
            rows = [
                row
                for row in self._all_rows
                if keep_row(row, label_filter=self.label_filter, columns=shown)
            ]
            row_of = {sid: r for r, row in enumerate(rows) for sid in row.cells.values()}
            heights = [
                max(
                    (
                        len(self._wrap(sid, text_widths[c]))
                        for c, sid in row.cells.items()
                        if c in shown
                    ),
                    default=1,
                )
                for row in rows
            ]
            return rows, row_of, LineIndex(heights), {}, {}, {}
        streams = {c: self._stream(c) for c in self._shown}
        positions = {c: {sid: e for e, sid in enumerate(ids)} for c, ids in streams.items()}
        lines = {
            c: LineIndex(self._entry_heights(ids, text_widths[c])) for c, ids in streams.items()
        }
        return [], {}, LineIndex([]), streams, positions, lines

    def _entry_heights(self, stream: list[str], width: int) -> list[int]:
        # A blank line closes each paragraph, so the article reads as the author set it out.
        sentences = self.comparison.sentences if self.comparison else {}
        heights = []
        for e, sid in enumerate(stream):
            ends_paragraph = (
                e + 1 < len(stream)
                and sentences[stream[e + 1]].paragraph != sentences[sid].paragraph
            )
            heights.append(len(self._wrap(sid, width)) + ends_paragraph)
        return heights

    def _update_virtual_size(self) -> None:
        if self.mode == "aligned":
            lines = self._row_lines.total
        else:
            index = self._stream_lines.get(self.focused_column)
            lines = index.total if index else 0
        self.virtual_size = Size(self._layout_width, lines + HEADER_HEIGHT)

    def _cursor_for_anchor(self) -> int:
        """Where the cursor goes after a re-layout: the anchor sentence, or its nearest row."""
        anchor = self._anchor
        if self.mode == "aligned":
            if not self._rows:
                return 0
            if anchor in self._row_of:
                return self._row_of[anchor]
            position = (
                self._counterparts.position(anchor) if anchor and self._counterparts else None
            )
            if position is None:
                return min(self._cursor, len(self._rows) - 1)
            orders = [row.order for row in self._rows]
            return min(bisect_left(orders, position), len(self._rows) - 1)
        stream = self._streams.get(self.focused_column, [])
        if not stream:
            return 0
        target = anchor
        if anchor is not None and self._article_of.get(anchor) != self.focused_column:
            target = self._counterpart(anchor, self.focused_column)
        return self._nearest_entry(self.focused_column, target)

    def _counterpart(self, sid: str, column: int) -> str | None:
        if self._counterparts is None:
            return None
        if self._article_of.get(sid) == column:
            return sid
        return self._counterparts.counterpart(sid, column)

    def _nearest_entry(self, column: int, sid: str | None) -> int:
        """Index in ``column``'s stream of ``sid``, or of the closest sentence before it."""
        stream = self._streams.get(column, [])
        if not stream or sid is None or self.comparison is None:
            return 0
        position = self._stream_pos[column].get(sid)
        if position is not None:
            return position
        sentences = self.comparison.sentences
        indices = [sentences[s].index for s in stream]
        return max(bisect_left(indices, sentences[sid].index + 1) - 1, 0)

    def _reading_selection(self) -> dict[int, str | None]:
        """Reading mode: the selected sentence of every shown column."""
        selected = self.focused_sentence
        chosen: dict[int, str | None] = {}
        for column in self._shown:
            if column == self.focused_column or selected is None:
                chosen[column] = selected if column == self.focused_column else None
                continue
            counterpart = self._counterpart(selected, column)
            stream = self._streams.get(column, [])
            entry = self._nearest_entry(column, counterpart)
            chosen[column] = stream[entry] if stream else None
        return chosen

    # ------------------------------------------------------------------ moving

    def _move_cursor(self, target: int) -> None:
        count = self.row_count
        if count == 0:
            return
        target = max(0, min(target, count - 1))
        if target == self._cursor:
            return
        self._cursor = target
        self._anchor = self.focused_sentence or self._row_anchor()
        self._after_move(scroll=True)

    def _row_anchor(self) -> str | None:
        row = self.selected_row
        return next(iter(row.cells.values())) if row and row.cells else self._anchor

    def _page(self, direction: int) -> None:
        index = self._focused_lines()
        if index is None or not len(index):
            return
        page = max(1, self.scrollable_content_region.height - HEADER_HEIGHT - 1)
        line = index.top(self._cursor) + direction * page
        found = index.locate(max(0, min(line, index.total - 1)))
        if found is not None:
            self._move_cursor(found[0] if found[0] != self._cursor else found[0] + direction)

    def _jump(self, labels: set[Label], *, forward: bool) -> None:
        if self.mode == "aligned":
            candidates = [row.label for row in self._rows]
        else:
            candidates = [self._labels[sid] for sid in self._streams.get(self.focused_column, [])]
        order = (
            range(self._cursor + 1, len(candidates)) if forward else range(self._cursor - 1, -1, -1)
        )
        for index in order:
            if candidates[index] in labels:
                self._move_cursor(index)
                return
        self.app.bell()

    def _cycle_column(self, step: int) -> None:
        candidates = self._candidates()
        if not candidates:
            return
        at = candidates.index(self.focused_column) if self.focused_column in candidates else 0
        column = candidates[(at + step) % len(candidates)]
        selected = self.focused_sentence or self._anchor
        target = self._counterpart(selected, column) if selected else None
        self._move_focus(column, target)

    def _move_focus(self, column: int, sentence_id: str | None) -> None:
        """Focus ``column`` and select ``sentence_id`` (or its nearest neighbour) there."""
        screen_line = self._cursor_screen_line()
        self.focused_column = column
        if sentence_id is not None:
            self._anchor = sentence_id
        if column not in self._shown or self.mode == "reading":
            self._relayout()
        else:
            self._cursor = self._cursor_for_anchor()
            self._after_move(scroll=True)
            self._post_state()
        if self.mode == "reading" and screen_line is not None:
            # Keep the selection where the eye already is.
            index = self._focused_lines()
            if index is not None and len(index):
                self.scroll_to(y=index.top(self._cursor) - screen_line, animate=False)

    def _cursor_screen_line(self) -> int | None:
        index = self._focused_lines()
        if index is None or not 0 <= self._cursor < len(index):
            return None
        return index.top(self._cursor) - round(self.scroll_y)

    def _focused_lines(self) -> LineIndex | None:
        if self.mode == "aligned":
            return self._row_lines
        return self._stream_lines.get(self.focused_column)

    def _after_move(self, *, scroll: bool) -> None:
        if self.mode == "reading":
            self._update_shifts()
            self._update_virtual_size()
        if scroll:
            self._scroll_to_cursor()
        self.refresh()
        self.post_message(
            SelectionChanged(self.selected_sentences, self.focused_sentence, self.selected_group_id)
        )

    def _update_shifts(self) -> None:
        """Line each column up so its counterpart stands level with the selected sentence."""
        self._shifts, self._reading_entries = {}, {}
        focused = self._stream_lines.get(self.focused_column)
        if focused is None or not len(focused):
            return
        top = focused.top(self._cursor)
        for column, sid in self._reading_selection().items():
            if sid is None:
                continue
            entry = self._stream_pos[column][sid]
            self._reading_entries[column] = entry
            self._shifts[column] = self._stream_lines[column].top(entry) - top

    def _scroll_to_cursor(self) -> None:
        index = self._focused_lines()
        if index is None or not 0 <= self._cursor < len(index):
            return
        top, height = index.top(self._cursor), index.height(self._cursor)
        viewport = max(1, self.scrollable_content_region.height - HEADER_HEIGHT)
        y = round(self.scroll_y)
        if top < y:
            y = top
        elif top + height > y + viewport:
            y = min(top, top + height - viewport)
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _post_state(self) -> None:
        self.post_message(
            ViewStateChanged(
                self.mode, self.label_filter, self.hidden, self._shown, self.focused_column
            )
        )

    # ------------------------------------------------------------------ events

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            self._relayout()
        else:
            # Shorter (a panel opened below): keep the selection in sight.
            self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cell_cache.clear()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._shown:
            return
        column = self._column_at(offset.x)
        if column is None:
            return
        if offset.y < HEADER_HEIGHT:
            self._move_focus(column, None)
            return
        line = round(self.scroll_y) + offset.y - HEADER_HEIGHT
        if self.mode == "aligned":
            found = self._row_lines.locate(line)
            if found is None:
                return
            row = self._rows[found[0]]
            self.focused_column = column
            self._cursor = found[0]
            self._anchor = row.cells.get(column) or self._row_anchor()
            self._after_move(scroll=True)
            self._post_state()
            return
        found = self._stream_lines[column].locate(line + self._shifts.get(column, 0))
        if found is not None:
            self._move_focus(column, self._streams[column][found[0]])

    def _column_at(self, x: int) -> int | None:
        left = 0
        for column, width in zip(self._shown, self._widths, strict=True):
            if left <= x < left + width + SEPARATOR_WIDTH:
                return column
            left += width + SEPARATOR_WIDTH
        return None

    # ------------------------------------------------------------------ rendering

    def _style(self, highlight: str | None = None, *layers: str) -> Style:
        """The widget's style, a highlight (blended over it) and partial component styles on
        top; cached until the theme or CSS changes, since resolving styles is not cheap."""
        key = (highlight, *layers)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if highlight is not None:
                style += self.get_component_rich_style(highlight)
            for layer in layers:
                style += self.get_component_rich_style(layer, partial=True)
            self._styles[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self.comparison is None or not self._shown:
            return self._empty_line(y, width)
        if y < HEADER_HEIGHT:
            return self._header_line(y)
        line = round(self.scroll_y) + y - HEADER_HEIGHT
        separator = Segment("│", self._style("aligned-view--separator"))
        segments: list[Segment] = []
        for k, (column, cell_width) in enumerate(zip(self._shown, self._widths, strict=True)):
            if k:
                segments.append(separator)
            segments.extend(self._cell_at(column, cell_width, line))
        return Strip(segments, self._layout_width).adjust_cell_length(width, self._style())

    def _empty_line(self, y: int, width: int) -> Strip:
        if y != 1:
            return Strip.blank(width, self._style())
        message = Segment(f"  {self.empty_message}", self._style("aligned-view--empty"))
        return Strip([message]).adjust_cell_length(width, self._style())

    def _cell_at(self, column: int, width: int, line: int) -> Strip:
        """One column's part of a content line."""
        if self.mode == "aligned":
            found = self._row_lines.locate(line)
            if found is None:
                return self._blank_cell(width, None)
            r, line_in_row = found
            row = self._rows[r]
            highlight = None
            if r == self._cursor:
                highlight = _CURSOR if column == self.focused_column else _ROW
            sid = row.cells.get(column)
            if sid is not None:
                return self._sentence_cell(sid, line_in_row, width, highlight)
            if line_in_row == 0 and row.label is not None:
                return self._gap_cell(width, highlight)
            return self._blank_cell(width, highlight)
        index = self._stream_lines.get(column)
        found = index.locate(line + self._shifts.get(column, 0)) if index else None
        if found is None:
            return self._blank_cell(width, None)
        entry, line_in_entry = found
        highlight = None
        if entry == self._reading_entries.get(column):
            highlight = _CURSOR if column == self.focused_column else _ROW
        return self._sentence_cell(self._streams[column][entry], line_in_entry, width, highlight)

    def _blank_cell(self, width: int, highlight: str | None) -> Strip:
        key = ("blank", width, highlight)
        strip = self._cell_cache.get(key)
        if strip is None:
            strip = self._cell_cache[key] = Strip.blank(width, self._style(highlight))
        return strip

    def _gap_cell(self, width: int, highlight: str | None) -> Strip:
        key = ("gap", width, highlight)
        strip = self._cell_cache.get(key)
        if strip is None:
            base, middle = self._style(highlight), width // 2
            segments = [
                Segment(" " * middle, base),
                Segment(GAP_MARK, self._style(highlight, "aligned-view--gap")),
                Segment(" " * (width - middle - 1), base),
            ]
            strip = self._cell_cache[key] = Strip(segments, width)
        return strip

    def _sentence_cell(self, sid: str, line: int, width: int, highlight: str | None) -> Strip:
        key = (sid, line, width, highlight)
        strip = self._cell_cache.get(key)
        if strip is not None:
            return strip
        spans = self._wrap(sid, text_width(width))
        base = self._style(highlight)
        if line >= len(spans):
            strip = Strip.blank(width, base)
        else:
            label = self._labels.get(sid)
            label_style = self._style(highlight, _LABEL_CLASS[label])
            if line == 0:
                note = NOTE_MARK if sid in self.notes else " "
                gutter = [
                    Segment(GLYPHS[label], label_style),
                    Segment(note, self._style(highlight, "aligned-view--note")),
                    Segment(" ", base),
                ]
            else:
                gutter = [Segment(" " * GUTTER_WIDTH, base)]
            start, end = spans[line]
            ranges = [
                (s, e, self._style(highlight, _LABEL_CLASS[label], name))
                for s, e, name in self._highlight_ranges(sid)
                if s < end and e > start
            ]
            words = styled_segments(self._texts[sid], start, end, label_style, ranges)
            strip = Strip([*gutter, *words]).adjust_cell_length(width, base)
        self._cell_cache[key] = strip
        return strip

    def _highlight_ranges(self, sid: str) -> Ranges:
        matches = tuple((s, e, "aligned-view--match") for s, e in self._match_spans.get(sid, ()))
        return self._diff_ranges(sid) + matches

    def _diff_ranges(self, sid: str) -> Ranges:
        """Words of ``sid`` that differ from the pivot's version (or the first version)."""
        cached = self._diffs.get(sid)
        if cached is not None:
            return cached
        ranges: Ranges = ()
        group = self.comparison.group_of.get(sid) if self.comparison else None
        if group is not None and len(group.members) > 1:
            by_column = {self._article_of[m]: m for m in group.members}
            reference = by_column.get(self._pivot, group.members[0])
            if reference != sid:
                changes = word_changes(self._texts[reference], self._texts[sid])
                ranges = tuple((s, e, f"aligned-view--{name}") for s, e, name in changes)
        self._diffs[sid] = ranges
        return ranges

    def _header_line(self, y: int) -> Strip:
        key = ("header", y, self.focused_column, self._shown, self._widths)
        strip = self._cell_cache.get(key)
        if strip is not None:
            return strip
        header = self._style("aligned-view--header")
        focused = self._style("aligned-view--header-focused")
        segments: list[Segment] = []
        for k, (column, width) in enumerate(zip(self._shown, self._widths, strict=True)):
            if k:
                segments.append(Segment("│", header))
            if y == 0:
                style = focused if column == self.focused_column else header
                cell = [Segment(self._header_name(column), style)]
            else:
                cell = self._header_counts(column)
            segments.extend(Strip(cell).adjust_cell_length(width, header))
        strip = Strip(segments).adjust_cell_length(self.scrollable_content_region.width, header)
        self._cell_cache[key] = strip
        return strip

    def _header_name(self, column: int) -> str:
        assert self.comparison is not None
        article = self.comparison.articles[column]
        number = f"{column + 1} " if column < 9 else ""
        pivot = " ★" if column == self._pivot else ""
        return f" {number}{strip_controls(article.source or article.title)}{pivot}"

    def _header_counts(self, column: int) -> list[Segment]:
        assert self.comparison is not None
        article = self.comparison.articles[column]
        stats = next((s for s in self.comparison.stats if s.article_id == article.id), None)
        if stats is None:
            return []
        counts = (
            (Label.SHARED, stats.shared),
            (Label.UNIQUE, stats.unique),
            (Label.CONTRADICTING, stats.contradicting),
            (None, stats.non_prose),
        )
        segments = [Segment(" ", self._style("aligned-view--header"))]
        for label, count in counts:
            style = self._style("aligned-view--header", _LABEL_CLASS[label])
            segments.append(Segment(f"{GLYPHS[label]}{count} ", style))
        return segments
