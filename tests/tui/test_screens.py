"""Pilot tests of the screens and dialogs, each pushed by a minimal host app."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, OptionList, RadioButton, Static

from aligner.load.resources import sample_corpus_dir
from aligner.result.model import Comparison
from tui.screens import (
    ConfirmDialog,
    ExportDialog,
    ExportRequest,
    FolderTree,
    HelpScreen,
    NoteDialog,
    OpenFolderDialog,
    OverviewScreen,
)

NOT_DISMISSED = object()
# What the hand-built comparison (conftest.py) puts in its third source.
MARKUP_TITLE = "[bold]x[/bold]"
MARKUP_SOURCE = "[@click=app.quit]Wire"


class Host(App[None]):
    """Pushes one screen on mount and records what it is dismissed with."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make_screen = make_screen
        self.results: list[Any] = []
        self.quit_requested = False

    def on_mount(self) -> None:
        self.show_again()

    def show_again(self) -> None:
        """Push a fresh copy of the screen (cheaper than starting another app)."""
        self.push_screen(self._make_screen(), self.results.append)

    def action_quit(self) -> None:  # a literal [@click=app.quit] must never get here
        self.quit_requested = True

    @property
    def result(self) -> Any:
        return self.results[-1] if self.results else NOT_DISMISSED


