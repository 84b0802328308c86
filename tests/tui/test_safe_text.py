"""One rule for what reaches a terminal (aligner/text/terminal_safety.py), checked against the
engine's own lists of invisible characters so that the two cannot drift apart silently."""

from __future__ import annotations

import pytest

from aligner.load import decode
from aligner.load.decode import fold_invisible
from tui.cli import printable
from tui.safe_text import safe_text, strip_controls

# Every character but the surrogates, once: what the engine folds is found by difference.
_EVERY_CHARACTER = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
# The engine keeps these in the text and leaves them out of its analysis; on a terminal they
# are harmless (they spell words, join emoji and pick glyphs), so the reader shows them.
HARMLESS = {
    "\u034f",  # combining grapheme joiner
    *map(chr, [0x180B, 0x180C, 0x180D, 0x180F]),  # Mongolian variation selectors
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    *map(chr, range(0xFE00, 0xFE10)),  # variation selectors
    *map(chr, range(0xE0100, 0xE01F0)),  # variation selectors supplement
}


def engine_deletes() -> set[str]:
    """Characters the engine removes on loading (controls, bidi, zero-width, soft hyphen)."""
    return {chr(code) for code in decode._DELETE_CHARACTERS} | set(decode._INVISIBLE)


def engine_folds() -> set[str]:
    """Characters the engine keeps in the text but leaves out of its analysis."""
    return set(_EVERY_CHARACTER) - set(fold_invisible(_EVERY_CHARACTER))


def test_what_the_engine_deletes_never_reaches_a_terminal() -> None:
    deleted = engine_deletes()
    assert "\u202e" in deleted and "\u00ad" in deleted and "\x1b" in deleted
    for char in sorted(deleted):
        expected = "a b" if char in "\t\r" else "ab"  # layout: a space on one line
        assert strip_controls(f"a{char}b") == expected, repr(char)
        assert char not in printable(f"a{char}b"), repr(char)


def test_what_the_engine_folds_is_either_harmless_or_kept_off_the_terminal() -> None:
    folded = engine_folds()
    assert folded >= HARMLESS  # the joiners and selectors are folded, then shown
    for char in sorted(folded):
        expected = f"a{char}b" if char in HARMLESS else "ab"
        assert strip_controls(f"a{char}b") == expected, repr(char)
        assert (char in printable(f"a{char}b")) == (char in HARMLESS), repr(char)


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian: ZWNJ inside the word
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # one family emoji, ZWJ-joined
        "\u2764\ufe0f",  # heart with its emoji variation selector
        "क्\u200dष",  # Devanagari half form
    ],
)
def test_joiners_and_variation_selectors_are_shown(text: str) -> None:
    assert safe_text(text).plain == text
    assert printable(text) == text


def test_hidden_text_is_dropped_or_escaped() -> None:
    tags = "".join(chr(0xE0000 + ord(c)) for c in "rm -rf")
    shown = f"Read me{tags}\u200b\u2060.\U0001f3f4\U000e0067\U000e0062\U000e007f"
    assert strip_controls(shown) == "Read me.\U0001f3f4"
    assert printable(shown) == (
        "Read me\\U000e0072\\U000e006d\\U000e0020\\U000e002d\\U000e0072\\U000e0066"
        "\\u200b\\u2060.\U0001f3f4\\U000e0067\\U000e0062\\U000e007f"
    )


def test_line_breaks_become_spaces_for_display() -> None:
    assert strip_controls("one\ttwo\nthree\r\nfour\u2028five") == "one two three  four five"
