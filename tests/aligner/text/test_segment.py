"""Tests for aligner.text.segment: offline Punkt sentence splitting with shipped parameters."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.load.decode import fold_invisible
from aligner.load.resources import sample_corpus_dir
from aligner.text import segment
from aligner.text.segment import MAX_SENTENCE_CHARS, punkt_parameters, sentence_spans

REPO_ROOT = Path(__file__).resolve().parents[3]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def assert_well_formed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, stripped, non-empty, capped, and cover every non-space char once."""
    previous_end = start
    for span_start, span_end in spans:
        assert previous_end <= span_start < span_end <= end
        assert not text[span_start].isspace()
        assert not text[span_end - 1].isspace()
        assert span_end - span_start <= MAX_SENTENCE_CHARS
        # Ordered, non-overlapping spans cover everything iff only whitespace lies between.
        assert not text[previous_end:span_start].strip()
        previous_end = span_end
    assert not text[previous_end:end].strip()


# --- abbreviations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "U.S. President Donald Trump took his first step.",
        "He met Gen. Smith at 9 a.m. on Jan. 5 in St. Louis.",
        "Mr. and Mrs. Smith met Dr. Jones and Sen. Warren in Washington, D.C. on Friday.",
        "It happened in Sept. 2023, on Dec. 1 and at 5 p.m. local time.",
        "Lt. Col. Brown of Calif. and Gov. Newsom visited Fla. and the U.K. last week.",
        "See e.g. the report, i.e. the one from the U.N. and the E.U. etc. and more.",
        "Acme Inc. and Widget Corp. signed with Foo Co. and Bar Ltd. on Feb. 3.",
    ],
)
def test_shipped_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_abbreviation_before_a_common_sentence_starter_ends_the_sentence() -> None:
    # Punkt cannot know whether "U.S." ends the sentence; a capitalised "The" decides it.
    assert sentences("He arrived in the U.S. The next day he left.") == [
        "He arrived in the U.S.",
        "The next day he left.",
    ]
    assert sentences("Smith Jr. He left early.") == ["Smith Jr.", "He left early."]


def test_abbreviation_before_a_name_is_kept_as_one_sentence() -> None:
    # The documented ambiguity: "Officials" is not a known sentence starter, so no split.
    text = "He arrived in the U.S. Officials said so."
    assert sentences(text) == [text]


def test_a_plain_period_still_ends_a_sentence() -> None:
    assert sentences("Trump spoke to Putin. Zelenskiy spoke to Trump.") == [
        "Trump spoke to Putin.",
        "Zelenskiy spoke to Trump.",
    ]


# --- quotations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Scraped pages that lost the space after a full stop (news_clusters mn183, mn034).
        (
            "Deputies chased him this week.Los Angeles County detectives responded.",
            ["Deputies chased him this week.", "Los Angeles County detectives responded."],
        ),
        (
            "She returns to court on Dec. 26.Cosme allegedly hurt five children.",
            ["She returns to court on Dec. 26.", "Cosme allegedly hurt five children."],
        ),
        (
            "It was confirmed by sheriff's officials.LASD Lt. John Corina said so.",
            ["It was confirmed by sheriff's officials.", "LASD Lt. John Corina said so."],
        ),
        ("Was it right?The answer came later.", ["Was it right?", "The answer came later."]),
        (
            "He was charged, authorities said.A second woman was charged too.",
            ["He was charged, authorities said.", "A second woman was charged too."],
        ),
        # A dot inside a name or a number, an abbreviation, initials: no sentence end.
        ("It was Sobig.A that spread fastest.", None),
        ("Mr.Smith went to CNN.com at 3.5 p.m.Friday and left.", None),
        ("He used the development tool Visual Studio.Net.", None),
        ("Fans called the service www.HollywoodIsCalling.com.", None),
        ("Since surfacing late Monday, Sobig.F became one of the worst viruses.", None),
    ],
)
def test_a_full_stop_glued_to_the_next_sentence_ends_a_sentence(
    text: str, expected: list[str] | None
) -> None:
    assert sentences(text) == (expected or [text])


