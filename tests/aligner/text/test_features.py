"""Per-sentence features: folded words, stems, content words, negation cues and names, and
the two halves parallel analysis computes apart."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text import features
from aligner.text.features import (
    _DOUBLED,
    _Y_ENDING,
    ReadSentence,
    SentenceFeatures,
    _stemmer,
    fold,
    read_sentence,
    sentence_features,
    stem,
    with_stems,
    words,
)
from aligner.text.wordlists import IRREGULAR_SINGULARS, STOPWORDS


def test_fold_unifies_quotes_dashes_accents_and_dotted_abbreviations() -> None:
    assert fold("“Zelenskýy’s” U.S. talks – a.m.") == '"zelenskyy\'s" us talks - am'


def test_only_letters_between_full_stops_are_a_dotted_abbreviation() -> None:
    assert fold("U.S.-led talks at 9 a.m. in D.C.") == "us-led talks at 9 am in dc"
    assert fold("It rose 3.5. Then a.b fell. C. d. e.") == "it rose 3.5. then a.b fell. c. d. e."


def test_words_drop_possessives_but_keep_contractions() -> None:
    assert words("Putin’s aides didn't say") == ["putin", "aides", "didn't", "say"]


def test_transliterated_names_share_one_stem() -> None:
    assert stem("zelenskiy") == stem("zelensky") == stem("zelenskyy")
    assert stem("assad") == stem("asad") and stem("gaddafi") == stem("gadafi") == "gadafi"


@settings(max_examples=300)
@given(st.text(alphabet="abdeilnsy'", min_size=1, max_size=12))
def test_a_stem_is_porter_s_with_endings_and_doubled_letters_folded(word: str) -> None:
    porter = _stemmer().stem(IRREGULAR_SINGULARS.get(word, word))
    assert stem(word) == _DOUBLED.sub(r"\1", _Y_ENDING.sub("i", porter))


def test_content_leaves_out_stopwords_and_bare_digits() -> None:
    found = sentence_features("The 3 talks were held in Riyadh.")
    assert found.content == (stem("talks"), stem("held"), stem("riyadh"))


def test_negation_cues_in_order() -> None:
    assert sentence_features("No one said he did not come.").negations == ("no", "not")
    assert sentence_features("They came.").negations == ()


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # A lone capitalised first word is just the start of the sentence.
        ("Officials met Putin in Riyadh.", ("Putin", "Riyadh")),
        ("Zelenskiy’s office said Putin’s call lasted an hour.", ("Putin's",)),
        # A particle joins a name only between capitalised words, never as a word's start.
        ("The call with Putin lasted an hour.", ("Putin",)),
        ("They met Ursula von der Leyen in La Paz.", ("Ursula von der Leyen", "La Paz")),
        ("Officials said Osama bin Laden was dead.", ("Osama bin Laden",)),
        # A name starts a word: no name inside "iPhone", "eBay" or "McDonald's".
        ("Buyers of an iPhone on eBay ate at McDonald's.", ("McDonald's",)),
        ("Fans of 3M and O'Neil met J.R.R. Tolkien's heirs.", ("O'Neil", "J.R.R. Tolkien's")),
    ],
)
def test_names_are_capitalised_phrases(sentence: str, names: tuple[str, ...]) -> None:
    assert sentence_features(sentence).names == names


def test_name_words_are_folded_without_possessives() -> None:
    found = sentence_features("Aides of Zelenskiy’s team met U.S. envoys.")
    assert found.name_words == (("zelenskiy",), ("us",))


def test_each_sentence_gets_its_own_names_words_however_often_a_name_recurs() -> None:
    first = sentence_features("Officials met Putin and Zelenskiy’s aides in Riyadh.")
    again = sentence_features("Aides said Riyadh hosted Putin’s envoys.")
    assert first.name_words == (("putin",), ("zelenskiy",), ("riyadh",))
    assert again.name_words == (("riyadh",), ("putin",))


def test_content_holds_the_content_stems_in_order_and_content_set_the_distinct_ones() -> None:
    found = sentence_features("Talks on talks: the envoys held talks, envoys agreed.")
    assert found.content == tuple(
        map(stem, ["talks", "talks", "envoys", "held", "talks", "envoys", "agreed"])
    )
    assert found.content_set == frozenset(stem(w) for w in ["talks", "envoys", "held", "agreed"])


def test_read_then_stemmed_is_sentence_features() -> None:
    text = "About 30 officials in Kyiv didn't say that, Putin’s aide said on Monday."
    read = read_sentence(text)
    assert with_stems(read, tuple(map(stem, read.tokens))) == sentence_features(text)
    assert read.quantities and read.names and read.negations


@pytest.mark.parametrize("mark", ["\u200d", "\u200c", "\ufe0f", "\U000e0041"])
def test_invisible_characters_between_letters_split_no_word(mark: str) -> None:
    sentence = "Zelenskiy said 29 people were not killed in Kyiv."
    marked = mark.join(sentence)
    plain, read = sentence_features(sentence), sentence_features(marked)
    assert read.tokens == plain.tokens
    assert (read.names, read.negations, read.quantities) == (
        plain.names,
        plain.negations,
        plain.quantities,
    )


def test_a_read_sentence_is_immutable_and_pickles_back_to_an_equal_one() -> None:
    read = read_sentence("Police said 29 people were killed on Friday, Putin said.")
    back = pickle.loads(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is ReadSentence and back == read
    assert back.quantities and back.names == ("Friday", "Putin")
    with pytest.raises(AttributeError):
        read.text = "changed"  # type: ignore[misc]


def test_sentence_features_are_immutable_pickle_back_and_compare_by_their_fields() -> None:
    text = "Police said 29 people were killed on Friday, Putin said."
    found = sentence_features(text)
    back = pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is SentenceFeatures and back == found and hash(back) == hash(found)
    assert back.quantities and back.content_set == frozenset(back.content)
    assert found != sentence_features("Police said 19 people were killed on Friday.")
    # Caches keyed by a sentence's features (lru_cache) find it again from an equal copy.
    assert {found: "kept"}[back] == "kept"
    with pytest.raises(AttributeError):
        found.text = "changed"  # type: ignore[misc]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(["the", "talks", "3", "3rd", "not", "Riyadh", "it's"]), max_size=9))
def test_content_words_are_decided_per_word(sentence: list[str]) -> None:
    read = read_sentence(" ".join(sentence))
    expected = tuple(w not in STOPWORDS and not w.isdigit() for w in read.tokens)
    assert read.content_words == expected


def test_content_words_past_the_bound_are_decided_and_not_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(features, "_MAX_CONTENT_WORDS_KEPT", 1)
    decided = features._ContentWords()
    assert [decided[w] for w in ("the", "talks", "3", "talks")] == [False, True, False, True]
    assert decided == {"the": False}


@pytest.mark.parametrize(
    "sentence",
    [
        "About 4.7% of pregnant women are alcoholics.[11]",
        "Other risk factors include an older mother and poor diet.[12][10]",
        "Currently, FAS[16][44][79] is the only diagnosis coded so.",
        "The most severe condition is called FAS,[1] which is rare.",
    ],
)
def test_reference_marks_are_neither_words_nor_figures(sentence: str) -> None:
    read = read_sentence(sentence)
    assert [quantity.value for quantity in read.quantities] in ([], [4.7])
    assert not any(token in {"1", "10", "11", "12", "16", "44", "79"} for token in read.tokens)
    assert len(read.text) == len(sentence)  # blanked, so the figures' places still hold


def test_a_figure_in_brackets_after_a_space_is_read() -> None:
    read = read_sentence("The index rose [2] points on Monday.")
    assert [quantity.value for quantity in read.quantities] == [2]
    assert "2" in read.tokens
