"""split_map: forked children compute slices, and the result is always the serial one."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from aligner.export import render
from aligner.load.limits import TooManySentences
from aligner.pipeline import compare
from aligner.result.model import ConflictKind, LineKind
from aligner.runtime import parallel
from aligner.runtime.parallel import Aside, can_fork, slice_bounds, split_map

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="forks only on POSIX, not macOS"
)


def squares_and_pids(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


@needs_fork
def test_children_compute_the_later_slices_in_order() -> None:
    assert can_fork()
    items = list(range(100))
    results = split_map(squares_and_pids, items, weights=[1] * 100, workers=3)
    assert [square for square, _ in results] == [item * item for item in items]
    pids = [pid for _, pid in results]
    assert pids[:33] == [os.getpid()] * 33 and pids[33] != os.getpid()
    assert len(set(pids)) == 3


@needs_fork
def test_a_failing_child_has_its_slice_recomputed_here() -> None:
    parent = os.getpid()

    def fails_in_children(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("child failure")
        return [item + 1 for item in items]

    assert split_map(fails_in_children, [1, 2, 3, 4], weights=[1] * 4, workers=2) == [2, 3, 4, 5]


@needs_fork
def test_a_child_that_dies_has_its_slice_recomputed_here() -> None:
    parent = os.getpid()

    def dies_in_children(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return list(items)

    assert split_map(dies_in_children, [1, 2, 3, 4], weights=[1] * 4, workers=2) == [1, 2, 3, 4]


def test_an_error_here_reaps_the_children(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    stopped: list[int] = []
    original_stop = parallel._Child.stop

    def recording_stop(child: parallel._Child) -> None:
        stopped.append(child.pid)
        original_stop(child)

    monkeypatch.setattr(parallel._Child, "stop", recording_stop)

    def fails_here(items: Sequence[int]) -> list[int]:
        if os.getpid() == parent:
            raise ValueError("parent failure")
        return list(items)

    with pytest.raises(ValueError, match="parent failure"):
        split_map(fails_here, [1, 2, 3, 4], weights=[1] * 4, workers=2)
    assert len(stopped) == (1 if can_fork() else 0)


def test_no_fork_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
        results = split_map(squares_and_pids, [1, 2, 3], weights=[1, 1, 1], workers=2)
    finally:
        release.set()
        thread.join()
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


@pytest.mark.parametrize(
    ("weights", "parts", "expected"),
    [
        ([], 2, []),
        ([5], 4, [(0, 1)]),
        ([1, 1, 1, 1], 2, [(0, 2), (2, 4)]),
        ([1, 1, 1, 1], 1, [(0, 4)]),
        ([10, 1, 1, 1], 2, [(0, 1), (1, 4)]),
        ([1, 1, 1, 10], 2, [(0, 3), (3, 4)]),
        ([0, 0, 0], 3, [(0, 3)]),
        ([3, 3, 3], 5, [(0, 1), (1, 2), (2, 3)]),
    ],
)
def test_slices_are_contiguous_non_empty_and_balanced(
    weights: list[int], parts: int, expected: list[tuple[int, int]]
) -> None:
    assert slice_bounds(weights, parts) == expected


def test_the_first_slice_can_be_the_larger_share() -> None:
    # Shares 1.5 : 1 of ten equal items: six and four.
    assert slice_bounds([1] * 10, 2, first_extra=0.5) == [(0, 6), (6, 10)]
    assert slice_bounds([1] * 10, 2, first_extra=0.0) == [(0, 5), (5, 10)]


@needs_fork
def test_alongside_runs_once_here_while_the_children_compute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []
    original_start = parallel._Child.start

    def counting_start(work, part):  # type: ignore[no-untyped-def]
        started.append(len(part))
        return original_start(work, part)

    monkeypatch.setattr(parallel._Child, "start", counting_start)
    calls: list[tuple[int, int]] = []
    alongside = lambda: calls.append((os.getpid(), len(started)))  # noqa: E731
    items = list(range(100))
    # Worth 20 items: this process takes 40 of the 100, the child 60 (60 : 20 + 40).
    results = split_map(
        squares_and_pids,
        items,
        weights=[1] * 100,
        workers=2,
        alongside=alongside,
        alongside_weight=20,
    )
    assert [square for square, _ in results] == [item * item for item in items]
    pids = [pid for _, pid in results]
    assert pids[:40] == [os.getpid()] * 40 and pids[40] != os.getpid()
    assert calls == [(os.getpid(), 1)] and started == [60]


@needs_fork
def test_alongside_worth_a_share_leaves_this_process_no_items() -> None:
    calls: list[int] = []
    results = split_map(
        squares_and_pids,
        list(range(10)),
        weights=[1] * 10,
        workers=2,
        alongside=lambda: calls.append(os.getpid()),
        alongside_weight=100,
    )
    assert [square for square, _ in results] == [item * item for item in range(10)]
    assert os.getpid() not in {pid for _, pid in results} and calls == [os.getpid()]


def test_alongside_runs_once_when_nothing_forks() -> None:
    calls: list[int] = []
    results = split_map(
        squares_and_pids,
        [1, 2, 3],
        weights=[1] * 3,
        workers=1,
        alongside=lambda: calls.append(os.getpid()),
        alongside_weight=2,
    )
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    assert calls == [os.getpid()]


@needs_fork
def test_the_later_stages_are_imported_while_a_child_splits() -> None:
    # A fresh interpreter: the engine's later stages (and numpy) are not imported with the
    # pipeline, but by this process once the splitting child is off.
    script = """
