"""Durability of writes: a killed writer leaves the previous version, leftovers are cleaned up,
exports never overwrite without --force, and failed writes leave nothing half-written."""

from __future__ import annotations

import errno
import hashlib
import inspect
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tui.atomic import (
    STALE_TEMP_SECONDS,
    NotRegularFile,
    RefusedOverwrite,
    check_replaceable,
    remove_stale_temporaries,
    write_text_atomic,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SIZE = 3_000_000  # large enough that a kill often lands inside a write


def version_text(number: int, size: int) -> str:
    """Version ``number`` of the file: a header, a body of one letter, a footer."""
    return f"version {number}\n" + chr(97 + number % 26) * size + f"\nend {number}\n"


WRITER = inspect.getsource(version_text) + textwrap.dedent(
    """
    import os, signal, sys
    from tui.atomic import write_text_atomic

    target, size, die_in, die_at = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    if die_in != "-":
        # Kill ourselves inside a write: at the die_at-th call of os.<die_in>.
        real, calls = getattr(os, die_in), []
        def dying(*args, **kwargs):
            calls.append(1)
            if len(calls) == die_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        setattr(os, die_in, dying)
    number = 0
    while True:
        write_text_atomic(target, version_text(number, size), overwrite=True)
        print(number, flush=True)
        number += 1
    """
)


def start_writer(target: Path, *, size: int = SIZE, die: tuple[str, int] = ("-", 0)):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), str(size), die[0], str(die[1])],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )


def completed_versions(writer: subprocess.Popen[str], first_line: str = "") -> list[int]:
    output, _ = writer.communicate(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    return [int(n) for n in (first_line + output).split()]


def version_of(path: Path, *, size: int = SIZE) -> int:
    """The number of the complete version ``path`` holds; fails on anything else."""
    data = path.read_bytes()
    number = int(data.split(b"\n", 1)[0].removeprefix(b"version "))
    digest = hashlib.sha256(data).hexdigest()
    assert digest == hashlib.sha256(version_text(number, size).encode()).hexdigest()
    return number


def leftovers(folder: Path, target: Path) -> list[Path]:
    """Everything in ``folder`` but the target; each must be one of its temporary files."""
    others = sorted(p for p in folder.iterdir() if p != target)
    for path in others:
        assert path.name.startswith(f".{target.name}.") and path.name.endswith(".tmp"), path
    return others


def age(paths: list[Path], seconds: float) -> None:
    past = time.time() - seconds
    for path in paths:
        os.utime(path, (past, past))


# -- killed writers ----------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_writer_killed_at_random_moments_leaves_a_complete_version(tmp_path: Path) -> None:
    target = tmp_path / "data.txt"
    rng = random.Random(6)
    newest = -1
    for round_number in range(6):
        writer = start_writer(target)
        assert writer.stdout is not None
        # Round 0 may die before its first write completes; later rounds after at least one.
        first = "" if round_number == 0 else writer.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        reported = completed_versions(writer, first)

        if not target.exists():
            assert round_number == 0 and reported == []
            continue
        number = version_of(target)
        if reported:
            # Renamed just before the kill but not yet reported is fine; older is not.
            assert number in (reported[-1], reported[-1] + 1)
        else:
            assert number == 0 or number == newest  # this round's first, or the last round's
        newest = number
        leftovers(tmp_path, target)  # a kill mid-write may leave its temporary file, nothing else

    # Leftovers of killed writers are removed by the next write once they are stale.
    age(leftovers(tmp_path, target), STALE_TEMP_SECONDS + 5)
    write_text_atomic(target, version_text(99, 10), overwrite=True)
    assert leftovers(tmp_path, target) == []
    assert version_of(target, size=10) == 99


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(
    ("die", "expected"),
    [(("fsync", 1), None), (("fsync", 3), 0), (("replace", 2), 0), (("replace", 3), 1)],
    ids=["first-write-before-rename", "second-write-data-synced", "second-rename", "third-rename"],
)
def test_writer_killed_inside_a_write_leaves_the_previous_version(
    tmp_path: Path, die: tuple[str, int], expected: int | None
) -> None:
    target = tmp_path / "data.txt"
    writer = start_writer(target, size=50_000, die=die)
    completed_versions(writer)
    if expected is None:
        assert not target.exists()
    else:
        assert version_of(target, size=50_000) == expected
    # The killed writer could not remove its temporary file: it holds the unfinished version.
    (leftover,) = leftovers(tmp_path, target)
    assert version_of(leftover, size=50_000) == (expected + 1 if expected is not None else 0)

    # A fresh leftover may belong to a writer still at work: the next write keeps it ...
    write_text_atomic(target, version_text(7, 10), overwrite=True)
    assert leftovers(tmp_path, target) == [leftover]
    # ... and removes it once it is stale.
    age([leftover], STALE_TEMP_SECONDS + 5)
    write_text_atomic(target, version_text(8, 10), overwrite=True)
    assert leftovers(tmp_path, target) == []
    assert version_of(target, size=10) == 8


def test_only_this_targets_stale_temporaries_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    kept_names = [
        ".notes.json.backup.tmp",  # not our token
        ".notes.json.0123ABCD.tmp",  # upper case: not a token we write
        "notes.json.0123abcd.tmp",  # not hidden
        ".other.json.0123abcd.tmp",  # another target's
        ".notes.json.0123abcd.tmp.keep",
    ]
    for name in [*kept_names, ".notes.json.0123abcd.tmp", ".notes.json.ffffffff.tmp"]:
        (tmp_path / name).write_text("x")
    fresh = tmp_path / ".notes.json.aaaaaaaa.tmp"
    fresh.write_text("a writer at work")
    age([p for p in tmp_path.iterdir() if p != fresh], STALE_TEMP_SECONDS + 5)

    assert remove_stale_temporaries(target) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*kept_names, fresh.name])


