"""Code strings: sorted distinct characters whose shared count is the shared item count."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from aligner.encode import _as_characters, _ngram_sets

words = st.text(alphabet="abcdef", min_size=0, max_size=14)


def ngrams(sequence: str, n: int) -> set[str]:
    return {sequence[k : k + n] for k in range(len(sequence) - n + 1)}


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.sampled_from([1, 2, 3]))
def test_ngram_codes_count_distinct_and_shared_ngrams(sequences: list[str], n: int) -> None:
    codes = _ngram_sets(sequences, n)
    assert len(codes) == len(sequences)
    for sequence, code in zip(sequences, codes, strict=True):
        assert len(code) == len(ngrams(sequence, n))
        assert list(code) == sorted(set(code))
    for i, a in enumerate(sequences):
        for j, b in enumerate(sequences):
            shared = len(ngrams(a, n) & ngrams(b, n))
            assert LCSseq.similarity(codes[i], codes[j]) == shared


def test_no_sentences_and_short_sentences() -> None:
    assert _ngram_sets([], 2) == []
    assert _ngram_sets(["a", ""], 3) == ["", ""]


def test_codes_skip_the_surrogate_block() -> None:
    import numpy as np

    text = _as_characters(np.arange(0xD800 - 0x100 - 2, 0xD800 - 0x100 + 2))
    assert [ord(c) for c in text] == [0xD7FE, 0xD7FF, 0xE000, 0xE001]
