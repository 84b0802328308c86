"""One typography table for every consumer: words, names, figures and the word diff agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.text.diff import DiffKind, word_diff
from aligner.text.features import fold, sentence_features, words
from aligner.text.quantities import extract_quantities
from aligner.text.typography import _PLAIN, plain_typography

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # ‐ ‑ ‒ – — ― −
APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032`\u00b4"  # ‘ ’ ‚ ‛ ′ ` ´
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"  # “ ” „ ‟ ″ « »


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_joins_a_written_number(dash: str) -> None:
    [quantity] = extract_quantities(f"twenty{dash}five people were hurt")
    assert quantity.value == 25


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_folds_to_a_hyphen_for_the_scorers(dash: str) -> None:
    assert fold(f"Jean{dash}Luc") == "jean-luc"


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
def test_every_apostrophe_drops_a_possessive(apostrophe: str) -> None:
    assert words(f"Tuesday{apostrophe}s vote") == ["tuesday", "vote"]


@pytest.mark.parametrize("dash", DASHES)
def test_every_dash_keeps_a_hyphenated_name_whole(dash: str) -> None:
    assert sentence_features(f"He met Jean{dash}Luc Picard.").names == ("Jean-Luc Picard",)


@pytest.mark.parametrize(
    ("variant", "plain"),
    [(dash, "-") for dash in DASHES]
    + [(apostrophe, "'") for apostrophe in APOSTROPHES]
    + [(quote, '"') for quote in DOUBLE_QUOTES],
)
def test_the_word_diff_sees_no_change_in_typography_alone(variant: str, plain: str) -> None:
    ops = word_diff(f"war {plain}talks{plain} end", f"war {variant}talks{variant} end")
    assert [op.kind for op in ops] == [DiffKind.EQUAL]


def test_folding_keeps_every_offset() -> None:
    text = "“Zelenskiy’s” ‒ twenty‐five\u00a0´`"
    plain = plain_typography(text)
    assert len(plain) == len(text)
    assert plain == "\"Zelenskiy's\" - twenty-five ''"


@given(st.text(alphabet="abc ’‘“”—–‐\u00a0´`ÿé.'\"-", max_size=40))
def test_the_ascii_shortcut_changes_nothing(text: str) -> None:
    assert plain_typography(text) == text.translate(_PLAIN)
