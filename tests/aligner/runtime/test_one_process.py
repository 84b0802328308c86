"""The engine computes in its caller's process: no fork, no pool, no process but the HTML and
Markdown converter's helper (aligner/load/timed_convert.py), which exists for its time budget.
"""

from __future__ import annotations

import multiprocessing.process
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from story_corpus import write_corpus

from tui.cli import main

CONVERTER_COMMAND = [sys.executable, "-m", "aligner.load.timed_convert"]


def write_large_corpus(folder: Path) -> None:
    """About 150,000 characters of retold sentences and an HTML page: more than the sizes
    from which the engine used to fork helpers for every stage."""
    write_corpus(folder, sources=6, sentences=300)
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