import os, sys
from aligner import pipeline
from aligner.runtime import parallel
from aligner.text import articles
print("numpy" in sys.modules, "aligner.stages" in sys.modules)
articles.PARALLEL_MIN_CHARS = 0
started = []
original_start = parallel._Child.start
parallel._Child.start = lambda work, part: started.append(1) or original_start(work, part)
original_import = pipeline._import_later_stages
seen = []
def importing():
    seen.append((len(started), "aligner.stages" in sys.modules))
    original_import()
pipeline._import_later_stages = importing
comparison = pipeline.compare(workers=2)
print(seen, len(comparison.groups) > 0)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["False False", "[(1, False)] True"]


@needs_fork
def test_aside_computes_in_a_child_or_here() -> None:
    parent = os.getpid()
    with Aside(os.getpid, wanted=True) as child:
        assert child.result() != parent
    with Aside(os.getpid, wanted=False) as here:
        assert here.result() == parent

    def fails_in_children() -> int:
        if os.getpid() != parent:
            raise RuntimeError("child failure")
        return 7

    with Aside(fails_in_children, wanted=True) as recomputed:
        assert recomputed.result() == 7


def test_parallel_comparison_refuses_too_many_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("aligner.text.articles.PARALLEL_MIN_CHARS", 0)
    # Every sentence counts, prose or not (headings, datelines: every line kept).
    sentences = sum(len(article.sentences) for article in compare().articles)
    with pytest.raises(TooManySentences):  # over the limit in each process's share
        compare(workers=2, max_sentences=10)
    with pytest.raises(TooManySentences):  # within it in each share, not in all
        compare(workers=2, max_sentences=sentences - 1)
    assert compare(workers=2, max_sentences=sentences).groups


def test_parallel_comparison_is_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = parallel.split_map

    def counting_split_map(work, items, **options):  # type: ignore[no-untyped-def]
        calls.append(options["workers"])
        return original(work, items, **options)

    children: list[int] = []
    original_start = parallel._Child.start

    def counting_start(work, part):  # type: ignore[no-untyped-def]
        children.append(len(part))
        return original_start(work, part)

    for stage in ("aligner.text.articles", "aligner.match.scoring", "aligner.conflicts.passes"):
        monkeypatch.setattr(f"{stage}.split_map", counting_split_map)
    monkeypatch.setattr(parallel._Child, "start", counting_start)
    monkeypatch.setattr("aligner.text.articles.PARALLEL_MIN_CHARS", 0)
    # The sample corpus through the candidate index in several blocks, as a large folder.
    monkeypatch.setattr("aligner.match.scoring.ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr("aligner.match.candidates._EMIT_CHUNK", 300)
    monkeypatch.setattr("aligner.match.scoring.PARALLEL_MIN_EMITS", 0)
    monkeypatch.setattr("aligner.conflicts.passes.PARALLEL_MIN_CHECKS", 0)
    monkeypatch.setattr("aligner.stages.PARALLEL_MIN_LINK_PAIRS", 0)
    monkeypatch.setattr("aligner.export.json.PARALLEL_MIN_RECORDS", 0)
    parallel_json = render(compare(workers=2), fmt="json", workers=2)
    # Splitting and reading, stemming, candidates and their scores, checks inside groups.
    assert calls == [2, 2, 2, 2]
    # A child for each of those, and one each for the checks of related pairs, the links
    # and near counterparts, and the sections of the JSON encoded aside.
    assert len(children) == (7 if can_fork() else 0)
    assert parallel_json == render(compare(), fmt="json")


@needs_fork
def test_member_scores_are_measured_beside_the_links(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rows' scores and the similarity come from a child, while this process orders
    # the rows and finds their links: none is measured here, none lost.
    import aligner.stages

    measured_here: list[int] = []
    original = aligner.stages.member_scores

    def counting_member_scores(scorer, clusters, similar):  # type: ignore[no-untyped-def]
        measured_here.append(os.getpid())
        return original(scorer, clusters, similar)

    monkeypatch.setattr("aligner.stages.member_scores", counting_member_scores)
    serial = compare()
    assert measured_here == [os.getpid()]
    monkeypatch.setattr("aligner.stages.PARALLEL_MIN_LINK_PAIRS", 0)
    forked = compare(workers=2)
    assert measured_here == [os.getpid()]
    assert forked == serial
    assert any(group.score < 100.0 for group in forked.groups)


def test_shipped_records_pickle_through_their_constructor() -> None:
    import pickle

    from aligner.result.model import Conflict, Finding, Link, Sentence, Severity
    from aligner.text.features import sentence_features

    features = sentence_features("About 30 officials in Kyiv did not say it, Putin said.")
    finding = Finding(ConflictKind.NUMBER, "30 vs 40")
    sentence = Sentence("a1s1", "a1", 0, "Hi.", LineKind.PROSE, 0, 3, 0)
    conflict = Conflict("a1s1", "a2s1", ConflictKind.NUMBER, "30 vs 40", Severity.SOFT)
    link = Link("a1s1", "a2s3", 71.25)
    for record in (finding, sentence, conflict, link):
        assert type(record).__reduce__(record)[0] is type(record)
        assert pickle.loads(pickle.dumps(record)) == record
    # A sentence's features and its quantities are named tuples: pickled as their fields.
    for told in (features, features.quantities[0]):
        assert isinstance(told, tuple) and pickle.loads(pickle.dumps(told)) == told


def test_the_data_model_imports_no_process_code() -> None:
    # Issue 17: the lowest layer pickles fast without importing fork, pipes and signals.
    script = (
        "import sys, aligner.result.model, aligner.text.features, aligner.text.quantities\n"
        "print('aligner.runtime.parallel' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_records_pickle_back_to_equal_records() -> None:
    from aligner.text.features import sentence_features

    features = sentence_features("Police said 29 people were killed on Friday, 3 more than before.")
    assert features.quantities
    assert pickle.loads(pickle.dumps(features)) == features
