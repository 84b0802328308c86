"""Cancelling in the reader: one comparison at a time, the last request wins; an export runs
in a worker that Escape stops without leaving a file behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest
from snapshot_apps.harness import Cancelled, settle, story_app
from snapshot_apps.story import story_compare
from textual.pilot import Pilot
from textual.widgets import Input

from aligner import export
from aligner.result.model import Comparison
from aligner.runtime.cancel import checkpoint
from tui import app as app_module
from tui.app import ParallaxApp
from tui.screens import ExportDialog, HelpScreen

# How long a test waits for the app or a worker before it fails.
PATIENCE = 10.0


async def wait_until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.01)


def stage_text(app: ParallaxApp) -> str:
    return str(app.query_one("#stage").content)


def status(app: ParallaxApp) -> str:
    return str(app.query_one("#status").content)


class SlowToStop:
    """Stands in for the engine: runs until asked to stop, then holds on until ``let_go``
    (an engine still freeing its memory); ``finish`` lets a running one complete. Counts
    how many run at once and the threshold each was asked for."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.most_running = 0
        self.asked: list[object] = []
        self.let_go = threading.Event()
        self.finish = threading.Event()

    def __call__(
        self,
        paths: list[str | Path] | None = None,
        *,
        progress: Callable[[str, float], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        **options: object,
    ) -> Comparison:
        assert should_stop is not None
        with self.lock:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
            self.asked.append(options.get("threshold"))
        try:
            return self._run(should_stop, paths, options)
        finally:
            with self.lock:
                self.running -= 1

    def _run(
        self, should_stop: Callable[[], bool], paths: object, options: dict[str, object]
    ) -> Comparison:
        deadline = time.monotonic() + PATIENCE
        while not should_stop():
            if self.finish.is_set():
                return story_compare(**options)
            assert time.monotonic() < deadline, "never asked to stop"
            time.sleep(0.005)
        assert self.let_go.wait(PATIENCE), "never let go"
        raise Cancelled("aligning")


async def test_escape_then_plus_four_times_runs_one_comparison_at_a_time_and_the_last_wins() -> (
    None
):
    engine = SlowToStop()
    app = story_app(compare=engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: engine.asked == [None])
        await pilot.press("escape")
        assert any("cancelled" in n.message for n in app._notifications)
        await pilot.press("plus", "plus", "plus", "plus")
        await pilot.pause()
        # The cancelled comparison has not stopped yet: nothing new starts meanwhile.
        assert engine.asked == [None]
        assert stage_text(app) == "Stopping the previous comparison…"
        engine.finish.set()
        engine.let_go.set()
        await wait_until(pilot, lambda: app.comparison is not None)
        assert engine.asked == [None, 50.0]
        assert engine.most_running == 1
        assert app.comparison is not None and app.comparison.options.threshold == 50
        assert "threshold 50" in status(app)
        assert not app.query_one("#progress").has_class("-running")


async def test_plus_while_comparing_stops_the_running_comparison_before_the_next() -> None:
    engine = SlowToStop()
    app = story_app(compare=engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: engine.asked == [None])
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert engine.asked == [None]
        assert stage_text(app) == "Stopping the previous comparison…"
        assert "aligning…" in status(app)
        engine.let_go.set()
        await wait_until(pilot, lambda: len(engine.asked) == 2)
        assert engine.asked == [None, 40.0]
        engine.finish.set()
        await wait_until(pilot, lambda: app.comparison is not None)
        assert engine.most_running == 1
        assert app.comparison is not None and app.comparison.options.threshold == 40


async def test_a_re_align_is_told_in_the_status_line_not_over_the_columns() -> None:
    engine = SlowToStop()
    app = story_app(compare=engine)
    async with app.run_test(size=(120, 40)) as pilot:
        engine.finish.set()
        await wait_until(pilot, lambda: app.comparison is not None and engine.running == 0)
        assert app.comparison is not None
        shown = app.comparison.options.threshold
        engine.finish.clear()
        await pilot.press("minus")
        await wait_until(pilot, lambda: len(engine.asked) == 2)
        asked = engine.asked[1]
        assert isinstance(asked, float) and asked < shown
        await pilot.pause()
        assert f"re-aligning at threshold {asked:g}…" in status(app)
        assert f"threshold {shown:g}" in status(app)  # the rows shown are still those
        assert not any("aligning" in n.message for n in app._notifications)
        engine.finish.set()
        await wait_until(pilot, lambda: not app._comparing)
        await pilot.pause()
        assert "aligning" not in status(app) and f"threshold {asked:g}" in status(app)


async def test_escape_while_the_previous_comparison_stops_drops_the_waiting_request() -> None:
    engine = SlowToStop()
    app = story_app(compare=engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: engine.asked == [None])
        await pilot.press("plus")
        await pilot.press("escape")
        engine.let_go.set()
        await wait_until(pilot, lambda: engine.running == 0)
        await pilot.pause(0.05)
        assert engine.asked == [None]  # the waiting request was cancelled too
        assert app.comparison is None
        assert not app.query_one("#progress").has_class("-running")
        await pilot.press("minus")  # and the next request starts at once
        await wait_until(pilot, lambda: len(engine.asked) == 2)
        assert engine.asked[-1] == 30.0  # from the 35 that was asked for, not shown
        engine.finish.set()
        await wait_until(pilot, lambda: app.comparison is not None)


# --- export ---------------------------------------------------------------------------------


@pytest.fixture
def export_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder, where the export dialog proposes to write."""
    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def work_until_cancelled(started: threading.Event) -> NoReturn:
    """Stands in for rendering or writing a huge export: never ends unless cancelled."""
    started.set()
    deadline = time.monotonic() + PATIENCE
    while True:
        checkpoint()
        assert time.monotonic() < deadline, "the export was never cancelled"
        time.sleep(0.005)


async def test_export_runs_in_a_worker_with_progress_and_escape_leaves_no_file(
    export_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendering, real_render = threading.Event(), export.render
    monkeypatch.setattr(export, "render", lambda *_, **__: work_until_cancelled(rendering))
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e", "enter")
        await wait_until(pilot, rendering.is_set)
        # The reader answers while exporting, and says what the export is doing.
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "exporting: rendering Markdown" in status(app))
        assert "(Esc cancels)" in status(app)
        await pilot.press("e")  # one export at a time
        assert not isinstance(app.screen, ExportDialog)
        assert any("An export is running" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert any("Export cancelled" in n.message for n in app._notifications)
        assert "exporting" not in status(app)
        assert list(export_folder.iterdir()) == []  # no file, no temporary file
        assert app.comparison is not None  # Escape stopped the export only

        # The next export writes the file.
        monkeypatch.setattr(export, "render", real_render)
        await pilot.press("e", "enter")
        await settle(pilot)
        (written,) = export_folder.iterdir()
        assert "Harbour Herald" in written.read_text(encoding="utf-8")
        assert any(f"Exported to {written}" in n.message for n in app._notifications)


async def test_a_cancelled_write_shows_its_stage_safely_and_writes_nothing(
    export_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writing = threading.Event()
    monkeypatch.setattr(
        app_module, "write_text_atomic", lambda *_, **__: work_until_cancelled(writing)
    )
    app = story_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(export_folder / "red\x1b[31m.md")
        await pilot.press("enter")
        await wait_until(pilot, writing.is_set)
        await wait_until(pilot, lambda: "exporting: writing red" in status(app))
        assert "\x1b" not in status(app)
        await pilot.press("escape")
        await settle(pilot)
        assert any("Export cancelled" in n.message for n in app._notifications)
        assert list(export_folder.iterdir()) == []
