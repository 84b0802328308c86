"""Reader latency benchmark: start-up to the first shown comparison, key press to updated screen
on a large corpus, and keys handled while a comparison is being computed.

Run by hand, not in CI:

    python bench/tui.py [--sentences 10000] [--presses 200] [--runs 5] [--size 160x50]
                        [--interval 0.05] [--json out.json]

Latencies come from the app's own work, timestamped by wrappers around a few Textual and reader
methods (see ``instrument``), never from the test harness's waits: a key press is timed from the
moment its event is posted to the end of the frame that shows its effect. Headless Textual skips
the terminal, so every frame is also encoded to terminal bytes as a real run does (only writing
those bytes is left out).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Only the reader is imported here, never the engine (numpy, rapidfuzz, NLTK): the start-up
# probe imports this module after the app's own imports, and the engine must still load where
# the app loads it, in the comparison worker.
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402

from aligner.model import Comparison  # noqa: E402
from tui.aligned_view import AlignedView  # noqa: E402
from tui.app import ParallaxApp  # noqa: E402

DEFAULT_SIZE = (160, 50)
"""A maximised terminal on a laptop; wide enough for the details panel beside the view."""
DEFAULT_SENTENCES = 10_000
DEFAULT_PRESSES = 200
DEFAULT_RUNS = 5
DEFAULT_INTERVAL = 0.05
"""Seconds between keys sent while a comparison is computed: a held key repeats about this fast."""
TIMEOUT = 300.0
"""Seconds to wait for a comparison before giving up on a measurement."""

MEASURED_KEYS: dict[str, str] = {
    "down": "cursor down",
    "pagedown": "page down",
    "n": "next difference",
    "tab": "next column",
    "r": "toggle view",
}
"""Keys timed on the large corpus, in the order they are pressed (r last: it changes the view)."""
NO_OP_KEY = "x"
"""A key nothing is bound to: what the harness costs around a press that does nothing."""

Span = tuple[float, float]
"""(start, end) in ``time.perf_counter`` seconds."""

T = TypeVar("T")


# --- instrumentation -----------------------------------------------------------------------


@dataclass
class Probe:
    """What the app did and when: one list of spans per kind of work, in completion order."""

    actions: list[Span] = field(default_factory=list)
    """``App.run_action``: a key's handler (bindings of the app, the view and dialogs)."""
    updates: list[Span] = field(default_factory=list)
    """``Screen._on_timer_update``: layout, compositing and encoding of one screen update."""
    frames: list[Span] = field(default_factory=list)
    """``Screen._compositor_refresh`` calls that reached the display; the end is on screen."""
    lines: list[Span] = field(default_factory=list)
    """``AlignedView.render_line``: one screen line of the aligned view."""
    prepared: list[Span] = field(default_factory=list)
    """``AlignedView.show_comparison``: the view's per-comparison preparation."""
    started: list[Span] = field(default_factory=list)
    """``ParallaxApp.start_comparison``: a comparison worker was started."""
    displays: int = 0
    comparison_shown: float | None = None
    """End of the first frame drawn once the app holds a comparison."""

    def mark(self) -> Mark:
        """Where every list ends now, so the spans of what follows can be told apart."""
        return Mark(
            len(self.actions), len(self.updates), len(self.frames), len(self.lines), time.perf_counter()
        )

    def press(self, mark: Mark, *, done: float) -> Press:
        """The work done between ``mark`` (a key was sent then) and ``done``."""
        sent = mark.time
        frames = self.frames[mark.frames :]
        lines = self.lines[mark.lines :]
        return Press(
            wall=done - sent,
            first_frame=frames[0][1] - sent if frames else None,
            settled=frames[-1][1] - sent if frames else None,
            action=_total(self.actions[mark.actions :]),
            screen=_total(self.updates[mark.updates :]),
            render=_total(lines),
            lines=len(lines),
            frames=len(frames),
        )


@dataclass(frozen=True, slots=True)
class Mark:
    """Lengths of a probe's lists at one moment, and that moment."""

    actions: int
    updates: int
    frames: int
    lines: int
    time: float


@dataclass(frozen=True, slots=True)
class Press:
    """One key press, in seconds from the moment its event was posted.

    ``first_frame`` and ``settled`` are the ends of the first and last frames drawn before the
    app went idle (None: the key changed nothing on screen); ``wall`` is what the pilot took
    (press, then pause), harness waits included.
    """

    wall: float
    first_frame: float | None
    settled: float | None
    action: float
    screen: float
    render: float
    lines: int
    frames: int


