"""JSON export: the documented schema, stable bytes, terminal-safe text; format selection."""

from __future__ import annotations

import gc
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner import __version__
from aligner.export import format_for_path, render
from aligner.export import json as json_export
from aligner.export.json import SCHEMA, SchemaError, from_json, to_json
from aligner.result.model import CompareOptions, LineKind, OffStory
from aligner.runtime.parallel import Aside, can_fork


def test_top_level_keys_in_documented_order(comparison, notes) -> None:
    data = from_json(to_json(comparison, notes=notes))
    assert list(data) == [
        "schema",
        "generator",
        "options",
        "articles",
        "skipped",
        "repaired",
        "groups",
        "conflicts",
        "links",
        "near",
        "similarity",
        "stats",
        "off_story",
        "notes",
    ]
    assert data["schema"] == SCHEMA == "parallax.comparison/1"
    assert data["generator"] == {"name": "parallax", "version": __version__}
    assert data["options"] == {"threshold": CompareOptions().threshold, "pivot": 0}


def test_articles_carry_every_sentence_with_offsets(comparison) -> None:
    data = from_json(to_json(comparison))
    assert [list(a) for a in data["articles"]] == [
        ["id", "path", "title", "source", "sentences"]
    ] * 3
    first = data["articles"][0]
    assert first["path"] == "corpus/bbc|news.txt"
    assert first["title"] == "# Breaking | <script>alert(1)</script> *news* `now`"
    assert first["source"] == "BBC | News"
    for article, exported in zip(comparison.articles, data["articles"], strict=True):
        assert len(exported["sentences"]) == len(article.sentences)
        for sentence in exported["sentences"]:
            assert list(sentence) == ["id", "text", "kind", "start", "end", "paragraph"]
            # Offsets point at the sentence in the article text, so a program can find it.
            assert article.text[sentence["start"] : sentence["end"]] == sentence["text"]
            assert sentence["kind"] in {k.value for k in LineKind}
    assert data["articles"][1]["sentences"][0]["kind"] == "caption"


def test_every_prose_sentence_is_in_exactly_one_group(comparison) -> None:
    data = from_json(to_json(comparison))
    prose = [s["id"] for a in data["articles"] for s in a["sentences"] if s["kind"] == "prose"]
    grouped = [sid for g in data["groups"] for sid in g["sentences"]]
    assert sorted(grouped) == sorted(prose)
    ids = [s["id"] for a in data["articles"] for s in a["sentences"]]
    assert len(ids) == len(set(ids))
    assert data["groups"][1] == {
        "id": "g2",
        "label": "contradicting",
        "sentences": ["a1s3", "a2s3"],
        "score": 90.25,
        "member_scores": [90.25, 90.25],
    }


def test_conflicts_skipped_similarity_and_stats(comparison) -> None:
    data = from_json(to_json(comparison))
    assert data["conflicts"][0] == {
        "a": "a1s3",
        "b": "a2s3",
        "kind": "number",
        "detail": "29 vs 19 (killed)",
        "severity": "hard",
    }
    assert data["skipped"] == [{"path": "corpus/photo|<x>.png", "reason": "binary file, not text"}]
    assert data["similarity"]["a1"] == {"a1": 1.0, "a2": 0.6667, "a3": 0.3333}
    assert list(data["similarity"]) == ["a1", "a2", "a3"]
    assert data["stats"]["groups"] == 6
    assert (data["stats"]["shared"], data["stats"]["unique"]) == (1, 4)
    # a3s2 is in a unique group but conflicts with a1s4 of another group: contradicting.
    assert data["stats"]["sources"]["a3"] == {
        "prose": 3,
        "shared": 1,
        "unique": 1,
        "contradicting": 1,
        "non_prose": 0,
    }


def test_notes_follow_reading_order_and_drop_unknown_sentences(comparison, notes) -> None:
    data = from_json(to_json(comparison, notes=notes))
    assert data["notes"] == {
        "a1s3": "Casualty figures differ\n# not a heading",
        "a3s2": "check the <b>figure</b> | [source](x)",
    }
    assert list(data["notes"]) == ["a1s3", "a3s2"]
    assert "notes" not in from_json(to_json(comparison))


def test_bytes_are_deterministic_pretty_and_end_with_a_newline(comparison, notes) -> None:
    text = to_json(comparison, notes=notes)
    assert text == to_json(comparison, notes=dict(reversed(list(notes.items()))))
    assert text.endswith("}\n")
    assert text.startswith('{\n  "schema": "parallax.comparison/1",\n')


