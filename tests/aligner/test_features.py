"""Per-sentence features: folding, and the two halves parallel analysis computes apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aligner.features import _QUOTES, fold, read_sentence, sentence_features, stem, with_stems


def test_folded_quotes_are_all_non_ascii() -> None:
    # fold skips the quote pass over ASCII text: it would change nothing there.
    assert min(_QUOTES) > 127


@given(st.text(alphabet="abc ’‘“”—–\u00a0ÿé.'\"U.S", max_size=40))
def test_fold_is_the_same_with_and_without_the_ascii_shortcut(text: str) -> None:
    assert fold(text) == fold(text.translate(_QUOTES))


def test_read_then_stemmed_is_sentence_features() -> None:
    text = "About 30 officials in Kyiv didn't say that, Putin’s aide said on Monday."
    read = read_sentence(text)
    assert with_stems(read, tuple(map(stem, read.tokens))) == sentence_features(text)
    assert read.quantities and read.names and read.negations