def _total(spans: Sequence[Span]) -> float:
    return sum(end - start for start, end in spans)


def _recording(original: Callable[..., T], spans: list[Span]) -> Callable[..., T]:
    @wraps(original)
    def recorded(*args: Any, **kwargs: Any) -> T:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spans.append((start, time.perf_counter()))

    return recorded


def _recording_async(
    original: Callable[..., Awaitable[T]], spans: list[Span]
) -> Callable[..., Awaitable[T]]:
    @wraps(original)
    async def recorded(*args: Any, **kwargs: Any) -> T:
        start = time.perf_counter()
        try:
            return await original(*args, **kwargs)
        finally:
            spans.append((start, time.perf_counter()))

    return recorded


@contextmanager
def instrument(probe: Probe) -> Iterator[Probe]:
    """Record the app's work into ``probe`` while the block runs (class-level wrappers, removed
    on exit). Must be entered before the app starts: Textual binds its update timer once."""
    original_display = App._display
    original_refresh = Screen._compositor_refresh

    def display(app: App[Any], screen: Screen[Any], renderable: Any) -> None:
        original_display(app, screen, renderable)
        if renderable is None or app._batch_count:
            return
        # What a terminal run does with the update; headless Textual stops before it.
        render_segments = getattr(renderable, "render_segments", None)
        if render_segments is not None:
            render_segments(app.console)
        probe.displays += 1

    def compositor_refresh(screen: Screen[Any]) -> None:
        start, displays = time.perf_counter(), probe.displays
        original_refresh(screen)
        if probe.displays == displays:
            return
        end = time.perf_counter()
        probe.frames.append((start, end))
        app = screen.app
        if probe.comparison_shown is None and isinstance(app, ParallaxApp) and app.comparison:
            probe.comparison_shown = end

    with ExitStack() as stack:
        patches: list[tuple[type, str, Callable[..., Any]]] = [
            (ParallaxApp, "_display", display),
            (Screen, "_compositor_refresh", compositor_refresh),
            (ParallaxApp, "run_action", _recording_async(App.run_action, probe.actions)),
            (Screen, "_on_timer_update", _recording(Screen._on_timer_update, probe.updates)),
            (AlignedView, "render_line", _recording(AlignedView.render_line, probe.lines)),
            (
                AlignedView,
                "show_comparison",
                _recording(AlignedView.show_comparison, probe.prepared),
            ),
            (
                ParallaxApp,
                "start_comparison",
                _recording(ParallaxApp.start_comparison, probe.started),
            ),
        ]
        for owner, name, replacement in patches:
            stack.enter_context(mock.patch.object(owner, name, replacement))
        yield probe


@contextmanager
def isolated_user_dirs() -> Iterator[dict[str, str]]:
    """Settings and notes in a temporary folder (on the same disk as real ones would be), so
    a measurement neither reads nor changes the user's. Yields the environment variables."""
    names = ("PARALLAX_CONFIG_DIR", "PARALLAX_DATA_DIR")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as folder:
        values = {name: str(Path(folder) / name.lower()) for name in names}
        os.environ.update(values)
        try:
            yield values
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


