"""Typographic variants of one character folded to plain ASCII: quotes, primes, dashes, spaces."""

from __future__ import annotations

# One table for every scorer and check: the words of a sentence, its figures and its word diff
# must agree on which characters are the same ("twenty‐five" with a Unicode hyphen is 25 to
# all of them, "Zelenskiy’s" is "Zelenskiy's"). Each entry maps one character to one, so
# offsets into folded text are offsets into the original.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4", "'"),  # ‘ ’ ‚ ‛ ′ ` ´
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),  # “ ” „ ‟ ″ « »
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),  # ‐ ‑ ‒ – — ― −
        "\u00a0": " ",  # no-break space
    }
)


def plain_typography(text: str) -> str:
    """``text`` with curly quotes, primes, dash flavours and no-break spaces as ASCII.

    The result has the same length as ``text``, character for character.
    """
    # Backticks aside, every character folded is non-ASCII: most texts need no pass at all.
    if text.isascii() and "`" not in text:
        return text
    return text.translate(_PLAIN)
