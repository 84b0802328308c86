"""The help screen: what the reader's signs mean and every key, grouped by section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Static

from tui.screens.modal import ParallaxModal


def grouped_by_section(
    keys: Sequence[tuple[str, str, str]],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rows grouped by section; sections and rows keep the order they were given in."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for section, key, description in keys:
        sections.setdefault(section, []).append((key, description))
    return list(sections.items())


PANEL_MAX_WIDTH = 110
MIN_DESCRIPTION_WIDTH = 24


class HelpScreen(ParallaxModal[None]):
    """Lists ``(section, key or sign, description)`` rows; Escape, q, F1 or ? close it."""

    DEFAULT_CSS = """
    HelpScreen > #panel {
        width: 90%;
        max-width: 110;  /* PANEL_MAX_WIDTH */
        height: 90%;
    }
    HelpScreen .title {
        padding: 1 0;
    }
    HelpScreen DataTable {
        height: 1fr;
    }
    """

    AUTO_FOCUS = "#keys"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "Close"),
        # The reader's own movement keys work here too.
        Binding("j", "move('cursor_down')", "Down", show=False),
        Binding("k", "move('cursor_up')", "Up", show=False),
        Binding("g", "move('scroll_top')", "First", show=False),
        Binding("G", "move('scroll_bottom')", "Last", show=False),
        # The table binds Home/End to sideways scrolling, which does nothing here.
        Binding("home", "move('scroll_top')", "First", show=False, priority=True),
        Binding("end", "move('scroll_bottom')", "Last", show=False, priority=True),
    ]

    def __init__(self, keys: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self._keys = list(keys)

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        grouped = grouped_by_section(self._keys)
        section_width = max(len("Section"), *(len(section) for section, _ in grouped))
        key_width = max(len("Sign / key"), *(len(key) for _, key, _ in self._keys))
        table.add_column(Text("Section"), key="section", width=section_width)
        table.add_column(Text("Sign / key"), key="key", width=key_width)
        # Descriptions wrap to the panel instead of running off its edge at 80 columns.
        table.add_column(
            Text("What it does"),
            key="description",
            width=self._description_width(section_width + key_width),
        )
        for section, rows in grouped:
            for index, (key, description) in enumerate(rows):
                # The section is named once, on its first row, so the groups read as blocks.
                table.add_row(
                    Text(section if index == 0 else "", style="bold"),
                    Text(key, style="bold"),
                    Text(description),
                    height=None,
                )
        with Vertical(id="panel"):
            yield Static("Signs and keys", classes="title", markup=False)
            yield table
        yield Footer()

    def _description_width(self, other_columns: int) -> int:
        """What is left of the panel (90% of the screen, at most 110 cells, less its border,
        padding, scroll bar and the cells' own padding) for the description column."""
        panel = min(self.app.size.width * 9 // 10, PANEL_MAX_WIDTH)
        return max(MIN_DESCRIPTION_WIDTH, panel - 4 - 2 - other_columns - 6)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, table_action: str) -> None:
        getattr(self.query_one("#keys", DataTable), f"action_{table_action}")()
