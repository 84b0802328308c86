"""Turn untrusted article text into inert Rich ``Text``: no markup, no control sequences."""

from __future__ import annotations

import re

from rich.text import Text

# C0/C1 controls (ESC, BEL, backspace, ...), DEL, bidi overrides/isolates and zero-width
# characters: any of them could move the cursor, retitle the window, reach the clipboard
# (OSC 52) or reorder what the reader sees.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def strip_controls(text: str) -> str:
    """Drop every character that could act on a terminal; tabs and newlines become spaces."""
    return _UNSAFE.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def safe_text(text: str, style: str = "") -> Text:
    """A ``Text`` holding ``text`` literally: brackets are characters, never markup."""
    return Text(strip_controls(text), style=style, no_wrap=False, end="")
