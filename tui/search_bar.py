"""SearchBar: the `/` input under the view; it reports what to find and when to move on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """A one-line search field; the app owns the matching and tells it the count."""

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close search", show=False),
        Binding("down", "step(True)", "Next match", show=False),
        Binding("up", "step(False)", "Previous match", show=False),
    ]

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $panel;
        &.-open { display: block; }
        & > #search-prompt { width: auto; padding: 0 1; color: $accent; text-style: bold; }
        & > Input { width: 1fr; height: 1; border: none; padding: 0; background: $panel; }
        & > Input:focus { border: none; background: $boost; }
        & > #search-count { width: auto; min-width: 14; padding: 0 1; color: $text-muted; }
    }
    """

    @dataclass
    class QueryChanged(Message):
        """The text to find changed (empty: stop highlighting)."""

        query: str

    @dataclass
    class Step(Message):
        """Go to the next (``forward``) or previous match."""

        forward: bool

    class Closed(Message):
        """The user left the search bar; matches stay highlighted."""

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt", markup=False)
        yield Input(placeholder="find in every source", id="search-input", compact=True)
        yield Label("", id="search-count", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    def open(self) -> None:
        """Show the bar and put the cursor in it, the current query selected."""
        self.add_class("-open")
        field = self.query_one(Input)
        # At once, not after the next refresh as ``focus()`` does: keys typed right after
        # the slash are already queued, and they belong to the search.
        self.screen.set_focus(field)
        field.select_all()

    def close(self, *, clear: bool = False) -> None:
        """Hide the bar; ``clear`` also forgets the query."""
        if clear and self.query_text:
            self.query_one(Input).value = ""
        self.remove_class("-open")

    def show_count(self, text: str) -> None:
        self.query_one("#search-count", Label).update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(forward=True))

    def action_step(self, forward: bool) -> None:
        self.post_message(self.Step(forward=forward))

    def action_close(self) -> None:
        self.post_message(self.Closed())
