"""Scale benchmark: stage times, end to end, peak RSS and candidate recall against brute force.

Run by hand, not in CI (the brute-force reference, every cross-article pair scored with the
engine's own scorer, takes minutes at 10k sentences and about 20 at 20k):

    python bench/scale.py [--sizes 1000,5000,10000,20000] [--runs 3]
                          [--source msrp|synthetic|both] [--msrp PATH] [--no-brute]
                          [--json out.json] [--profile]

Every corpus is written as real files into a temporary folder, so loading and sentence
splitting are measured too. Each measured run happens in a fresh process, like a real
``parallax export``: nothing warmed by an earlier run (stem cache, tokenizer) helps a later one.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import rapidfuzz  # noqa: E402

from aligner.export import render  # noqa: E402
from aligner.load.corpus import load_documents  # noqa: E402
from aligner.match.candidates import candidate_pairs  # noqa: E402
from aligner.match.counterparts import CounterpartScorer, prose_positions  # noqa: E402
from aligner.pipeline import compare  # noqa: E402
from aligner.result.model import CompareOptions, Sentence  # noqa: E402
from aligner.text.articles import build_article  # noqa: E402
from aligner.text.features import SentenceFeatures, sentence_features  # noqa: E402
from bench.quality import read_msrp  # noqa: E402
from tui.cli import usable_cpus  # noqa: E402

DEFAULT_MSRP = REPO.parent / "shared" / "data" / "msr_paraphrase_train.txt"
DEFAULT_SIZES = (1_000, 5_000, 10_000, 20_000)
SEED = 20_240_501
SENTENCES_PER_ARTICLE = 40
# Issue 13 defines the speed target's scale corpus as the MSRP sentences, one article per 14
# sentences (about 780 files at 10k): many small articles, as in a folder of news.
MSRP_SENTENCES_PER_ARTICLE = 14

STAGES = ("load", "segment", "align", "classify", "export")
# The pipeline's progress reports mark its stage boundaries; each report starts the stage
# named here (None: the comparison is finished). A new report name must be added here, so
# the benchmark never silently books time to the wrong stage. With worker processes the
# sentences are analysed where they are split, so "segment" includes their analysis.
STAGE_OF_REPORT: dict[str, str | None] = {
    "loading": "load",
    "splitting sentences": "segment",
    "analysing sentences": "align",
    "aligning": "align",
    "finding contradictions": "classify",
    "summarising": "classify",
    "done": None,
}

# The brute-force reference scores this many pairs per call: large enough that the per-call
# work (coding the sentences as strings) is noise, small enough to bound its memory (~1 GB).
BRUTE_CHUNK_PAIRS = 4_000_000


# --- corpora -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftArticle:
    """One article to write: paragraphs of sentences, one paragraph per line."""

    paragraphs: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class DraftCorpus:
    """Generated articles and what a reader of the table should know about them."""

    name: str
    size: int
    articles: tuple[DraftArticle, ...]
    notes: tuple[str, ...] = ()


def as_paragraphs(sentences: Sequence[str], rng: random.Random) -> tuple[tuple[str, ...], ...]:
    """Group sentences into paragraphs of one to four, as news articles do."""
    paragraphs = []
    position = 0
    while position < len(sentences):
        length = rng.randint(1, 4)
        paragraphs.append(tuple(sentences[position : position + length]))
        position += length
    return tuple(paragraphs)


def write_corpus(corpus: DraftCorpus, folder: Path) -> None:
    """One UTF-8 ``.txt`` file per article: paragraphs separated by blank lines."""
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(len(corpus.articles)))
    for number, article in enumerate(corpus.articles, start=1):
        text = "\n\n".join(" ".join(paragraph) for paragraph in article.paragraphs)
        (folder / f"article-{number:0{width}d}.txt").write_text(text + "\n", encoding="utf-8")


def read_msrp_pairs(path: Path) -> list[tuple[str, str]]:
    """(#1 string, #2 string) of every MSRP row, paraphrase or not."""
    return [(first, second) for _, first, second in read_msrp(path)]


def msrp_corpus(
    pairs: Sequence[tuple[str, str]],
    *,
    sentences: int,
    seed: int,
    per_article: int = MSRP_SENTENCES_PER_ARTICLE,
) -> DraftCorpus:
    """About ``sentences`` real news sentences: per block of pairs, one article tells the #1
    strings and another the #2 strings, each shuffled, so counterparts sit in different sources.

    MSRP has too few pairs for the largest sizes; each further pass over them perturbs every
    sentence lightly (word swap, dropped word, changed number), so near-copies appear in more
    than two articles.
    """
    rng = random.Random(f"msrp-{seed}-{sentences}")
    order = list(range(len(pairs)))
    rng.shuffle(order)
    wanted = max(1, sentences // 2)
    chosen: list[tuple[str, str]] = []
    for k in range(wanted):
        first, second = pairs[order[k % len(order)]]
        if k >= len(order):
            first, second = perturb(first, rng), perturb(second, rng)
        chosen.append((first, second))
    articles = []
    for start in range(0, wanted, per_article):
        block = chosen[start : start + per_article]
        for side in (0, 1):
            told = [pair[side] for pair in block]
            rng.shuffle(told)
            articles.append(DraftArticle(as_paragraphs(told, rng)))
    notes = ()
    if wanted > len(pairs):
        notes = (
            f"msrp/{_short_size(sentences)}: MSRP has {len(pairs):,} pairs; "
            f"{wanted - len(pairs):,} pairs are reused with a light perturbation "
            "(adjacent words swapped, a word dropped or a number changed).",
        )
    return DraftCorpus("msrp", sentences, tuple(articles), notes)


_NUMBER = re.compile(r"\d+")


def perturb(sentence: str, rng: random.Random) -> str:
    """The sentence with one light edit that keeps its first and last word in place."""
    words = sentence.split(" ")
    numbered = [k for k, word in enumerate(words) if _NUMBER.search(word)]
    edit = rng.choice(("swap", "drop", "number"))
    if edit == "number" and numbered:
        k = rng.choice(numbered)
        words[k] = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), words[k], 1)
    elif edit == "drop" and len(words) > 6:
        del words[rng.randint(1, len(words) - 2)]
    elif len(words) > 3:
        k = rng.randint(1, len(words) - 3)
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


