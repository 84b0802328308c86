"""The help screen: every key of the reader, grouped by section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static


def grouped_by_section(
    keys: Sequence[tuple[str, str, str]],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rows grouped by section; sections and rows keep the order they were given in."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for section, key, description in keys:
        sections.setdefault(section, []).append((key, description))
    return list(sections.items())


class HelpScreen(ModalScreen[None]):
    """Lists ``(section, key, description)`` rows; Escape, q, F1 or ? close it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #panel {
        width: 90%;
        max-width: 110;
        height: 90%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    HelpScreen .title {
        text-style: bold;
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
    ]

    def __init__(self, keys: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self._keys = list(keys)

    def compose(self) -> ComposeResult:
        table: DataTable[Text] = DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        table.add_column(Text("Section"), key="section")
        table.add_column(Text("Key"), key="key")
        table.add_column(Text("What it does"), key="description")
        for section, rows in grouped_by_section(self._keys):
            for index, (key, description) in enumerate(rows):
                # The section is named once, on its first row, so the groups read as blocks.
                table.add_row(
                    Text(section if index == 0 else "", style="bold"),
                    Text(key, style="bold"),
                    Text(description),
                )
        with Vertical(id="panel"):
            yield Static("Keys", classes="title", markup=False)
            yield table
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, table_action: str) -> None:
        getattr(self.query_one("#keys", DataTable), f"action_{table_action}")()
