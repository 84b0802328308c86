"""The `parallax` command: open the reader, or `parallax export` a comparison without Textual."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import errno
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

import aligner
from aligner.export import FORMATS, ExportFormat, format_for_path, render
from aligner.runtime.collector import collector_off_for_this_process
from aligner.text.terminal_safety import escape_unsafe
from tui.atomic import NotRegularFile, check_replaceable
from tui.source_names import clean_source_name

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

PROG = "parallax"
_DEBUG_ENV = "PARALLAX_DEBUG"

_READ_USAGE = (
    "parallax [PATH ...] [--threshold N] [--recursive] [--max-convert-seconds N]\n"
    "       parallax export --help"
)
_EXPORT_USAGE = (
    "parallax export [PATH ...] [-o FILE] [--format {markdown,json}] [--threshold N]\n"
    "                       [--pivot N] [--force] [--recursive] [--max-file-mb N]\n"
    "                       [--max-sentences N] [--max-convert-seconds N] [--name ID=NAME]"
)
_EPILOG = (
    "With no PATH, Parallax compares its built-in sample corpus. A PATH is a folder of "
    "articles (.txt, .md, .html) or single files. `parallax export ...` is the export "
    "command; to open a folder that is literally named `export`, write ./export."
)


class UsageError(Exception):
    """The command line asks for something impossible; exit status 2."""


class CommandFailed(Exception):
    """The command could not do its job (refused overwrite, write error); exit status 1."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` decides exit codes and streams."""

    def error(self, message: str) -> NoReturn:
        usage = self.format_usage().removeprefix("usage: ")
        raise UsageError(f"{printable(message)}\nusage: {usage}")


def printable(text: object) -> str:
    """``text`` with every character the terminal rule (aligner/text/terminal_safety.py) refuses
    shown as an escape instead of acting on the terminal or hiding in it."""
    return escape_unsafe(str(text))


def _threshold(value: str) -> float:
    number = _number(value, float)
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"must be between 0 and 100, not {value}")
    return number


def _pivot(value: str) -> int:
    number = _number(value, int)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return number


def _sentence_limit(value: str) -> int:
    number = _number(value, int)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number


def _positive(value: str) -> float:
    number = _number(value, float)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


def _id_and_name(value: str) -> tuple[str, str]:
    """``ID=NAME`` (``a2=NBC4``): a source's id as the Sources table gives it, and its name,
    cleaned as the reader's ``R`` cleans one."""
    source, equals, typed = value.partition("=")
    source = source.strip().lower()
    name = clean_source_name(typed)
    if not equals or not source or not name:
        raise argparse.ArgumentTypeError(f"expected ID=NAME (a2=NBC4), not {value!r}")
    return source, name


