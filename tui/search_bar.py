"""SearchBar: the `/` input under the view; it reports what to find and when to move on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label

TYPING_HINT = "Enter: go to it"
BROWSING_HINT = "F3 next · ⇧F3 previous · / edit · Esc close"
"""Beside the count once Enter has given the keys back to the view: how to go on."""
NO_MATCH_HINT = "/ edit · Esc close"


def count_text(count: int, current: int) -> str:
    """On a match "match 2/5", else how many there are: "1 match", "3 matches"."""
    if current:
        return f"match {current}/{count}"
    return f"{count} match" if count == 1 else f"{count} matches"


class QueryField(Input):
    """The search field. Enter is taken in turn with the letters before it (a binding would
    run when the key arrives, before them); a key that reaches the field after Enter took the
    focus away was typed in the same burst, and goes where the focus went."""

    def __init__(self, on_enter: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._done_typing = on_enter

    async def _on_key(self, event: events.Key) -> None:
        # Runs before Input's own handler (Textual calls each class's, most derived first),
        # which preventing the default skips. ``has_focus`` changes only when the Blur event
        # is handled, after the keys already queued here: ask the screen.
        focused = self.screen.focused
        if focused is not self and focused is not None:
            event.stop()
            event.prevent_default()
            # A new event: the stopped one would not bubble up to the app's bindings.
            focused._forward_event(events.Key(event.key, event.character))
        elif event.key == "enter":
            event.stop()
            event.prevent_default()
            self._done_typing()


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

    @dataclass
    class Submitted(Message):
        """Enter: the typing is done; go to the match of ``query`` (its last QueryChanged
        may still be on its way)."""

        query: str

    @dataclass
    class TypingChanged(Message):
        """The field gained (``typing``) or lost the focus: the hint beside the count changes."""

        typing: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._typed_from: Widget | None = None
        """Where the keys go back to after Enter."""

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt", markup=False)
        yield QueryField(
            self.give_keys_back, placeholder="find in every source", id="search-input", compact=True
        )
        yield Label("", id="search-count", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def is_typing(self) -> bool:
        """Keys go into the query (the field has the focus)."""
        return self.screen.focused is self.query_one(Input)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    def open(self) -> None:
        """Show the bar and put the cursor in it, the current query selected."""
        self.add_class("-open")
        field = self.query_one(Input)
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            self._typed_from = focused
        # At once, not after the next refresh as ``focus()`` does: keys typed right after
        # the slash are already queued, and they belong to the search.
        self.screen.set_focus(field)
        field.select_all()

    def close(self, *, clear: bool = False) -> None:
        """Hide the bar; ``clear`` also forgets the query."""
        if clear and self.query_text:
            self.query_one(Input).value = ""
        self.remove_class("-open")

    def show_count(self, text: str, *, matches: int) -> None:
        """``text`` and, after it, the keys that go on from here."""
        hint = TYPING_HINT if self.is_typing else BROWSING_HINT
        if not matches and not self.is_typing:
            hint = NO_MATCH_HINT
        self.query_one("#search-count", Label).update(f"{text} · {hint}")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    def give_keys_back(self) -> None:
        """Enter: the keys go back to the widget the search was opened from, at once (the
        next key may be on its way), and the app goes to the match."""
        self.screen.set_focus(self._typed_from)
        self.post_message(self.Submitted(self.query_text))

    def on_descendant_focus(self) -> None:
        self.post_message(self.TypingChanged(typing=True))

    def on_descendant_blur(self) -> None:
        self.post_message(self.TypingChanged(typing=False))

    def action_step(self, forward: bool) -> None:
        self.post_message(self.Step(forward=forward))

    def action_close(self) -> None:
        self.post_message(self.Closed())
