"""Issue 13's speed yardstick: ``parallax export`` of the scale corpus against brute force.

    python bench/yardstick.py [--folder DIR] [--sentences 10000] [--rounds 5] [--msrp PATH]

The scale corpus is the MSRP training sentences, one article per 14 sentences (written to a
temporary folder unless ``--folder`` is given). Each round runs, in turn, a whole
``parallax export DIR -o - --format json`` in a fresh process (wall time, output discarded)
and the brute-force reference over the same sentences,
``process.cdist(S, S, scorer=fuzz.ratio, processor=utils.default_process, dtype=np.uint8,
workers=-1, score_cutoff=60)``, timed around that call alone (reading and splitting the
sentences is not counted, which makes the yardstick stricter). Alternating the two keeps a
drifting machine from favouring either; the ratio is taken round by round, and the medians
are printed. The targets: export at most 2.0 s on a quiet machine and at most 0.25x brute
force. Run by hand, not in CI: it needs ``../shared/data`` and takes about a minute a round.

The export runs as Python usually runs an installed program: from its modules' bytecode,
which ``pip install`` writes (an editable install writes it on the first run). This
workplace sets PYTHONDONTWRITEBYTECODE, under which no run ever writes it and every export
compiles the project's modules again (about 0.1 s), so the project's bytecode is written
first (``compileall``, into the ``__pycache__`` folders git ignores). ``--compile-each-run``
times that workplace condition instead: the project's bytecode is removed and none written.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from rapidfuzz import fuzz, process, utils  # noqa: E402

from aligner.load.corpus import load_documents  # noqa: E402
from aligner.text.articles import build_article  # noqa: E402
from bench.scale import (  # noqa: E402
    DEFAULT_MSRP,
    SEED,
    msrp_corpus,
    read_msrp_pairs,
    write_corpus,
)

EXPORT_TARGET_SECONDS = 2.0
RATIO_TARGET = 0.25


def prose_sentences(folder: Path) -> list[str]:
    """The prose sentences the engine compares in ``folder``, split as it splits them."""
    documents = load_documents([folder]).documents
    return [
        sentence.text
        for number, document in enumerate(documents)
        for sentence in build_article(number, document).prose
    ]


def brute_force_seconds(sentences: Sequence[str]) -> float:
    """Wall seconds of the issue's cdist over every pair of ``sentences``."""
    start = time.perf_counter()
    process.cdist(
        sentences,
        sentences,
        scorer=fuzz.ratio,
        processor=utils.default_process,
        dtype=np.uint8,
        workers=-1,
        score_cutoff=60,
    )
    return time.perf_counter() - start


def export_seconds(folder: Path, env: Mapping[str, str] | None = None) -> float:
    """Wall seconds of a whole ``parallax export`` of ``folder`` to JSON, in a new process
    (``env``: its environment, this one's by default)."""
    command = [sys.executable, "-m", "tui.cli", "export", str(folder), "-o", "-"]
    start = time.perf_counter()
    subprocess.run(
        [*command, "--format", "json"],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
        env=None if env is None else dict(env),
    )
    return time.perf_counter() - start


# The packages a ``parallax export`` imports from the project.
PROJECT_PACKAGES = ("aligner", "tui")


def write_bytecode() -> None:
    """The project's modules compiled to their ``__pycache__`` folders, as an install does."""
    for package in PROJECT_PACKAGES:
        compileall.compile_dir(REPO / package, quiet=1)


def remove_bytecode() -> None:
    """The project's ``__pycache__`` folders removed (only the project's: the standard
    library and the installed packages keep theirs, as under PYTHONDONTWRITEBYTECODE)."""
    for package in PROJECT_PACKAGES:
        for cache in sorted((REPO / package).rglob("__pycache__")):
            shutil.rmtree(cache)


def compiling_environment() -> dict[str, str]:
    """This environment, with no bytecode written: with ``remove_bytecode`` first, every run
    compiles the project's modules again."""
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def measure(folder: Path, rounds: int, *, compile_each_run: bool = False) -> str:
    """Alternate the two ``rounds`` times and describe the medians and ratios (the export
    from written bytecode, or ``compile_each_run``)."""
    if compile_each_run:
        remove_bytecode()
        return _measured(folder, rounds, compiling_environment(), compile_each_run)
    write_bytecode()
    return _measured(folder, rounds, None, compile_each_run)


def _measured(
    folder: Path, rounds: int, env: Mapping[str, str] | None, compile_each_run: bool
) -> str:
    sentences = prose_sentences(folder)
    exports, brutes, ratios = [], [], []
    for number in range(1, rounds + 1):
        exported = export_seconds(folder, env)
        brute = brute_force_seconds(sentences)
        exports.append(exported)
        brutes.append(brute)
        ratios.append(exported / brute)
        print(
            f"round {number}: export {exported:.2f} s, brute force {brute:.2f} s, "
            f"ratio {exported / brute:.3f}",
            file=sys.stderr,
        )
    files = sum(1 for _ in folder.iterdir())
    export, ratio = statistics.median(exports), statistics.median(ratios)
    return "\n".join(
        [
            f"{folder}: {files} files, {len(sentences):,} prose sentences, {rounds} rounds, "
            f"load average before {os.getloadavg()[0]:.2f}, "
            + ("modules compiled in every run" if compile_each_run else "bytecode written"),
            f"export       median {export:.2f} s (min {min(exports):.2f}, max {max(exports):.2f})"
            f"  target <= {EXPORT_TARGET_SECONDS} s: {_verdict(export <= EXPORT_TARGET_SECONDS)}",
            f"brute force  median {statistics.median(brutes):.2f} s "
            f"(min {min(brutes):.2f}, max {max(brutes):.2f})",
            f"ratio        median {ratio:.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
            f"  target <= {RATIO_TARGET}: {_verdict(ratio <= RATIO_TARGET)}",
        ]
    )


def _verdict(met: bool) -> str:
    return "met" if met else "not met"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, help="measure this folder instead")
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--msrp", type=Path, default=DEFAULT_MSRP)
    parser.add_argument(
        "--compile-each-run",
        action="store_true",
        help="time the export with no bytecode to read (see the module's docstring)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    if args.folder is not None:
        print(measure(args.folder, args.rounds, compile_each_run=args.compile_each_run))
        return 0
    if not args.msrp.is_file():
        print(f"MSRP file not found at {args.msrp}", file=sys.stderr)
        return 2
    corpus = msrp_corpus(read_msrp_pairs(args.msrp), sentences=args.sentences, seed=SEED)
    with tempfile.TemporaryDirectory(prefix="parallax-yardstick-") as scratch:
        folder = Path(scratch) / f"msrp-{args.sentences}"
        write_corpus(corpus, folder)
        print(measure(folder, args.rounds, compile_each_run=args.compile_each_run))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