def test_non_ascii_stays_readable_but_controls_are_escaped(comparison) -> None:
    hostile = "Zelenskiy’s “peace” — \x1b]52;c;ZXZpbA==\x07 \x9b31m \u202egnp.exe \u2028 end"
    article = comparison.articles[0]
    sentence = replace(article.sentences[1], text=hostile)
    articles = (
        replace(article, sentences=(article.sentences[0], sentence, *article.sentences[2:])),
        *comparison.articles[1:],
    )
    text = to_json(replace(comparison, articles=articles))
    assert "Zelenskiy’s “peace” —" in text
    unsafe = [ch for ch in text if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F]
    assert unsafe == []
    assert "\u202e" not in text and "\u2028" not in text
    assert from_json(text)["articles"][0]["sentences"][1]["text"] == hostile


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "top level"),
        ('{"schema": "parallax.comparison/2"}', "unsupported schema"),
        ('{"schema": "parallax.comparison/1", "articles": []}', "missing skipped"),
    ],
)
def test_from_json_rejects_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        from_json(text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("out.md", "markdown"),
        ("OUT.MARKDOWN", "markdown"),
        ("dir.json/out.Json", "json"),
        ("out.txt", None),
        ("out", None),
        ("out.md.bak", None),
    ],
)
def test_format_for_path(path: str, expected: str | None) -> None:
    assert format_for_path(path) == expected


def test_render_dispatches_and_rejects_unknown_formats(comparison) -> None:
    assert render(comparison, fmt="json") == to_json(comparison)
    with pytest.raises(ValueError, match="unknown export format"):
        render(comparison, fmt="yaml")  # type: ignore[arg-type]
    assert json.loads(render(comparison, fmt="json", notes={"a1s2": "n"}))["notes"] == {"a1s2": "n"}


