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
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from functools import wraps
from importlib.metadata import version
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

from aligner.result.model import Comparison  # noqa: E402
from tui.aligned_view import AlignedView  # noqa: E402
from tui.app import ParallaxApp  # noqa: E402
from tui.details import DetailsPanel  # noqa: E402

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
    "d+down": "cursor down, details open",
}
"""Keys timed on the large corpus, in the order they are pressed (r after the plain keys: it
changes the view). ``d+key``: ``key`` with the details panel open, which follows every move."""
DETAILS_OPEN = "d+"
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
            len(self.actions),
            len(self.updates),
            len(self.frames),
            len(self.lines),
            time.perf_counter(),
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
    """Until a frame showing a comparison has been drawn; TimeoutError if none ever is (the
    comparison failed, say), RuntimeError if the app exits first."""

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
        return cls(percentile(ordered, 50), percentile(ordered, 95), ordered[-1], len(ordered))


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


def measure_startup(
    *, runs: int, size: tuple[int, int] = DEFAULT_SIZE, warm_up: bool = True
) -> list[StartupRun]:
    """Start the reader on the sample corpus ``runs`` times, each in a fresh process.

    Bytecode is cached, as it is once Parallax is installed, in a temporary
    ``PYTHONPYCACHEPREFIX`` that one uncounted start fills first (so no ``__pycache__`` is
    written into the repository, and ``PYTHONDONTWRITEBYTECODE`` cannot make every start
    compile the sources again). Without ``warm_up`` the first run compiles everything.
    """
    with tempfile.TemporaryDirectory(prefix="parallax-bench-pycache-") as cache:
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        environment["PYTHONPYCACHEPREFIX"] = cache
        if warm_up:
            _start_once(size, environment)
        return [_start_once(size, environment) for _ in range(runs)]


def _start_once(size: tuple[int, int], environment: dict[str, str]) -> StartupRun:
    with isolated_user_dirs() as user_dirs:
        code = _STARTUP_CHILD.format(width=size[0], height=size[1])
        launched = time.perf_counter()
        with subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=REPO,
            env={**environment, **user_dirs},
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
    # Differences on one clock each: the parent's from launch to the child's line, less the
    # child's own time from its frame to that line and what importing this module cost.
    total = received - launched - figures["since_shown"] - figures["overhead"]
    return StartupRun(
        total=total,
        interpreter=max(total - figures["in_process"], 0.0),
        imports=figures["imports"],
        app_start=figures["app_start"],
        comparison=figures["comparison"],
        show=figures["show"],
    )


# --- 2. key latency ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyRun:
    """Every press on one corpus, per key, and what showing the comparison cost."""

    corpus: str
    sentences: int
    prepare: float
    """Seconds in ``AlignedView.show_comparison`` (the view's per-comparison work)."""
    shown: float
    """Seconds from the comparison reaching the view to the end of the frame showing it."""
    rows: int
    """Aligned rows the view holds for the columns it shows."""
    baseline: tuple[Press, ...]
    keys: dict[str, tuple[Press, ...]]


async def _press(pilot: Pilot[int], probe: Probe, key: str) -> Press:
    mark = probe.mark()
    await pilot.press(key)
    await pilot.pause()
    return probe.press(mark, done=time.perf_counter())


async def _presses(pilot: Pilot[int], probe: Probe, key: str, count: int) -> tuple[Press, ...]:
    """``count`` presses of ``key`` that redrew the view. One that does not (the last row or
    difference was reached; ``n`` then only shows a notice) is not counted: the notice goes,
    and the cursor goes back to the first row, unmeasured."""
    presses: list[Press] = []
    while len(presses) < count:
        press = await _press(pilot, probe, key)
        if press.lines:
            presses.append(press)
            continue
        pilot.app.clear_notifications()
        await pilot.press("home")
        await pilot.pause()
        press = await _press(pilot, probe, key)
        if not press.lines:
            raise RuntimeError(f"pressing {key!r} does not redraw the view")
        presses.append(press)
    return tuple(presses)


