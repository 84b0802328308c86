"""The notes list (A) goes to any note's sentence; y copies the selected sentence and source."""

from __future__ import annotations

from collections.abc import Mapping

from snapshot_apps.harness import settle, story_app
from textual.widgets import OptionList

from aligner.result.model import Comparison
from tui.aligned_view import AlignedView
from tui.app import ParallaxApp
from tui.screens import NotesListScreen


def add_notes(app: ParallaxApp, notes: Mapping[str, str]) -> None:
    """Save ``notes`` (by sentence id) as the `a` key would."""
    assert app.comparison is not None and app.notes_store is not None
    for sid, note in notes.items():
        sentence = app.comparison.sentences[sid]
        article = app.comparison.article_by_id[sentence.article_id]
        app.notes_store.set(article.path, sentence.text, note)
    app.view.set_notes(app.notes_store.for_comparison(app.comparison))


async def test_the_notes_list_shows_every_note_and_enter_goes_to_its_sentence() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        add_notes(app, {"a4s2": "ask the brigade", "a1s6": "since 1998?", "a2s4": "source?"})
        view = app.query_one(AlignedView)
        await pilot.press("A")
        assert isinstance(app.screen, NotesListScreen)
        options = app.screen.query_one("#notes", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(3)]
        # Reading order, source by source; each with its source, sentence and note.
        assert prompts[0].startswith("Harbour Herald  The harbour wall had not been repaired")
        assert prompts[0].endswith("✎ since 1998?")
        assert prompts[1].startswith("Coast Courier  Insurers expect claims")
        assert prompts[2].startswith("Evening Post  Twenty-nine people")
        await pilot.press("j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, NotesListScreen)
        assert view.focused_sentence == "a2s4"

        await pilot.press("A", "j", "j", "enter")
        await pilot.pause()
        assert view.focused_sentence == "a4s2"


async def test_a_note_in_a_hidden_source_or_a_filtered_row_is_shown_when_chosen() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        add_notes(app, {"a2s4": "who says so?"})
        view = app.query_one(AlignedView)
        await pilot.press("2")  # hide Coast Courier
        view.label_filter = "contradicting"  # and show only rows that a2s4 (unique) is not in
        await pilot.pause()
        assert 1 in view.hidden
        await pilot.press("A", "enter")
        await pilot.pause()
        assert 1 not in view.hidden
        assert view.label_filter == "all"
        assert view.focused_sentence == "a2s4"


async def test_without_notes_the_list_says_so_and_escape_changes_nothing() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("j", "j")
        before = view.cursor_line
        await pilot.press("A")
        assert isinstance(app.screen, NotesListScreen)
        assert "No notes in this comparison yet." in str(app.screen.query_one("#no-notes").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NotesListScreen)
        assert view.cursor_line == before


async def test_y_copies_the_selected_sentence_with_its_source() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "tab", "y")
        assert app.clipboard == (
            "“According to the fire brigade, 19 people were taken to hospital.” "
            "— Coast Courier (coast-courier.txt)"
        )


async def test_a_copied_sentence_carries_no_control_characters(
    small_comparison: Comparison,
) -> None:
    comparison = small_comparison

    def fixed(paths=None, *, progress=None, should_stop=None, **options) -> Comparison:
        return comparison

    app = ParallaxApp(["corpus"], compare=fixed)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.view.select_sentence("a3s1")
        await pilot.press("y")
        # The escape sequence loses its ESC and BEL: what is left is inert text.
        assert app.clipboard == (
            "“A reporter wrote [@click=app.quit]this[/] and ]0;pwned here.” "
            "— [@click=app.quit]Wire ([gamma].txt)"
        )
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in app.clipboard)
