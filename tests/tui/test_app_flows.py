"""The reader app driven by keys: status, details, search, filters, sources, themes, threshold,
cancelling, help and the command palette."""

from __future__ import annotations

import gc

from snapshot_apps.harness import settle, stoppable_compare, story_app
from textual import events
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import DataTable, Input

from tui.aligned_view import NOTE_MARK, AlignedView
from tui.config import load_config
from tui.details import DetailsPanel
from tui.keys import KEYS
from tui.legend import SIGNS
from tui.screens import HelpScreen
from tui.search_bar import SearchBar


def status(app) -> str:
    return str(app.query_one("#status").content)


def send_in_one_burst(app, keys: list[tuple[str, str]]) -> None:
    """``(key, character)`` pairs as the terminal sends them: no pause between keys."""
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_start_shows_the_comparison_and_a_status_line() -> None:
    app = story_app()
    async with app.run_test(size=(100, 40)) as pilot:  # three columns of the four sources
        await settle(pilot)
        view = app.query_one(AlignedView)
        assert view.has_focus
        assert app.comparison is not None and len(app.comparison.articles) == 4
        assert "1 Harbour Herald ★" in view.line_text(0)
        text = status(app)
        assert "aligned view" in text and "filter: all" in text
        assert "4 sources, 3 shown" in text
        assert "row 1/9" in text
        await pilot.press("j", "j")
        assert "row 3/9" in status(app)


async def test_status_and_details_are_drawn_in_the_frame_that_moves_the_view(
    monkeypatch,
) -> None:
    # The view's message reaches the app before the screen's next frame: no frame shows the
    # view moved with the status line or the details a step behind.
    app = story_app()
    frames: list[tuple[str, str, str]] = []
    draw = Screen._compositor_refresh

    def recording_draw(screen: Screen) -> None:
        draw(screen)
        if screen is app.screen and app.query(AlignedView):
            view = app.query_one(AlignedView)
            number, total = view.position
            unit = "row" if view.mode == "aligned" else "sentence"
            shown = f"{view.mode} view", f"{unit} {number}/{total}"
            frames.append((*shown, status(app) + app.query_one(DetailsPanel).plain_text))

    monkeypatch.setattr(Screen, "_compositor_refresh", recording_draw)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        frames.clear()
        await pilot.press("j", "j")  # the contradicting row
        await settle(pilot)
        assert "Contradicting" in app.query_one(DetailsPanel).plain_text
        await pilot.press("r", "j")
        await settle(pilot)
    assert len(frames) >= 4
    for mode, position, drawn in frames:
        assert mode in drawn and position in drawn


async def test_details_panel_shows_versions_agreement_and_conflicts() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        details = app.query_one(DetailsPanel)
        assert not details.display
        await pilot.press("j", "j", "d")  # the contradicting row
        assert details.display
        text = details.plain_text
        assert "Contradicting" in text
        assert "Told by 3 of 4: Harbour Herald, Coast Courier, Evening Post" in text
        assert "Not in: Daily Wire" in text
        assert (
            "Harbour Herald vs Coast Courier — number, hard: 29 vs 19 (taken to hospital)" in text
        )
        assert "According to the fire brigade, 19 people were taken to hospital." in text
        assert "similarity" in text
        await pilot.press("j")
        assert "Caption line of Harbour Herald" in details.plain_text
        await pilot.press("d")
        assert not details.display


async def test_details_panel_docks_right_when_wide_and_below_when_narrow() -> None:
    app = story_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        details, view = app.query_one(DetailsPanel), app.query_one(AlignedView)
        assert details.region.x > view.region.x and details.region.y == view.region.y
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert details.region.y > view.region.y and details.region.x == view.region.x


async def test_the_details_panel_beside_the_view_leaves_three_sources_in_view() -> None:
    app = story_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("4")  # three sources of the four, as in most news clusters
        await pilot.press("d")
        await pilot.pause()
        assert view.shown_columns == (0, 1, 2)


async def test_search_highlights_counts_and_moves_to_matches() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("G")  # the last row does not mention the harbour
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        assert bar.is_open and app.focused is bar.query_one(Input)
        await pilot.press(*"harbour")
        assert "6 matches" in status(app)
        await pilot.press("enter")  # past the end: round to the first
        assert "match 1/6" in status(app) and view.focused_sentence == "a1s1"
        # Enter ends the typing: the keys are the view's again, the bar shows the count.
        assert view.has_focus and bar.is_open and bar.query_text == "harbour"
        await pilot.press("f3")
        assert "match 2/6" in status(app) and view.focused_sentence == "a1s2"
        await pilot.press("f3")
        assert "match 3/6" in status(app) and view.focused_sentence == "a2s1"
        await pilot.press("shift+f3")
        assert "match 2/6" in status(app)
        await pilot.press("escape")  # in the view: forget the search
        assert view.match_count == 0 and "match" not in status(app) and not bar.is_open


