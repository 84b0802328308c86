"""An advisory lock beside a file, so two readers' read-change-write cycles do not interleave."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

# filelock locks with flock on POSIX and msvcrt on Windows, and with a marker file where the
# file system has neither; the lock is released when its holder dies.
from filelock import FileLock, Timeout

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
    lock_path = lock_path_of(path)
    lock = FileLock(lock_path, timeout=LOCK_TIMEOUT_SECONDS if timeout is None else timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(f"{lock_path} stayed locked by another process") from None
    try:
        yield
    finally:
        lock.release()