_FUNCTION_WORDS = (
    *("the", "a", "of", "in", "to", "and", "on", "for", "with", "at", "by", "from", "said"),
    *("was", "were", "has", "had", "that", "after", "over", "its", "their", "into", "about"),
)
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"


class SyntheticWriter:
    """Pseudo-English: function words between pseudo-words drawn from a Zipf-like law."""

    def __init__(self, rng: random.Random, *, vocabulary: int = 4_000, names: int = 400) -> None:
        self._rng = rng
        words = _pseudo_words(rng, vocabulary + names)
        self._vocabulary = words[:vocabulary]
        self._names = [w.capitalize() for w in words[vocabulary:]]
        # Zipf-Mandelbrot, weight 1 / (k + 10): the function words are drawn separately, so
        # the commonest pseudo-word is about 1.5% of content words, as in news text; a pure
        # Zipf law (1 / k) would make it a ninth of them and every sentence would share it.
        self._cumulative = list(
            itertools.accumulate(1.0 / (k + 10) for k in range(1, vocabulary + 1))
        )

    def word(self) -> str:
        """A pseudo-word, frequent ones far more often than rare ones."""
        return self._rng.choices(self._vocabulary, cum_weights=self._cumulative)[0]

    def sentence(self) -> list[str]:
        """The words of a fresh sentence (no final full stop), 10-28 of them."""
        rng = self._rng
        words = [rng.choice(_FUNCTION_WORDS) if rng.random() < 0.35 else self.word()]
        words += [
            rng.choice(_FUNCTION_WORDS) if rng.random() < 0.35 else self.word()
            for _ in range(rng.randint(9, 27))
        ]
        if rng.random() < 0.4:
            words.insert(rng.randint(1, len(words)), str(rng.randint(2, 999)))
        if rng.random() < 0.5:
            words.insert(rng.randint(1, len(words)), rng.choice(self._names))
        return words

    def retell(self, words: Sequence[str]) -> list[str]:
        """A paraphrase-like retelling: one to three swaps, insertions, deletions, new figures."""
        rng = self._rng
        told = list(words)
        for _ in range(rng.randint(1, 3)):
            edit = rng.random()
            if edit < 0.3 and len(told) > 2:
                k = rng.randrange(len(told) - 1)
                told[k], told[k + 1] = told[k + 1], told[k]
            elif edit < 0.5:
                told.insert(rng.randint(0, len(told)), self.word())
            elif edit < 0.7 and len(told) > 6:
                del told[rng.randrange(len(told))]
            elif edit < 0.85:
                told[rng.randrange(len(told))] = self.word()
            else:
                figures = [k for k, w in enumerate(told) if w.isdigit()]
                if figures:
                    told[rng.choice(figures)] = str(rng.randint(2, 999))
        return told