def screen_text(app: App[Any]) -> str:
    """What the active screen shows, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_no_control_characters(app: App[Any]) -> None:
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in segment.text), repr(
                segment.text
            )


def shown(app: App[Any], selector: str) -> str:
    """The plain text a Static shows (long paths wrap, so screen lines would split them)."""
    return str(app.screen.query_one(selector, Static).render())


def row_texts(table: DataTable[Any], row: int) -> list[str]:
    return [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(row)]


# --- help -----------------------------------------------------------------------------------

KEYS = [
    ("Move", "j / down", "Next row"),
    ("Views", "v", "Toggle the reading view"),
    ("Move", "k / up", "Previous row"),
    ("App", "[", "Lower the threshold"),
    ("Views", "F1 / ?", "This help"),
]


async def test_help_lists_every_key_grouped_by_section() -> None:
    app = Host(lambda: HelpScreen(KEYS))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [row_texts(table, i) for i in range(table.row_count)]
        assert rows == [
            ["Move", "j / down", "Next row"],
            ["", "k / up", "Previous row"],
            ["Views", "v", "Toggle the reading view"],
            ["", "F1 / ?", "This help"],
            ["App", "[", "Lower the threshold"],
        ]
        text = screen_text(app)
        assert "Lower the threshold" in text and "F1 / ?" in text


async def test_help_closes_with_each_of_its_keys() -> None:
    app = Host(lambda: HelpScreen(KEYS))
    async with app.run_test() as pilot:
        for key in ("escape", "q", "f1", "question_mark"):
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            assert app.results == [None], key
            assert not isinstance(app.screen, HelpScreen)
            app.results.clear()
            if key != "question_mark":
                app.show_again()


async def test_help_scrolls_a_long_list() -> None:
    many = [("Section", f"key{i}", f"Action number {i}") for i in range(80)]
    app = Host(lambda: HelpScreen(many))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Action number 79" not in screen_text(app)
        await pilot.press("G")
        assert "Action number 79" in screen_text(app)
        await pilot.press("g")
        assert "Action number 0" in screen_text(app)
        assert "Action number 79" not in screen_text(app)
        await pilot.press(*["pagedown"] * 8)
        assert "Action number 79" in screen_text(app)


# --- overview -------------------------------------------------------------------------------


async def test_overview_shows_counts_per_source(small_comparison: Comparison) -> None:
    app = Host(lambda: OverviewScreen(small_comparison))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sources", DataTable)
        assert row_texts(table, 0) == [
            "a1",
            "Alpha News",
            "2",
            "1",
            "0",
            "1",
            "1",
            "Storm hits the coast",
            "alpha.txt",
        ]
        assert row_texts(table, 1)[2:7] == ["3", "1", "1", "1", "0"]
        third = row_texts(table, 2)
        assert third[:2] + third[7:] == ["a3", MARKUP_SOURCE, MARKUP_TITLE, "[gamma].txt"]
        summary = str(app.screen.query_one("#summary", Static).render())
        # Rows as the status line counts them: the four groups and a heading row.
        assert summary.startswith(
            "3 sources  ·  5 rows (4 compared)  ·  1 conflict (1 hard, 0 soft)  ·  2 files skipped"
        )


async def test_overview_gives_no_file_name_for_a_title(small_comparison: Comparison) -> None:
    # An article without a headline has its file name for a title: the File column says it.
    first = small_comparison.articles[0]
    untitled = replace(first, title=Path(first.path).name)
    comparison = replace(small_comparison, articles=(untitled, *small_comparison.articles[1:]))
    app = Host(lambda: OverviewScreen(comparison))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sources", DataTable)
        assert row_texts(table, 0)[7:] == ["—", Path(first.path).name]


async def test_overview_counts_stay_in_sight_at_80_columns(small_comparison: Comparison) -> None:
    app = Host(lambda: OverviewScreen(small_comparison))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sources", DataTable)
        visible = table.scrollable_content_region.width
        # Every count column ends inside the table's visible width, without scrolling.
        widths = [column.get_render_width(table) for column in table.columns.values()]
        assert sum(widths[:7]) <= visible


async def test_overview_shows_the_similarity_heat_table(small_comparison: Comparison) -> None:
    app = Host(lambda: OverviewScreen(small_comparison))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#similarity", DataTable)
        a1, a2, _ = (row_texts(table, i) for i in range(3))
        assert [cell.strip() for cell in a1[2:]] == ["–", "100%", "0%"]
        assert [cell.strip() for cell in a2[2:]] == ["67%", "–", "0%"]
        full, empty = table.get_row_at(0)[3], table.get_row_at(0)[4]
        assert full.style.bgcolor != empty.style.bgcolor
        legend = app.screen.query_one("#legend", Static).render()
        assert "100%" in str(legend) and "0%" in str(legend)

        # The heat follows the theme.
        before = table.get_row_at(0)[3].style.bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        assert table.get_row_at(0)[3].style.bgcolor != before


async def test_each_similarity_figure_ends_under_its_sources_heading(
    small_comparison: Comparison,
) -> None:
    # mn199 at 100x30: rows "a1  a1  –  19%" under "Source  a1  a2  a3", half a column off.
    app = Host(lambda: OverviewScreen(small_comparison))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        heading = next(line for line in lines if re.search(r"ID\s+Source\s+a1\s+a2\s+a3", line))
        ends = [heading.index(f" {sid}", heading.index("Source")) + 3 for sid in ("a1", "a2", "a3")]
        names = {article.id: article.source for article in small_comparison.articles}
        for sid, figures in (("a1", ["–", "100%", "0%"]), ("a2", ["67%", "–", "0%"])):
            row = next(line for line in lines if re.search(rf"^\W*{sid} ", line) and "%" in line)
            assert names[sid][:5] in row  # the source's name, under "Source"
            at = heading.index("Source") + len("Source")
            for figure, end in zip(figures, ends, strict=True):
                at = row.index(figure, at) + len(figure)
                assert at == end, (figure, row, heading)


async def test_overview_lists_skipped_files_with_reasons(small_comparison: Comparison) -> None:
    app = Host(lambda: OverviewScreen(small_comparison))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#skipped", DataTable)
        assert [row_texts(table, i) for i in range(table.row_count)] == [
            ["corpus/photo.png", "binary file (PNG image)"],
            ["corpus/[b]huge[/b].txt", "larger than the 5 MB limit"],
        ]


async def test_overview_says_when_nothing_was_skipped(small_comparison: Comparison) -> None:
    from dataclasses import replace

    comparison = replace(small_comparison, skipped=())
    app = Host(lambda: OverviewScreen(comparison))
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#skipped")
        assert "No files skipped." in screen_text(app)


async def test_overview_shows_markup_literally_and_closes(small_comparison: Comparison) -> None:
    app = Host(lambda: OverviewScreen(small_comparison))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP_TITLE in text
        assert MARKUP_SOURCE in text
        assert "[b]huge[/b]" in text
        assert_no_control_characters(app)
        await pilot.click("#sources", offset=(10, 3))
        await pilot.press("q")
        assert app.results == [None]
        assert not app.quit_requested
        app.theme = "textual-light"  # the closed screen no longer follows the theme
        await pilot.pause()


# --- export dialog --------------------------------------------------------------------------


def export_input(app: App[Any]) -> Input:
    return app.screen.query_one("#path", Input)


async def test_export_dialog_is_prefilled(tmp_path: Path) -> None:
    app = Host(lambda: ExportDialog(tmp_path / "storm.md", "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert export_input(app).value == str(tmp_path / "storm.md")
        assert app.screen.query_one("#markdown", RadioButton).value is True
        assert app.screen.focused is export_input(app)


async def test_switching_format_changes_the_default_suffix_only(tmp_path: Path) -> None:
    app = Host(lambda: ExportDialog(tmp_path / "storm.md", "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.click("#json")
        assert export_input(app).value == str(tmp_path / "storm.json")
        await pilot.click("#markdown")
        assert export_input(app).value == str(tmp_path / "storm.md")

        export_input(app).value = str(tmp_path / "storm.txt")
        await pilot.click("#json")
        assert export_input(app).value == str(tmp_path / "storm.txt")

        export_input(app).focus()
        await pilot.press("enter")
        assert app.result == ExportRequest(tmp_path / "storm.txt", "json", overwrite=False)


async def test_the_chosen_format_shows_in_text_not_only_in_colour(tmp_path: Path) -> None:
    app = Host(lambda: ExportDialog(tmp_path / "storm.md", "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()

        def drawn(button: str) -> str:
            return str(app.screen.query_one(f"#{button}", RadioButton).render())

        assert drawn("markdown") != drawn("json").replace("JSON", "Markdown")
        assert "●" in drawn("markdown") and "●" not in drawn("json")
        await pilot.click("#json")
        await pilot.pause()
        assert "●" in drawn("json") and "●" not in drawn("markdown")


async def test_export_to_a_new_file_needs_no_confirmation(tmp_path: Path) -> None:
    app = Host(lambda: ExportDialog(tmp_path / "storm.json", "json"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert app.result == ExportRequest(tmp_path / "storm.json", "json", overwrite=False)


async def test_overwriting_asks_first_and_no_keeps_the_dialog_open(tmp_path: Path) -> None:
    existing = tmp_path / "storm.md"
    existing.write_text("keep me")
    app = Host(lambda: ExportDialog(existing, "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert shown(app, "#question") == f"Overwrite {existing}?"

        await pilot.press("n")
        assert isinstance(app.screen, ExportDialog)
        assert app.result is NOT_DISMISSED

        await pilot.click("#export")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert app.result == ExportRequest(existing, "markdown", overwrite=True)
        assert existing.read_text() == "keep me", "the dialog itself never writes"


async def test_a_missing_folder_is_reported_inline(tmp_path: Path) -> None:
    app = Host(lambda: ExportDialog(tmp_path / "nowhere" / "storm.md", "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert shown(app, "#error") == f"The folder {tmp_path / 'nowhere'} does not exist."

        export_input(app).value = str(tmp_path)  # a folder, not a file
        await pilot.press("enter")
        assert shown(app, "#error") == f"{tmp_path} is a folder; add a file name."

        export_input(app).value = ""
        await pilot.press("enter")
        assert shown(app, "#error") == "Enter the path of the file to write."
        assert app.result is NOT_DISMISSED


async def refusal_of(target: Path) -> str:
    """The dialog's inline error for ``target``; asserts it stays open and asks nothing."""
    app = Host(lambda: ExportDialog(target, "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog), "no 'Overwrite?' question"
        assert app.result is NOT_DISMISSED
        return shown(app, "#error")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
async def test_a_named_pipe_is_refused_not_offered_for_overwriting(tmp_path: Path) -> None:
    pipe = tmp_path / "storm.md"
    os.mkfifo(pipe)
    refusal = f"{pipe} is a named pipe, not a regular file; choose a file name."
    assert await refusal_of(pipe) == refusal
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


async def test_a_file_name_too_long_is_reported_inline(tmp_path: Path) -> None:
    too_long = tmp_path / ("a" * 255 + ".md")
    assert await refusal_of(too_long) == f"Cannot write {too_long}: File name too long."


async def test_export_cancel(tmp_path: Path) -> None:
    app = Host(lambda: ExportDialog(tmp_path / "storm.md", "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        app.show_again()
        await pilot.pause()
        await pilot.click("#cancel")
        assert app.results == [None, None]


async def test_export_path_with_control_characters_is_shown_clean(tmp_path: Path) -> None:
    odd_folder = tmp_path / "news\x1b]0;title\x07"
    odd_folder.mkdir()
    app = Host(lambda: ExportDialog(odd_folder / "storm.md", "markdown"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "\x1b" not in export_input(app).value
        assert_no_control_characters(app)
        await pilot.click("#json")
        export_input(app).focus()
        await pilot.press("enter")
        assert app.result == ExportRequest(odd_folder / "storm.json", "json", overwrite=False)


# --- open folder ----------------------------------------------------------------------------


def make_folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    news = tmp_path / "news"
    (news / "today").mkdir(parents=True)
    (news / "[b]loud [@click=app.quit]").mkdir()
    (news / "article.txt").write_text("not a folder")
    (news / ".git").mkdir()
    old = tmp_path / "old"
    old.mkdir()
    return news, old, tmp_path / "deleted"


async def test_open_folder_picks_a_recent_folder(tmp_path: Path) -> None:
    news, old, deleted = make_folders(tmp_path)
    recent = [str(deleted), str(old), str(news)]
    app = Host(lambda: OpenFolderDialog(recent, news))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#recent", OptionList)
        assert options.get_option_at_index(0).disabled
        assert "(missing)" in str(options.get_option_at_index(0).prompt)
        assert not options.get_option_at_index(1).disabled
        assert app.screen.focused is options
        assert options.highlighted == 1, "the missing folder cannot be highlighted"
        await pilot.press("down")
        assert options.highlighted == 2
        await pilot.press("enter")
        assert app.result == news.resolve()


async def test_open_folder_takes_a_typed_path(tmp_path: Path) -> None:
    news, old, _ = make_folders(tmp_path)
    app = Host(lambda: OpenFolderDialog([], news))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "No recent folders yet." in screen_text(app)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value == str(news)

        path_input.value = str(news / "article.txt")
        path_input.focus()
        await pilot.press("enter")
        assert shown(app, "#error") == f"{news / 'article.txt'} is a file, not a folder."
        assert app.result is NOT_DISMISSED

        path_input.value = str(old)
        await pilot.press("enter")
        assert app.result == old.resolve()


async def test_folder_tree_lists_folders_literally_and_enter_opens_one(tmp_path: Path) -> None:
    news, _, _ = make_folders(tmp_path)
    app = Host(lambda: OpenFolderDialog([], news))
    async with app.run_test(size=(100, 40)) as pilot:
        tree = app.screen.query_one(FolderTree)
        await tree.reload()
        await pilot.pause()
        names = [str(child.label) for child in tree.root.children]
        assert names == ["..", "[b]loud [@click=app.quit]", "today"]
        assert "[b]loud [@click=app.quit]" in screen_text(app)

        tree.focus()
        tree.move_cursor(tree.root.children[2])
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == str(news / "today")
        await pilot.press("enter")
        assert app.result == (news / "today").resolve()


async def test_open_folder_goes_up_with_backspace_or_the_parent_entry(tmp_path: Path) -> None:
    news, _, _ = make_folders(tmp_path)
    app = Host(lambda: OpenFolderDialog([], news / "today"))
    async with app.run_test(size=(100, 40)) as pilot:
        tree = app.screen.query_one(FolderTree)
        path_input = app.screen.query_one("#path", Input)
        await tree.reload()
        assert app.screen.focused is tree
        await pilot.press("backspace")
        await tree.reload()
        await pilot.pause()
        assert tree.path == news
        assert path_input.value == str(news)
        assert [str(child.label) for child in tree.root.children][:2] == [
            "..",
            "[b]loud [@click=app.quit]",
        ]

        # The `..` entry: highlighting it names the folder it stands for; Enter goes there.
        tree.move_cursor(tree.root.children[0])
        await pilot.pause()
        assert path_input.value == str(tmp_path)
        await pilot.press("enter")
        await tree.reload()
        await pilot.pause()
        assert tree.path == tmp_path
        assert [str(child.label) for child in tree.root.children] == ["..", "news", "old"]
        assert app.result is NOT_DISMISSED

        # In the path field Backspace edits the text.
        path_input.focus()
        await pilot.press("end", "backspace")
        assert path_input.value == str(tmp_path)[:-1]
        assert tree.path == tmp_path


async def test_the_root_folder_has_no_parent_entry() -> None:
    app = Host(lambda: OpenFolderDialog([], Path("/")))
    async with app.run_test(size=(100, 40)) as pilot:
        tree = app.screen.query_one(FolderTree)
        await tree.reload()
        await pilot.press("backspace")
        await pilot.pause()
        assert tree.path == Path("/")
        assert ".." not in [str(child.label) for child in tree.root.children]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("{tmp}/nowhere", "{tmp}/nowhere does not exist."),
        ("{tmp}/news/article.txt", "{tmp}/news/article.txt is a file, not a folder."),
        ("~/nowhere", "{tmp}/nowhere does not exist."),
        ("~no-such-user-xq/news", "~no-such-user-xq is not a user of this system."),
        ("{tmp}/" + "n" * 300, "cannot be opened (File name too long)."),
        ("   ", "Enter the path of a folder."),
    ],
)
async def test_a_typed_path_that_is_no_folder_is_explained_inline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, message: str
) -> None:
    make_folders(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    app = Host(lambda: OpenFolderDialog([], tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        path_input = app.screen.query_one("#path", Input)
        path_input.value = typed.format(tmp=tmp_path)
        path_input.focus()
        await pilot.press("enter")
        assert shown(app, "#error").endswith(message.format(tmp=tmp_path))
        assert app.result is NOT_DISMISSED


async def test_a_typed_path_expands_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news, _, _ = make_folders(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    app = Host(lambda: OpenFolderDialog([], tmp_path / "old"))
    async with app.run_test(size=(100, 40)) as pilot:
        path_input = app.screen.query_one("#path", Input)
        path_input.value = "~/news/today"
        path_input.focus()
        await pilot.press("enter")
        assert app.result == (news / "today").resolve()


async def test_open_folder_offers_the_sample_articles_once(tmp_path: Path) -> None:
    _, old, _ = make_folders(tmp_path)
    sample = sample_corpus_dir().resolve()
    app = Host(lambda: OpenFolderDialog([str(sample), str(old)], tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#recent", OptionList)
        assert options.option_count == 2, "the sample is listed once, as itself"
        assert str(options.get_option_at_index(0).prompt) == str(old)
        assert "sample articles" in str(options.get_option_at_index(1).prompt)
        assert app.screen.focused is options
        await pilot.press("down", "enter")
        assert app.result == sample


async def test_open_folder_cancel(tmp_path: Path) -> None:
    app = Host(lambda: OpenFolderDialog([], tmp_path))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        assert app.results == [None]


# --- note dialog ----------------------------------------------------------------------------

SENTENCE = "Officials said [bold]x[/bold] and [@click=app.quit]click[/] \x1b[31mred\x07."


async def test_note_dialog_saves_the_edited_note() -> None:
    app = Host(lambda: NoteDialog(SENTENCE, "old note"))
    async with app.run_test() as pilot:
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        assert note.value == "old note"
        note.value = "  a new note\x1b[2J  "
        await pilot.press("enter")
        assert app.result == "a new note[2J"


async def test_note_dialog_delete_and_empty_mean_delete() -> None:
    app = Host(lambda: NoteDialog(SENTENCE, "old note"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.click("#delete")
        assert app.results == [""]

        app.show_again()
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "   "
        await pilot.press("enter")
        assert app.results == ["", ""]


async def test_note_dialog_cancel_returns_none() -> None:
    app = Host(lambda: NoteDialog(SENTENCE, None))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.query_one("#delete", Button).disabled
        await pilot.press("x", "y", "escape")
        assert app.results == [None]


async def test_note_dialog_shows_the_sentence_literally() -> None:
    app = Host(lambda: NoteDialog(SENTENCE, None))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Officials said [bold]x[/bold] and [@click=app.quit]click[/] [31mred." in text
        assert_no_control_characters(app)
        await pilot.click("#sentence")
        assert not app.quit_requested


async def test_note_dialog_shortens_a_huge_sentence() -> None:
    app = Host(lambda: NoteDialog("word " * 100_000, None))
    async with app.run_test() as pilot:
        await pilot.pause()
        shown = app.screen.query_one("#sentence", Static).render()
        assert len(str(shown)) < 1000


# --- confirm --------------------------------------------------------------------------------


async def test_confirm_keys_and_buttons() -> None:
    app = Host(lambda: ConfirmDialog("Overwrite [bold]/tmp/x[/bold]?"))
    answers = [("y", True), ("enter", True), ("n", False), ("escape", False)]
    answers += [("#yes", True), ("#no", False)]
    async with app.run_test() as pilot:
        for action, expected in answers:
            await pilot.pause()
            assert "Overwrite [bold]/tmp/x[/bold]?" in screen_text(app)
            if action.startswith("#"):
                await pilot.click(action)
            else:
                await pilot.press(action)
            assert app.results == [expected], action
            app.results.clear()
            if action != "#no":
                app.show_again()