def test_multi_sentence_quotation_splits_with_the_opening_words_kept() -> None:
    text = (
        "Trump said: “The conversation went very well. "
        "He, like President Putin, wants to make PEACE.”"
    )
    assert sentences(text) == [
        "Trump said: “The conversation went very well.",
        "He, like President Putin, wants to make PEACE.”",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“We will win,” he said.",
        "“We will win!” he said.",
        "“Why?” he asked.",
        '"Why?" he asked.',
        "“We will win.” he said.",
    ],
)
def test_quotation_followed_by_attribution_is_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        # An editor's bracket ending in a full stop, then the quotation's own close (mn183).
        "“He ran up the steps where the managers [are.],” Oliver said.",
        # A quoted exclamation inside a sentence that goes on (msrp).
        'He shouted "Takbir!", or "Proclaim!", a religious rallying cry.',
        "The company, dubbed ``InternationalCo.'', includes 19 holdings.",
    ],
)
def test_no_sentence_starts_with_a_closing_bracket_or_quote_before_a_comma(text: str) -> None:
    assert sentences(text) == [text]


def test_a_closing_bracket_mark_alone_still_ends_its_sentence() -> None:
    assert sentences("He left (for good.) Then she came.") == [
        "He left (for good.)",
        "Then she came.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert sentences("He said “go.” Then he left.") == ["He said “go.”", "Then he left."]
    assert sentences("“We will win!” Then he left.") == ["“We will win!”", "Then he left."]


@pytest.mark.parametrize(
    "text",
    [
        "He said “go.” ”",
        "“Stop.” ” ” Then we left.",
        "Yes. ” . Then no.",
        "He left. ...",
        "! He left.",
    ],
)
def test_no_sentence_is_bare_punctuation(text: str) -> None:
    found = sentences(text)
    assert found
    assert all(any(char.isalnum() for char in sentence) for sentence in found)


# --- ellipses, numbers, initials -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We... talked about opportunities to achieve peace.",
        "We … talked about it and… agreed.",
        "Our readiness to work together ...and Ukraine’s capabilities... including drones.",
    ],
)
def test_ellipsis_before_lower_case_does_not_split(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Growth was 3.5 percent in 2024.",
        "The deal is worth $2.5 billion over 10 years.",
        "He lives at No. 5 Downing Street.",
        "See Vol. 3 and p. 12 of the report.",
        "J. R. R. Tolkien wrote it in England.",
        "French Foreign Minister Jean-Noel Barrot stated that Europe would help.",
    ],
)
def test_numbers_initials_and_hyphenated_names_stay_whole(text: str) -> None:
    assert sentences(text) == [text]


def test_no_is_an_abbreviation_only_before_a_number() -> None:
    assert sentences("He said no. Then he left.") == ["He said no.", "Then he left."]


def test_initial_before_a_sentence_starter_ends_the_sentence() -> None:
    assert sentences("We chose Plan B. The others did not.") == [
        "We chose Plan B.",
        "The others did not.",
    ]