def as_sentence(words: Sequence[str]) -> str:
    """Words -> a capitalised sentence with a full stop."""
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def synthetic_corpus(*, sentences: int, seed: int) -> DraftCorpus:
    """About ``sentences`` sentences without external data: events of base sentences, each
    article retelling part of one event (with edits, in the event's order) between sentences
    of its own, so shared and unique sentences both exist."""
    rng = random.Random(f"synthetic-{seed}-{sentences}")
    writer = SyntheticWriter(rng)
    article_count = max(2, round(sentences / SENTENCES_PER_ARTICLE))
    articles = []
    while len(articles) < article_count:
        event = [writer.sentence() for _ in range(60)]
        for _ in range(min(rng.randint(3, 6), article_count - len(articles))):
            retold = sorted(rng.sample(range(len(event)), rng.randint(18, 30)))
            told = [writer.retell(event[k]) for k in retold]
            for _ in range(SENTENCES_PER_ARTICLE - len(told)):
                told.insert(rng.randint(0, len(told)), writer.sentence())
            articles.append(DraftArticle(as_paragraphs([as_sentence(w) for w in told], rng)))
    return DraftCorpus("synthetic", sentences, tuple(articles))


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct pronounceable words of two to four syllables."""
    found: dict[str, None] = {}
    while len(found) < count:
        syllables = rng.randint(2, 4)
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
        found.setdefault(word, None)
    return list(found)


# --- timing the pipeline -------------------------------------------------------------------


class UnknownStage(RuntimeError):
    """The pipeline reported a stage this benchmark does not know how to book."""


class StageClock:
    """A ``progress`` callback that turns the pipeline's stage reports into wall times."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._stage: str | None = None
        self._since = 0.0
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    def __call__(self, report: str, fraction: float) -> None:
        if report not in STAGE_OF_REPORT:
            raise UnknownStage(f"pipeline stage {report!r} is not in STAGE_OF_REPORT")
        now = self._clock()
        if self._stage is not None:
            self.seconds[self._stage] += now - self._since
        self._stage = STAGE_OF_REPORT[report]
        self._since = now


@dataclass(frozen=True, slots=True)
class StageRun:
    """Wall seconds per stage of one in-process comparison + JSON export."""

    seconds: dict[str, float]
    sentences: int


def measure_stages(folder: Path) -> StageRun:
    """Compare ``folder`` and render it as JSON, timing each stage, with as many worker
    processes as ``parallax export`` uses."""
    clock = StageClock()
    comparison = compare([folder], progress=clock, workers=usable_cpus())
    started = time.perf_counter()
    render(comparison, fmt="json")
    clock.seconds["export"] = time.perf_counter() - started
    prose = sum(len(article.prose) for article in comparison.articles)
    return StageRun(dict(clock.seconds), prose)


