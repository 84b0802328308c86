"""Notes that survive a restart, and exporting with a confirmation before overwriting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from snapshot_apps.harness import settle, story_app
from textual.widgets import Input

from tui.aligned_view import NOTE_MARK, AlignedView
from tui.details import DetailsPanel
from tui.screens import ConfirmDialog, ExportDialog, NoteDialog


async def test_note_is_marked_saved_and_still_there_after_a_restart() -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(AlignedView)
        await pilot.press("j", "j", "tab")  # Coast Courier's "19 people" sentence
        assert view.focused_sentence == "a2s2"
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"check the 19", "enter")
        await pilot.pause()
        assert view.notes == {"a2s2": "check the 19"}
        line = next(y for y in range(view.size.height) if "According to" in view.line_text(y))
        assert f"!3{NOTE_MARK} According to" in view.line_text(line)

    again = story_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = again.query_one(AlignedView)
        assert view.notes == {"a2s2": "check the 19"}
        await pilot.press("j", "j", "d")
        assert "✎ check the 19" in again.query_one(DetailsPanel).plain_text
        # An empty note deletes it.
        await pilot.press("tab", "a")
        field = again.screen.query_one(Input)
        assert field.value == "check the 19"
        field.value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert view.notes == {}


@pytest.fixture
def in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_export_writes_markdown_with_notes_and_asks_before_overwriting(
    in_tmp_cwd: Path,
) -> None:
    target = in_tmp_cwd / "parallax-harbour.md"
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "a", *"first note", "enter")
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#path", Input).value == str(target)
        await pilot.press("enter")
        await settle(pilot)  # the export runs in a worker
        written = target.read_text(encoding="utf-8")
        assert "Harbour Herald" in written and "first note" in written
        assert any(str(target) in n.message for n in app._notifications)

        # Again: the file exists, so the dialog asks; "no" keeps the old file.
        target.write_text("older export", encoding="utf-8")
        await pilot.press("e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.press("escape")  # leave the export dialog
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "older export"

        await pilot.press("e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert "Harbour Herald" in target.read_text(encoding="utf-8")


async def test_export_json_and_errors_become_notifications(in_tmp_cwd: Path) -> None:
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(in_tmp_cwd / "out.json")
        await pilot.click("#json")
        await pilot.click("#export")
        await settle(pilot)
        data = json.loads((in_tmp_cwd / "out.json").read_text(encoding="utf-8"))
        assert len(data["articles"]) == 4

        await pilot.press("e")
        missing = in_tmp_cwd / "no-such-folder" / "x.md"
        app.screen.query_one("#path", Input).value = str(missing)
        await pilot.press("enter")
        await settle(pilot)
        if isinstance(app.screen, ExportDialog):  # the dialog may refuse the folder itself
            await pilot.press("escape")
        else:
            assert any("Could not export" in n.message for n in app._notifications)
        assert not missing.exists()
        assert app.is_running
