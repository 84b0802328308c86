"""Cell strips of the aligned view: gutter, wrapped words, diff and match layers, header, cache."""

from __future__ import annotations

import dataclasses
from typing import cast

from rich.style import Style
from snapshot_apps.story import build_article, build_comparison, story_comparison
from textual.widget import Widget

from aligner.result.model import Label, LineKind, Link
from tui.cell_render import (
    CURSOR,
    GAP_MARK,
    GLYPHS,
    NOTE_MARK,
    CellRenderer,
    ComponentStyles,
    source_name,
)
from tui.row_layout import text_width
from tui.view_model import ViewModel

BASE = Style(color="white")
COMPONENT = {
    "aligned-view--shared": Style(color="green"),
    "aligned-view--unique": Style(color="magenta"),
    "aligned-view--contradicting": Style(color="red"),
    "aligned-view--nonprose": Style(italic=True),
    "aligned-view--diff": Style(underline=True),
    "aligned-view--diff-number": Style(bold=True, underline=True),
    "aligned-view--match": Style(bgcolor="yellow"),
    "aligned-view--cursor": Style(bgcolor="blue"),
}


class FakeWidget:
    """Resolves component styles from a table and counts how often it is asked."""

    rich_style = BASE

    def __init__(self) -> None:
        self.asked = 0

    def get_component_rich_style(self, name: str, *, partial: bool = False) -> Style:
        self.asked += 1
        return COMPONENT.get(name, Style())


def renderer() -> tuple[CellRenderer, FakeWidget]:
    widget = FakeWidget()
    return CellRenderer(ComponentStyles(cast(Widget, widget))), widget


def test_styles_are_resolved_once_until_cleared() -> None:
    widget = FakeWidget()
    styles = ComponentStyles(cast(Widget, widget))
    first = styles(CURSOR, "aligned-view--shared")
    assert first == BASE + COMPONENT[CURSOR] + COMPONENT["aligned-view--shared"]
    asked = widget.asked
    assert styles(CURSOR, "aligned-view--shared") == first and widget.asked == asked
    styles.clear()
    styles(CURSOR, "aligned-view--shared")
    assert widget.asked == 2 * asked


def test_first_line_has_glyph_and_note_mark_then_words_continue_under_the_gutter() -> None:
    cells, _ = renderer()
    model = ViewModel(story_comparison())
    width = 30
    spans = model.wrap("a1s2", text_width(width))
    assert len(spans) > 1
    lines = [
        cells.sentence(model, "a1s2", k, width, None, noted=True, matches=())
        for k in range(len(spans) + 1)
    ]
    text = model.texts["a1s2"]
    # Glyph, how many sources tell it (a1s2's row: three), note mark, then the words.
    assert lines[0].text.startswith(f"{GLYPHS[Label.SHARED]}3{NOTE_MARK} {text[: spans[0][1]]}")
    assert lines[1].text.startswith("    " + text[spans[1][0] : spans[1][1]])
    assert all(line.cell_length == width for line in lines)
    assert lines[len(spans)].text == " " * width  # past the sentence: blank
    heading = cells.sentence(model, "a1s1", 0, width, None, noted=False, matches=())
    assert heading.text.startswith(f"{GLYPHS[None]}   Storm")


def test_changed_words_are_marked_and_a_match_shows_over_a_diff() -> None:
    cells, _ = renderer()
    model = ViewModel(story_comparison())
    text = model.texts["a2s2"]  # "According to the fire brigade, 19 people ..."
    number = text.index("19")
    strip = cells.sentence(
        model, "a2s2", 0, 80, None, noted=False, matches=[(number, number + 2), (0, 9)]
    )
    styles = {segment.text: segment.style for segment in strip}
    label = BASE + COMPONENT["aligned-view--contradicting"]
    assert styles["19"] == label + COMPONENT["aligned-view--match"]
    assert styles["According"] == label + COMPONENT["aligned-view--match"]
    assert styles[" to"] == label + COMPONENT["aligned-view--diff"]
    assert styles[" people were taken to hospital."] == label
    unmatched = cells.sentence(model, "a2s2", 0, 79, None, noted=False, matches=())
    assert {s.text: s.style for s in unmatched}["19"] == label + COMPONENT[
        "aligned-view--diff-number"
    ]