def search_count(app) -> str:
    return str(app.query_one("#search-count").content)


async def test_after_enter_command_keys_act_and_slash_edits_the_query() -> None:
    app = story_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view, bar, details = (
            app.query_one(AlignedView),
            app.query_one(SearchBar),
            app.query_one(DetailsPanel),
        )
        await pilot.press("slash", *"harbour")
        assert search_count(app).endswith("Enter: go to it")
        await pilot.press("enter")
        assert search_count(app) == "match 1/6 · F3 next · ⇧F3 previous · / edit · Esc close"
        await pilot.press("d")  # a command, not a letter of the query
        assert details.display and bar.query_text == "harbour" and "match 1/6" in status(app)
        await pilot.press("slash", *"fire")  # the old query is selected: typing replaces it
        assert app.focused is bar.query_one(Input) and bar.query_text == "fire"
        await pilot.press("enter")
        focused = app.comparison.sentences[view.focused_sentence].text
        assert view.has_focus and "fire" in focused.lower()
        await pilot.press("slash", *"zzz", "enter")  # nothing found: no key to step with
        assert search_count(app) == "0 matches · / edit · Esc close" and view.has_focus
        await pilot.press("slash", "backspace", "enter")  # an empty query: nothing to keep
        assert not bar.is_open and view.has_focus


async def test_a_burst_of_slash_word_enter_and_a_command_does_each_in_turn() -> None:
    # A fast typist (or tmux send-keys, or a paste) sends every key before the next frame.
    app = story_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("G")  # the last row does not mention the harbour
        burst = [("slash", "/"), *((c, c) for c in "harbour"), ("enter", "\r"), ("d", "d")]
        send_in_one_burst(app, burst)
        await pilot.pause()
        assert app.query_one(SearchBar).query_text == "harbour"
        assert app.query_one(DetailsPanel).display and view.has_focus
        assert "match 1/6" in status(app) and view.focused_sentence == "a1s1"


async def test_a_search_whose_matches_a_filter_hides_says_so() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harbour", "escape")
        assert "/6" in status(app)
        empty = 0
        for _ in range(6):  # every filter: where none of its rows holds the word, it says so
            await pilot.press("f")
            view = app.query_one(AlignedView)
            said = status(app)
            if view.match_count == 0:
                empty += 1
                assert "0 matches in the rows this filter shows" in said
            else:
                assert "in the rows this filter shows" not in said
        assert empty  # the story has a filter without the harbour


async def test_filter_and_source_toggles_show_in_status_and_are_remembered() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert "filter: told by every source" in status(app)
        await pilot.press("f", "f")
        assert "filter: told by one source only" in status(app)
        await pilot.press("2", "r")
        assert "reading view" in status(app)
        assert "2 Coast Courier" not in app.query_one(AlignedView).line_text(0)
    config, _ = load_config()
    assert config.view == "reading"
    assert list(config.hidden_sources.values()) == [["harbour/coast-courier.txt"]]

    again = story_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = again.query_one(AlignedView)
        assert view.mode == "reading" and view.hidden == frozenset({1})


async def test_theme_key_switches_theme_and_remembers_it() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "parallax-dark"
        await pilot.press("t")
        assert app.theme != "parallax-dark" and app.theme.startswith("parallax-")
        chosen = app.theme
        seen = {app.theme}
        for _ in range(len(app.available_themes)):
            await pilot.press("t")
            seen.add(app.theme)
        # The project's themes only (Textual's own are in the palette); back to the start.
        assert seen == {name for name in app.available_themes if name.startswith("parallax-")}
        while app.theme != chosen:
            await pilot.press("t")
    assert load_config()[0].theme == chosen
    again = story_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == chosen


async def test_threshold_keys_recompute_for_this_session_only() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None
        start = app.comparison.options.threshold
        await pilot.press("plus")
        await settle(pilot)
        assert app.comparison.options.threshold > start
        raised = app.comparison.options.threshold
        assert f"threshold {raised:g}" in status(app)
        # Not remembered: the next start, like `parallax export`, uses the default.
        from tui.config import CONFIG_FILE_NAME, config_dir

        saved = config_dir() / CONFIG_FILE_NAME
        assert not saved.exists() or "threshold" not in saved.read_text("utf-8")
        await pilot.press("minus", "minus")
        await settle(pilot)
        assert app.comparison.options.threshold == raised - 10


async def test_pivot_key_recomputes_with_the_focused_source_as_pivot() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "p")
        await settle(pilot)
        assert app.comparison is not None and app.comparison.options.pivot == 1
        assert "2 Coast Courier ★" in app.query_one(AlignedView).line_text(0)


