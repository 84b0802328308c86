"""Helpers to start the reader on the story comparison and wait until it shows it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from aligner.result.model import Comparison
from snapshot_apps.story import story_compare
from tui.app import ParallaxApp


def story_app(**kwargs: object) -> ParallaxApp:
    """The reader on the hand-built story (paths are only names here)."""
    kwargs.setdefault("compare", story_compare)
    return ParallaxApp(["harbour"], **kwargs)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Wait for the comparison worker and for the messages it posted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


class Cancelled(Exception):
    """What this stand-in raises once asked to stop, as the engine does."""


def stoppable_compare(started: list[str]) -> Callable[..., Comparison]:
    """A comparison that runs until the app asks it to stop."""

    def compare(
        paths: list[str | Path] | None = None,
        *,
        progress: Callable[[str, float], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        **options: object,
    ) -> Comparison:
        assert progress is not None and should_stop is not None
        started.append("started")
        progress("aligning", 0.4)
        deadline = time.monotonic() + 10
        while not should_stop():
            if time.monotonic() > deadline:
                raise AssertionError("the app never asked the comparison to stop")
            time.sleep(0.01)
        raise Cancelled("aligning")

    return compare