def measure_stages_fresh(folder: Path) -> StageRun:
    """``measure_stages`` in a new process, so no cache warmed by another run helps."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(measure_stages, folder).result()


@dataclass(frozen=True, slots=True)
class EndToEnd:
    """One ``parallax export --format json`` run: wall seconds and peak resident memory."""

    seconds: float
    peak_rss_mb: float


# `python -m tui.cli ARGS` that reports its peak RSS on stderr at exit. Not ru_maxrss: Linux
# carries the parent's high-water mark over fork + exec into the child's, and this benchmark's
# own process is large after a brute-force run. VmHWM belongs to the new program alone.
_CLI_WITH_PEAK_RSS = """
import atexit, re, resource, runpy, sys

def _report_peak_rss():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            kilobytes = int(re.search(r"VmHWM:\\s*(\\d+)", status.read()).group(1))
    except (OSError, AttributeError):
        kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\npeak-rss-kb {kilobytes}\\n")

atexit.register(_report_peak_rss)
runpy.run_module("tui.cli", run_name="__main__", alter_sys=True)
"""
_PEAK_RSS_LINE = re.compile(r"^peak-rss-kb (\d+)$", re.MULTILINE)


def measure_end_to_end(folder: Path) -> EndToEnd:
    """Run ``python -m tui.cli export FOLDER --format json`` in a subprocess, output discarded."""
    arguments = ["export", str(folder), "--format", "json"]
    command = [sys.executable, "-c", _CLI_WITH_PEAK_RSS, *arguments]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    errors = done.stderr.decode("utf-8", "replace")
    peak = _PEAK_RSS_LINE.search(errors)
    if done.returncode != 0 or peak is None:
        shown = " ".join(["python -m tui.cli", *arguments])
        raise RuntimeError(f"{shown} failed ({done.returncode}): {errors}")
    return EndToEnd(seconds, int(peak.group(1)) / 1024)


# --- brute-force reference -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProseSentences:
    """The prose sentences the aligner sees, their features, articles and candidate pairs."""

    sentences: tuple[Sentence, ...]
    features: list[SentenceFeatures]
    article_of: np.ndarray
    candidates: tuple[np.ndarray, np.ndarray]


def prose_sentences(folder: Path) -> ProseSentences:
    """What ``compare_articles`` aligns for ``folder``, and ``candidate_pairs``' output for it."""
    documents = load_documents([folder]).documents
    articles = [build_article(k, document) for k, document in enumerate(documents)]
    sentences = tuple(s for article in articles for s in article.prose)
    index_of_article = {article.id: k for k, article in enumerate(articles)}
    article_of = np.array([index_of_article[s.article_id] for s in sentences], dtype=np.int64)
    features = [sentence_features(s.text) for s in sentences]
    return ProseSentences(sentences, features, article_of, candidate_pairs(features, article_of))


@dataclass(frozen=True, slots=True)
class BruteForce:
    """The all-pairs reference: every cross-article pair scored with the engine's scorer."""

    seconds: float
    pairs: int  # cross-article pairs scored
    candidates: int  # pairs candidate_pairs proposes
    true_pairs: int  # pairs scoring at least the threshold
    found: int  # of those, how many are candidates

    @property
    def recall(self) -> float:
        """Share of the pairs brute force finds at or above the threshold that are candidates."""
        return self.found / self.true_pairs if self.true_pairs else 1.0


