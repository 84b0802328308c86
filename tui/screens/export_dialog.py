"""The export dialog: where to write the comparison, in which format, and whether to overwrite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from aligner.export import SUFFIXES, ExportFormat
from tui.atomic import NotRegularFile, check_replaceable
from tui.safe_text import safe_text, strip_controls
from tui.screens.confirm import ConfirmDialog
from tui.screens.modal import ParallaxModal


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for; ``overwrite`` is True only after they confirmed it."""

    path: Path
    fmt: ExportFormat
    overwrite: bool


class FormatButton(RadioButton):
    """A radio button whose dot shows only when it is chosen: Textual draws the dot in both
    and tells them apart by colour alone, which a low-colour terminal loses."""

    CHOSEN, NOT_CHOSEN = RadioButton.BUTTON_INNER, " "

    def __init__(self, label: str, *, value: bool, id: str) -> None:
        super().__init__(label, value=value, id=id)
        self.BUTTON_INNER = self.CHOSEN if value else self.NOT_CHOSEN

    def watch_value(self) -> None:
        self.BUTTON_INNER = self.CHOSEN if self.value else self.NOT_CHOSEN
        super().watch_value()
        self.refresh()


class ExportDialog(ParallaxModal[ExportRequest | None]):
    """Dismisses with an ``ExportRequest`` or None when cancelled."""

    DEFAULT_CSS = """
    ExportDialog > #dialog {
        width: 76;
        max-width: 95%;
    }
    ExportDialog .title {
        margin-bottom: 1;
    }
    ExportDialog RadioSet {
        layout: horizontal;
        width: auto;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
    ]

    def __init__(self, default_path: Path, default_format: ExportFormat) -> None:
        super().__init__()
        self._default_path = default_path
        self._format: ExportFormat = default_format
        # Paths are shown without control characters (they would reach the terminal), so
        # remember which real path each shown one stands for.
        self._real_paths: dict[str, Path] = {}

    @property
    def export_format(self) -> ExportFormat:
        return self._format

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Export the comparison", classes="title", markup=False)
            yield Label("File", markup=False)
            yield Input(value=self._shown(self._default_path), id="path")
            yield Static("", id="error", classes="-empty")
            with RadioSet(id="format"):
                yield FormatButton("Markdown", value=self._format == "markdown", id="markdown")
                yield FormatButton("JSON", value=self._format == "json", id="json")
            with Horizontal(id="buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static(
                "Enter: export    Tab: next field    Esc: cancel", classes="hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        new_format: ExportFormat = "json" if event.pressed.id == "json" else "markdown"
        if new_format == self._format:
            return
        path_input = self.query_one("#path", Input)
        path = self._typed_path()
        # Only a suffix that matches the old format is ours to change; a suffix the user
        # chose deliberately stays.
        if path is not None and path.suffix.lower() in SUFFIXES[self._format]:
            path_input.value = self._shown(path.with_suffix(SUFFIXES[new_format][0]))
        self._format = new_format

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_error(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        path, problem = self._chosen_path()
        if problem is not None or path is None:
            self._show_error(problem)
            return
        if not path.exists():
            self.dismiss(ExportRequest(path, self._format, overwrite=False))
            return

        def overwrite_confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(ExportRequest(path, self._format, overwrite=True))
            else:
                self.query_one("#path", Input).focus()

        self.app.push_screen(ConfirmDialog(f"Overwrite {path}?"), overwrite_confirmed)

    def _shown(self, path: Path) -> str:
        shown = strip_controls(str(path))
        self._real_paths[shown] = path
        return shown

    def _typed_path(self) -> Path | None:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            return None
        return self._real_paths.get(typed) or Path(typed)

    def _chosen_path(self) -> tuple[Path | None, str | None]:
        typed = self._typed_path()
        if typed is None:
            return None, "Enter the path of the file to write."
        path = typed.expanduser().absolute()
        try:
            # The export's rule too: a pipe or device would be replaced by a file, not written.
            check_replaceable(path)
            folder_exists = path.parent.is_dir()
        except NotRegularFile as error:
            if error.kind == "folder":
                return None, f"{path} is a folder; add a file name."
            return None, f"{path} is a {error.kind}, not a regular file; choose a file name."
        except OSError as error:  # a name too long, a folder on the way that cannot be searched
            return None, f"Cannot write {path}: {error.strerror or error}."
        if not folder_exists:
            return None, f"The folder {path.parent} does not exist."
        return path, None

    def _show_error(self, message: str | None) -> None:
        error = self.query_one("#error", Static)
        error.update(safe_text(message or ""))
        error.set_class(message is None, "-empty")
