"""The lock beside the settings and notes files: exclusive, bounded wait, on every platform."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tui.file_lock import LockTimeout, lock_path_of, locked

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_a_second_holder_waits_then_times_out_and_gets_it_once_released(tmp_path: Path) -> None:
    guarded = tmp_path / "config.toml"
    with locked(guarded):
        started = time.monotonic()
        with (
            pytest.raises(LockTimeout, match="stayed locked by another process"),
            locked(guarded, timeout=0.2),
        ):
            pass
        assert 0.2 <= time.monotonic() - started < 2
    with locked(guarded, timeout=0.2):
        assert lock_path_of(guarded).exists()


# Without fcntl (as on Windows) the old module yielded without locking at all.
_WITHOUT_FCNTL = textwrap.dedent(
    """
    import sys
    sys.modules["fcntl"] = None  # any "import fcntl" now raises ImportError
    from pathlib import Path
    from tui.file_lock import LockTimeout, locked
    guarded = Path(sys.argv[1])
    with locked(guarded):
        try:
            with locked(guarded, timeout=0.2):
                print("not exclusive")
        except LockTimeout:
            print("exclusive")
    with locked(guarded, timeout=0.2):
        print("released")
    """
)


def test_the_lock_holds_where_there_is_no_fcntl(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FCNTL, str(tmp_path / "notes.json")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["exclusive", "released"]
