"""The aligned view's model: safe texts, reference diffs, cached wraps and layouts per mode."""

from __future__ import annotations

import pytest
from snapshot_apps.story import build_article, build_comparison, story_comparison

from aligner.result.model import CompareOptions, Label, LineKind
from tui import view_model
from tui.row_layout import text_width, wrap_spans
from tui.view_model import EMPTY_LAYOUT, ViewModel


def test_texts_lose_control_characters_and_labels_cover_non_prose() -> None:
    articles = [
        build_article(0, "x/a.txt", "A", "A", [[("Head\x1b]0;t\x07", LineKind.HEADING)]]),
        build_article(1, "x/b.txt", "B", "B", [[("Red \x1b[31mtext\u202e.", LineKind.PROSE)]]),
    ]
    model = ViewModel(build_comparison(articles, [(Label.UNIQUE, ("a2s1",))]))
    assert model.texts == {"a1s1": "Head]0;t", "a2s1": "Red [31mtext."}
    assert model.labels == {"a1s1": None, "a2s1": Label.UNIQUE}
    assert model.article_of == {"a1s1": 0, "a2s1": 1}


def test_changes_are_against_the_pivot_version_and_the_pivot_has_none() -> None:
    model = ViewModel(story_comparison())
    assert model.changes("a1s3") == ()  # the pivot's sentence is the reference
    text = model.texts["a2s2"]
    marked = {text[s:e]: kind for s, e, kind in model.changes("a2s2")}
    assert marked["19"] == "diff-number"
    assert marked["According to"] == "diff"
    assert model.changes("a2s4") == ()  # alone in its group: nothing to differ from


def test_another_pivot_is_the_reference_and_without_it_the_first_member_is() -> None:
    model = ViewModel(story_comparison(options=CompareOptions(pivot=1)))
    # g1 is a1s2 + a2s1 + a4s1: the pivot's a2s1 is the reference although listed second.
    assert model.changes("a2s1") == ()
    assert model.changes("a1s2") != ()
    # g5 is a1s6 + a3s3; the pivot (source 2) has no sentence there.
    assert model.changes("a1s6") == ()
    assert model.changes("a3s3") != ()


def test_counterpart_of_a_sentence_in_its_own_column_is_itself() -> None:
    model = ViewModel(story_comparison())
    assert model.counterpart("a1s3", 0) == "a1s3"
    assert model.counterpart("a1s3", 1) == "a2s2"


def test_stream_keeps_the_written_order_and_the_filter() -> None:
    model = ViewModel(story_comparison())
    assert model.stream(0, label_filter="all") == tuple(f"a1s{n}" for n in range(1, 8))
    assert model.stream(0, label_filter="contradicting") == ("a1s3", "a1s7")
    assert model.stream(3, label_filter="unique") == ()


def test_aligned_layout_keeps_rows_with_a_shown_sentence() -> None:
    model = ViewModel(story_comparison())
    layout = model.layout(mode="aligned", label_filter="all", shown=(0, 1), widths=(40, 40))
    keys = [row.key for row in layout.rows]
    assert keys == ["a1s1", "g1", "g2", "a1s4", "g3", "g4", "g5", "g6"]  # g7 is source 3's
    # A hidden source's sentence still finds its row, so it can anchor the cursor.
    assert layout.row_of["a3s2"] == keys.index("g3")
    assert layout.streams == {}
    contradicting = model.layout(
        mode="aligned", label_filter="contradicting", shown=(0, 1), widths=(40, 40)
    )
    assert [row.key for row in contradicting.rows] == ["g2", "g6"]


def test_a_row_is_as_tall_as_its_tallest_shown_cell() -> None:
    long = "A much longer sentence that needs several lines in a narrow column of text."
    articles = [
        build_article(0, "x/a.txt", "A", "A", [[("Short one.", LineKind.PROSE)]]),
        build_article(1, "x/b.txt", "B", "B", [[(long, LineKind.PROSE)]]),
    ]
    model = ViewModel(build_comparison(articles, [(Label.SHARED, ("a1s1", "a2s1"))]))
    alone = model.layout(mode="aligned", label_filter="all", shown=(0,), widths=(40,))
    both = model.layout(mode="aligned", label_filter="all", shown=(0, 1), widths=(40, 40))
    assert alone.row_lines.height(0) == 1
    assert both.row_lines.height(0) == len(wrap_spans(long, text_width(40))) > 1


def test_reading_layout_closes_each_paragraph_with_a_blank_line() -> None:
    model = ViewModel(story_comparison())
    layout = model.layout(mode="reading", label_filter="all", shown=(0,), widths=(40,))
    stream = layout.streams[0]
    assert stream == model.stream(0, label_filter="all")
    assert layout.stream_pos[0] == {sid: e for e, sid in enumerate(stream)}
    lines = [len(wrap_spans(model.texts[sid], text_width(40))) for sid in stream]
    blanks = [layout.stream_lines[0].height(e) - lines[e] for e in range(len(stream))]
    # Paragraphs: heading | two sentences | caption | three sentences (the last needs none).
    assert blanks == [1, 0, 1, 1, 0, 0, 0]
    assert layout.rows == ()


