"""The one key table: bindings, the help screen, the command palette and the README read it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

Scope = Literal["app", "view", "search", "builtin"]
"""Where a key is bound: the app, the aligned view (focused), the search bar, or Textual itself."""


@dataclass(frozen=True, slots=True)
class Key:
    """One row of the key table.

    ``keys`` are Textual key names bound to ``action``; ``display`` is how people read them;
    ``label`` is the short name in the footer. Only ``footer`` keys are shown there; every key
    is in the help screen and the command palette.
    """

    section: str
    keys: str
    action: str
    label: str
    description: str
    display: str
    scope: Scope = "app"
    footer: bool = False
    priority: bool = False
    """Checked when the key arrives, before keys typed after it are handed on: for a key
    that moves the focus, so that what is typed next lands where the focus went."""
    mode_labels: tuple[tuple[str, str], ...] = ()
    """``(view mode, footer label)``: a key whose footer label depends on the view's mode
    (``r`` reads "Reading" in aligned view and "Aligned" in reading view)."""


SOURCE_KEYS = 9
"""Number keys 1..9 toggle the first nine sources."""

KEYS: tuple[Key, ...] = (
    # Moving around (bound on the aligned view, which has the focus)
    Key(
        "Move",
        "down,j",
        "cursor_down",
        "Down",
        "Next row (sentence in reading view)",
        "↓ j",
        "view",
    ),
    Key(
        "Move", "up,k", "cursor_up", "Up", "Previous row (sentence in reading view)", "↑ k", "view"
    ),
    Key("Move", "pagedown", "page_down", "Page down", "Page down", "PgDn", "view"),
    Key("Move", "pageup", "page_up", "Page up", "Page up", "PgUp", "view"),
    Key("Move", "g,home", "first", "First", "First row", "g Home", "view"),
    Key("Move", "G,end", "last", "Last", "Last row", "G End", "view"),
    Key(
        "Move",
        "n",
        "next_difference",
        "Next diff",
        "Next difference (unique or contradicting)",
        "n",
        "view",
        footer=True,
    ),
    Key("Move", "N", "previous_difference", "Prev diff", "Previous difference", "N", "view"),
    Key(
        "Move",
        "c",
        "next_contradiction",
        "Conflict",
        "Next contradiction",
        "c",
        "view",
        footer=True,
    ),
    Key(
        "Move",
        "C",
        "previous_contradiction",
        "Prev conflict",
        "Previous contradiction",
        "C",
        "view",
    ),
    Key("Move", "tab", "next_column", "Next column", "Focus the next source column", "Tab", "view"),
    Key(
        "Move",
        "shift+tab",
        "previous_column",
        "Prev column",
        "Focus the previous source column",
        "⇧Tab",
        "view",
    ),
    # Finding
    Key(
        "Find",
        "slash",
        "search",
        "Search",
        "Search the text of every source (Enter: go to the match; / again: edit)",
        "/",
        footer=True,
        priority=True,
    ),
    Key(
        "Find",
        "f3",
        "next_match",
        "Next match",
        "Next search match (after Enter, which ends the typing)",
        "F3",
    ),
    Key("Find", "shift+f3", "previous_match", "Prev match", "Previous search match", "⇧F3"),
    Key(
        "Find",
        "f",
        "cycle_filter",
        "Filter",
        "Filter rows: all / told by every source / shared / told by one source only / "
        "contradicting / hard contradictions only / to check (≈ ± ?)",
        "f",
        "view",
        footer=True,
    ),
    # Views and panels
    Key(
        "View",
        "r",
        "toggle_mode",
        "Reading",
        "Toggle aligned / reading view",
        "r",
        "view",
        footer=True,
        mode_labels=(("aligned", "Reading"), ("reading", "Aligned")),
    ),
    Key(
        "View",
        "d",
        "toggle_details",
        "Details",
        "Show / hide details of the selected row",
        "d",
        footer=True,
    ),
    Key(
        "Move",
        "l",
        "follow_link",
        "Also told in",
        "Go to a counterpart in another row, or a ± sentence's close one "
        "(again: the next, then back)",
        "l",
    ),
    Key(
        "View",
        "v,i",
        "overview",
        "Overview",
        "Sources overview: counts, similarity, skipped files",
        "v i",
    ),
    Key("View", "t", "cycle_theme", "Theme", "Next theme (remembered)", "t"),
    # Sources and alignment
    Key("Sources", "1", "toggle_source(0)", "Source", "Show / hide source 1…9", "1…9", "view"),
    Key(
        "Sources", "p", "make_pivot", "Pivot", "Make the focused source the pivot (re-aligns)", "p"
    ),
    Key(
        "Sources",
        "plus,equals_sign",
        "threshold_up",
        "Stricter",
        "Stricter matching: raise the threshold (re-aligns)",
        "+ =",
    ),
    Key(
        "Sources",
        "minus",
        "threshold_down",
        "Looser",
        "Looser matching: lower the threshold (re-aligns)",
        "-",
    ),
    Key(
        "Sources",
        "R",
        "rename_source",
        "Rename",
        "Rename the focused source (kept for this folder, used in exports)",
        "R",
    ),
    Key("Sources", "o", "open_folder", "Open", "Open another folder", "o"),
    # Notes and export
    Key(
        "Notes & export",
        "a",
        "annotate",
        "Note",
        "Add or edit a note on the selected sentence",
        "a",
    ),
    Key(
        "Notes & export",
        "A",
        "notes_list",
        "Notes",
        "List every note of this comparison (Enter goes to its sentence)",
        "A",
    ),
    Key(
        "Notes & export",
        "y",
        "copy_sentence",
        "Copy",
        "Copy the selected sentence with its source to the clipboard",
        "y",
    ),
    Key("Notes & export", "e", "export", "Export", "Export to Markdown or JSON", "e", footer=True),
    # The application
    Key(
        "App",
        "f1,question_mark",
        "help",
        "Help",
        "Help: every key and what the signs mean",
        "F1 ?",
        footer=True,
    ),
    Key(
        "App",
        "escape",
        "cancel",
        "Cancel",
        "Cancel the running export or comparison, close search or panels",
        "Esc",
    ),
    Key(
        "App",
        "ctrl+p",
        "command_palette",
        "Palette",
        "Command palette: every action",
        "^p",
        "builtin",
    ),
    # Not in the footer: the keys above fill 80 columns ("n Next diff" took the room of
    # "a Note", which help and the palette list), and q quits as everywhere.
    Key("App", "q", "quit", "Quit", "Quit (also ctrl+q)", "q ^q"),
)


def _expanded(key: Key) -> Iterator[tuple[str, str, str]]:
    """``(keys, action, footer label)`` of each binding a row of the table stands for."""
    if key.action == "toggle_source(0)":
        # The single "1..9" row stands for nine bindings.
        for number in range(1, SOURCE_KEYS + 1):
            yield str(number), f"toggle_source({number - 1})", key.label
    elif key.mode_labels:
        # One binding per mode; the view's check_action enables the one of its mode, so the
        # footer names what the key does now.
        for mode, label in key.mode_labels:
            yield key.keys, f"{key.action}('{mode}')", label
    else:
        yield key.keys, key.action, key.label


def bindings(scope: Scope) -> list[BindingType]:
    """Textual bindings for one scope, footer keys shown, the rest only in help."""
    return [
        Binding(
            keys,
            action,
            label,
            show=key.footer,
            key_display=key.display.split()[0],
            priority=key.priority,
        )
        for key in KEYS
        if key.scope == scope
        for keys, action, label in _expanded(key)
    ]


def footer_label(action: str, mode: str) -> str | None:
    """The footer label of ``action``'s key in view ``mode``, for keys with ``mode_labels``."""
    for key in KEYS:
        if key.action == action and key.mode_labels:
            return dict(key.mode_labels).get(mode)
    return None


def help_rows(keys: Sequence[Key] = KEYS) -> list[tuple[str, str, str]]:
    """``(section, keys as displayed, description)`` for the help screen."""
    return [(key.section, key.display, key.description) for key in keys]


def markdown_table(keys: Sequence[Key] = KEYS) -> str:
    """The key table as Markdown, for the README."""
    lines = ["| Keys | Action |", "| --- | --- |"]
    lines += [f"| `{key.display}` | {key.description} |" for key in keys]
    return "\n".join(lines) + "\n"