# --- fragments that are not sentences (issue 16 item 2) -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # An abbreviation behind an opening mark.
        "“Mr. Johnson’s actions were unacceptable,” the mayor said.",
        "‘Dr. Patel will speak first,’ she said.",
        "“No. 1, I am the least worried person,” he told a reporter.",
        # Initials and initialisms.
        "O.J. Simpson left the court on Monday.",
        "The jury acquitted Orenthal James “O.J.” Simpson of both murders.",
        "Days later, O.J. Simpson was charged with the murders.",
        "Only George H.W. Bush and Bill Clinton won more votes.",
        "The book covers 1500 B.C. - A.D. 3000 in one volume.",
        "Caihong juji gen. et sp. nov. is a new species.",
        # A paragraph's leading label joins the sentence it introduces.
        "Q. What are the next steps in Congress?",
        "A. The House voted early on Sunday.",
        "Etymology. The name is from the Mandarin word for rainbow.",
        "SPOKANE, Wash. - Seattle is trying to discourage people from drinking soda.",
        # A quotation keeps its capitalised attribution.
        "“Are you OK?” Sarpong said.",
        "“Is that really presidential?” Blitzer asked.",
        '“Where’s my daughter?’" Patty Campbell said.',
        "“It went well.” The president told reporters.",
        # Reference marks in the middle of a sentence.
        "The syndrome (FAS),[1] which is rare, was named in 1973.[2]",
    ],
)
def test_fragments_stay_in_their_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A capitalised starter behind an opening quote starts a sentence.
        (
            "He arrived in the U.S. “The next day was fine,” he said.",
            ["He arrived in the U.S.", "“The next day was fine,” he said."],
        ),
        # So does one after an initialism.
        (
            "The case went to the F.B.I. The agency declined to comment.",
            ["The case went to the F.B.I.", "The agency declined to comment."],
        ),
        # Reference marks stay with the sentence they follow.
        (
            "It is caused by alcohol.[1][8] About 10% have drunk.[9] It is rare.[citation needed]",
            [
                "It is caused by alcohol.[1][8]",
                "About 10% have drunk.[9]",
                "It is rare.[citation needed]",
            ],
        ),
        # A one-word sentence inside a paragraph is no label.
        (
            "I see stories of chaos. Chaos. Yet it works.",
            ["I see stories of chaos.", "Chaos.", "Yet it works."],
        ),
        # A sentence after a quotation, or a "said" after no quotation, is no attribution.
        ("“Stop.” Police arrived later.", ["“Stop.”", "Police arrived later."]),
        ("It rained. Trump said.", ["It rained.", "Trump said."]),
    ],
)
def test_sentences_around_fragments_still_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- offsets and ranges ----------------------------------------------------------------------


def test_offsets_are_absolute_and_whitespace_is_excluded() -> None:
    text = "Title\n  First one.   Second one.  \nNext line."
    start = text.index("  First")
    end = text.index("\nNext")
    spans = sentence_spans(text, start, end)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert spans[0][0] == text.index("First")
    assert_well_formed(text, start, end, spans)


def test_empty_and_blank_ranges_have_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans("   \n\t ") == []
    assert sentence_spans("Some text.", 4, 4) == []
    assert sentence_spans("Some text.", 8, 2) == []


def test_range_follows_slice_semantics() -> None:
    text = "One. Two. Three."
    assert sentence_spans(text, -6) == [(10, 16)]
    assert sentence_spans(text, 0, 100) == sentence_spans(text)


# --- the shipped corpus ----------------------------------------------------------------------


