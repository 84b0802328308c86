"""Turn untrusted article text into inert Rich ``Text``: no markup, no control sequences."""

from __future__ import annotations

from rich.text import Text

from aligner.text.terminal_safety import strip_unsafe


def strip_controls(text: str) -> str:
    """Drop every character that could act on a terminal or hide text (the rule of
    aligner/text/terminal_safety.py, shared with the command line); tabs and newlines become
    spaces. Joiners and variation selectors stay: they spell words and emoji."""
    return strip_unsafe(text)


def safe_text(text: str, style: str = "") -> Text:
    """A ``Text`` holding ``text`` literally: brackets are characters, never markup."""
    return Text(strip_controls(text), style=style, no_wrap=False, end="")
