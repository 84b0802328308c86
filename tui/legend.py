"""What every sign of the reader means: one table for the help screen and the README."""

from __future__ import annotations

from aligner.calibration import SURE_ROW_SCORE
from aligner.result.model import Label
from tui.cell_render import (
    EARLIER_MARK,
    GAP_MARK,
    GLYPHS,
    MANY_SOURCES,
    NOTE_MARK,
    PERHAPS_MARK,
    PIVOT_MARK,
    PROBABLE_MARK,
    SOFT_MARK,
    TOLD_ELSEWHERE_MARK,
)

SIGNS: tuple[tuple[str, str], ...] = (
    (GLYPHS[Label.SHARED], "Shared: another source tells the same in this row"),
    (
        PROBABLE_MARK,
        f"Maybe shared: its best match in the row scores under {SURE_ROW_SCORE:.0f}, or it "
        "says a few words the others word otherwise; such versions often tell different "
        "facts: compare them (d)",
    ),
    (
        f"{GLYPHS[Label.SHARED]}3",
        f"How many sources tell it (of all, those off-screen too; {MANY_SOURCES}: ten or "
        "more); beside =, only those that are not ≈",
    ),
    (GLYPHS[Label.UNIQUE], "Only in this source: no other source tells it or anything close"),
    (
        PERHAPS_MARK,
        "Only here as far as Parallax can tell: another source has a close sentence (or a "
        "link under the threshold), often the same fact (d: which, l: go there)",
    ),
    (
        TOLD_ELSEWHERE_MARK,
        "Alone in its row, but told in other words in another row (d: where, l: go there)",
    ),
    (
        GLYPHS[Label.CONTRADICTING],
        "Contradicting: another source tells it otherwise, in this row or another (d: why)",
    ),
    (
        SOFT_MARK,
        "Contradicting softly: to check, not impossible together (a bound vs a figure, "
        "one quotation worded two ways)",
    ),
    (GLYPHS[None], "Heading, caption or boilerplate: shown, not compared"),
    (PIVOT_MARK, "The pivot source: rows follow its order, differences are against it"),
    (GAP_MARK, "This source has nothing in this row"),
    (
        EARLIER_MARK,
        "Told earlier in its article than the sentence above it in this column: rows follow "
        "the pivot, so another source's column can run backwards (r: each source in order)",
    ),
    (NOTE_MARK, "Your note on this sentence (a to edit)"),
    (
        "=3 ≈1 ~1 +2 ?1 ¶1",
        "Under a source's name, how many of its sentences show each sign, a weaker sign "
        "counted apart from its stronger one (= ≈, + ±, ! ?); a sign it has none of is left out",
    ),
    ("abc", "Underlined words differ from the pivot's version of the sentence"),
)
"""``(sign, meaning)`` in the order a reader meets them."""


def help_rows() -> list[tuple[str, str, str]]:
    """The signs as ``(section, sign, meaning)`` rows of the help screen."""
    return [("Signs", sign, meaning) for sign, meaning in SIGNS]


def markdown_table() -> str:
    """The signs as Markdown, for the README."""
    lines = ["| Sign | Meaning |", "| --- | --- |"]
    lines += [f"| `{sign}` | {meaning} |" for sign, meaning in SIGNS]
    return "\n".join(lines) + "\n"