def corpus_lines() -> list[str]:
    return [
        line
        for path in sorted(sample_corpus_dir().glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_corpus_quotation_splits_like_punkt_but_keeps_its_lead_in() -> None:
    line = next(line for line in corpus_lines() if line.startswith("After speaking to the"))
    assert sentences(line) == [
        "After speaking to the Ukrainian leader, Trump said: “The conversation went very well.",
        "He, like President Putin, wants to make PEACE.”",
    ]


def test_corpus_ellipses_and_handles_split_where_a_reader_expects() -> None:
    line = next(line for line in corpus_lines() if line.startswith("Zelenskiy’s office said"))
    found = sentences(line)
    assert found[1].startswith("“I had a meaningful conversation with @POTUS.")
    assert found[1].endswith("@POTUS.")
    assert found[2].startswith("We... talked about opportunities")
    assert found[2].endswith("advanced industries,” Zelenskiy wrote on X.")
    assert len(found) == 3


def test_corpus_quote_closed_before_the_period_keeps_the_period() -> None:
    line = next(line for line in corpus_lines() if line.startswith("Hegseth said any durable"))
    found = sentences(line)
    assert found[0].endswith("will not begin again”.")
    assert found[1].startswith("But he said U.S. troops would not be deployed to Ukraine")


def test_corpus_invariants() -> None:
    for line in corpus_lines():
        spans = sentence_spans(line)
        assert_well_formed(line, 0, len(line), spans)
        for start, end in spans:
            sentence = line[start:end]
            assert sentence[0] not in "”’»)", sentence
            if any(char.isalnum() for char in line):
                assert any(char.isalnum() for char in sentence), sentence
            # U.S. never ends a sentence in the corpus, except at the very end of a line.
            if end < len(line.rstrip()):
                assert not sentence.endswith("U.S."), sentence


# --- long input ------------------------------------------------------------------------------


def test_five_megabytes_without_punctuation_is_fast_and_capped() -> None:
    text = "word " * 1_000_000
    began = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - began < 5
    assert len(spans) == pytest.approx(len(text) / MAX_SENTENCE_CHARS, rel=0.01)
    assert_well_formed(text, 0, len(text), spans)


def test_five_megabytes_without_whitespace_is_hard_cut() -> None:
    text = "x" * 5_000_000
    began = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - began < 5
    assert spans[0] == (0, MAX_SENTENCE_CHARS)
    assert spans[-1][1] == len(text)
    assert_well_formed(text, 0, len(text), spans)


def test_long_sentence_is_cut_at_the_last_whitespace_before_the_limit() -> None:
    text = "abcdefghi " * 450  # 4,500 characters, no sentence end
    spans = sentence_spans(text)
    assert [end - start for start, end in spans] == [1999, 1999, 499]
    assert_well_formed(text, 0, len(text), spans)


@pytest.mark.parametrize("window", [97, 256, 1000])
def test_punkt_windows_never_change_a_decision(
    monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    pool = [
        *corpus_lines(),
        "He arrived in the U.S. The next day he left.",
        "“We will win!” he said.",
        "We chose Plan B. The others did not.",
        "It was 9 a.m. on Jan. 5 in St. Louis.",
    ]
    rng = random.Random(7)
    text = " ".join(rng.choice(pool) for _ in range(150))
    monkeypatch.setattr(segment, "_PUNKT_WINDOW_CHARS", 10**9)
    whole = sentence_spans(text)
    monkeypatch.setattr(segment, "_PUNKT_WINDOW_CHARS", window)
    assert sentence_spans(text) == whole


# --- shipped parameters, no downloads --------------------------------------------------------


def test_parameter_file_lives_in_the_package_and_is_well_formed() -> None:
    resource = resources.files("aligner.text").joinpath("punkt_parameters.toml")
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    words = [
        *(word for group in data["abbreviations"].values() for word in group),
        *data["sentence_starters"],
        *data["number_prefixes"],
    ]
    for word in words:
        assert word == word.lower().strip(), word
        assert not word.endswith("."), word
    abbreviations = [word for group in data["abbreviations"].values() for word in group]
    assert len(abbreviations) == len(set(abbreviations))


def test_parameters_carry_abbreviations_starters_and_number_collocations() -> None:
    params = punkt_parameters()
    assert {"u.s", "mr", "gen", "jan", "a.m", "st"} <= params.abbrev_types
    assert "the" in params.sent_starters
    assert ("no", "##number##") in params.collocations
    assert "no" not in params.abbrev_types


def test_concurrent_splitting_is_consistent_and_leaves_the_tokenizer_unchanged() -> None:
    lines = corpus_lines()
    expected = [sentence_spans(line) for line in lines]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(sentence_spans, lines * 4)) == expected * 4
    # Punkt looks up every word after a period; the shared parameters must not grow from it.
    assert segment._tokenizer()._params.ortho_context == punkt_parameters().ortho_context


def test_splitting_never_loads_nltk_data_or_opens_a_socket(tmp_path: Path) -> None:
    script = """
import socket, nltk, nltk.data

def refuse(*args, **kwargs):
    raise AssertionError("tried to load data or reach the network")

nltk.data.load = nltk.download = nltk.data.find = refuse
socket.socket = socket.create_connection = refuse
from aligner.text.segment import sentence_spans
print(len(sentence_spans("He met Gen. Smith in the U.S. on Monday. Then he left.")))
"""
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
    assert not any(tmp_path.iterdir())


# --- properties ------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "word", "The", "he", "U.S.", "Mr.", "a.m.", "No.", "5", "3.5", ".", "!", "?", "...",
        "…", "“", "”", '"', "'", "’", "(", ")", " ", "  ", "\n", "\t", "-", "J.", "é", "\u00a0",
    ]
)  # fmt: skip
_PROSE_LIKE = st.lists(_FRAGMENTS, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.text() | _PROSE_LIKE, data=st.data())
def test_spans_partition_any_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = sentence_spans(text, start, end)
    assert_well_formed(text, start, end, spans)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=_PROSE_LIKE)
