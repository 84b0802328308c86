"""Tests for aligner.text.articles: lines and sentences of one document, with their kinds."""

from __future__ import annotations

import pytest

from aligner.load.corpus import Document
from aligner.result.model import LineKind
from aligner.text.articles import build_article

INTRO = "The talks began on Wednesday after weeks of preparation by both sides."


def sentences_of(text: str) -> list[tuple[str, LineKind]]:
    document = Document(path="a.txt", source="a", text=text, title=None)
    return [(sentence.text, sentence.kind) for sentence in build_article(0, document).sentences]


def test_a_picture_label_is_cut_off_and_what_it_introduces_is_a_caption() -> None:
    line = "Image copyright PA Image caption Jane Roe took over as chief executive in 2010"
    assert sentences_of(f"{INTRO}\n{line}") == [
        (INTRO, LineKind.PROSE),
        ("Image copyright PA Image caption", LineKind.BOILERPLATE),
        ("Jane Roe took over as chief executive in 2010", LineKind.CAPTION),
    ]
    for label in ("View Images", "Media playback is unsupported on your device Media caption"):
        assert sentences_of(f"{INTRO}\n{label} The skull of the dinosaur.")[1:] == [
            (label, LineKind.BOILERPLATE),
            ("The skull of the dinosaur.", LineKind.CAPTION),
        ]


def test_a_credit_glued_to_a_sentence_is_cut_off_and_the_sentence_stays_prose() -> None:
    line = "| Getty The president went over a lot of ground during his news conference."
    assert sentences_of(f"{INTRO}\n{line}")[1:] == [
        ("| Getty", LineKind.BOILERPLATE),
        ("The president went over a lot of ground during his news conference.", LineKind.PROSE),
    ]


def test_a_ticker_before_a_later_sentence_of_a_paragraph_is_cut_off() -> None:
    paragraph = f"{INTRO} BP BP., +0.88% BP, +0.60% Chairman Jane Roe defended the pay package."
    assert sentences_of(paragraph) == [
        (INTRO, LineKind.PROSE),
        ("BP BP., +0.88% BP, +0.60%", LineKind.BOILERPLATE),
        ("Chairman Jane Roe defended the pay package.", LineKind.PROSE),
    ]


def test_a_sentence_that_is_all_furniture_is_one_boilerplate_sentence() -> None:
    line = "Enlarge this image toggle caption Jane Roe/AP Jane Roe/AP"
    assert sentences_of(f"{INTRO}\n{line}")[1:] == [(line, LineKind.BOILERPLATE)]


def test_the_pieces_keep_their_offsets_in_the_text() -> None:
    text = f"{INTRO}\nView Images  The skull of the dinosaur."
    document = Document(path="a.txt", source="a", text=text, title=None)
    for sentence in build_article(0, document).sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_furniture_words_inside_a_sentence_cut_nothing() -> None:
    line = "Reporters were shown the image caption before the hearing, officials said."
    assert sentences_of(f"{INTRO}\n{line}")[1:] == [(line, LineKind.PROSE)]


def test_a_video_blurb_keeps_its_sentence_and_loses_its_credit_and_date() -> None:
    blurb = (
        "Detectives removed a body found inside a column at a supermarket. Jane Roe reports "
        "for the NBC4 News at 5 on Saturday, Aug. 11, 2018. (Published Saturday, Aug. 11, 2018)"
    )
    assert sentences_of(blurb) == [
        ("Detectives removed a body found inside a column at a supermarket.", LineKind.PROSE),
        (
            "Jane Roe reports for the NBC4 News at 5 on Saturday, Aug. 11, 2018.",
            LineKind.BOILERPLATE,
        ),
        ("(Published Saturday, Aug. 11, 2018)", LineKind.BOILERPLATE),
    ]


_TWEET_TEXT = "Jane Roe's publicist says she is a victim of a sex war."
_TWEET_SIGNATURE = "pic.twitter.com/jRHOjzUZD7 — John Doe (@jdoe) September 25, 2018"
_GALLERY_BAR = "1 of 50 Full Screen Autoplay Close Skip Ad × Behind the scenes View Photos"
_BLURB = "Lawmakers are scrambling before the Oct. 1 deadline."


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        # An embedded tweet: its signature is cut off, its text stays prose.
        (
            f"{_TWEET_TEXT} {_TWEET_SIGNATURE}",
            [(_TWEET_TEXT, LineKind.PROSE), (_TWEET_SIGNATURE, LineKind.BOILERPLATE)],
        ),
        # A gallery: its bar is cut off and the sentence after it counts; what its bare
        # "Caption" label introduces is a caption.
        (
            f"{_GALLERY_BAR} {_BLURB} Caption {_BLURB}",
            [
                (_GALLERY_BAR, LineKind.BOILERPLATE),
                (_BLURB, LineKind.PROSE),
                ("Caption", LineKind.BOILERPLATE),
                (_BLURB, LineKind.CAPTION),
            ],
        ),
    ],
)
def test_glued_tweet_signatures_and_gallery_bars_are_cut_off(
    line: str, pieces: list[tuple[str, LineKind]]
) -> None:
    assert sentences_of(f"{INTRO}\n{line}")[1:] == pieces
