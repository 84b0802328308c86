"""The app on real folders through the real engine: the sample corpus, opening another folder,
and a file full of markup and escape sequences."""

from __future__ import annotations

from pathlib import Path

from snapshot_apps.harness import settle
from textual.widgets import Input, OptionList

from tui.aligned_view import AlignedView
from tui.app import ParallaxApp
from tui.config import load_config
from tui.screens import OpenFolderDialog
from tui.search_bar import SearchBar

HOSTILE = (
    "Officials said [bold]x[/bold] and [@click=app.quit]click me[/] and "
    "[link=file:///etc/passwd]x[/link] while \x1b[31mred\x1b[0m \x1b]0;pwned title\x07 "
    "\x1b]52;c;SGVsbG8=\x07 rang a bell\x07 with a back\x08space and \u202eevil\u202c text.\n"
)


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


async def test_sample_corpus_is_shown_with_every_source() -> None:
    app = ParallaxApp()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert app.comparison is not None and len(app.comparison.articles) == 5
        view = app.query_one(AlignedView)
        assert view.shown_columns == (0, 1, 2, 3, 4)
        assert view.row_count > 20
        body = "\n".join(view.line_text(y) for y in range(view.size.height))
        assert "Zelenskiy" in body


def bridge_corpus(folder: Path) -> Path:
    """Two short articles telling one fact, as a folder to open."""
    return write_corpus(
        folder,
        {
            "a.txt": "The bridge reopened on Monday after repairs.\n",
            "b.txt": "The bridge reopened on Monday after long repairs.\n",
        },
    )


