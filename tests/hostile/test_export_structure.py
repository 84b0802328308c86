"""Property tests through the real pipeline: any files and any text give a valid comparison,
JSON round-trips, and the Markdown export has exactly the structure the exporter intends."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from aligner.export.json import from_json, to_json
from aligner.export.markdown import clean_text, disagreement_key, shown_paths, to_markdown
from aligner.match.trust import doubted_members
from aligner.pipeline import compare
from aligner.result.model import Comparison, Conflict, Group, Label

MD = MarkdownIt("commonmark").enable("table")

# Markup the exporter never means to produce; article text must not create any of it.
FORBIDDEN_TOKENS = {
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "blockquote_open",
    "hr",
    "em_open",
}

HOSTILE_BITS = [
    "|",
    "||",
    "| a | b |",
    "`",
    "``code``",
    "#",
    "## heading ##",
    ">",
    "> quote",
    "<script>alert(1)</script>",
    "<b>",
    "<!-- c -->",
    "[x](y)",
    "![i](j)",
    "[ref]: http://x",
    "<http://x.y>",
    "*",
    "**bold**",
    "_",
    "__u__",
    "\\",
    "\\|",
    "&amp;",
    "&#124;",
    "&lt;tag&gt;",
    "\n",
    "\n# injected\n",
    "\n---\n",
    "\n    code\n",
    "1.",
    "- ",
    "+ ",
    "=",
    "~~gone~~",
    "$x$",
    "\u202e",
    "\u2028",
    "\t",
    "\U000e0041\U000e007f",  # tag characters: hidden ASCII
    "\u200d\ufe0f",  # a joiner and a variation selector
]
HEADLINE_BITS = ["Bridge", "collapse", "Monday", "| x |", "# y", "[z](w)", "<i>"]

# Templates of news sentences: articles built from them share claims and disagree on numbers,
# so the documents have shared, unique and contradicting sections.
SENTENCES = [
    "At least {n} people were killed when the bridge collapsed on Monday {h}.",
    "The minister said the talks with the city council lasted {n} minutes {h}.",
    "Officials {h} expect heavy traffic near the river for most of the week.",
    "Rescue teams searched the water {h} for survivors through the night.",
    "The mayor {h} announced {n} days of mourning for the victims.",
]

# Deterministic: no example database, the same examples on every run.
DETERMINISTIC = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def compare_files(files: Sequence[tuple[str, bytes]]) -> Comparison:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files:
            Path(folder, name).write_bytes(data)
        comparison = compare([folder])
    assert len(comparison.articles) + len(comparison.skipped) == len(files)
    return comparison


# -- checks ------------------------------------------------------------------------------------


def assert_groups_are_valid(comparison: Comparison) -> None:
    prose = [s.id for a in comparison.articles for s in a.prose]
    placed = Counter(m for g in comparison.groups for m in g.members)
    assert sorted(placed) == sorted(prose)  # every prose sentence is in a group ...
    assert set(placed.values()) <= {1}  # ... in exactly one
    for group in comparison.groups:
        sources = [comparison.sentences[m].article_id for m in group.members]
        assert sources and len(sources) == len(set(sources))  # one sentence per source at most
    for article in comparison.articles:
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text


def assert_json_round_trips(comparison: Comparison) -> None:
    data = from_json(to_json(comparison))
    assert [
        (
            a["id"],
            a["path"],
            a["title"],
            a["source"],
            [(s["id"], s["text"]) for s in a["sentences"]],
        )
        for a in data["articles"]
    ] == [
        (a.id, a.path, a.title, a.source, [(s.id, s.text) for s in a.sentences])
        for a in comparison.articles
    ]
    assert [(g["id"], g["label"], tuple(g["sentences"])) for g in data["groups"]] == [
        (g.id, str(g.label), g.members) for g in comparison.groups
    ]
    assert [(c["a"], c["b"], c["kind"], c["detail"]) for c in data["conflicts"]] == [
        (c.a, c.b, str(c.kind), c.detail) for c in comparison.conflicts
    ]
    assert [(s["path"], s["reason"]) for s in data["skipped"]] == [
        (s.path, s.reason) for s in comparison.skipped
    ]


def inline_text(token: Token) -> str:
    return "".join(child.content for child in token.children or [] if child.type == "text")


def _check(comparison: Comparison, group: Group) -> str:
    """ ", to check" for a row the reader marks "≈" (aligner/match/trust.py), ", partly to
    check" for one with some members marked so, else nothing."""
    doubted = doubted_members(comparison, group)
    if not doubted:
        return ""
    return ", to check" if len(doubted) == len(group.members) else ", partly to check"


