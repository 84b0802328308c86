"""The reader's screens and dialogs, one per module, re-exported here."""

from __future__ import annotations

from tui.screens.confirm import ConfirmDialog
from tui.screens.export_dialog import ExportDialog, ExportFormat, ExportRequest
from tui.screens.help import HelpScreen
from tui.screens.note_dialog import NoteDialog
from tui.screens.notes_list import NotesListScreen, note_entries
from tui.screens.open_folder import FolderTree, OpenFolderDialog
from tui.screens.overview import OverviewScreen
from tui.screens.rename_source import RenameSourceDialog

__all__ = [
    "ConfirmDialog",
    "ExportDialog",
    "ExportFormat",
    "ExportRequest",
    "FolderTree",
    "HelpScreen",
    "NoteDialog",
    "NotesListScreen",
    "OpenFolderDialog",
    "OverviewScreen",
    "RenameSourceDialog",
    "note_entries",
]
