"""An advisory lock beside a file, so two readers' read-change-write cycles do not interleave."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX only; elsewhere files are still written atomically, just without the lock.
    import fcntl
except ImportError:  # pragma: no cover - exercised on Windows only
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT_SECONDS = 5.0


class LockTimeout(OSError):
    """Another process held the lock for too long."""


def lock_path_of(path: Path) -> Path:
    """The lock file that guards ``path``: ``<name>.lock`` beside it."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (waiting up to ``timeout`` seconds, then raising
    ``LockTimeout``); raises ``OSError`` when the lock file cannot be created."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    lock_path = lock_path_of(path)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, lock_path, LOCK_TIMEOUT_SECONDS if timeout is None else timeout)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(f"{lock_path} stayed locked by another process") from None
            time.sleep(0.01)
        except OSError as error:
            # Some network file systems do not lock at all; carry on without it.
            if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                return
            raise
