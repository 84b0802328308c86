"""A yes/no question in a small modal dialog."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.safe_text import safe_text
from tui.screens.modal import ParallaxModal


class ConfirmDialog(ParallaxModal[bool]):
    """Asks ``question``; dismisses with True (y, Enter, Yes) or False (n, Escape, No)."""

    DEFAULT_CSS = """
    ConfirmDialog > #dialog {
        width: 64;
        max-width: 90%;
        border: thick $warning;
    }
    ConfirmDialog #question {
        width: 1fr;
        margin-bottom: 1;
    }
    ConfirmDialog #buttons {
        margin-top: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(safe_text(self._question), id="question")
            with Horizontal(id="buttons"):
                yield Button("Yes", id="yes", variant="warning")
                yield Button("No", id="no")
            yield Static("y / Enter: yes    n / Esc: no", classes="hint", markup=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