def cross_pairs(article_of: np.ndarray, rows: range) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j), i in ``rows`` and j > i, of sentences from different articles."""
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    row_ids = np.arange(rows.start, rows.stop)[:, None]
    column_ids = np.arange(rows.start, len(article_of))[None, :]
    valid = (column_ids > row_ids) & (article_of[row_ids] != article_of[column_ids])
    left, right = np.nonzero(valid)
    return left.astype(np.int64) + rows.start, right.astype(np.int64) + rows.start


def brute_force(
    prose: ProseSentences, *, threshold: float, chunk_pairs: int = BRUTE_CHUNK_PAIRS
) -> BruteForce:
    """Score all cross-article pairs with the engine's counterpart scorer (the upper triangle:
    the score is symmetric), in row blocks of about ``chunk_pairs`` pairs to bound memory, timing
    the folder's term weights and the scoring, and count how many pairs at or above
    ``threshold`` are candidates."""
    n = len(prose.features)
    cand_left, cand_right = prose.candidates
    candidate_keys = np.sort(cand_left * n + cand_right)
    started = time.perf_counter()
    scorer = CounterpartScorer(
        prose.features, prose.article_of.tolist(), prose_positions(prose.article_of).tolist()
    )
    seconds = time.perf_counter() - started
    pairs = true_pairs = found = 0
    start = 0
    while start < n - 1:
        stop = min(n - 1, start + max(1, chunk_pairs // (n - start)))
        left, right = cross_pairs(prose.article_of, range(start, stop))
        started = time.perf_counter()
        scores = scorer.scores(left, right)
        seconds += time.perf_counter() - started
        hits = scores >= threshold
        keys = left[hits] * n + right[hits]
        pairs += len(left)
        true_pairs += len(keys)
        found += int(np.count_nonzero(np.isin(keys, candidate_keys, assume_unique=True)))
        start = stop
    return BruteForce(seconds, pairs, len(cand_left), true_pairs, found)


# --- one corpus, all figures -----------------------------------------------------------------


@dataclass
class Row:
    """Every figure of one corpus: medians of the runs, the raw runs and the reference."""

    corpus: str
    size: int
    sentences: int
    stages: dict[str, float]
    end_to_end: float
    peak_rss_mb: float
    candidates: int
    runs: list[dict[str, float]] = field(default_factory=list)
    brute: BruteForce | None = None

    @property
    def label(self) -> str:
        return f"{self.corpus}/{_short_size(self.size)}"

    @property
    def speed_ratio(self) -> float | None:
        """Brute-force seconds per second of our align stage."""
        if self.brute is None or not self.stages["align"]:
            return None
        return self.brute.seconds / self.stages["align"]


def benchmark_corpus(
    corpus: DraftCorpus, *, runs: int, brute: bool, fresh_process: bool = True
) -> Row:
    """Write ``corpus`` to a temporary folder and measure it ``runs`` times (+ brute force)."""
    measure = measure_stages_fresh if fresh_process else measure_stages
    with tempfile.TemporaryDirectory(prefix="parallax-scale-") as tmp:
        folder = Path(tmp) / corpus.name
        write_corpus(corpus, folder)
        stage_runs = [measure(folder) for _ in range(runs)]
        end_to_end = [measure_end_to_end(folder) for _ in range(runs)]
        prose = prose_sentences(folder)
        threshold = CompareOptions().threshold
        reference = brute_force(prose, threshold=threshold) if brute else None
    runs_table = [
        {**run.seconds, "e2e": e2e.seconds, "peak_rss_mb": e2e.peak_rss_mb}
        for run, e2e in zip(stage_runs, end_to_end, strict=True)
    ]
    return Row(
        corpus=corpus.name,
        size=corpus.size,
        sentences=stage_runs[0].sentences,
        stages={s: statistics.median(r.seconds[s] for r in stage_runs) for s in STAGES},
        end_to_end=statistics.median(e.seconds for e in end_to_end),
        peak_rss_mb=statistics.median(e.peak_rss_mb for e in end_to_end),
        candidates=len(prose.candidates[0]),
        runs=runs_table,
        brute=reference,
    )


def profile_corpus(corpus: DraftCorpus, *, top: int = 25) -> str:
    """cProfile of one in-process comparison + JSON export: the engine's ``top`` functions by
    cumulative time (where each stage's time goes), then all functions by own time.

    rapidfuzz's worker threads are invisible to cProfile: their time is booked to the calling
    ``cdist``/``cpdist``.
    """
    with tempfile.TemporaryDirectory(prefix="parallax-profile-") as tmp:
        folder = Path(tmp) / corpus.name
        write_corpus(corpus, folder)
        profiler = cProfile.Profile()
        profiler.enable()
        render(compare([folder]), fmt="json")
        profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(r"[/\\]aligner[/\\]", top)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    return stream.getvalue()


# --- report --------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """Where the figures were measured."""
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "engine": engine_version(),
        "load_average": load_average(),
        "cpus": str(cores),
        "cpu": model,
        "python": platform.python_version(),
        "rapidfuzz": rapidfuzz.__version__,
        "numpy": np.__version__,
        "platform": platform.platform(),
        "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


def engine_version() -> str:
    """The commit measured, marked when the engine has uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "aligner"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{commit or 'unknown'}{' + uncommitted engine changes' if changed else ''}"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews every figure."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


_COLUMNS = (
    ("corpus", 15),
    ("sentences", 9),
    ("load", 6),
    ("segment", 7),
    ("align", 6),
    ("classify", 8),
    ("export", 6),
    ("e2e", 6),
    ("RSS MB", 6),
    ("cands", 7),
    ("brute s", 7),
    ("ratio", 6),
    ("recall", 6),
)


def format_table(rows: Sequence[Row]) -> str:
    """One line per corpus and size; times in seconds."""
    lines = [_table_line([name for name, _ in _COLUMNS])]
    for row in rows:
        ratio = row.speed_ratio
        cells = [
            row.label,
            f"{row.sentences:,}",
            *(f"{row.stages[stage]:.3f}" for stage in STAGES),
            f"{row.end_to_end:.2f}",
            f"{row.peak_rss_mb:.0f}",
            f"{row.candidates:,}",
            f"{row.brute.seconds:.1f}" if row.brute else "—",
            f"{ratio:.1f}×" if ratio is not None else "—",
            f"{row.brute.recall:.4f}" if row.brute else "—",
        ]
        lines.append(_table_line(cells))
    return "\n".join(lines)


def _table_line(cells: Sequence[str]) -> str:
    """The first cell left-aligned, the figures right-aligned, in the columns' widths."""
    widths = [width for _, width in _COLUMNS]
    first = f"{cells[0]:<{widths[0]}}"
    rest = (f"{cell:>{width}}" for cell, width in zip(cells[1:], widths[1:], strict=True))
    return " ".join([first, *rest])


def table_notes(rows: Sequence[Row], corpora_notes: Sequence[str], *, runs: int) -> list[str]:
    """What the columns mean and how the reference was computed."""
    notes = [
        f"Stage and e2e times are medians of {runs} run(s), each in a fresh process with "
        f"{usable_cpus()} worker process(es), as `parallax export` uses. load, "
        "segment: files -> Articles; align: features, candidates, scoring, grouping; classify: "
        "conflicts, display order, labels, stats; export: JSON render. e2e: `python -m tui.cli "
        "export DIR --format json` (stdout to /dev/null); RSS MB: its peak resident memory.",
        "cands: pairs candidate_pairs proposes for scoring. brute s: the counterpart scorer "
        "(the engine's own scorer: numpy over the folder's term weights) over every cross-article "
        f"pair, upper triangle, in chunks of about {BRUTE_CHUNK_PAIRS:,} pairs, run once. "
        "ratio: brute s / align. recall: of the pairs brute force scores at or above the "
        "default threshold, the share candidate_pairs proposes.",
    ]
    for row in rows:
        if row.brute is not None:
            b = row.brute
            notes.append(
                f"{row.label}: brute force scored {b.pairs:,} pairs; {b.true_pairs:,} reach "
                f"the threshold, {b.found:,} of them are candidates."
            )
    return [*notes, *corpora_notes]


def report(rows: Sequence[Row], notes: Sequence[str], info: dict[str, str]) -> str:
    """The printed benchmark: machine, table, notes."""
    header = [
        f"Machine: {info['cpus']} CPUs ({info['cpu']}), Python {info['python']}, "
        f"rapidfuzz {info['rapidfuzz']}, numpy {info['numpy']}",
        f"Engine: commit {info['engine']}; date: {info['date']}; "
        f"load average before: {info['load_before']}, after: {info['load_average']}",
        "",
    ]
    return "\n".join([*header, format_table(rows), "", *(f"- {note}" for note in notes)])


def as_json(rows: Sequence[Row], notes: Sequence[str], info: dict[str, str]) -> str:
    """Every figure, for programs."""
    data = {
        "machine": info,
        "rows": [
            {
                "corpus": row.corpus,
                "size": row.size,
                "sentences": row.sentences,
                "stages": row.stages,
                "e2e": row.end_to_end,
                "peak_rss_mb": row.peak_rss_mb,
                "runs": row.runs,
                "candidates": row.candidates,
                "brute": None
                if row.brute is None
                else {**asdict(row.brute), "recall": row.brute.recall},
                "speed_ratio": row.speed_ratio,
            }
            for row in rows
        ],
        "notes": list(notes),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _short_size(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


# --- command line --------------------------------------------------------------------------


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of numbers: {value}"
        ) from None
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError("sizes must be 2 or more")
    return sizes


def build_corpora(
    sources: Sequence[str],
    sizes: Sequence[int],
    msrp: Path,
    per_article: int = MSRP_SENTENCES_PER_ARTICLE,
) -> list[DraftCorpus]:
    """The corpora to measure, MSRP ones first (``per_article`` sentences in each of their
    articles); MSRP is skipped when its file is missing."""
    corpora = []
    if "msrp" in sources:
        if not msrp.is_file():
            print(f"MSRP file not found at {msrp}; skipping the msrp corpora", file=sys.stderr)
        else:
            pairs = read_msrp_pairs(msrp)
            corpora += [
                msrp_corpus(pairs, sentences=size, seed=SEED, per_article=per_article)
                for size in sizes
            ]
    if "synthetic" in sources:
        corpora += [synthetic_corpus(sentences=size, seed=SEED) for size in sizes]
    return corpora


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", choices=("msrp", "synthetic", "both"), default="both")
    parser.add_argument("--msrp", type=Path, default=DEFAULT_MSRP)
    parser.add_argument(
        "--per-article",
        type=int,
        default=MSRP_SENTENCES_PER_ARTICLE,
        help="sentences in each article of the msrp corpora (default: issue 13's 14)",
    )
    parser.add_argument("--no-brute", action="store_true", help="skip the brute-force reference")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the largest corpus per source"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")

    load_before = load_average()
    sources = ("msrp", "synthetic") if args.source == "both" else (args.source,)
    if args.per_article < 1:
        parser.error("--per-article must be 1 or more")
    corpora = build_corpora(sources, args.sizes, args.msrp, args.per_article)
    if not corpora:
        return 2
    rows = []
    for corpus in corpora:
        print(f"measuring {corpus.name}/{_short_size(corpus.size)} ...", file=sys.stderr)
        rows.append(benchmark_corpus(corpus, runs=args.runs, brute=not args.no_brute))
    corpora_notes = [note for corpus in corpora for note in corpus.notes]
    notes = table_notes(rows, corpora_notes, runs=args.runs)
    info = {**machine(), "load_before": load_before}
    print(report(rows, notes, info))
    if args.profile:
        for name in sources:
            largest = max(
                (c for c in corpora if c.name == name), key=lambda c: c.size, default=None
            )
            if largest is not None:
                print(f"\nProfile of {largest.name}/{_short_size(largest.size)} (by own time):")
                print(profile_corpus(largest))
    if args.json:
        args.json.write_text(as_json(rows, notes, info), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