async def test_escape_cancels_a_running_comparison_and_keys_still_work() -> None:
    started: list[str] = []
    app = story_app(compare=stoppable_compare(started))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        assert started and app.query_one("#progress").has_class("-running")
        await pilot.press("question_mark")  # the interface answers while aligning
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")  # closes help
        await pilot.press("escape")  # cancels the comparison
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.query_one("#progress").has_class("-running")
        assert app.comparison is None
        assert "Cancelled" in app.query_one(AlignedView).line_text(1)
        assert any("cancelled" in n.message for n in app._notifications)


async def test_help_explains_every_sign_then_lists_every_key_of_the_key_table() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(k)] for k in range(table.row_count)]
        assert [(sign, meaning) for _, sign, meaning in rows[: len(SIGNS)]] == list(SIGNS)
        assert {sign for sign, _ in SIGNS} >= {"=", "+", "~", "!", "?", "¶", "★", "·", "✎"}
        assert sorted(row[2] for row in rows[len(SIGNS) :]) == sorted(k.description for k in KEYS)
        # Home and End reach the ends of the table (the table alone scrolls sideways).
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_view_actions_and_switches_themes() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"toggle aligned")
        await pilot.pause(0.3)
        await pilot.press("enter", "enter")  # highlight the best hit, then run it
        await pilot.pause()
        assert view.mode == "reading"
        await pilot.press("ctrl+p")
        await pilot.press(*"theme: parallax-light")
        await pilot.pause(0.3)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.theme == "parallax-light"
        assert load_config()[0].theme == "parallax-light"
        await pilot.press("ctrl+p")
        await pilot.press(*"show only contradictions")
        await pilot.pause(0.3)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert view.label_filter == "contradicting"
        assert "filter: contradicting" in status(app)


async def test_clicking_selects_a_row_and_column() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        lines = [view.line_text(y) for y in range(view.size.height)]
        y = next(k for k, line in enumerate(lines) if "Insurers expect" in line)
        x = lines[y].index("Insurers")
        await pilot.click(AlignedView, offset=(x, y))
        assert view.focused_column == 1 and view.focused_sentence == "a2s4"
        assert NOTE_MARK not in view.line_text(y)


async def test_q_quits() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_notifications_never_interpret_markup(tmp_path) -> None:
    """A folder named like markup must not become a clickable action in a toast."""
    from tui.app import ParallaxApp

    app = ParallaxApp([str(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify("Exported to [@click=app.quit]x[/] \x1b]0;title\x07", title="[b]T[/b]")
        await pilot.pause()
        toasts = list(app._notifications)
        assert toasts[-1].message == "Exported to [@click=app.quit]x[/] ]0;title"
        assert toasts[-1].markup is False
        assert app.is_running


async def test_jumping_past_the_last_contradiction_says_so() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(10):
            await pilot.press("c")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "No further contradiction below." in messages
        await pilot.press("g", "C")
        await pilot.pause()
        assert "No further contradiction above." in [n.message for n in app._notifications]


async def test_a_cancelled_re_align_keeps_the_shown_threshold() -> None:
    from snapshot_apps.harness import story_compare

    calls: list[str] = []
    stuck = stoppable_compare([])

    def first_then_stuck(paths=None, **options):  # type: ignore[no-untyped-def]
        calls.append("call")
        return story_compare(paths, **options) if len(calls) == 1 else stuck(paths, **options)

    app = story_app(compare=first_then_stuck)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None
        shown = app.comparison.options.threshold
        await pilot.press("plus")  # a re-align that never finishes
        await pilot.pause(0.1)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.threshold == shown
        assert f"threshold {shown:g}" in status(app)


async def test_keys_typed_right_after_slash_reach_the_search_bar() -> None:
    # A fast typist (or a terminal pasting "/word") sends every key before the next frame.
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        send_in_one_burst(app, [("slash", "/"), *((c, c) for c in "harbour")])
        await pilot.pause()
        assert app.query_one(SearchBar).query_text == "harbour"
        assert "“harbour”: match 1/6" in status(app)


async def test_each_escape_closes_the_top_most_thing_only() -> None:
    app = story_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        details, bar = app.query_one(DetailsPanel), app.query_one(SearchBar)
        await pilot.press("d", "slash", *"harbour")
        assert details.display and bar.is_open
        await pilot.press("escape")  # the search bar, where the typing was
        assert not bar.is_open and bar.query_text == "harbour" and details.display
        await pilot.press("escape")  # then the search's highlights
        assert bar.query_text == "" and details.display
        await pilot.press("escape")  # then the details panel
        assert not details.display
        await pilot.press("f1", "escape")  # a screen on top closes alone
        assert not isinstance(app.screen, HelpScreen) and not details.display


async def test_a_shown_comparison_is_kept_out_of_garbage_collections() -> None:
    app = story_app()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