def test_layouts_and_wraps_are_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    model = ViewModel(story_comparison())
    calls: list[tuple[str, int]] = []
    real_wrap = view_model.wrap_spans

    def counting_wrap(text: str, width: int) -> tuple[tuple[int, int], ...]:
        calls.append((text, width))
        return real_wrap(text, width)

    monkeypatch.setattr(view_model, "wrap_spans", counting_wrap)
    settings = {"mode": "aligned", "label_filter": "all", "shown": (0, 1), "widths": (40, 40)}
    first = model.layout(**settings)  # type: ignore[arg-type]
    wrapped = len(calls)
    shown_sentences = {sid for row in first.rows for c, sid in row.cells.items() if c in (0, 1)}
    assert wrapped == len(shown_sentences) == 12  # each shown sentence once
    assert model.layout(**settings) is first  # type: ignore[arg-type]
    reading = model.layout(**{**settings, "mode": "reading"})  # type: ignore[arg-type]
    # The same sentences at the same widths: the reading layout wraps nothing again.
    assert reading is not first and len(calls) == wrapped
    model.layout(**{**settings, "widths": (50, 50)})  # type: ignore[arg-type]
    assert len(calls) > wrapped


def test_the_empty_layout_has_nothing_to_show() -> None:
    assert EMPTY_LAYOUT.rows == () and EMPTY_LAYOUT.streams == {}
    assert EMPTY_LAYOUT.row_lines.total == 0 and EMPTY_LAYOUT.row_lines.locate(0) is None


def test_the_hard_filter_leaves_out_rows_whose_conflicts_are_all_soft() -> None:
    from dataclasses import replace

    from aligner.result.model import Severity

    def rows(model: ViewModel, label_filter) -> list[str]:  # type: ignore[no-untyped-def]
        layout = model.layout(
            mode="aligned", label_filter=label_filter, shown=(0, 1, 2, 3), widths=(40,) * 4
        )
        return [row.key for row in layout.rows]

    comparison = story_comparison()
    everything = ViewModel(comparison)
    assert rows(everything, "hard") == rows(everything, "contradicting") != []
    soft = tuple(replace(c, severity=Severity.SOFT) for c in comparison.conflicts)
    softened = ViewModel(replace(comparison, conflicts=soft))
    assert rows(softened, "hard") == []
    assert rows(softened, "contradicting") == rows(everything, "contradicting")
    assert softened.stream(0, label_filter="hard") == ()
    assert everything.stream(0, label_filter="hard") == everything.stream(
        0, label_filter="contradicting"
    )


def test_filters_ask_about_soft_conflicts_links_and_every_source() -> None:
    from aligner.result.model import Label
    from tui.row_layout import FilterFacts, keep_sentence

    facts = FilterFacts(
        soft=frozenset({"soft"}),
        told_elsewhere=frozenset({"linked"}),
        everywhere=frozenset({"all"}),
    )

    def kept(sid: str, label: Label | None, label_filter: str) -> bool:
        return keep_sentence(sid, label, label_filter=label_filter, facts=facts)  # type: ignore[arg-type]

    assert kept("alone", Label.UNIQUE, "unique") and not kept("linked", Label.UNIQUE, "unique")
    assert kept("all", Label.SHARED, "every") and kept("all", Label.CONTRADICTING, "every")
    assert not kept("some", Label.SHARED, "every")
    assert kept("hard", Label.CONTRADICTING, "hard") and not kept(
        "soft", Label.CONTRADICTING, "hard"
    )
    assert kept("soft", Label.CONTRADICTING, "contradicting")
    assert kept("heading", None, "all") and not kept("heading", None, "shared")


def test_the_check_filter_keeps_what_is_drawn_with_a_sign_of_doubt() -> None:
    from dataclasses import replace

    from aligner.calibration import SURE_ROW_SCORE
    from aligner.result.model import Link, Severity

    comparison = story_comparison()
    shared = [g for g in comparison.groups if g.label is Label.SHARED]
    unique = [g for g in comparison.groups if g.label is Label.UNIQUE]
    sure = {g.id: replace(g, score=SURE_ROW_SCORE) for g in shared[1:]}
    weak = replace(shared[0], score=SURE_ROW_SCORE - 1)
    groups = tuple({weak.id: weak, **sure}.get(g.id, g) for g in comparison.groups)
    soft = tuple(replace(c, severity=Severity.SOFT) for c in comparison.conflicts)
    near = (Link(unique[0].members[0], shared[1].members[0], 22.0),)
    model = ViewModel(replace(comparison, groups=groups, conflicts=soft, near=near))
    contradicting = {
        m for g in comparison.groups if g.label is Label.CONTRADICTING for m in g.members
    }
    assert model.filter_facts.unsure == {*weak.members, unique[0].members[0], *contradicting}
    layout = model.layout(
        mode="aligned", label_filter="check", shown=(0, 1, 2, 3), widths=(40,) * 4
    )
    assert {row.key for row in layout.rows} == {
        weak.id,
        unique[0].id,
        *(g.id for g in comparison.groups if g.label is Label.CONTRADICTING),
    }
    # Sure rows, a plain unique sentence and hard contradictions are not to check.
    hard = ViewModel(replace(comparison, groups=groups))
    assert not {
        m for g in comparison.groups if g.label is Label.CONTRADICTING for m in g.members
    } & (hard.filter_facts.unsure)


def test_told_by_every_source_means_a_sentence_of_every_article_in_the_group() -> None:
    articles = [
        build_article(
            k, f"x/{k}.txt", name, name, [[(f"{name} says the dam broke.", LineKind.PROSE)]]
        )
        for k, name in enumerate("ABC")
    ]
    groups = [(Label.SHARED, ("a1s1", "a2s1", "a3s1"))]
    model = ViewModel(build_comparison(articles, groups))
    assert model.filter_facts.everywhere == {"a1s1", "a2s1", "a3s1"}
    model = ViewModel(
        build_comparison(articles, [(Label.SHARED, ("a1s1", "a2s1")), (Label.UNIQUE, ("a3s1",))])
    )
    assert model.filter_facts.everywhere == frozenset()
    layout = model.layout(mode="aligned", label_filter="every", shown=(0, 1, 2), widths=(40,) * 3)
    assert layout.rows == ()
