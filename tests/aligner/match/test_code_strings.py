"""Code strings: sorted distinct characters whose shared count is the shared item count."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from aligner.match.code_strings import _as_characters, _ngram_sets, _numbered, _sorted_distinct

words = st.text(alphabet="abcdef", min_size=0, max_size=14)


def ngram_codes(sequences: list[str], n: int) -> list[str]:
    return _ngram_sets(_numbered([list(s) for s in sequences], {}), n)


def ngrams(sequence: str, n: int) -> set[str]:
    return {sequence[k : k + n] for k in range(len(sequence) - n + 1)}


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=8), st.sampled_from([1, 2, 3]))
def test_ngram_codes_count_distinct_and_shared_ngrams(sequences: list[str], n: int) -> None:
    codes = ngram_codes(sequences, n)
    assert len(codes) == len(sequences)
    for sequence, code in zip(sequences, codes, strict=True):
        assert len(code) == len(ngrams(sequence, n))
        assert list(code) == sorted(set(code))
    for i, a in enumerate(sequences):
        for j, b in enumerate(sequences):
            shared = len(ngrams(a, n) & ngrams(b, n))
            assert LCSseq.similarity(codes[i], codes[j]) == shared


def test_no_sentences_and_short_sentences() -> None:
    assert ngram_codes([], 2) == []
    assert ngram_codes(["a", ""], 3) == ["", ""]


def test_codes_skip_the_surrogate_block() -> None:
    import numpy as np

    text = _as_characters(np.arange(0xD800 - 0x100 - 2, 0xD800 - 0x100 + 2))
    assert [ord(c) for c in text] == [0xD7FE, 0xD7FF, 0xE000, 0xE001]


@given(st.lists(st.integers(-(2**40), 2**40)))
def test_sorted_distinct_is_numpys_unique(values: list[int]) -> None:
    import numpy as np

    keys = np.array(values, dtype=np.int64)
    assert _sorted_distinct(keys).tolist() == np.unique(keys).tolist()


sentences = st.lists(
    st.sampled_from(
        ["the", "officials", "said", "stated", "bought", "purchased", "Putin", "Putin's",
         "Kyiv", "30", "thirty", "an hour", "60 minutes", "plant", "plants", "began"]
    ),
    max_size=10,
).map(" ".join)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=6))
def test_every_family_counts_shared_items(texts: list[str]) -> None:
    from aligner.match.code_strings import encode
    from aligner.text.features import sentence_features
    from aligner.text.synonyms import concept_of

    batch = [sentence_features(text) for text in texts]
    codes = encode(batch)
    families = {
        "content": lambda f: set(f.content_set),
        "concepts": lambda f: {concept_of(s) for s in f.content_set},
        "names": lambda f: {w for name in f.name_words for w in name},
        "figures": lambda f: {(q.kind, round(q.value, 6)) for q in f.quantities},
        "unigrams": lambda f: set(f.stems),
    }
    for family, items in families.items():
        coded = getattr(codes, family)
        for i, a in enumerate(batch):
            assert len(coded[i]) == len(items(a)), family
            for j, b in enumerate(batch):
                shared = LCSseq.similarity(coded[i], coded[j])
                assert shared == len(items(a) & items(b)), family
    for sentence, sequence in zip(batch, codes.stem_sequence, strict=True):
        assert len(sequence) == len(sentence.stems)
