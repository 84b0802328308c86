"""Fixture builders for the hostile-input suite: corpus folders and the two CLI runners."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Two readable articles about one event; they share a sentence and disagree on a number.
FIRST_ARTICLE = (
    "The old bridge over the river collapsed on Monday morning. "
    "At least 29 people were killed, officials said. "
    "Rescue teams searched the water for survivors through the night."
)
SECOND_ARTICLE = (
    "The old bridge over the river collapsed on Monday morning. "
    "At least 19 people were killed, the mayor said. "
    "The city will hold a day of mourning on Friday."
)


class Corpus:
    """Builds files under one folder; every helper returns the path it wrote."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, name: str | Path) -> Path:
        return self.root / name

    def write(self, name: str | Path, content: str | bytes, *, encoding: str = "utf-8") -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    def articles(self, *, folder: str = "") -> tuple[Path, Path]:
        """The two readable articles as ``first.txt`` and ``second.txt`` (in ``folder``)."""
        return (
            self.write(Path(folder, "first.txt"), FIRST_ARTICLE),
            self.write(Path(folder, "second.txt"), SECOND_ARTICLE),
        )


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """An empty corpus folder to fill."""
    return Corpus(tmp_path / "corpus")


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str

    def skipped_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("skipped ")]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``parallax ARGS`` in this process; no traceback may ever reach stderr."""
    from tui.cli import main

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()  # drop anything printed before
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process() -> Callable[..., subprocess.CompletedProcess[bytes]]:
    """Run ``python -m tui.cli ARGS`` in a fresh interpreter; output stays raw bytes."""

    def run(*args: str | Path | bytes, **popen: Any) -> subprocess.CompletedProcess[bytes]:
        """``popen`` may redirect stdout (``stdout=``) or prepare the child (``preexec_fn=``)."""
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        env.pop("PARALLAX_DEBUG", None)
        popen.setdefault("stdout", subprocess.PIPE)
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", *(os.fsencode(arg) for arg in args)],
            stderr=subprocess.PIPE,
            cwd=REPO_ROOT,
            env=env,
            timeout=120,
            **popen,
        )
        assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
        return result

    return run