def expected_headings(comparison: Comparison) -> list[tuple[str, str]]:
    """The sections the exporter means to write: (tag, text or text prefix)."""
    articles = comparison.articles
    # The pivot's headline, else another source's (a title that is the file name is none),
    # else the folder's name; a long one is cut (the heading then starts with its start).
    pivot = articles[min(comparison.options.pivot, len(articles) - 1)] if articles else None
    found = [a.title for a in (pivot, *articles) if a and a.title != a.path.rsplit("/", 1)[-1]]
    folders = [os.path.dirname(a.path) for a in articles]
    folder = os.path.basename(os.path.commonpath(folders)) if folders else ""
    topic = clean_text(found[0] if found else folder)
    title = f"Parallax comparison: {topic}" if topic else "Parallax comparison"
    contradicting = [g for g in comparison.groups if g.label is Label.CONTRADICTING]
    explained: set[Conflict] = {c for g in contradicting for c in comparison.group_conflicts(g)}
    # A conflict between groups opens a section unless its disagreement has one already.
    told = {disagreement_key(c) for c in explained} - {None}
    between_groups = []
    for conflict in dict.fromkeys(comparison.conflicts):
        key = disagreement_key(conflict)
        if not conflict.disputes:
            continue  # a spelling: listed under "Spellings to check"
        if conflict not in explained and (key is None or key not in told):
            between_groups.append(conflict)
            told.add(key)
    shared = [g for g in comparison.groups if g.label is Label.SHARED]
    return [
        ("h1", title),
        ("h2", "Sources"),
        *([("h2", "Similarity")] if articles else []),
        ("h2", "Contradictions"),
        *(("h3", f"Contradiction {k}: ") for k in range(1, len(contradicting) + 1)),
        *(
            ("h3", f"Contradiction {k}: ")
            for k in range(len(contradicting) + 1, len(contradicting) + len(between_groups) + 1)
        ),
        *(
            [("h2", "Spellings to check")]
            if any(not c.disputes for c in comparison.conflicts)
            else []
        ),
        ("h2", "Shared by several sources"),
        *(("h3", f"Shared {k}{_check(comparison, group)}: ") for k, group in enumerate(shared, 1)),
        *(("h2", f"Only in {clean_text(a.source)}") for a in articles),
        *([("h2", "Skipped files")] if comparison.skipped else []),
        *([("h2", "Repaired files")] if comparison.notices else []),
    ]


