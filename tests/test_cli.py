"""The `parallax` command: argument handling, exit codes, safe writes, stderr reporting."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest

from aligner import __version__
from aligner.export.json import from_json
from aligner.load.corpus import NoInputError
from aligner.load.limits import TooManySentences
from aligner.result.model import OffStory, SkippedFile
from tui import cli
from tui.cli import Progress, main

REPO_ROOT = Path(__file__).resolve().parent.parent


class FakeEngine:
    """Stands in for aligner.pipeline.compare: records calls, returns a fixed Comparison."""

    def __init__(self, comparison) -> None:
        self.comparison = comparison
        self.calls: list[tuple[list, dict]] = []
        self.workers: list[int] = []
        self.error: BaseException | None = None
        self.before_return = None

    def compare(self, paths=None, *, progress=None, should_stop=None, workers=1, **options):
        self.calls.append((list(paths or []), options))
        self.workers.append(workers)
        if progress is not None:
            progress("loading", 0.0)
        if self.error is not None:
            raise self.error
        if self.before_return is not None:
            self.before_return()
        return self.comparison


@pytest.fixture
def engine(monkeypatch, comparison) -> FakeEngine:
    fake = FakeEngine(comparison)
    pipeline = types.ModuleType("aligner.pipeline")
    pipeline.compare = fake.compare  # type: ignore[attr-defined]
    pipeline.TooManySentences = TooManySentences  # type: ignore[attr-defined]
    # A stand-in module rather than an attribute patch, so the real pipeline (and NLTK,
    # rapidfuzz) is never loaded by these plumbing tests.
    monkeypatch.setitem(sys.modules, "aligner.pipeline", pipeline)
    return fake


# -- success paths ------------------------------------------------------------------------


def test_export_json_to_stdout_reports_skipped_files_on_stderr(engine, capsys) -> None:
    assert main(["export", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert from_json(out)["articles"][0]["id"] == "a1"
    assert err == "skipped corpus/photo|<x>.png: binary file, not text\n"


def test_export_notes_a_source_about_another_story_on_stderr(engine, capsys) -> None:
    off = OffStory("a3", names=58, names_shared=0, sentences=32, sentences_shared=2)
    engine.comparison = replace(engine.comparison, skipped=(), off_story=(off,))
    assert main(["export", "--format", "json"]) == 0
    _, err = capsys.readouterr()
    assert err == (
        "note: a3 (corpus/ap.html) may be about another story: 0 of its 58 name mentions "
        "and 2 of its 32 sentences are found in the other sources\n"
    )


def test_no_path_compares_the_sample_corpus(engine, capsys) -> None:
    # No paths reach the engine, which then compares its sample corpus.
    assert main(["export", "--format", "json"]) == 0
    assert engine.calls == [([], {"recursive": False})]


def test_export_lets_the_engine_use_every_usable_cpu(engine, capsys) -> None:
    assert main(["export", "--format", "json"]) == 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert engine.workers == [usable]


def test_options_reach_the_engine(engine, tmp_path, capsys) -> None:
    args = ["export", str(tmp_path), "--format", "json", "--threshold", "70.5", "--pivot", "2"]
    assert main([*args, "--recursive", "--max-file-mb", "1.5"]) == 0
    assert engine.calls == [
        (
            [str(tmp_path)],
            {"recursive": True, "threshold": 70.5, "pivot": 2, "max_file_bytes": 1_500_000},
        )
    ]


def test_default_format_is_markdown(engine, capsys) -> None:
    assert main(["export"]) == 0
    assert capsys.readouterr().out.startswith("# Parallax comparison: ")


@pytest.mark.parametrize(
    ("name", "extra", "first_line"),
    [
        ("out.json", [], "{"),
        ("out.txt", ["--format", "json"], "{"),
        ("out.md", ["--format", "json"], "{"),
    ],
)
def test_output_file_format_from_flag_or_suffix(engine, tmp_path, capsys, name, extra, first_line):
    target = tmp_path / name
    assert main(["export", "-o", str(target), *extra]) == 0
    assert target.read_text(encoding="utf-8").splitlines()[0] == first_line
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_markdown_suffix_writes_markdown(engine, tmp_path, capsys) -> None:
    target = tmp_path / "comparison.markdown"
    assert main(["export", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Parallax comparison")


def test_dash_output_means_stdout(engine, capsys) -> None:
    assert main(["export", "-o", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "parallax.comparison/1"


def test_unknown_suffix_without_format_is_a_usage_error(engine, tmp_path, capsys) -> None:
    target = tmp_path / "out.txt"
    assert main(["export", "-o", str(target)]) == 2
    assert "--format" in capsys.readouterr().err
    assert not target.exists()
    assert engine.calls == []


# -- overwriting and write errors ---------------------------------------------------------


def test_refuses_to_overwrite_without_force(engine, tmp_path, capsys) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    assert main(["export", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "precious"
    assert engine.calls == []  # refused before doing the work


def test_force_overwrites(engine, tmp_path, capsys) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    assert main(["export", "-o", str(target), "--force"]) == 0
    assert from_json(target.read_text(encoding="utf-8"))["groups"]


def test_file_created_during_the_work_is_not_clobbered(engine, tmp_path, capsys) -> None:
    target = tmp_path / "out.json"
    engine.before_return = lambda: target.write_text("theirs", encoding="utf-8")
    assert main(["export", "-o", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs POSIX permissions")
def test_read_only_folder_is_a_clear_one_line_error(tmp_path, unprivileged) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = unprivileged("-m", "tui.cli", "export", "-o", folder / "out.json")
        assert result.returncode == 1
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
    err = result.stderr
    assert err.startswith("parallax: cannot write ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_disk_full_is_a_clear_one_line_error(engine, tmp_path, monkeypatch, capsys) -> None:
    import tui.atomic

    def full(path, text, *, overwrite=False):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tui.atomic, "write_text_atomic", full)
    assert main(["export", "-o", str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"parallax: cannot write {tmp_path / 'out.json'}: No space left on device"
    assert not any("Traceback" in line for line in err)


def test_output_into_missing_folder_fails_before_the_work(engine, tmp_path, capsys) -> None:
    assert main(["export", "-o", str(tmp_path / "nope" / "out.json")]) == 1
    assert "folder does not exist" in capsys.readouterr().err
    assert engine.calls == []


def test_output_that_is_a_folder_is_a_usage_error(engine, tmp_path, capsys) -> None:
    assert main(["export", "-o", str(tmp_path), "--format", "json"]) == 2
    assert "is a folder" in capsys.readouterr().err


# -- input problems -----------------------------------------------------------------------


def test_nonexistent_path_is_a_usage_error(engine, tmp_path, capsys) -> None:
    missing = tmp_path / "missing"
    assert main(["export", str(missing)]) == 2
    assert capsys.readouterr().err == f"parallax: no such file or folder: {missing}\n"
    assert engine.calls == []


def test_engine_no_input_error_is_a_usage_error(engine, capsys) -> None:
    engine.error = NoInputError("nothing to compare in empty/")
    assert main(["export"]) == 2
    assert capsys.readouterr().err == "parallax: nothing to compare in empty/\n"


def test_input_the_engine_refuses_is_a_usage_error(engine, capsys) -> None:
    engine.error = TooManySentences("250,000 sentences and other lines exceed the limit of 200,000")
    assert main(["export"]) == 2
    assert capsys.readouterr().err == (
        "parallax: 250,000 sentences and other lines exceed the limit of 200,000\n"
    )


def test_any_other_engine_value_error_is_reported_as_a_bug(engine, capsys) -> None:
    engine.error = ValueError("n-grams of 1 to 3 words")
    assert main(["export"]) == 1
    assert capsys.readouterr().err == (
        "parallax: unexpected error: ValueError: n-grams of 1 to 3 words "
        "(set PARALLAX_DEBUG=1 for details)\n"
    )


def test_no_readable_article_exits_2_and_lists_reasons(engine, comparison, capsys) -> None:
    engine.comparison = replace(
        comparison,
        articles=(),
        groups=(),
        conflicts=(),
        stats=(),
        similarity={},
        skipped=(SkippedFile("a.pdf", "unknown file type .pdf"), SkippedFile("b.txt", "empty")),
    )
    assert main(["export"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "skipped a.pdf: unknown file type .pdf\n"
        "skipped b.txt: empty\n"
        "parallax: no article could be read (every file was skipped)\n"
    )


def test_control_characters_in_file_names_do_not_reach_the_terminal(
    engine, comparison, capsys
) -> None:
    engine.comparison = replace(
        comparison, skipped=(SkippedFile("evil\x1b]0;owned\x07.txt", "binary\x9b2J"),)
    )
    assert main(["export", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert err == "skipped evil\\x1b]0;owned\\x07.txt: binary\\x9b2J\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--threshold", "150"],
        ["--threshold", "nan"],
        ["--threshold", "high"],
        ["--pivot", "-1"],
        ["--pivot", "1.5"],
        ["--max-file-mb", "0"],
        ["--format", "xml"],
        ["--bogus"],
        ["-o"],
        ["--name", "a2"],
        ["--name", "=NBC4"],
        ["--name", "a2=\x1b\x07 "],  # nothing left once control characters are dropped
    ],
)
def test_bad_arguments_are_usage_errors(engine, capsys, args) -> None:
    assert main(["export", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parallax export: ") or err.startswith("parallax: ")
    assert "usage: parallax export" in err
    assert engine.calls == []


def test_unexpected_error_is_one_line_without_traceback(engine, capsys, monkeypatch) -> None:
    monkeypatch.delenv("PARALLAX_DEBUG", raising=False)
    engine.error = RuntimeError("boom")
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "parallax: unexpected error: RuntimeError: boom (set PARALLAX_DEBUG=1 for details)\n"
    )


def test_debug_variable_shows_the_traceback(engine, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PARALLAX_DEBUG", "1")
    engine.error = RuntimeError("boom")
    assert main(["export"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: boom" in err


# -- help, version, reader ----------------------------------------------------------------


def test_help_and_version(capsys) -> None:
    assert main(["--help"]) == 0
    reader_help = capsys.readouterr().out
    assert "parallax export --help" in reader_help and "./export" in reader_help
    assert main(["export", "--help"]) == 0
    export_help = capsys.readouterr().out
    for option in ("--output", "--format", "--force", "--threshold", "--pivot", "--recursive"):
        assert option in export_help
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"parallax {__version__}\n"
    assert main(["export", "--version"]) == 0
    assert capsys.readouterr().out == f"parallax {__version__}\n"


@pytest.fixture
def reader(monkeypatch) -> list:
    calls: list = []
    app = types.ModuleType("tui.app")

    def run_app(paths, *, threshold, recursive, max_convert_seconds=None):
        calls.append((paths, threshold, recursive))
        return 0

    app.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.app", app)
    return calls


def test_reader_gets_paths_and_options(reader, tmp_path) -> None:
    assert main([str(tmp_path), "--threshold", "55", "--recursive"]) == 0
    assert reader == [([str(tmp_path)], 55.0, True)]


def test_reader_without_arguments_uses_its_defaults(reader) -> None:
    assert main([]) == 0
    assert reader == [([], None, False)]


def test_folder_named_export_is_reachable_as_dot_slash(reader, tmp_path, monkeypatch) -> None:
    (tmp_path / "export").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["./export"]) == 0
    assert reader == [(["./export"], None, False)]


def test_reader_rejects_missing_paths_before_starting(reader, tmp_path, capsys) -> None:
    assert main([str(tmp_path / "missing")]) == 2
    assert reader == []
    assert "no such file or folder" in capsys.readouterr().err


# -- progress -----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_waits_for_the_delay_then_draws_and_clears() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, enabled=True, delay=0.5, clock=clock)
    progress("loading", 0.1)
    assert stream.getvalue() == ""
    clock.now += 0.6
    progress("aligning", 0.5)
    assert stream.getvalue() == "\raligning  50%"
    clock.now += 0.01
    progress("aligning", 0.6)  # too soon to redraw
    assert stream.getvalue() == "\raligning  50%"
    progress.clear()
    assert stream.getvalue().endswith("\r" + " " * len("aligning  50%") + "\r")


def test_progress_disabled_draws_nothing_and_escapes_stage_names() -> None:
    stream, clock = io.StringIO(), Clock()
    Progress(stream, enabled=False, delay=0.0, clock=clock)("x", 1.0)
    assert stream.getvalue() == ""
    shown = Progress(stream, enabled=True, delay=0.0, clock=clock)
    shown("\x1b[2J", 2.0)
    assert stream.getvalue() == "\r\\x1b[2J 100%"


def test_progress_is_off_when_stderr_is_not_a_terminal(engine, capsys) -> None:
    assert cli._is_terminal(sys.stderr) is False
    assert main(["export", "--format", "json"]) == 0
    assert "%" not in capsys.readouterr().err


# -- end to end with the real engine on the sample corpus -------------------------------


def run_parallax(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter and report whether Textual got imported."""
    code = (
        "import sys; from tui.cli import main; rc = main(sys.argv[1:]); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); "
        "sys.stderr.write('TEXTUAL:' + ','.join(bad) + '\\n'); sys.exit(rc)"
    )
    return run_python(code, *args, cwd=cwd)