def test_strips_are_cached_until_cleared() -> None:
    cells, _ = renderer()
    model = ViewModel(story_comparison())
    plain = cells.sentence(model, "a1s3", 0, 40, None, noted=False, matches=())
    # Notes are not part of the key: the cached strip stands until the owner clears.
    assert cells.sentence(model, "a1s3", 0, 40, None, noted=True, matches=()) is plain
    cells.clear()
    noted = cells.sentence(model, "a1s3", 0, 40, None, noted=True, matches=())
    assert NOTE_MARK in noted.text and NOTE_MARK not in plain.text
    assert cells.sentence(model, "a1s3", 0, 40, CURSOR, noted=True, matches=()) is not noted


def test_gap_blank_empty_and_content_lines() -> None:
    cells, _ = renderer()
    gap = cells.gap(9, None)
    assert gap.text == "    " + GAP_MARK + "    "
    assert cells.gap(9, None) is gap
    assert cells.blank(5, CURSOR).text == "     "
    assert {s.style for s in cells.blank(5, CURSOR)} == {BASE + COMPONENT[CURSOR]}
    assert cells.empty_line(0, 20, "Aligning…").text == " " * 20
    assert cells.empty_line(1, 20, "Aligning…").text == "  Aligning…" + " " * 9
    line = cells.content_line([gap, cells.blank(5, None)], layout_width=15, width=17)
    assert line.text == gap.text + "│" + " " * 5 + "  "


def test_header_names_sources_marks_the_pivot_and_counts_labels() -> None:
    cells, _ = renderer()
    model = ViewModel(story_comparison())
    names = cells.header(model, 0, shown=(0, 1), widths=(30, 30), focused_column=1, width=61)
    assert names.text.startswith(" 1 Harbour Herald ★")
    assert "│ 2 Coast Courier" in names.text and names.cell_length == 61
    counts = cells.header(model, 1, shown=(0, 1), widths=(30, 30), focused_column=1, width=61)
    assert counts.text.startswith(" =3 !2 ¶2 ")  # no "~", "+" here: their zeros left out


def test_header_counts_follow_the_signs_a_sentence_told_in_another_row_apart() -> None:
    cells, _ = renderer()
    comparison = story_comparison()
    model = ViewModel(comparison)
    lone = next(g.members[0] for g in comparison.groups if g.label is Label.UNIQUE)
    column = model.article_of[lone]
    other = next(sid for sid, c in model.article_of.items() if c != column and model.labels[sid])
    before = model.sign_counts[column]
    for score, moved in ((comparison.options.threshold, 1), (comparison.options.threshold - 1, 0)):
        linked = ViewModel(dataclasses.replace(comparison, links=(Link(lone, other, score),)))
        counts = linked.sign_counts[column]
        # A sure link makes it "~", a weaker one "±": each counted apart from "+".
        perhaps = 1 - moved
        assert (counts.elsewhere, counts.perhaps) == (moved, perhaps)
        assert counts.only_here == before.only_here - 1
        assert dataclasses.astuple(counts)[0] == before.shared
        assert sum(dataclasses.astuple(counts)) == len(comparison.articles[column].sentences)
        cells.clear()  # strips are kept per comparison
        shown = cells.header(linked, 1, shown=(column,), widths=(40,), focused_column=0, width=40)
        assert (f"~{moved} " in shown.text) == bool(moved)
        assert (f"±{perhaps} " in shown.text) == bool(perhaps)
        assert ("+" in shown.text) == bool(before.only_here - 1)


def test_header_counts_weaker_signs_apart_from_stronger_ones() -> None:
    from aligner.result.model import Severity
    from tui.cell_render import PROBABLE_MARK, SOFT_MARK

    cells, _ = renderer()
    comparison = story_comparison()
    row = next(g for g in comparison.groups if g.label is Label.SHARED and len(g.members) == 3)
    weak = dataclasses.replace(row, score=43.0, member_scores=(97.0, 43.0, 97.0))
    groups = tuple(weak if g is row else g for g in comparison.groups)
    soft = tuple(dataclasses.replace(c, severity=Severity.SOFT) for c in comparison.conflicts)
    model = ViewModel(dataclasses.replace(comparison, groups=groups, conflicts=soft))
    column = model.article_of[row.members[1]]
    plain = ViewModel(comparison).sign_counts[column]
    counts = model.sign_counts[column]
    # The weak member is "≈", no longer counted with "="; soft conflicts "?", not "!".
    assert (counts.shared, counts.probable) == (plain.shared - 1, 1)
    assert (counts.contradicting, counts.softly) == (0, plain.contradicting)
    assert sum(dataclasses.astuple(counts)) == len(comparison.articles[column].sentences)
    shown = cells.header(model, 1, shown=(column,), widths=(40,), focused_column=0, width=40)
    assert f" ={counts.shared} {PROBABLE_MARK}1 " in shown.text
    assert f" {SOFT_MARK}{plain.contradicting} " in shown.text and "!" not in shown.text


