"""Counterparts beyond the row: the details panel names them and `l` goes there."""

from __future__ import annotations

from snapshot_apps.harness import settle, story_app

from aligner.pipeline import compare
from aligner.result.model import Comparison, Link
from tui.aligned_view import AlignedView
from tui.details import DetailsPanel
from tui.details_text import details_text


def sample_compare(paths=None, *, progress=None, should_stop=None, **options):  # type: ignore[no-untyped-def]
    return compare(progress=progress, should_stop=should_stop, **options)


def source_columns(comparison: Comparison) -> dict[str, int]:
    """Sentence id: the column (article index) it stands in."""
    return {s.id: k for k, a in enumerate(comparison.articles) for s in a.sentences}


def link_beyond_the_pivot(comparison: Comparison) -> Link:
    """A link between two sources other than the pivot."""
    pivot, column = comparison.options.pivot, source_columns(comparison)
    return next(k for k in comparison.links if pivot not in (column[k.a], column[k.b]))


def test_the_details_panel_lists_counterparts_beyond_the_row() -> None:
    comparison = compare()
    link = comparison.links[0]
    group = comparison.group_of[link.a]
    other = comparison.sentences[link.b]
    text = details_text(comparison, group.id, link.a, {}, {}).plain
    assert f"(group {comparison.group_of[link.b].id}, counterpart {link.score:.0f})" in text
    assert "also told in" in text and other.text in text


async def test_l_goes_to_the_linked_counterpart_and_says_when_there_is_none() -> None:
    app = story_app(compare=sample_compare)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        link = comparison.links[0]
        view.select_sentence(link.a)
        assert view.focused_sentence == link.a
        await pilot.press("l")
        assert view.focused_sentence == link.b
        await pilot.press("d")
        assert "also told in" in app.query_one(DetailsPanel).plain_text
        unlinked = next(
            s.id
            for a in comparison.articles
            for s in a.prose
            if not any(
                m in comparison.links_of or m in comparison.near_of
                for m in comparison.group_of[s.id].members
            )
        )
        view.select_sentence(unlinked)
        await pilot.press("l")
        assert view.focused_sentence == unlinked


def test_the_details_panel_names_the_close_sentences_of_a_lone_sentence() -> None:
    comparison = compare()
    lone, near = next(iter(comparison.near_of.items()))
    text = details_text(comparison, comparison.group_of[lone].id, lone, {}, {}).plain
    assert text.startswith("± Unique, perhaps: close sentences in other sources (below)")
    for link in near:
        other = comparison.sentences[link.b]
        assert other.text in text
        assert f"group {comparison.group_of[link.b].id}, counterpart {link.score:.0f})" in text
    assert text.count("Perhaps told in ") == len(near)


async def test_l_goes_to_the_close_sentences_of_a_lone_sentence_and_back() -> None:
    app = story_app(compare=sample_compare)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        lone = max(comparison.near_of, key=lambda sid: len(comparison.near_of[sid]))
        expected = [k.b for k in comparison.near_of[lone]]
        assert len(expected) >= 2
        view.select_sentence(lone)
        visited = []
        for _ in range(len(expected) + 1):
            await pilot.press("l")
            visited.append(view.focused_sentence)
        assert visited == [*expected, lone]


async def test_l_walks_through_every_counterpart_and_back() -> None:
    app = story_app(compare=sample_compare)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        origin = max(comparison.links_of, key=lambda sid: len(comparison.links_of[sid]))
        expected = [k.b if k.a == origin else k.a for k in comparison.links_of[origin]]
        assert len(expected) >= 2
        view.select_sentence(origin)
        visited = []
        for _ in range(len(expected) + 5):
            await pilot.press("l")
            visited.append(view.focused_sentence)
            if view.focused_sentence == origin:
                break
        assert visited[-1] == origin
        # The origin's own counterparts come first, each once, then the row's others.
        assert visited[: len(expected)] == list(dict.fromkeys(expected))
        assert len(set(visited[:-1])) == len(visited) - 1


async def test_n_skips_rows_told_by_another_source_elsewhere() -> None:
    app = story_app(compare=sample_compare)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        elsewhere = app.query_one(AlignedView)._model.told_elsewhere
        assert elsewhere
        for _ in range(60):
            await pilot.press("n")
            assert not set(view.selected_sentences) <= elsewhere


async def test_reading_view_highlights_only_counterparts_and_links_weaker() -> None:
    from tui.cell_render import LINKED, ROW

    app = story_app(compare=sample_compare)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        await pilot.press("r")
        assert view.mode == "reading"
        lone = next(
            s.id
            for s in comparison.articles[0].prose
            if comparison.group_of[s.id].label.value == "unique" and s.id not in comparison.links_of
        )
        view.select_sentence(lone)
        assert view.selected_sentences == (lone,)  # nearest sentences are no counterparts
        shared = next(g for g in comparison.groups if len(g.members) >= 3)
        view.select_sentence(shared.members[0])
        assert set(view.selected_sentences) == set(shared.members) & set(
            view._reading_selection().values()
        )
        assert all(view._beside_focus(m) is ROW for m in shared.members)
        link = comparison.links[0]  # its sentences sit in different rows
        view.select_sentence(link.a)
        assert view._beside_focus(link.b) is LINKED


