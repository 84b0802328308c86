"""The open-folder dialog: recent folders, the sample articles, a folder tree and a typed path."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DirectoryTree, Input, Label, OptionList, Static, Tree
from textual.widgets.directory_tree import DirEntry
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode
from textual.worker import Worker

from aligner.load.resources import sample_corpus_dir
from tui.safe_text import safe_text, strip_controls
from tui.screens.modal import ParallaxModal

PARENT_ENTRY = ".."
SAMPLE_OPTION = "sample"
# Characters a typed folder path starts with: typed anywhere in the dialog, they go to its field.
_PATH_STARTS = frozenset("/~")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # unreadable or vanished: not something we can open
        return False


def is_parent_entry(path: Path) -> bool:
    """The tree's ``..`` entry, which stands for the folder above the tree's root."""
    return path.name == PARENT_ENTRY


def _meant(path: Path) -> Path:
    """The folder an entry stands for: ``/a/b/..`` is ``/a``."""
    return path.parent.parent if is_parent_entry(path) else path


def folder_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a folder, in one line; None when it can."""
    try:
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                return f"{path} cannot be read (permission denied)."
            return None
        if path.exists():
            return f"{path} is a file, not a folder."
    except OSError as error:  # a name too long, a permission denied on the way
        return f"{path} cannot be opened ({error.strerror or error})."
    return f"{path} does not exist."


def typed_folder(typed: str) -> Path | str:
    """The folder a typed path names (``~`` expanded), or why it names none."""
    try:
        folder = Path(typed).expanduser()
    except RuntimeError:  # "~someone" for a user this system does not know
        return f"{typed.split('/', 1)[0]} is not a user of this system."
    return folder_problem(folder) or folder


class FolderTree(DirectoryTree):
    """A tree of visible folders (no files, no dot-folders), names shown literally.

    Enter chooses the folder under the cursor; Space and clicks expand as usual. The root's
    first entry is ``..``: Enter, Space or a click on it goes up a folder.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Open folder", show=False),
    ]

    class Chosen(Message):
        """The user pressed Enter on a folder."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class GoUp(Message):
        """The user chose the ``..`` entry."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        # Hidden folders (.git, .cache, ...) crowd the tree; a typed path still reaches them.
        return [
            path
            for path in paths
            if is_parent_entry(path) or (not path.name.startswith(".") and _is_dir(path))
        ]

    def _directory_content(self, location: Path, worker: Worker) -> Iterator[Path]:
        # The root's listing starts with `..` (but `/` has nothing above it).
        if location == Path(self.path).expanduser().resolve() and location.parent != location:
            yield location / PARENT_ENTRY
        yield from super()._directory_content(location, worker)

    def _populate_node(self, node: TreeNode[DirEntry], content: Iterable[Path]) -> None:
        # `..` leads whatever the other names sort like ("-drafts" sorts before it).
        super()._populate_node(node, sorted(content, key=lambda path: not is_parent_entry(path)))

    def _toggle_node(self, node: TreeNode[DirEntry]) -> None:
        # Expanding `..` would nest the parent's folders inside the tree; go up instead.
        if node.data is not None and is_parent_entry(node.data.path):
            self.post_message(self.GoUp())
            return
        super()._toggle_node(node)

    def process_label(self, label: str | Text) -> Text:
        # File names are untrusted: never markup, never control characters.
        return safe_text(label.plain if isinstance(label, Text) else label)

    def action_choose(self) -> None:
        node = self.cursor_node
        if node is None or node.data is None:
            return
        if is_parent_entry(node.data.path):
            self.post_message(self.GoUp())
        else:
            self.post_message(self.Chosen(node.data.path))


class OpenFolderDialog(ParallaxModal[Path | None]):
    """Dismisses with the chosen folder (absolute) or None when cancelled."""

    DEFAULT_CSS = """
    OpenFolderDialog > #dialog {
        width: 90%;
        max-width: 120;
        height: 90%;
        padding: 0 1;
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
    OpenFolderDialog .hint {
        margin-top: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+o", "open", "Open", show=False),
        # The path field keeps Backspace for itself; everywhere else it goes up a folder.
        Binding("backspace", "parent_folder", "Parent folder", show=False),
    ]

    def __init__(self, recent: Sequence[str], start: Path) -> None:
        super().__init__()
        # The sample has its own entry, so it is not listed twice.
        sample = os.path.normpath(sample_corpus_dir().resolve())
        self._recent = [folder for folder in recent if os.path.normpath(folder) != sample]
        self._start = start if _is_dir(start) else Path.home()
        # Paths are shown without control characters (they would reach the terminal), so
        # remember which real path each shown one stands for.
        self._real_paths: dict[str, Path] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Open a folder of articles", classes="title", markup=False)
            yield Label("Recent folders (↑ ↓ Enter)", markup=False)
            if not self._recent:
                yield Static("No recent folders yet.", id="no-recent", markup=False)
            yield OptionList(*self._recent_options(), self._sample_option(), id="recent")
            yield Label("Browse (Space expands, Enter opens, Backspace goes up)", markup=False)
            yield FolderTree(self._start, id="tree")
            yield Label("Folder", markup=False)
            with Horizontal(id="path-row"):
                yield Input(value=self._shown(self._start), id="path")
                yield Button("Open", id="open", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static("", id="error", classes="-empty")
            yield Static(
                "Enter: open   Tab: next   Backspace: parent folder   ctrl+o: open typed path"
                "   Esc: cancel",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        if any(_is_dir(Path(folder)) for folder in self._recent):
            self.query_one("#recent", OptionList).focus()
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

    @staticmethod
    def _sample_option() -> Option:
        return Option("★ The sample articles that come with Parallax", id=SAMPLE_OPTION)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == SAMPLE_OPTION:
            self._open(sample_corpus_dir())
        else:
            self._open(Path(self._recent[event.option_index]))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        if event.node.data is not None:
            self._set_typed_path(_meant(event.node.data.path))

    def on_directory_tree_directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        self._set_typed_path(_meant(event.path))

    def on_folder_tree_chosen(self, event: FolderTree.Chosen) -> None:
        event.stop()
        self._open(event.path)

    def on_folder_tree_go_up(self, event: FolderTree.GoUp) -> None:
        event.stop()
        self.action_parent_folder()

    def on_key(self, event: events.Key) -> None:
        """A path typed while the list or the tree has the focus ("/home/…", "~/news")
        starts in the Folder field instead of going nowhere."""
        field = self.query_one("#path", Input)
        if event.character in _PATH_STARTS and self.focused is not field:
            event.stop()
            event.prevent_default()
            # Focus would select the field's text, and the next key would replace the "/".
            field.select_on_focus = False
            field.value = event.character
            field.cursor_position = len(field.value)
            field.focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "path":
            self.query_one("#path", Input).select_on_focus = True  # back to Tab selecting all

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
        folder = self._real_paths.get(typed) or typed_folder(typed)
        if isinstance(folder, str):
            self._show_error(folder)
        else:
            self._open(folder)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_parent_folder(self) -> None:
        """Show the folder above the tree's in the tree and in the path field."""
        tree = self.query_one("#tree", FolderTree)
        here = Path(tree.path).expanduser().resolve()
        if here.parent == here:
            self.app.bell()
            return
        tree.path = here.parent
        self._set_typed_path(here.parent)

    def _open(self, folder: Path) -> None:
        problem = folder_problem(folder)
        if problem:
            self._show_error(problem)
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