@pytest.mark.parametrize("name", ["r" * 250 + ".md", "é" * 120 + ".md"])
def test_a_name_near_the_file_name_limit_is_still_written_atomically(
    tmp_path: Path, name: str
) -> None:
    target = tmp_path / name  # 254 bytes: no room for ".<name>.<token>.tmp" beside it
    write_text_atomic(target, "first")
    write_text_atomic(target, "second", overwrite=True)
    assert target.read_text() == "second"
    assert list(tmp_path.iterdir()) == [target]
    leftover = tmp_path / f".{name[:10]}.0123abcd.tmp"  # a foreign file with a similar start
    leftover.write_text("x")
    age([leftover], STALE_TEMP_SECONDS + 5)
    assert remove_stale_temporaries(target) == 0


# -- failures inside a write --------------------------------------------------------------------


def test_interrupted_write_leaves_no_temporary_and_the_old_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "data.txt"
    target.write_text("old")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "new", overwrite=True)
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_created_during_the_write_is_never_clobbered(tmp_path, monkeypatch) -> None:
    target = tmp_path / "export.md"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(RefusedOverwrite):
        write_text_atomic(target, "ours")
    assert target.read_text() == "theirs"
    assert list(tmp_path.iterdir()) == [target]


def test_without_hard_links_a_new_file_is_still_written(tmp_path, monkeypatch) -> None:
    target = tmp_path / "export.md"

    def no_links(source: object, destination: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_text_atomic(target, "ours")
    assert target.read_text() == "ours"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_permissions_follow_the_umask_and_survive_a_replace(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        created = write_text_atomic(tmp_path / "new.md", "x")
        assert stat.S_IMODE(created.stat().st_mode) == 0o640
        existing = tmp_path / "shared.md"
        existing.write_text("old")
        existing.chmod(0o664)
        write_text_atomic(existing, "new", overwrite=True)
        assert stat.S_IMODE(existing.stat().st_mode) == 0o664
    finally:
        os.umask(umask)


# -- exports on the command line -----------------------------------------------------------------


def test_export_never_overwrites_without_force(corpus, cli, tmp_path) -> None:
    corpus.articles()
    target = tmp_path / "existing.md"
    target.write_bytes(b"my own notes\n")
    before = target.stat()

    result = cli("export", corpus.root, "-o", target)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"parallax: {target} exists; use --force to overwrite it\n"
    assert target.read_bytes() == b"my own notes\n"
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(tmp_path.iterdir()) == sorted([corpus.root, target])

    target.chmod(0o640)
    result = cli("export", corpus.root, "-o", target, "--force")
    assert result.code == 0
    assert target.read_text(encoding="utf-8").startswith("# Parallax comparison: ")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640  # --force kept who may read it


def _fail_creating_temporaries(monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def read_only_folder(path, flags, *args, **kwargs):
        if os.fspath(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_folder)


def _fail_syncing(monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)


def _fail_renaming(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(source: object, destination: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    monkeypatch.setattr(os, "link", read_only)


@pytest.mark.parametrize(
    ("fail", "reason"),
    [
        (_fail_creating_temporaries, "Permission denied"),
        (_fail_syncing, "No space left on device"),
        (_fail_renaming, "Read-only file system"),
    ],
    ids=["read-only-folder", "disk-full", "read-only-file-system"],
)
@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "with-force"])
def test_failed_export_is_one_clear_line_and_leaves_nothing_half_written(
    corpus, cli, tmp_path, monkeypatch, fail, reason: str, existing: bool
) -> None:
    corpus.articles()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export.md"
    if existing:
        target.write_bytes(b"previous export\n")
    fail(monkeypatch)

    result = cli("export", corpus.root, "-o", target, *(["--force"] if existing else []))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"parallax: cannot write {target}: {reason}\n"
    if existing:
        assert target.read_bytes() == b"previous export\n"
        assert list(folder.iterdir()) == [target]
    else:
        assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_really_read_only_folder(corpus, unprivileged, tmp_path) -> None:
    corpus.articles()
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = unprivileged("-m", "tui.cli", "export", corpus.root, "-o", folder / "export.md")
        assert (result.returncode, result.stdout) == (1, "")
        assert (
            result.stderr == f"parallax: cannot write {folder / 'export.md'}: Permission denied\n"
        )
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("overwrite", [False, True])
def test_a_named_pipe_is_never_replaced_by_a_file(tmp_path: Path, overwrite: bool) -> None:
    pipe = tmp_path / "export.md"
    os.mkfifo(pipe)
    with pytest.raises(NotRegularFile, match="is a named pipe, not a regular file"):
        write_text_atomic(pipe, "text", overwrite=overwrite)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.md"], "no temporary left"


def test_what_is_not_a_regular_file_is_named(tmp_path: Path) -> None:
    check_replaceable(tmp_path / "new.md")  # nothing there yet: fine
    check_replaceable(tmp_path / "no-folder" / "new.md")
    (tmp_path / "old.md").write_text("old")
    check_replaceable(tmp_path / "old.md")
    (tmp_path / "link.md").symlink_to(tmp_path / "old.md")
    check_replaceable(tmp_path / "link.md")  # a link to a file: the file is replaced
    with pytest.raises(NotRegularFile) as folder:
        check_replaceable(tmp_path)
    assert folder.value.kind == "folder"
    if os.path.exists("/dev/null"):
        with pytest.raises(NotRegularFile) as device:
            check_replaceable("/dev/null")
        assert device.value.kind == "character device"
    with pytest.raises(OSError) as too_long:
        check_replaceable(tmp_path / ("a" * 256))
    assert too_long.value.errno == errno.ENAMETOOLONG