def run_python(code: str, *args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter that imports this checkout, ``args`` its argv."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_sample_corpus_json_export_end_to_end(tmp_path) -> None:
    target = tmp_path / "sample.json"
    result = run_parallax("export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL:\n" in result.stderr  # `parallax export` never imported Textual
    data = from_json(target.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 5
    prose = [s["id"] for a in data["articles"] for s in a["sentences"] if s["kind"] == "prose"]
    grouped = [sid for g in data["groups"] for sid in g["sentences"]]
    assert sorted(prose) == sorted(grouped)


def test_sample_corpus_markdown_to_stdout_is_deterministic(tmp_path) -> None:
    from markdown_it import MarkdownIt

    from aligner.export.markdown import escape_inline

    first = run_parallax("export")
    second = run_parallax("export")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "TEXTUAL:\n" in first.stderr
    document = first.stdout
    assert document.startswith("# Parallax comparison: ")
    assert document.count("\n## Only in ") == 5
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(document)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_inline"}
    # Every prose sentence of every source is shown in the document.
    data = from_json(run_parallax("export", "--format", "json").stdout)
    for article in data["articles"]:
        for sentence in article["sentences"]:
            if sentence["kind"] == "prose":
                assert escape_inline(sentence["text"]) in document


def run_the_program(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as the installed program runs it (``main()`` reading sys.argv), with an exit
    handler, saying whether ``main()`` returned."""
    code = (
        "import atexit, sys; atexit.register(lambda: sys.stderr.write('EXIT HANDLERS RAN;')); "
        "from tui.cli import main; sys.argv[0] = 'parallax'; rc = main(); "
        "sys.stderr.write('MAIN RETURNED;'); sys.exit(rc)"
    )
    return run_python(code, *args)


@pytest.mark.parametrize("to_file", [False, True])
def test_the_program_ends_as_soon_as_its_export_is_written_and_loses_none_of_it(
    tmp_path, to_file: bool
) -> None:
    # Ending at once skips the teardown of a large comparison: the whole document, flushed.
    expected = run_parallax("export", "--format", "json").stdout
    target = tmp_path / "out.json"
    result = run_the_program("export", "--format", "json", "-o", str(target) if to_file else "-")
    # Ended inside main(), its exit handlers run, without the interpreter's teardown.
    assert result.returncode == 0 and result.stderr == "EXIT HANDLERS RAN;"
    written = target.read_text(encoding="utf-8") if to_file else result.stdout
    assert written == expected and written.endswith("}\n")
    # A failed export ends as before, through the interpreter's exit.
    refused = run_the_program("export", str(tmp_path / "missing"))
    assert refused.returncode == 2 and refused.stderr.endswith("MAIN RETURNED;EXIT HANDLERS RAN;")


def test_export_names_sources_by_the_outlet_their_files_name(tmp_path) -> None:
    story = "The bridge reopened on Monday after two years of repairs.\n"
    (tmp_path / "001_afc6bf5d3029826a.txt").write_text(
        f"Bridge reopens\n\nLONDON (Reuters) - {story}", encoding="utf-8"
    )
    (tmp_path / "002.md").write_text(
        f"---\ntitle: Bridge\noutlet: Valley Times\n---\n{story}", encoding="utf-8"
    )
    (tmp_path / "003.html").write_text(
        '<html><head><meta property="og:site_name" content="The Harbour Herald"></head>'
        f"<body><article><p>{story}</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "a4_sun-sentinel.txt").write_text(story, encoding="utf-8")
    names = ["Reuters", "Valley Times", "The Harbour Herald", "sun sentinel"]
    data = from_json(run_parallax("export", str(tmp_path), "--format", "json").stdout)
    assert [article["source"] for article in data["articles"]] == names
    markdown = run_parallax("export", str(tmp_path))
    assert markdown.returncode == 0, markdown.stderr
    for name in names:
        assert f"| {name} |" in markdown.stdout


def test_nonexistent_path_end_to_end(tmp_path) -> None:
    result = run_parallax("export", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_folder_without_articles_end_to_end(tmp_path) -> None:
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_parallax("export", str(tmp_path))
    assert result.returncode == 2
    assert "skipped " in result.stderr and "no article could be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_control_characters_in_arguments_are_not_echoed_raw(engine, capsys) -> None:
    assert main(["export", "--threshold", "\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J" in err


def test_paths_and_options_may_be_mixed(engine, tmp_path, capsys) -> None:
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("x", encoding="utf-8")
    second.write_text("y", encoding="utf-8")
    assert main(["export", str(first), "--format", "json", str(second)]) == 0
    assert engine.calls[0][0] == [str(first), str(second)]


def test_a_pivot_past_the_last_source_is_a_usage_error(capsys) -> None:
    # The sample corpus has five sources, numbered 0 to 4.
    assert main(["export", "--pivot", "4", "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["export", "--pivot", "5"]) == 2
    err = capsys.readouterr().err
    assert "--pivot 5 names no source: 5 were read, numbered 0 to 4" in err


def test_name_gives_sources_names_of_ones_own_and_refuses_an_unknown_id(capsys) -> None:
    # The sample corpus has five sources, a1 to a5; the last name given to one wins.
    args = [
        "export",
        "--format",
        "json",
        "--name",
        "A2=NBC4",
        "--name",
        "a2= Sun\x1b[31m  Sentinel",
    ]
    assert main([*args, "--name", "a5=War talks"]) == 0
    out, err = capsys.readouterr()
    sources = {a["id"]: a["source"] for a in from_json(out)["articles"]}
    assert (sources["a2"], sources["a5"]) == ("Sun[31m Sentinel", "War talks")
    assert sources["a1"] == "diplomatic talks" and err == ""
    assert main(["export", "--name", "a6=Wire"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "parallax: --name a6 names no source: 5 were read, a1 to a5\n"


def test_an_output_folder_is_named_as_a_folder(tmp_path, capsys) -> None:
    folder = tmp_path / "outs"
    folder.mkdir()
    assert main(["export", "-o", str(folder)]) == 2
    assert "outs is a folder; -o needs a file name" in capsys.readouterr().err


def test_reader_takes_the_convert_budget(monkeypatch, tmp_path) -> None:
    seen: dict = {}
    app = types.ModuleType("tui.app")
    app.run_app = lambda paths, **options: seen.update(options) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.app", app)
    assert main([str(tmp_path), "--max-convert-seconds", "30"]) == 0
    assert seen["max_convert_seconds"] == 30.0


def test_the_export_program_runs_no_garbage_collection(monkeypatch, capsys) -> None:
    # Only as the program (argv from sys.argv): a caller of main() keeps its collector, and
    # its process (the program ends at once once its export is written).
    calls: list[object] = []
    monkeypatch.setattr(cli, "collector_off_for_this_process", lambda: calls.append("off"))
    monkeypatch.setattr(cli, "_exit_now", lambda status, *streams: calls.append(("exit", status)))
    monkeypatch.setattr(sys, "argv", ["parallax", "export", "--format", "json"])
    assert main() == 0
    assert main(["export", "--format", "json"]) == 0
    assert calls == ["off", ("exit", 0)]


@pytest.mark.skipif(
    not os.path.isdir("/proc/self/task") or (os.cpu_count() or 1) < 2,
    reason="counts threads in /proc; OpenBLAS starts no extra thread on one CPU",
)
def test_the_export_program_runs_numpy_with_one_blas_thread() -> None:
    # Run as the program (its own process, numpy not imported yet), kept alive after the
    # export to count its threads: OpenBLAS would have started one per further CPU.
    code = (
        "import os, sys\n"
        "from tui import cli\n"
        "cli._exit_now = lambda status, *streams: None\n"
        "sys.argv = ['parallax', 'export', '--format', 'json']\n"
        "cli.main()\n"
        "import numpy\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], len(os.listdir('/proc/self/task')),"
        " file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stderr.split() == ["1", "1"]
