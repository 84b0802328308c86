"""QuickPorter stems every word as NLTK's own Porter stemmer does (NLTK_EXTENSIONS mode)."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text import porter
from aligner.text.nltk_modules import PORTER, nltk_module
from aligner.text.porter import QuickPorter

WORDS = Path(__file__).resolve().parents[1] / "data" / "synonym_words.txt.gz"
NLTK_PORTER = nltk_module(PORTER).PorterStemmer()
QUICK = QuickPorter()

ALL_SUFFIXES = sorted(
    {
        *porter._STEP_1A, *porter._STEP_1B, *porter._STEP_1C, *porter._STEP_2,
        *porter._STEP_3, *porter._STEP_4, *porter._STEP_5B,
        "sses", "ies", "ss", "ied", "eed", "e", "ly", "at", "bl", "iz",
    }
)  # fmt: skip
# Stems of each measure (0, 1, 2, 3), with and without a 'y' and a double consonant, ending
# in a consonant-vowel-consonant or not: the conditions Porter's rules test.
STEMS = [
    "", "a", "b", "tr", "ee", "by", "oat", "troubl", "hop", "fil", "sky", "conflat", "fall",
    "hiss", "privat", "oaten", "relat", "valen", "digit", "radic", "syzyg", "controll", "gener",
    "yyy", "happ", "anal", "cat", "ceas", "probat", "ro", "ivy",
]  # fmt: skip


def test_wordnet_words_get_nltk_s_stems() -> None:
    words = gzip.decompress(WORDS.read_bytes()).decode("utf-8").split()
    assert len(words) > 20_000
    assert [QUICK.stem(w) for w in words] == [NLTK_PORTER.stem(w) for w in words]


def test_every_suffix_after_stems_of_every_kind_gets_nltk_s_stem() -> None:
    # One suffix, or two ("relational" + "ly", "hopeful" + "ness"): each step's rules fire on
    # words that the steps before them have already cut.
    endings = [
        *ALL_SUFFIXES,
        *("".join(pair) for pair in itertools.product(ALL_SUFFIXES, ALL_SUFFIXES)),
    ]
    words = [stem + ending for stem in STEMS for ending in endings]
    differing = [w for w in words if QUICK.stem(w) != NLTK_PORTER.stem(w)]
    assert differing == []


@settings(max_examples=2_000, deadline=None)
@given(
    st.text(alphabet="aeiouybcdfglmnrstvz", max_size=8),
    st.sampled_from(["", *ALL_SUFFIXES]),
)
def test_any_word_gets_nltk_s_stem(start: str, suffix: str) -> None:
    word = start + suffix
    assert QUICK.stem(word) == NLTK_PORTER.stem(word)
