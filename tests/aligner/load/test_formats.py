"""Tests for aligner.load.formats: plain text unwrapping, Markdown and HTML to text, titles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from article_files import ARTICLE, load_one, skip_reason, text_of, write

# --- plain text layout ---------------------------------------------------------------------


def wrap(paragraph: str, width: int = 72) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


PARAGRAPHS = [
    "Ukrainian President Volodymyr Zelenskiy said on Wednesday that he had spoken with the "
    "United States president for about an hour and that the talks had covered security "
    "guarantees, drones and the country's defence industry in considerable detail.",
    "The Kremlin said the two leaders had agreed to meet and that an invitation to visit "
    "Moscow had been extended, although no date had been fixed and officials in both "
    "capitals declined to say where any meeting might take place.",
    "European ministers meeting in Paris insisted that Ukraine and Europe must take part in "
    "any negotiations, warning that a settlement reached over their heads would not last.",
]


def test_hard_wrapped_text_is_unwrapped_into_one_line_per_paragraph(tmp_path: Path) -> None:
    wrapped = "\n\n".join(wrap(paragraph) for paragraph in PARAGRAPHS) + "\n"
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    path = write(tmp_path / "wrapped.txt", wrapped)
    assert text_of(path) == "\n\n".join(PARAGRAPHS)


def test_unwrapping_keeps_list_items_and_rejoins_hyphenated_words(tmp_path: Path) -> None:
    first = (
        "Ukrainian President Volodymyr Zelenskiy said on Wednesday that his long-\n"
        "term goal was a durable peace backed by security guarantees from allies\n"
        "and a strong army of its own, according to officials in the capital."
    )
    items = "- The first point of the list stays on its own line in the output.\n- Second point."
    wrapped = "\n\n".join([first, wrap(PARAGRAPHS[1]), wrap(PARAGRAPHS[2]) + "\n" + items])
    lines = text_of(write(tmp_path / "wrapped.txt", wrapped)).split("\n")
    assert lines[0] == " ".join(first.split()).replace("long- term", "long-term")
    assert lines[-3:] == [
        PARAGRAPHS[2],
        "- The first point of the list stays on its own line in the output.",
        "- Second point.",
    ]


def test_equal_length_lines_of_sentences_are_not_unwrapped(tmp_path: Path) -> None:
    text = ARTICLE * 6  # every line 73 characters, one block: only the full stops tell
    assert text_of(write(tmp_path / "same.txt", text)) == text


def test_one_paragraph_per_line_is_kept_as_is(tmp_path: Path) -> None:
    text = "Short headline\n" + "\n".join(PARAGRAPHS) + "\nCOMMENTS"
    assert text_of(write(tmp_path / "lines.txt", text)) == text


def test_short_lines_in_blocks_are_not_joined(tmp_path: Path) -> None:
    text = "Roses are red,\nviolets are blue.\n\nSugar is sweet,\nand so are you.\n" * 3
    assert text_of(write(tmp_path / "poem.txt", text)) == text


# --- Markdown and HTML ---------------------------------------------------------------------


MARKDOWN = """# Storm *hits* the coast

