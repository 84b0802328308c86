"""Cancellation: a stop asked in the middle of any long stage ends the comparison at once.

Promptness is counted, not timed: a stage must look at ``should_stop`` several times while it
runs (not only at its boundaries), and the first true answer must raise ``Cancelled`` with no
further look and no later stage started.
"""

from __future__ import annotations

import functools
import os
import random
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from aligner import pipeline, stages
from aligner.conflicts import passes
from aligner.export import ExportFormat, render
from aligner.match import candidates, counterparts, scoring
from aligner.match.counterparts import CounterpartScorer
from aligner.runtime.cancel import Cancelled, checked, checkpoint, stopping_when
from aligner.runtime.parallel import Aside, split_map
from aligner.text.features import sentence_features
from tui import atomic
from tui.atomic import write_text_atomic

# The functions that make up each long stage, by the module that calls them.
STAGE_FUNCTIONS: dict[str, tuple[tuple[ModuleType, str], ...]] = {
    "loading files": ((pipeline, "load_documents"),),
    "splitting sentences": ((pipeline, "build_articles"),),
    "analysing sentences": ((stages, "analyse"),),
    "candidates": ((scoring, "index_candidates"),),
    "scoring": ((stages, "scored_pairs"),),
    "grouping": ((passes, "neighbours"), (passes, "group_sentences")),
    "conflicts": (
        (passes, "_inner_checks"),
        (passes, "_check_pairs"),
        (passes, "_fact_conflicts"),
        (passes, "spelling_conflicts"),
    ),
}
# Looks at should_stop a stage must make while it runs, on the corpus below.
MIN_LOOKS = 3


class StageTracker:
    """Wraps the stage functions so that each look at ``should_stop`` knows its stage."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.current: list[str] = []
        for stage, functions in STAGE_FUNCTIONS.items():
            for module, name in functions:
                monkeypatch.setattr(module, name, self._tracked(stage, getattr(module, name)))

    def _tracked(self, stage: str, function: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(function)
        def tracked(*args: object, **kwargs: object) -> object:
            self.current.append(stage)
            try:
                return function(*args, **kwargs)
            finally:
                self.current.pop()

        return tracked

    @property
    def stage(self) -> str:
        # The innermost stage: the candidate step inside scoring counts as candidates.
        return self.current[-1] if self.current else "between stages"


class StopAt:
    """A ``should_stop`` that answers true from its ``at``-th call on, noting each call's stage."""

    def __init__(self, tracker: StageTracker, at: int | None = None) -> None:
        self.tracker = tracker
        self.at = at
        self.stages: list[str] = []

    def __call__(self) -> bool:
        self.stages.append(self.tracker.stage)
        return self.at is not None and len(self.stages) >= self.at


