"""Atomic file writes: temporary file, flush, fsync, rename; never a half-written file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import time
from pathlib import Path
from typing import BinaryIO

from aligner.runtime.cancel import checkpoint

#: A temporary file this old is a leftover of a writer that was killed (SIGKILL, power loss)
#: before it could clean up; a live writer renames its file within moments.
STALE_TEMP_SECONDS = 60.0

_TEMP_SUFFIX = ".tmp"
# Room left in a 255-byte file name for the dot, the random token and the suffix.
_LONGEST_PLAIN_STEM = 200
_TEMP_TOKEN_BYTES = 4
_TEMP_TOKEN = re.compile(f"[0-9a-f]{{{2 * _TEMP_TOKEN_BYTES}}}")
_TEMP_ATTEMPTS = 100
# New files get the usual permissions (0o666 minus the umask), as `open()` would give them.
_NEW_FILE_MODE = 0o666
# Written between two checkpoints (aligner/runtime/cancel.py): a few milliseconds of disk time.
_WRITE_CHUNK = 4 << 20


class RefusedOverwrite(FileExistsError):
    """The target exists and the caller did not allow replacing it."""


class NotRegularFile(OSError):
    """The target exists but is not a regular file: replacing a named pipe, device, socket or
    folder with a file would not write to it, and would destroy it."""

    def __init__(self, path: str | Path, kind: str) -> None:
        super().__init__(f"{path} is a {kind}, not a regular file")
        self.path = Path(path)
        self.kind = kind


_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def check_replaceable(path: str | Path) -> None:
    """Raise ``NotRegularFile`` when ``path`` exists and is not a regular file (links are
    followed), and ``OSError`` when it cannot be looked up (a name too long, a folder on the
    way that cannot be searched). A missing file, or one behind a missing folder, passes.
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in _KINDS if is_kind(mode)), "special file")
        raise NotRegularFile(path, kind)


def write_text_atomic(path: str | Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` so readers see the old file or the new one, never a mix.

    Raises ``RefusedOverwrite`` when ``path`` exists and ``overwrite`` is false (also when it
    appears while writing), ``NotRegularFile`` when it is a pipe, device, socket or folder,
    and ``OSError`` (read-only folder, full disk, ...) with the target untouched and no
    temporary file left. A replaced file keeps its permission bits.

    The data goes to a hidden sibling ``.<name>.<random>.tmp`` first. A process killed in the
    middle cannot remove that file; later writes to the same target delete such leftovers
    once they are ``STALE_TEMP_SECONDS`` old.
    """
    target = Path(path)
    check_replaceable(target)
    if not overwrite and target.exists():
        raise RefusedOverwrite(f"{target} exists; refusing to overwrite it")
    data = text.encode("utf-8")
    fd, temporary = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            _keep_permissions(target, handle.fileno())
            _write_in_chunks(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, target)
        else:
            _publish_new(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_dir(target.parent)
    remove_stale_temporaries(target)
    return target


def _write_in_chunks(handle: BinaryIO, data: bytes) -> None:
    # A checkpoint between chunks: a cancelled export stops here, before the file is
    # published, and the temporary file is removed like after any other failure.
    view = memoryview(data)
    for start in range(0, len(data), _WRITE_CHUNK):
        checkpoint()
        handle.write(view[start : start + _WRITE_CHUNK])


def remove_stale_temporaries(target: str | Path, *, max_age: float = STALE_TEMP_SECONDS) -> int:
    """Delete ``target``'s leftover temporary files older than ``max_age`` seconds.

    Younger ones may belong to a writer still at work and are kept. Returns how many were
    removed; errors (a file already gone, no permission) are ignored.
    """
    target = Path(target)
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return 0
    for entry in entries:
        if not _is_temporary_of(entry.name, target.name):
            continue
        with contextlib.suppress(OSError):
            if now - entry.stat(follow_symlinks=False).st_mtime > max_age:
                os.unlink(entry.path)
                removed += 1
    return removed


def _is_temporary_of(name: str, target_name: str) -> bool:
    prefix = f".{_temporary_stem(target_name)}."
    if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
        return False
    token = name[len(prefix) : -len(_TEMP_SUFFIX)]
    return _TEMP_TOKEN.fullmatch(token) is not None


def _temporary_stem(target_name: str) -> str:
    """The target's name, or for a name too long to take the temporary file's additions
    (file names stop at 255 bytes) its start plus a digest of the whole name."""
    if len(target_name.encode("utf-8", "surrogateescape")) <= _LONGEST_PLAIN_STEM:
        return target_name
    digest = hashlib.sha256(target_name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    start = target_name.encode("utf-8", "surrogateescape")[: _LONGEST_PLAIN_STEM - 17]
    return f"{start.decode('utf-8', 'ignore')}~{digest}"


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new, exclusively created temporary file next to ``target``: (descriptor, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_ATTEMPTS):
        token = secrets.token_hex(_TEMP_TOKEN_BYTES)
        candidate = target.parent / f".{_temporary_stem(target.name)}.{token}{_TEMP_SUFFIX}"
        try:
            return os.open(candidate, flags, _NEW_FILE_MODE), candidate
        except FileExistsError:
            continue  # another writer drew the same token; draw again
    raise FileExistsError(f"could not create a temporary file next to {target}")


def _keep_permissions(target: Path, fd: int) -> None:
    # Replacing a file must not change who may read it (an export made group-readable, say).
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return  # no previous file: the umask already decided
    with contextlib.suppress(OSError, AttributeError):  # os.fchmod is POSIX only
        os.fchmod(fd, mode)


def _publish_new(temporary: Path, target: Path) -> None:
    """Give the finished temporary file the target's name unless that name is taken.

    A hard link fails when the name exists, so a file created by someone else meanwhile is
    never clobbered; where hard links are not supported, check and rename instead.
    """
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise RefusedOverwrite(f"{target} exists; refusing to overwrite it") from None
    except OSError:
        if target.exists():
            raise RefusedOverwrite(f"{target} exists; refusing to overwrite it") from None
        os.replace(temporary, target)
        return
    with contextlib.suppress(OSError):  # the target is written; a leftover is cleaned later
        os.unlink(temporary)


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
