"""The one rule for which characters of untrusted text may reach a terminal.

Article text, titles, file names and skip reasons are shown by the reader (tui/safe_text.py),
printed by the command line (tui/cli.py) and written into exports that get printed (JSON
escapes these characters, Markdown drops them). All of them use this rule.

Kept: ZWNJ and ZWJ (U+200C/U+200D), which spell Persian and Indic words and join emoji, and
variation selectors, which pick a glyph; both are harmless on a terminal.
"""

from __future__ import annotations

import re

# C0 controls (ESC, BEL, backspace, ...): they move the cursor, retitle the window or reach
# the clipboard (OSC 52). Tabs and newlines are layout; callers turn them into spaces.
_C0_CONTROLS = "\x00-\x1f"
# DEL and the C1 controls (U+009B is a one-character CSI).
_C1_CONTROLS = "\x7f-\x9f"
# Bidi marks, embeddings, overrides and isolates: they reorder what the reader sees.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Tag characters (U+E0000-U+E007F) spell ASCII no one sees ("ASCII smuggling").
TAG_CHARACTERS = "\U000e0000-\U000e007f"
# Invisible characters that hide or split text unseen: soft hyphen, zero-width space, word
# joiner and invisible operators, stray BOMs, interlinear annotations (and tag characters).
_HIDDEN = "\u00ad\u200b\u2060-\u2064\ufeff\ufff9-\ufffb"
# Line and paragraph separators: a terminal may break the line on them.
_SEPARATORS = "\u2028\u2029"
# Lone surrogates stand for file-name bytes that are not UTF-8: no terminal can be sent them.
_SURROGATES = "\ud800-\udfff"

#: Every unsafe character but the C0 controls and the tag characters, as the inside of a
#: regex character class. Kept apart because a class of BMP characters alone is several
#: times faster to scan for (Markdown writes tag characters as references instead).
UNSAFE_IN_BMP_BEYOND_C0 = _C1_CONTROLS + _BIDI + _HIDDEN + _SEPARATORS + _SURROGATES
#: Every unsafe character but the C0 controls: for text whose C0 controls are already
#: escaped (JSON) or turned into spaces.
UNSAFE_BEYOND_C0 = UNSAFE_IN_BMP_BEYOND_C0 + TAG_CHARACTERS
UNSAFE = re.compile(f"[{_C0_CONTROLS}{UNSAFE_BEYOND_C0}]")
_LAYOUT = re.compile("[\t\n\r\u2028\u2029]")


def strip_unsafe(text: str) -> str:
    """``text`` for display: tabs and line breaks as spaces, every unsafe character dropped."""
    return UNSAFE.sub("", _LAYOUT.sub(" ", text))


def escape_unsafe(text: str) -> str:
    """``text`` with every unsafe character written as a Python escape (``\\x1b``, ``\\u202e``),
    so that people see it is there and the terminal does not act on it."""
    return UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", errors="backslashreplace").decode("ascii")