def write_corpus(folder: Path, *, sources: int = 6, sentences: int = 30) -> None:
    """Sources that retell one story in a small vocabulary, with figures that differ: every
    stage has work (candidate pairs, groups, conflicts)."""
    rng = random.Random(15)
    words = [f"w{k}ord" for k in range(80)]
    story = [[rng.choice(words) for _ in range(rng.randint(10, 16))] for _ in range(sentences)]
    for source in range(sources):
        lines = []
        for told in story:
            retold = [rng.choice(words) if rng.random() < 0.15 else w for w in told]
            figure = rng.choice((12, 12, 15, 40))
            lines.append(" ".join(retold).capitalize() + f" killed {figure} people.")
        (folder / f"source{source:02d}.txt").write_text("\n\n".join(lines), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_corpus(tmp_path)
    # The candidate step on a small corpus, in small blocks and chunks: more chances to stop.
    monkeypatch.setattr(scoring, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(candidates, "_EMIT_CHUNK", 2_000)
    monkeypatch.setattr(counterparts, "_PAIR_CHUNK", 2_000)
    return tmp_path


def looks_per_stage(corpus: Path, tracker: StageTracker) -> list[str]:
    """The stage of every look at should_stop in a comparison that is never stopped."""
    never = StopAt(tracker)
    pipeline.compare([corpus], should_stop=never)
    return never.stages


def test_every_long_stage_looks_at_should_stop_while_it_runs(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looks = Counter(looks_per_stage(corpus, StageTracker(monkeypatch)))
    for stage in STAGE_FUNCTIONS:
        assert looks[stage] >= MIN_LOOKS, (stage, looks)


@pytest.mark.parametrize("stage", list(STAGE_FUNCTIONS))
def test_a_stop_in_the_middle_of_a_stage_raises_cancelled_at_once(
    stage: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = StageTracker(monkeypatch)
    looks = looks_per_stage(corpus, tracker)
    in_stage = [number for number, seen in enumerate(looks, start=1) if seen == stage]
    assert len(in_stage) >= MIN_LOOKS
    middle = in_stage[len(in_stage) // 2]
    reached: list[str] = []
    stop = StopAt(tracker, at=middle)
    with pytest.raises(Cancelled):
        pipeline.compare(
            [corpus], should_stop=stop, progress=lambda name, fraction: reached.append(name)
        )
    assert stop.stages == looks[:middle]  # no look after the first "stop"
    assert stop.stages[-1] == stage
    assert "done" not in reached
    assert tracker.current == []


def test_pipeline_cancelled_is_the_engine_one() -> None:
    assert pipeline.Cancelled is Cancelled


def test_checkpoints_outside_a_stopping_block_never_raise() -> None:
    checkpoint()
    assert list(checked(range(5))) == [0, 1, 2, 3, 4]


def test_checked_looks_every_nth_item_and_the_block_restores_the_previous_test() -> None:
    looks: list[int] = []

    def outer() -> bool:
        return False

    def counting() -> bool:
        looks.append(1)
        return len(looks) >= 3

    with stopping_when(outer):
        with stopping_when(counting):
            seen = []
            with pytest.raises(Cancelled):
                for item in checked(range(100), every=10):
                    seen.append(item)
        assert seen == list(range(20)) and len(looks) == 3
        checkpoint()  # the outer test again: no stop
    checkpoint()


def test_a_stop_test_belongs_to_its_thread() -> None:
    raised: list[bool] = []

    def other_thread() -> None:
        try:
            checkpoint()
            raised.append(False)
        except Cancelled:
            raised.append(True)

    with stopping_when(lambda: True):
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        with pytest.raises(Cancelled):
            checkpoint()
    assert raised == [False]


# --- forked children -----------------------------------------------------------------------

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="forks only on POSIX, not macOS"
)
# Long enough that waiting for it would fail the test by far.
CHILD_SECONDS = 60


def sleeps_in_children(parent: int, pid_file: Path, items: Sequence[int]) -> list[int]:
    if os.getpid() != parent:
        pid_file.write_text(str(os.getpid()))
        threading.Event().wait(CHILD_SECONDS)
    return list(items)


def stop_once_child_started(pid_file: Path) -> Callable[[], bool]:
    return lambda: pid_file.exists() and pid_file.read_text() != ""


def is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def pid_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "child.pid"
    yield path
    if path.exists() and path.read_text() and not is_gone(int(path.read_text())):
        os.kill(int(path.read_text()), 9)  # the test failed: leave no child behind


@needs_fork
def test_a_cancelled_split_map_stops_waiting_and_kills_its_children(pid_file: Path) -> None:
    work = functools.partial(sleeps_in_children, os.getpid(), pid_file)
    with stopping_when(stop_once_child_started(pid_file)), pytest.raises(Cancelled):
        split_map(work, list(range(4)), weights=[1] * 4, workers=2)
    assert is_gone(int(pid_file.read_text()))


@needs_fork
def test_a_cancelled_aside_stops_waiting_and_kills_its_child(pid_file: Path) -> None:
    work = functools.partial(sleeps_in_children, os.getpid(), pid_file, [1])
    stop = stop_once_child_started(pid_file)
    with stopping_when(stop), pytest.raises(Cancelled), Aside(work, wanted=True) as aside:
        aside.result()
    assert is_gone(int(pid_file.read_text()))


@needs_fork
def test_children_ignore_their_copy_of_the_stop_test() -> None:
    parent = os.getpid()

    def looks_in_children(items: Sequence[int]) -> list[int]:
        checkpoint()  # a child that obeyed the test below would fail: its slice redone here
        return [os.getpid()] * len(items)

    def stops_only_children() -> bool:
        return os.getpid() != parent

    with stopping_when(stops_only_children):
        pids = split_map(looks_in_children, [1, 2], weights=[1, 1], workers=2)
    assert pids[1] != parent


# --- export ---------------------------------------------------------------------------------


class CountingStop:
    """A ``should_stop`` that counts its calls and answers true from the ``at``-th on."""

    def __init__(self, at: int | None = None) -> None:
        self.at = at
        self.count = 0

    def __call__(self) -> bool:
        self.count += 1
        return self.at is not None and self.count >= self.at


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_a_stop_in_the_middle_of_rendering_an_export_raises_cancelled_at_once(
    fmt: ExportFormat, tmp_path: Path
) -> None:
    write_corpus(tmp_path, sources=3, sentences=10)
    comparison = pipeline.compare([tmp_path])
    never = CountingStop()
    with stopping_when(never):
        render(comparison, fmt=fmt)
    assert never.count >= 10
    stop = CountingStop(at=never.count // 2)
    with stopping_when(stop), pytest.raises(Cancelled):
        render(comparison, fmt=fmt)
    assert stop.count == never.count // 2


@pytest.mark.parametrize("existing", [True, False])
def test_a_stop_during_an_atomic_write_leaves_the_old_file_and_no_temporary(
    existing: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_WRITE_CHUNK", 1_000)
    target = tmp_path / "export.md"
    if existing:
        target.write_text("old", encoding="utf-8")
    stop = CountingStop(at=5)  # in the middle of the 20 chunks
    with stopping_when(stop), pytest.raises(Cancelled):
        write_text_atomic(target, "x" * 20_000, overwrite=existing)
    assert stop.count == 5
    assert list(tmp_path.iterdir()) == ([target] if existing else [])
    if existing:
        assert target.read_text(encoding="utf-8") == "old"


def test_scoring_looks_between_steps_of_pairs_and_scores_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    words = [f"w{k}ord" for k in range(40)]
    texts = [" ".join(rng.choice(words) for _ in range(12)) + f" at {k} pm." for k in range(60)]
    features = [sentence_features(text) for text in texts]
    article_of = np.repeat(np.arange(3), 20)
    scorer = CounterpartScorer(features, article_of.tolist(), [k % 20 for k in range(60)])
    left, right = np.triu_indices(60, k=1)
    whole = scorer.scores(left, right)
    monkeypatch.setattr(counterparts, "_SCORE_CHUNK", 100)
    assert np.array_equal(scorer.scores(left, right), whole)

    figure_steps: list[int] = []
    counted = counterparts.figures_shared
    monkeypatch.setattr(
        counterparts,
        "figures_shared",
        lambda *args, **kwargs: figure_steps.append(1) or counted(*args, **kwargs),
    )
    # Five looks per step: the step itself, the pair's two term sums, then (after the
    # figures) the two of its neighbouring pairs; the fourth step stops at its last.
    stop = CountingStop(at=4 * 5)
    with stopping_when(stop), pytest.raises(Cancelled):
        scorer.scores(left, right)
    assert len(figure_steps) == 4  # of the 18 steps