async def test_open_folder_switches_corpus_and_remembers_it(tmp_path: Path) -> None:
    first = bridge_corpus(tmp_path / "first")
    second = write_corpus(
        tmp_path / "second",
        {
            "x.txt": "The museum will close for three months.\n",
            "y.txt": "The museum will close for four months.\n",
            "z.txt": "Visitors were told to come back in spring.\n",
        },
    )
    app = ParallaxApp([str(first)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None and len(app.comparison.articles) == 2
        await pilot.press("o")
        assert isinstance(app.screen, OpenFolderDialog)
        app.screen.query_one("#path", Input).value = str(second)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.comparison is not None
        assert [Path(a.path).name for a in app.comparison.articles] == ["x.txt", "y.txt", "z.txt"]
        assert "museum" in app.query_one(AlignedView).line_text(2)
    assert load_config()[0].recent_folders[0] == str(second.resolve())


async def test_markup_and_escape_sequences_in_a_file_are_shown_literally(tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "hostile",
        {"a.txt": HOSTILE, "b.txt": "Officials said nothing else happened today.\n"},
    )
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        segments = [s for y in range(view.size.height) for s in view.render_line(y)]
        text = "".join(s.text for s in segments)
        assert "[bold]x[/bold]" in text
        assert "[@click=app.quit]click me[/]" in text
        assert "[link=file:///etc/passwd]x[/link]" in text
        assert all(ord(c) >= 32 and c not in "\x7f\u202e\u202c" for c in text)
        assert not any(s.style and (s.style.link or s.style.meta) for s in segments)
        await pilot.press("d")
        await pilot.click(AlignedView, offset=(10, 2))
        assert app.is_running


async def test_bad_files_are_listed_with_reasons_while_the_rest_loads(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from tui.screens import OverviewScreen

    folder = write_corpus(
        tmp_path / "mixed",
        {
            "a.txt": "The harbour bridge reopened on Monday after repairs.\n",
            "b.md": "# Bridge\n\nThe harbour bridge reopened on Monday after long repairs.\n",
            "empty.txt": "",
            "notes.docx": "not a supported type",
        },
    )
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "report.pdf.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (folder / "archive.md").write_bytes(b"PK\x03\x04" + bytes(range(256)))
    (folder / "script.html").write_text(
        "<html><head><script>alert(1)</script><style>p{}</style></head><body></body></html>",
        encoding="utf-8",
    )
    (folder / "wide.txt").write_bytes(
        "The harbour bridge reopened on Monday.\n".encode("utf-16-le")
    )
    (folder / "latin.txt").write_bytes(
        "Le café a rouvert lundi après les travaux.\n".encode("latin-1")
    )
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        comparison = app.comparison
        assert comparison is not None
        loaded = [Path(a.path).name for a in comparison.articles]
        assert loaded == ["a.txt", "b.md", "latin.txt", "wide.txt"]
        assert "café" in comparison.articles[2].text
        await pilot.press("v")
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one("#skipped", DataTable)
        rows = {
            str(table.get_row_at(k)[0]).rsplit("/", 1)[-1]: str(table.get_row_at(k)[1])
            for k in range(table.row_count)
        }
        assert rows["empty.txt"] == "empty file"
        assert rows["photo.txt"].startswith("binary file")
        assert rows["notes.docx"].startswith("unsupported file type")
        assert rows["report.pdf.txt"].startswith("binary file")
        assert rows["archive.md"].startswith("binary file")
        assert rows["script.html"] == "no article text found in HTML"
        assert app.is_running


async def test_a_folder_with_no_article_keeps_the_comparison_and_says_why(tmp_path: Path) -> None:
    first = bridge_corpus(tmp_path / "first")
    empty = write_corpus(tmp_path / "empty", {"blank.txt": "", "photo.jpg": "\xff\xd8"})
    nothing = write_corpus(tmp_path / "nothing", {})
    app = ParallaxApp([str(first)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = app.comparison
        await pilot.press("slash", *"bridge", "enter")
        for folder, why in ((empty, "blank.txt"), (nothing, "No article files found")):
            app.open_paths([str(folder)])
            await settle(pilot)
            assert app.comparison is shown and app.paths == [str(first)]
            assert "bridge" in app.query_one(AlignedView).line_text(2)
            texts = [n.message for n in app._notifications]
            assert any(why in text and "current comparison stays" in text for text in texts)
            assert app.query_one(SearchBar).query_text == "bridge"  # still this folder's
        await pilot.press("e")  # the export still offers the shown comparison
        assert type(app.screen).__name__ == "ExportDialog"
    recent = load_config()[0].recent_folders
    assert str(empty.resolve()) not in recent and str(nothing.resolve()) not in recent


async def test_a_search_is_forgotten_when_another_folder_opens(tmp_path: Path) -> None:
    first = write_corpus(
        tmp_path / "first",
        {"a.txt": "The bridge reopened.\n", "b.txt": "The bridge reopened today.\n"},
    )
    second = write_corpus(
        tmp_path / "second",
        {"x.txt": "The museum will close.\n", "y.txt": "The bridge museum will close.\n"},
    )
    app = ParallaxApp([str(first)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"bridge", "enter")
        app.open_paths([str(second)])
        await settle(pilot)
        view = app.query_one(AlignedView)
        assert [Path(a.path).name for a in app.comparison.articles] == ["x.txt", "y.txt"]
        assert view.match_count == 0 and "bridge" not in str(app.query_one("#status").content)
        assert view.has_focus


async def test_aligned_view_shows_and_finds_every_sources_headings() -> None:
    # "first big foray" is only in source 2's headline (a non-pivot source's heading).
    app = ParallaxApp()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        view.mode = "aligned"
        comparison = app.comparison
        headings = [s.id for a in comparison.articles[1:] for s in a.sentences if not s.is_prose]
        rows = {sid: row for row in view._model.rows for sid in row.cells.values()}
        assert headings and all(sid in rows and rows[sid].label is None for sid in headings)
        await pilot.press("slash", *"foray", "enter")
        assert view.match_count >= 1
        sentence = comparison.sentences[view.focused_sentence]
        assert "foray" in sentence.text.lower() and not sentence.is_prose


async def test_files_loaded_with_repairs_are_reported(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from tui.screens import OverviewScreen

    folder = write_corpus(
        tmp_path / "repaired",
        {"a.txt": "The harbour bridge reopened on Monday after repairs.\n"},
    )
    # A Windows-1252 apostrophe pasted into UTF-8 French text, and Russian UTF-16 (no BOM).
    french = "Le pont a rouvert lundi, l’été venu, après les travaux.\n"
    (folder / "damaged.txt").write_bytes(french.encode().replace("’".encode(), b"\x92"))
    russian = "Мост снова открыли в понедельник после ремонта.\n"
    (folder / "russian.txt").write_bytes(russian.encode("utf-16-le"))
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        comparison = app.comparison
        assert comparison is not None
        texts = {Path(a.path).name: a.text for a in comparison.articles}
        assert texts["damaged.txt"] == french.replace("’", "\ufffd")
        assert texts["russian.txt"] == russian
        toasts = [n.message for n in app._notifications]
        assert "1 file repaired; press v for the reasons." in toasts
        await pilot.press("v")
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one("#repaired", DataTable)
        assert [[str(cell) for cell in table.get_row_at(0)]] == [
            [(folder / "damaged.txt").as_posix(), "1 invalid UTF-8 byte replaced"]
        ]


async def test_the_sample_articles_reopen_from_the_dialog_and_are_not_a_recent_folder(
    tmp_path: Path,
) -> None:
    folder = bridge_corpus(tmp_path / "mine")
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, OpenFolderDialog)
        options = dialog.query_one("#recent", OptionList)
        options.focus()
        options.highlighted = options.option_count - 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.comparison is not None and len(app.comparison.articles) == 5
        assert app.paths == []
    # The folder given at start is remembered; the sample articles are not.
    assert load_config()[0].recent_folders == [str(folder.resolve())]


async def test_the_readers_convert_budget_reaches_the_engine() -> None:
    asked: list[dict] = []

    def recording(paths=None, *, progress=None, should_stop=None, **options):
        asked.append(options)
        from snapshot_apps.story import story_comparison

        return story_comparison()

    app = ParallaxApp(["harbour"], max_convert_seconds=12.5, compare=recording)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert asked and asked[0]["max_convert_seconds"] == 12.5


async def test_the_folder_given_at_start_becomes_a_recent_folder(tmp_path: Path) -> None:
    folder = bridge_corpus(tmp_path / "given")
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None
        await pilot.press("o")
        assert isinstance(app.screen, OpenFolderDialog)
        options = app.screen.query_one("#recent", OptionList)
        prompts = [str(options.get_option_at_index(k).prompt) for k in range(options.option_count)]
        assert any(str(folder.resolve()) in prompt for prompt in prompts), prompts
    assert load_config()[0].recent_folders == [str(folder.resolve())]


async def test_a_path_typed_right_after_o_goes_to_the_folder_field(tmp_path: Path) -> None:
    first = bridge_corpus(tmp_path / "first")
    second = bridge_corpus(tmp_path / "second")
    app = ParallaxApp([str(first)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, OpenFolderDialog)
        assert app.screen.focused is not app.screen.query_one("#path", Input)
        await pilot.press(*str(second))  # starts with "/", typed while the list has focus
        field = app.screen.query_one("#path", Input)
        assert field.value == str(second)
        await pilot.press("tab")  # leaving the field: Tab into it selects all again
        assert app.screen.focused is not field and field.select_on_focus
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert app.paths == [str(second)]


async def test_a_source_about_another_story_is_pointed_out(tmp_path: Path) -> None:
    from tui.screens import OverviewScreen

    folder = write_corpus(
        tmp_path / "harbour",
        {
            "coast-news.txt": (
                "Portsmouth's harbour bridge opened again on Monday after repairs lasting six "
                "months, said Mayor Alice Grant.\nSolent Marine engineers replaced cracked "
                "steel beams that had closed the bridge in March.\n"
            ),
            "harbour-herald.txt": (
                "The Portsmouth harbour bridge reopened on Monday after six months of "
                "repairs, Mayor Alice Grant said.\nEngineers from Solent Marine replaced the "
                "cracked steel beams that closed the bridge in March.\n"
            ),
            "match-report.txt": (
                "Real Madrid beat Sevilla 3-1 at the Santiago Bernabeu on Sunday night.\n"
                "Vinicius Junior opened the scoring for Real Madrid after twelve minutes.\n"
                "Jude Bellingham restored the lead for Real Madrid with a header.\n"
                "Rodrygo sealed the win for Carlo Ancelotti's side in stoppage time.\n"
                "Sevilla coach Jose Luis Mendilibar praised his players at the Bernabeu.\n"
            ),
        },
    )
    app = ParallaxApp([str(folder)])
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        comparison = app.comparison
        assert comparison is not None
        (off,) = comparison.off_story
        report = comparison.article_by_id[off.article_id]
        assert Path(report.path).name == "match-report.txt"
        toasts = [n.message for n in app._notifications]
        assert (
            f"{report.source} is perhaps about another story: almost nothing in it is in the "
            "other sources; press v."
        ) in toasts
        await pilot.press("v")
        assert isinstance(app.screen, OverviewScreen)
        said = str(app.screen.query_one("#off-story").render())
        assert said == f"{report.source}: {off.reason}."


async def test_no_source_is_pointed_out_in_the_sample_corpus() -> None:
    app = ParallaxApp()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.comparison is not None and app.comparison.off_story == ()
        assert not any("another story" in n.message for n in app._notifications)
        await pilot.press("v")
        assert not app.screen.query("#off-story")
