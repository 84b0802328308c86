"""The notes list: every note of the comparison; Enter goes to its sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aligner.result.model import Comparison
from tui.citation import shortened, source_name
from tui.safe_text import safe_text
from tui.screens.modal import ParallaxModal

# Enough of a sentence and a note to recognise them; the reader shows the rest.
SENTENCE_SHOWN = 90
NOTE_SHOWN = 160


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """One note as the list shows it."""

    sentence_id: str
    source: str
    sentence: str
    note: str


def note_entries(comparison: Comparison, notes: Mapping[str, str]) -> list[NoteEntry]:
    """The notes of ``comparison`` (by sentence id) in reading order, source by source."""
    return [
        NoteEntry(sentence.id, source_name(article), sentence.text, notes[sentence.id])
        for article in comparison.articles
        for sentence in article.sentences
        if sentence.id in notes
    ]


def _option(entry: NoteEntry) -> Option:
    """Source and sentence on the first line, the note below (all untrusted text)."""
    prompt = safe_text(entry.source, style="bold")
    prompt.append("  ")
    prompt.append_text(safe_text(shortened(entry.sentence, SENTENCE_SHOWN)))
    prompt.append("\n  ✎ ")
    prompt.append_text(safe_text(shortened(entry.note, NOTE_SHOWN), style="italic"))
    return Option(prompt, id=entry.sentence_id)


class NotesListScreen(ParallaxModal[str | None]):
    """Dismisses with the chosen note's sentence id, or None when closed."""

    DEFAULT_CSS = """
    NotesListScreen > #panel {
        width: 90%;
        max-width: 110;
        height: auto;
        max-height: 90%;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    NotesListScreen #notes {
        height: auto;
        max-height: 100%;
    }
    NotesListScreen #no-notes {
        margin: 1 0;
    }
    """

    AUTO_FOCUS = "#notes"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=False),
        # The reader's own movement keys work here too.
        Binding("j", "move('cursor_down')", "Down", show=False),
        Binding("k", "move('cursor_up')", "Up", show=False),
    ]

    def __init__(self, entries: Sequence[NoteEntry]) -> None:
        super().__init__()
        self._entries = list(entries)

    def compose(self) -> ComposeResult:
        # Title and keys sit in the border, so a long list scrolls without hiding them.
        with Vertical(id="panel") as panel:
            count = len(self._entries)
            panel.border_title = f"Notes ({count})" if count else "Notes"
            if self._entries:
                yield OptionList(*map(_option, self._entries), id="notes")
                panel.border_subtitle = "↑ ↓: move   Enter: go to the sentence   Esc: close"
            else:
                yield Static("No notes in this comparison yet.", id="no-notes", markup=False)
                panel.border_subtitle = "a on a sentence adds a note   Esc: close"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, list_action: str) -> None:
        options = self.query("#notes")
        if options:
            getattr(options.first(OptionList), f"action_{list_action}")()

    def action_close(self) -> None:
        self.dismiss(None)