A powerful storm struck the coast on Tuesday,
officials said. See [the report](https://example.com/r) for **more details**.

![Flooded street](flood.png)

* First point with `inline code`.
* Second point that wraps
  onto a second line.

```
kept as text
```

<div class="promo">Visit <b>our shop</b> &amp; save</div>
<script>alert("x")</script>

## Reactions
"""


def test_markdown_is_reduced_to_text_lines(tmp_path: Path) -> None:
    (document,) = load_one(write(tmp_path / "story.md", MARKDOWN)).documents
    assert document.title == "Storm hits the coast"
    assert document.text.split("\n") == [
        "Storm hits the coast",
        "A powerful storm struck the coast on Tuesday, officials said. "
        "See the report for more details.",
        "- First point with inline code.",
        "- Second point that wraps onto a second line.",
        "```",  # fences kept: line kinds tell code from prose by them
        "kept as text",
        "```",
        "Visit our shop & save",
        "Reactions",
    ]


def test_markdown_front_matter_title_wins(tmp_path: Path) -> None:
    text = '---\ntitle: "Front matter title"\ndate: 2025-02-12\n---\n# Heading\n\nBody text.\n'
    (document,) = load_one(write(tmp_path / "fm.MARKDOWN", text)).documents
    assert document.title == "Front matter title"
    assert document.text == "Heading\nBody text."


def test_markdown_without_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.md", "![only an image](a.png)\n\n<!-- a comment -->\n")
    assert skip_reason(path) == "file is empty after removing markup"


def test_markdown_entities_cannot_smuggle_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "sneaky.md", "Plain &#x202E;reversed&#x202C; and &#x200B;hidden.\n")
    assert text_of(path) == "Plain reversed and hidden."


HTML = """<!doctype html>
<html><head><title>Storm hits coast | Daily News</title>
<meta property="og:title" content="Storm hits the coast"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Storm hits the coast</h1>
<p>A powerful storm struck the coast on Tuesday, officials said. Thousands of homes lost power
and several roads were closed overnight.</p>
<p>Rescue teams worked through the night &amp; evacuated two villages near the river.</p>
</article>
<script>var tracking = "do not show";</script>
</body></html>"""


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_article_text_and_title_are_extracted(tmp_path: Path, suffix: str) -> None:
    (document,) = load_one(write(tmp_path / f"page{suffix}", HTML)).documents
    assert document.title == "Storm hits the coast"
    assert "A powerful storm struck the coast on Tuesday" in document.text
    assert "Rescue teams worked through the night & evacuated" in document.text
    assert "tracking" not in document.text
    assert "Home" not in document.text


def test_html_without_an_article_is_skipped(tmp_path: Path) -> None:
    page = (
        "<html><head><style>p{color:red}</style></head><body><script>run()</script></body></html>"
    )
    assert skip_reason(write(tmp_path / "app.html", page)) == "no article text found in HTML"


def test_plain_text_does_not_import_trafilatura(tmp_path: Path) -> None:
    # Loading .txt must not pay for the HTML stack; run in a fresh interpreter to be sure.
    write(tmp_path / "a.txt", ARTICLE)
    code = (
        "import sys; from aligner.load.corpus import load_documents; "
        f"load_documents([{str(tmp_path)!r}]); print('trafilatura' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


BANNER = (
    '<div class="cookie-banner"><h2>We value your privacy</h2><p>We and our partners use '
    "cookies to store and access information on your device. By clicking Accept all you "
    "consent to personalised ads.</p><button>Accept all</button></div>"
)


def test_a_page_that_is_only_a_cookie_banner_is_skipped(tmp_path: Path) -> None:
    page = f"<html><head><title>News</title></head><body>{BANNER}</body></html>"
    assert skip_reason(write(tmp_path / "consent.html", page)) == "no article text found in HTML"


def test_a_cookie_banner_beside_an_article_is_left_out(tmp_path: Path) -> None:
    page = HTML.replace("<body>", f"<body>{BANNER.replace('cookie-banner', 'gdpr_notice')}")
    (document,) = load_one(write(tmp_path / "page.html", page)).documents
    assert "A powerful storm struck the coast on Tuesday" in document.text
    assert "cookies" not in document.text


def test_a_recipe_in_a_cookie_box_is_article_text(tmp_path: Path) -> None:
    recipe = (
        "<html><body><article class='cookie-recipe'><h1>Grandma's oat cookies</h1>"
        "<p>Mix the oats with butter and sugar, then bake the cookies for twelve minutes until "
        "the edges turn golden. Let them cool on a rack before serving them with tea.</p>"
        "</article></body></html>"
    )
    (document,) = load_one(write(tmp_path / "recipe.html", recipe)).documents
    assert "bake the cookies for twelve minutes" in document.text


MARKDOWN_WITH_CODE_AND_TABLE = """The committee counted the votes on Tuesday.

| Candidate who stood for the seat | Votes counted on Tuesday |
|---|---:|
| Votes cast for the candidate of the party | 1,204 |

```python
print("The committee counted the votes.")
```

    indented = "code"

The result was announced the next day.
"""


def test_markdown_keeps_code_fences_and_the_table_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path / "votes.md", MARKDOWN_WITH_CODE_AND_TABLE)
    assert text_of(path).split("\n") == [
        "The committee counted the votes on Tuesday.",
        "Candidate who stood for the seat | Votes counted on Tuesday",
        "--- | ---",
        "Votes cast for the candidate of the party | 1,204",
        "```",
        'print("The committee counted the votes.")',
        "```",
        "```",
        'indented = "code"',
        "```",
        "The result was announced the next day.",
    ]


def test_markdown_code_and_table_header_are_not_prose(tmp_path: Path) -> None:
    from aligner.text.articles import build_article

    (document,) = load_one(write(tmp_path / "votes.md", MARKDOWN_WITH_CODE_AND_TABLE)).documents
    prose = [sentence.text for sentence in build_article(0, document).prose]
    assert prose == [
        "The committee counted the votes on Tuesday.",
        "Votes cast for the candidate of the party | 1,204",
        "The result was announced the next day.",
    ]


UNNAMED_BANNER = (
    "<div><p>We use cookies to improve your experience and to show you personalised "
    "advertising.</p><div><button>Accept all</button><button>Manage preferences</button>"
    "</div></div>"
)


def test_a_page_that_is_only_an_unnamed_cookie_notice_is_skipped(tmp_path: Path) -> None:
    page = f"<html><head><title>News</title></head><body>{UNNAMED_BANNER}</body></html>"
    assert skip_reason(write(tmp_path / "consent.html", page)) == "no article text found in HTML"


def test_an_unnamed_cookie_notice_beside_an_article_is_left_out(tmp_path: Path) -> None:
    page = HTML.replace("<body>", f"<body>{UNNAMED_BANNER}")
    (document,) = load_one(write(tmp_path / "page.html", page)).documents
    assert "A powerful storm struck the coast on Tuesday" in document.text
    assert "cookies" not in document.text


def test_an_article_about_cookie_rules_stays(tmp_path: Path) -> None:
    article = (
        "<html><body><article><h1>Regulator fines sites over cookie banners</h1>"
        + "".join(
            f"<p>The regulator said on Tuesday that {n} websites must let readers reject "
            "cookies as easily as they accept them, and fined those that did not.</p>"
            for n in (12, 30, 45)
        )
        + "<p><a href='/more'>Read more</a></p></article></body></html>"
    )
    (document,) = load_one(write(tmp_path / "rules.html", article)).documents
    assert document.text.count("reject cookies as easily") == 3
