"""Markdown export: escaping holds against hostile text, and the document has the intended shape."""

from __future__ import annotations

import asyncio
import itertools
import re
from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from aligner.export.markdown import (
    _changed_words,
    clean_text,
    document_topic,
    escape_cell,
    escape_inline,
    render_changes,
    to_markdown,
)
from aligner.load.corpus import Document
from aligner.result.model import CompareOptions, Label, Link, OffStory
from aligner.text.articles import build_article

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

HOSTILE = [
    "| a | b |",
    "`code` and ``more``",
    "# heading",
    "## heading ##",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. first",
    "2) second",
    "123456789. big",
    "---",
    "***",
    "___",
    "===",
    "    indented code",
    "```python",
    "~~~",
    "~~struck~~ and ~single~",
    "<html><script>alert(1)</script>",
    "<!-- comment -->",
    "<https://example.com>",
    "[link](x)",
    "![img](y)",
    "[ref]: http://x",
    "[^1]",
    "*emph* **strong** _u_ __uu__",
    "&amp; &lt;b&gt; &#60; &#x3C; &copy;",
    "AT&T & Co",
    "\\ back\\slash \\\\ \\*",
    "trailing backslash \\",
    "line one\nline two\r\nline three\rfour",
    "new\n# heading injection",
    "new\n---\nsetext",
    "tab\there  and   spaces  ",
    "$5 million and $x^2$",
    "a\x1b[31mred\x1b[0m\x07bell\u202eevil",
    "!",
    "\\",
    "*",
    "  ",
]

