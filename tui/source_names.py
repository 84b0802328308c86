"""A source name of the reader's own (``R`` in the reader, ``--name`` for ``parallax export``):
one rule for what such a name may hold. No Textual here: the export never loads it."""

from __future__ import annotations

from aligner.text.terminal_safety import strip_unsafe

MAX_SOURCE_NAME = 60
"""A column header and an export's table cell, not a paragraph."""


def clean_source_name(typed: str) -> str:
    """What the reader typed as a name on one line: control characters (pasted escape
    sequences too) removed, spaces collapsed, cut to ``MAX_SOURCE_NAME`` characters."""
    return " ".join(strip_unsafe(typed).split())[:MAX_SOURCE_NAME].strip()
