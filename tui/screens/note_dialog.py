"""The dialog that adds, edits or deletes the note on one sentence."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from tui.safe_text import safe_text, strip_controls
from tui.screens.modal import ParallaxModal

# A sentence can be a whole unpunctuated file; the dialog only needs enough to recognise it.
_SHOWN_CHARACTERS = 600


class NoteDialog(ParallaxModal[str | None]):
    """Dismisses with the note text ("" deletes the note) or None when cancelled."""

    DEFAULT_CSS = """
    NoteDialog > #dialog {
        width: 80;
        max-width: 95%;
        max-height: 90%;
    }
    NoteDialog .title {
        margin-bottom: 1;
    }
    NoteDialog #sentence {
        max-height: 8;
        overflow-y: auto;
        padding: 0 1;
        margin-bottom: 1;
        background: $panel;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, sentence_text: str, current: str | None) -> None:
        super().__init__()
        self._sentence = sentence_text
        self._current = current

    def compose(self) -> ComposeResult:
        shown = self._sentence
        if len(shown) > _SHOWN_CHARACTERS:
            shown = shown[:_SHOWN_CHARACTERS].rstrip() + "…"
        with Vertical(id="dialog"):
            title = "Edit note" if self._current else "Add a note"
            yield Static(title, classes="title", markup=False)
            yield Static(safe_text(shown), id="sentence")
            yield Input(
                value=self._current or "",
                placeholder="Your note (leave empty to delete it)",
                id="note",
            )
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Delete", id="delete", disabled=self._current is None)
                yield Button("Cancel", id="cancel")
            yield Static(
                "Enter: save (an empty note deletes it)    Esc: cancel",
                classes="hint",
                markup=False,
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        elif event.button.id == "delete":
            self.dismiss("")
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _save(self) -> None:
        # Notes end up in the app and in exports; keep pasted control characters out.
        self.dismiss(strip_controls(self.query_one("#note", Input).value).strip())
