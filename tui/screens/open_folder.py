"""The open-folder dialog: recent folders, a folder tree and a typed path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, OptionList, Static, Tree
from textual.widgets.option_list import Option

from tui.safe_text import safe_text, strip_controls


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # unreadable or vanished: not something we can open
        return False


class FolderTree(DirectoryTree):
    """A tree of visible folders (no files, no dot-folders), names shown literally.

    Enter chooses the folder under the cursor; Space and clicks expand as usual.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Open folder", show=False),
    ]

    class Chosen(Message):
        """The user pressed Enter on a folder."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        # Hidden folders (.git, .cache, ...) crowd the tree; a typed path still reaches them.
        return [path for path in paths if not path.name.startswith(".") and _is_dir(path)]

    def process_label(self, label: str | Text) -> Text:
        # File names are untrusted: never markup, never control characters.
        return safe_text(label.plain if isinstance(label, Text) else label)

    def action_choose(self) -> None:
        node = self.cursor_node
        if node is not None and node.data is not None:
            self.post_message(self.Chosen(node.data.path))


class OpenFolderDialog(ModalScreen[Path | None]):
    """Dismisses with the chosen folder (absolute) or None when cancelled."""

    DEFAULT_CSS = """
    OpenFolderDialog {
        align: center middle;
    }
    OpenFolderDialog > #dialog {
        width: 90%;
        max-width: 120;
        height: 90%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    OpenFolderDialog .title {
        text-style: bold;
    }
    OpenFolderDialog Label {
        color: $text-muted;
    }
    OpenFolderDialog #recent {
        height: auto;
        max-height: 7;
    }
    OpenFolderDialog #tree {
        height: 1fr;
        min-height: 3;
    }
    OpenFolderDialog #path-row {
        height: auto;
    }
    OpenFolderDialog #path {
        width: 1fr;
    }
    OpenFolderDialog #path-row Button {
        margin-left: 1;
        min-width: 10;
    }
    OpenFolderDialog #error {
        color: $text-error;
        height: auto;
    }
    OpenFolderDialog #error.-empty {
        display: none;
    }
    OpenFolderDialog .hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+o", "open", "Open", show=False),
    ]

    def __init__(self, recent: Sequence[str], start: Path) -> None:
        super().__init__()
        self._recent = list(recent)
        self._start = start if _is_dir(start) else Path.home()
        # Paths are shown without control characters (they would reach the terminal), so
        # remember which real path each shown one stands for.
        self._real_paths: dict[str, Path] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Open a folder of articles", classes="title", markup=False)
            yield Label("Recent folders", markup=False)
            if self._recent:
                yield OptionList(*self._recent_options(), id="recent")
            else:
                yield Static("No recent folders yet.", id="no-recent", markup=False)
            yield Label("Browse (Space expands, Enter opens)", markup=False)
            yield FolderTree(self._start, id="tree")
            yield Label("Folder", markup=False)
            with Horizontal(id="path-row"):
                yield Input(value=self._shown(self._start), id="path")
                yield Button("Open", id="open", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static("", id="error", classes="-empty")
            yield Static(
                "Enter: open   Tab: next   ctrl+o: open typed path   Esc: cancel",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        recent = self.query("#recent")
        if recent and any(_is_dir(Path(folder)) for folder in self._recent):
            recent.first().focus()
        else:
            self.query_one("#tree", FolderTree).focus()

    def _recent_options(self) -> list[Option]:
        options = []
        for index, folder in enumerate(self._recent):
            if _is_dir(Path(folder)):
                options.append(Option(safe_text(folder), id=f"recent-{index}"))
            else:
                # Disabled options are dimmed by OptionList; the words say why, too.
                label = safe_text(folder)
                label.append("  (missing)")
                options.append(Option(label, id=f"recent-{index}", disabled=True))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(Path(self._recent[event.option_index]))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data is not None:
            self._set_typed_path(event.node.data.path)

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        self._set_typed_path(event.path)

    def on_folder_tree_chosen(self, event: FolderTree.Chosen) -> None:
        event.stop()
        self._open(event.path)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_error(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            self.action_open()
        else:
            self.action_cancel()

    def action_open(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self._show_error("Enter the path of a folder.")
            return
        self._open(self._real_paths.get(typed) or Path(typed).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _open(self, folder: Path) -> None:
        if not _is_dir(folder):
            self._show_error(f"{folder} is not a folder.")
            return
        self.dismiss(folder.resolve())

    def _set_typed_path(self, path: Path) -> None:
        self.query_one("#path", Input).value = self._shown(path)

    def _shown(self, path: Path) -> str:
        shown = strip_controls(str(path))
        self._real_paths[shown] = path
        return shown

    def _show_error(self, message: str | None) -> None:
        error = self.query_one("#error", Static)
        error.update(safe_text(message or ""))
        error.set_class(message is None, "-empty")