def measure_keys(
    comparison: Comparison,
    paths: Sequence[str | Path],
    *,
    corpus: str,
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
    rows: list[int] = []

    async def run() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            await wait_until_shown(app, probe)
            await pilot.pause()
            rows.append(app.view.row_count)
            baseline.extend([await _press(pilot, probe, NO_OP_KEY) for _ in range(presses)])
            for key in keys:
                plain = key.removeprefix(DETAILS_OPEN)
                if plain != key and not app.query_one(DetailsPanel).display:
                    await pilot.press("d")
                    await pilot.pause()
                timed[key] = await _presses(pilot, probe, plain, presses)

    with isolated_user_dirs(), instrument(probe):
        asyncio.run(run())
    assert probe.comparison_shown is not None
    (prepare_start, prepare_end), *_ = probe.prepared
    return KeyRun(
        corpus=corpus,
        sentences=len(comparison.sentences),
        prepare=prepare_end - prepare_start,
        shown=probe.comparison_shown - prepare_start,
        rows=rows[0],
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


def _key_event(key: str) -> events.Key:
    """The event a terminal driver posts for ``key``."""
    characters = {"d": "d", "plus": "+", "down": None}
    return events.Key(key, characters[key])


async def _keys_until(
    app: ParallaxApp, keys: Iterator[str], done: Callable[[], bool], interval: float
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
            toggles = itertools.repeat("d")
            sent = await _keys_until(app, toggles, lambda: app.comparison is not None, interval)
            await wait_until_shown(app, probe)
            await pilot.pause()
            phases.append(
                ComputingPhase(
                    "first comparison", "d", _compute_time(probe, 0), _handled(probe, mark, sent)
                )
            )
            if len(sent) % 2:
                await pilot.press("d")  # the details panel as it was

            first = app.comparison
            mark = probe.mark()
            keys = itertools.chain(["plus"], itertools.repeat("down"))
            sent = await _keys_until(app, keys, lambda: app.comparison is not first, interval)
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


# --- corpora -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusShape:
    """How a benchmark corpus of about N sentences is cut into articles."""

    name: str
    description: str
    articles: Callable[[int], int]


SHAPES = (
    CorpusShape("many", "a week of coverage: 40-sentence articles", lambda n: max(2, n // 40)),
    CorpusShape("long", "four long articles: thousands of aligned rows", lambda n: 4),
)


def write_corpus(shape: CorpusShape, sentences: int, folder: Path) -> Path:
    """A seeded synthetic corpus (bench/scale.py's pseudo-English) of ``shape``, as ``.txt``
    files in ``folder``: articles retell shared events, so shared and unique rows both exist."""
    # bench.scale imports the engine: only here, never before the start-up probe needs it.
    from bench import scale

    if shape.name == "many":
        draft = scale.synthetic_corpus(sentences=sentences, seed=scale.SEED)
    else:
        draft = _long_articles(sentences, shape.articles(sentences))
    scale.write_corpus(draft, folder)
    return folder


def _long_articles(sentences: int, articles: int) -> Any:
    """Every article retells about 60% of one long story in its order, the rest its own."""
    from bench import scale

    rng = random.Random(f"long-{scale.SEED}-{sentences}")
    writer = scale.SyntheticWriter(rng)
    story = [writer.sentence() for _ in range(sentences // articles)]
    drafts = []
    for _ in range(articles):
        told = [
            writer.retell(words) if rng.random() < 0.6 else writer.sentence() for words in story
        ]
        paragraphs = scale.as_paragraphs([scale.as_sentence(words) for words in told], rng)
        drafts.append(scale.DraftArticle(paragraphs))
    return scale.DraftCorpus("long", sentences, tuple(drafts))


# --- report --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableRow:
    """One figure of the table: a summary of samples in seconds, shown in ``unit``."""

    figure: str
    summary: Summary | None
    unit: str = "ms"


def startup_rows(runs: Sequence[StartupRun]) -> list[TableRow]:
    def row(figure: str, pick: Callable[[StartupRun], float]) -> TableRow:
        return TableRow(figure, Summary.of([pick(run) for run in runs]))

    return [
        row("start-up, sample corpus: launch → comparison on screen", lambda r: r.total),
        row("  python interpreter start", lambda r: r.interpreter),
        row("  imports: tui.cli, tui.app (Textual)", lambda r: r.imports),
        row("  app start: construct, compose, mount (worker started)", lambda r: r.app_start),
        row("  comparison in the worker (engine imports included)", lambda r: r.comparison),
        row("  view preparation + first frame with it", lambda r: r.show),
    ]


def key_rows(run: KeyRun) -> list[TableRow]:
    rows = [
        TableRow(
            f"{run.corpus}, {run.sentences:,} sentences: comparison ready → on screen",
            Summary.of([run.shown]),
        )
    ]
    for key, presses in run.keys.items():
        first = [p.first_frame for p in presses if p.first_frame is not None]
        settled = [p.settled for p in presses if p.settled is not None]
        rows += [
            TableRow(
                f"  {MEASURED_KEYS.get(key, key)} ({key}): press → first frame", Summary.of(first)
            ),
            TableRow("    press → last frame (status line, scroll bar too)", Summary.of(settled)),
        ]
    return rows


def responsiveness_rows(phases: Sequence[ComputingPhase], corpus: str) -> list[TableRow]:
    rows = []
    for phase in phases:
        shown = [key.shown for key in phase.handled if key.shown is not None]
        rows += [
            TableRow(
                f"{corpus}, {phase.name} (keys {phase.keys_sent}): key → handler runs",
                Summary.of([key.handled for key in phase.handled]),
            ),
            TableRow("  key → next frame after its handler", Summary.of(shown)),
            TableRow(f"  {phase.name} took", Summary.of([phase.compute]), "s"),
        ]
    return rows


_COLUMNS = (("figure", 64), ("median", 8), ("p95", 8), ("max", 8), ("n", 4))


def format_table(rows: Sequence[TableRow]) -> str:
    """One line per figure; times in the row's unit."""
    widths = [width for _, width in _COLUMNS]
    lines = [_aligned([name for name, _ in _COLUMNS], widths)]
    for row in rows:
        summary = row.summary
        if summary is None:
            lines.append(_aligned([row.figure, "—", "—", "—", "0"], widths))
            continue
        scale, digits = (1000.0, 1) if row.unit == "ms" else (1.0, 2)
        values = [
            f"{value * scale:.{digits}f} {row.unit}"
            for value in (summary.median, summary.p95, summary.max)
        ]
        lines.append(_aligned([row.figure, *values, str(summary.n)], widths))
    return "\n".join(lines)


_BREAKDOWN = (
    ("corpus / key", 20),
    ("handler", 8),
    ("screen", 8),
    ("lines", 7),
    ("render", 7),
    ("frames", 6),
    ("pilot−no-op", 11),
    ("p95", 6),
)


def format_breakdown(runs: Sequence[KeyRun]) -> str:
    """Where a press's time goes, medians in ms: the key's handler, screen updates (layout,
    compositing, encoding), AlignedView.render_line calls and their time, frames drawn; then
    the pilot's press+pause less the median no-op press, median and p95."""
    widths = [width for _, width in _BREAKDOWN]
    lines = [_aligned([name for name, _ in _BREAKDOWN], widths)]
    for run in runs:
        noop = Summary.of([press.wall for press in run.baseline])
        for key, presses in run.keys.items():
            harness = Summary.of([p.wall - noop.median for p in presses]) if noop else None
            medians = [
                _median_ms([p.action for p in presses]),
                _median_ms([p.screen for p in presses]),
                _median_count([p.lines for p in presses]),
                _median_ms([p.render for p in presses]),
                _median_count([p.frames for p in presses]),
                f"{harness.median * 1000:.1f}" if harness else "—",
                f"{harness.p95 * 1000:.1f}" if harness else "—",
            ]
            lines.append(_aligned([f"{run.corpus} / {key}", *medians], widths))
        noop_text = f"{noop.median * 1000:.1f}" if noop else "—"
        lines.append(f"{run.corpus}: no-op key ({NO_OP_KEY}), pilot press+pause {noop_text} ms")
    return "\n".join(lines)


def _median_ms(samples: Sequence[float]) -> str:
    summary = Summary.of(samples)
    return f"{summary.median * 1000:.1f}" if summary else "—"


def _median_count(samples: Sequence[int]) -> str:
    summary = Summary.of(samples)
    return f"{summary.median:.0f}" if summary else "—"


def _aligned(cells: Sequence[str], widths: Sequence[int]) -> str:
    """The first cell left-aligned, the figures right-aligned, in the columns' widths."""
    first = f"{cells[0]:<{widths[0]}}"
    rest = (f"{cell:>{width}}" for cell, width in zip(cells[1:], widths[1:], strict=True))
    return " ".join([first, *rest])


def machine_info(size: tuple[int, int]) -> dict[str, str]:
    """Where and on what the figures were measured."""
    from bench.scale import machine  # numpy, rapidfuzz: only once the probes are done

    return {
        **machine(),
        "textual": version("textual"),
        "terminal": f"{size[0]}x{size[1]}, headless, every frame encoded to terminal bytes",
    }


NOTES = (
    "Times run from the moment a key's event is posted (start-up: from launching Python). "
    "first frame: end of the first frame drawn after it, the view moved; last frame: end of "
    "the last one before the app went idle (the same frame when view, status line and scroll "
    "bar are drawn together; Textual draws at most 60 frames a second).",
    "Keys are timed on a comparison computed beforehand, so only the reader is measured; a "
    "press that does not redraw the view (last row or difference reached) is not counted, the "
    "cursor goes home.",
    "While computing: keys posted every --interval seconds to the app running the real engine "
    "in its worker; handler = until the key's action starts, frame = until the next frame "
    "after it ends. Engine modules are already imported in this process.",
)


def report(
    info: dict[str, str], corpora: Sequence[str], rows: Sequence[TableRow], runs: Sequence[KeyRun]
) -> str:
    header = [f"{name}: {value}" for name, value in info.items()]
    header += [f"corpus {line}" for line in corpora]
    notes = [textwrap.fill(note, width=100) for note in NOTES]
    lines = [*header, "", format_table(rows), "", *notes, ""]
    lines += ["Where a press's time goes (ms):", format_breakdown(runs)]
    return "\n".join(lines)


def as_json(
    info: dict[str, str],
    startup: Sequence[StartupRun],
    keys: Sequence[KeyRun],
    phases: Sequence[ComputingPhase],
) -> str:
    return json.dumps(
        {
            "machine": info,
            "startup": [asdict(run) for run in startup],
            "keys": [asdict(run) for run in keys],
            "while_computing": [asdict(phase) for phase in phases],
        },
        indent=2,
    )


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, not {value!r}") from error
    if width < 40 or height < 10:
        raise argparse.ArgumentTypeError("the terminal must be at least 40x10")
    return width, height


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=DEFAULT_SENTENCES)
    parser.add_argument("--presses", type=int, default=DEFAULT_PRESSES, help="per key")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="start-ups")
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, help="terminal, WxH")
    parser.add_argument(
        "--interval", type=float, default=DEFAULT_INTERVAL, help="seconds between keys"
    )
    parser.add_argument("--json", type=Path, help="also write every sample here")
    args = parser.parse_args(argv)
    if min(args.sentences, args.presses, args.runs) < 1 or args.interval <= 0:
        parser.error("--sentences, --presses, --runs and --interval must be positive")

    load_before = load_average()
    print(f"start-up, {args.runs} runs ...", file=sys.stderr)
    startup = measure_startup(runs=args.runs, size=args.size)
    key_runs: list[KeyRun] = []
    corpora: list[str] = []
    phases: tuple[ComputingPhase, ...] = ()
    with tempfile.TemporaryDirectory(prefix="parallax-bench-corpus-") as folder:
        for shape in SHAPES:
            corpus = write_corpus(shape, args.sentences, Path(folder) / shape.name)
            if shape is SHAPES[0]:
                print("keys while computing ...", file=sys.stderr)
                phases = measure_responsiveness([corpus], interval=args.interval, size=args.size)
            from aligner.pipeline import compare

            comparison = compare([corpus])
            print(f"{shape.name}: {args.presses} presses per key ...", file=sys.stderr)
            run = measure_keys(
                comparison, [corpus], corpus=shape.name, presses=args.presses, size=args.size
            )
            key_runs.append(run)
            corpora.append(
                f"{shape.name}: {shape.description}; {len(comparison.articles)} articles, "
                f"{run.sentences:,} sentences, {len(comparison.groups):,} groups, "
                f"{run.rows:,} rows in view"
            )
    info = {**machine_info(args.size), "load_before": load_before}
    rows = [
        *startup_rows(startup),
        *(row for run in key_runs for row in key_rows(run)),
        *responsiveness_rows(phases, SHAPES[0].name),
    ]
    print(report(info, corpora, rows, key_runs))
    if args.json:
        args.json.write_text(as_json(info, startup, key_runs, phases), encoding="utf-8")
    return 0


def load_average() -> str:
    """Other work on the machine skews every figure; the table says how busy it was."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
