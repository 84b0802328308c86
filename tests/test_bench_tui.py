"""Smoke test of the reader latency benchmark (bench/tui.py) on the sample corpus: every probe
runs and yields positive figures, and the report prints them. No timing bounds: those are the
benchmark's to show, not a test's to assert."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from aligner.pipeline import compare
from aligner.result.model import Comparison
from bench import tui as bench

SIZE = (120, 36)


@pytest.fixture(scope="module")
def sample() -> Comparison:
    return compare()


def test_startup_probe_times_every_stage_in_a_fresh_process() -> None:
    (run,) = bench.measure_startup(runs=1, size=SIZE, warm_up=False)
    assert all(value > 0 for value in astuple(run))


def test_key_probe_times_each_press_to_the_frames_it_caused(sample: Comparison) -> None:
    run = bench.measure_keys(sample, [], corpus="sample", presses=2, size=SIZE)
    assert run.sentences == len(sample.sentences) and run.rows > 0
    assert run.prepare > 0 and run.shown >= run.prepare
    assert len(run.baseline) == 2 and all(press.wall > 0 for press in run.baseline)
    assert list(run.keys) == list(bench.MEASURED_KEYS)
    for presses in run.keys.values():
        assert len(presses) == 2
        for press in presses:
            assert press.frames > 0 and press.lines > 0
            assert press.first_frame is not None and press.settled is not None
            assert 0 < press.first_frame <= press.settled < press.wall
            assert press.action > 0 and press.screen > 0 and press.render > 0

    rows = bench.key_rows(run)
    assert all(row.summary is not None and row.summary.median > 0 for row in rows)
    table = bench.format_table(rows)
    assert "next difference (n): press → first frame" in table
    assert "sample / tab" in bench.format_breakdown([run])


def test_responsiveness_probe_sees_keys_handled_while_computing(sample: Comparison) -> None:
    phases = bench.measure_responsiveness([], interval=0.005, size=SIZE)
    assert [phase.name for phase in phases] == ["first comparison", "re-aligning"]
    for phase in phases:
        assert phase.compute > 0 and phase.handled
        # Each key's handler started after it was posted, and its frame after that.
        assert all(key.handled >= 0 for key in phase.handled)
        assert all(key.shown is None or key.shown >= key.handled for key in phase.handled)
        assert any(key.shown is not None and key.shown > 0 for key in phase.handled)
    rows = bench.responsiveness_rows(phases, "sample")
    assert rows[-1].unit == "s" and rows[-1].summary is not None


def test_summary_percentiles_interpolate_between_samples() -> None:
    summary = bench.Summary.of([0.4, 0.1, 0.3, 0.2, 0.5])
    assert summary == bench.Summary(median=0.3, p95=pytest.approx(0.48), max=0.5, n=5)
    assert bench.Summary.of([]) is None
    assert bench.Summary.of([0.7]) == bench.Summary(0.7, 0.7, 0.7, 1)
