"""The engine computes in its caller's process: no fork, no pool, no process but the HTML and
Markdown converter's helper (aligner/load/timed_convert.py), which exists for its time budget.
"""

from __future__ import annotations

import multiprocessing.process
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.cli import main

CONVERTER_COMMAND = [sys.executable, "-m", "aligner.load.timed_convert"]


def write_large_corpus(folder: Path, *, sources: int = 6, sentences: int = 300) -> None:
    """About 150,000 characters of sources retelling one story with differing figures: more
    than the sizes from which the engine used to fork helpers for every stage."""
    rng = random.Random(17)
    words = [f"w{k}ord" for k in range(400)]
    story = [[rng.choice(words) for _ in range(rng.randint(10, 14))] for _ in range(sentences)]
    for source in range(sources):
        lines = []
        for told in story:
            retold = [rng.choice(words) if rng.random() < 0.15 else w for w in told]
            lines.append(" ".join(retold).capitalize() + f" killed {rng.choice((12, 40))} people.")
        (folder / f"source{source:02d}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    (folder / "source99.html").write_text(
        "<html><body><p>W1ord w2ord w3ord killed 12 people.</p></body></html>", encoding="utf-8"
    )


def refused(what: str) -> Callable[..., object]:
    def start(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"the engine started a process ({what})")

    return start


def test_an_export_of_a_large_folder_starts_no_process_but_the_converter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_large_corpus(tmp_path)
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refused(f"os.{name}"))
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refused("multiprocessing"))
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def converter_only(args: list[str], *rest: object, **options: object) -> object:
        started.append(list(args))
        if list(args) != CONVERTER_COMMAND:
            raise AssertionError(f"the engine started a process: {args}")
        return real_popen(args, *rest, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", converter_only)
    # `parallax export` is where the engine used to be given a worker per usable CPU.
    assert main(["export", str(tmp_path), "--format", "json", "-o", "-"]) == 0
    out, _ = capsys.readouterr()
    assert '"conflicts"' in out and "source99.html" in out
    assert all(command == CONVERTER_COMMAND for command in started)
