"""AlignedView: one Line-API widget drawing every shown source column, aligned or as written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets._footer import FooterKey

from aligner.result.model import Comparison, Label
from tui.cell_render import (
    CURSOR,
    EARLIER_MARK,
    GAP_MARK,
    GLYPHS,
    LINKED,
    NOTE_MARK,
    ROW,
    CellRenderer,
    ComponentStyles,
)
from tui.keys import bindings, footer_label
from tui.messages import ViewStateChanged
from tui.row_layout import (
    FILTERS,
    NARROW_COLUMN,
    LabelFilter,
    LineIndex,
    Mode,
    Row,
    column_at,
    column_widths,
    column_window,
    columns_that_fit,
    columns_to_show,
    find_matches,
    keep_row,
)
from tui.scroll_range import set_scroll_range
from tui.search_order import (
    Key,
    Match,
    aligned_match_order,
    cursor_key,
    match_position,
    reading_match_order,
    step_match,
)
from tui.selection import anchored_entry, anchored_row, level_columns, reading_selection
from tui.view_model import EMPTY_LAYOUT, Layout, SignCounts, ViewModel

# The marks are re-exported: tests and callers read what a line shows by them.
__all__ = ["EARLIER_MARK", "GAP_MARK", "GLYPHS", "HEADER_HEIGHT", "NOTE_MARK", "AlignedView"]

HEADER_HEIGHT = 2
"""Source names, then per-source counts; fixed above the scrolling rows."""


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
        "aligned-view--soft",
        "aligned-view--nonprose",
        "aligned-view--gap",
        "aligned-view--diff",
        "aligned-view--diff-number",
        "aligned-view--note",
        "aligned-view--match",
        "aligned-view--row",
        "aligned-view--linked",
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
        & > .aligned-view--soft { color: $parallax-soft; }
        & > .aligned-view--nonprose { color: $parallax-nonprose; text-style: italic; }
        & > .aligned-view--gap { color: $parallax-gap; }
        & > .aligned-view--diff { background: $parallax-diff; text-style: underline; }
        & > .aligned-view--diff-number {
            background: $parallax-diff-number; text-style: bold underline;
        }
        & > .aligned-view--note { color: $parallax-note; text-style: bold; }
        & > .aligned-view--match { background: $parallax-match; text-style: bold; }
        & > .aligned-view--row { background: $parallax-cursor 40%; }
        & > .aligned-view--linked { background: $parallax-cursor 40%; text-style: dim; }
        & > .aligned-view--cursor { background: $parallax-cursor; }
        & > .aligned-view--separator { color: $parallax-gap; }  /* 3:1 on the background */
        & > .aligned-view--header { background: $panel; color: $foreground; }
        & > .aligned-view--header-focused {
            background: $panel; color: $accent; text-style: bold underline;
        }
        & > .aligned-view--empty { color: $text-muted; }
    }
    """

    # What the view shows. Assigning one lays the view out again, keeping the selected
    # sentence, and posts ViewStateChanged (as every move does).
    mode: reactive[Mode] = reactive[Mode]("aligned", init=False)
    label_filter: reactive[LabelFilter] = reactive[LabelFilter]("all", init=False)
    hidden: reactive[frozenset[int]] = reactive[frozenset[int]](frozenset(), init=False)
    # The column the cursor is in; changed by the moves, which lay out when they must.
    focused_column: reactive[int] = reactive(0, init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.comparison: Comparison | None = None
        self.notes: Mapping[str, str] = {}
        self.empty_message = "Aligning…"
        self._model: ViewModel | None = None
        # Layout, rebuilt when the comparison, width, filter, sources or mode change.
        self._layout_width = -1
        self._shown: tuple[int, ...] = ()
        self._widths: tuple[int, ...] = ()
        self._layout: Layout = EMPTY_LAYOUT
        # Reading mode: each shown column's selected entry, and the lines it is shifted by.
        self._reading_entries: dict[int, int] = {}
        self._shifts: dict[int, int] = {}
        # Selection: the cursor (row, or entry of the focused column) and the sentence it
        # stands on, which survives re-layouts and re-alignments.
        self._cursor = 0
        self._anchor: str | None = None
        self._filter_return: tuple[str | None, str | None] = (None, None)
        """(the sentence the reader chose, the one the last filter change selected)."""
        # A source shown again: brought into view by the next re-layout, the focus left alone.
        self._shown_again: tuple[int, ...] = ()
        # Search.
        self._query = ""
        self._match_spans: dict[str, list[tuple[int, int]]] = {}
        self._match_order: list[Match] | None = None
        self._styles = ComponentStyles(self)
        self._cells = CellRenderer(self._styles)

    # ------------------------------------------------------------------ public state

    def show_comparison(self, comparison: Comparison | None, *, hidden: Iterable[int] = ()) -> None:
        """Display ``comparison``; keeps the selected sentence when it still exists."""
        self.comparison = comparison
        self._model = None if comparison is None else ViewModel(comparison)
        self._cells.clear()
        if self._model is not None:
            count = len(self._model.comparison.articles)
            shown_hidden = frozenset(k for k in hidden if 0 <= k < count and count > 1)
            # Set without the watcher: the layout below is the one this change needs.
            self.set_reactive(
                AlignedView.hidden, shown_hidden if len(shown_hidden) < count else frozenset()
            )
            if not 0 <= self.focused_column < count or self.focused_column in self.hidden:
                self.focused_column = self._candidates()[0] if count else 0
            if self._anchor not in self._model.texts:
                self._anchor = None
        self._filter_return = (None, None)  # a re-alignment regroups the rows
        self._search_spans()
        self._relayout()

    def set_notes(self, notes: Mapping[str, str]) -> None:
        """Sentence ids that carry a note; they get a marker in the gutter."""
        self.notes = dict(notes)
        self._cells.clear()
        self.refresh()

    @property
    def sign_counts(self) -> Mapping[int, SignCounts]:
        """Each source's sentences by the sign drawn on them, by column (none: no comparison)."""
        return {} if self._model is None else self._model.sign_counts

    @property
    def shown_columns(self) -> tuple[int, ...]:
        """Article indices of the columns on screen, left to right."""
        return self._shown

    @property
    def focused_sentence(self) -> str | None:
        """The selected sentence in the focused column, if that column has one."""
        return self._focused_sentence(self.mode)

    def _focused_sentence(self, mode: Mode) -> str | None:
        if mode == "reading":
            stream = self._layout.streams.get(self.focused_column, ())
            return stream[self._cursor] if 0 <= self._cursor < len(stream) else None
        row = self.selected_row
        return None if row is None else row.cells.get(self.focused_column)

    @property
    def selected_row(self) -> Row | None:
        """The selected aligned row (aligned mode only)."""
        rows = self._layout.rows
        if self.mode != "aligned" or not 0 <= self._cursor < len(rows):
            return None
        return rows[self._cursor]

    @property
    def selected_sentences(self) -> tuple[str, ...]:
        """The row's sentences (aligned) or the sentence and its counterparts (reading)."""
        if self.mode == "aligned":
            row = self.selected_row
            return () if row is None else tuple(row.cells[k] for k in sorted(row.cells))
        return tuple(
            sid
            for sid in self._reading_selection().values()
            if sid is not None and self._beside_focus(sid) is ROW
        )

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
            return len(self._layout.rows)
        return len(self._layout.streams.get(self.focused_column, ()))

    @property
    def position(self) -> tuple[int, int]:
        """``(number, total)`` of the cursor for the status line, from 1. In aligned view a row
        keeps its number whichever sources are shown or hidden: rows are counted over every
        source (with the filter), not only over those on screen."""
        if self.mode == "reading" or self._model is None:
            return (self._cursor + 1, self.row_count) if self.row_count else (0, 0)
        numbers = self._model.row_numbers(self.label_filter)
        row = self.selected_row
        return (numbers.get(row.order, 0) if row else 0, len(numbers))

    def line_text(self, y: int) -> str:
        """Plain text of screen line ``y`` (for tests and debugging)."""
        return self.render_line(y).text

    # ------------------------------------------------------------------ state changes

    def watch_mode(self, old: Mode, new: Mode) -> None:
        # The selection as the old mode saw it (the layout is still the old one).
        self._anchor = self._focused_sentence(old) or self._anchor
        self._relayout()
        self._name_mode_in_footer()

    def _name_mode_in_footer(self) -> None:
        """The footer's ``r`` names the other view. Both labels are one width, so only their
        text changes: ``refresh_bindings`` would rebuild the whole footer, 60-90 ms a press at
        10k sentences (bench/tui.py). When the footer is rebuilt anyway, ``check_action``
        picks the binding of this mode."""
        label = footer_label("toggle_mode", self.mode)
        for footer_key in self.app.query(FooterKey):
            if footer_key.action.startswith("toggle_mode") and label:
                footer_key.description = label
                footer_key.action = f"toggle_mode('{self.mode}')"
                footer_key.refresh()

    def watch_label_filter(self) -> None:
        selected = self.focused_sentence or self._row_anchor()
        chosen, landed = self._filter_return
        # Not moved since the last filter change (which may have had to leave the reader's
        # row): go on from the row the reader chose, so the filter that shows it again
        # (cycling `f` back to "all") goes back there, not to a row a filter put the cursor on.
        self._anchor = chosen if chosen is not None and selected == landed else selected
        self._relayout()
        self._filter_return = (self._anchor, self.focused_sentence or self._row_anchor())

    def watch_hidden(self) -> None:
        # Whoever hides or shows a source has put the focus and the anchor where they belong.
        wanted, self._shown_again = self._shown_again, ()
        self._relayout(wanted=wanted)

    def select_sentence(self, sentence_id: str, *, came_from: str | None = None) -> None:
        """Move the cursor (and focus) to ``sentence_id`` if its source is not hidden,
        keeping the source it jumps from on screen beside it: ``came_from``'s (a row of
        jumps that started there), else the focused one."""
        model = self._model
        column = model.article_of.get(sentence_id) if model else None
        if column is None or column in self.hidden:
            return
        origin = model.article_of.get(came_from) if model and came_from else None
        self._move_focus(
            column, sentence_id, keep=self.focused_column if origin is None else origin
        )

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # ``r`` has one binding per mode (keys.Key.mode_labels): only the current mode's
        # is active and shown. Without a mode (command palette) it always toggles.
        if action == "toggle_mode" and parameters:
            return parameters[0] == self.mode
        return True

    def action_toggle_mode(self, shown_in: str = "") -> None:
        """Switch to the other view; ``shown_in`` is the mode the pressed binding belongs to."""
        del shown_in
        self.mode = "reading" if self.mode == "aligned" else "aligned"

    def action_cycle_filter(self) -> None:
        self.label_filter = FILTERS[(FILTERS.index(self.label_filter) + 1) % len(FILTERS)]

    def action_toggle_source(self, column: int) -> None:
        """Show or hide a source; the last shown source cannot be hidden."""
        if self.comparison is None or not 0 <= column < len(self.comparison.articles):
            self.app.bell()
            return
        hidden = set(self.hidden)
        focus = self.focused_column
        if column in hidden:
            # The focus stays: a 'p' next must not make the source shown the pivot unasked.
            hidden.remove(column)
            self._shown_again = (column,)
            if not self._fits_beside_focus(column):
                focus = column  # too narrow for it beside the focus: showing it means going there
        else:
            if len(hidden) + 1 >= len(self.comparison.articles):
                self.notify("At least one source stays visible.", severity="warning")
                return
            hidden.add(column)
        self._anchor = self.focused_sentence or self._anchor
        if focus in hidden:
            focus = self._nearest_candidate(focus, hidden=hidden)
        self.focused_column = focus
        self.hidden = frozenset(hidden)  # lays out

    def _fits_beside_focus(self, column: int) -> bool:
        """Whether the window of columns can show ``column`` and keep the focused one (and
        the pivot, pinned whenever two fit)."""
        fits = columns_to_show(self.scrollable_content_region.width, len(self._candidates()))
        pivot = self._model.pivot if self._model else None
        taken = {self.focused_column, column} | (
            {pivot} if pivot is not None and fits >= 2 else set()
        )
        return len(taken) <= fits

    # ------------------------------------------------------------------ search

    def set_search(self, query: str) -> int:
        """Highlight ``query`` (case-insensitive, literal); returns the number of matches."""
        self._query = query
        self._search_spans()
        self._cells.clear()
        self.refresh()
        return self.match_count

    @property
    def search_query(self) -> str:
        """The text highlighted (``set_search``'s last query)."""
        return self._query

    @property
    def match_count(self) -> int:
        return len(self._matches())

    def goto_match(self, *, forward: bool = True) -> tuple[int, int]:
        """Select the next (previous) sentence holding a match: (1-based position, count)."""
        matches = self._matches()
        if not matches:
            return 0, 0
        at = step_match(matches, self._selection_key(), forward=forward)
        self.select_sentence(matches[at][1])
        return at + 1, len(matches)

    def current_match(self) -> int:
        """1-based position of the selected sentence among the matches, 0 when not on one."""
        return match_position(self._matches(), self._selection_key())

    def _search_spans(self) -> None:
        self._match_order = None
        texts = self._model.texts if self._model else {}
        self._match_spans = find_matches(texts, self._query)

    def _matches(self) -> list[Match]:
        """Sentences with a match, in the order the cursor meets them; kept until the search
        or the layout changes."""
        if self._match_order is None:
            columns = self._candidates()
            # Every source counts, shown or not: stepping to a match brings its column in.
            model = self._model
            if self.mode == "aligned":
                rows = model.rows_passing(self.label_filter, columns) if model else ()
                self._match_order = aligned_match_order(
                    rows, columns=columns, matched=self._match_spans
                )
            else:
                streams = (
                    {c: model.stream(c, label_filter=self.label_filter) for c in columns}
                    if model
                    else {}
                )
                self._match_order = reading_match_order(
                    streams, columns=columns, matched=self._match_spans
                )
        return self._match_order

    def _selection_key(self) -> Key:
        cursor = self._cursor
        if self.mode == "aligned":
            # Matches are ordered among all rows, shown or not: the cursor row's place there.
            rows = self._layout.rows
            cursor = rows[cursor].order if 0 <= cursor < len(rows) else 0
        return cursor_key(
            self.mode,
            columns=self._candidates(),
            focused_column=self.focused_column,
            cursor=cursor,
        )

    # ------------------------------------------------------------------ layout

    def _candidates(self, *, hidden: Iterable[int] | None = None) -> list[int]:
        """Columns that may be shown: every source not ``hidden`` (default: the hidden ones)."""
        count = len(self.comparison.articles) if self.comparison else 0
        left_out = set(self.hidden if hidden is None else hidden)
        return [k for k in range(count) if k not in left_out]

    def _nearest_candidate(self, column: int, *, hidden: Iterable[int] | None = None) -> int:
        candidates = self._candidates(hidden=hidden)
        after = [k for k in candidates if k > column]
        return after[0] if after else candidates[-1]

    def _relayout(self, *, wanted: Sequence[int] = ()) -> None:
        """Fit the columns to the width (``wanted``: sources to bring into view), then take
        the model's layout for the mode, filter and shown sources, and put the cursor back on
        the anchor sentence."""
        width = self.scrollable_content_region.width
        self._layout_width = width
        self._match_order = None
        candidates = self._candidates()
        fits = columns_to_show(width, len(candidates))
        pivot = self._model.pivot if self._model else None
        if wanted:
            # A jump shows every source it wants, the focus and the pivot, in narrower
            # columns if it must.
            together = {self.focused_column, *wanted} | ({pivot} if pivot in candidates else set())
            fits = max(fits, min(len(together), columns_that_fit(width, min_width=NARROW_COLUMN)))
        self._shown = column_window(
            candidates,
            focused=self.focused_column,
            fits=fits,
            previous=self._shown,
            pinned=pivot,
            wanted=wanted,
        )
        self._widths = column_widths(width, len(self._shown))
        self._layout = (
            EMPTY_LAYOUT
            if self._model is None
            else self._model.layout(
                mode=self.mode,
                label_filter=self.label_filter,
                shown=self._shown,
                widths=self._widths,
            )
        )
        self._cursor = self._cursor_for_anchor()
        self._update_virtual_size()
        self._after_move(scroll=True)

    def _update_virtual_size(self) -> None:
        if self.mode == "aligned":
            lines = self._layout.row_lines.total
        else:
            index = self._layout.stream_lines.get(self.focused_column)
            lines = index.total if index else 0
        set_scroll_range(self, Size(self._layout_width, lines + HEADER_HEIGHT))

    def _cursor_for_anchor(self) -> int:
        """Where the cursor goes after a re-layout: the anchor sentence, or its nearest row."""
        if self._model is None:
            return 0
        if self.mode == "aligned":
            return anchored_row(self._model, self._layout, self._anchor, current=self._cursor)
        return anchored_entry(self._model, self._layout, self._anchor, column=self.focused_column)

    def _reading_selection(self) -> dict[int, str | None]:
        """Reading mode: the selected sentence of every shown column."""
        if self._model is None:
            return {}
        return reading_selection(
            self._model,
            self._layout,
            self.focused_sentence,
            shown=self._shown,
            focused_column=self.focused_column,
        )

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
        # A sentence alone in its row but told by another source elsewhere ("~") is no
        # difference: the reader looks for what only one source says.
        elsewhere = self._model.told_elsewhere if self._model else frozenset()
        if self.mode == "aligned":
            if self._jump_to_row(labels, elsewhere, forward=forward):
                return
            candidates: list[Label | None] = []
        else:
            label_of = self._model.labels if self._model else {}
            stream = self._layout.streams.get(self.focused_column, ())
            candidates = [None if sid in elsewhere else label_of[sid] for sid in stream]
            order = (
                range(self._cursor + 1, len(candidates))
                if forward
                else range(self._cursor - 1, -1, -1)
            )
            for index in order:
                if candidates[index] in labels:
                    self._move_cursor(index)
                    return
        self.app.bell()
        what = "contradiction" if labels == {Label.CONTRADICTING} else "difference"
        found_any = (
            any(label in labels for label in candidates)
            if self.mode == "reading"
            else self._jump_targets(labels, elsewhere) != []
        )
        if not found_any:
            self.notify(f"No {what} in view.", timeout=2)
        else:
            self.notify(f"No further {what} {'below' if forward else 'above'}.", timeout=2)

    def _jump_targets(self, labels: set[Label], elsewhere: frozenset[str]) -> list[Row]:
        """Rows of any shown or off-screen source (not hidden) that ``n``/``c`` stop at."""
        if self._model is None:
            return []
        columns = frozenset(self._candidates())
        facts = self._model.filter_facts
        label_filter = self.label_filter  # read once: a reactive costs a call per read
        return [
            row
            for row in self._model.rows
            if row.label in labels
            and not set(row.cells.values()) <= elsewhere
            and keep_row(row, label_filter=label_filter, columns=columns, facts=facts)
        ]

    def _jump_to_row(self, labels: set[Label], elsewhere: frozenset[str], *, forward: bool) -> bool:
        """Select the next (previous) row with one of ``labels``, bringing every source of it
        into view, also those off-screen; False when there is none."""
        selected = self.selected_row
        here = selected.order if selected else -1
        targets = self._jump_targets(labels, elsewhere)
        ahead = (
            [r for r in targets if r.order > here]
            if forward
            else [r for r in reversed(targets) if r.order < here]
        )
        if not ahead:
            return False
        row = ahead[0]
        columns = [c for c in self._candidates() if c in row.cells]
        if all(c in self._shown for c in columns):
            self._move_cursor(self._layout.row_of[next(iter(row.cells.values()))])
            return True
        # Focus a source of the row other than the pivot (pinned anyway) and show the rest.
        pivot = self._model.pivot if self._model else 0
        focus = next((c for c in columns if c != pivot), columns[0])
        self.focused_column = focus
        self._anchor = row.cells[focus]
        self._relayout(wanted=columns)
        return True

    def _cycle_column(self, step: int) -> None:
        candidates = self._candidates()
        if not candidates:
            return
        at = candidates.index(self.focused_column) if self.focused_column in candidates else 0
        column = candidates[(at + step) % len(candidates)]
        if self.mode == "aligned":
            # Stay on the row: its sentence in that column, or the row itself if it has none.
            row = self.selected_row
            target = row.cells.get(column) if row else None
            if target is None and row is not None:
                self._anchor = self.focused_sentence or self._row_anchor()
        else:
            selected = self.focused_sentence or self._anchor
            model = self._model
            target = model.counterpart(selected, column) if selected and model else None
        self._move_focus(column, target)

    def _move_focus(self, column: int, sentence_id: str | None, *, keep: int | None = None) -> None:
        """Focus ``column`` and select ``sentence_id`` (or its nearest neighbour) there; a
        column brought into view keeps ``keep`` (shown) beside it."""
        screen_line = self._cursor_screen_line()
        self.focused_column = column
        if sentence_id is not None:
            self._anchor = sentence_id
        if column not in self._shown or self.mode == "reading":
            brought_in = column not in self._shown and keep in self._shown and keep != column
            self._relayout(wanted=(keep,) if brought_in and keep is not None else ())
        else:
            self._cursor = self._cursor_for_anchor()
            self._after_move(scroll=True)
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
            return self._layout.row_lines
        return self._layout.stream_lines.get(self.focused_column)

    def _after_move(self, *, scroll: bool) -> None:
        if self.mode == "reading":
            self._reading_entries, self._shifts = level_columns(
                self._layout,
                self._reading_selection(),
                focused_column=self.focused_column,
                cursor=self._cursor,
            )
            self._update_virtual_size()
        if scroll:
            self._scroll_to_cursor()
        self.refresh()
        self._post_state()

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
        # To the app itself, not bubbling through the screen: one queue hop, so the app
        # redraws what mirrors the view (status line, details) before the screen's next frame.
        self.app.post_message(
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
        self._cells.clear()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._shown:
            return
        column = column_at(offset.x, columns=self._shown, widths=self._widths)
        if column is None:
            return
        if offset.y < HEADER_HEIGHT:
            self._move_focus(column, None)
            return
        line = round(self.scroll_y) + offset.y - HEADER_HEIGHT
        if self.mode == "aligned":
            found = self._layout.row_lines.locate(line)
            if found is None:
                return
            row = self._layout.rows[found[0]]
            self.focused_column = column
            self._cursor = found[0]
            self._anchor = row.cells.get(column) or self._row_anchor()
            self._after_move(scroll=True)
            return
        found = self._layout.stream_lines[column].locate(line + self._shifts.get(column, 0))
        if found is not None:
            self._move_focus(column, self._layout.streams[column][found[0]])

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._model is None or not self._shown:
            return self._cells.empty_line(y, width, self.empty_message)
        if y < HEADER_HEIGHT:
            return self._cells.header(
                self._model,
                y,
                shown=self._shown,
                widths=self._widths,
                focused_column=self.focused_column,
                width=width,
            )
        line = round(self.scroll_y) + y - HEADER_HEIGHT
        cells = [
            self._cell_at(column, cell_width, line)
            for column, cell_width in zip(self._shown, self._widths, strict=True)
        ]
        return self._cells.content_line(cells, layout_width=self._layout_width, width=width)

    def _cell_at(self, column: int, width: int, line: int) -> Strip:
        """One column's part of a content line."""
        if self.mode == "aligned":
            found = self._layout.row_lines.locate(line)
            if found is None:
                return self._cells.blank(width, None)
            r, line_in_row = found
            row = self._layout.rows[r]
            highlight = self._highlight(column) if r == self._cursor else None
            sid = row.cells.get(column)
            if sid is not None:
                return self._sentence_cell(sid, line_in_row, width, highlight)
            if line_in_row == 0 and row.label is not None:
                return self._cells.gap(width, highlight)
            return self._cells.blank(width, highlight)
        index = self._layout.stream_lines.get(column)
        found = index.locate(line + self._shifts.get(column, 0)) if index else None
        if found is None:
            return self._cells.blank(width, None)
        entry, line_in_entry = found
        sid = self._layout.streams[column][entry]
        highlight = None
        if entry == self._reading_entries.get(column):
            highlight = CURSOR if column == self.focused_column else self._beside_focus(sid)
        return self._sentence_cell(sid, line_in_entry, width, highlight)

    def _beside_focus(self, sid: str) -> str | None:
        """Reading mode: how a sentence standing level with the focused one is highlighted:
        as the selection when it is its counterpart (one row), weaker when a link joins them
        (told in another row), not at all when it only stands nearest."""
        focused = self.focused_sentence
        comparison = self.comparison
        if focused is None or comparison is None:
            return None
        if sid == focused:
            return ROW
        group = comparison.group_of.get(focused)
        if group is not None and sid in group.members:
            return ROW
        links = (*comparison.links_of.get(focused, ()), *comparison.near_of.get(focused, ()))
        return LINKED if any(sid in (link.a, link.b) for link in links) else None

    def _highlight(self, column: int) -> str:
        """The selection's highlight in ``column``: the cursor where the focus is."""
        return CURSOR if column == self.focused_column else ROW

    def _sentence_cell(self, sid: str, line: int, width: int, highlight: str | None) -> Strip:
        assert self._model is not None
        return self._cells.sentence(
            self._model,
            sid,
            line,
            width,
            highlight,
            noted=sid in self.notes,
            matches=self._match_spans.get(sid, ()),
            earlier=sid in self._layout.earlier,
        )