def test_a_link_under_the_threshold_is_told_as_perhaps_and_titles_a_lone_sentence() -> None:
    from dataclasses import replace

    from aligner.result.model import Label, Link

    comparison = compare()
    threshold = comparison.options.threshold
    lone = next(g for g in comparison.groups if g.label is Label.UNIQUE).members[0]
    home = comparison.sentences[lone].article_id
    other_article = next(a for a in reversed(comparison.articles) if a.id != home)
    other = other_article.prose[0].id
    other_group = comparison.group_of[other].id
    for score, told in ((threshold - 5, "perhaps also told in"), (threshold + 40, "also told in")):
        linked = replace(comparison, links=(Link(lone, other, score),))
        text = details_text(linked, linked.group_of[lone].id, lone, {}, {}).plain
        # Alone in its row but linked: the grid's "~" from the threshold on, "±" under it
        # (a close sentence, as a near one), never "+"; the panel's title says which.
        title = (
            "± Unique, perhaps: close sentences in other sources"
            if score < threshold
            else "~ Alone in its row, but told in other words in another row"
        )
        assert text.startswith(title)
        line = next(line for line in text.splitlines() if "also told in" in line)
        assert told in line and ("perhaps" in line) == (score < threshold)
        assert line.startswith("± " if score < threshold else "~ ")  # the sign of its row
        # Who tells it agrees with the sign: a sure link's source tells it, in another row.
        source = linked.articles[
            [a.id for a in linked.articles].index(linked.sentences[other].article_id)
        ].source
        told_line = next(line for line in text.splitlines() if line.startswith("Told by "))
        silent_line = next((line for line in text.splitlines() if line.startswith("Not in:")), "")
        if score < threshold:
            assert told_line.startswith("Told by 1 of ") and source in silent_line
        else:
            assert told_line.startswith("Told by 2 of ") and told_line.endswith(
                f"~ in another row: {source}"
            )
            assert source not in silent_line
        assert (f"(group {other_group}, counterpart {score:.0f}, under the threshold)" in line) == (
            score < threshold
        )


async def test_l_keeps_the_source_it_came_from_on_screen_where_not_every_source_fits() -> None:
    app = story_app(compare=sample_compare)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        column = source_columns(comparison)
        # Before, the pivot and the target were shown and the source the reader came from
        # was dropped.
        link = link_beyond_the_pivot(comparison)
        view.select_sentence(link.a)
        assert len(view.shown_columns) < len(comparison.articles)
        await pilot.press("l")
        assert view.focused_sentence == link.b
        assert {column[link.a], column[link.b]} <= set(view.shown_columns)


async def test_every_l_of_a_row_of_jumps_keeps_the_sentence_it_started_from_on_screen() -> None:
    # The sample's five sources at 160x45 with the details panel: three columns at rest.
    app = story_app(compare=sample_compare)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        column = source_columns(comparison)
        pivot = comparison.options.pivot

        def targets_beyond_the_pivot(sid: str) -> set[int]:
            links = comparison.links_of.get(sid, ())
            return {column[k.b if k.a == sid else k.a] for k in links} - {pivot, column[sid]}

        # A sentence off the pivot whose counterparts lie in two or more other sources:
        # before, the second `l` kept the first target's source and dropped this one's.
        origin = next(
            sid
            for sid in comparison.links_of
            if column[sid] != pivot and len(targets_beyond_the_pivot(sid)) >= 2
        )
        await pilot.press("d")
        view.select_sentence(origin)
        await pilot.pause()
        assert len(view.shown_columns) < len(comparison.articles)
        visited_columns = set()
        for _ in range(12):
            await pilot.press("l")
            if view.focused_sentence == origin:
                break
            visited_columns.add(view.focused_column)
            assert column[origin] in view.shown_columns
        assert view.focused_sentence == origin
        assert len(visited_columns - {pivot}) >= 2


async def test_beside_the_details_panel_as_many_sources_show_as_fit_readably() -> None:
    from tui.row_layout import READABLE_COLUMN, columns_that_fit

    app = story_app(compare=sample_compare)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        comparison = app.comparison
        pivot = comparison.options.pivot
        column = source_columns(comparison)
        await pilot.press("d")
        await pilot.pause()
        # Five sources in 92 cells: three of 30, not two of 45.
        width = view.scrollable_content_region.width
        assert len(view.shown_columns) == columns_that_fit(width) == 3
        assert min(view._widths) >= READABLE_COLUMN
        assert "5 sources, 3 shown" in str(app.query_one("#status").content)
        # The pivot, the source jumped from and the one jumped to are all on screen after `l`.
        link = link_beyond_the_pivot(comparison)
        view.select_sentence(link.a)
        await pilot.pause()
        await pilot.press("l")
        assert view.focused_sentence == link.b
        assert set(view.shown_columns) == {pivot, column[link.a], column[link.b]}