def test_no_span_is_bare_punctuation_when_the_text_has_words(text: str) -> None:
    spans = sentence_spans(text)
    if any(char.isalnum() for char in text):
        assert all(any(char.isalnum() for char in text[s:e]) for s, e in spans)
    assert sentence_spans(text) == spans


def test_chinese_and_japanese_split_at_full_width_ends() -> None:
    text = "特朗普周三与普京通话。双方同意立即开始谈判！他随后致电泽连斯基？会谈在东京举行。"
    assert sentences(text) == [
        "特朗普周三与普京通话。",
        "双方同意立即开始谈判！",
        "他随后致电泽连斯基？",
        "会谈在东京举行。",
    ]
    assert sentences("首相は会談した。記者団に語った。") == ["首相は会談した。", "記者団に語った。"]


def test_a_full_width_end_inside_a_closing_quote_keeps_the_attribution() -> None:
    assert sentences("“会谈很顺利。”他说。") == ["“会谈很顺利。”他说。"]


# --- invisible characters kept for display --------------------------------------------------

# A joiner, a variation selector and a tag character: kept in the text, not in its analysis.
_KEPT_INVISIBLE = st.sampled_from(["\u200d", "\u200c", "\ufe0f", "\U000e0041", "\U000e007f"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.\u200dS. team won the match. It was close.",
            ["The U.\u200dS. team won the match.", "It was close."],
        ),
        (
            "He said “Stop.\U000e0041” Then he left.",
            ["He said “Stop.\U000e0041”", "Then he left."],
        ),
        (
            "The talks went well.\ufe0f \u200dThey end soon.",
            ["The talks went well.\ufe0f", "\u200dThey end soon."],
        ),
    ],
)
def test_invisible_characters_do_not_change_where_sentences_break(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=_PROSE_LIKE, data=st.data())
def test_invisible_characters_are_covered_but_decide_nothing(
    text: str, data: st.DataObject
) -> None:
    positions = data.draw(st.lists(st.integers(0, len(text)), max_size=8))
    marked = text
    for position in sorted(positions, reverse=True):
        marked = marked[:position] + data.draw(_KEPT_INVISIBLE) + marked[position:]
    spans = sentence_spans(marked)
    assert_well_formed(marked, 0, len(marked), spans)
    # Invisible characters before the first sentence join it, spaces between them and it too;
    # a paragraph of nothing else is one span of them.
    visible = [fold_invisible(marked[start:end]).strip() for start, end in spans]
    assert [piece for piece in visible if piece] == sentences(text)


def test_invisible_characters_cannot_stretch_a_sentence_past_the_cap() -> None:
    sentence = " ".join(["word\ufe0f\u200d\U000e0041"] * 600) + "."  # 3,000 visible
    spans = sentence_spans(sentence)
    assert_well_formed(sentence, 0, len(sentence), spans)
    assert len(spans) > 1


# --- the short cut for the commonest sentence end ---------------------------------------------


def punkt_alone(context: str) -> bool:
    """Punkt's own judgement of a context, with the engine's parameters and tokens."""
    tokenizer = segment._tokenizer()
    return bool(segment.PunktSentenceTokenizer.text_contains_sentbreak(tokenizer, context))


@pytest.mark.parametrize(
    "context",
    [
        *("said. The", 'said."', "said.”", "said.)", 'told. "This', "ago. “Its", "over. ‘No"),
        *("said. the", "said.  The", "Mr. Smith", "Gen. Smith", "no. 5", "No. 5", "U.S. The"),
        *("J. Smith", "2002. There", "a. The", "said. 5", "said. “5", "said. 'Twas", "said.. The"),
        *("said! The", "said. . .", "end-of-year. The", "Zelenskýy. The", "Jan. 10,", "St. Paul"),
    ],
)
def test_the_short_cut_judges_every_context_as_punkt_does(context: str) -> None:
    assert segment._tokenizer().text_contains_sentbreak(context) == punkt_alone(context)