async def wait_until(condition: Callable[[], bool], *, timeout: float = TIMEOUT) -> None:
    """Poll ``condition`` without slowing the app down; TimeoutError after ``timeout``."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up after {timeout:g} s")
        await asyncio.sleep(0.002)


async def wait_until_shown(app: ParallaxApp, probe: Probe) -> None:
    """Until a frame showing a comparison has been drawn (a failed comparison raises)."""

    def shown() -> bool:
        if app.return_code is not None:
            raise RuntimeError("the app exited before showing a comparison")
        return probe.comparison_shown is not None

    await wait_until(shown)


def handing_over(comparison: Comparison) -> Callable[..., Comparison]:
    """A stand-in for the engine that returns an already computed comparison at once."""

    def compare(*args: object, **options: object) -> Comparison:
        return comparison

    return compare


# --- figures -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    """Median, 95th percentile and maximum of ``n`` samples."""

    median: float
    p95: float
    max: float
    n: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary | None:
        if not samples:
            return None
        ordered = sorted(samples)
        return cls(
            percentile(ordered, 50), percentile(ordered, 95), ordered[-1], len(ordered)
        )


def percentile(ordered: Sequence[float], q: float) -> float:
    """The ``q``-th percentile of sorted samples, interpolated between neighbours."""
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --- 1. start-up ---------------------------------------------------------------------------

# The child imports what `parallax` imports (tui.cli, then tui.app), then this module; what
# importing this module costs on top is measured and taken off.
_STARTUP_CHILD = (
    "import time; started = time.perf_counter(); "
    "import tui.cli, tui.app; imported = time.perf_counter(); "
    "import bench.tui as bench; "
    "bench.startup_child(started, imported, time.perf_counter(), {width}, {height})"
)


@dataclass(frozen=True, slots=True)
class StartupRun:
    """Seconds of one start-up, launch to the first frame that shows the sample comparison."""

    total: float
    interpreter: float
    imports: float
    app_start: float
    comparison: float
    show: float


def startup_child(
    started: float, imported: float, probe_imported: float, width: int, height: int
) -> None:
    """In the child process: run the reader on the sample corpus until it shows the
    comparison; print the stage times (seconds) and how long ago the frame ended, as JSON."""
    probe = Probe()
    app = ParallaxApp()

    async def run() -> None:
        async with app.run_test(size=(width, height), notifications=True):
            await wait_until_shown(app, probe)

    with instrument(probe):
        asyncio.run(run())
    assert probe.comparison_shown is not None and probe.started and probe.prepared
    shown, overhead = probe.comparison_shown, probe_imported - imported
    app_started, ready = probe.started[0][0], probe.prepared[0][0]
    figures = {
        "in_process": shown - started - overhead,
        "imports": imported - started,
        "app_start": app_started - probe_imported,
        "comparison": ready - app_started,
        "show": shown - ready,
        "overhead": overhead,
        "since_shown": time.perf_counter() - shown,
    }
    print(json.dumps(figures), flush=True)


def measure_startup(*, runs: int, size: tuple[int, int] = DEFAULT_SIZE) -> list[StartupRun]:
    """Start the reader on the sample corpus ``runs`` times, each in a fresh process."""
    results = []
    for _ in range(runs):
        with isolated_user_dirs():
            code = _STARTUP_CHILD.format(width=size[0], height=size[1])
            launched = time.perf_counter()
            with subprocess.Popen(
                [sys.executable, "-c", code],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ) as child:
                line = child.stdout.readline() if child.stdout else ""
                received = time.perf_counter()
                _, errors = child.communicate(timeout=TIMEOUT)
        if child.returncode != 0 or not line:
            raise RuntimeError(f"start-up probe failed:\n{errors}")
        figures = json.loads(line)
        # Differences on one clock each: the parent's from launch to the child's line, less
        # the child's own time from its frame to that line and what importing this module cost.
        total = received - launched - figures["since_shown"] - figures["overhead"]
        results.append(
            StartupRun(
                total=total,
                interpreter=max(total - figures["in_process"], 0.0),
                imports=figures["imports"],
                app_start=figures["app_start"],
                comparison=figures["comparison"],
                show=figures["show"],
            )
        )
    return results


# --- 2. key latency ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyRun:
    """Every press on one corpus, per key, and what showing the comparison cost."""

    sentences: int
    prepare: float
    """Seconds in ``AlignedView.show_comparison`` (the view's per-comparison work)."""
    shown: float
    """Seconds from the comparison reaching the view to the end of the frame showing it."""
    baseline: tuple[Press, ...]
    keys: dict[str, tuple[Press, ...]]


async def _press(pilot: Pilot[int], probe: Probe, key: str) -> Press:
    mark = probe.mark()
    await pilot.press(key)
    await pilot.pause()
    return probe.press(mark, done=time.perf_counter())


def measure_keys(
    comparison: Comparison,
    paths: Sequence[str | Path],
    *,
    presses: int,
    keys: Sequence[str] = tuple(MEASURED_KEYS),
    size: tuple[int, int] = DEFAULT_SIZE,
) -> KeyRun:
    """Press each key ``presses`` times on ``comparison`` (computed beforehand, so only the
    reader is measured), after as many presses of a key that does nothing."""
    probe = Probe()
    app = ParallaxApp(paths, compare=handing_over(comparison))
    timed: dict[str, tuple[Press, ...]] = {}
    baseline: list[Press] = []

    async def run() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            await wait_until_shown(app, probe)
            await pilot.pause()
            baseline.extend([await _press(pilot, probe, NO_OP_KEY) for _ in range(presses)])
            for key in keys:
                timed[key] = tuple([await _press(pilot, probe, key) for _ in range(presses)])

    with isolated_user_dirs(), instrument(probe):
        asyncio.run(run())
    assert probe.comparison_shown is not None
    (prepare_start, prepare_end), *_ = probe.prepared
    return KeyRun(
        sentences=len(comparison.sentences),
        prepare=prepare_end - prepare_start,
        shown=probe.comparison_shown - prepare_start,
        baseline=tuple(baseline),
        keys=timed,
    )


# --- 3. keys while computing ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandledKey:
    """Seconds from posting a key to its handler starting, and to the next frame after it."""

    handled: float
    shown: float | None


@dataclass(frozen=True, slots=True)
class ComputingPhase:
    """Keys sent while one comparison was computed in the worker."""

    name: str
    keys_sent: str
    compute: float
    """Seconds from starting the worker to the comparison reaching the view."""
    handled: tuple[HandledKey, ...]


_KEY_EVENTS: dict[str, events.Key] = {}


def _key_event(key: str) -> events.Key:
    """The event a terminal driver posts for ``key``."""
    characters = {"d": "d", "plus": "+", "down": None}
    return events.Key(key, characters[key])


async def _keys_until(
    app: ParallaxApp, probe: Probe, keys: Iterator[str], done: Callable[[], bool], interval: float
) -> list[float]:
    """Post the next of ``keys`` every ``interval`` seconds until ``done()``; when each went."""
    sent: list[float] = []
    deadline = time.perf_counter() + TIMEOUT
    while not done():
        if time.perf_counter() > deadline or app.return_code is not None:
            raise TimeoutError("the comparison never finished")
        sent.append(time.perf_counter())
        app.post_message(_key_event(next(keys)))
        await asyncio.sleep(interval)
    return sent


def _handled(probe: Probe, mark: Mark, sent: Sequence[float]) -> tuple[HandledKey, ...]:
    """Match the keys to the handlers that ran after ``mark``, in order (each key runs one)."""
    actions = probe.actions[mark.actions :]
    frames = probe.frames[mark.frames :]
    if len(actions) < len(sent):
        raise RuntimeError(f"{len(sent)} keys sent, {len(actions)} handled")
    handled = []
    for posted, (start, end) in zip(sent, actions, strict=False):
        frame_end = next((f_end for _, f_end in frames if f_end >= end), None)
        shown = frame_end - posted if frame_end is not None else None
        handled.append(HandledKey(start - posted, shown))
    return tuple(handled)


def measure_responsiveness(
    paths: Sequence[str | Path],
    *,
    interval: float = DEFAULT_INTERVAL,
    size: tuple[int, int] = DEFAULT_SIZE,
) -> tuple[ComputingPhase, ComputingPhase]:
    """Open ``paths`` with the real engine and post keys while it computes: first ``d`` (the
    details panel, the view being empty), then, once shown, ``+`` (re-align at a stricter
    threshold, the old comparison staying on screen) followed by ``down`` while it re-aligns."""
    probe = Probe()
    app = ParallaxApp(paths)
    phases: list[ComputingPhase] = []

    async def run() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            mark = probe.mark()
            toggles = iter(lambda: "d", None)
            sent = await _keys_until(app, probe, toggles, lambda: app.comparison is not None, interval)
            await wait_until_shown(app, probe)
            await pilot.pause()
            if len(sent) % 2:
                await pilot.press("d")  # the details panel as it was
            phases.append(
                ComputingPhase(
                    "first comparison", "d", _compute_time(probe, 0), _handled(probe, mark, sent)
                )
            )

            first = app.comparison
            mark = probe.mark()
            keys = iter(["plus", *iter(lambda: "down", None)])
            sent = await _keys_until(app, probe, keys, lambda: app.comparison is not first, interval)
            await pilot.pause()
            phases.append(
                ComputingPhase(
                    "re-aligning", "+, down", _compute_time(probe, 1), _handled(probe, mark, sent)
                )
            )

    with isolated_user_dirs(), instrument(probe):
        asyncio.run(run())
    first_phase, second_phase = phases
    return first_phase, second_phase


def _compute_time(probe: Probe, index: int) -> float:
    """Worker ``index`` started -> its comparison handed to the view."""
    return probe.prepared[index][0] - probe.started[index][0]