def test_source_name_is_literal_and_numbered_only_for_the_number_keys() -> None:
    articles = [
        build_article(k, f"x/{k}.txt", f"S\x1b[1m{k}", "T", [[("Line.", LineKind.PROSE)]])
        for k in range(10)
    ]
    groups = [(Label.UNIQUE, (article.prose[0].id,)) for article in articles]
    model = ViewModel(build_comparison(articles, groups))
    assert source_name(model, 0) == " 1 S[1m0 ★"
    assert source_name(model, 9) == " S[1m9"


def test_a_sentence_alone_in_its_row_but_told_elsewhere_is_not_drawn_as_unique() -> None:
    from dataclasses import replace

    from aligner.result.model import Link
    from tui.cell_render import TOLD_ELSEWHERE_MARK

    comparison = story_comparison()
    unique = [g.members[0] for g in comparison.groups if g.label is Label.UNIQUE]
    shared = next(g.members[0] for g in comparison.groups if g.label is Label.SHARED)
    linked, alone = unique[0], unique[1]
    model = ViewModel(replace(comparison, links=(Link(linked, shared, 70.0),)))
    cells, _ = renderer()
    drawn = cells.sentence(model, linked, 0, 30, None, noted=False, matches=())
    assert drawn.text.startswith(TOLD_ELSEWHERE_MARK)
    assert next(iter(drawn)).style == BASE + COMPONENT["aligned-view--shared"]
    plain = cells.sentence(model, alone, 0, 30, None, noted=False, matches=())
    assert plain.text.startswith(GLYPHS[Label.UNIQUE])
    # The row's own sentence in a shared group keeps its glyph.
    assert cells.sentence(model, shared, 0, 30, None, noted=False, matches=()).text.startswith(
        GLYPHS[Label.SHARED]
    )


def test_a_lone_sentence_with_a_close_sentence_elsewhere_is_drawn_as_perhaps_unique() -> None:
    from dataclasses import replace

    from aligner.result.model import Link
    from tui.cell_render import PERHAPS_MARK

    comparison = story_comparison()
    unique = [g.members[0] for g in comparison.groups if g.label is Label.UNIQUE]
    shared = next(g.members[0] for g in comparison.groups if g.label is Label.SHARED)
    near, alone = unique[0], unique[1]
    model = ViewModel(replace(comparison, near=(Link(near, shared, 22.0),)))
    cells, _ = renderer()
    drawn = cells.sentence(model, near, 0, 30, None, noted=False, matches=())
    assert drawn.text.startswith(PERHAPS_MARK)
    # Still only in its source: the unique colour.
    assert next(iter(drawn)).style == BASE + COMPONENT["aligned-view--unique"]
    plain = cells.sentence(model, alone, 0, 30, None, noted=False, matches=())
    assert plain.text.startswith(GLYPHS[Label.UNIQUE])
    # The close sentence itself keeps its own sign.
    assert cells.sentence(model, shared, 0, 30, None, noted=False, matches=()).text.startswith(
        GLYPHS[Label.SHARED]
    )


def test_a_shared_row_under_the_sure_score_is_drawn_as_probable() -> None:
    from dataclasses import replace

    from aligner.calibration import SURE_ROW_SCORE
    from tui.cell_render import PROBABLE_MARK

    comparison = story_comparison()
    shared = [g for g in comparison.groups if g.label is Label.SHARED][:2]
    scores = {shared[0].id: SURE_ROW_SCORE - 0.01, shared[1].id: SURE_ROW_SCORE}
    groups = tuple(
        replace(g, score=scores[g.id]) if g.id in scores else g for g in comparison.groups
    )
    model = ViewModel(replace(comparison, groups=groups))
    cells, _ = renderer()
    weak = cells.sentence(model, shared[0].members[0], 0, 30, None, noted=False, matches=())
    assert weak.text.startswith(PROBABLE_MARK)
    assert next(iter(weak)).style == BASE + COMPONENT["aligned-view--shared"]
    sure = cells.sentence(model, shared[1].members[0], 0, 30, None, noted=False, matches=())
    assert sure.text.startswith(GLYPHS[Label.SHARED])