markdown_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\`*_{}[]()#+-.!|<>&;~$=:\"' \n\t\r0123456789aZ")),
        st.characters(),
    ),
    max_size=40,
)


def inline_parts(token: Token) -> tuple[str, set[str]]:
    """Plain text of an inline token and the set of child token types in it."""
    children = token.children or []
    return "".join(c.content for c in children if c.type == "text"), {c.type for c in children}


def tokens_of(document: str) -> list[Token]:
    """Every token, block and inline, flattened."""
    flat = []
    for token in MD.parse(document):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def assert_literal_paragraph(escaped: str, original: str) -> None:
    tokens = MD.parse(escaped)
    expected = clean_text(original)
    if not expected:
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    text, kinds = inline_parts(tokens[1])
    assert kinds <= {"text"}, kinds
    assert text == expected


@pytest.mark.parametrize("original", HOSTILE)
def test_escape_inline_is_a_literal_paragraph(original: str) -> None:
    assert_literal_paragraph(escape_inline(original), original)


@pytest.mark.parametrize("original", HOSTILE)
def test_escape_inline_is_literal_after_a_list_marker_and_bold_label(original: str) -> None:
    tokens = MD.parse(f"- **Source**: {escape_inline(original)}")
    assert [t.type for t in tokens].count("list_item_open") == 1
    inline = next(t for t in tokens if t.type == "inline")
    text, kinds = inline_parts(inline)
    assert kinds <= {"text", "strong_open", "strong_close"}
    assert text == f"Source: {clean_text(original)}".strip()


@pytest.mark.parametrize("original", HOSTILE)
def test_escape_inline_is_literal_in_a_heading(original: str) -> None:
    tokens = MD.parse(f"## Only in {escape_inline(original)}")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    text, kinds = inline_parts(tokens[1])
    assert kinds <= {"text"}
    assert text == f"Only in {clean_text(original)}".strip()


def table_rows(document: str) -> list[list[str]]:
    """Rows of the first table: the plain text of each cell."""
    rows: list[list[str]] = []
    for token in MD.parse(document):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            text, kinds = inline_parts(token)
            assert kinds <= {"text"}, kinds
            rows[-1].append(text)
        elif token.type == "table_close":
            break
    return rows


@pytest.mark.parametrize("original", HOSTILE)
def test_escape_cell_keeps_one_cell(original: str) -> None:
    cell = escape_cell(original)
    document = f"| A | B |\n| --- | --- |\n| {cell} | {cell} |\n| x | {cell} |\n"
    expected = clean_text(original)
    assert table_rows(document) == [["A", "B"], [expected, expected], ["x", expected]]


@settings(max_examples=300, deadline=None)
@given(markdown_text)
def test_escape_inline_renders_exactly_the_text(original: str) -> None:
    assert_literal_paragraph(escape_inline(original), original)
    assert "\n" not in escape_inline(original)


@settings(max_examples=300, deadline=None)
@given(markdown_text, markdown_text)
def test_escape_cell_never_splits_or_leaks(first: str, second: str) -> None:
    document = f"| A | B |\n| --- | --- |\n| {escape_cell(first)} | {escape_cell(second)} |\n"
    assert table_rows(document) == [["A", "B"], [clean_text(first), clean_text(second)]]


def test_clean_text_drops_controls_and_joins_lines() -> None:
    assert clean_text(" a\x1b[2Jb\n\nc\u202ed\x9b ") == "a[2Jb cd"


def test_dollar_signs_are_escaped_for_github_math() -> None:
    assert escape_inline("$5 and $6") == "\\$5 and \\$6"


@dataclass(frozen=True)
class Op:
    """The fields of aligner.text.diff.DiffOp that the export reads."""

    kind: str
    a: str
    b: str


def test_render_changes_marks_each_kind() -> None:
    ops = [
        Op("equal", "At least", "At least"),
        Op("replace", "29", "19"),
        Op("insert", "", "in  Kyiv"),
        Op("delete", "reportedly", ""),
        Op("replace", "“quoted”", "*starred*"),
    ]
    rendered = render_changes(ops)
    assert rendered == (
        "~~29~~ → **19** · + **in Kyiv** · − ~~reportedly~~ · ~~“quoted”~~ → **\\*starred\\***"
    )
    types = [t.type for t in tokens_of(rendered)]
    assert types.count("s_open") == 3
    assert types.count("strong_open") == 3


def test_render_changes_leaves_out_punctuation_noise() -> None:
    ops = [
        Op("insert", "", ","),
        Op("replace", "—", "-"),
        Op("delete", " . ", ""),
        Op("equal", "a", "a"),
    ]
    assert render_changes(ops) == ""
    assert render_changes([Op("replace", "$", "€")]) == "~~\\$~~ → **€**"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["replace", "insert", "delete"]), markdown_text, markdown_text),
        max_size=4,
    )
)
def test_render_changes_markers_always_pair_up(raw_ops) -> None:
    ops = [Op(kind, a, b) for kind, a, b in raw_ops]
    rendered = render_changes(ops)
    tokens = tokens_of(rendered)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "link_open", "image", "code_inline", "heading_open"}
    types = [t.type for t in tokens]
    opened = types.count("strong_open") + types.count("s_open")
    assert types.count("strong_open") == types.count("strong_close")
    assert types.count("s_open") == types.count("s_close")
    # Every change shown is marked; no delimiter is left over as literal text.
    assert opened == sum(bool(shown) for op in ops for shown in _shown_sides(op))
    plain = "".join(t.content for t in tokens if t.type == "text")
    assert plain.count("*") == sum(shown.count("*") for op in ops for shown in _shown_sides(op))
    assert plain.count("~") == sum(shown.count("~") for op in ops for shown in _shown_sides(op))


def _shown_sides(op: Op) -> list[str]:
    sides = {"insert": ("b",), "delete": ("a",), "replace": ("a", "b")}[op.kind]
    return [clean_text(getattr(op, side)) for side in sides if _changed_words(getattr(op, side))]


# -- the whole document ------------------------------------------------------------------


@pytest.fixture
def document(comparison, notes) -> str:
    return to_markdown(comparison, notes=notes)


def headings(document: str) -> list[tuple[str, str]]:
    tokens = MD.parse(document)
    return [
        (token.tag, inline_parts(tokens[i + 1])[0])
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def test_document_has_exactly_the_intended_headings(document) -> None:
    assert headings(document) == [
        ("h1", "Parallax comparison: # Breaking | <script>alert(1)</script> *news* `now`"),
        ("h2", "Sources"),
        ("h2", "Similarity"),
        ("h2", "Contradictions"),
        ("h3", "Contradiction 1: BBC | News vs Reuters*"),
        ("h3", "Contradiction 2: BBC | News vs [AP](http://x)"),
        ("h2", "Shared by several sources"),
        ("h3", "Shared 1: BBC | News, Reuters*, [AP](http://x)"),
        ("h2", "Only in BBC | News"),
        ("h2", "Only in Reuters*"),
        ("h2", "Only in [AP](http://x)"),
        ("h2", "Skipped files"),
    ]


def test_document_has_no_markup_from_article_text(document) -> None:
    kinds = {t.type for t in tokens_of(document)}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_inline"}
    assert not kinds & {"fence", "code_block", "blockquote_open", "hr", "em_open"}


def test_tables_have_exactly_the_intended_cells(document, comparison) -> None:
    tables: list[list[list[str]]] = []
    tokens = MD.parse(document)
    for token, following in itertools.pairwise(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1].append(inline_parts(following)[0])
    sources, similarity = tables
    assert sources[0] == [
        "ID",
        "Source",
        "Title",
        "File",
        "Prose",
        "Shared",
        "Unique",
        "Contradicting",
    ]
    assert sources[1] == [
        "a1",
        "BBC | News",
        "# Breaking | <script>alert(1)</script> *news* `now`",
        "corpus/bbc|news.txt",
        "3",
        "1",
        "0",  # a1s4 is alone in its group but conflicts with a3s2 of another group
        "2",
    ]
    assert [row[:2] for row in sources[2:]] == [["a2", "Reuters*"], ["a3", "[AP](http://x)"]]
    names = ["BBC | News", "Reuters*", "[AP](http://x)"]
    assert similarity == [
        ["Source", *names],
        [names[0], "—", "67%", "33%"],
        [names[1], "67%", "—", "33%"],
        [names[2], "33%", "33%", "—"],
    ]


def list_items(document: str) -> list[str]:
    """Plain text of every list item's first paragraph, in document order."""
    tokens = MD.parse(document)
    return [
        inline_parts(tokens[i + 2])[0]
        for i, token in enumerate(tokens)
        if token.type == "list_item_open"
    ]


def test_every_prose_sentence_is_shown_literally_in_its_section(document, comparison) -> None:
    items = list_items(document)
    labels = {"a1": "BBC | News", "a2": "Reuters*", "a3": "[AP](http://x)"}
    for group in comparison.groups:
        for member in group.members:
            sentence = comparison.sentences[member]
            text = clean_text(sentence.text)
            if group.label is Label.UNIQUE:
                assert text in items
            else:
                assert f"{labels[sentence.article_id]}: {text}" in items


def test_only_in_sections_list_unique_sentences_in_article_order(document) -> None:
    section = document.split("## Only in \\[AP\\]")[1]
    assert section.index("\\+ \\$5 million") < section.index("\\#hashtag")
    reuters = document.split("## Only in Reuters\\*")[1].split("## ")[0]
    assert list_items(reuters) == ["--- # injected heading | a | b | |---|---| > quote"]


def test_contradictions_show_versions_reasons_and_word_changes(document) -> None:
    items = list_items(document)
    assert "number, hard: 29 vs 19 (killed) — BBC | News vs Reuters*" in items
    assert "entity, hard: <b>x</b> | `y` vs *z* — BBC | News vs [AP](http://x)" in items
    difference = next(i for i in items if i.startswith("Differences from BBC | News: 29"))
    assert "→ 19" in difference


def test_the_count_line_says_how_many_contradictions_hold_the_conflicts(
    document, comparison
) -> None:
    sections = sum(
        level == "h3" and text.startswith("Contradiction ") for level, text in headings(document)
    )
    soft = sum(c.severity.value == "soft" for c in comparison.conflicts)
    hard = len(comparison.conflicts) - soft
    conflicts = f"{len(comparison.conflicts)} conflicts ({hard} hard, {soft} soft)"
    assert f"{conflicts} in {sections} contradictions" in document


def test_notes_stand_next_to_their_sentence(document) -> None:
    items = list_items(document)
    casualty = items.index("BBC | News: At least 29 people were killed & 3 injured [link](x).")
    assert items[casualty + 1] == "Note: Casualty figures differ # not a heading"
    assert "stale note" not in document


def test_shared_group_lists_sources_and_similarity(document) -> None:
    section = document.split("### Shared 1")[1].split("## Only in")[0]
    assert "Similarity 82/100" in section
    items = list_items(section)
    assert items[0] == "BBC | News: The conversation went very well, said `Mr. Smith` | officials."
    assert items[1] == "Reuters*: The conversation went very well, officials said."
    assert items[2].startswith("Differences from BBC | News: ")


def test_document_is_deterministic_and_ends_with_one_newline(comparison, notes) -> None:
    first = to_markdown(comparison, notes=dict(reversed(list(notes.items()))))
    assert first == to_markdown(comparison, notes=notes)
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_empty_comparison_still_renders(comparison) -> None:
    empty = replace(comparison, articles=(), groups=(), conflicts=(), similarity={}, stats=())
    document = to_markdown(empty)
    assert [h for _, h in headings(document)] == [
        "Parallax comparison",
        "Sources",
        "Contradictions",
        "Shared by several sources",
        "Skipped files",
    ]
    assert "0 sources · 0 groups" in document


def test_document_renders_in_textual_markdown_widget(document) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    class Viewer(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(document)

    async def blocks() -> dict[str, int]:
        app = Viewer()
        async with app.run_test(size=(160, 60)) as pilot:
            await pilot.pause()
            # Widget type names as CSS selectors; the block classes are not public API.
            names = ("MarkdownH1", "MarkdownH2", "MarkdownH3", "MarkdownTable", "MarkdownFence")
            return {name: len(app.query(name)) for name in names}

    assert asyncio.run(blocks()) == {
        "MarkdownH1": 1,
        "MarkdownH2": 8,
        "MarkdownH3": 3,
        "MarkdownTable": 2,
        "MarkdownFence": 0,
    }


@pytest.mark.parametrize(("pivot", "title"), [(1, "Reuters* report"), (9, "AP")])
def test_title_is_the_pivot_headline(comparison, pivot: int, title: str) -> None:
    document = to_markdown(replace(comparison, options=CompareOptions(pivot=pivot)))
    assert headings(document)[0] == ("h1", f"Parallax comparison: {title}")


def with_titles(comparison, *titles: str | None):  # type: ignore[no-untyped-def]
    """``comparison`` with each article's title set; None: the file name, as when no
    headline was found."""
    from pathlib import PurePosixPath

    articles = tuple(
        replace(a, title=title if title is not None else PurePosixPath(a.path).name)
        for a, title in zip(comparison.articles, titles, strict=True)
    )
    return replace(comparison, articles=articles)


@pytest.mark.parametrize(
    ("titles", "pivot", "topic"),
    [
        ((None, "Reuters* report", "AP"), 0, "Reuters* report"),  # the pivot has none
        ((None, None, "AP"), 1, "AP"),
        (("One", None, "Two"), 1, "One"),
        ((None, None, None), 0, "corpus"),  # no headline: the folder's name, no file name
    ],
)
def test_the_title_is_a_headline_a_reader_knows_or_the_folder_name(
    comparison, titles, pivot: int, topic: str
) -> None:  # type: ignore[no-untyped-def]
    untitled = with_titles(comparison, *titles)
    document = to_markdown(replace(untitled, options=CompareOptions(pivot=pivot)))
    assert headings(document)[0] == ("h1", f"Parallax comparison: {topic}")


@pytest.mark.parametrize(
    ("first_lines", "topic"),
    [
        # Page furniture above the ledes (a CAPTCHA, a credit and caption, a share bar, a
        # picture's label and caption) is no headline: the folder names the comparison.
        (
            (
                "You must enter the characters with black color that stand out from the rest",
                "Getty Images House Speaker John Boehner",
                "936 SHARES Share Tweet",
                "Image copyright AFP Image caption The town's mud architecture is unique",
            ),
            "storm",
        ),
        # Another source's real headline is preferred to the folder's name.
        (("Image caption Jane Roe on her farm", "Storm Hits The Coast"), "Storm Hits The Coast"),
    ],
)
def test_furniture_above_a_lede_never_titles_the_document(
    first_lines: tuple[str, ...], topic: str
) -> None:
    lede = "The storm reached the coast on Monday, officials said."
    articles = [
        build_article(
            position, Document(f"/data/storm/a{position}.txt", "x", f"{line}\n{lede}", title=None)
        )
        for position, line in enumerate(first_lines)
    ]
    assert document_topic(articles, 0) == topic


def test_a_long_headline_is_cut_at_a_word_and_stays_one_line(comparison) -> None:
    from aligner.export.markdown import _MAX_TITLE_CHARS

    words = "Officials said\nthe talks would go on " * 20
    document = to_markdown(with_titles(comparison, words, None, None))
    first_line = document.splitlines()[0]
    title = first_line.removeprefix("# Parallax comparison: ")
    assert title.endswith("…") and len(title) <= _MAX_TITLE_CHARS + 1
    assert clean_text(words).startswith(title.removesuffix("…"))
    assert title.removesuffix("…").split()[-1] in clean_text(words).split()


@pytest.mark.parametrize("paths", [["a1.txt", "/abs/a2.txt", "a3.txt"], ["a1.txt", "a2", "a3"]])
def test_files_in_no_named_folder_give_a_bare_title(comparison, paths: list[str]) -> None:
    from pathlib import PurePosixPath

    articles = tuple(
        replace(a, path=path, title=PurePosixPath(path).name)
        for a, path in zip(comparison.articles, paths, strict=True)
    )
    document = to_markdown(replace(comparison, articles=articles))
    assert headings(document)[0] == ("h1", "Parallax comparison")


def test_the_sources_table_gives_no_file_name_for_a_title(comparison) -> None:
    document = to_markdown(with_titles(comparison, None, "Reuters* report", None))
    rows = [line for line in document.splitlines() if line.startswith("| a")]
    assert [row.split(" | ")[2] for row in rows] == ["—", "Reuters\\* report", "—"]


def test_the_readme_excerpt_is_the_sample_corpus_export() -> None:
    from pathlib import Path

    from aligner.export import render
    from aligner.pipeline import compare

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("````markdown\n", 1)[1].split("\n\n…\n````", 1)[0]
    exported = render(compare(), fmt="markdown")
    assert exported.startswith(excerpt)


def test_links_are_told_under_both_sentences() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    text = to_markdown(comparison)
    link = comparison.links[0]
    other = comparison.sentences[link.b].text
    assert text.count(f"(counterpart {link.score:.0f}/100)") >= 2
    assert any(
        line.startswith("  - Also told in") and line.endswith(other[-20:])
        for line in text.splitlines()
    )


def test_a_link_under_the_threshold_is_told_as_perhaps() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    link = comparison.links[0]
    for score in (comparison.options.threshold - 5, comparison.options.threshold + 40):
        text = to_markdown(replace(comparison, links=(replace(link, score=score),)))
        # Link lines only: a near counterpart ("Perhaps told in ..., closest there") may show
        # the same score.
        told = f"(counterpart {score:.0f}/100"
        lines = [x for x in text.splitlines() if told in x and "also told in" in x.lower()]
        assert len(lines) >= 2  # under both sentences
        under = score < comparison.options.threshold
        for line in lines:
            assert line.startswith("  - Perhaps also told in" if under else "  - Also told in")
            assert ("/100, under the threshold)" in line) == under


def test_a_sentence_alone_in_its_row_but_linked_is_not_listed_as_only_in_its_source() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    text = to_markdown(comparison)
    linked_alone = [
        comparison.sentences[g.members[0]]
        for g in comparison.groups
        if g.label is Label.UNIQUE and g.members[0] in comparison.told_in_other_words
    ]
    assert linked_alone
    for sentence in linked_alone:
        section = text.split(f"\n- {escape_inline(sentence.text)}\n")[0].rsplit("\n## ", 1)[1]
        assert section.startswith("Only in")
        assert "Told by another source in other words, in another row:" in section


def test_a_lone_sentence_linked_only_under_the_threshold_is_listed_as_perhaps_told() -> None:
    from dataclasses import replace

    from aligner.pipeline import compare
    from tests.conftest import lone_and_other

    comparison = compare()
    lone, other = lone_and_other(comparison)
    weak = Link(lone, other, comparison.options.threshold - 5)
    text = to_markdown(replace(comparison, links=(weak,)))
    sentence = comparison.sentences[lone]
    section = text.split(f"\n- {escape_inline(sentence.text)}\n")[0].rsplit("\n## ", 1)[1]
    assert "another source has a close sentence (check it):" in section
    assert "Told by another source in other words" not in section


def test_a_lone_sentence_with_close_sentences_elsewhere_is_listed_apart_with_them() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    text = to_markdown(comparison)
    assert comparison.near
    for lone, near in comparison.near_of.items():
        sentence = comparison.sentences[lone]
        before, after = text.split(f"\n- {escape_inline(sentence.text)}\n", 1)
        section = before.rsplit("\n## ", 1)[1]
        assert section.startswith("Only in")
        assert "another source has a close sentence (check it):" in section
        told = after.split("\n\n", 1)[0].split("\n- ", 1)[0].splitlines()
        assert len(told) == len(near)
        for line, link in zip(told, near, strict=True):
            other = comparison.sentences[link.b]
            assert line.startswith(f"  - Perhaps told in **{label_of(comparison, other)}**")
            assert f"(counterpart {link.score:.0f}/100): {escape_inline(other.text)}" in line


def test_a_weak_shared_row_is_called_maybe_the_same_fact_and_headed_to_check() -> None:
    from aligner.match.trust import doubted_members
    from aligner.pipeline import compare

    comparison = compare()
    text = to_markdown(comparison)
    shared = [g for g in comparison.groups if g.label is Label.SHARED]
    doubts = [doubted_members(comparison, g) for g in shared]
    whole = [len(d) == len(g.members) for g, d in zip(shared, doubts, strict=True)]
    partly = [0 < len(d) < len(g.members) for g, d in zip(shared, doubts, strict=True)]
    assert any(whole) and any(partly) and not all(map(bool, doubts))
    lines = [line for line in text.splitlines() if line.startswith("Similarity ")]
    assert len(lines) == len(shared)
    for group, doubted, line in zip(shared, doubts, lines, strict=True):
        assert line.startswith(f"Similarity {group.score:.0f}/100")
        assert ("maybe the same fact" in line) == bool(doubted)
    headings = [line for line in text.splitlines() if line.startswith("### Shared ")]
    assert [", to check: " in h for h in headings] == whole
    assert [", partly to check: " in h for h in headings] == partly
    # Word differences only between versions that surely tell one fact: elsewhere they
    # compare sentences that may tell different facts.
    sections = text.split("### Shared ")[1:]
    for group, doubted, section in zip(shared, doubts, sections, strict=True):
        items = section.split("\n- **")[1:]
        compared = ["\n  - Differences from " in item for item in items]
        sure = [m not in doubted for m in group.members]
        first_sure = sure.index(True) if any(sure) else None
        assert compared == [ok and k != first_sure for k, ok in enumerate(sure)]
    assert all("no word differences shown" in line for line in lines if "maybe" in line)


def test_a_partly_doubted_row_names_its_doubted_versions_and_each_best_match() -> None:
    from aligner.match.trust import doubted_members
    from aligner.pipeline import compare

    comparison = compare()
    text = to_markdown(comparison)
    shared = [g for g in comparison.groups if g.label is Label.SHARED]
    lines = [line for line in text.splitlines() if line.startswith("Similarity ")]
    checked = 0
    for group, line in zip(shared, lines, strict=True):
        doubted = doubted_members(comparison, group)
        if not 0 < len(doubted) < len(group.members):
            continue
        checked += 1
        sentences = [comparison.sentences[m] for m in group.members]
        bests = ", ".join(
            f"{label_of(comparison, s)} {group.member_score(s.id):.0f}" for s in sentences
        )
        assert f"(each version's best match in the row: {bests})" in line
        maybe = line.split(" · only maybe the same fact: ")[1]
        for s in sentences:
            assert (f"{label_of(comparison, s)} (" in maybe) == (s.id in doubted)
    # The seven countries' statement; Zelensky's words beside Hegseth's, and Hegseth's beside
    # two outlets' Trump (said by different people).
    assert checked == 3
    assert "war talks (said by different people: Zelensky vs Hegseth)" in text


def label_of(comparison, sentence) -> str:  # type: ignore[no-untyped-def]
    from aligner.export.markdown import _source_labels

    return escape_inline(_source_labels(comparison.articles)[sentence.article_id])


def test_each_section_shows_its_own_pair_differences_and_the_sentence_links(
    comparison, monkeypatch
) -> None:
    from aligner.result.model import Conflict, ConflictKind, Link
    from aligner.text.diff import word_diff

    # The fixture's versions share few words: which sections may compare words is tested
    # here, how many words they must share below.
    monkeypatch.setattr("aligner.export.markdown.CONTRADICTION_DIFF_KEPT_SHARE", 0.0)

    # a1s3 stands in four sections: in its row, twice against a3s2 (two conflicts of one
    # pair, a sure link across rows) and once against a3s3 (no link: no word differences,
    # as between a1s4 and a3s2);
    # its link to a3s1 is told under it every time, the one to a3s2 only where a3s2 is not.
    conflicts = (
        *comparison.conflicts,
        Conflict("a3s2", "a1s3", ConflictKind.NUMBER, "5 vs 29"),
        Conflict("a3s2", "a1s3", ConflictKind.ENTITY, "x vs y"),
        Conflict("a3s3", "a1s3", ConflictKind.NUMBER, "0 vs 29"),
    )
    links = (Link("a1s3", "a3s1", 77.0), Link("a3s2", "a1s3", 80.0))
    linked = replace(comparison, conflicts=conflicts, links=links)
    sentences = linked.sentences
    sections = to_markdown(linked).split("## Shared by several sources")[0]
    pairs = [("a1s3", "a2s3"), ("a1s4", "a3s2"), ("a3s2", "a1s3"), ("a3s2", "a1s3")]
    pairs.append(("a3s3", "a1s3"))
    link_line = (
        f"  - Also told in **{escape_inline('[AP](http://x)')}** (counterpart 77/100): "
        f"{escape_inline(sentences['a3s1'].text)}"
    )
    names = {"a1": "BBC | News", "a2": "Reuters*", "a3": "[AP](http://x)"}
    shown = sections.split("### Contradiction ")[1:]
    assert len(shown) == len(pairs)
    for section, (first, second) in zip(shown, pairs, strict=True):
        reference, sentence = sentences[first], sentences[second]
        changes = render_changes(word_diff(reference.text, sentence.text)) or "same words"
        label = escape_inline(names[reference.article_id])
        lines = section.splitlines()
        differences = [line for line in lines if line.startswith("  - Differences from ")]
        # Words are compared in a sure row and across rows for a sure link only.
        compared = (first, second) in {("a1s3", "a2s3"), ("a3s2", "a1s3")}
        assert differences == ([f"  - Differences from {label}: {changes}"] if compared else [])
        assert ("no word differences shown" in section) == (not compared)
        assert lines.count(link_line) == ("a1s3" in (first, second))
        names_a3s2 = any(
            line.startswith("  - Also told in")
            and line.endswith(escape_inline(sentences["a3s2"].text))
            for line in lines
        )
        assert names_a3s2 == ("a1s3" in (first, second) and "a3s2" not in (first, second))


def test_a_row_lists_only_the_conflicts_between_its_own_members(comparison) -> None:
    from aligner.result.model import Conflict, ConflictKind

    # a1s3 sits in the contradicting row with a2s3; its conflict with a3s2 (another row)
    # gets a section of its own, after the rows', and is no reason in the row.
    across = Conflict("a1s3", "a3s2", ConflictKind.NUMBER, "29 vs 5 (pledged)")
    document = to_markdown(replace(comparison, conflicts=(*comparison.conflicts, across)))
    sections = document.split("## Shared by several sources")[0].split("### Contradiction ")[1:]
    reasons = [[line for line in s.splitlines() if line.startswith("- **")] for s in sections]
    assert [r for r in reasons[0] if r.startswith("- **number**")] == [
        "- **number**, hard: 29 vs 19 (killed) — BBC \\| News vs Reuters\\*"
    ]
    assert sections[-1].startswith("3: BBC \\| News vs \\[AP\\]")
    assert "29 vs 5 (pledged)" in sections[-1]


def test_a_sure_row_with_a_thin_member_is_called_maybe_the_same_fact() -> None:
    from aligner.calibration import SURE_ROW_SCORE
    from aligner.pipeline import compare
    from tests.conftest import with_text

    comparison = compare()
    sure = [g for g in comparison.groups if g.label is Label.SHARED and g.score >= SURE_ROW_SCORE]
    # Its last sentence now says one thing, in other words than the others.
    text = to_markdown(with_text(comparison, sure[0].members[-1], "It is good."))
    shared = [g for g in comparison.groups if g.label is Label.SHARED]
    lines = [line for line in text.splitlines() if line.startswith("Similarity ")]
    line = lines[shared.index(sure[0])]
    # Only the short one is in doubt: the row's other versions surely tell one fact.
    assert line.startswith(f"Similarity {sure[0].score:.0f}/100 (each version's best match")
    assert line.endswith(
        "only maybe the same fact: "
        f"{label_of(comparison, comparison.sentences[sure[0].members[-1]])} "
        "(a sentence this short matches on a few words), compare its version "
        "(no word differences shown for it)"
    )
    assert "maybe" not in lines[shared.index(sure[1])]


@pytest.mark.parametrize(
    ("paths", "shown"),
    [
        # One folder: its name and the file, not the folders above it on one's disk.
        (["/home/ann/cases/mn039/a1.txt", "/home/ann/cases/mn039/a2.txt"],
         ["mn039/a1.txt", "mn039/a2.txt"]),
        (["/home/ann/mn039/wire/a.txt", "/home/ann/mn039/web/b.html"],
         ["mn039/wire/a.txt", "mn039/web/b.html"]),
        (["sample_corpus/a1.txt", "sample_corpus/a2.txt"],
         ["sample_corpus/a1.txt", "sample_corpus/a2.txt"]),
        (["/home/ann/a1.txt", "notes/a2.txt"], ["/home/ann/a1.txt", "notes/a2.txt"]),
        ([], []),
    ],
)  # fmt: skip
def test_files_are_shown_from_the_folder_they_share(paths: list[str], shown: list[str]) -> None:
    from aligner.export.markdown import shown_paths

    assert [shown_paths(paths)[path] for path in paths] == shown


def test_the_sources_table_shows_no_folder_above_the_compared_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from aligner.pipeline import compare

    folder = tmp_path / "private" / "case-17"
    folder.mkdir(parents=True)
    (folder / "wire.txt").write_text("Police arrested two men on Monday.", encoding="utf-8")
    (folder / "daily.txt").write_text("Two men were arrested on Monday.", encoding="utf-8")
    text = to_markdown(compare([str(folder)]))
    assert "case-17/wire.txt" in text and "case-17/daily.txt" in text
    assert "private" not in text and str(tmp_path) not in text


def test_a_weak_contradicting_row_shows_no_word_differences(comparison) -> None:
    from aligner.calibration import SURE_ROW_SCORE

    groups = tuple(
        replace(g, score=SURE_ROW_SCORE - 1) if g.label is Label.CONTRADICTING else g
        for g in comparison.groups
    )
    document = to_markdown(replace(comparison, groups=groups))
    row = document.split("### Contradiction 1:")[1].split("### Contradiction 2:")[0]
    assert "no word differences shown" in row
    assert "Differences from" not in row
    assert "Differences from" in to_markdown(comparison).split("### Contradiction 2:")[0]


@pytest.mark.parametrize(
    ("one", "other", "compared"),
    [
        (
            "The 73-year-old had pleaded guilty to the gun charge in February.",
            "The 72-year-old Durst had pleaded guilty to the charge in February.",
            True,
        ),
        (
            "Jail records showed Johnson, 53, was being held on $300 bond.",
            "After posting a bond of $300, Edwards walked out of Broward's Main Jail.",
            False,
        ),
    ],
)
def test_a_contradiction_compares_words_only_between_versions_worded_alike(
    comparison, one: str, other: str, compared: bool
) -> None:
    from aligner.result.model import Conflict, ConflictKind

    sentences = {"a1s3": one, "a2s3": other}
    articles = tuple(
        replace(
            article,
            sentences=tuple(
                replace(s, text=sentences.get(s.id, s.text)) for s in article.sentences
            ),
        )
        for article in comparison.articles
    )
    conflict = Conflict("a1s3", "a2s3", ConflictKind.NUMBER, "x vs y")
    document = to_markdown(replace(comparison, articles=articles, conflicts=(conflict,)))
    row = document.split("### Contradiction 1:")[1].split("## ")[0]
    assert ("Differences from" in row) == compared
    assert ("no word differences shown" in row) == (not compared)


def test_conflicts_telling_one_disagreement_share_one_section(comparison) -> None:
    from aligner.export.markdown import disagreement_key
    from aligner.result.model import Conflict, ConflictKind

    # The row's "29 vs 19 (killed)" told again between other rows joins the row's section;
    # a spelling told twice between rows is one section; a reason naming nothing stays apart.
    extra = (
        Conflict("a1s4", "a3s2", ConflictKind.NUMBER, "30 vs 19 (killed)"),
        Conflict(
            "a2s4", "a3s3", ConflictKind.ENTITY, "Angles vs Angeles (spelling of Los Angeles)"
        ),
        Conflict(
            "a1s4", "a3s3", ConflictKind.ENTITY, "Angles vs Angeles (spelling of Los Angeles)"
        ),
    )
    document = to_markdown(replace(comparison, conflicts=(*comparison.conflicts, *extra)))
    sections = document.split("## Shared by several sources")[0].split("### Contradiction ")[1:]
    assert len(sections) == 3  # the row, the hostile reason without a subject, the spelling
    assert "30 vs 19 (killed)" in sections[0] and "29 vs 19 (killed)" in sections[0]
    assert sections[2].count("Angles vs Angeles") == 2
    assert "in 3 contradictions" in document
    assert disagreement_key(extra[0]) == ("number", "(killed)")
    assert disagreement_key(Conflict("a", "b", ConflictKind.NUMBER, "5 vs 6")) is None


def test_a_reason_told_by_two_pairs_of_the_same_sources_is_said_once(comparison) -> None:
    from aligner.result.model import Conflict, ConflictKind

    twice = (
        Conflict("a1s4", "a2s4", ConflictKind.NUMBER, "73 vs 72 (age)"),
        Conflict("a1s4", "a2s3", ConflictKind.NUMBER, "73 vs 72 (age)"),
    )
    document = to_markdown(replace(comparison, conflicts=(*comparison.conflicts, *twice)))
    lines = [line for line in document.splitlines() if "73 vs 72 (age)" in line]
    assert len(lines) == 1 and lines[0].endswith("(2 pairs of sentences)")


def test_a_source_that_may_be_about_another_story_is_said_below_the_sources(
    comparison,
) -> None:
    off = OffStory("a3", names=40, names_shared=1, sentences=12, sentences_shared=0)
    document = to_markdown(replace(comparison, off_story=(off,)))
    tokens = MD.parse(document)
    paragraphs = [
        inline_parts(tokens[i + 1])
        for i, token in enumerate(tokens)
        if token.type == "paragraph_open"
    ]
    said = [(text, kinds) for text, kinds in paragraphs if "may be about another story:" in text]
    # The hostile source name stays literal: bold around it, no link.
    assert said == [
        (
            "[AP](http://x) may be about another story: 1 of its 40 name mentions and 0 of "
            "its 12 sentences are found in the other sources.",
            {"text", "strong_open", "strong_close"},
        )
    ]
    sources_at = document.index("## Sources")
    assert (
        sources_at < document.index("may be about another story") < document.index("## Similarity")
    )
    assert "another story" not in to_markdown(comparison)
    # Its "Only in" section says the same first, so that no one reads it as omissions.
    only_in = document.split("## Only in \\[AP\\](http://x)")[1].split("\n## ")[0]
    assert only_in.lstrip().startswith("This source may be about another story (see Sources)")
    assert "another story" not in document.split("## Only in BBC")[1].split("\n## ")[0]


def test_the_count_line_counts_a_row_contradicting_when_another_row_disputes_it(
    comparison,
) -> None:
    from aligner.result.model import Conflict, ConflictKind

    # Audit round 3, finding 17: "0 contradicting · 1 conflict ... in 1 contradiction" for
    # two lone sentences that disagree. Two lone sentences no conflict touches yet: one
    # conflict between them makes both rows contradicting, as the reader draws them.
    touched = {m for c in comparison.conflicts for m in (c.a, c.b)}
    lone = [
        g.members[0]
        for g in comparison.groups
        if g.label is Label.UNIQUE and g.members[0] not in touched
    ]
    a, b = lone
    assert comparison.sentences[a].article_id != comparison.sentences[b].article_id
    before = to_markdown(comparison).splitlines()[2]
    across = Conflict(a, b, ConflictKind.NUMBER, "29 vs 5 (pledged)")
    after = to_markdown(replace(comparison, conflicts=(*comparison.conflicts, across)))
    line = after.splitlines()[2]

    def count(text: str, what: str) -> int:
        return int(re.search(rf"(\d+) {what}\b", text).group(1))  # type: ignore[union-attr]

    assert count(line, "unique") == count(before, "unique") - 2
    assert count(line, "contradicting") == count(before, "contradicting") + 2
    assert count(line, "shared") == count(before, "shared")
    groups = count(line, "groups")
    assert count(line, "shared") + count(line, "unique") + count(line, "contradicting") == groups
