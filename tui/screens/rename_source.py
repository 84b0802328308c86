"""The dialog that gives a source a name of the reader's own, for this folder."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.safe_text import strip_controls
from tui.screens.modal import ParallaxModal
from tui.source_names import MAX_SOURCE_NAME, clean_source_name


class RenameSourceDialog(ParallaxModal[str | None]):
    """Dismisses with the new name ("" gives the source its file's name back), or None when
    cancelled."""

    DEFAULT_CSS = """
    RenameSourceDialog > #dialog {
        width: 72;
        max-width: 95%;
    }
    RenameSourceDialog .title {
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, number: int, current: str, named_by_file: str) -> None:
        """``number`` is the source's column number (1-based), ``current`` its name now and
        ``named_by_file`` the name its file gives it."""
        super().__init__()
        self._number = number
        self._current = current
        self._named_by_file = named_by_file

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Rename source {self._number}", classes="title", markup=False)
            yield Input(
                value=strip_controls(self._current),
                placeholder=strip_controls(self._named_by_file),
                max_length=MAX_SOURCE_NAME,
                id="name",
            )
            yield Static(
                f"The file names it “{strip_controls(self._named_by_file)}”. The new name is "
                "kept for this folder and used in exports.\n"
                "Enter: rename (empty: the file's name again)    Esc: cancel",
                classes="hint",
                markup=False,
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(clean_source_name(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
