"""Find article files, read each within a size limit into a Document, or give the reason why not."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.load.decode import decode_bytes, sanitize_text
from aligner.load.formats import CONVERTERS, SUPPORTED_SUFFIXES, Converter, clean_title
from aligner.load.outlets import outlet_from_credit
from aligner.load.skip import SkipFile
from aligner.load.timed_convert import DEFAULT_CONVERT_SECONDS, convert_within
from aligner.result.model import CompareOptions, FileNotice, SkippedFile, display_path
from aligner.runtime.cancel import checked, checkpoint

__all__ = [
    "DEFAULT_CONVERT_SECONDS",
    "SUPPORTED_SUFFIXES",
    "Document",
    "LoadResult",
    "NoInputError",
    "format_size",
    "load_documents",
    "natural_sort_key",
    "source_name",
]

# One source for the default limits: the comparison options (whose defaults compare() takes).
_DEFAULTS = CompareOptions()


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded file: its clean text (one paragraph per line) and what it says about itself."""

    path: str
    source: str  # the outlet the file names, else a name made from the file name
    text: str
    title: str | None


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Documents in natural path order, the files that could not be loaded, and what was
    repaired in files that did load."""

    documents: tuple[Document, ...]
    skipped: tuple[SkippedFile, ...]
    notices: tuple[FileNotice, ...] = ()


class NoInputError(Exception):
    """A path given by the user does not exist."""


def load_documents(
    paths: Sequence[str | Path],
    *,
    recursive: bool = False,
    max_file_bytes: int = _DEFAULTS.max_file_bytes,
    max_convert_seconds: float = DEFAULT_CONVERT_SECONDS,
) -> LoadResult:
    """Load every supported file found in ``paths`` (files and/or folders).

    Bad files never raise; they come back in ``LoadResult.skipped`` with a reason, as do
    HTML and Markdown files whose conversion takes over ``max_convert_seconds``.
    Raises NoInputError when a given path does not exist.
    """
    files, skipped = _collect_files(paths, recursive=recursive)
    loaded: list[tuple[Path, str, str | None, str | None]] = []
    notices: list[FileNotice] = []
    for path in checked(files):
        try:
            text, title, outlet, notice = _load_file(
                path, max_file_bytes=max_file_bytes, max_convert_seconds=max_convert_seconds
            )
        except SkipFile as skip:
            skipped.append(SkippedFile(display_path(path), skip.reason))
        else:
            loaded.append((path, text, title, outlet))
            if notice:
                notices.append(FileNotice(display_path(path), notice))
    sources = _unique_names(
        [outlet or source_name(path) for path, _, _, outlet in loaded],
        [source_name(path) for path, _, _, _ in loaded],
    )
    documents = tuple(
        Document(path=display_path(path), source=source, text=text, title=title)
        for (path, text, title, _), source in zip(loaded, sources, strict=True)
    )
    skipped.sort(key=lambda item: natural_sort_key(item.path))
    return LoadResult(documents=documents, skipped=tuple(skipped), notices=tuple(notices))


# --- finding files -------------------------------------------------------------------------


def natural_sort_key(text: str) -> tuple[tuple[int | str, ...], str]:
    """Sort key putting "2.txt" before "10.txt", ignoring case; ties broken by the raw string."""
    # re.split with a group alternates text and digit runs, so equal positions compare alike.
    parts = re.split(r"(\d+)", text)
    key = tuple(int(part) if index % 2 else part.casefold() for index, part in enumerate(parts))
    return key, text


def _collect_files(
    paths: Sequence[str | Path], *, recursive: bool
) -> tuple[list[Path], list[SkippedFile]]:
    """Expand folders, order naturally and list paths that resolve to a file already found
    as duplicates."""
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    for given in paths:
        path = Path(given)
        if _given_path_is_folder(path):
            _list_folder(path, recursive=recursive, found=found, skipped=skipped)
        else:
            found.append(path)  # given files are always attempted, whatever their name
    found.sort(key=lambda path: natural_sort_key(display_path(path)))
    kept, duplicates = _without_duplicates(found)
    skipped += duplicates
    return kept, skipped


def _given_path_is_folder(path: Path) -> bool:
    """Whether a path the user gave is a folder; raises NoInputError when it does not exist."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        raise NoInputError(f"no such file or folder: {display_path(path)}") from None
    except OSError:
        return False  # e.g. a symlink loop or no permission: loading it reports why


