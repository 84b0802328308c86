"""R renames the focused source for this folder: shown at once, remembered, used in exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from snapshot_apps.harness import settle, story_app
from textual.pilot import Pilot
from textual.widgets import Input

from tui.aligned_view import AlignedView
from tui.config import load_config
from tui.screens import ExportDialog, RenameSourceDialog
from tui.source_names import MAX_SOURCE_NAME, clean_source_name


def header(view: AlignedView) -> str:
    return view.line_text(0)


async def rename_focused(pilot: Pilot, typed: str) -> None:
    await pilot.press("R")
    field = pilot.app.screen.query_one("#name", Input)
    field.value = typed
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture
def in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_a_renamed_source_is_shown_remembered_and_exported(in_tmp_cwd: Path) -> None:
    app = story_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("tab")  # Coast Courier
        await pilot.press("R")
        assert isinstance(app.screen, RenameSourceDialog)
        assert app.screen.query_one("#name", Input).value == "Coast Courier"
        await pilot.press("escape")  # cancelled: nothing changes
        assert "Coast Courier" in header(view)

        await rename_focused(pilot, "Courier (print edition)")
        assert "Courier (print edition)" in header(view)
        assert "Coast Courier" not in header(view)

        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        target = in_tmp_cwd / "renamed.json"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.click("#json")
        await pilot.click("#export")
        await pilot.pause()
    sources = [article["source"] for article in json.loads(target.read_text("utf-8"))["articles"]]
    assert sources[:2] == ["Harbour Herald", "Courier (print edition)"]

    config, _ = load_config()
    assert list(config.source_names.values()) == [
        {"harbour/coast-courier.txt": "Courier (print edition)"}
    ]
    again = story_app()
    async with again.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        view = again.query_one(AlignedView)
        assert "Courier (print edition)" in header(view)
        # An empty name gives the source its file's name back, and is forgotten.
        await pilot.press("tab")
        await rename_focused(pilot, "")
        assert "Coast Courier" in header(view)
    assert load_config()[0].source_names == {}


async def test_a_rename_is_kept_for_its_folder_only() -> None:
    app = story_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await rename_focused(pilot, "Herald")
    elsewhere = story_app()
    elsewhere.paths = ["another-folder"]
    async with elsewhere.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert "Harbour Herald" in header(elsewhere.query_one(AlignedView))


async def test_a_markdown_export_from_the_reader_uses_the_new_name(in_tmp_cwd: Path) -> None:
    app = story_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await rename_focused(pilot, "[b]Herald[/b] \x1b]0;x\x07")
        assert "[b]Herald[/b]" in header(app.query_one(AlignedView))
        await pilot.press("e", "enter")
        await pilot.pause()
    written = (in_tmp_cwd / "parallax-harbour.md").read_text("utf-8")
    assert "\\[b\\]Herald\\[/b\\]" in written and "Harbour Herald" not in written


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("  Coast\tCourier  ", "Coast Courier"),
        ("Evil\x1b[31m Times\x07", "Evil[31m Times"),
        ("x" * 100, "x" * MAX_SOURCE_NAME),
        ("   ", ""),
    ],
)
def test_typed_names_become_one_safe_line(typed: str, name: str) -> None:
    assert clean_source_name(typed) == name


async def _ready(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_rename_dialog_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(story_app(), press=["tab", "R"], terminal_size=(80, 24), run_before=_ready)