def test_export_pauses_the_collector_and_restores_it(comparison, monkeypatch) -> None:
    seen: list[bool] = []
    original = json_export._articles

    def recording(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(json_export, "_articles", recording)
    json_export.to_json(comparison)
    assert seen == [False] and gc.isenabled()


def test_links_are_written_with_both_ids_and_their_score() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    data = from_json(to_json(comparison))
    assert data["links"] == [
        {"a": k.a, "b": k.b, "score": round(k.score, 4)} for k in comparison.links
    ]
    assert data["stats"]["links"] == len(comparison.links) > 0


def test_the_close_sentences_of_lone_sentences_are_written_apart_from_links() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    data = from_json(to_json(comparison))
    assert data["near"] == [
        {"a": k.a, "b": k.b, "score": round(k.score, 4)} for k in comparison.near
    ]
    assert data["near"]
    linked = {sid for k in comparison.links for sid in (k.a, k.b)}
    assert not linked & {k["a"] for k in data["near"]}


def test_soft_conflicts_are_counted_apart(comparison) -> None:
    from dataclasses import replace as changed

    from aligner.result.model import Severity

    softened = changed(
        comparison,
        conflicts=tuple(changed(c, severity=Severity.SOFT) for c in comparison.conflicts),
    )
    data = from_json(to_json(softened))
    assert {c["severity"] for c in data["conflicts"]} == {"soft"}
    assert data["stats"]["soft_conflicts"] == data["stats"]["conflicts"] > 0


HOSTILE_RECORD_TEXT = [
    '}, {"id": "x"',
    '"}, {"a": ',
    "}, {",
    '{"id": 1}, {"id": 2}',
    "line\nbreak },\n{",
    "",
]


def test_records_are_written_as_the_generic_walk_writes_them() -> None:
    records = [
        {"id": f"s{k}", "text": text, "n": k, "score": k / 7, "ids": ["a", text], "none": None}
        for k, text in enumerate(HOSTILE_RECORD_TEXT)
    ]
    generic = json_export._indented({"records": records}, level=1)
    fast = json_export._indented({"records": json_export._Records(records)}, level=1)
    assert fast == generic
    lines = fast.splitlines()
    assert len(lines) == len(records) + 4  # "{", '"records": [', one line a record, "]", "}"
    assert json.loads(fast)["records"] == records
    assert json_export._indented(json_export._Records(), level=1) == "[]"
    # A first key that is no plain name: here '}, {": ": ' occurs inside a record too.
    odd = [{": ": k, "}, {": ": tail"} for k in range(3)]
    odd_fast = json_export._indented(json_export._Records(odd), level=1)
    assert odd_fast == json_export._indented(odd, level=1)
    assert len(odd_fast.splitlines()) == len(odd) + 2


def test_conflicts_and_scored_pairs_are_written_as_the_encoder_writes_their_records(
    comparison,
) -> None:
    import numpy as np

    from aligner.result.model import Conflict, ConflictKind, Link, Severity

    odd_texts = [*HOSTILE_RECORD_TEXT, 'a \\", "b', "tab\t\x00\x1f\u2028é 字 \U0001f600", "\\"]
    conflicts = tuple(
        Conflict(f"a1s{k}", f'a2"s{k}', kind, text, severity)
        for k, (text, kind, severity) in enumerate(
            zip(odd_texts, [*ConflictKind] * 9, [*Severity] * 9, strict=False)
        )
    )
    scores = [70.0, 33.33335, -0.0, 1e-07, 1e22, 70, float("nan"), float("inf"), np.float64(0.5)]
    links = tuple(Link(f"a1s{k}", f"a3s{k}", score) for k, score in enumerate(scores))
    told = replace(comparison, conflicts=conflicts, links=links, near=links[:2])
    generic = {
        "conflicts": [
            {
                "a": c.a,
                "b": c.b,
                "kind": str(c.kind),
                "detail": c.detail,
                "severity": str(c.severity),
            }
            for c in conflicts
        ],
        "links": [{"a": k.a, "b": k.b, "score": round(k.score, 4)} for k in links],
        "near": [{"a": k.a, "b": k.b, "score": round(k.score, 4)} for k in links[:2]],
    }
    for key, records in generic.items():
        section = getattr(json_export, f"_{key}")(told)
        written = json_export._indented(section, level=1)
        assert written == json_export._indented(json_export._Records(records), level=1)
        assert len(written.split("\n")) == len(records) + 2
    empty = replace(comparison, conflicts=(), links=(), near=())
    for key in generic:
        assert json_export._indented(getattr(json_export, f"_{key}")(empty), level=1) == "[]"


def test_sentences_are_written_as_the_encoder_writes_their_records(comparison) -> None:
    from aligner.result.model import Sentence

    first = comparison.articles[0]
    odd = tuple(
        Sentence(f'{first.id}s"{k}', first.id, k, text, LineKind.PROSE, 10**k, 10**k + 1, k)
        for k, text in enumerate(HOSTILE_RECORD_TEXT)
    )
    articles = (replace(first, sentences=odd), replace(first, id="a9", sentences=()))
    generic = [
        {
            "id": a.id,
            "path": a.path,
            "title": a.title,
            "source": a.source,
            "sentences": json_export._Records(
                {
                    "id": s.id,
                    "text": s.text,
                    "kind": str(s.kind),
                    "start": s.start,
                    "end": s.end,
                    "paragraph": s.paragraph,
                }
                for s in a.sentences
            ),
        }
        for a in articles
    ]
    written = json_export._indented(
        json_export._articles(replace(comparison, articles=articles)), level=1
    )
    assert written == json_export._indented(generic, level=1)
    # The article without sentences is one flat line, as the generic writer makes it.
    assert written.split("\n")[-2].endswith('"sentences": []}')


def test_similarity_is_in_article_order_and_rounded_whatever_the_matrix(comparison) -> None:
    import numpy as np

    shuffled = {
        "zz": {"a1": 0.5},
        "a3": {"a3": 1.0, "a1": np.float64(0.123456), "a2": -0.0},
        "a1": {"a2": 0.0, "a1": 1.0, "ghost": 0.33333, "a3": 0.123456},
    }
    data = from_json(to_json(replace(comparison, similarity=shuffled)))["similarity"]
    assert list(data) == ["a1", "a3", "zz"]
    assert list(data["a1"].items()) == [("a1", 1.0), ("a2", 0.0), ("a3", 0.1235), ("ghost", 0.3333)]
    assert list(data["a3"].items()) == [("a1", 0.1235), ("a2", -0.0), ("a3", 1.0)]
    text = to_json(replace(comparison, similarity=shuffled))
    assert '"a2": -0.0, "a3": 1.0}' in text and '"a2": 0.0, "a3": 0.1235' in text


def test_unsafe_characters_are_escaped_in_sections_of_ids_too(comparison) -> None:
    from aligner.result.model import Link

    # ASCII but for DEL, and ASCII with DEL: both kinds of section are checked.
    links = (Link("a1s3\x7f", "a2s3", 50.0), Link("a1s2", "a3s1\u202e", 40.0))
    text = to_json(replace(comparison, links=links))
    assert "\x7f" not in text and "\u202e" not in text
    assert '"a1s3\\u007f"' in text and '"a3s1\\u202e"' in text
    assert [k["a"] for k in from_json(text)["links"]] == ["a1s3\x7f", "a1s2"]
    ascii_only = to_json(replace(comparison, links=links[:1]))
    assert "\x7f" not in ascii_only and '"a1s3\\u007f"' in ascii_only


def test_similarity_rows_are_written_as_json_writes_a_record(comparison) -> None:
    import numpy as np

    row = {"a1": 1, "a2": np.float32(0.1), "a3": -0.0, "x\u202e\x1by": 0.0, "a4": 2 / 3}
    matrix = {"a1": row, "a2": {}, "a3": {"a3": float("nan")}}
    text = to_json(replace(comparison, similarity=matrix))
    rows = text.split('"similarity": {\n')[1].split("\n  },\n")[0].splitlines()
    expected = {
        "a1": {"a1": 1.0, "a2": round(float(np.float32(0.1)), 4), "a3": -0.0, "a4": 0.6667},
        "a2": {},
        "a3": {"a3": float("nan")},
    }
    expected["a1"]["x\u202e\x1by"] = 0.0
    written = [
        f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, separators=(', ', ': '))}"
        for key, value in expected.items()
    ]
    assert [line.rstrip(",") for line in rows] == [
        line.replace("\u202e", "\\u202e") for line in written
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "é", "\n", "\x7f", "\x85", "\u202e", "\u2028", "\U000e0041", "}"]),
        max_size=40,
    ).map("".join)
)
def test_a_section_is_escaped_as_one_scan_of_the_whole_text_escapes_it(text: str) -> None:
    # Sections are escaped a line at a time when only some lines hold non-ASCII text.
    whole = json_export._TERMINAL_UNSAFE.sub(json_export._escaped, text)
    assert json_export._terminal_safe(text) == whole