LINK_OUTSIDE = "link leads outside the folder"


def _list_folder(
    folder: Path, *, recursive: bool, found: list[Path], skipped: list[SkippedFile]
) -> None:
    """Append the visible files under ``folder``; never enter the same real folder twice.

    A folder the user names is theirs to read, but a link inside it that leads out of it
    (``dl/appendix.txt -> ~/.ssh/id_ed25519``, a folder link to ``/``) is not: unpacked
    archives keep their links, and an export would carry what they point at. Such links,
    dangling links and what is neither a file nor a folder (pipes, sockets, devices) are
    listed as skipped with the reason.
    """
    root = os.path.realpath(folder)
    pending = [folder]
    seen: set[tuple[int, int]] = set()
    while pending:
        checkpoint()
        current = pending.pop()
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in seen:
                continue  # a symlink back into a folder already listed
            seen.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            skipped.append(SkippedFile(display_path(current), _os_error_reason(error)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = current / entry.name
            if entry.is_symlink() and not _inside(os.path.realpath(path), root):
                skipped.append(SkippedFile(display_path(path), LINK_OUTSIDE))
            elif _entry_is(entry, "file"):
                found.append(path)
            elif _entry_is(entry, "dir"):
                if recursive:
                    pending.append(path)
            else:
                skipped.append(SkippedFile(display_path(path), _odd_entry_reason(entry)))


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _odd_entry_reason(entry: os.DirEntry[str]) -> str:
    """Why a folder entry that is neither a file nor a folder is skipped."""
    if entry.is_symlink():
        try:
            os.stat(entry.path)
        except FileNotFoundError:
            return "link leads nowhere"
        except OSError as error:  # a loop, or no permission to follow it
            return _os_error_reason(error)
    return "not a regular file (a pipe, socket or device)"


def _entry_is(entry: os.DirEntry[str], kind: str) -> bool:
    # Following a symlink can fail (loops, dangling links): such entries are neither.
    try:
        return entry.is_file() if kind == "file" else entry.is_dir()
    except OSError:
        return False


def _without_duplicates(paths: Sequence[Path]) -> tuple[list[Path], list[SkippedFile]]:
    """The paths in order, each real file once (the file itself rather than a link to it);
    the other paths to one file as skipped, saying which they repeat (a path given twice is
    just read once)."""
    by_real: dict[str, list[int]] = {}
    for index, path in enumerate(paths):
        by_real.setdefault(os.path.realpath(path), []).append(index)
    chosen: dict[str, int] = {
        real: next((k for k in group if not paths[k].is_symlink()), group[0])
        for real, group in by_real.items()
    }
    keep = set(chosen.values())
    duplicates = [
        SkippedFile(display_path(paths[k]), f"same file as {display_path(paths[chosen[real]])}")
        for real, group in by_real.items()
        for k in group
        if k != chosen[real] and paths[k] != paths[chosen[real]]
    ]
    return [path for k, path in enumerate(paths) if k in keep], duplicates


# --- reading one file ----------------------------------------------------------------------


def _load_file(
    path: Path, *, max_file_bytes: int, max_convert_seconds: float
) -> tuple[str, str | None, str | None, str | None]:
    """Text, title, outlet and repair notice of one file; raises SkipFile with a reason
    for people.

    The outlet is what the file's metadata or front matter names, else the credit that
    opens its text; None when it names none (the file name is then the source's name). The
    notice says what decoding had to repair (invalid UTF-8 bytes replaced), None if nothing.
    """
    convert = _converter_for(path)
    data = _read_limited(path, max_file_bytes=max_file_bytes)
    decoded = decode_bytes(data)
    text = sanitize_text(decoded.text)
    if not text.strip():
        raise SkipFile("empty file")  # blank whatever its format, not "empty after markup"
    converted, title, outlet = convert_within(convert, text, seconds=max_convert_seconds)
    # Markup can hide control characters in entities; text the converter left as it was is
    # sanitized already (sanitizing is idempotent).
    text = converted if converted is text else sanitize_text(converted)
    if not text.strip():
        raise SkipFile("file is empty after removing markup")
    return text, clean_title(title), outlet or outlet_from_credit(text), decoded.notice


def _converter_for(path: Path) -> Converter:
    suffix = path.suffix.lower()
    if suffix not in CONVERTERS:
        shown = suffix or "without extension"
        expected = ", ".join(SUPPORTED_SUFFIXES)
        raise SkipFile(f"unsupported file type {shown} (expected {expected})")
    return CONVERTERS[suffix]


def _read_limited(path: Path, *, max_file_bytes: int) -> bytes:
    """The file's bytes; the size is checked first so huge files are never read.

    The file is opened without blocking and then checked through the open descriptor: a
    file swapped for a named pipe between a check and the open would otherwise block the
    read forever.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise SkipFile(_os_error_reason(error)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise SkipFile("not a regular file")  # a folder, or a FIFO that could block
        _check_size(info.st_size, max_file_bytes=max_file_bytes)
        with os.fdopen(descriptor, "rb") as handle:
            descriptor = -1  # the handle closes it now
            # read(n) allocates n bytes up front, so ask for the size fstat gave (within the
            # limit), not for the limit; one byte more shows a file still being written.
            data = handle.read(info.st_size + 1)
    except OSError as error:
        raise SkipFile(_os_error_reason(error)) from None
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    if len(data) > info.st_size:
        raise SkipFile("file changed while it was read (still being written?)")
    _check_size(len(data), max_file_bytes=max_file_bytes)  # it may have shrunk since fstat
    return data


def _check_size(size: int, *, max_file_bytes: int) -> None:
    if size == 0:
        raise SkipFile("empty file")
    if size > max_file_bytes:
        limit, actual = format_size(max_file_bytes), format_size(size)
        if limit == actual:  # "the 5.0 MB limit (5.0 MB)" would not say what is wrong
            limit, actual = f"{max_file_bytes:,} bytes", f"{size:,} bytes"
        raise SkipFile(f"larger than the {limit} limit ({actual})")


def format_size(size: int) -> str:
    """Human size in decimal units: "512 bytes", "12.5 kB", "7.3 MB"."""
    if size < 1000:
        return f"{size} bytes"
    if size < 999_950:  # anything larger would round to "1000.0 kB"
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def _os_error_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"could not read: {error.strerror or error}"


# --- source names --------------------------------------------------------------------------

_ORDERING_PREFIX = re.compile(r"^(?:\d+|[a-z]\d+)[_\-. ]+", re.IGNORECASE)
_HASH_TOKEN = re.compile(r"(?=.*\d)[0-9a-f]{8,}", re.IGNORECASE)


def source_name(path: Path) -> str:
    """Readable source name from a file name: "a2_sun-sentinel.txt" -> "sun sentinel".

    A leading ordering prefix ("001_", "a1_") and a trailing hash ("…_7d4413c7") are dropped;
    when nothing is left the whole stem is used.
    """
    stem = _displayable_stem(path)
    words = re.split(r"[_\-.\s]+", _ORDERING_PREFIX.sub("", stem))
    words = [word for word in words if word]
    if words and _HASH_TOKEN.fullmatch(words[-1]):
        words.pop()
    return " ".join(words) or stem


def _displayable_stem(path: Path) -> str:
    """The file name's stem as text people can read: bytes that are not UTF-8 shown as U+FFFD,
    control characters and escape sequences removed (they would act on a terminal)."""
    stem = os.fsencode(path.stem).decode("utf-8", errors="replace")
    cleaned = " ".join(sanitize_text(stem).split())
    return cleaned or stem.encode("unicode_escape").decode("ascii")


def _unique_names(names: list[str], file_names: list[str]) -> list[str]:
    """Repeated names told apart by the files' own names where those differ ("AP (a7)" and
    "AP (a9)": two pieces of one outlet), else by " (2)", " (3)" … in order. ``file_names``:
    each file's readable name (``source_name``)."""
    by_name: dict[str, list[str]] = {}
    for name, file_name in zip(names, file_names, strict=True):
        by_name.setdefault(name, []).append(file_name.casefold())
    qualified = [
        f"{name} ({file_name})"
        if _tell_apart(by_name[name]) and file_name.casefold() != name.casefold()
        else name
        for name, file_name in zip(names, file_names, strict=True)
    ]
    return _numbered(qualified)


def _tell_apart(file_names: list[str]) -> bool:
    """Whether several files of one name have file names that all differ."""
    return len(file_names) > 1 and len(set(file_names)) == len(file_names)


def _numbered(names: list[str]) -> list[str]:
    """Append " (2)", " (3)" … to repeated names, in order."""
    unique: list[str] = []
    taken: set[str] = set()
    for name in names:
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name} ({number})"
        taken.add(candidate)
        unique.append(candidate)
    return unique
