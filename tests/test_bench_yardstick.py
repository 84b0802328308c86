"""Smoke test of issue 13's speed yardstick (bench/yardstick.py), so the script cannot rot."""

from __future__ import annotations

from pathlib import Path

from bench import yardstick

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"


def test_yardstick_times_the_export_and_brute_force_over_the_same_sentences() -> None:
    sentences = yardstick.prose_sentences(SAMPLE)
    assert len(sentences) > 50 and all(sentences)

    report = yardstick.measure(SAMPLE, rounds=1)

    assert f"{len(sentences):,} prose sentences, 1 rounds" in report
    assert "export       median" in report and "target <= 2.0 s: " in report
    assert "ratio        median" in report
    assert report.splitlines()[0].endswith("bytecode written")


def test_the_export_is_timed_from_written_bytecode_unless_asked_to_compile() -> None:
    cached = yardstick.REPO / "aligner" / "__pycache__"
    yardstick.write_bytecode()
    assert any(cached.glob("pipeline.*.pyc"))

    report = yardstick.measure(SAMPLE, rounds=1, compile_each_run=True)

    assert report.splitlines()[0].endswith("modules compiled in every run")
    assert not cached.exists()
    assert yardstick.compiling_environment()["PYTHONDONTWRITEBYTECODE"] == "1"
    yardstick.write_bytecode()  # as the other runs of this suite found it