def test_a_thin_member_worded_otherwise_is_drawn_as_probable_and_its_partners_as_sure() -> None:
    from dataclasses import replace

    from aligner.calibration import SURE_ROW_SCORE
    from tests.conftest import with_text
    from tui.cell_render import PROBABLE_MARK

    comparison = story_comparison()
    group = next(g for g in comparison.groups if g.label is Label.SHARED)
    assert len(group.members) == 3
    groups = tuple(replace(g, score=SURE_ROW_SCORE) if g is group else g for g in comparison.groups)
    cells, _ = renderer()
    model = ViewModel(replace(comparison, groups=groups))
    sure = cells.sentence(model, group.members[0], 0, 30, None, noted=False, matches=())
    assert sure.text.startswith(GLYPHS[Label.SHARED])
    thinned = with_text(comparison, group.members[-1], "It is good.")
    model = ViewModel(replace(thinned, groups=groups))
    cells, _ = renderer()  # a new one: a renderer keeps the strips it drew
    thin = cells.sentence(model, group.members[-1], 0, 30, None, noted=False, matches=())
    assert thin.text.startswith(PROBABLE_MARK)
    assert group.members[-1] in model.filter_facts.unsure
    # The two others still surely tell one fact.
    partner = cells.sentence(model, group.members[0], 0, 30, None, noted=False, matches=())
    assert partner.text.startswith(GLYPHS[Label.SHARED])
    assert group.members[0] not in model.filter_facts.unsure


def test_only_the_member_whose_best_match_is_weak_is_drawn_as_probable() -> None:
    from dataclasses import replace

    from aligner.calibration import SURE_ROW_SCORE
    from tui.cell_render import PROBABLE_MARK

    comparison = story_comparison()
    group = next(g for g in comparison.groups if g.label is Label.SHARED)
    weakest = SURE_ROW_SCORE - 32
    scored = replace(group, score=weakest, member_scores=(97.0, weakest, 97.0))
    groups = tuple(scored if g is group else g for g in comparison.groups)
    model = ViewModel(replace(comparison, groups=groups))
    cells, _ = renderer()
    first, weak, third = (
        cells.sentence(model, m, 0, 30, None, noted=False, matches=()).text for m in group.members
    )
    # Beside "=", how many sources surely tell it; beside "≈", how many maybe do.
    assert weak.startswith(f"{PROBABLE_MARK}3")
    assert first.startswith(f"{GLYPHS[Label.SHARED]}2") and third.startswith("=2")
    assert model.filter_facts.unsure & set(group.members) == {group.members[1]}


def test_a_row_whose_conflicts_are_all_soft_has_its_own_mark_and_colour() -> None:
    from dataclasses import replace

    from aligner.result.model import Severity
    from tui.cell_render import SOFT_MARK

    comparison = story_comparison()
    group = next(g for g in comparison.groups if g.label is Label.CONTRADICTING)
    hard = ViewModel(comparison)
    soft = ViewModel(
        replace(
            comparison,
            conflicts=tuple(replace(c, severity=Severity.SOFT) for c in comparison.conflicts),
        )
    )
    member = group.members[0]
    cells, _ = renderer()
    assert cells.sentence(hard, member, 0, 30, None, noted=False, matches=()).text.startswith(
        GLYPHS[Label.CONTRADICTING]
    )
    fresh, _ = renderer()  # strips are cached per sentence, not per comparison
    drawn = fresh.sentence(soft, member, 0, 30, None, noted=False, matches=())
    assert drawn.text.startswith(SOFT_MARK)
    assert member in soft.soft_only and member not in hard.soft_only


def test_the_source_count_shows_from_two_sources_and_stays_one_cell() -> None:
    from tui.cell_render import MANY_SOURCES, source_count

    assert source_count(1) == " " and source_count(0) == " "
    assert [source_count(n) for n in (2, 5, 9)] == ["2", "5", "9"]
    assert source_count(10) == source_count(40) == MANY_SOURCES