@pytest.mark.skipif(not can_fork(), reason="forks only on POSIX, not macOS, one thread")
@pytest.mark.parametrize("with_notes", [False, True])
def test_sections_encoded_by_two_processes_are_the_same_bytes(
    comparison, notes, with_notes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unsafe characters, notes and every section: the parts must come back in schema order.
    first, *others = comparison.conflicts
    unsafe = replace(first, detail=first.detail + " \u202e\x7f")
    hostile = replace(comparison, links=sample_comparison().links, conflicts=(unsafe, *others))
    wanted = notes if with_notes else None
    serial = to_json(hostile, notes=wanted)
    assert '"links": [\n' in serial and "\\u202e\\u007f" in serial
    monkeypatch.setattr(json_export, "PARALLEL_MIN_RECORDS", 0)
    forked = []
    monkeypatch.setattr(
        json_export, "Aside", lambda work, wanted: forked.append(wanted) or Aside(work, wanted=True)
    )
    assert to_json(hostile, notes=wanted, workers=2) == serial
    assert render(hostile, fmt="json", notes=wanted, workers=2) == serial
    assert forked == [True, True]
    # The reader renders in one process: never forked.
    assert to_json(hostile, notes=wanted) == serial and len(forked) == 2


def sample_comparison():
    from aligner.pipeline import compare

    return compare()


def test_sources_that_may_be_about_another_story_are_written_with_their_counts(
    comparison,
) -> None:
    assert from_json(to_json(comparison))["off_story"] == []
    off = OffStory("a2", names=58, names_shared=0, sentences=32, sentences_shared=2)
    data = from_json(to_json(replace(comparison, off_story=(off,))))
    assert data["off_story"] == [
        {"article": "a2", "names": 58, "names_shared": 0, "sentences": 32, "sentences_shared": 2}
    ]


def test_each_group_gives_each_members_best_score_and_its_lowest_is_the_score() -> None:
    from aligner.pipeline import compare

    comparison = compare()
    data = from_json(to_json(comparison))
    groups = data["groups"]
    assert all(len(g["member_scores"]) == len(g["sentences"]) for g in groups)
    assert all(min(g["member_scores"]) == g["score"] for g in groups)
    # A shared row's weakest member does not pull its partners' scores down with it.
    spread = [g for g in groups if g["label"] == "shared" and len(set(g["member_scores"])) > 1]
    assert spread
    threshold = data["options"]["threshold"]
    assert all(score >= threshold for g in spread for score in g["member_scores"])
    # The keys a schema-1 reader knows are all still there.
    assert all({"id", "label", "sentences", "score"} <= g.keys() for g in groups)
