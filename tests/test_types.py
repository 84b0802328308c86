"""The code's type hints are checked: mypy over aligner/ and tui/ (pyproject [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_type_errors() -> None:
    # Checked as the running Python reads it: pyproject's python_version (3.11, the oldest
    # supported) cannot parse the `type` statements of the stubs numpy ships for 3.12+.
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--python-version", running],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_packages_say_they_are_typed() -> None:
    assert (REPO_ROOT / "aligner" / "py.typed").is_file()
    assert (REPO_ROOT / "tui" / "py.typed").is_file()