def assert_markdown_structure(comparison: Comparison, document: str) -> None:
    tokens = MD.parse(document)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & FORBIDDEN_TOKENS, kinds & FORBIDDEN_TOKENS

    found = [
        (token.tag, inline_text(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    expected = expected_headings(comparison)
    assert [tag for tag, _ in found] == [tag for tag, _ in expected]
    for (tag, text), (_, wanted) in zip(found, expected, strict=True):
        if tag == "h3":
            assert text.startswith(wanted), (text, wanted)
        elif text.endswith("…") and tag == "h1":  # a long headline, cut at a word
            assert wanted.startswith(text.removesuffix("…")), (text, wanted)
        else:
            assert text == wanted, (text, wanted)

    # Tables: Sources (8 cells a row) and Similarity (one column per source), nothing else.
    tables: list[list[list[str]]] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open"):
            tables[-1][-1].append(inline_text(tokens[i + 1]))
    n = len(comparison.articles)
    assert len(tables) == (2 if n else 0)
    if n:
        sources, similarity = tables
        assert [len(row) for row in sources] == [8] * (n + 1)
        assert [len(row) for row in similarity] == [n + 1] * (n + 1)
        shown = shown_paths(
            [a.path for a in comparison.articles]
            + [s.path for s in comparison.skipped]
            + [n.path for n in comparison.notices]
        )
        assert [row[:4] for row in sources[1:]] == [
            [a.id, clean_text(a.source), clean_text(a.headline or "—"), clean_text(shown[a.path])]
            for a in comparison.articles
        ]

    # Every prose sentence is shown literally: in "Only in" alone, elsewhere after its source.
    items = Counter(
        inline_text(tokens[i + 2]) for i, t in enumerate(tokens) if t.type == "list_item_open"
    )
    labels = {a.id: clean_text(a.source) for a in comparison.articles}
    for group in comparison.groups:
        for member in group.members:
            sentence = comparison.sentences[member]
            text = clean_text(sentence.text)
            shown = (
                text if group.label is Label.UNIQUE else f"{labels[sentence.article_id]}: {text}"
            )
            assert items[shown] > 0, shown


def assert_everything_holds(comparison: Comparison) -> None:
    assert_groups_are_valid(comparison)
    assert_json_round_trips(comparison)
    assert_markdown_structure(comparison, to_markdown(comparison))


# -- strategies --------------------------------------------------------------------------------

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_BITS), st.text(max_size=6)), max_size=12
).map(" ".join)


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(SENTENCES))
    return template.format(n=draw(st.sampled_from([19, 29, 90])), h=draw(hostile_text))


@st.composite
def news_article(draw: st.DrawFn) -> str:
    headline = " ".join(draw(st.lists(st.sampled_from(HEADLINE_BITS), min_size=1, max_size=4)))
    body = draw(st.lists(news_sentence(), min_size=1, max_size=4, unique=True))
    return headline + "\n\n" + " ".join(body)


file_content = st.one_of(
    st.text().map(str.encode),
    st.text(max_size=200).map(lambda text: text.encode("utf-16")),
    st.binary(max_size=300),
    hostile_text.map(str.encode),
    news_article().map(str.encode),
)
suffix = st.sampled_from([".txt", ".md", ".markdown", ".html", ".htm", ".png", ""])


# -- properties --------------------------------------------------------------------------------


@settings(DETERMINISTIC, max_examples=60)
@given(st.lists(st.tuples(suffix, file_content), min_size=1, max_size=5))
def test_any_mix_of_files_gives_a_valid_comparison_and_exports(files) -> None:
    comparison = compare_files([(f"{k}{ext}", data) for k, (ext, data) in enumerate(files)])
    assert_everything_holds(comparison)


@settings(DETERMINISTIC, max_examples=60)
@given(st.lists(news_article(), min_size=2, max_size=4))
def test_hostile_sentences_never_change_the_markdown_structure(articles: list[str]) -> None:
    files = [(f"{k}.txt", text.encode()) for k, text in enumerate(articles)]
    comparison = compare_files(files)
    assert len(comparison.articles) == len(articles)
    assert_everything_holds(comparison)


file_name = st.lists(
    st.one_of(
        st.sampled_from([b for b in HOSTILE_BITS if "/" not in b]),
        st.characters(exclude_characters="/\x00", exclude_categories=["Cs"]),
    ),
    min_size=1,
    max_size=5,
).map("".join)


@settings(DETERMINISTIC, max_examples=40)
@given(st.lists(file_name, min_size=1, max_size=4, unique=True), st.booleans())
def test_hostile_file_names_never_change_the_markdown_structure(
    names: list[str], markdown_files: bool
) -> None:
    article = "The old bridge over the river collapsed on Monday. At least 29 people were killed."
    files = []
    for k, name in enumerate(names):
        ext = (".md" if markdown_files else ".txt") if k % 2 == 0 else ".png"
        full = f"{name}{k}{ext}"
        if len(full.encode()) > 200 or full.startswith("."):
            full = f"x{full[-100:]}"
        files.append((full, article.encode()))
    comparison = compare_files(files)
    assert_everything_holds(comparison)