_CONTEXT_FRAGMENTS = st.sampled_from(
    [
        "said", "Mr", "no", "No", "Jan", "St", "U.S", "a", "J", "5", "2002", "end-of", "é", ".",
        " ", "  ", "The", "the", '"', "“", "‘", "'", "”", "’", ")", "]", "(", "[", "!", "?", "…",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None, derandomize=True)
@given(context=st.lists(_CONTEXT_FRAGMENTS, min_size=1, max_size=8).map("".join))
def test_the_short_cut_agrees_with_punkt_on_any_context(context: str) -> None:
    assert segment._tokenizer().text_contains_sentbreak(context) == punkt_alone(context)


def test_the_short_cut_takes_a_good_share_of_the_sample_corpus_s_contexts() -> None:
    tokenizer = segment._tokenizer()
    texts = [path.read_text(encoding="utf-8") for path in sorted(sample_corpus_dir().iterdir())]
    contexts = [c for text in texts for _, c in tokenizer._match_potential_end_contexts(text)]
    short = [c for c in contexts if segment._PLAIN_SENTENCE_END.match(c)]
    assert len(short) > len(contexts) / 4  # 52 of 144 (datelines, initials, numbers...)
    assert all(tokenizer.text_contains_sentbreak(c) == punkt_alone(c) for c in contexts)


def punkt_starts(window: str) -> list[int]:
    """Where Punkt alone starts sentences in ``window``, the first one excluded."""
    spans = segment._tokenizer().span_tokenize(window)
    return sorted({start for start, _ in list(spans)[1:] if start > 0})


@settings(max_examples=300, deadline=None, derandomize=True)
@given(window=_PROSE_LIKE)
def test_sentence_starts_are_punkt_s_with_or_without_its_machinery(window: str) -> None:
    assert segment._sentence_starts(window) == punkt_starts(window)


def test_a_paragraph_without_a_mark_before_its_end_skips_punkt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Punkt asked about a paragraph that has one sentence")

    monkeypatch.setattr(segment._tokenizer(), "_slices_from_text", refuse)
    assert segment._sentence_starts("Officials met on Monday in Riyadh, “for hours”.") == []
    assert segment._sentence_starts("Did they agree?") == []
    with pytest.raises(AssertionError):
        segment._sentence_starts("They met. They talked.")


def test_punkt_s_answer_for_a_context_is_kept_and_is_the_same() -> None:
    texts = [
        "Mr. Snow met Dr. Who in the U.S. Then he left. It was 1991. The end came.",
        "He said Mr. Snow was there. U.S. Attorney Jones agreed in Feb. 1. Later, no.",
        "It was 1991. The year Mr. Snow left the U.S. Then he came back.",
    ]
    fresh = []
    for text in texts:
        segment._punkt_sees_break.cache_clear()
        fresh.append(sentence_spans(text))
    segment._punkt_sees_break.cache_clear()
    kept = [sentence_spans(text) for text in texts]
    assert kept == fresh
    assert segment._punkt_sees_break.cache_info().hits > 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .。！？」”\n", max_size=20))
def test_full_width_ends_are_the_pattern_s_in_any_text(text: str) -> None:
    """ASCII text skips the scan for full-width marks: it has none."""
    found = [match.end() for match in segment._FULL_WIDTH_END.finditer(text)]
    assert segment._full_width_breaks(text, 0, len(text)) == found


def test_punkt_realigns_only_at_the_marks_the_short_cut_knows() -> None:
    """Every character at which Punkt's realignment pattern can match is one of the marks
    that make ``_sentence_starts`` run the realignment (a newer NLTK may add some)."""
    pattern = segment._tokenizer()._lang_vars.re_boundary_realignment
    matching = {chr(code) for code in range(0x3000) if pattern.match(chr(code))}
    assert matching == set(segment._REALIGNED_MARKS)


@pytest.mark.parametrize(
    "window",
    [
        '"He left." Then she came.',
        "(He left.) Then she came.",
        "He said: “No.” Then he left. ‘Yes.’ She came.",
        "It was late.) ] } Then. « Non. » Oui.",
        "He left. “Then” she came. ‘So’ it went.",
    ],
)
def test_windows_with_marks_after_a_break_start_where_punkt_starts(window: str) -> None:
    assert segment._sentence_starts(window) == punkt_starts(window)
