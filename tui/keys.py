"""The one key table: bindings, the help screen, the command palette and the README read it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

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
    ),
    Key("Move", "N", "previous_difference", "Prev diff", "Previous difference", "N", "view"),
    Key("Move", "c", "next_contradiction", "Next conflict", "Next contradiction", "c", "view"),
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
    Key("Find", "slash", "search", "Search", "Search the text of every source", "/", footer=True),
    Key(
        "Find",
        "f3",
        "next_match",
        "Next match",
        "Next search match (Enter in the search bar)",
        "F3",
    ),
    Key("Find", "shift+f3", "previous_match", "Prev match", "Previous search match", "⇧F3"),
    Key(
        "Find",
        "f",
        "cycle_filter",
        "Filter",
        "Filter rows: all / shared / unique / contradicting / hard contradictions only",
        "f",
        "view",
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
        "Go to a counterpart in another row (again: the next one, then back)",
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
    Key("Sources", "o", "open_folder", "Open", "Open another folder", "o"),
    # Notes and export
    Key(
        "Notes & export",
        "a",
        "annotate",
        "Note",
        "Add or edit a note on the selected sentence",
        "a",
        footer=True,
    ),
    Key("Notes & export", "e", "export", "Export", "Export to Markdown or JSON", "e", footer=True),
    # The application
    Key("App", "f1,question_mark", "help", "Help", "Help: every key", "F1 ?", footer=True),
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
    Key("App", "q", "quit", "Quit", "Quit (also ctrl+q)", "q ^q", footer=True),
)


def _expanded(key: Key) -> Iterator[tuple[str, str]]:
    # The single "1..9" row stands for nine bindings.
    if key.action == "toggle_source(0)":
        for number in range(1, SOURCE_KEYS + 1):
            yield str(number), f"toggle_source({number - 1})"
    else:
        yield key.keys, key.action


def bindings(scope: Scope) -> list[Binding]:
    """Textual bindings for one scope, footer keys shown, the rest only in help."""
    return [
        Binding(
            keys,
            action,
            key.label,
            show=key.footer,
            key_display=key.display.split()[0],
        )
        for key in KEYS
        if key.scope == scope
        for keys, action in _expanded(key)
    ]


def help_rows(keys: Sequence[Key] = KEYS) -> list[tuple[str, str, str]]:
    """``(section, keys as displayed, description)`` for the help screen."""
    return [(key.section, key.display, key.description) for key in keys]


def markdown_table(keys: Sequence[Key] = KEYS) -> str:
    """The key table as Markdown, for the README."""
    lines = ["| Keys | Action |", "| --- | --- |"]
    lines += [f"| `{key.display}` | {key.description} |" for key in keys]
    return "\n".join(lines) + "\n"
