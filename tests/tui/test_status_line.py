"""The status line: the least important parts give way, what the reader asked for stays."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from snapshot_apps.harness import settle, story_app
from snapshot_apps.story import story_comparison
from textual.widgets import Footer

from aligner.result.model import Label, Link
from tui.status_line import ACTIVITY, CONTEXT, HINT, POSITION, SEPARATOR, SETTING, fit_status

PARTS = [
    (CONTEXT, "aligned view"),
    (CONTEXT, "filter: all"),
    (CONTEXT, "5 sources, 2 shown"),
    (SETTING, "threshold 30"),
    (POSITION, "row 1/42"),
    (ACTIVITY, "“Putin”: match 2/33"),
]


def test_everything_is_kept_when_it_fits() -> None:
    assert fit_status(PARTS, 200) == SEPARATOR.join(text for _, text in PARTS)


def test_the_least_important_parts_go_first_and_the_order_stays() -> None:
    line = fit_status(PARTS, 60)
    assert line == "aligned view · threshold 30 · row 1/42 · “Putin”: match 2/33"
    assert fit_status(PARTS, 40) == "row 1/42 · “Putin”: match 2/33"
    assert fit_status(PARTS, 5) == "“Putin”: match 2/33"  # the last part is never dropped


@given(
    st.lists(st.tuples(st.integers(0, 3), st.text(min_size=1, max_size=12)), min_size=1),
    st.integers(0, 120),
)
def test_it_fits_unless_one_part_alone_is_too_wide(parts, width) -> None:
    line = fit_status(parts, width)
    assert cell_len(line) <= width or SEPARATOR not in line or len(parts) == 1
    most_important = min(parts, key=lambda p: p[0])[0]
    assert any(text in line for importance, text in parts if importance == most_important)


async def test_a_wide_first_screen_says_where_the_signs_are_explained() -> None:
    app = story_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert str(app.query_one("#status").content).endswith("F1: what the signs mean")


def test_what_the_screen_already_shows_gives_way_before_the_hint_to_the_signs() -> None:
    # mn081 at 100 columns: the hint was the first part dropped, on every row.
    parts = [
        (CONTEXT, "aligned view"),
        (CONTEXT, "filter: all"),
        (CONTEXT, "3 sources"),
        (SETTING, "threshold 30"),
        (POSITION, "row 1/68"),
        (POSITION, "told by 3/3 (2 in this row)"),
        (HINT, "F1: what the signs mean"),
    ]
    assert fit_status(parts, 98) == (
        "aligned view · threshold 30 · row 1/68 · told by 3/3 (2 in this row) · "
        "F1: what the signs mean"
    )
    # Sources out of sight are a setting the reader needs: the hint goes before them.
    parts[2] = (SETTING, "5 sources, 2 shown")
    assert fit_status(parts, 98).endswith("row 1/68 · told by 3/3 (2 in this row)")


async def test_every_source_in_sight_gives_way_to_the_hint_to_the_signs() -> None:
    comparison = story_comparison()
    lone = next(g.members[0] for g in comparison.groups if g.label is Label.UNIQUE)
    other = next(
        g.members[0]
        for g in comparison.groups
        if len(g.members) == 1
        and comparison.sentences[g.members[0]].article_id != comparison.sentences[lone].article_id
    )
    linked = replace(comparison, links=(Link(lone, other, comparison.options.threshold),))
    app = story_app(compare=lambda *args, **kwargs: linked)
    async with app.run_test(size=(120, 30)) as pilot:  # all four sources in sight
        await settle(pilot)
        app.query_one("AlignedView").select_sentence(lone)
        await pilot.pause()
        text = str(app.query_one("#status").content)
        assert "told by 2/4 (1 in this row) · F1: what the signs mean" in text
        assert "4 sources" not in text and cell_len(text) <= 118


async def test_at_80_columns_the_search_count_is_in_sight() -> None:
    app = story_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour", "enter")
        text = str(app.query_one("#status").content)
        assert re.search(r"“harbour”: match \d/6$", text) and cell_len(text) <= 78
        assert not app.query_one(Footer).show_command_palette  # the main keys fill the footer


async def test_the_footer_names_the_other_view_and_ctrl_c_says_how_to_quit() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def footer_labels() -> set[str]:
            return {
                b.binding.description
                for b in app.active_bindings.values()
                if b.enabled and b.binding.show
            }

        assert "Reading" in footer_labels() and "Aligned" not in footer_labels()

        def footer_shows() -> list[str]:
            from textual.widgets._footer import FooterKey

            return [key.description for key in app.query(FooterKey)]

        assert "Reading" in footer_shows()
        await pilot.press("r")
        assert app.query_one("AlignedView").mode == "reading"
        assert "Aligned" in footer_labels() and "Reading" not in footer_labels()
        assert "Aligned" in footer_shows() and "Reading" not in footer_shows()
        await pilot.press("r")
        assert app.query_one("AlignedView").mode == "aligned"
        await pilot.press("ctrl+c")
        message = list(app._notifications)[-1].message
        assert message == "Press q or ctrl+q to quit." and "[" not in message


async def test_a_row_keeps_its_number_whichever_sources_are_shown() -> None:
    numbers = {}
    for width in (80, 140):
        app = story_app()
        async with app.run_test(size=(width, 30)) as pilot:
            await settle(pilot)
            view = app.query_one("AlignedView")
            await pilot.press("c")
            numbers[width] = re.search(r"row (\d+/\d+)", str(app.query_one("#status").content))[1]
            key = view.selected_row.key
            await pilot.press("4")  # hide a source: the number stays
            assert view.selected_row.key == key
            assert f"row {numbers[width]}" in str(app.query_one("#status").content)
    assert numbers[80] == numbers[140]


async def test_the_status_line_says_how_many_sources_tell_the_row() -> None:
    app = story_app()
    async with app.run_test(size=(80, 30)) as pilot:  # two of four sources on screen
        await settle(pilot)
        view = app.query_one("AlignedView")
        while view.selected_row.key != "g2":
            await pilot.press("j")
        assert "told by 3/4" in str(app.query_one("#status").content)
        while view.selected_row.key != "g4":
            await pilot.press("j")
        assert "told by 1/4" in str(app.query_one("#status").content)


async def test_the_status_line_counts_a_sentence_told_in_another_row_as_its_sign_does() -> None:
    comparison = story_comparison()
    lone = next(g.members[0] for g in comparison.groups if g.label is Label.UNIQUE)
    source = comparison.sentences[lone].article_id
    other = next(
        g.members[0]
        for g in comparison.groups
        if len(g.members) == 1 and comparison.sentences[g.members[0]].article_id != source
    )
    threshold = comparison.options.threshold
    for score, told in ((threshold, "told by 2/4 (1 in this row)"), (threshold - 1, "told by 1/4")):
        linked = replace(comparison, links=(Link(lone, other, score),))
        app = story_app(compare=lambda *args, linked=linked, **kwargs: linked)
        async with app.run_test(size=(140, 30)) as pilot:
            await settle(pilot)
            app.query_one("AlignedView").select_sentence(lone)
            await pilot.pause()
            assert told in str(app.query_one("#status").content)


async def test_a_filter_that_leaves_no_row_says_so() -> None:
    from tui.aligned_view import AlignedView

    app = story_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        # No row of the four-source story is told by every source.
        while view.label_filter != "every":
            await pilot.press("f")
        await settle(pilot)
        assert view.row_count == 0
        text = str(app.query_one("#status").content)
        assert "no row passes this filter (f: the next one)" in text
        await pilot.press("f")
        await settle(pilot)
        assert "passes this filter" not in str(app.query_one("#status").content)


async def test_rows_only_in_sources_not_shown_are_counted_for_the_reader() -> None:
    from tui.aligned_view import AlignedView

    app = story_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        for column in (0, 1, 3):  # only Daily Wire stays, which tells no contradiction
            view.action_toggle_source(column)
        while view.label_filter != "contradicting":
            await pilot.press("f")
        await settle(pilot)
        assert view.row_count == 0 and view.position[1] > 0
        text = str(app.query_one("#status").content)
        assert f"no row here in the shown sources: {view.position[1]} in others" in text


async def test_the_footer_says_next_diff_and_fits_80_columns() -> None:
    from textual.widgets._footer import FooterKey

    app = story_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.query(FooterKey))
        # "n Diff" read as "show the word differences"; the key goes to the next difference.
        assert keys[0].description == "Next diff" and keys[-1].description == "Help"
        assert keys[-1].region.right <= 80
