"""Tests for aligner.load.outlets: sources named by the outlet a file names, each rule alone and
in their order (metadata, front matter, opening credit, file name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from article_files import ARTICLE, write
from lxml import html as lxml_html

from aligner.load.corpus import load_documents
from aligner.load.outlets import (
    clean_outlet,
    outlet_from_credit,
    outlet_from_front_matter,
    outlet_from_html,
)
from aligner.load.resources import sample_corpus_dir


def source_of(path: Path) -> str:
    (document,) = load_documents([path]).documents
    return document.source


# --- HTML metadata -------------------------------------------------------------------------


def page(head: str) -> str:
    return f"<html><head>{head}</head><body><article><p>{ARTICLE}</p></article></body></html>"


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        ('<meta property="og:site_name" content="The Harbour Herald">', "The Harbour Herald"),
        ('<meta name="application-name" content="Valley Times">', "Valley Times"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"publisher": {"@type": "Organization", "name": "Coast Courier"}}</script>',
            "Coast Courier",
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": "NewsMediaOrganization", "name": "Daily Lantern"}]}</script>',
            "Daily Lantern",
        ),
        (  # og:site_name is the page's own name for its site: it comes first
            '<meta name="application-name" content="App">'
            '<meta property="og:site_name" content="Site Name">',
            "Site Name",
        ),
    ],
)
def test_html_metadata_names_the_outlet(head: str, outlet: str) -> None:
    assert outlet_from_html(lxml_html.fromstring(page(head))) == outlet


@pytest.mark.parametrize(
    "head",
    [
        "<title>Storm hits coast</title>",
        '<script type="application/ld+json">{"publisher": </script>',  # broken JSON
        '<script type="application/ld+json">' + "[" * 100_000 + "</script>",  # too deep
        '<meta property="og:site_name" content="   ">',
        '<script type="application/ld+json">{"@type": "Organization", "name": "Acme"}</script>',
    ],
)
def test_html_without_an_outlet_names_none(head: str) -> None:
    assert outlet_from_html(lxml_html.fromstring(page(head))) is None


def test_an_html_file_is_named_by_its_site(tmp_path: Path) -> None:
    head = '<meta property="og:site_name" content="The Harbour Herald">'
    # The metadata wins over a wire's dateline inside the article.
    body = page(head).replace(ARTICLE, "LONDON (Reuters) - " + ARTICLE)
    assert source_of(write(tmp_path / "003_page.html", body)) == "The Harbour Herald"


# --- Markdown front matter -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "outlet"),
    [
        ("title: Storm\noutlet: The Harbour Herald", "The Harbour Herald"),
        ('publisher: "Valley Times"', "Valley Times"),
        ("source: Coast Courier", "Coast Courier"),
        ("source: https://www.reuters.com/world/storm-2025-02-12/", "reuters.com"),
        ("source: https://example.org/a\noutlet: Daily Lantern", "Daily Lantern"),
        ("Outlet: Valley Times", "Valley Times"),
    ],
)
def test_front_matter_names_the_outlet(front_matter: str, outlet: str) -> None:
    assert outlet_from_front_matter(front_matter) == outlet


@pytest.mark.parametrize(
    "front_matter",
    ["title: Storm", "source: [a, b]", "outlet: >\n  folded", "source:", "outlet: 12345"],
)
def test_front_matter_without_an_outlet_names_none(front_matter: str) -> None:
    assert outlet_from_front_matter(front_matter) is None


def test_a_markdown_file_is_named_by_its_front_matter(tmp_path: Path) -> None:
    text = f"---\ntitle: Storm\nsource: Valley Times\n---\nWASHINGTON (AP) — {ARTICLE}"
    assert source_of(write(tmp_path / "a1.md", text)) == "Valley Times"


# --- a credit at the start of the text -----------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "outlet"),
    [
        ("LOS ANGELES (Reuters) - Police closed in.", "Reuters"),
        ("WASHINGTON (AP) — The leaks are real.", "AP"),
        ("MONTPELIER, Vt. (AP) — A man has been shot.", "AP"),
        ("KUALA LUMPUR, Malaysia (AP) — The banned agent was used.", "AP"),
        ("WASHINGTON/MOSCOW/KYIV (Reuters) - Trump spoke.", "Reuters"),
        ("Seoul (CNN) North and South Korean athletes will march.", "CNN"),
        ("BOSTON (CBS) – One of the people killed was a boy.", "CBS"),
        ("WOODLAND HILLS (CBSLA.com) — Was it a random attack?", "CBSLA.com"),
        ("(Reuters) - Shares fell on Monday.", "Reuters"),
        ("Los Angeles (KTLA) — A fire broke out.", "KTLA"),
        ("(CBSLA) — A fire broke out.", "CBSLA"),
        ("NEW YORK, Feb. 12 (Reuters) - Shares fell.", "Reuters"),
        ("LONDON, Feb 12 (Reuters Breakingviews) - BP faces a vote.", "Reuters Breakingviews"),
        ("By Jane Doe, BBC News", "BBC News"),
        ("By Jane Doe and John Roe, The Harbour Herald", "The Harbour Herald"),
        ("By Laura Woods/GoBankingRates", "GoBankingRates"),
    ],
)
def test_an_opening_credit_names_the_outlet(opening: str, outlet: str) -> None:
    assert outlet_from_credit(f"Storm hits the coast\n\n{opening}\nMore text.") == outlet


@pytest.mark.parametrize(
    "opening",
    [
        # Photo credits name who took a picture, not who published the text.
        "Trump and Putin meet in Helsinki, July 16, 2018. REUTERS/Kevin Lamarque/File Photo",
        "Trump speaks in the East Room. (AP Photo/Evan Vucci)",
        "(Kevin Lamarque/Reuters)",
        # Parentheses that are no credit.
        "Tesla (TSLA) shares fell on Monday.",
        "Sen. Jane Doe (R) said the bill would pass.",
        "(Updated) - Officials said the storm passed.",
        "Trump Says (Again) - What the Call Means",
        "(Spoilers) - The finale explained.",
        "A creepy neighbor (Stanley Tucci) lives next door.",
        # Bylines that name a role, a date or nothing.
        "By Jane Doe, Staff Writer",
        "By Jane Doe, Feb. 27, 2015",
        "By turns warmly sentimental, serial-killer sinister and fantastical, the film…",
        "By Jane Doe",
    ],
)
def test_no_credit_names_no_outlet(opening: str) -> None:
    assert outlet_from_credit(f"{opening}\nThe storm reached the coast on Tuesday.") is None


def test_a_wire_credit_further_down_is_not_the_outlet() -> None:
    # A syndicated article quotes the wire in its body: the wire did not publish it.
    lines = [f"Paragraph {n} of the article." for n in range(1, 8)]
    text = "\n".join([*lines, "LONDON (Reuters) - The wire's story, reprinted."])
    assert outlet_from_credit(text) is None


def test_a_text_file_is_named_by_its_opening_credit(tmp_path: Path) -> None:
    path = write(tmp_path / "001_afc6bf5d3029826a.txt", f"NEW ORLEANS (Reuters) - {ARTICLE}")
    assert source_of(path) == "Reuters"


def test_without_a_credit_the_file_name_names_the_source(tmp_path: Path) -> None:
    assert source_of(write(tmp_path / "a2_sun-sentinel.txt", ARTICLE)) == "sun sentinel"


@pytest.mark.parametrize(
    ("files", "names"),
    [
        # Two AP pieces (news_clusters mn089 a7, a9): their file names tell them apart.
        (("a7.txt", "a9.txt"), ["AP (a7)", "AP (a9)"]),
        (
            ("a1.txt", "a2_ap.txt", "a3_ap-fact-check.txt"),
            ["AP (a1)", "AP", "AP (ap fact check)"],
        ),
        # File names that say no more than the outlet: numbered in order.
        (("a2_ap.txt", "a5_ap.txt"), ["AP", "AP (2)"]),
    ],
)
def test_two_articles_of_one_outlet_get_distinct_names(
    tmp_path: Path, files: tuple[str, ...], names: list[str]
) -> None:
    for name in files:
        write(tmp_path / name, f"WASHINGTON (AP) — {ARTICLE}")
    assert [document.source for document in load_documents([tmp_path]).documents] == names


def test_a_name_told_apart_by_file_name_never_repeats_another(tmp_path: Path) -> None:
    write(tmp_path / "a1.txt", f"WASHINGTON (AP) — {ARTICLE}")
    write(tmp_path / "a2.txt", f"WASHINGTON (AP) — {ARTICLE}")
    write(tmp_path / "AP (a1).txt", ARTICLE)  # named by its file: what a1 would be called
    sources = [document.source for document in load_documents([tmp_path]).documents]
    assert len(set(sources)) == len(sources) == 3


def test_the_sample_corpus_is_not_named_by_a_photo_credit() -> None:
    # a1 opens with a Reuters photo caption; its text is not Reuters'.
    sources = [document.source for document in load_documents([sample_corpus_dir()]).documents]
    assert sources[0] == "diplomatic talks"
    assert "Reuters" not in sources


# --- names people can read -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("  The \n Herald ", "The Herald"),
        ('"Valley Times"', "Valley Times"),
        ("@harbourherald", "harbourherald"),
        ("Evil\x1b]0;title\x07 Times", "Evil Times"),
        ("http://www.example.com/news", "example.com"),
        ("x" * 61, None),
        ("x" * 5_000_000, None),
        ("2025", None),
        (None, None),
    ],
)
def test_outlet_names_are_one_safe_line(value: object, name: str | None) -> None:
    assert clean_outlet(value) == name
