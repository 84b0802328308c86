"""``compare``: files -> Articles -> aligned, classified groups -> one Comparison."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from aligner.load.corpus import Document, load_documents, natural_sort_key
from aligner.load.limits import within_line_limit
from aligner.load.resources import sample_corpus_dir
from aligner.result.model import Article, CompareOptions, Comparison, SkippedFile
from aligner.runtime.cancel import Cancelled, checkpoint, stopping_when  # noqa: F401 (Cancelled: re-exported)
from aligner.runtime.collector import collector_paused
from aligner.text.articles import build_articles

Progress = Callable[[str, float], None]
_DEFAULTS = CompareOptions()


def compare(
    paths: Sequence[str | Path] | None = None,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    workers: int = 1,
    threshold: float = _DEFAULTS.threshold,
    pivot: int = _DEFAULTS.pivot,
    recursive: bool = _DEFAULTS.recursive,
    max_file_bytes: int = _DEFAULTS.max_file_bytes,
    max_sentences: int = _DEFAULTS.max_sentences,
    max_convert_seconds: float = _DEFAULTS.max_convert_seconds,
) -> Comparison:
    """Load ``paths`` (default: the sample corpus) and compare every article with every other.

    The options after ``workers`` are ``CompareOptions``'s fields, recorded in the result:
    ``threshold`` (0-100) two sentences need to be one claim, the ``pivot`` article whose
    order rows follow, ``recursive`` into sub-folders, and the limits on a file's bytes, on
    the sentences and lines of a comparison, and on a converter's seconds. ``progress(stage,
    fraction)`` is
    called between stages; once ``should_stop()`` returns true, ``Cancelled`` is raised at the
    next checkpoint: every long loop of every stage has them (aligner/runtime/cancel.py), and forked
    children are killed.
    ``workers`` > 1 lets the sentence splitting, sentence analysis, candidate pairs and their
    scores, conflict checks, and the groups' scores and similarity of a large corpus run in
    that many processes (forked, and only where that is safe: see
    aligner/runtime/parallel.py); the result is the same.
    """
    settings = CompareOptions(
        threshold=threshold,
        pivot=pivot,
        recursive=recursive,
        max_file_bytes=max_file_bytes,
        max_sentences=max_sentences,
        max_convert_seconds=max_convert_seconds,
    )
    report = _Reporter(progress)
    with collector_paused(), stopping_when(should_stop):
        report("loading", 0.0)
        loaded = load_documents(
            list(paths) if paths else [sample_corpus_dir()],
            recursive=settings.recursive,
            max_file_bytes=settings.max_file_bytes,
            max_convert_seconds=settings.max_convert_seconds,
        )
        documents = loaded.documents if paths else tuple(map(_as_sample_path, loaded.documents))
        documents, too_long = within_line_limit(documents, settings.max_sentences)
        skipped = sorted((*loaded.skipped, *too_long), key=lambda s: natural_sort_key(s.path))
        report("splitting sentences", 0.2)
        articles, features = build_articles(
            documents,
            workers,
            settings.max_sentences,
            alongside=_import_later_stages,
            alongside_weight=LATER_STAGES_IMPORT_CHARS,
        )
        from aligner.stages import align_and_classify

        result = align_and_classify(articles, skipped, settings, report, workers, features)
        return replace(result, notices=loaded.notices)


def compare_articles(
    articles: Sequence[Article],
    skipped: Sequence[SkippedFile],
    settings: CompareOptions,
    report: Callable[[str, float], None] | None = None,
    *,
    workers: int = 1,
) -> Comparison:
    """Align and classify already segmented articles (``workers``: see ``compare``)."""
    from aligner.stages import align_and_classify

    with collector_paused():
        return align_and_classify(articles, skipped, settings, report or _no_report, workers)


def _import_later_stages() -> None:
    """Import what ``compare`` needs after the splitting (aligner/stages.py: the matching and
    conflict modules, numpy, rapidfuzz): about 0.06 s, done while a child splits sentences
    instead of before (``build_articles``'s ``alongside``)."""
    import aligner.stages  # noqa: F401


# What importing the later stages costs, in the characters of text that splitting and reading
# takes as long for (``alongside_weight``): 0.06 s, 0.58 us a character (msrp10k14, written
# bytecode). The process that imports them splits that much less.
LATER_STAGES_IMPORT_CHARS = 100_000


def _no_report(stage: str, fraction: float) -> None:
    pass


class _Reporter:
    def __init__(self, progress: Progress | None):
        self._progress = progress

    def __call__(self, stage: str, fraction: float) -> None:
        checkpoint()
        if self._progress is not None:
            self._progress(stage, fraction)


def _as_sample_path(document: Document) -> Document:
    # The sample corpus lives wherever the package is installed; name it the same way on
    # every machine so that its exports are byte-identical everywhere.
    return replace(document, path=f"sample_corpus/{Path(document.path).name}")