def _number(value: str, kind: Callable[[str], Any]) -> Any:
    try:
        number = kind(value)
    except ValueError:
        wanted = "a whole number" if kind is int else "a number"
        raise argparse.ArgumentTypeError(f"not {wanted}: {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):  # NaN and infinities
        raise argparse.ArgumentTypeError(f"not a finite number: {value!r}")
    return number


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folders or files of articles")
    parser.add_argument(
        "--threshold",
        type=_threshold,
        metavar="N",
        help="similarity (0-100) two sentences need to count as the same claim",
    )
    parser.add_argument("--recursive", action="store_true", help="descend into sub-folders")
    parser.add_argument(
        "--max-convert-seconds",
        type=_positive,
        metavar="N",
        help="skip an HTML or Markdown file that takes longer than N seconds to convert "
        "(default 5)",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {aligner.__version__}")


def _read_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        usage=_READ_USAGE,
        description="Open the Parallax reader: articles about one event side by side, every "
        "sentence marked shared, unique or contradicting.",
        epilog=_EPILOG,
    )
    _add_common(parser)
    return parser


def _export_parser() -> _Parser:
    parser = _Parser(
        prog=f"{PROG} export",
        usage=_EXPORT_USAGE,
        description="Compare articles and write the comparison as Markdown (for people) or "
        "JSON (for programs), without opening the reader.",
        epilog=_EPILOG,
    )
    _add_common(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout ('-' is stdout)"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the FILE suffix .md/.json, else markdown)",
    )
    parser.add_argument(
        "--pivot",
        type=_pivot,
        metavar="N",
        help="0-based index of the source whose order the comparison follows (default 0)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.add_argument(
        "--max-file-mb",
        type=_positive,
        metavar="N",
        help="skip files larger than N megabytes (default 5)",
    )
    parser.add_argument(
        "--max-sentences",
        type=_sentence_limit,
        metavar="N",
        help="refuse to align more than N sentences and other lines in all (default 200000)",
    )
    parser.add_argument(
        "--name",
        type=_id_and_name,
        action="append",
        default=[],
        metavar="ID=NAME",
        help="call source ID (a1, a2, ... as in the Sources table) NAME; repeatable",
    )
    return parser


def _check_paths_exist(paths: Sequence[str]) -> None:
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageError("no such file or folder: " + ", ".join(printable(p) for p in missing))


class Progress:
    """Progress on a terminal's stderr, shown only once the work has run for ``delay`` seconds."""

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool,
        delay: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._enabled = enabled
        self._delay = delay
        self._clock = clock
        self._started = clock()
        self._last_shown = float("-inf")
        self._width = 0

    def __call__(self, stage: str, fraction: float) -> None:
        if not self._enabled:
            return
        now = self._clock()
        # Redrawing more than ten times a second only costs time.
        if now - self._started < self._delay or now - self._last_shown < 0.1:
            return
        self._last_shown = now
        percent = round(min(max(fraction, 0.0), 1.0) * 100)
        line = f"{printable(stage)[:60]} {percent:3d}%"
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = max(self._width, len(line))

    def clear(self) -> None:
        """Erase the progress line, if one was drawn."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def usable_cpus() -> int:
    """CPUs this process may run on: the engine's ``workers`` for `parallax export`."""
    # The export runs the engine in this (single-threaded) process, so the engine may fork
    # helpers for large corpora; the reader compares in a thread and never asks it to.
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _compare(args: argparse.Namespace, progress: Progress) -> aligner.Comparison:
    # Imported late: the engine pulls in rapidfuzz and NLTK, which `--help` never needs.
    from aligner.load.corpus import NoInputError
    from aligner.load.limits import TooManySentences
    from aligner.pipeline import compare

    options: dict[str, Any] = {"recursive": args.recursive}
    if args.threshold is not None:
        options["threshold"] = args.threshold
    if args.pivot is not None:
        options["pivot"] = args.pivot
    if args.max_file_mb is not None:
        options["max_file_bytes"] = int(args.max_file_mb * 1_000_000)
    if args.max_sentences is not None:
        options["max_sentences"] = args.max_sentences
    if args.max_convert_seconds is not None:
        options["max_convert_seconds"] = args.max_convert_seconds
    try:
        # No paths: the engine compares its sample corpus (and names it portably).
        return compare(list(args.paths), progress=progress, workers=usable_cpus(), **options)
    except (NoInputError, TooManySentences) as error:
        # The engine's documented refusals of the input; any other error is a bug, reported
        # as one by main() rather than disguised as the user's mistake.
        raise UsageError(printable(error)) from error
    finally:
        progress.clear()


def _report_loading(comparison: aligner.Comparison, stderr: TextIO) -> None:
    for skipped in comparison.skipped:
        stderr.write(f"skipped {printable(skipped.path)}: {printable(skipped.reason)}\n")
    for notice in comparison.notices:
        stderr.write(f"repaired {printable(notice.path)}: {printable(notice.message)}\n")
    for note in comparison.limit_notices:
        stderr.write(f"note: {printable(note)}\n")
    for off in comparison.off_story:
        article = comparison.article_by_id[off.article_id]
        stderr.write(
            f"note: {printable(article.id)} ({printable(article.path)}) may be about another "
            f"story: {off.reason}\n"
        )


def _export(argv: Sequence[str], stdout: TextIO, stderr: TextIO, *, at_once: bool = False) -> int:
    """``parallax export``; with ``at_once`` (the program itself) the process ends as soon
    as the export is written (see ``_exit_now``)."""
    args = _export_parser().parse_intermixed_args(argv)
    to_stdout = args.output in (None, "-")
    if to_stdout and stdout is None:
        # Started with stdout closed (`>&-`): say so before doing the work for nothing.
        raise CommandFailed("cannot write to standard output: it is closed")
    if not to_stdout:
        # Said before the suffix is read: "outs" is a folder, not a file without a suffix.
        _check_target_kind(Path(args.output))
    fmt: ExportFormat | None = args.format
    if fmt is None:
        fmt = "markdown" if to_stdout else format_for_path(args.output)
        if fmt is None:
            raise UsageError(
                f"cannot tell the format of {printable(args.output)} from its suffix; "
                "use .md or .json, or --format markdown|json"
            )
    _check_paths_exist(args.paths)
    if not to_stdout:
        _check_writable_target(Path(args.output), force=args.force)

    comparison = _compare(args, Progress(stderr, enabled=_is_terminal(stderr)))
    _report_loading(comparison, stderr)
    if not comparison.articles:
        found = "every file was skipped" if comparison.skipped else "no article files found"
        raise UsageError(f"no article could be read ({found})")
    if args.pivot is not None and args.pivot >= len(comparison.articles):
        count = len(comparison.articles)
        raise UsageError(
            f"--pivot {args.pivot} names no source: {count} were read, numbered 0 to {count - 1}"
        )

    comparison = _named(comparison, args.name)
    text = render(comparison, fmt=fmt, workers=usable_cpus())
    if to_stdout:
        _write_stdout(text, stdout)
    else:
        _write_file(Path(args.output), text, force=args.force)
    if at_once:
        _exit_now(EXIT_OK, stdout, stderr)
    return EXIT_OK


def _named(comparison: aligner.Comparison, names: Sequence[tuple[str, str]]) -> aligner.Comparison:
    """The comparison with the sources ``--name`` names called so (the last name given to
    a source wins); a usage error for an id no source has."""
    path_of = {article.id: article.path for article in comparison.articles}
    for source, _ in names:
        if source not in path_of:
            ids = [article.id for article in comparison.articles]
            raise UsageError(
                f"--name {printable(source)} names no source: {len(ids)} were read, "
                f"{ids[0]} to {ids[-1]}"
            )
    return comparison.with_source_names({path_of[source]: name for source, name in names})


def _exit_now(status: int, *streams: TextIO | None) -> NoReturn:
    """End the process with ``status``: exit handlers run and output streams flushed, as at
    a normal exit, but without the interpreter's teardown.

    Once a large export is written nothing is left to do, yet freeing the comparison's
    objects and tearing down the interpreter took a tenth of a second (msrp10k14: 0.02 s and
    0.09 s). Safe: the export's children were all reaped and its file written and closed
    (tui/atomic.py); what must happen at exit is registered with atexit, and runs.
    """
    atexit._run_exitfuncs()
    for stream in streams:
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(status)


def _check_target_kind(target: Path) -> None:
    """Refuse a target that names no file the export could replace: a folder, a device or
    pipe (it would be replaced by a file, not written to), or a name the system cannot take."""
    try:
        check_replaceable(target)
    except NotRegularFile as error:
        if error.kind == "folder":
            raise UsageError(f"{printable(target)} is a folder; -o needs a file name") from None
        advice = "use -o - for stdout"
        raise UsageError(f"{printable(target)} is not a regular file; {advice}") from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise UsageError(f"file name too long: {printable(target)}") from None
        raise CommandFailed(f"cannot write {printable(target)}: {_reason(error)}") from None


def _check_writable_target(target: Path, *, force: bool) -> None:
    # Checked before the comparison runs so a doomed export fails at once, not after the work
    # (what kind of file the target is was checked first of all, by _check_target_kind).
    if target.exists() and not force:
        raise CommandFailed(f"{printable(target)} exists; use --force to overwrite it")
    if not target.parent.is_dir():
        raise CommandFailed(f"cannot write {printable(target)}: its folder does not exist")


def _write_file(target: Path, text: str, *, force: bool) -> None:
    from tui.atomic import RefusedOverwrite, write_text_atomic

    try:
        write_text_atomic(target, text, overwrite=force)
    except RefusedOverwrite:
        raise CommandFailed(f"{printable(target)} exists; use --force to overwrite it") from None
    except OSError as error:
        raise CommandFailed(f"cannot write {printable(target)}: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    """An OSError's reason without the file name it repeats ("No space left on device")."""
    return printable(error.strerror or error)


def _write_stdout(text: str, stdout: TextIO) -> None:
    try:
        _write_text(text, stdout)
    except BrokenPipeError:
        raise  # the reader went away (`| head`): main ends quietly
    except OSError as error:  # a full disk behind `> file`, /dev/full, an I/O error
        _silence_stdout()
        raise CommandFailed(f"cannot write to standard output: {_reason(error)}") from None


def _write_text(text: str, stdout: TextIO) -> None:
    # The export is UTF-8 whatever the locale says; text streams without a buffer (tests)
    # take the str.
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stdout.write(text)
        stdout.flush()


def _read(argv: Sequence[str]) -> int:
    args = _read_parser().parse_intermixed_args(argv)
    _check_paths_exist(args.paths)
    # Textual is imported only on this path; `parallax export` never loads it.
    from tui.app import run_app

    return run_app(
        list(args.paths),
        threshold=args.threshold,
        recursive=args.recursive,
        max_convert_seconds=args.max_convert_seconds,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    stdout, stderr = sys.stdout, sys.stderr
    try:
        if arguments[:1] == ["export"]:
            program = argv is None  # the program itself, which exits once the export is written
            if program:
                collector_off_for_this_process()
                _one_blas_thread()
            return _export(arguments[1:], stdout, stderr, at_once=program)
        return _read(arguments)
    except SystemExit as exit_request:  # --help and --version
        code = exit_request.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_FAILURE)
    except UsageError as error:
        stderr.write(f"{PROG}: {error}\n")
        return EXIT_USAGE
    except CommandFailed as error:
        stderr.write(f"{PROG}: {error}\n")
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader of stdout went away (`parallax export | head`); nothing left to say.
        _silence_stdout()
        return EXIT_FAILURE
    except KeyboardInterrupt:
        stderr.write(f"\n{PROG}: interrupted\n")
        return 130
    except Exception as error:
        if os.environ.get(_DEBUG_ENV) == "1":
            traceback.print_exc(file=stderr)
        else:
            stderr.write(
                f"{PROG}: unexpected error: {type(error).__name__}: {printable(error)} "
                f"(set {_DEBUG_ENV}=1 for details)\n"
            )
        return EXIT_FAILURE


def _one_blas_thread() -> None:
    """One OpenBLAS thread for this process and its children, unless the user chose a number.

    The engine's one BLAS call multiplies each pair's six features by the model's weights
    (``CounterpartModel.scores``): a pool of threads gains nothing there, and its threads spin
    for a while after each call on the cores the export's forked workers need (msrp10k14:
    0.13 s of 3.4 s of CPU, the same bytes out). It takes effect because numpy is first
    imported after this, with the engine (``_compare``).
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _silence_stdout() -> None:
    # Python would report the broken pipe (or full disk) again when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
