"""Atomic file writes: temporary file, flush, fsync, rename; never a half-written file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class RefusedOverwrite(FileExistsError):
    """The target exists and the caller did not allow replacing it."""


def write_text_atomic(path: str | Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` so readers see the old file or the new one, never a mix.

    Raises ``RefusedOverwrite`` when ``path`` exists and ``overwrite`` is false, and ``OSError``
    (read-only folder, full disk, ...) with the target untouched and no temporary file left.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise RefusedOverwrite(f"{target} exists; refusing to overwrite it")
    data = text.encode("utf-8")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or "."
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite and target.exists():
            # Someone created it while we were writing: still do not clobber it.
            raise RefusedOverwrite(f"{target} exists; refusing to overwrite it")
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(target.parent)
    return target


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not every platform lets us open a directory.
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
